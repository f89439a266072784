/**
 * The box of every chart tooltip. ECharts lays its tooltip out on one line (`white-space: nowrap`), so a long series or
 * metric name, which a script chooses, made a tooltip wider than its chart (`confine` cannot fit it) and the page
 * wider than the window, also once hidden. Here it wraps, at most 480 px wide and never wider than its chart (the
 * chart's box is the tooltip's containing block), so that `confine` can always keep it inside.
 */
export const TOOLTIP_BOX = {
  extraCssText: 'max-width: min(480px, 100%); white-space: normal; overflow-wrap: anywhere;',
  // Moved at once: sliding from where it stood (0.4 s by default) it crossed the chart's edge on its way.
  transitionDuration: 0,
};
