/**
 * The longest an axis name is drawn (px; cut with an ellipsis beyond). A name comes from a script (a plot's axis
 * title, a metric or parameter name) and can be any length; ECharts fits axis names inside the chart, so a long one
 * drawn whole left the plotting area a corner of its 320 px.
 */
export const AXIS_NAME_MAX = { x: 360, y: 240 } as const;

/** ECharts' `nameTruncate` of an axis, horizontal (x) or vertical (y). */
export const nameTruncate = (axis: 'x' | 'y') => ({ maxWidth: AXIS_NAME_MAX[axis] });
