import { describe, expect, it } from 'vitest';
import { nextSort as next, sortKeysOf, sortPlace, thenByFromUrl } from './sort-keys';

const DEFAULT = '-last_update';
const nextSort = (s: Parameters<typeof next>[0], field: string, add: boolean) => next(s, field, add, DEFAULT);

describe('table sort keys', () => {
  it('sorts by the newest update when nothing was picked, and leaves out a repeat of the first key', () => {
    expect(sortKeysOf({}, DEFAULT)).toEqual(['-last_update']);
    expect(sortKeysOf({ sort: 'status', thenBy: ['-name', 'status', '-status'] }, DEFAULT)).toEqual(['status', '-name']);
    expect(sortKeysOf({ sort: 'a', thenBy: ['b', 'c', 'd', 'e', 'f'] }, DEFAULT)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('tells where a column stands in the sort and which way', () => {
    expect(sortPlace(['status', '-name'], 'name')).toEqual({ rank: 1, desc: true });
    expect(sortPlace(['status', '-name'], 'status')).toEqual({ rank: 0, desc: false });
    expect(sortPlace(['status'], 'user')).toBeNull();
  });

  it('a plain click sorts by that column alone, reversing it when it was first and ascending', () => {
    expect(nextSort({}, 'name', false)).toEqual({ sort: 'name', thenBy: undefined });
    expect(nextSort({ sort: 'name' }, 'name', false)).toEqual({ sort: '-name', thenBy: undefined });
    expect(nextSort({ sort: '-name' }, 'name', false)).toEqual({ sort: 'name', thenBy: undefined });
    expect(nextSort({ sort: 'status', thenBy: ['name'] }, 'name', false)).toEqual({ sort: 'name', thenBy: undefined });
    expect(nextSort({ sort: 'status', thenBy: ['name'] }, 'status', false)).toEqual({ sort: '-status', thenBy: undefined });
  });

  it('Shift adds a column after the others, then reverses it, then takes it out', () => {
    const added = nextSort({ sort: 'status' }, 'name', true);
    expect(added).toEqual({ sort: 'status', thenBy: ['name'] });
    const reversed = nextSort(added, 'name', true);
    expect(reversed).toEqual({ sort: 'status', thenBy: ['-name'] });
    expect(nextSort(reversed, 'name', true)).toEqual({ sort: 'status', thenBy: undefined });
    // On the first key: reversed, then out, the next key becoming first.
    expect(nextSort({ sort: 'status', thenBy: ['name'] }, 'status', true)).toEqual({ sort: '-status', thenBy: ['name'] });
    expect(nextSort({ sort: '-status', thenBy: ['name'] }, 'status', true)).toEqual({ sort: 'name', thenBy: undefined });
    // The only key is never taken out.
    expect(nextSort({ sort: '-status' }, 'status', true)).toEqual({ sort: 'status', thenBy: undefined });
    // Added under the default sort when none was picked.
    expect(nextSort({}, 'name', true)).toEqual({ sort: '-last_update', thenBy: ['name'] });
  });

  it('adds no key past four', () => {
    const full = { sort: 'a', thenBy: ['b', 'c', 'd'] };
    expect(nextSort(full, 'e', true)).toEqual(full);
  });

  it('takes from a URL only whole string keys of a sane length, three at most', () => {
    expect(thenByFromUrl(['-name', 7, '', 'x'.repeat(1001), 'a', 'b', 'c'])).toEqual(['-name', 'a', 'b']);
    expect(thenByFromUrl('name,status')).toBeUndefined();
    expect(thenByFromUrl([1, ''])).toBeUndefined();
  });
});
