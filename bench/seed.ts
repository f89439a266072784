import type { Project } from '../src/shared/api/records';

export const BENCH_WHO = { user: 'bench', userName: 'bench', company: 'bench' };

/** A root project owned by the bench user, for seeding a store directly. */
export function benchProject(id: string, name: string, basename: string, now = new Date().toISOString()): Project {
  return {
    id,
    name,
    basename,
    description: '',
    user: 'bench',
    company: 'bench',
    created: now,
    last_update: now,
    tags: [],
    system_tags: [],
    parent: null,
  };
}
