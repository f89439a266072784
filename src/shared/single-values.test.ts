import { expect, it } from 'vitest';
import { chartedMetrics } from './single-values';

it('leaves out "Summary" only when it holds single values, and sorts the rest once each', () => {
  expect(chartedMetrics(['loss', 'Summary', 'acc', 'loss'], ['Summary'])).toEqual(['acc', 'loss']);
  expect(chartedMetrics(['loss', 'Summary'], [])).toEqual(['loss', 'Summary']);
  expect(chartedMetrics([], ['Summary'])).toEqual([]);
});
