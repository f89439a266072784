/** The task table's hyperparameter sort figures, shared by the SQLite and PostgreSQL store benches. */
import type { Store, TaskQuery } from '../src/server/store/store';
import { median } from './timing';

/**
 * The default-order first page of `table`, then the sort by hyperparameter Args/lr (first page, both
 * ways, 100th page, in projects p2 and p3) and a range on it, each a median in ms.
 */
export async function hyperparamSortFigures(s: Store, table: TaskQuery): Promise<Record<string, number>> {
  const lr = (desc: boolean) => [{ field: 'hyperparams.Args.lr.value', desc }];
  const inProject = (p: string) => ({ ...table, projects: [p] });
  const range = [{ field: 'hyperparams.Args.lr.value', kind: 'number' as const, gte: 10, lte: 11 }];
  const firstPage = await median(() => s.tasks.query({ ...table, orderBy: [{ field: 'last_update', desc: true }], limit: 50 }));
  const byLr = await median(() => s.tasks.query({ ...table, orderBy: lr(false), limit: 50 }), 3);
  return {
    'default order, first page (ms)': firstPage,
    'hyperparameter sort, first page (ms)': byLr,
    'hyperparameter sort / default order, first page': Math.round((byLr / firstPage) * 100) / 100,
    'hyperparameter sort descending, first page (ms)': await median(
      () => s.tasks.query({ ...table, orderBy: lr(true), limit: 50 }),
      3,
    ),
    'hyperparameter sort, 100th page (ms)': await median(
      () => s.tasks.query({ ...table, orderBy: lr(false), offset: 99 * 50, limit: 50 }),
      3,
    ),
    'hyperparameter sort, small project p2 (1,000 tasks) (ms)': await median(
      () => s.tasks.query({ ...inProject('p2'), orderBy: lr(true), limit: 50 }),
      3,
    ),
    'hyperparameter sort, p3 (100,000 tasks, 100 without it) (ms)': await median(
      () => s.tasks.query({ ...inProject('p3'), orderBy: lr(false), limit: 50 }),
      3,
    ),
    'hyperparameter range [10, 11] + sort, first page (ms)': await median(
      () => s.tasks.query({ ...table, ranges: range, orderBy: lr(true), limit: 50 }),
      3,
    ),
    'hyperparameter range [10, 11], count (ms)': await median(() => s.tasks.count({ ...table, ranges: range }), 3),
  };
}
