import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import { REGEX_LINE_CHARS, REGEX_SCAN_LINES, searchConsole } from './console-search';

// Regular expressions in events.search_task_log (RE2, matched line by line, in bounded steps).
let srv: TestServer;
let task: string;
const search = (body: { text: string; flags?: string; from_line?: number; backwards?: boolean }, t = task) =>
  srv.client.call('events.search_task_log', { task: t, regex: true, ...body });

async function newTask(name: string, msgs: string[]): Promise<string> {
  const id = (await srv.client.call('tasks.create', { name, type: 'training' })).id;
  for (let i = 0; i < msgs.length; i += 50) {
    await srv.client.call(
      'events.add_batch',
      msgs.slice(i, i + 50).map((msg) => ({ type: 'log', task: id, msg })),
    );
  }
  return id;
}

beforeAll(async () => {
  srv = await startTestServer();
  // Lines: 0-2 the first event, 3, 4-5 (a trailing newline ends the event), 6, 7.
  task = await newTask('regex console', [
    'boot\nEpoch 1 loss=0.50\nvalidation done',
    'epoch 2 LOSS=0.40',
    'warning: lr low\nEPOCH 3 loss=0.30\n',
    'done',
    'epoch 4 loss=0.20',
  ]);
});
afterAll(() => srv?.stop());

const EPOCH = String.raw`^epoch \d+ loss=0\.\d+$`;

it('finds the first matching line forwards and backwards, case-sensitive unless the i flag is given', async () => {
  expect(await search({ text: EPOCH })).toEqual({ line: 7, text: 'epoch 4 loss=0.20' });
  expect(await search({ text: EPOCH, flags: 'i' })).toEqual({ line: 1, text: 'Epoch 1 loss=0.50' });
  expect((await search({ text: EPOCH, flags: 'i', from_line: 2 })).line).toBe(3);
  // The second line of an event, from inside that event.
  expect((await search({ text: EPOCH, flags: 'i', from_line: 4 })).line).toBe(5);
  expect((await search({ text: EPOCH, flags: 'i', from_line: 6, backwards: true })).line).toBe(5);
  expect((await search({ text: EPOCH, flags: 'i', from_line: 4, backwards: true })).line).toBe(3);
  expect((await search({ text: EPOCH, flags: 'i', backwards: true })).line).toBe(7);
  expect((await search({ text: EPOCH, from_line: 6, backwards: true })).line).toBeNull();
  expect((await search({ text: EPOCH, flags: 'i', from_line: 8 })).line).toBeNull();
  // Anchors hold at the ends of a line, not of the event's text.
  expect(await search({ text: '^validation done$' })).toEqual({ line: 2, text: 'validation done' });
  expect((await search({ text: '^boot$' })).line).toBe(0);
});

it('keeps plain text plain', async () => {
  const plain = (text: string) => srv.client.call('events.search_task_log', { task, text });
  expect((await plain('loss=0.40')).line).toBe(3);
  expect((await plain(String.raw`epoch \d+`)).line).toBeNull();
  expect((await plain('/epoch/i')).line).toBeNull();
  await expect(srv.client.call('events.search_task_log', { task, text: 'loss', flags: 'i' })).rejects.toMatchObject({
    code: 400,
  });
});

it('refuses patterns RE2 cannot run, unknown flags and too long patterns with a 400 saying why', async () => {
  const refused = async (body: { text: string; flags?: string }, why: RegExp) => {
    const e: unknown = await search(body).then(
      () => new Error('answered'),
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ code: 400 });
    expect((e as { detail: string }).detail).toMatch(why);
  };
  await refused({ text: String.raw`(a)\1` }, /backreference/i);
  await refused({ text: 'epoch(?= 2)' }, /lookahead/i);
  await refused({ text: 'epoch (' }, /missing closing \)/i);
  await refused({ text: 'epoch', flags: 'g' }, /flag "g"/);
  await refused({ text: 'epoch', flags: 'iy' }, /flag "y"/);
  await refused({ text: 'x'.repeat(1000) }, /1000 characters/);
  // A long pattern within the cap runs.
  expect((await search({ text: `^(?:${'z?'.repeat(100)})done$` })).line).toBe(6);
  // Nothing changed: the log and what a search finds.
  expect((await srv.client.call('events.get_task_log_lines', { task })).total_lines).toBe(8);
  expect((await search({ text: EPOCH, flags: 'i' })).line).toBe(1);
});

it('answers a pattern that backtracking engines take exponential time on at once', async () => {
  const t = await newTask('aaa', ['a'.repeat(100_000) + 'b', 'a'.repeat(5_000) + 'b', 'aaaa']);
  const began = performance.now();
  expect(await search({ text: '(a+)+$' }, t)).toEqual({ line: 2, text: 'aaaa' });
  expect((await search({ text: '(a+)+$', from_line: 1, backwards: true }, t)).line).toBeNull();
  expect((await search({ text: '(x+x+)+y' }, t)).line).toBeNull();
  expect(performance.now() - began).toBeLessThan(3000);
});

it('stops at its bound without a match, saying where, and goes on from there', async () => {
  // 110,000 lines in events of 1,000 lines; the only matches at lines 3,000 and 105,000.
  const msgs = Array.from({ length: 110 }, (_, e) =>
    Array.from({ length: 1000 }, (_, i) => {
      const line = e * 1000 + i;
      return line === 3000 || line === 105_000 ? `step ${line} NaN loss` : `step ${line} loss 0.1`;
    }).join('\n'),
  );
  const t = await newTask('long log', msgs);
  const nan = { text: String.raw`\bnan\b`, flags: 'i' };
  const first = await search({ ...nan, from_line: 3001 }, t);
  expect(first.line).toBeNull();
  expect(first.searched_to).toBeGreaterThanOrEqual(3001);
  expect(first.searched_to).toBeLessThan(105_000);
  // From the next line on it finds the match (in one step unless the machine is slow enough for the clock to stop it).
  expect(await searchOn(t, { ...nan, from_line: first.searched_to! + 1 })).toEqual({
    line: 105_000,
    text: 'step 105000 NaN loss',
  });

  // Backwards.
  const back = await search({ ...nan, from_line: 104_999, backwards: true }, t);
  expect(back.line).toBeNull();
  expect(back.searched_to).toBeGreaterThan(3000);
  expect(back.searched_to).toBeLessThanOrEqual(104_999);
  expect(await searchOn(t, { ...nan, from_line: back.searched_to! - 1, backwards: true })).toEqual({
    line: 3000,
    text: 'step 3000 NaN loss',
  });
  // The whole rest of the log searched: no match past the last one, and no bound to report.
  expect(await search({ ...nan, from_line: 105_001 }, t)).toEqual({ line: null });
});

/** Searches on from where each answer stopped, as the dashboard's "continue" does; the last answer. */
async function searchOn(t: string, body: { text: string; flags: string; from_line: number; backwards?: boolean }) {
  let from = body.from_line;
  for (let step = 0; step < 10; step++) {
    const r = await search({ ...body, from_line: from }, t);
    if (r.searched_to === undefined) return r;
    expect(body.backwards ? r.searched_to < from : r.searched_to > from).toBe(true);
    from = body.backwards ? r.searched_to - 1 : r.searched_to + 1;
  }
  throw new Error('no answer in 10 steps');
}

it('stops a slow pattern by the clock', async () => {
  // 2,000 lines of 1,000 letters, on which RE2 runs this pattern on its NFA at tens of milliseconds a line:
  // the whole log would take a minute or more.
  let seed = 7;
  const letter = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) & 1 ? 'a' : 'b');
  const msgs = Array.from({ length: 20 }, () =>
    Array.from({ length: 100 }, () => Array.from({ length: 1000 }, letter).join('')).join('\n'),
  );
  const t = await newTask('slow pattern', msgs);
  const began = performance.now();
  const r = await search({ text: String.raw`[\pL\pN]*a(\pL|\pN|\pP){1000}` }, t);
  expect(performance.now() - began).toBeLessThan(5000);
  expect(r.line).toBeNull();
  expect(r.searched_to).toBeLessThan(1999);
});

it('reads about the lines a step looks at, however many lines a row holds', async () => {
  // 1,200 rows of 200 lines, as the SDK packs a busy console: 240,000 lines, none matching.
  const msgs = Array.from({ length: 1200 }, (_, e) =>
    Array.from({ length: 200 }, (_, i) => `step ${e * 200 + i} loss 0.1`).join('\n'),
  );
  const t = await newTask('packed log', msgs);
  const read = vi.spyOn(srv.store.events, 'readLogs');
  try {
    const r = await searchConsole(srv.store, { task: t, text: 'no such line', regex: true, from_line: 0 });
    expect(r.line).toBeNull();
    const rows = (await Promise.all(read.mock.results.map((x) => x.value as Promise<unknown[]>))).reduce(
      (n, page) => n + page.length,
      0,
    );
    // The step's 100,000 lines are 500 rows: a page of rows sized by lines, not 5,000 rows of 200 lines each.
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(REGEX_SCAN_LINES / 200 + 50);
  } finally {
    read.mockRestore();
  }
});

it('finds a match in a long line within its first 16,384 characters, one ending right at the cut too', async () => {
  const long = (at: number, total: number) => 'x'.repeat(at) + 'needle' + 'y'.repeat(total - at - 6);
  const t = await newTask('long lines', [long(20_000, 30_000), long(REGEX_LINE_CHARS - 6, 20_000), long(10_000, 30_000)]);
  // Past the cut: not found on line 0; ending right at it (line 1), and well inside it (line 2): found.
  expect((await search({ text: 'needle' }, t)).line).toBe(1);
  expect((await search({ text: 'needle', from_line: 2 }, t)).line).toBe(2);
  expect((await search({ text: 'needley' }, t)).line).toBe(2);
});
