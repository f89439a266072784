import { expect, it } from 'vitest';
import type { ProjectWithStats } from './api/queries';
import { buildTree } from './tree';

const p = (name: string) => ({ id: name, name, basename: name.split('/').pop() }) as ProjectWithStats;

it('nests projects by path and keeps orphans at the top', () => {
  const tree = buildTree([p('a/b'), p('a'), p('a/b/c'), p('x/y'), p('a/d')]);
  expect(tree.map((n) => n.project.name)).toEqual(['a', 'x/y']);
  expect(tree[0].children.map((n) => n.project.name)).toEqual(['a/b', 'a/d']);
  expect(tree[0].children[0].children.map((n) => n.project.name)).toEqual(['a/b/c']);
});
