import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Slider from '@mui/material/Slider';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { MetricPick } from '../../../components/MetricPick';
import type { Task } from '../../../shared/api/records';
import { imageSource } from '../../../shared/urls';
import { useCompareImages, type ImageEvent } from '../api/queries';

/** Debug images per metric/variant, a column per task, one iteration slider for all. */
export function CompareDebugSamplesTab({ tasks }: { tasks: Task[] }) {
  const images = useCompareImages(tasks.map((t) => t.id));
  const iterations = useMemo(() => [...new Set((images.data ?? []).map((e) => e.iter))].sort((a, b) => a - b), [images.data]);
  const keys = useMemo(() => [...new Set((images.data ?? []).map((e) => `${e.metric}\u0000${e.variant}`))].sort(), [images.data]);
  const metrics = useMemo(() => [...new Set(keys.map((k) => k.split('\u0000')[0]))], [keys]);
  const [only, setOnly] = useState('');
  const [index, setIndex] = useState<number | null>(null);
  if (images.isPending) return <CircularProgress aria-label="loading debug samples" />;
  if (!keys.length)
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        None of these tasks reported debug samples.
      </Typography>
    );
  const iter = iterations[index ?? iterations.length - 1];
  /** The newest image of a task's metric/variant at or before the shared iteration. */
  const pick = (task: string, key: string): ImageEvent | undefined =>
    (images.data ?? [])
      .filter((e) => e.task === task && `${e.metric}\u0000${e.variant}` === key && e.iter <= iter)
      .sort((a, b) => b.iter - a.iter)[0];
  const shown = metrics.includes(only) ? keys.filter((k) => k.split('\u0000')[0] === only) : keys;
  return (
    <Box>
      <MetricPick metrics={metrics} value={only} onChange={setOnly} sx={{ mb: 2 }} />
      <Box sx={{ maxWidth: 600, mb: 2 }}>
        <Typography id="compare-iter" variant="caption" color="text.secondary">
          Iteration {iter}
        </Typography>
        <Slider
          aria-labelledby="compare-iter"
          size="small"
          min={0}
          max={Math.max(0, iterations.length - 1)}
          step={1}
          value={index ?? iterations.length - 1}
          valueLabelDisplay="auto"
          valueLabelFormat={(i) => iterations[i]}
          onChange={(_, v) => setIndex(v as number)}
        />
      </Box>
      {shown.map((key) => {
        const [metric, variant] = key.split('\u0000');
        return (
          <Box key={key} component="section" aria-label={`debug samples ${metric} / ${variant}`} sx={{ mb: 3 }}>
            <Typography variant="overline" component="h3" color="text.secondary">
              {metric} / {variant}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${tasks.length}, minmax(200px, 1fr))`, gap: 1.5 }}>
              {tasks.map((t) => {
                const e = pick(t.id, key);
                const image = imageSource(e?.url);
                return (
                  <Paper key={t.id} variant="outlined" sx={{ p: 1 }}>
                    {e?.url && image ? (
                      <Box
                        component="img"
                        {...image}
                        alt={`${t.name} ${metric} ${variant} iteration ${e.iter}`}
                        sx={{ width: '100%', height: 180, objectFit: 'contain', imageRendering: 'pixelated' }}
                      />
                    ) : e?.url ? (
                      <Box
                        sx={{ height: 180, overflow: 'auto', wordBreak: 'break-all', color: 'text.secondary' }}
                        title="not an http(s) address"
                      >
                        {e.url}
                      </Box>
                    ) : (
                      <Box sx={{ height: 180, display: 'grid', placeItems: 'center', color: 'text.secondary' }}>no image yet</Box>
                    )}
                    <Typography variant="caption" noWrap sx={{ display: 'block' }}>
                      {t.name}
                      {e ? ` · ${e.iter}` : ''}
                    </Typography>
                  </Paper>
                );
              })}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
