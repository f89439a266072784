/** The parse pool refuses work once closed, and never leaves a body waiting on an answer that cannot be read. */
import type { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { defaultConfig } from '../config';
import { ApiError } from '../http/errors';
import { ParsePool } from './parse-pool';

const limits = defaultConfig();
const body = () => Buffer.from('{"type":"log","task":"T1","msg":"hello"}\n');
const slotsOf = (p: ParsePool) => (p as unknown as { slots: ({ worker: EventEmitter } | undefined)[] }).slots;

it('refuses a body after close instead of starting a new thread', async () => {
  const pool = new ParsePool(limits, 1, 0);
  await pool.close();
  await expect(pool.parse(body(), 'application/json-lines')).rejects.toThrow(/shutting down/);
  expect(slotsOf(pool).every((s) => s === undefined)).toBe(true);
});

it('fails the bodies a thread held when one of its answers cannot be read', async () => {
  const pool = new ParsePool(limits, 1, 0);
  try {
    const pending = pool.parse(body(), 'application/json-lines').then(
      () => 'answered',
      (e: unknown) => e,
    );
    slotsOf(pool)[0]!.worker.emit('messageerror', new Error('could not deserialize'));
    const e = await pending;
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(500);
    expect((e as ApiError).message).toMatch(/could not be read/);
  } finally {
    await pool.close();
  }
});
