/**
 * The postgres project's globalSetup: one database migrated to the current schema for the whole run, which each test
 * server's and test store's database is then copied from (CREATE DATABASE ... TEMPLATE) instead of being migrated
 * anew. Made from the current source at each run and dropped at its end, so it never holds an old schema. The suites
 * about migrating (migrate-db, metrics-migration, two-servers' first start, pg-*) still create empty databases.
 */
import type { TestProject } from 'vitest/node';
import { openPostgresStore } from '../store/postgres';
import { createTestDatabase } from './postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  try {
    // Opening the store migrates the database.
    await (await openPostgresStore(database.url)).close();
  } catch (e) {
    await database.drop();
    throw e;
  }
  project.provide('postgresTemplate', new URL(database.url).pathname.slice(1));
  return () => database.drop();
}
