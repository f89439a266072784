import type { EChartsOption } from './plotly';

/**
 * The box of every chart tooltip. ECharts lays its tooltip out on one line (`white-space: nowrap`), so a long series or
 * metric name, which a script chooses, made a tooltip wider than its chart (`confine` cannot fit it) and the page
 * wider than the window, also once hidden. Here it wraps, at most 480 px wide and never wider than its chart (the
 * chart's box is the tooltip's containing block), so that `confine` can always keep it inside.
 */
const TOOLTIP_BOX = {
  extraCssText: 'max-width: min(480px, 100%); white-space: normal; overflow-wrap: anywhere;',
  // Moved at once: sliding from where it stood (0.4 s by default) it crossed the chart's edge on its way.
  transitionDuration: 0,
};

/**
 * The option with the tooltip box under the chart's own tooltip settings, where it has a tooltip. Given once, where
 * every chart is drawn (EChartCanvas), so that no chart can go without it.
 */
export function withTooltipBox(option: EChartsOption): EChartsOption {
  const tooltip = option.tooltip;
  if (!tooltip || typeof tooltip !== 'object' || Array.isArray(tooltip)) return option;
  return { ...option, tooltip: { ...TOOLTIP_BOX, ...tooltip } };
}
