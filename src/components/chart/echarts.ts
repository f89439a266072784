// The parts of ECharts the dashboard draws with. Imported only through a dynamic
// import (EChart.tsx loads EChartCanvas.tsx), so ECharts stays out of the initial bundle.
import { BarChart, CustomChart, GraphChart, HeatmapChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  ParallelComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { canvasMeasure, withWideProbe } from './text-measure';

echarts.use([
  LineChart,
  CustomChart,
  BarChart,
  ScatterChart,
  HeatmapChart,
  ParallelChart,
  GraphChart,
  ParallelComponent,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  TitleComponent,
  ToolboxComponent,
  CanvasRenderer,
]);
echarts.setPlatformAPI({ measureText: withWideProbe(canvasMeasure()) });

export { echarts };
