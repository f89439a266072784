/** Scalar event batches for the ingest benches, as ScalarPoints and as add_batch bodies (one JSON event a line). */
import type { ScalarPoint } from '../src/server/store/store';

export const BATCH = 10_000;

export function points(task: string, b: number, n = BATCH): ScalarPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const iter = b * (n / 10) + Math.floor(i / 10);
    return {
      task,
      metric: `m${i % 5}`,
      variant: `v${i % 10}`,
      iter,
      value: ((i * 7919) % 1000) / 1000,
      timestamp: 1.7e12 + iter,
    };
  });
}

export function jsonLines(ps: ScalarPoint[]): string {
  return ps
    .map((p) =>
      JSON.stringify({
        timestamp: p.timestamp,
        type: 'training_stats_scalar',
        task: p.task,
        iter: p.iter,
        metric: p.metric,
        variant: p.variant,
        value: p.value,
        allow_locked: false,
        model_event: false,
      }),
    )
    .join('\n');
}
