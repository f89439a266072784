import type Database from 'better-sqlite3';
import type { Queue } from '../../../shared/entities';
import type { QueueRepo } from '../store';
import { parseDoc, parseDocs, StatementCache } from './docs';

export class SqliteQueueRepo implements QueueRepo {
  private readonly st: StatementCache;
  constructor(db: Database.Database) {
    this.st = new StatementCache(db);
  }

  async get(id: string) {
    return parseDoc<Queue>(this.st.get('SELECT doc FROM queues WHERE id = ?').get(id));
  }

  async getByName(name: string) {
    return parseDoc<Queue>(this.st.get('SELECT doc FROM queues WHERE name = ?').get(name));
  }

  async list() {
    return parseDocs<Queue>(this.st.get('SELECT doc FROM queues ORDER BY created, id').all());
  }

  async insert(q: Queue) {
    this.st
      .get('INSERT INTO queues (id, name, created, doc) VALUES (?, ?, ?, ?)')
      .run(q.id, q.name, q.created, JSON.stringify(q));
  }

  async update(q: Queue) {
    this.st.get('UPDATE queues SET name = ?, doc = ? WHERE id = ?').run(q.name, JSON.stringify(q), q.id);
  }

  async delete(id: string) {
    this.st.get('DELETE FROM queues WHERE id = ?').run(id);
  }

  async findByTask(taskId: string) {
    return parseDocs<Queue>(
      this.st
        .get(
          `SELECT doc FROM queues WHERE EXISTS
              (SELECT 1 FROM json_each(doc, '$.entries') e WHERE json_extract(e.value, '$.task') = ?)`,
        )
        .all(taskId),
    );
  }
}
