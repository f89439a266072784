/** The tabs of the compare page, apart from the page so that the router can check a URL without loading it. */
export const COMPARE_TABS = ['details', 'hyperparameters', 'scalars', 'plots', 'debug-samples'] as const;
export type CompareTab = (typeof COMPARE_TABS)[number];
