/**
 * What the task table's column picker offers: the hyperparameters and metric series that tasks of
 * some projects hold, read from the per-project counts (task_param_counts, task_metric_counts), so
 * the cost grows with the projects and the distinct names, never with the tasks.
 */
import type { Kysely } from 'kysely';
import type { MetricSeries, ParamName } from '../store';
import type { Database } from './schema';

export async function paramNames(
  db: Kysely<Database>,
  projects: string[] | undefined,
  page: { offset: number; limit: number },
): Promise<{ names: ParamName[]; total: number }> {
  if (projects?.length === 0) return { names: [], total: 0 };
  const held = db
    .selectFrom('task_param_counts')
    .select(['section', 'name'])
    .where('n', '>', 0)
    .$if(projects !== undefined, (s) => s.where('project', 'in', projects!))
    .groupBy(['section', 'name']);
  const names = await held.orderBy('section').orderBy('name').limit(page.limit).offset(page.offset).execute();
  const total = await db
    .selectFrom(held.as('h'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { names, total: Number(total.n) };
}

export async function metricSeries(db: Kysely<Database>, projects: string[] | undefined, limit: number): Promise<MetricSeries[]> {
  if (projects?.length === 0) return [];
  return db
    .selectFrom('task_metric_counts')
    .select((eb) => ['metric_hash', 'variant_hash', eb.fn.min('metric').as('metric'), eb.fn.min('variant').as('variant')])
    .where('n', '>', 0)
    .$if(projects !== undefined, (s) => s.where('project', 'in', projects!))
    .groupBy(['metric_hash', 'variant_hash'])
    .orderBy((eb) => eb.fn.min('metric'))
    .orderBy((eb) => eb.fn.min('variant'))
    .limit(limit)
    .execute();
}
