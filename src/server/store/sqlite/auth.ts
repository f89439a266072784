import type Database from 'better-sqlite3';
import type { AuthRepo, Credential, User } from '../store';
import { StatementCache } from './docs';

export class SqliteAuthRepo implements AuthRepo {
  private readonly st: StatementCache;
  constructor(db: Database.Database) {
    this.st = new StatementCache(db);
  }

  async getCredential(accessKey: string) {
    const r = this.st
      .get(`SELECT access_key AS accessKey, secret_hash AS secretHash, user_id AS userId, created
            FROM credentials WHERE access_key = ?`)
      .get(accessKey) as Credential | undefined;
    return r ?? null;
  }

  async addCredential(c: Credential) {
    this.st
      .get('INSERT INTO credentials (access_key, secret_hash, user_id, created) VALUES (?, ?, ?, ?)')
      .run(c.accessKey, c.secretHash, c.userId, c.created);
  }

  async countCredentials() {
    return (this.st.get('SELECT count(*) AS n FROM credentials').get() as { n: number }).n;
  }

  async getUser(id: string) {
    return (this.st.get('SELECT id, name, company, created FROM users WHERE id = ?').get(id) as User) ?? null;
  }

  async listUsers() {
    return this.st.get('SELECT id, name, company, created FROM users ORDER BY name').all() as User[];
  }

  async addUser(u: User) {
    this.st.get('INSERT INTO users (id, name, company, created) VALUES (?, ?, ?, ?)').run(u.id, u.name, u.company, u.created);
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
