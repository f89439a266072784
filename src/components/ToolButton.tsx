import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import type { ReactNode } from 'react';

/** A small icon button with a tooltip, named for screen readers by `label`. */
export function ToolButton({
  tip,
  label,
  onClick,
  children,
}: {
  tip: string;
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip title={tip}>
      <IconButton size="small" aria-label={label} onClick={onClick}>
        {children}
      </IconButton>
    </Tooltip>
  );
}
