import { QueryClient } from '@tanstack/react-query';
import { expect, it } from 'vitest';
import type { ApiClient } from '../../../client';
import { compareMetricsQuery } from './queries';

/** A client answering each task's metric names and the single values of the tasks, recording every call. */
function fakeClient(metrics: Record<string, string[]>, singles: Record<string, { metric: string; variant: string }[]> = {}) {
  const calls: { endpoint: string; body: Record<string, unknown> }[] = [];
  const client = {
    call: async (endpoint: string, body: Record<string, unknown>) => {
      calls.push({ endpoint, body });
      if (endpoint === 'events.get_task_metrics')
        return { metrics: Object.entries(metrics).map(([task, names]) => ({ task, metrics: names })) };
      if (endpoint === 'events.get_task_single_value_metrics')
        return {
          tasks: Object.entries(singles).map(([task, values]) => ({ task, values: values.map((v) => ({ ...v, value: 1 })) })),
        };
      throw new Error(`unexpected ${endpoint}`);
    },
  } as unknown as ApiClient;
  return { client, calls };
}

it('lists the metrics of every task once, sorted, without asking for single values when no task has a Summary', async () => {
  const { client, calls } = fakeClient({ a: ['loss', 'accuracy'], b: ['loss', 'lr'] });
  expect(await new QueryClient().fetchQuery(compareMetricsQuery(client, ['a', 'b']))).toEqual(['accuracy', 'loss', 'lr']);
  expect(calls.map((c) => c.endpoint)).toEqual(['events.get_task_metrics']);
});

it('leaves out a Summary of single values, asking for that metric only', async () => {
  const { client, calls } = fakeClient({ a: ['loss', 'Summary'], b: ['loss'] }, { a: [{ metric: 'Summary', variant: 'best' }] });
  expect(await new QueryClient().fetchQuery(compareMetricsQuery(client, ['a', 'b']))).toEqual(['loss']);
  expect(calls[1]).toEqual({
    endpoint: 'events.get_task_single_value_metrics',
    body: { tasks: ['a', 'b'], metrics: [{ metric: 'Summary' }] },
  });
});

it('charts a Summary reported at ordinary iterations', async () => {
  const { client } = fakeClient({ a: ['Summary', 'loss'] });
  expect(await new QueryClient().fetchQuery(compareMetricsQuery(client, ['a']))).toEqual(['loss', 'Summary']);
});
