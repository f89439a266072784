// The chart itself: an ECharts instance on a div, driven by our tree-shaken ECharts build.
// Loaded only through a dynamic import (EChart.tsx), so ECharts does not land in the initial bundle.
import type { ECharts } from 'echarts/core';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { echarts } from './echarts';
import type { EChartProps } from './EChart';
import { withTooltipBox } from './tooltip-box';

// Width and height 'auto': ECharts measures the element, and a plain resize() follows it (given at init as fixed
// sizes, a resize kept them: the cause of a chart stuck at 428 px in a 574 px element).
const OPTS = { renderer: 'canvas', width: 'auto', height: 'auto' } as const;
const AUTO = { width: 'auto', height: 'auto' } as const;

interface ZoomWindow {
  start?: number;
  end?: number;
  startValue?: number;
  endValue?: number;
}

/**
 * The chart is created and drawn as soon as its element is in the page (a layout effect, before the browser paints
 * it), and each new option is drawn in place (not merged). echarts-for-react, used before, created the chart, waited
 * for ECharts' first frame (an empty one), threw that instance away, created another and only then drew the option:
 * a frame and a chart more before every first drawing.
 */
export default function EChartCanvas({
  option,
  height = 320,
  onReady,
  onLegendChange,
  onZoom,
  dark,
  'aria-label': label = 'chart',
}: EChartProps & { dark: boolean }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  /** The option the chart shows (so that the one it was created with is not drawn twice). */
  const shown = useRef<object | null>(null);
  const full = useMemo(() => withTooltipBox({ backgroundColor: 'transparent', ...option }), [option]);
  const style = useMemo(() => ({ width: '100%', height }), [height]);

  // Handlers and the option are read through a ref: the chart is created once per colour mode, not per render.
  const latest = useRef({ onReady, onLegendChange, onZoom, full });
  latest.current = { onReady, onLegendChange, onZoom, full };

  // A chart per colour mode (ECharts takes its theme when created): created, drawn, and told about its size from
  // then on, the observer's first report included (a container that grows just after the chart was created).
  useLayoutEffect(() => {
    const c = echarts.init(el.current!, dark ? 'dark' : undefined, OPTS);
    chart.current = c;
    c.setOption(latest.current.full, { notMerge: true });
    shown.current = latest.current.full;
    c.on('legendselectchanged', (e) => latest.current.onLegendChange?.((e as { selected: Record<string, boolean> }).selected));
    c.on('datazoom', () => {
      const dz = (c.getOption() as { dataZoom?: ZoomWindow[] } | undefined)?.dataZoom?.[0];
      if (!dz || !latest.current.onZoom) return;
      const all = (dz.start ?? 0) <= 0 && (dz.end ?? 100) >= 100;
      latest.current.onZoom(all || dz.startValue === undefined ? null : [dz.startValue, dz.endValue ?? dz.startValue]);
    });
    // Only a change of size redraws: ECharts' resize() draws the whole chart again, even to the same size (as the
    // observer's first report, just after the chart was drawn, would have it).
    const observer = new ResizeObserver(() => {
      const e = el.current;
      if (!c.isDisposed() && e && (e.clientWidth !== c.getWidth() || e.clientHeight !== c.getHeight())) c.resize(AUTO);
    });
    observer.observe(el.current!);
    latest.current.onReady?.(c);
    return () => {
      observer.disconnect();
      c.dispose();
      if (chart.current === c) chart.current = null;
    };
  }, [dark]);

  // A new option: drawn in place of the last one.
  useLayoutEffect(() => {
    const c = chart.current;
    if (!c || c.isDisposed() || shown.current === full) return;
    c.setOption(full, { notMerge: true });
    shown.current = full;
  }, [full]);

  // The chart under its label, for tests and for poking at it from the console (as soon as it is drawn).
  useLayoutEffect(() => {
    const c = chart.current;
    if (!c) return;
    (window.__taskdeckCharts ??= new Map()).set(label, c);
    return () => {
      if (window.__taskdeckCharts?.get(label) === c) window.__taskdeckCharts.delete(label);
    };
  }, [label, dark]);

  return <div ref={el} style={style} role="img" aria-label={label} data-testid="echart" />;
}
