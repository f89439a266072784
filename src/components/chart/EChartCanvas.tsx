// The chart itself: echarts-for-react's core component driven by our tree-shaken ECharts build.
// Loaded only through a dynamic import (EChart.tsx), so neither lands in the initial bundle.
import type { ECharts } from 'echarts/core';
import EChartsReactCore from 'echarts-for-react/esm/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { echarts } from './echarts';
import type { EChartProps } from './EChart';

// Constant so echarts-for-react never sees new opts and rebuilds the chart.
const OPTS = { renderer: 'canvas' } as const;

export default function EChartCanvas({
  option,
  height = 320,
  onReady,
  onLegendChange,
  dark,
  'aria-label': label = 'chart',
}: EChartProps & { dark: boolean }) {
  const chart = useRef<ECharts | null>(null);
  const full = useMemo(() => ({ backgroundColor: 'transparent', ...option }), [option]);
  const style = useMemo(() => ({ width: '100%', height }), [height]);

  // Handlers are read through refs: a new onEvents object makes echarts-for-react rebind on every render.
  const latest = useRef({ onReady, onLegendChange, label });
  latest.current = { onReady, onLegendChange, label };
  const hasLegendHandler = !!onLegendChange;
  const onEvents = useMemo(
    () =>
      hasLegendHandler
        ? {
            legendselectchanged: (e: { selected: Record<string, boolean> }) => latest.current.onLegendChange?.(e.selected),
          }
        : undefined,
    [hasLegendHandler],
  );

  // Called for each new ECharts instance (first draw, and again when the colour mode rebuilds it).
  const onChartReady = useCallback((c: ECharts) => {
    chart.current = c;
    (window.__taskdeckCharts ??= new Map()).set(latest.current.label, c);
    latest.current.onReady?.(c);
  }, []);

  useEffect(
    () => () => {
      if (chart.current && window.__taskdeckCharts?.get(label) === chart.current) window.__taskdeckCharts.delete(label);
    },
    [label],
  );

  return (
    <EChartsReactCore
      echarts={echarts}
      option={full}
      notMerge
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
