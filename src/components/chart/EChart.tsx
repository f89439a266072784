import { useTheme } from '@mui/material/styles';
import type { ECharts } from 'echarts/core';
import { lazy, Suspense } from 'react';
import type { EChartsOption } from './plotly';

export interface EChartProps {
  option: EChartsOption;
  height?: number | string;
  /** Called once the chart exists (tests and full-screen views use the instance). */
  onReady?: (chart: ECharts) => void;
  /** Called when the user toggles a series in the legend. */
  onLegendChange?: (selected: Record<string, boolean>) => void;
  /** Called when the user zooms or pans the x axis: the window on the axis, or null when all of it shows. */
  onZoom?: (window: [number, number] | null) => void;
  'aria-label'?: string;
}

declare global {
  interface Window {
    /** Charts on the page by their label, for tests and for poking at them from the console. */
    __taskdeckCharts?: Map<string, ECharts>;
  }
}

const loadCanvas = () => import('./EChartCanvas');
const EChartCanvas = lazy(loadCanvas);

/** Starts loading ECharts early (say, when a tab of charts opens, while its data is fetched). */
export function preloadCharts(): void {
  void loadCanvas();
}

/** An ECharts chart; ECharts (and echarts-for-react) is loaded on first use. */
export function EChart(props: EChartProps) {
  const dark = useTheme().palette.mode === 'dark';
  const label = props['aria-label'] ?? 'chart';
  // Same box and name while ECharts loads, so the layout does not jump and tests can find the chart.
  const placeholder = (
    <div role="img" aria-label={label} data-testid="echart" style={{ width: '100%', height: props.height ?? 320 }} />
  );
  return (
    <Suspense fallback={placeholder}>
      <EChartCanvas {...props} dark={dark} />
    </Suspense>
  );
}
