import { expect, it } from 'vitest';
import { withTooltipBox } from './tooltip-box';

it("gives a chart's tooltip a box that wraps within the chart, under the chart's own settings", () => {
  const drawn = withTooltipBox({ tooltip: { trigger: 'axis', transitionDuration: 1 }, series: [] });
  expect(drawn.tooltip).toEqual({
    trigger: 'axis',
    transitionDuration: 1,
    extraCssText: 'max-width: min(480px, 100%); white-space: normal; overflow-wrap: anywhere;',
  });
  expect(drawn.series).toEqual([]);
});

it('leaves an option without a tooltip, or with a list of them, as it is', () => {
  const none = { series: [] };
  const list = { tooltip: [{ trigger: 'item' }] };
  expect(withTooltipBox(none)).toBe(none);
  expect(withTooltipBox(list)).toBe(list);
});
