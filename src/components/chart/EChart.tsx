import { useTheme } from '@mui/material/styles';
import type { ECharts } from 'echarts/core';
import { lazy, Suspense, useState } from 'react';
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

type Canvas = (typeof import('./EChartCanvas'))['default'];
/** The chart component once its module has loaded: charts mounted from then on render it at once. */
let loaded: Canvas | null = null;
const loadCanvas = () =>
  import('./EChartCanvas').then((m) => {
    loaded = m.default;
    return m;
  });
const LazyCanvas = lazy(loadCanvas);

/** Starts loading ECharts early (say, when a tab of charts opens, while its data is fetched). */
export function preloadCharts(): void {
  void loadCanvas();
}

/**
 * An ECharts chart; ECharts is loaded on first use. A chart mounted once the module is loaded
 * (preloadCharts) draws in the same render: through React.lazy it would suspend for a tick, and React holds back
 * the content that replaces a fallback for up to 300 ms.
 */
export function EChart(props: EChartProps) {
  // Fixed per chart: switching from the lazy component to the loaded one would remount the chart.
  const [EChartCanvas] = useState(() => loaded ?? LazyCanvas);
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
