import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createHash as md5 } from './md5';
import { moveColumn } from './columns';
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

it('in All tasks, keeps the projects picked with their sub-projects; in a project, its own filter wins', () => {
  const state = parseTableState({ projects: 'p2,p3' });
  expect(state).toEqual({ projects: ['p2', 'p3'] });
  expect(queryOf('*', state)).toMatchObject({ project: ['p2', 'p3'], include_subprojects: true });
  expect(queryOf('*', {})).not.toHaveProperty('project');
  expect(queryOf('p1', state)).toMatchObject({ project: ['p1'], include_subprojects: false });
});

it('sends the tag filters as ClearML field filters: one of the tags picked, or each; none of those excluded', () => {
  const state = parseTableState({ tags: 'a,b', notTags: 'c', tagsAll: 'true' });
  expect(state).toEqual({ tags: ['a', 'b'], notTags: ['c'], tagsAll: true });
  expect(queryOf('*', state).filters).toEqual({ tags: { all: { include: ['a', 'b'], exclude: ['c'] } } });
  expect(queryOf('*', { tags: ['a', 'b'], notTags: ['c'] }).filters).toEqual({
    tags: { any: { include: ['a', 'b'] }, all: { exclude: ['c'] } },
  });
  expect(queryOf('*', { notTags: ['c'] }).filters).toEqual({ tags: { all: { exclude: ['c'] } } });
  expect(queryOf('*', { tags: ['a'] }).filters).toEqual({ tags: { any: { include: ['a'] } } });
  expect(queryOf('*', { tagsAll: true })).not.toHaveProperty('filters');
  expect(queryOf('*', { tags: ['a'] })).not.toHaveProperty('tags');
});

it('sends the parents picked as a list of parent ids', () => {
  const state = parseTableState({ parents: ['a'.repeat(32), 'b'.repeat(32)] });
  expect(state.parents).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
  expect(queryOf('*', state).parent).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
  expect(queryOf('*', {})).not.toHaveProperty('parent');
});

it('reads sort keys after the first only as a list of whole keys, and sends every key to the server', () => {
  const state = parseTableState({ sort: 'status', thenBy: ['hyperparams.Args.a,b.value', 5, '', '-name', 'x', 'y'] });
  expect(state).toEqual({ sort: 'status', thenBy: ['hyperparams.Args.a,b.value', '-name', 'x'] });
  // A plain string is not split on its commas (a hyperparameter's name may hold one): it is not a list, so left out.
  expect(parseTableState({ thenBy: 'name,type' }).thenBy).toBeUndefined();
  expect(queryOf('*', state).order_by).toEqual(['status', 'hyperparams.Args.a,b.value', '-name', 'x']);
});

it('hides default columns the user turned off, but never the name', () => {
  expect(parseTableState({ hide: 'user,tags' }).hide).toEqual(['user', 'tags']);
  const keys = columnsOf({ hide: ['user', 'tags', 'name'], cols: ['hp:Args.lr'] }).map((c) => c.key);
  expect(keys).toEqual(['id', 'name', 'type', 'status', 'started', 'last_update', 'runtime', 'last_iteration', 'hp:Args.lr']);
});

it('shows the project column only where several projects can show', () => {
  expect(columnsOf({}).map((c) => c.key)).not.toContain('project');
  expect(
    columnsOf({}, { showProject: true })
      .map((c) => c.key)
      .slice(0, 3),
  ).toEqual(['id', 'project', 'name']);
});

it('orders and sizes columns as the layout says; unnamed ones keep their place after', () => {
  const cols = columnsOf({ cols: ['comment', 'm:loss/val'], order: ['status', 'name', 'nope'], w: { name: 333 } });
  expect(cols.map((c) => c.key)).toEqual([
    'status',
    'name',
    'id',
    'type',
    'tags',
    'user',
    'started',
    'last_update',
    'runtime',
    'last_iteration',
    'comment',
    'm:loss/val',
  ]);
  expect(cols[1].width).toBe(333);
  expect(moveColumn(['a', 'b', 'c', 'd'], 'a', 'c')).toEqual(['b', 'c', 'a', 'd']);
  expect(moveColumn(['a', 'b', 'c', 'd'], 'd', 'b')).toEqual(['a', 'd', 'b', 'c']);
});

it('reads widths and ranges from the URL, clamped, and drops ranges on columns that take none', () => {
  expect(
    parseTableState({
      w: { name: 5, id: 120.4, tags: 'x' },
      range: { started: ['2026-01-01T00:00:00.000Z', null], type: ['a', 'b'], last_iteration: [null, null], 'm:a/b': [1, 2] },
    }),
  ).toEqual({
    w: { name: 48, id: 120 },
    range: { started: ['2026-01-01T00:00:00.000Z', null], 'm:a/b': ['1', '2'] },
  });
  expect(parseTableState({ q: 'x', re: 'true' })).toEqual({ q: 'x', re: true });
  expect(parseTableState({ re: 'false' })).toEqual({});
});

it('sends ranges as ClearML range lists on the field each column reads, and a regex as the name pattern', () => {
  const q = queryOf('*', {
    q: '^res.*(a|b)$',
    re: true,
    range: {
      started: ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      last_iteration: [null, '100'],
      'min:loss/val': ['0.5', null],
      'hp:Args.lr': ['0.001', '0.1'],
    },
  });
  expect(q).toMatchObject({
    name: '(?i)^res.*(a|b)$',
    started: ['>=2026-01-01T00:00:00.000Z', '<=2026-02-01T00:00:00.000Z'],
    last_iteration: ['<=100'],
    [`last_metrics.${md5('loss')}.${md5('val')}.min_value`]: ['>=0.5'],
    'hyperparams.Args.lr.value': ['>=0.001', '<=0.1'],
  });
  expect(q).not.toHaveProperty('search_text');
});

it('labels metric columns by the value they show', () => {
  expect(extraColumn('m:loss/val')?.label).toBe('loss / val');
  expect(extraColumn('max:loss/val')).toMatchObject({
    label: 'loss / val (max)',
    sortField: expect.stringMatching(/\.max_value$/),
  });
  expect(extraColumn('min:a/b/c')?.label).toBe('a/b / c (min)');
});

it("reads a hyperparameter column's values from the URL, and sends them as ClearML's list filter", () => {
  const state = parseTableState({
    vals: { 'hp:Args.opt': ['adam', 'sgd', 3, ''], started: ['x'], 'hp:Args.none': [], 'm:a/b': ['1'] },
  });
  expect(state).toEqual({ vals: { 'hp:Args.opt': ['adam', 'sgd', ''] } });
  expect(queryOf('*', state)).toMatchObject({ 'hyperparams.Args.opt.value': ['adam', 'sgd', ''] });
  // A column keeps a range or values; a range set wins.
  const both = queryOf('*', { vals: { 'hp:Args.opt': ['adam'] }, range: { 'hp:Args.opt': ['1', null] } });
  expect(both['hyperparams.Args.opt.value']).toEqual(['>=1']);
});
