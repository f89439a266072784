import type { Model } from '../../shared/api/records';
import type { Store } from '../store/store';
import { compareCodeUnits } from '../../shared/code-units';

/** Models read at a time: memory stays bounded whatever the number of models. */
const PAGE = 2000;
/** Distinct values kept at most: a bound on the answer and on memory when every model has a value of its own. */
export const MAX_FACET_VALUES = 100_000;

export interface FacetArgs {
  /** Projects with their sub-projects; undefined: every project. */
  projects: string[] | undefined;
  facet: 'frameworks' | 'metadataKeys' | 'metadataValues';
  /** The metadata key whose values are asked for (metadataValues). */
  key?: string;
}

function valuesOf(m: Model, a: FacetArgs): string[] {
  if (a.facet === 'frameworks') return m.framework ? [m.framework] : [];
  if (a.facet === 'metadataKeys') return Object.keys(m.metadata ?? {});
  const item = m.metadata && a.key !== undefined && Object.hasOwn(m.metadata, a.key) ? m.metadata[a.key] : undefined;
  return item?.value !== undefined ? [item.value] : [];
}

/**
 * The distinct frameworks, metadata keys or one key's values of the models of `projects`, sorted. Read a page of
 * models at a time on a reader thread (its values live in each model's document): it grows with the models.
 */
export async function modelFacet(store: Store, a: FacetArgs): Promise<string[]> {
  if (a.projects?.length === 0) return [];
  const seen = new Set<string>();
  // Each page starts after the last id of the one before: an index seek, where an offset would skip ever more rows.
  for (let afterId: string | undefined; ;) {
    const page = await store.models.query({
      projects: a.projects,
      orderBy: [{ field: 'id', desc: false }],
      afterId,
      limit: PAGE,
    });
    for (const m of page) for (const v of valuesOf(m, a)) if (seen.size < MAX_FACET_VALUES) seen.add(v);
    if (page.length < PAGE) break;
    afterId = page[page.length - 1].id;
  }
  return [...seen].sort(compareCodeUnits);
}
