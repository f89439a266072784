import { sql } from 'kysely';
import type { LoginFailureRepo } from '../store';
import type { RepoContext } from './context';
import { deleteOldest } from './expiry';

export class KyselyLoginFailureRepo implements LoginFailureRepo {
  constructor(private readonly ctx: RepoContext) {}

  async lock(keys: string[]) {
    if (!this.ctx.lockRows()) return;
    // In one order, so that two attempts naming the same two keys cannot wait on each other.
    for (const key of [...new Set(keys)].sort()) {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`login-failures:${key}`}))`.execute(this.ctx.db());
    }
  }

  async recent(key: string, since: number, limit: number) {
    const rows = await this.ctx
      .db()
      .selectFrom('login_failures')
      .select('at')
      .where('key', '=', key)
      .where('at', '>=', Math.floor(since))
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.at));
  }

  async add(id: string, keys: string[], at: number) {
    await this.ctx
      .db()
      .insertInto('login_failures')
      .values([...new Set(keys)].map((key) => ({ id, key, at: Math.floor(at) })))
      .execute();
  }

  async forget(id: string) {
    await this.ctx.db().deleteFrom('login_failures').where('id', '=', id).execute();
  }

  deleteOlder(beforeMs: number, limit: number) {
    return deleteOldest(this.ctx, 'login_failures', beforeMs, limit);
  }
}
