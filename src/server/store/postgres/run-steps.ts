import { sql, type Kysely } from 'kysely';

/** A step: SQL, or code for what SQL alone cannot do (reading documents the way the server writes them). */
export type MigrationStep = string | ((trx: Kysely<unknown>) => Promise<void>);

/**
 * Applies the steps not yet recorded in `table` (a step per version, each in its own transaction);
 * concurrent starts wait on one another through the advisory lock `lockKey`.
 */
export async function runMigrationSteps(
  db: Kysely<unknown>,
  table: string,
  lockKey: number,
  steps: readonly MigrationStep[],
): Promise<void> {
  const t = sql.table(table);
  await db.connection().execute(async (c) => {
    await sql`SELECT pg_advisory_lock(${sql.lit(lockKey)})`.execute(c);
    try {
      await sql`CREATE TABLE IF NOT EXISTS ${t} (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`.execute(c);
      const { rows } = await sql<{ v: number | null }>`SELECT max(version) AS v FROM ${t}`.execute(c);
      for (let v = rows[0]?.v ?? 0; v < steps.length; v++) {
        await c.transaction().execute(async (trx) => {
          const step = steps[v];
          if (typeof step === 'string') await sql.raw(step).execute(trx);
          else await step(trx);
          await sql`INSERT INTO ${t} (version, applied) VALUES (${v + 1}, ${new Date().toISOString()})`.execute(trx);
        });
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${sql.lit(lockKey)})`.execute(c);
    }
  });
}
