import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import CloseIcon from '@mui/icons-material/Close';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { ImageSource } from '../../../shared/urls';

export interface ViewerImage extends ImageSource {
  caption: string;
}

/** Full-screen image viewer: wheel or buttons to zoom, drag to pan, arrows for previous/next. */
export function ImageViewer({
  images,
  index,
  onIndex,
  onClose,
}: {
  images: ViewerImage[];
  index: number;
  onIndex: (i: number) => void;
  onClose: () => void;
}) {
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const img = images[index];
  useEffect(() => {
    setZoom(1);
    setPan({ x: 0, y: 0 });
  }, [index]);
  const go = (d: number) => onIndex(Math.min(images.length - 1, Math.max(0, index + d)));
  return (
    <Dialog
      open
      fullScreen
      onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') go(-1);
        if (e.key === 'ArrowRight') go(1);
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography sx={{ flex: 1 }} role="heading" aria-level={2}>
          {img?.caption}
        </Typography>
        <IconButton aria-label="zoom out" onClick={() => setZoom((z) => Math.max(0.1, z / 1.25))}>
          <ZoomOutIcon />
        </IconButton>
        <Typography variant="body2" sx={{ width: 48, textAlign: 'center' }}>
          {Math.round(zoom * 100)}%
        </Typography>
        <IconButton aria-label="zoom in" onClick={() => setZoom((z) => Math.min(40, z * 1.25))}>
          <ZoomInIcon />
        </IconButton>
        <IconButton aria-label="previous image" disabled={index === 0} onClick={() => go(-1)}>
          <ChevronLeftIcon />
        </IconButton>
        <IconButton aria-label="next image" disabled={index >= images.length - 1} onClick={() => go(1)}>
          <ChevronRightIcon />
        </IconButton>
        <IconButton aria-label="close viewer" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Box
        sx={{
          flex: 1,
          overflow: 'hidden',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          cursor: drag.current ? 'grabbing' : 'grab',
          bgcolor: 'grey.900',
        }}
        onWheel={(e) => setZoom((z) => Math.min(40, Math.max(0.1, z * (e.deltaY < 0 ? 1.1 : 1 / 1.1))))}
        onMouseDown={(e) => (drag.current = { x: e.clientX - pan.x, y: e.clientY - pan.y })}
        onMouseMove={(e) => drag.current && setPan({ x: e.clientX - drag.current.x, y: e.clientY - drag.current.y })}
        onMouseUp={() => (drag.current = null)}
        onMouseLeave={() => (drag.current = null)}
      >
        {img && (
          <img
            src={img.src}
            crossOrigin={img.crossOrigin}
            referrerPolicy={img.referrerPolicy}
            alt={img.caption}
            draggable={false}
            data-testid="viewer-image"
            style={{
              transform: `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`,
              imageRendering: zoom > 3 ? 'pixelated' : 'auto',
              maxWidth: '90vw',
              maxHeight: '85vh',
            }}
          />
        )}
      </Box>
    </Dialog>
  );
}
