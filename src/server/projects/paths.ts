import type { Project } from '../../shared/api/records';
import type { Identity } from '../http/endpoint';
import { errors } from '../http/errors';
import { newRecord } from '../ids';
import type { Store } from '../store/store';
import { escapeRegex } from '../../shared/regex';

/** Normalises a project path: trims each part, drops empty parts. `" a / b/"` -> `"a/b"`. */
export function normalizeName(name: string): string {
  return name
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean)
    .join('/');
}

export async function getProjectOr400(store: Store, id: string): Promise<Project> {
  const p = await store.projects.get(id);
  if (!p) throw errors.invalidProjectId(id);
  return p;
}

/**
 * Holds each project named until the caller's transaction ends (see `ProjectRepo.hold`), refusing the first that
 * does not exist. Whatever the transaction then puts in them is seen by a delete of one of them on any server.
 */
export async function holdProjectsOr400(store: Store, ids: (string | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return;
  if (!store.inTransaction()) throw new Error('holdProjectsOr400 outside a transaction holds nothing');
  const held = await store.projects.hold(wanted);
  const missing = wanted.find((id) => !held.has(id));
  if (missing !== undefined) throw errors.invalidProjectId(missing);
}

/** Finds a project by its full path, creating it and any missing parents. */
export async function ensureProject(
  store: Store,
  who: Identity,
  rawName: string,
  extra: Partial<Project> = {},
): Promise<{ project: Project; created: boolean }> {
  const name = normalizeName(rawName);
  if (!name) throw errors.validation('Project name must not be empty');
  const existing = await store.projects.getByName(name);
  if (existing) return { project: existing, created: false };
  const parts = name.split('/');
  let parent: string | null = null;
  for (let i = 1; i < parts.length; i++) {
    parent = (await ensureProject(store, who, parts.slice(0, i).join('/'))).project.id;
  }
  const project: Project = {
    ...newRecord(who, name),
    basename: parts[parts.length - 1],
    description: '',
    default_output_destination: null,
    parent,
    ...extra,
  };
  await store.projects.insert(project);
  return { project, created: true };
}

/** Every project below this one, at any depth. */
export async function descendants(store: Store, project: Project): Promise<Project[]> {
  return store.projects.query({ nameRegex: `^${escapeRegex(project.name)}/`, includeHidden: true });
}

/** The ids of these projects and, when asked, all of their sub-projects. */
export async function expandProjects(store: Store, ids: string[], withChildren: boolean): Promise<string[]> {
  if (!withChildren) return ids;
  const out = new Set(ids);
  for (const id of ids) {
    const p = await store.projects.get(id);
    if (p) for (const d of await descendants(store, p)) out.add(d.id);
  }
  return [...out];
}

/**
 * The projects a request names (`projects`), with their sub-projects when asked; undefined when it names none
 * (every project), as ClearML's list endpoints read an absent or empty list.
 */
export async function namedProjects(
  store: Store,
  projects: string[] | undefined,
  withChildren: boolean,
): Promise<string[] | undefined> {
  return projects?.length ? expandProjects(store, projects, withChildren) : undefined;
}
