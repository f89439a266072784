import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/Download';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Slider from '@mui/material/Slider';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ImageSource } from '../../../shared/urls';

/** One image of the viewer's set: a metric's variant at one iteration. */
export interface ViewerSample extends ImageSource {
  url: string;
}

export interface ViewerMetric {
  metric: string;
  /** Every iteration the metric has images for, ascending. */
  iterations: number[];
  /** variant → the iterations it has an image for → that image (only those that can be drawn). */
  variants: Map<string, Map<number, ViewerSample>>;
}

export interface ViewerPosition {
  metric: string;
  variant: string;
  iter: number;
}

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 64;
const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

/** The newest image of a variant at or before an iteration. */
function sampleAt(v: Map<number, ViewerSample> | undefined, iter: number): { iter: number; sample: ViewerSample } | undefined {
  let best: number | undefined;
  for (const i of v?.keys() ?? []) if (i <= iter && (best === undefined || i > best)) best = i;
  return best === undefined ? undefined : { iter: best, sample: v!.get(best)! };
}

/**
 * Full-screen debug-sample viewer. The image opens fitted to the view (a 64 px sample fills it),
 * the wheel zooms about the pointer, dragging pans; an iteration slider and metric/variant
 * switches move through the task's samples, ← → step iterations and ↑ ↓ variants.
 */
export function ImageViewer({
  metrics,
  position,
  onPosition,
  onClose,
  onDownload,
}: {
  metrics: ViewerMetric[];
  position: ViewerPosition;
  onPosition: (p: ViewerPosition) => void;
  onClose: () => void;
  onDownload: (sample: ViewerSample) => Promise<void>;
}) {
  const m = metrics.find((x) => x.metric === position.metric) ?? metrics[0];
  const variants = [...(m?.variants.keys() ?? [])].sort((a, b) => a.localeCompare(b));
  const variant = m?.variants.has(position.variant) ? position.variant : variants[0];
  const shown = sampleAt(m?.variants.get(variant), position.iter);
  const iterIndex = Math.max(
    0,
    (m?.iterations ?? []).findIndex((i) => i >= position.iter),
  );

  const [stage, setStage] = useState<HTMLDivElement | null>(null);
  const [box, setBox] = useState({ w: 0, h: 0 });
  const [natural, setNatural] = useState({ w: 0, h: 0 });
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const [downloadError, setDownloadError] = useState('');

  // A callback ref: the dialog's portal mounts the stage after this component's first render.
  useLayoutEffect(() => {
    if (!stage) return;
    const ro = new ResizeObserver(() => setBox({ w: stage.clientWidth, h: stage.clientHeight }));
    ro.observe(stage);
    return () => ro.disconnect();
  }, [stage]);
  const noteNatural = (el: HTMLImageElement | null) => {
    if (!el?.complete || !el.naturalWidth) return;
    const w = el.naturalWidth;
    const h = el.naturalHeight;
    setNatural((n) => (n.w === w && n.h === h ? n : { w, h }));
  };
  // Another sample starts fitted again; stepping iterations of one variant keeps the view (to compare).
  useEffect(() => {
    setZoom(1);
    setPan({ x: 0, y: 0 });
  }, [m?.metric, variant]);

  const fit = natural.w && box.w ? Math.min((box.w - 32) / natural.w, (box.h - 32) / natural.h) : 0;
  const scale = fit * zoom;

  const go = (p: Partial<ViewerPosition>) => onPosition({ metric: m.metric, variant, iter: position.iter, ...p });
  const stepIter = (d: number) => {
    const i = Math.min(m.iterations.length - 1, Math.max(0, iterIndex + d));
    go({ iter: m.iterations[i] });
  };
  const stepVariant = (d: number) => {
    const i = Math.min(variants.length - 1, Math.max(0, variants.indexOf(variant) + d));
    go({ variant: variants[i] });
  };
  /** Zooms by `factor` keeping the point (px, py), relative to the stage's centre, where it is. */
  const zoomAbout = (factor: number, px = 0, py = 0) => {
    const next = clampZoom(zoom * factor);
    const k = next / zoom;
    setPan({ x: px - (px - pan.x) * k, y: py - (py - pan.y) * k });
    setZoom(next);
  };
  const caption = shown ? `${m.metric} / ${variant} — iteration ${shown.iter}` : '';

  if (!m) return null;
  return (
    <Dialog
      open
      fullScreen
      onClose={onClose}
      aria-label="debug sample viewer"
      onKeyDown={(e) => {
        if ((e.target as HTMLElement).closest('[role="slider"], [role="combobox"], [role="listbox"]')) return;
        const step = {
          ArrowLeft: () => stepIter(-1),
          ArrowRight: () => stepIter(1),
          ArrowUp: () => stepVariant(-1),
          ArrowDown: () => stepVariant(1),
        }[e.key];
        if (step) {
          e.preventDefault();
          step();
        }
      }}
    >
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1.5,
          px: 2,
          py: 1,
          borderBottom: 1,
          borderColor: 'divider',
          flexWrap: 'wrap',
        }}
      >
        <Typography sx={{ flex: '1 1 240px', minWidth: 0 }} noWrap role="heading" aria-level={2} title={caption}>
          {caption}
        </Typography>
        <TextField
          select
          size="small"
          label="Metric"
          value={m.metric}
          onChange={(e) => go({ metric: e.target.value })}
          sx={{ minWidth: 140 }}
        >
          {metrics.map((x) => (
            <MenuItem key={x.metric} value={x.metric}>
              {x.metric}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Variant"
          value={variant}
          onChange={(e) => go({ variant: e.target.value })}
          sx={{ minWidth: 140 }}
        >
          {variants.map((v) => (
            <MenuItem key={v} value={v}>
              {v}
            </MenuItem>
          ))}
        </TextField>
        <Tooltip title="Zoom out">
          <IconButton aria-label="zoom out" onClick={() => zoomAbout(1 / 1.25)}>
            <ZoomOutIcon />
          </IconButton>
        </Tooltip>
        <Typography
          variant="body2"
          sx={{ width: 56, textAlign: 'center' }}
          aria-label="scale"
          title="size on screen / natural size"
        >
          {Math.round(scale * 100)}%
        </Typography>
        <Tooltip title="Zoom in">
          <IconButton aria-label="zoom in" onClick={() => zoomAbout(1.25)}>
            <ZoomInIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Fit to view">
          <IconButton
            aria-label="fit to view"
            onClick={() => {
              setZoom(1);
              setPan({ x: 0, y: 0 });
            }}
          >
            <FitScreenIcon />
          </IconButton>
        </Tooltip>
        <Button size="small" onClick={() => fit && zoomAbout(1 / scale)} aria-label="natural size">
          1:1
        </Button>
        <Tooltip title="Download this image">
          <span>
            <IconButton
              aria-label="download image"
              disabled={!shown}
              onClick={() => {
                setDownloadError('');
                if (shown) onDownload(shown.sample).catch((e: Error) => setDownloadError(`Download failed: ${e.message}`));
              }}
            >
              <DownloadIcon />
            </IconButton>
          </span>
        </Tooltip>
        {downloadError && (
          <Typography variant="body2" color="error" role="alert">
            {downloadError}
          </Typography>
        )}
        <IconButton aria-label="close viewer" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Box
        ref={setStage}
        data-testid="viewer-stage"
        sx={{ flex: 1, position: 'relative', overflow: 'hidden', cursor: 'grab', bgcolor: 'grey.900', userSelect: 'none' }}
        onWheel={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          zoomAbout(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left - r.width / 2, e.clientY - r.top - r.height / 2);
        }}
        onMouseDown={(e) => (drag.current = { x: e.clientX - pan.x, y: e.clientY - pan.y })}
        onMouseMove={(e) => drag.current && setPan({ x: e.clientX - drag.current.x, y: e.clientY - drag.current.y })}
        onMouseUp={() => (drag.current = null)}
        onMouseLeave={() => (drag.current = null)}
        onDoubleClick={() => {
          setZoom(1);
          setPan({ x: 0, y: 0 });
        }}
      >
        {shown ? (
          <img
            key={shown.sample.src}
            src={shown.sample.src}
            crossOrigin={shown.sample.crossOrigin}
            referrerPolicy={shown.sample.referrerPolicy}
            alt={caption}
            draggable={false}
            data-testid="viewer-image"
            ref={noteNatural}
            onLoad={(e) => noteNatural(e.currentTarget)}
            style={{
              position: 'absolute',
              left: '50%',
              top: '50%',
              width: natural.w * scale || undefined,
              height: natural.h * scale || undefined,
              maxWidth: 'none',
              transform: `translate(-50%, -50%) translate(${pan.x}px, ${pan.y}px)`,
              imageRendering: scale > 2 ? 'pixelated' : 'auto',
              visibility: scale ? 'visible' : 'hidden',
            }}
          />
        ) : (
          <Typography sx={{ color: 'grey.300', p: 4 }}>No image of {variant} at or before this iteration.</Typography>
        )}
      </Box>
      {m.iterations.length > 0 && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 3, py: 1, borderTop: 1, borderColor: 'divider' }}>
          <Typography variant="body2" data-testid="viewer-iteration" sx={{ minWidth: 120 }}>
            iteration {shown?.iter ?? position.iter}
          </Typography>
          <Slider
            aria-label="viewer iteration"
            size="small"
            min={0}
            max={Math.max(0, m.iterations.length - 1)}
            step={1}
            marks={m.iterations.length <= 40}
            value={iterIndex}
            disabled={m.iterations.length < 2}
            valueLabelDisplay="auto"
            valueLabelFormat={(i) => m.iterations[i]}
            onChange={(_, i) => go({ iter: m.iterations[i as number] })}
          />
          <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
            ← → iteration · ↑ ↓ variant
          </Typography>
        </Box>
      )}
    </Dialog>
  );
}
