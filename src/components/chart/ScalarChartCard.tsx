import FullscreenIcon from '@mui/icons-material/Fullscreen';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import { useMemo, useState } from 'react';
import { EChart } from './EChart';
import { LazyVisible } from './LazyVisible';
import { scalarChartOption, type SeriesData, type SeriesStyle, type XMode } from './scalar-chart';

export interface ScalarChartCardProps {
  title: string;
  series: SeriesData[];
  xMode: XMode;
  smoothing: number;
  logY: boolean;
  styles?: SeriesStyle[];
}

/** One metric's chart, drawn when it scrolls into view, with a full-screen view. */
export function ScalarChartCard({ title, series, xMode, smoothing, logY, styles }: ScalarChartCardProps) {
  const [full, setFull] = useState(false);
  const option = useMemo(
    () => scalarChartOption(title, series, { xMode, smoothing, logY, styles }),
    [title, series, xMode, smoothing, logY, styles],
  );
  const fullOption = useMemo(
    () => (full ? scalarChartOption(title, series, { xMode, smoothing, logY, styles, zoom: true }) : null),
    [full, title, series, xMode, smoothing, logY, styles],
  );
  return (
    <Paper variant="outlined" sx={{ position: 'relative', p: 1 }} data-metric={title} data-series-count={series.length}>
      <Tooltip title="Full screen">
        <IconButton
          aria-label={`full screen ${title}`}
          size="small"
          onClick={() => setFull(true)}
          sx={{ position: 'absolute', right: 4, bottom: 4, zIndex: 1 }}
        >
          <FullscreenIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <LazyVisible minHeight={300}>
        <EChart option={option} height={300} aria-label={`chart ${title}`} />
      </LazyVisible>
      <Dialog open={full} onClose={() => setFull(false)} fullScreen>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          {fullOption && <EChart option={fullOption} height="calc(100vh - 120px)" aria-label={`full screen chart ${title}`} />}
        </DialogContent>
      </Dialog>
    </Paper>
  );
}
