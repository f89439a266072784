import LinearProgress from '@mui/material/LinearProgress';
import { keyframes } from '@mui/material/styles';
import { useRouterState } from '@tanstack/react-router';

const appear = keyframes({ to: { opacity: 1 } });

/**
 * A bar across the top of the window while the router gets the next page ready (its script), the page on screen
 * staying as it was. It shows only after 300 ms, so that a quick change (a filter, a tab) does not flash it.
 */
export function RouteProgress() {
  const pending = useRouterState({ select: (s) => s.status === 'pending' });
  if (!pending) return null;
  return (
    <LinearProgress
      aria-label="Loading the page"
      sx={{
        position: 'fixed',
        top: 0,
        left: 0,
        right: 0,
        zIndex: (t) => t.zIndex.appBar + 1,
        opacity: 0,
        animation: `${appear} 0s 300ms forwards`,
      }}
    />
  );
}
