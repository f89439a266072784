import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createHash as md5 } from './md5';
import { columnsOf, extraColumn, parseTableState, queryOf } from './table-state';

it('computes md5 as ClearML keys last_metrics', () => {
  for (const s of ['', 'loss', 'validation', 'ünïcode metric', 'x'.repeat(200)]) {
    expect(md5(s)).toBe(createHash('md5').update(s).digest('hex'));
  }
});

it('reads the URL state and drops what does not fit', () => {
  expect(
    parseTableState({ q: 'res', types: ['training'], statuses: 'failed,completed', archived: 'true', sort: '', cols: 5 }),
  ).toEqual({
    q: 'res',
    types: ['training'],
    statuses: ['failed', 'completed'],
    archived: true,
  });
});

it('turns added columns into server fields', () => {
  expect(extraColumn('hp:Args.lr')).toMatchObject({ label: 'Args/lr', sortField: 'hyperparams.Args.lr.value' });
  expect(extraColumn('m:loss/validation')?.sortField).toMatch(/^last_metrics\.[0-9a-f]{32}\.[0-9a-f]{32}\.value$/);
  expect(extraColumn('bogus')).toBeNull();
});

it('builds the server query of a view', () => {
  expect(queryOf('p1', { statuses: ['failed'], deep: true, sort: 'name' })).toEqual({
    project: ['p1'],
    include_subprojects: true,
    status: ['failed'],
    system_tags: ['-archived'],
    order_by: ['name'],
  });
});

it('hides default columns the user turned off, but never the name', () => {
  expect(parseTableState({ hide: 'user,tags' }).hide).toEqual(['user', 'tags']);
  const keys = columnsOf({ hide: ['user', 'tags', 'name'], cols: ['hp:Args.lr'] }).map((c) => c.key);
  expect(keys).toEqual(['type', 'name', 'status', 'started', 'last_update', 'last_iteration', 'hp:Args.lr']);
});
