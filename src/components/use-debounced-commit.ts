import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Commits `value` once it has stood still for `ms`, unless it is already `committed`. The timer calls the
 * `commit` of the latest render, not of the keystroke that started it: a sort or filter changed while the
 * user paused typing is then kept, where a closure over the older view would put that view back.
 */
export function useDebouncedCommit<T>(value: T, committed: T, commit: (v: T) => void, ms: number): void {
  const latest = useRef({ committed, commit });
  useLayoutEffect(() => {
    latest.current = { committed, commit };
  });
  useEffect(() => {
    const t = setTimeout(() => value !== latest.current.committed && latest.current.commit(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
}
