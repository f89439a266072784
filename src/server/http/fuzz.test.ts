/** A little fuzzing of the main endpoints: odd values are refused with a 4xx, never a 500, and never leak a path. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../app';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';
import { safeMessage } from './safe-message';

let srv: TestServer;
let auth: Record<string, string>;
let taskId: string;

beforeAll(async () => {
  srv = await startTestServer();
  auth = { Authorization: `Bearer ${srv.client.token}` };
  taskId = (await srv.client.call('tasks.create', { name: 'fuzz', type: 'training' })).id;
});
afterAll(() => srv?.stop());

const ODD: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1.5,
  '',
  'x',
  '\u0000',
  '\ud800',
  '🧪'.repeat(50),
  'a\u202eb',
  '../../etc/passwd',
  [],
  [null],
  [1, 'a'],
  {},
  { $gt: '' },
  { __proto__: { polluted: 1 } },
  { constructor: { prototype: { polluted: 1 } } },
];
const FIELDS = [
  'task',
  'tasks',
  'id',
  'ids',
  'name',
  'project',
  'queue',
  'model',
  'page',
  'page_size',
  'size',
  'order_by',
  'only_fields',
  'tags',
  'status',
  'iters',
  'batch_size',
  'scroll_id',
  'metrics',
  'hyperparams',
  'configuration',
  'force',
  'value',
  'iter',
  'samples',
];

describe('fuzzing', () => {
  it('answers odd values on every endpoint without a 500', async () => {
    const failures: string[] = [];
    let n = 0;
    for (const ep of ENDPOINTS.map((e) => e.name)) {
      if (ep === 'auth.login') continue;
      for (let i = 0; i < 12; i++) {
        const body: Record<string, unknown> = { task: taskId };
        for (const f of FIELDS) if ((i * 7 + f.length * 13 + n) % 3 === 0) body[f] = ODD[(i * 11 + f.length + n) % ODD.length];
        n++;
        const whole = ['[]', '"x"', '1e999', 'null', '[{"task":1}]', '{"task":{"$ne":null}}'];
        if (i < whole.length) {
          const text = whole[i];
          const r = await rawRequest(`${srv.url}/api/v2.23/${ep}`, 'POST', { ...auth, 'Content-Type': 'application/json' }, text);
          if (r.status >= 500) failures.push(`${ep} ${text} -> ${r.status} ${r.body.toString().slice(0, 300)}`);
        }
        const fuzzed = JSON.stringify(body).replace('"value":1e+308', '"value":NaN');
        const r = await rawRequest(`${srv.url}/api/v2.23/${ep}`, 'POST', { ...auth, 'Content-Type': 'application/json' }, fuzzed);
        const msg = r.body.toString();
        if (r.status >= 500 || msg.includes(srv.dataDir))
          failures.push(`${ep} ${fuzzed.slice(0, 200)} -> ${r.status} ${msg.slice(0, 300)}`);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('never puts a server file path in an unexpected error message', () => {
    const e = Object.assign(
      new Error(`EISDIR: illegal operation on a directory, rename '/srv/data/files/.incoming/abc' -> '/srv/data/files/p/dir'`),
      { code: 'EISDIR' },
    );
    expect(safeMessage(e)).toBe(`EISDIR: illegal operation on a directory, rename '<path>' -> '<path>'`);
    expect(safeMessage(new Error('unable to open database file C:\\data\\taskdeck.sqlite'))).toBe(
      'unable to open database file <path>',
    );
  });
});
