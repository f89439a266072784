import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useSyncExternalStore } from 'react';
import { liveStreamUp, onLiveState } from '../client/live';

/** A dot in the top bar: green while the server pushes changes, grey while the page polls. */
export function LiveStatus() {
  const up = useSyncExternalStore(onLiveState, liveStreamUp);
  const label = up ? 'Live: changes are pushed by the server' : 'Polling: the live stream is not connected';
  return (
    <Tooltip title={label}>
      <Box
        role="status"
        aria-label={up ? 'live updates on' : 'live updates off, polling'}
        sx={{ width: 10, height: 10, borderRadius: '50%', mx: 1, bgcolor: up ? 'success.main' : 'action.disabled' }}
      />
    </Tooltip>
  );
}
