import { expect, it } from 'vitest';
import type { TaskRow } from './api/queries';
import { toCsv } from './csv';
import { createHash as md5 } from './md5';
import { columnsOf } from './table-state';

const row: TaskRow = {
  id: 'a'.repeat(32),
  name: 'run "one", final',
  type: 'training',
  status: 'completed',
  user: 'u1',
  tags: ['best', 'sweep'],
  system_tags: [],
  started: '2026-01-02T03:04:05.000+00:00',
  last_update: '2026-01-02T04:00:00.000+00:00',
  last_iteration: 300,
  project: 'p',
  hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '0.01' } } },
  last_metrics: {
    [md5('loss')]: {
      [md5('val')]: { metric: 'loss', variant: 'val', value: 0.123456789, min_value: 0.1, max_value: 2, iter: 300, timestamp: 0 },
    },
  },
} as TaskRow;

const names = { userName: (id: string) => (id === 'u1' ? 'Ada' : id), projectName: (id: string | null) => `project ${id}` };

it('writes the shown columns as plain values, quoting what needs it', () => {
  const cols = columnsOf({ cols: ['hp:Args.lr', 'm:loss/val', 'min:loss/val', 'max:loss/val'] }, { showProject: true });
  const [header, line] = toCsv(cols, [row], names).split('\r\n');
  expect(header).toBe(
    'ID,Project,Name,Type,Status,Tags,User,Started,Updated,Run time (s),Iteration,Args/lr,loss / val,loss / val (min),loss / val (max)',
  );
  // Completed at its last update, 55 min 55 s after it started.
  expect(line).toBe(
    `${'a'.repeat(32)},project p,"run ""one"", final",training,Completed,best; sweep,Ada,2026-01-02T03:04:05.000+00:00,2026-01-02T04:00:00.000+00:00,3355,300,0.01,0.123456789,0.1,2`,
  );
});

it('writes text that a spreadsheet would run as a formula as text, and keeps numbers numbers', () => {
  const cols = columnsOf({ cols: ['hp:Args.lr', 'm:loss/val'] });
  const evil = {
    ...row,
    name: '=HYPERLINK("x")',
    tags: ['@SUM(A1)', '+1+2'],
    hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '-0.5' } } },
  } as TaskRow;
  const [, line] = toCsv(cols, [evil], names).split('\r\n');
  const cells = line.split(',');
  expect(cells[1]).toBe(`"'=HYPERLINK(""x"")"`);
  expect(cells[4]).toBe("'@SUM(A1); +1+2");
  expect(cells[10]).toBe('-0.5');
  for (const start of ['-cmd', '\tx', '\rx']) {
    const out = toCsv(columnsOf({ cols: [] }), [{ ...row, name: start } as TaskRow], names);
    expect(out.split('\r\n')[1]).toMatch(/,"?'/);
  }
});
