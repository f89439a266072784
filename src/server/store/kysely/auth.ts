import type { AuthRepo, Credential, SessionRow, User } from '../store';
import type { RepoContext } from './context';

type UserRow = Omit<User, 'disabled'> & { disabled: number };
const toUser = (r: UserRow | undefined): User | null => (r ? { ...r, disabled: !!r.disabled } : null);
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export class KyselyAuthRepo implements AuthRepo {
  constructor(private readonly ctx: RepoContext) {}

  private credentials() {
    return this.ctx
      .db()
      .selectFrom('credentials')
      .select([
        'access_key as accessKey',
        'secret_hash as secretHash',
        'user_id as userId',
        'created',
        'label',
        'revoked',
        'last_used as lastUsed',
      ]);
  }

  private users() {
    return this.ctx
      .db()
      .selectFrom('users')
      .select(['id', 'name', 'company', 'created', 'login', 'role', 'disabled', 'password_hash as passwordHash']);
  }

  async getCredential(accessKey: string) {
    return ((await this.credentials().where('access_key', '=', accessKey).executeTakeFirst()) as Credential) ?? null;
  }

  async addCredential(c: Credential) {
    await this.ctx
      .db()
      .insertInto('credentials')
      .values({
        access_key: c.accessKey,
        secret_hash: c.secretHash,
        user_id: c.userId,
        created: c.created,
        label: c.label,
        revoked: c.revoked,
        last_used: c.lastUsed,
      })
      .execute();
  }

  async countCredentials() {
    const r = await this.ctx
      .db()
      .selectFrom('credentials')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async listCredentials(userId: string) {
    return (await this.credentials().where('user_id', '=', userId).orderBy('created').execute()) as Credential[];
  }

  async updateCredential(accessKey: string, patch: Partial<Pick<Credential, 'label' | 'revoked' | 'lastUsed'>>) {
    const set = defined({ label: patch.label, revoked: patch.revoked, last_used: patch.lastUsed });
    if (Object.keys(set).length)
      await this.ctx.db().updateTable('credentials').set(set).where('access_key', '=', accessKey).execute();
  }

  async getUser(id: string) {
    return toUser((await this.users().where('id', '=', id).executeTakeFirst()) as UserRow | undefined);
  }

  async getUserByLogin(login: string) {
    return toUser((await this.users().where('login', '=', login).executeTakeFirst()) as UserRow | undefined);
  }

  async listUsers() {
    return ((await this.users().orderBy('name').orderBy('login').execute()) as UserRow[]).map((r) => toUser(r)!);
  }

  async addUser(u: User) {
    await this.ctx
      .db()
      .insertInto('users')
      .values({
        id: u.id,
        name: u.name,
        company: u.company,
        created: u.created,
        login: u.login,
        role: u.role,
        disabled: Number(u.disabled),
        password_hash: u.passwordHash,
      })
      .execute();
  }

  async updateUser(id: string, patch: Partial<Pick<User, 'name' | 'role' | 'disabled' | 'passwordHash'>>) {
    const set = defined({
      name: patch.name,
      role: patch.role,
      disabled: patch.disabled === undefined ? undefined : Number(patch.disabled),
      password_hash: patch.passwordHash,
    });
    if (Object.keys(set).length) await this.ctx.db().updateTable('users').set(set).where('id', '=', id).execute();
  }

  async addSession(s: SessionRow) {
    await this.ctx
      .db()
      .insertInto('sessions')
      .values({ id_hash: s.idHash, user_id: s.userId, created: s.created, last_seen: s.lastSeen })
      .execute();
  }

  async getSession(idHash: string) {
    const r = await this.ctx
      .db()
      .selectFrom('sessions')
      .select(['id_hash as idHash', 'user_id as userId', 'created', 'last_seen as lastSeen'])
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return r ? { ...r, lastSeen: Number(r.lastSeen) } : null;
  }

  async touchSession(idHash: string, lastSeen: number) {
    await this.ctx.db().updateTable('sessions').set({ last_seen: lastSeen }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: string) {
    await this.ctx.db().deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteUserSessions(userId: string, exceptHash?: string) {
    let q = this.ctx.db().deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptHash) q = q.where('id_hash', '!=', exceptHash);
    await q.execute();
  }

  async deleteIdleSessions(lastSeenBefore: number) {
    const r = await this.ctx.db().deleteFrom('sessions').where('last_seen', '<', lastSeenBefore).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async getPreferences(userId: string) {
    const r = await this.ctx.db().selectFrom('user_preferences').select('doc').where('user_id', '=', userId).executeTakeFirst();
    return r?.doc ?? null;
  }

  updatePreferences(userId: string, change: (doc: string | null) => string) {
    return this.ctx.atomic(async () => {
      const db = this.ctx.db();
      // The row made first (nothing if it is there), then read locked: two first changes at once both land too.
      await db
        .insertInto('user_preferences')
        .values({ user_id: userId, doc: '{}' })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const q = db.selectFrom('user_preferences').select('doc').where('user_id', '=', userId);
      const before = await (this.ctx.lockRows() ? q.forUpdate() : q).executeTakeFirstOrThrow();
      const doc = change(before.doc);
      await db.updateTable('user_preferences').set({ doc }).where('user_id', '=', userId).execute();
      return doc;
    });
  }

  async getSetting(key: string) {
    const r = await this.ctx.db().selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value ?? null;
  }

  async setSetting(key: string, value: string) {
    await this.ctx
      .db()
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
