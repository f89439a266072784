import { useEffect, useRef } from 'react';
import { usePreferences, useSetPreference } from '../../../../components/queries/preferences';
import { getAtPath, type Preferences } from '../../../../shared/preferences';
import type { Layout } from '../../columns';
import { parseTableState, type TableState } from '../../table-state';

const KEYS = ['cols', 'hide', 'order', 'w'] as const;
const storageKey = (projectId: string) => `taskdeck.table-layout.${projectId}`;
/** Where the user's preferences keep a project's layout. */
const preferenceKey = (projectId: string) => `table_layout.${projectId}`;

const layoutOf = (s: TableState): Layout => Object.fromEntries(KEYS.filter((k) => s[k]).map((k) => [k, s[k]])) as Layout;

/** A stored layout as the URL's would read, or null (none, or not an object). */
function parsed(raw: unknown): Layout | null {
  return raw && typeof raw === 'object' ? layoutOf(parseTableState(raw as Record<string, unknown>)) : null;
}

/** This browser's copy. */
function read(projectId: string): Layout | null {
  try {
    const raw = localStorage.getItem(storageKey(projectId));
    return raw ? parsed(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

const fromPreferences = (prefs: Preferences | undefined, projectId: string) =>
  parsed(getAtPath(prefs, preferenceKey(projectId).split('.')));

/**
 * Layouts kept in the preferences, the most recently saved: each project opened and arranged adds one, and the whole
 * is capped on the server (--max-text-bytes), past which nothing more would be saved.
 */
const MAX_LAYOUTS = 25;

/** The change that saves `layout` for the project: its own key, or, at the limit, the list without the oldest. */
export function layoutChange(prefs: Preferences | undefined, projectId: string, layout: Layout): [string, unknown] {
  const saved = { ...layout, at: Date.now() };
  const all = getAtPath(prefs, ['table_layout']);
  const kept = all && typeof all === 'object' ? (all as Record<string, { at?: unknown }>) : {};
  if (projectId in kept || Object.keys(kept).length < MAX_LAYOUTS) return [preferenceKey(projectId), saved];
  const newest = Object.entries(kept)
    .sort(([, a], [, b]) => (Number(b?.at) || 0) - (Number(a?.at) || 0))
    .slice(0, MAX_LAYOUTS - 1);
  return ['table_layout', { ...Object.fromEntries(newest), [projectId]: saved }];
}

/**
 * Columns, order and widths are kept per project in the user's preferences on the server (so they follow the user to
 * any browser) and in this browser, as well as in the URL: opening a project without a layout in its URL brings back
 * the one last used there, the server's copy first.
 */
export function useSavedLayout(projectId: string, state: TableState, onState: (s: TableState, replace: boolean) => void) {
  const prefs = usePreferences();
  const setPreference = useSetPreference();
  const restoredFor = useRef<string | null>(null);
  const layout = JSON.stringify(layoutOf(state));
  // Loaded, or failed (then this browser's copy serves).
  const settled = !prefs.isPending;
  useEffect(() => {
    if (restoredFor.current !== projectId) {
      // A URL without a layout waits for the saved one.
      if (layout === '{}' && !settled) return;
      restoredFor.current = projectId;
      const saved = fromPreferences(prefs.data, projectId) ?? read(projectId);
      if (layout === '{}' && saved && Object.keys(saved).length) {
        onState({ ...state, ...saved }, true);
        return;
      }
    }
    try {
      localStorage.setItem(storageKey(projectId), layout);
    } catch {
      // Storage full or refused: the URL and the server still hold the layout.
    }
    if (settled && layout !== JSON.stringify(fromPreferences(prefs.data, projectId) ?? {}))
      setPreference(...layoutChange(prefs.data, projectId, JSON.parse(layout) as Layout));
  }, [projectId, layout, settled]); // eslint-disable-line react-hooks/exhaustive-deps
}
