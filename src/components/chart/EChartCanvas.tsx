// The chart itself: echarts-for-react's core component driven by our tree-shaken ECharts build.
// Loaded only through a dynamic import (EChart.tsx), so neither lands in the initial bundle.
import type { ECharts } from 'echarts/core';
import EChartsReactCore from 'echarts-for-react/esm/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { echarts } from './echarts';
import type { EChartProps } from './EChart';

// Constant so echarts-for-react never sees new opts and rebuilds the chart. Width and height 'auto':
// without them echarts-for-react measures the element once and creates the chart at that fixed
// size, which a plain resize() keeps (the cause of a chart stuck at 428 px in a 574 px element).
const OPTS = { renderer: 'canvas', width: 'auto', height: 'auto' } as const;
const AUTO = { width: 'auto', height: 'auto' } as const;

interface ZoomWindow {
  start?: number;
  end?: number;
  startValue?: number;
  endValue?: number;
}

export default function EChartCanvas({
  option,
  height = 320,
  onReady,
  onLegendChange,
  onZoom,
  dark,
  'aria-label': label = 'chart',
}: EChartProps & { dark: boolean }) {
  const chart = useRef<ECharts | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const full = useMemo(() => ({ backgroundColor: 'transparent', ...option }), [option]);
  const style = useMemo(() => ({ width: '100%', height }), [height]);

  // Handlers are read through refs: a new onEvents object makes echarts-for-react rebind on every render.
  const latest = useRef({ onReady, onLegendChange, onZoom, label });
  latest.current = { onReady, onLegendChange, onZoom, label };
  const onEvents = useMemo(
    () => ({
      legendselectchanged: (e: { selected: Record<string, boolean> }) => latest.current.onLegendChange?.(e.selected),
      datazoom: () => {
        const dz = (chart.current?.getOption() as { dataZoom?: ZoomWindow[] } | undefined)?.dataZoom?.[0];
        if (!dz || !latest.current.onZoom) return;
        const all = (dz.start ?? 0) <= 0 && (dz.end ?? 100) >= 100;
        latest.current.onZoom(all || dz.startValue === undefined ? null : [dz.startValue, dz.endValue ?? dz.startValue]);
      },
    }),
    [],
  );

  // Called for each new ECharts instance (first draw, and again when the colour mode rebuilds it).
  // echarts-for-react's own autoResize skips the first size report after binding, taking it for the
  // initial one, so a container that grows while that report is debounced is never followed. Our
  // observer resizes on every report, the first included.
  const onChartReady = useCallback((c: ECharts) => {
    chart.current = c;
    observer.current?.disconnect();
    observer.current = new ResizeObserver(() => {
      if (!c.isDisposed()) c.resize(AUTO);
    });
    observer.current.observe(c.getDom());
    (window.__taskdeckCharts ??= new Map()).set(latest.current.label, c);
    latest.current.onReady?.(c);
  }, []);

  useEffect(
    () => () => {
      observer.current?.disconnect();
      if (chart.current && window.__taskdeckCharts?.get(label) === chart.current) window.__taskdeckCharts.delete(label);
    },
    [label],
  );

  return (
    <EChartsReactCore
      echarts={echarts}
      option={full}
      notMerge
      autoResize={false}
      theme={dark ? 'dark' : undefined}
      opts={OPTS}
      onEvents={onEvents}
      onChartReady={onChartReady}
      style={style}
      role="img"
      aria-label={label}
      data-testid="echart"
    />
  );
}
