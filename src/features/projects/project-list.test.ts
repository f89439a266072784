import { expect, it } from 'vitest';
import type { ProjectWithStats } from './api/queries';
import { searchAndSort } from './project-list';

const p = (name: string, total: number, running: number, runtime: number, last: string | null) =>
  ({
    id: name,
    name,
    last_update: '2020-01-01T00:00:00Z',
    stats: {
      active: { total_tasks: total, status_count: { in_progress: running }, total_runtime: runtime, last_task_run: last },
    },
  }) as unknown as ProjectWithStats;

const list = [
  p('Demo/Vision', 6, 1, 100, '2026-01-03T00:00:00Z'),
  p('demo/nlp', 2, 0, 9000, '2026-01-05T00:00:00Z'),
  p('Scratch', 0, 0, 0, null),
  p('Audio', 6, 2, 50, '2026-01-01T00:00:00Z'),
];
const names = (q: string, sort: Parameters<typeof searchAndSort>[2]) => searchAndSort(list, q, sort).map((x) => x.name);

it('searches names without regard to case', () => {
  expect(names('DEMO', 'name')).toEqual(['demo/nlp', 'Demo/Vision']);
  expect(names('  ', 'name')).toEqual(['Audio', 'demo/nlp', 'Demo/Vision', 'Scratch']);
});

it('sorts counts and dates largest first, ties by name', () => {
  expect(names('', 'tasks')).toEqual(['Audio', 'Demo/Vision', 'demo/nlp', 'Scratch']);
  expect(names('', 'running')).toEqual(['Audio', 'Demo/Vision', 'demo/nlp', 'Scratch']);
  expect(names('', 'compute')).toEqual(['demo/nlp', 'Demo/Vision', 'Audio', 'Scratch']);
  expect(names('', 'updated')).toEqual(['demo/nlp', 'Demo/Vision', 'Audio', 'Scratch']);
});
