import { useEffect, useRef } from 'react';
import type { Layout } from '../../columns';
import { parseTableState, type TableState } from '../../table-state';

const KEYS = ['cols', 'hide', 'order', 'w'] as const;
const storageKey = (projectId: string) => `taskdeck.table-layout.${projectId}`;

const layoutOf = (s: TableState): Layout => Object.fromEntries(KEYS.filter((k) => s[k]).map((k) => [k, s[k]])) as Layout;

function read(projectId: string): Layout | null {
  try {
    const raw = localStorage.getItem(storageKey(projectId));
    return raw ? layoutOf(parseTableState(JSON.parse(raw) as Record<string, unknown>)) : null;
  } catch {
    return null;
  }
}

/**
 * Columns, order and widths are kept per project (in this browser) as well as in the URL: opening a
 * project without a layout in its URL brings back the one last used there.
 */
export function useSavedLayout(projectId: string, state: TableState, onState: (s: TableState, replace: boolean) => void) {
  const restoredFor = useRef<string | null>(null);
  const layout = JSON.stringify(layoutOf(state));
  useEffect(() => {
    if (restoredFor.current !== projectId) {
      restoredFor.current = projectId;
      const saved = read(projectId);
      if (layout === '{}' && saved && Object.keys(saved).length) {
        onState({ ...state, ...saved }, true);
        return;
      }
    }
    try {
      localStorage.setItem(storageKey(projectId), layout);
    } catch {
      // Storage full or refused: the URL still holds the layout.
    }
  }, [projectId, layout]); // eslint-disable-line react-hooks/exhaustive-deps
}
