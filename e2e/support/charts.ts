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
  // Asked again until it shows: the chart's points may arrive after it is drawn, and new points hide a tooltip shown
  // before them (seen on a busy machine: the one request for it was made before the loss chart's points came).
  const until = Date.now() + 30_000;
  for (;;) {
    await page.evaluate(
      ({ l, seriesIndex, dataIndex }) =>
        window.__taskdeckCharts!.get(l)!.dispatchAction({ type: 'showTip', seriesIndex, dataIndex }),
      { l: label, seriesIndex, dataIndex },
    );
    const shown = await page
      .waitForFunction(
        (l) => {
          const el = document.querySelector(`[aria-label="${l}"]`);
          return !!el && (el.textContent ?? '').trim().length > 0;
        },
        label,
        { timeout: 1_000 },
      )
      .then(
        () => true,
        () => false,
      );
    if (shown) break;
    if (Date.now() > until) throw new Error(`No tooltip on ${label} at series ${seriesIndex}, point ${dataIndex}`);
  }
  return page.getByRole('img', { name: label }).locator('xpath=..').innerText();
}

/** A line as a chart draws it: a line series, or a task's line in compare's merged series (the same fields). */
export interface DrawnLine {
  name: string;
  type: string;
  data: [number, number][];
  lineStyle: { color: string; width: number; opacity: number };
}

/** The lines of a chart by its label (none while it is not drawn): its line series, and the task lines of a merged series. */
export function linesOf(page: Page, label: string): Promise<DrawnLine[] | undefined> {
  return page.evaluate((l) => {
    const o = window.__taskdeckCharts?.get(l)?.getOption() as
      { series: (DrawnLine & { taskLines?: { lines: DrawnLine[] } })[] } | undefined;
    return o?.series.flatMap((s) => (s.type === 'line' ? [s] : (s.taskLines?.lines ?? [])));
  }, label);
}

/** Waits for a chart by its label and returns the names of the lines it draws. */
export async function lineNamesOf(page: Page, label: string, container: string): Promise<string[]> {
  await chartReady(page, label, container);
  return ((await linesOf(page, label)) ?? []).map((s) => s.name);
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A chart as drawn: its size, its plotting area (the first grid's; null without one) and every text with its box. */
export interface ChartLayout {
  width: number;
  height: number;
  grid: Box | null;
  /** Each text with the box its ink covers, as the browser measures it in the text's font (not ECharts' estimate). */
  texts: { text: string; box: Box }[];
}

/**
 * The drawn layout of the one chart whose label starts with `label` (ECharts' own layout, read from the page): what
 * a test checks when names must lie clear of each other, inside the chart, or leave room to the plot.
 */
export function chartLayout(page: Page, label: string): Promise<ChartLayout> {
  return page.evaluate((l) => {
    type Rect = { applyTransform(m: number[]): void; x: number; y: number; width: number; height: number };
    type El = {
      type?: string;
      style?: {
        text?: string;
        font?: string;
        textAlign?: CanvasTextAlign;
        textBaseline?: CanvasTextBaseline;
        x?: number;
        y?: number;
      };
      transform?: number[];
      getBoundingRect(): { clone(): Rect };
    };
    // ECharts estimates a text's height from a probe glyph (text-measure.ts); the browser knows what it draws.
    const ctx = document.createElement('canvas').getContext('2d')!;
    const inkOf = (e: El) => {
      const st = e.style!;
      ctx.font = st.font ?? '12px sans-serif';
      ctx.textAlign = st.textAlign ?? 'left';
      ctx.textBaseline = st.textBaseline ?? 'alphabetic';
      const m = ctx.measureText(st.text!);
      // ECharts' own rectangle, for its applyTransform; its place and size are the ink's.
      const r = e.getBoundingRect().clone();
      r.x = (st.x ?? 0) - m.actualBoundingBoxLeft;
      r.y = (st.y ?? 0) - m.actualBoundingBoxAscent;
      r.width = m.actualBoundingBoxLeft + m.actualBoundingBoxRight;
      r.height = m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
      return r;
    };
    const found = [...window.__taskdeckCharts!].filter(([label]) => label.startsWith(l));
    if (found.length !== 1) throw new Error(`${found.length} charts have a label starting with ${l}`);
    const c = found[0][1] as unknown as {
      getWidth(): number;
      getHeight(): number;
      getModel(): {
        getComponent(
          t: string,
          i: number,
        ): { coordinateSystem: { getRect(): { x: number; y: number; width: number; height: number } } } | undefined;
      };
      getZr(): { storage: { getDisplayList(): El[] } };
    };
    const g = c.getModel().getComponent('grid', 0)?.coordinateSystem.getRect();
    const texts = c
      .getZr()
      .storage.getDisplayList()
      .filter((e) => (e.type === 'text' || e.type === 'tspan') && typeof e.style?.text === 'string' && e.style.text !== '')
      .map((e) => {
        const r = inkOf(e);
        if (e.transform) r.applyTransform(e.transform);
        return { text: e.style!.text!, box: { x: r.x, y: r.y, w: r.width, h: r.height } };
      });
    return {
      width: c.getWidth(),
      height: c.getHeight(),
      grid: g ? { x: g.x, y: g.y, w: g.width, h: g.height } : null,
      texts,
    };
  }, label);
}
