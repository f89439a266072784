import { expect, it } from 'vitest';
import { emaSmooth } from './smoothing';

it('leaves a series alone at weight 0 and keeps a constant series constant at any weight', () => {
  expect(emaSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  for (const v of emaSmooth([3, 3, 3, 3], 0.9)) expect(v).toBeCloseTo(3, 10);
});

it('damps a spike and corrects the start-up bias', () => {
  const s = emaSmooth([0, 0, 10, 0, 0], 0.5);
  expect(s[0]).toBe(0);
  expect(s[2]).toBeLessThan(10);
  expect(s[2]).toBeGreaterThan(4);
  expect(s[4]).toBeLessThan(s[3]);
  expect(emaSmooth([2], 0.99)[0]).toBeCloseTo(2, 10);
});

it('passes non-finite values through without poisoning the rest', () => {
  const s = emaSmooth([1, Number.NaN, 1], 0.5);
  expect(Number.isNaN(s[1])).toBe(true);
  expect(s[2]).toBeCloseTo(1, 10);
});
