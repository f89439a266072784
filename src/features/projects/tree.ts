import type { ProjectWithStats } from './api/queries';

export interface ProjectNode {
  project: ProjectWithStats;
  children: ProjectNode[];
}

/** Projects nest by their path names (`a/b/c`); a child whose parent is missing becomes a root. */
export function buildTree(projects: ProjectWithStats[]): ProjectNode[] {
  const byName = new Map(projects.map((p) => [p.name, { project: p, children: [] as ProjectNode[] }]));
  const roots: ProjectNode[] = [];
  for (const node of [...byName.values()].sort((a, b) => a.project.name.localeCompare(b.project.name))) {
    const parentName = node.project.name.split('/').slice(0, -1).join('/');
    const parent = parentName ? byName.get(parentName) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function runningOf(p: ProjectWithStats): number {
  return p.stats?.active?.status_count.in_progress ?? 0;
}
