import Box from '@mui/material/Box';
import { useRef } from 'react';
import { clampWidth } from '../../columns';

/** The grip on a header cell's right edge: drag to set the column's width, arrow keys for 10 px steps. */
export function ResizeHandle({
  label,
  width,
  onStart,
  onResize,
}: {
  label: string;
  width: number;
  onStart: () => void;
  onResize: (width: number, done: boolean) => void;
}) {
  const drag = useRef<{ x: number; w: number } | null>(null);
  return (
    <Box
      role="separator"
      aria-orientation="vertical"
      aria-label={`resize ${label}`}
      aria-valuenow={width}
      tabIndex={0}
      draggable={false}
      onClick={(e) => e.stopPropagation()}
      onPointerDown={(e) => {
        e.stopPropagation();
        onStart();
        drag.current = { x: e.clientX, w: width };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (drag.current) onResize(clampWidth(drag.current.w + e.clientX - drag.current.x), false);
      }}
      onPointerUp={(e) => {
        if (!drag.current) return;
        const w = clampWidth(drag.current.w + e.clientX - drag.current.x);
        drag.current = null;
        onResize(w, true);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        e.stopPropagation();
        onResize(clampWidth(width + (e.key === 'ArrowRight' ? 10 : -10)), true);
      }}
      sx={{
        position: 'absolute',
        top: 0,
        right: 0,
        bottom: 0,
        width: 8,
        cursor: 'col-resize',
        touchAction: 'none',
        '&::after': { content: '""', position: 'absolute', top: 8, bottom: 8, right: 3, width: 2, bgcolor: 'divider' },
        '&:hover::after, &:focus-visible::after': { bgcolor: 'primary.main' },
      }}
    />
  );
}
