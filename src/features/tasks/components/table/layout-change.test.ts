/** Which preference saving a project's table layout changes: its own key, or at the limit the list without the oldest. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { layoutChange } from './useSavedLayout';

const layout = { cols: ['name', 'status'] };
const prefsWith = (n: number) => ({
  table_layout: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { cols: ['name'], at: 1000 + i }])),
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(5000);
});
afterEach(() => vi.useRealTimers());

it("sets the project's own key below the limit, or when the project is already kept", () => {
  expect(layoutChange(undefined, 'new', layout)).toEqual(['table_layout.new', { cols: ['name', 'status'], at: 5000 }]);
  expect(layoutChange(prefsWith(24), 'new', layout)[0]).toBe('table_layout.new');
  expect(layoutChange(prefsWith(25), 'p3', layout)[0]).toBe('table_layout.p3');
});

it('at the limit, a new project replaces the list: the 24 saved last, and itself', () => {
  const [key, value] = layoutChange(prefsWith(25), 'new', layout);
  expect(key).toBe('table_layout');
  const kept = Object.keys(value as object);
  expect(kept).toHaveLength(25);
  // p0 was saved first (at 1000): it goes.
  expect(kept).not.toContain('p0');
  expect(kept).toContain('p1');
  expect((value as Record<string, unknown>).new).toEqual({ cols: ['name', 'status'], at: 5000 });
});
