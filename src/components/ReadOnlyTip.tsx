import Tooltip from '@mui/material/Tooltip';
import type { ReactElement } from 'react';
import { useViewerBlocker } from '../client/current-user';

/**
 * For a viewer, says on hover why the write control inside is disabled (the control disables itself with
 * `useViewerBlocker`); for anyone else, the control as it is.
 */
export function ReadOnlyTip({ children }: { children: ReactElement }) {
  const why = useViewerBlocker();
  if (!why) return children;
  return (
    <Tooltip title={why}>
      <span>{children}</span>
    </Tooltip>
  );
}
