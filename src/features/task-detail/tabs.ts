/** The tabs of a task's page, apart from the page so that the router can check a URL without loading it. */
export const DETAIL_TABS = [
  'execution',
  'configuration',
  'console',
  'scalars',
  'plots',
  'debug-samples',
  'artifacts',
  'info',
] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export function isDetailTab(s: string): s is DetailTab {
  return (DETAIL_TABS as readonly string[]).includes(s);
}
