/**
 * How many rows a batch takes: on SQLite (a transaction holds the event loop) sized by how long the last ones held it
 * per row, so one batch holds it about BATCH_TARGET_MS; on PostgreSQL always BATCH.
 */
import { expect, it } from 'vitest';
import { BATCH, BATCH_TARGET_MS, BatchSize, MIN_BATCH } from './batches';

it('starts at the minimum and doubles while rows are quick, up to BATCH', () => {
  const size = new BatchSize(true);
  const seen = [size.current];
  for (let i = 0; i < 5; i++) {
    size.took(size.current, 0.1 * size.current); // 0.1 ms a row: 200 would fit
    seen.push(size.current);
  }
  expect(seen).toEqual([MIN_BATCH, 2 * MIN_BATCH, 4 * MIN_BATCH, BATCH, BATCH, BATCH]);
});

it('takes as many slow rows as fit in the target time, never fewer than the minimum', () => {
  const size = new BatchSize(true);
  size.took(10, 10 * 0.8); // 0.8 ms a row: 25 fit, but it only doubles
  expect(size.current).toBe(20);
  size.took(20, 20 * 0.8);
  expect(size.current).toBe(Math.floor(BATCH_TARGET_MS / 0.8));
  size.took(25, 25 * 2.8); // 2.8 ms a row, as archiving large tasks took: 7 would fit
  expect(size.current).toBe(MIN_BATCH);
  size.took(10, 0); // an instant batch counts as quick
  expect(size.current).toBe(20);
});

it('is BATCH throughout where transactions leave the loop free, and within a smaller maximum', () => {
  const fixed = new BatchSize(false);
  fixed.took(BATCH, 1000);
  expect(fixed.current).toBe(BATCH);
  expect(BatchSize.for({ transactionsHoldLoop: false }).current).toBe(BATCH);
  expect(BatchSize.for({ transactionsHoldLoop: true }).current).toBe(MIN_BATCH);
  const small = new BatchSize(true, 5);
  expect(small.current).toBe(5);
  small.took(5, 1000);
  expect(small.current).toBe(5);
});
