import { useTheme } from '@mui/material/styles';
import type { ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import type { EChartsOption } from './plotly';

export interface EChartProps {
  option: EChartsOption;
  height?: number | string;
  /** Called once the chart exists (tests and full-screen views use the instance). */
  onReady?: (chart: ECharts) => void;
  /** Called when the user toggles a series in the legend. */
  onLegendChange?: (selected: Record<string, boolean>) => void;
  'aria-label'?: string;
}

declare global {
  interface Window {
    /** Charts on the page by their label, for tests and for poking at them from the console. */
    __taskdeckCharts?: Map<string, ECharts>;
  }
}

/** Starts loading ECharts early (say, when a tab of charts opens, while its data is fetched). */
export function preloadCharts(): void {
  void import('./echarts');
}

/** An ECharts chart; ECharts itself is loaded on first use. */
export function EChart({ option, height = 320, onReady, onLegendChange, ...rest }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const mode = useTheme().palette.mode;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, mode === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
      c.setOption({ backgroundColor: 'transparent', ...latest.current });
      if (onLegendChange)
        c.on('legendselectchanged', (e) => onLegendChange((e as { selected: Record<string, boolean> }).selected));
      chart.current = c;
      (window.__taskdeckCharts ??= new Map()).set(rest['aria-label'] ?? 'chart', c);
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el.current);
      onReady?.(c);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      if (chart.current && window.__taskdeckCharts?.get(rest['aria-label'] ?? 'chart') === chart.current)
        window.__taskdeckCharts.delete(rest['aria-label'] ?? 'chart');
      chart.current?.dispose();
      chart.current = null;
    };
    // The chart is rebuilt only when the colour mode changes; options flow in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option]);

  return (
    <div ref={el} role="img" aria-label={rest['aria-label'] ?? 'chart'} data-testid="echart" style={{ width: '100%', height }} />
  );
}
