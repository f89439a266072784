/** The tabs of a model's page, apart from the page so that the router can check a URL without loading it. */
export const MODEL_TABS = ['general', 'labels', 'metadata', 'network', 'lineage', 'scalars', 'plots'] as const;
export type ModelTab = (typeof MODEL_TABS)[number];
export const isModelTab = (s: string): s is ModelTab => (MODEL_TABS as readonly string[]).includes(s);
