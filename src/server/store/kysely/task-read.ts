/** What a task read selects: the document, and the columns that events move on without rewriting it. */
export const READ_COLUMNS = ['tasks.doc', 'tasks.last_update', 'tasks.last_iteration'] as const;
export type ReadRow = { doc: string; last_update: string; last_iteration: number };
