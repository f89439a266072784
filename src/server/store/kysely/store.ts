import { AsyncLocalStorage } from 'node:async_hooks';
import type { Compilable, Kysely } from 'kysely';
import { patternError, patternTest } from '../patterns';
import type { EventRepo, ExclusiveOptions, Store, StoreChannel } from '../store';
import { KyselyAuthRepo } from './auth';
import type { RepoContext } from './context';
import type { Flavor } from './flavor';
import { KyselyModelRepo } from './models';
import { KyselyProjectRepo } from './projects';
import { KyselyQueueRepo } from './queues';
import { KyselyQueueSampleRepo } from './queue-samples';
import { KyselyWorkerStatRepo } from './worker-stats';
import { KyselyLoginFailureRepo } from './login-failures';
import type { Database } from './schema';
import { KyselyTaskRepo } from './tasks';
import { KyselyWorkerRepo } from './workers';

export interface KyselyStoreParts {
  db: Kysely<Database>;
  flavor: Flavor;
  /** The events repository, given the connection a call should use. */
  events: (db: () => Kysely<Database>) => EventRepo;
  /** Runs a compiled read somewhere other than the connection (SQLite's reader thread). */
  offThread?: (sql: string, params: readonly unknown[]) => Promise<unknown[]>;
  /** Runs `fn` only while holding a lock shared by every process on the database (default: always runs). */
  exclusive?: <T>(name: string, fn: () => Promise<T>, opts?: ExclusiveOptions) => Promise<T | undefined>;
  /** Messages between the servers on the database (PostgreSQL). */
  channel?: StoreChannel;
  close(): Promise<void>;
}

/**
 * The Store over Kysely, for either database. `transaction(fn)` hands `fn` a store whose
 * repositories are bound to the transaction. Calls made through the outer store while a
 * transaction runs in the same async context join it too (services that pass the outer
 * store down still write atomically), and a transaction begun inside another joins it.
 */
export function createKyselyStore(parts: KyselyStoreParts): Store {
  const current = new AsyncLocalStorage<Kysely<Database>>();
  const bind = (
    db: () => Kysely<Database>,
    inTx: () => boolean,
  ): Omit<Store, 'transaction' | 'inTransaction' | 'exclusive' | 'close'> => {
    const ctx: RepoContext = {
      db,
      flavor: parts.flavor,
      lockRows: () => parts.flavor.name === 'postgres' && inTx(),
      atomic: (fn) => (inTx() ? fn() : parts.db.transaction().execute((trx) => current.run(trx, fn))),
      scan: async <R>(query: Compilable<R> & { execute(): Promise<R[]> }) => {
        if (!parts.offThread || inTx()) return query.execute();
        const c = query.compile();
        return (await parts.offThread(c.sql, c.parameters)) as R[];
      },
    };
    return {
      tasks: new KyselyTaskRepo(ctx),
      workers: new KyselyWorkerRepo(ctx),
      projects: new KyselyProjectRepo(ctx),
      models: new KyselyModelRepo(ctx),
      queues: new KyselyQueueRepo(ctx),
      queueSamples: new KyselyQueueSampleRepo(ctx),
      workerStats: new KyselyWorkerStatRepo(ctx),
      loginFailures: new KyselyLoginFailureRepo(ctx),
      events: parts.events(db),
      auth: new KyselyAuthRepo(ctx),
      patternError,
      patternTest,
      transactionsHoldLoop: parts.flavor.name !== 'postgres',
    };
  };

  const running = new Set<Promise<unknown>>();
  const outer = bind(
    () => current.getStore() ?? parts.db,
    () => current.getStore() !== undefined,
  );
  const store: Store = {
    ...outer,
    transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
      const bound = (trx: Kysely<Database>): Store => ({
        ...bind(
          () => trx,
          () => true,
        ),
        ...shared,
        inTransaction: () => true,
      });
      const open = current.getStore();
      if (open) return fn(bound(open));
      const p = parts.db.transaction().execute((trx) => current.run(trx, () => fn(bound(trx))));
      running.add(p);
      void p.finally(() => running.delete(p)).catch(() => undefined);
      return p;
    },
    inTransaction: () => current.getStore() !== undefined,
    exclusive: (name, fn, opts) => (parts.exclusive ? parts.exclusive(name, fn, opts) : fn()),
    channel: parts.channel,
    async close() {
      await Promise.allSettled([...running]);
      await parts.close();
    },
  };
  const shared = { transaction: store.transaction, exclusive: store.exclusive, channel: store.channel, close: store.close };
  return store;
}
