import type Database from 'better-sqlite3';
import type { AuthRepo, Credential, SessionRow, User } from '../store';
import { StatementCache } from './docs';

const CREDENTIAL_COLUMNS = `access_key AS accessKey, secret_hash AS secretHash, user_id AS userId, created,
  label, revoked, last_used AS lastUsed`;
const USER_COLUMNS = 'id, name, company, created, login, role, disabled, password_hash AS passwordHash';

type UserRow = Omit<User, 'disabled'> & { disabled: number };
const toUser = (r: UserRow | undefined): User | null => (r ? { ...r, disabled: !!r.disabled } : null);

/** `SET a = ?, b = ?` for the given fields of a patch, with their values in order. */
function assignments(patch: Record<string, unknown>, columns: Record<string, string>): [string, unknown[]] {
  const keys = Object.keys(patch).filter((k) => k in columns && patch[k] !== undefined);
  return [
    keys.map((k) => `${columns[k]} = ?`).join(', '),
    keys.map((k) => (typeof patch[k] === 'boolean' ? Number(patch[k]) : patch[k])),
  ];
}

export class SqliteAuthRepo implements AuthRepo {
  private readonly st: StatementCache;
  constructor(db: Database.Database) {
    this.st = new StatementCache(db);
  }

  async getCredential(accessKey: string) {
    const r = this.st.get(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE access_key = ?`).get(accessKey) as
      Credential | undefined;
    return r ?? null;
  }

  async addCredential(c: Credential) {
    this.st
      .get(
        'INSERT INTO credentials (access_key, secret_hash, user_id, created, label, revoked, last_used) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(c.accessKey, c.secretHash, c.userId, c.created, c.label, c.revoked, c.lastUsed);
  }

  async countCredentials() {
    return (this.st.get('SELECT count(*) AS n FROM credentials').get() as { n: number }).n;
  }

  async listCredentials(userId: string) {
    return this.st
      .get(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE user_id = ? ORDER BY created`)
      .all(userId) as Credential[];
  }

  async updateCredential(accessKey: string, patch: Partial<Pick<Credential, 'label' | 'revoked' | 'lastUsed'>>) {
    const [set, values] = assignments(patch, { label: 'label', revoked: 'revoked', lastUsed: 'last_used' });
    if (set) this.st.get(`UPDATE credentials SET ${set} WHERE access_key = ?`).run(...values, accessKey);
  }

  async getUser(id: string) {
    return toUser(this.st.get(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined);
  }

  async getUserByLogin(login: string) {
    return toUser(this.st.get(`SELECT ${USER_COLUMNS} FROM users WHERE login = ?`).get(login) as UserRow | undefined);
  }

  async listUsers() {
    return (this.st.get(`SELECT ${USER_COLUMNS} FROM users ORDER BY name, login`).all() as UserRow[]).map((r) => toUser(r)!);
  }

  async addUser(u: User) {
    this.st
      .get('INSERT INTO users (id, name, company, created, login, role, disabled, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(u.id, u.name, u.company, u.created, u.login, u.role, Number(u.disabled), u.passwordHash);
  }

  async updateUser(id: string, patch: Partial<Pick<User, 'name' | 'role' | 'disabled' | 'passwordHash'>>) {
    const [set, values] = assignments(patch, { name: 'name', role: 'role', disabled: 'disabled', passwordHash: 'password_hash' });
    if (set) this.st.get(`UPDATE users SET ${set} WHERE id = ?`).run(...values, id);
  }

  async addSession(s: SessionRow) {
    this.st
      .get('INSERT INTO sessions (id_hash, user_id, created, last_seen) VALUES (?, ?, ?, ?)')
      .run(s.idHash, s.userId, s.created, s.lastSeen);
  }

  async getSession(idHash: string) {
    const r = this.st
      .get('SELECT id_hash AS idHash, user_id AS userId, created, last_seen AS lastSeen FROM sessions WHERE id_hash = ?')
      .get(idHash) as SessionRow | undefined;
    return r ?? null;
  }

  async touchSession(idHash: string, lastSeen: number) {
    this.st.get('UPDATE sessions SET last_seen = ? WHERE id_hash = ?').run(lastSeen, idHash);
  }

  async deleteSession(idHash: string) {
    this.st.get('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteUserSessions(userId: string) {
    this.st.get('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  async deleteIdleSessions(lastSeenBefore: number) {
    return this.st.get('DELETE FROM sessions WHERE last_seen < ?').run(lastSeenBefore).changes;
  }

  async getSetting(key: string) {
    const r = this.st.get('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value ?? null;
  }

  async setSetting(key: string, value: string) {
    this.st
      .get('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}
