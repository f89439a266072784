import type { Page } from 'playwright-core';

/** Charts draw only once scrolled into view: bring the chart's card there and wait for it. */
async function chartReady(page: Page, label: string, container: string): Promise<void> {
  await page.locator(container).first().scrollIntoViewIfNeeded();
  await page.waitForFunction((l) => !!window.__taskdeckCharts?.get(l), label);
}

/** Waits for a chart by its label and returns its series names. */
export async function seriesOf(page: Page, label: string, container: string): Promise<string[]> {
  await chartReady(page, label, container);
  return page.evaluate((l) => {
    const opt = window.__taskdeckCharts!.get(l)!.getOption() as { series: { name: string }[] };
    return opt.series.map((s) => s.name);
  }, label);
}

/** Shows the chart's tooltip at a data point (series index, data index) and returns its text. */
export async function tooltipAt(
  page: Page,
  label: string,
  container: string,
  seriesIndex: number,
  dataIndex: number,
): Promise<string> {
  await chartReady(page, label, container);
  await page.evaluate(
    ({ l, seriesIndex, dataIndex }) =>
      window.__taskdeckCharts!.get(l)!.dispatchAction({ type: 'showTip', seriesIndex, dataIndex }),
    { l: label, seriesIndex, dataIndex },
  );
  const chart = page.getByRole('img', { name: label }).locator('xpath=..');
  await page.waitForFunction((l) => {
    const el = document.querySelector(`[aria-label="${l}"]`);
    return !!el && (el.textContent ?? '').trim().length > 0;
  }, label);
  return chart.innerText();
}
