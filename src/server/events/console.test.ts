import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server';
import { countLines } from '../store/kysely/events-console';

let srv: TestServer;
let task: string;
beforeAll(async () => {
  srv = await startTestServer();
  task = (await srv.client.call('tasks.create', { name: 'console', type: 'training' })).id;
  // 3 events of 4 lines each, as the SDK joins lines per flush, and one stderr event.
  const events = [0, 1, 2].map((e) => ({ type: 'log', task, msg: [0, 1, 2, 3].map((i) => `event ${e} line ${i}`).join('\n') }));
  events.push({ type: 'log', task, msg: 'Traceback: boom\n', level: 'error' } as (typeof events)[number]);
  await srv.client.call('events.add_batch', events);
});
afterAll(() => srv?.stop());

it('counts lines, a trailing newline ending the last one', () => {
  expect(countLines('a')).toBe(1);
  expect(countLines('a\nb')).toBe(2);
  expect(countLines('a\nb\n')).toBe(2);
});

it('pages the console by line across events', async () => {
  const r = await srv.client.call('events.get_task_log_lines', { task, from_line: 3, count: 3 });
  expect(r.total_lines).toBe(13);
  expect(r.lines.map((l) => `${l.line}:${l.text}`)).toEqual(['3:event 0 line 3', '4:event 1 line 0', '5:event 1 line 1']);
  const end = await srv.client.call('events.get_task_log_lines', { task, count: 2 });
  expect(end.from_line).toBe(11);
  expect(end.lines.map((l) => l.text)).toEqual(['event 2 line 3', 'Traceback: boom']);
  expect(end.lines[1].level).toBe('error');
});

it('searches forward and backward by line', async () => {
  const f = await srv.client.call('events.search_task_log', { task, text: 'LINE 2', from_line: 3 });
  expect(f.line).toBe(6);
  const b = await srv.client.call('events.search_task_log', {
    task,
    text: 'line 2',
    from_line: 9,
    backwards: true,
  });
  expect(b.line).toBe(6);
  const none = await srv.client.call('events.search_task_log', { task, text: 'nowhere' });
  expect(none.line).toBeNull();
});

it('downloads the whole console as text', async () => {
  const res = await fetch(`${srv.url}/api/events.download_task_log?task=${task}`, {
    headers: { Authorization: `Bearer ${srv.client.token}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  const text = await res.text();
  expect(text.split('\n')).toHaveLength(14);
  expect(text).toContain('event 1 line 2\nevent 1 line 3\nevent 2 line 0');
});
