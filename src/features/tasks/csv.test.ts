import { expect, it } from 'vitest';
import type { TaskRow } from './api/queries';
import { toCsv } from './csv';
import { createHash as md5 } from './md5';
import { columnsOf } from './table-state';

const row: TaskRow = {
  id: 'a'.repeat(32), name: 'run "one", final', type: 'training', status: 'completed', user: 'u1', tags: ['best', 'sweep'], system_tags: [],
  started: '2026-01-02T03:04:05.000+00:00', last_update: '2026-01-02T04:00:00.000+00:00', last_iteration: 300, project: 'p',
  hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '0.01' } } },
  last_metrics: { [md5('loss')]: { [md5('val')]: { metric: 'loss', variant: 'val', value: 0.123456789, min_value: 0.1, max_value: 2, iter: 300, timestamp: 0 } } },
} as TaskRow;

it('writes the shown columns as plain values, quoting what needs it', () => {
  const cols = columnsOf({ cols: ['hp:Args.lr', 'm:loss/val'] });
  const [header, line] = toCsv(cols, [row], (id) => (id === 'u1' ? 'Ada' : id)).split('\r\n');
  expect(header).toBe('ID,Type,Name,Status,User,Tags,Started,Last update,Iteration,Args/lr,loss / val');
  expect(line).toBe(`${'a'.repeat(32)},training,"run ""one"", final",Completed,Ada,best; sweep,2026-01-02T03:04:05.000+00:00,2026-01-02T04:00:00.000+00:00,300,0.01,0.123456789`);
});

it('keeps a spreadsheet from running a stored formula, but leaves negative numbers alone', () => {
  const cols = columnsOf({ cols: ['hp:Args.lr'] });
  const hostile = { ...row, name: '=HYPERLINK("http://evil.example","x")', tags: ['@SUM(1)'], hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '-0.5' } } } } as TaskRow;
  const line = toCsv(cols, [hostile], () => '+cmd').split('\r\n')[1];
  expect(line).toBe(`${'a'.repeat(32)},training,"'=HYPERLINK(""http://evil.example"",""x"")",Completed,'+cmd,'@SUM(1),2026-01-02T03:04:05.000+00:00,2026-01-02T04:00:00.000+00:00,300,-0.5`);
});
