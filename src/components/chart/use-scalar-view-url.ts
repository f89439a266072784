import { useEffect, useRef, useState } from 'react';
import { gestureOf, searchFromView, type ScalarView } from './scalar-view-search';

const key = (v: ScalarView) => JSON.stringify(searchFromView(v));

/**
 * A view kept in the URL, drawn from a copy that changes at once (typing does not wait for the router) and
 * follows the URL when it changes from elsewhere (Back, Forward, a link). Each change is a history entry,
 * except the further steps of one gesture (typing in the filter, dragging the slider), which replace the
 * entry their first step made.
 */
export function useScalarViewUrl(
  view: ScalarView,
  onView: (v: ScalarView, replace: boolean) => void,
): [ScalarView, (next: ScalarView) => void] {
  const [draft, setDraft] = useState(view);
  const last = useRef<{ gesture: string; wrote: string } | null>(null);
  // The URLs written and not yet seen back: their arrival must not undo later keystrokes.
  const written = useRef<string[]>([]);
  const urlKey = key(view);
  useEffect(() => {
    const at = written.current.indexOf(urlKey);
    if (at >= 0) {
      written.current.splice(0, at + 1);
      return;
    }
    written.current = [];
    last.current = null;
    setDraft(view);
  }, [urlKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (next: ScalarView) => {
    const wrote = key(next);
    setDraft(next);
    if (wrote === key(draft)) return;
    const gesture = gestureOf(draft, next);
    const replace = !!gesture && last.current?.gesture === gesture && last.current.wrote === key(draft);
    last.current = gesture ? { gesture, wrote } : null;
    written.current.push(wrote);
    onView(next, replace);
  };
  return [draft, set];
}
