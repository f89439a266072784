import { expect, it } from 'vitest';
import { emaSmooth, gaussianSmooth, runningAverage, smooth } from './smoothing';

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

it('running average: the mean of the last `window` points, fewer at the start', () => {
  expect(runningAverage([2, 4, 6, 8], 2)).toEqual([2, 3, 5, 7]);
  expect(runningAverage([1, 2, 3], 10)).toEqual([1, 1.5, 2]);
  expect(smooth([1, 2, 3], 'running', 1)).toEqual([1, 2, 3]);
});

it('gaussian: symmetric, spreads a spike to both sides, keeps a constant series and its total', () => {
  const s = gaussianSmooth([0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0], 1);
  expect(s[6]).toBeLessThan(10);
  expect(s[5]).toBeCloseTo(s[7], 12);
  expect(s[5]).toBeGreaterThan(0);
  for (const v of gaussianSmooth([5, 5, 5, 5], 2)) expect(v).toBeCloseTo(5, 12);
  // Weight at distance 1 relative to the centre is e^(-1/2) for sigma 1 (interior point, full kernel).
  expect(s[5] / s[6]).toBeCloseTo(Math.exp(-0.5), 12);
});

it('none and a zero parameter leave the series alone', () => {
  expect(smooth([1, 9, 1], 'none', 0.9)).toEqual([1, 9, 1]);
  expect(smooth([1, 9, 1], 'ema', 0)).toEqual([1, 9, 1]);
  expect(smooth([1, 9, 1], 'ema', 0.5)).toEqual(emaSmooth([1, 9, 1], 0.5));
});
