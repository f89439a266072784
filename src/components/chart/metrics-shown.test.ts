import { expect, it } from 'vitest';
import { hiddenOf, isShown, shownFrom } from './metrics-shown';

const M = ['a', 'b', 'c', 'd', 'e'];

it('keeps the shorter list: hidden while at most half are, else those shown', () => {
  expect(shownFrom(M, new Set(['b', 'd']))).toEqual({ hide: ['b', 'd'] });
  expect(shownFrom(M, new Set(['a', 'b', 'c']))).toEqual({ only: ['d', 'e'] });
  expect(shownFrom(M, new Set(M))).toEqual({ only: [] });
  expect(shownFrom(M, new Set())).toEqual({ hide: [] });
});

it('tells what is shown and hidden either way', () => {
  for (const v of [shownFrom(M, new Set(['b', 'd'])), shownFrom(M, new Set(['a', 'c', 'e']))]) {
    const hidden = hiddenOf(v, M);
    expect(M.filter((m) => isShown(v, m))).toEqual(M.filter((m) => !hidden.has(m)));
  }
  expect([...hiddenOf({ only: ['d', 'e'] }, M)]).toEqual(['a', 'b', 'c']);
  // A metric that came later: hidden when only others are shown, shown when others are hidden.
  expect(isShown({ only: ['a'] }, 'z')).toBe(false);
  expect(isShown({ hide: ['a'] }, 'z')).toBe(true);
});
