/** A reader thread whose answer cannot be read fails the jobs it held, and tells the client no server path. */
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { ReaderPool } from './pool';

it('fails the pending jobs of a thread whose answer cannot be read, without the path in its error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-readers-'));
  const pool = new ReaderPool({ dataDir: dir }, 1);
  try {
    const job = pool.run('consoleSearch', { task: 't1', text: 'needle' }).then(
      () => 'answered',
      (e: unknown) => e,
    );
    const worker = (pool as unknown as { threads: { worker: EventEmitter }[] }).threads[0]!.worker;
    worker.emit('messageerror', new Error('cannot deserialize /srv/taskdeck/data/secret.db'));
    const e = await job;
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(500);
    expect((e as ApiError).message).toMatch(/reader thread stopped: cannot deserialize <path>/);
    expect((e as ApiError).message).not.toContain('/srv/taskdeck');
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
