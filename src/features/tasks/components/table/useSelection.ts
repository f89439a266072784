import { useState } from 'react';
import type { TaskRow } from '../../api/queries';

/** The selected rows, kept by id; `fresh` replaces each with its latest copy from the loaded pages. */
export function useSelection() {
  const [selected, setSelected] = useState<Map<string, TaskRow>>(new Map());
  const toggle = (t: TaskRow) => {
    const next = new Map(selected);
    if (next.has(t.id)) next.delete(t.id);
    else next.set(t.id, t);
    setSelected(next);
  };
  const setAll = (rows: TaskRow[], on: boolean) => {
    const next = new Map(selected);
    for (const r of rows) {
      if (on) next.set(r.id, r);
      else next.delete(r.id);
    }
    setSelected(next);
  };
  const clear = () => setSelected(new Map());
  /** Takes tasks out of the selection (those an action took out of the view: archived, restored, deleted). */
  const drop = (ids: string[]) =>
    setSelected((cur) => {
      const next = new Map(cur);
      for (const id of ids) next.delete(id);
      return next;
    });
  // Keep the selection's rows fresh as pages refresh (statuses change).
  const fresh = (pages: { data?: TaskRow[] }[]) => {
    // By id: a selection of the whole view holds thousands of rows.
    const loaded = new Map(pages.flatMap((p) => p.data ?? []).map((r) => [r.id, r]));
    return [...selected.values()].map((s) => loaded.get(s.id) ?? s);
  };
  return { selected, toggle, setAll, clear, drop, fresh };
}

export type Selection = ReturnType<typeof useSelection>;
