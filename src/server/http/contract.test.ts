import { expect, expectTypeOf, it } from 'vitest';
import type { ApiClient } from '../../client';
import { contract, type ResponseOf } from '../../shared/api/contract';
import type { Task } from '../../shared/api/records';
import { ENDPOINTS } from '../app';
import { endpoint } from './endpoint';

it('serves exactly the endpoints of the contract, each validating with its schema', () => {
  expect(ENDPOINTS.map((e) => e.name).sort()).toEqual(Object.keys(contract).sort());
  for (const e of ENDPOINTS) expect(e.schema, e.name).toBe(contract[e.name as keyof typeof contract].request);
});

it('types a handler against the response and a client call from the same entry', () => {
  // Checked by the compiler (npx tsc), never run: a handler answering another shape does not compile.
  const handlers = () => [
    // @ts-expect-error tasks.create answers {id}
    endpoint('tasks.create', async () => ({ task: 'x' })),
    // @ts-expect-error not an endpoint of the contract
    endpoint('tasks.no_such_call', async () => ({})),
    endpoint('tasks.create', async () => ({ id: 'x' })),
  ];
  expect(handlers).toBeTypeOf('function');
  expectTypeOf<ResponseOf<'tasks.get_by_id'>>().toEqualTypeOf<{ task: Task }>();
  const client = null as unknown as ApiClient;
  const typed = () => {
    // @ts-expect-error a required field is missing
    void client.call('tasks.get_by_id', {});
    // @ts-expect-error the body is required
    void client.call('tasks.get_by_id');
    void client.call('queues.get_default');
    expectTypeOf(client.call('queues.get_num_entries', { queue: 'q' })).toEqualTypeOf<Promise<{ num: number }>>();
  };
  expect(typed).toBeTypeOf('function');
});
