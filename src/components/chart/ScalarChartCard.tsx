import DataObjectIcon from '@mui/icons-material/DataObject';
import FullscreenIcon from '@mui/icons-material/Fullscreen';
import ImageIcon from '@mui/icons-material/Image';
import TableChartIcon from '@mui/icons-material/TableChart';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import Tooltip from '@mui/material/Tooltip';
import { useTheme } from '@mui/material/styles';
import type { ECharts } from 'echarts/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ToolButton } from '../ToolButton';
import { fileName, saveFile, seriesCsv, seriesJson } from './download';
import { EChart } from './EChart';
import { scalarChartOption, withDetail, xMapping, type SeriesData, type SeriesStyle, type XMode } from './scalar-chart';
import type { SmoothingType } from './smoothing';
import { useZoomDetail, type RangeFetcher } from './use-zoom-detail';

export interface ScalarChartCardProps {
  title: string;
  series: SeriesData[];
  xMode: XMode;
  smoothing: number;
  smoothingType?: SmoothingType;
  /** The page's log setting; each chart can switch its own. */
  logY: boolean;
  /** The chart's own log setting when its page keeps it (null: the page's); without onOwnLog the card keeps it. */
  ownLog?: boolean | null;
  onOwnLog?: (on: boolean) => void;
  styles?: SeriesStyle[];
  /** False when the page draws its own legend (compare). */
  legend?: boolean;
  highlight?: ReadonlySet<string>;
  /** Fetches a zoomed x range at full resolution; without it zooming only magnifies the points at hand. */
  fetchRange?: RangeFetcher;
  /** Builds the chart's option from its series (compare draws every task's line in one series); scalarChartOption by default. */
  optionOf?: typeof scalarChartOption;
}

/** One metric's chart (its grid renders it once it scrolls into view): log toggle, PNG and data downloads, full screen, zoom that fetches. */
export function ScalarChartCard(props: ScalarChartCardProps) {
  const { title, series, xMode, smoothing, smoothingType, styles, legend, highlight, fetchRange } = props;
  const optionOf = props.optionOf ?? scalarChartOption;
  const [full, setFull] = useState(false);
  const [keptLog, setKeptLog] = useState<boolean | null>(null);
  const controlled = !!props.onOwnLog;
  const logY = (controlled ? props.ownLog : keptLog) ?? props.logY;
  const setOwnLog = (on: boolean) => (controlled ? props.onOwnLog!(on) : setKeptLog(on));
  const chart = useRef<ECharts | null>(null);
  const bg = useTheme().palette.background.paper;
  const map = useMemo(() => xMapping(series, xMode), [series, xMode]);
  const zoom = useZoomDetail(fetchRange, xMode);
  // The detail answers for the server range it was fetched for; splice it in there.
  const drawn = useMemo(
    () => (zoom.detail ? withDetail(series, zoom.detail.series, zoom.detail.range[0], zoom.detail.range[1]) : series),
    [series, zoom.detail],
  );
  useEffect(() => setKeptLog(null), [props.logY]);

  const base = { xMode, smoothing, smoothingType, logY, styles, legend, highlight, window: zoom.window };
  const option = useMemo(
    () => optionOf(title, drawn, base),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [optionOf, title, drawn, xMode, smoothing, smoothingType, logY, styles, legend, highlight, zoom.window],
  );
  const fullOption = useMemo(
    () => (full ? optionOf(title, drawn, { ...base, zoom: true }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [optionOf, full, title, drawn, xMode, smoothing, smoothingType, logY, styles, legend, highlight, zoom.window],
  );
  const onZoom = (w: [number, number] | null) =>
    zoom.setWindow(w, w && [Math.floor(map.toServer(w[0])), Math.ceil(map.toServer(w[1]))]);
  const xName = xMode === 'iter' ? 'iteration' : 'timestamp_ms';

  const tools = (
    <Box
      sx={{ position: 'absolute', right: 4, top: 2, zIndex: 1, display: 'flex', alignItems: 'center', gap: 0.25 }}
      role="toolbar"
      aria-label={`tools ${title}`}
    >
      <Tooltip title="Logarithmic vertical axis for this chart">
        <ToggleButton
          value="log"
          size="small"
          selected={logY}
          onChange={() => setOwnLog(!logY)}
          aria-label={`log scale ${title}`}
          sx={{ py: 0, px: 0.75, fontSize: 11, lineHeight: '22px', border: 0 }}
        >
          log
        </ToggleButton>
      </Tooltip>
      <ToolButton
        tip="Download as PNG"
        label={`download PNG ${title}`}
        onClick={() =>
          chart.current &&
          saveFile(
            chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: bg }),
            fileName(title, 'png'),
            'image/png',
          )
        }
      >
        <ImageIcon fontSize="small" />
      </ToolButton>
      <ToolButton
        tip="Download the data as CSV"
        label={`download CSV ${title}`}
        onClick={() => saveFile(seriesCsv(drawn, xName), fileName(title, 'csv'), 'text/csv;charset=utf-8')}
      >
        <TableChartIcon fontSize="small" />
      </ToolButton>
      <ToolButton
        tip="Download the data as JSON"
        label={`download JSON ${title}`}
        onClick={() => saveFile(seriesJson(drawn), fileName(title, 'json'), 'application/json')}
      >
        <DataObjectIcon fontSize="small" />
      </ToolButton>
      <ToolButton tip="Full screen" label={`full screen ${title}`} onClick={() => setFull(true)}>
        <FullscreenIcon fontSize="small" />
      </ToolButton>
    </Box>
  );

  return (
    <Paper
      variant="outlined"
      sx={{ position: 'relative', p: 1 }}
      data-metric={title}
      data-series-count={series.length}
      data-zoom-range={zoom.detail ? zoom.detail.range.join(',') : undefined}
    >
      {tools}
      <EChart option={option} height={300} aria-label={`chart ${title}`} onReady={(c) => (chart.current = c)} onZoom={onZoom} />
      <Dialog open={full} onClose={() => setFull(false)} fullScreen>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          {fullOption && (
            <EChart option={fullOption} height="calc(100vh - 120px)" aria-label={`full screen chart ${title}`} onZoom={onZoom} />
          )}
        </DialogContent>
      </Dialog>
    </Paper>
  );
}
