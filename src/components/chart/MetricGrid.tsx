import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { CardGrid } from './CardGrid';
import { LazyVisible } from './LazyVisible';

/** The height of a scalar chart card (ScalarChartCard), kept by its placeholder. */
export const CHART_CARD_HEIGHT = 318;

/** Machine metrics (`:monitor:…`), drawn in a folded section of their own. */
export const isMachineMetric = (metric: string) => metric.startsWith(':monitor:');

/**
 * A grid of one card per metric, machine metrics (`:monitor:…`) in a section of their own, folded
 * until opened. A card is rendered only when it scrolls near the view, so it fetches its data then.
 */
export function MetricGrid({
  metrics,
  minWidth,
  card,
}: {
  metrics: string[];
  minWidth: number;
  card: (metric: string) => ReactNode;
}) {
  const grid = (list: string[]) => (
    <CardGrid minWidth={minWidth}>
      {list.map((m) => (
        <Box key={m} data-metric-slot={m}>
          <LazyVisible minHeight={CHART_CARD_HEIGHT}>{card(m)}</LazyVisible>
        </Box>
      ))}
    </CardGrid>
  );
  const machine = metrics.filter(isMachineMetric);
  const [open, setOpen] = useState(false);
  return (
    <>
      {grid(metrics.filter((m) => !isMachineMetric(m)))}
      {machine.length > 0 && (
        <Box component="section" aria-label="machine metrics" sx={{ mt: 3 }}>
          <Button
            color="inherit"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            startIcon={<ExpandMoreIcon sx={{ transform: open ? 'none' : 'rotate(-90deg)', transition: 'transform 150ms' }} />}
          >
            <Typography variant="overline" component="h3" color="text.secondary">
              Machine ({machine.length})
            </Typography>
          </Button>
          {open && grid(machine)}
        </Box>
      )}
    </>
  );
}

/** A card's place while its data loads, or why it could not. */
export function ChartCardPlaceholder({ metric, error }: { metric: string; error?: Error | null }) {
  return (
    <Paper variant="outlined" sx={{ height: CHART_CARD_HEIGHT, display: 'grid', placeItems: 'center', p: 2 }}>
      {error ? (
        <Typography color="error">
          Could not load {metric}: {error.message}
        </Typography>
      ) : (
        <CircularProgress size={24} aria-label={`loading ${metric}`} />
      )}
    </Paper>
  );
}
