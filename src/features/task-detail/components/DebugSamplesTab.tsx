import Box from '@mui/material/Box';
import { MetricPick } from '../../../components/MetricPick';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Slider from '@mui/material/Slider';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useApiClient } from '../../../client/react';
import type { Task } from '../../../shared/api/records';
import { useDebugImages, type ImageEvent } from '../api/queries';
import { imageSource, storedLink } from '../../../shared/urls';
import { CopyableUrl } from '../../../components/CopyableUrl';
import { fetchBytes, fileNameOf, saveBytes } from '../lib/files';
import { EmptyState } from './EmptyState';
import { ImageViewer, type ViewerMetric, type ViewerPosition, type ViewerSample } from './ImageViewer';

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp|svg)$/i;

interface MetricSamples {
  metric: string;
  iterations: number[];
  /** variant -> iteration -> event */
  variants: Map<string, Map<number, ImageEvent>>;
}

function group(iterations: { iter: number; events: ImageEvent[] }[]): MetricSamples[] {
  const byMetric = new Map<string, MetricSamples>();
  for (const it of iterations) {
    for (const e of it.events) {
      let m = byMetric.get(e.metric);
      if (!m) byMetric.set(e.metric, (m = { metric: e.metric, iterations: [], variants: new Map() }));
      if (!m.iterations.includes(e.iter)) m.iterations.push(e.iter);
      let v = m.variants.get(e.variant);
      if (!v) m.variants.set(e.variant, (v = new Map()));
      if (!v.has(e.iter)) v.set(e.iter, e);
    }
  }
  for (const m of byMetric.values()) m.iterations.sort((a, b) => a - b);
  return [...byMetric.values()].sort((a, b) => a.metric.localeCompare(b.metric));
}

/** The newest event of a variant at or before an iteration. */
function at(v: Map<number, ImageEvent>, iter: number): ImageEvent | undefined {
  let best: ImageEvent | undefined;
  for (const [i, e] of v) if (i <= iter && (!best || i > best.iter)) best = e;
  return best;
}

/** The samples the viewer can draw: images only, as sources safe to load from where they are. */
function drawable(metrics: MetricSamples[]): ViewerMetric[] {
  return metrics.map((m) => {
    const variants = new Map<string, Map<number, ViewerSample>>();
    for (const [variant, byIter] of m.variants) {
      const images = new Map<number, ViewerSample>();
      for (const [iter, e] of byIter) {
        if (!e.url || !IMAGE_EXT.test(e.url.split('?')[0])) continue;
        const source = imageSource(e.url);
        if (source) images.set(iter, { ...source, url: e.url });
      }
      if (images.size) variants.set(variant, images);
    }
    return { metric: m.metric, iterations: m.iterations, variants };
  });
}

export function DebugSamplesTab({ task }: { task: Task }) {
  const client = useApiClient();
  const data = useDebugImages(task);
  const metrics = useMemo(() => group(data.data ?? []), [data.data]);
  const viewable = useMemo(() => drawable(metrics).filter((m) => m.variants.size > 0), [metrics]);
  const allIters = useMemo(() => [...new Set(metrics.flatMap((m) => m.iterations))].sort((a, b) => a - b), [metrics]);
  const [chosen, setChosen] = useState<Record<string, number>>({});
  const [viewer, setViewer] = useState<ViewerPosition | null>(null);
  // ClearML's metric selector: every metric, or one.
  const [only, setOnly] = useState('');

  if (data.isPending) return <CircularProgress aria-label="loading debug samples" />;
  if (data.isError) return <EmptyState title="Could not load the debug samples" hint={data.error.message} />;
  if (!metrics.length)
    return (
      <EmptyState
        title="No debug samples were reported"
        hint="Images the task reports with report_image appear here, per iteration."
      />
    );

  const iterOf = (m: MetricSamples) => chosen[m.metric] ?? m.iterations[m.iterations.length - 1];
  const setAll = (iter: number) => setChosen(Object.fromEntries(metrics.map((m) => [m.metric, iter])));

  const shown = metrics.some((m) => m.metric === only) ? metrics.filter((m) => m.metric === only) : metrics;

  return (
    <Box>
      <MetricPick metrics={metrics.map((m) => m.metric)} value={only} onChange={setOnly} sx={{ mb: 2 }} />
      {allIters.length > 1 && (
        <Box sx={{ maxWidth: 600, mb: 2 }}>
          <Typography id="global-iter" variant="caption" color="text.secondary">
            All metrics: iteration
          </Typography>
          <Slider
            aria-labelledby="global-iter"
            size="small"
            min={0}
            max={allIters.length - 1}
            step={1}
            marks={allIters.length <= 30}
            defaultValue={allIters.length - 1}
            valueLabelDisplay="auto"
            valueLabelFormat={(i) => allIters[i]}
            onChangeCommitted={(_, i) => setAll(allIters[i as number])}
          />
        </Box>
      )}
      {shown.map((m) => {
        const iter = iterOf(m);
        const idx = Math.max(
          0,
          m.iterations.findIndex((i) => i >= iter),
        );
        const variants = [...m.variants.entries()].sort(([a], [b]) => a.localeCompare(b));
        return (
          <Box key={m.metric} component="section" aria-label={`debug samples ${m.metric}`} sx={{ mb: 3 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
              <Typography variant="overline" component="h3" color="text.secondary">
                {m.metric}
              </Typography>
              <Typography variant="body2" data-testid={`iteration-${m.metric}`}>
                iteration {iter}
              </Typography>
              {m.iterations.length > 1 && (
                <Slider
                  aria-label={`iteration of ${m.metric}`}
                  size="small"
                  sx={{ maxWidth: 360 }}
                  min={0}
                  max={m.iterations.length - 1}
                  step={1}
                  value={idx}
                  valueLabelDisplay="auto"
                  valueLabelFormat={(i) => m.iterations[i]}
                  onChange={(_, i) => setChosen({ ...chosen, [m.metric]: m.iterations[i as number] })}
                />
              )}
            </Box>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 1.5 }}>
              {variants.map(([variant, byIter]) => {
                const e = at(byIter, iter);
                if (!e?.url) return null;
                const link = storedLink(e.url);
                const image = IMAGE_EXT.test(e.url.split('?')[0]) ? imageSource(e.url) : undefined;
                const caption = `${m.metric} / ${variant} — iteration ${e.iter}`;
                return (
                  <Paper key={variant} variant="outlined" sx={{ p: 1 }}>
                    {image ? (
                      <Box
                        component="img"
                        {...image}
                        alt={caption}
                        loading="lazy"
                        onClick={() => setViewer({ metric: m.metric, variant, iter })}
                        sx={{
                          width: '100%',
                          height: 160,
                          objectFit: 'contain',
                          cursor: 'zoom-in',
                          imageRendering: 'pixelated',
                          bgcolor: 'action.hover',
                        }}
                      />
                    ) : link.kind === 'own' ? (
                      <Link href={link.href} download>
                        {fileNameOf(e.url)}
                      </Link>
                    ) : link.kind === 'link' ? (
                      <Link href={link.href} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
                        {fileNameOf(e.url)}
                      </Link>
                    ) : (
                      <CopyableUrl
                        url={e.url}
                        label={`${m.metric} / ${variant}`}
                        title="not a link: another port or not http(s)"
                      />
                    )}
                    <Typography variant="caption" sx={{ display: 'block' }} noWrap title={variant}>
                      {variant} · {e.iter}
                    </Typography>
                  </Paper>
                );
              })}
            </Box>
          </Box>
        );
      })}
      {viewer && (
        <ImageViewer
          metrics={viewable}
          position={viewer}
          onPosition={setViewer}
          onClose={() => setViewer(null)}
          onDownload={async (sample) => saveBytes(await fetchBytes(client, sample.url), fileNameOf(sample.url))}
        />
      )}
    </Box>
  );
}
