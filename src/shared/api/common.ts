import { z } from 'zod';
import { TASK_STATUSES, TASK_TYPES } from '../task-state';

export const id = z.string().min(1, 'must not be empty');
export const idList = z.array(id);
export const taskType = z.enum(TASK_TYPES);
export const taskStatus = z.enum(TASK_STATUSES);
export const stringList = z.array(z.string());
/** Free-form JSON object (ClearML's `object` fields). */
export const jsonObject = z.record(z.string(), z.unknown());

/** Metadata strings (of models and queues) are capped: they come from scripts and are shown in the dashboard. */
export const metadataString = z.string().max(4096);
/** A metadata item as ClearML sends it (`metadata_item`); type and value may be null. */
export const metadataItem = z.object({
  key: metadataString.min(1),
  type: metadataString.nullish(),
  value: metadataString.nullish(),
});
/** Most metadata keys one model or queue holds (ClearML keeps them in the document). */
export const MAX_METADATA_KEYS = 1000;

/**
 * Most keys one list may be sorted by (the dashboard and SDK send one). A parameter or metric key joins its
 * rows once more: hundreds of keys kept a PostgreSQL backend planning for minutes, and SQLite refuses over 64 tables.
 */
export const MAX_SORT_KEYS = 10;

/** Fields every list endpoint shares. */
export const listRequest = {
  only_fields: stringList.optional(),
  order_by: z.union([stringList.max(MAX_SORT_KEYS), z.string()]).optional(),
  page: z.number().int().min(0).optional(),
  page_size: z.number().int().min(1).optional(),
  size: z.number().int().min(1).optional(),
  scroll_id: z.string().nullish(),
  refresh_scroll: z.boolean().optional(),
  search_text: z.string().optional(),
  search_hidden: z.boolean().optional(),
  tags: stringList.optional(),
  system_tags: stringList.optional(),
};

export const patternFilter = z
  .object({ pattern: z.string().optional(), fields: stringList.optional(), datetime: z.string().optional() })
  .loose();

export const statusChange = {
  task: id,
  status_reason: z.string().optional(),
  status_message: z.string().optional(),
  force: z.boolean().optional(),
};
