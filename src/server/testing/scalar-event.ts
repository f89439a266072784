/** Epoch ms of the tests' scalar points: iteration i is reported at T0 + i unless a test says otherwise. */
export const T0 = 1_700_000_000_000;

/** A `loss` scalar event of the ClearML SDK's shape, for add_batch bodies in tests. */
export const lossPoint = (task: string, variant: string, iter: number, value: number, timestamp = T0 + iter) => ({
  type: 'training_stats_scalar',
  task,
  metric: 'loss',
  variant,
  iter,
  value,
  timestamp,
});
