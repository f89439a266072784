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

it('writes the shown columns as plain values, quoting what needs it', () => {
  const cols = columnsOf({ cols: ['hp:Args.lr', 'm:loss/val'] });
  const [header, line] = toCsv(cols, [row], (id) => (id === 'u1' ? 'Ada' : id)).split('\r\n');
  expect(header).toBe('ID,Type,Name,Status,User,Tags,Started,Last update,Iteration,Args/lr,loss / val');
  expect(line).toBe(
    `${'a'.repeat(32)},training,"run ""one"", final",Completed,Ada,best; sweep,2026-01-02T03:04:05.000+00:00,2026-01-02T04:00:00.000+00:00,300,0.01,0.123456789`,
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
  const [, line] = toCsv(cols, [evil], (id) => id).split('\r\n');
  const cells = line.split(',');
  expect(cells[2]).toBe(`"'=HYPERLINK(""x"")"`);
  expect(cells[5]).toBe("'@SUM(A1); +1+2");
  expect(cells[9]).toBe('-0.5');
  for (const start of ['-cmd', '\tx', '\rx']) {
    const out = toCsv(columnsOf({ cols: [] }), [{ ...row, name: start } as TaskRow], (id) => id);
    expect(out.split('\r\n')[1]).toMatch(/,"?'/);
  }
});
