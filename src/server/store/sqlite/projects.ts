import type Database from 'better-sqlite3';
import type { Project } from '../../../shared/entities';
import type { ProjectQuery, ProjectRepo } from '../store';
import { parseDoc, parseDocs, StatementCache } from './docs';
import { type OffThreadReader, readRows } from './reader';
import { limitSql, orderBy, Where } from './sql-query';

const COLUMNS = new Set(['id', 'name', 'created', 'last_update']);

function row(p: Project) {
  return {
    id: p.id,
    name: p.name,
    parent: p.parent ?? null,
    created: p.created,
    last_update: p.last_update,
    system_tags: JSON.stringify(p.system_tags ?? []),
    doc: JSON.stringify(p),
  };
}

export class SqliteProjectRepo implements ProjectRepo {
  private readonly st: StatementCache;
  constructor(
    private readonly db: Database.Database,
    private readonly reader: OffThreadReader,
  ) {
    this.st = new StatementCache(db);
  }

  async get(id: string) {
    return parseDoc<Project>(this.st.get('SELECT doc FROM projects WHERE id = ?').get(id));
  }

  async getByName(name: string) {
    return parseDoc<Project>(this.st.get('SELECT doc FROM projects WHERE name = ?').get(name));
  }

  async insert(p: Project) {
    this.st
      .get(
        `INSERT INTO projects (id, name, parent, created, last_update, system_tags, doc)
            VALUES (@id, @name, @parent, @created, @last_update, @system_tags, @doc)`,
      )
      .run(row(p));
  }

  async update(p: Project) {
    this.st
      .get(
        `UPDATE projects SET name=@name, parent=@parent, created=@created,
            last_update=@last_update, system_tags=@system_tags, doc=@doc WHERE id=@id`,
      )
      .run(row(p));
  }

  async delete(id: string) {
    this.st.get('DELETE FROM projects WHERE id = ?').run(id);
  }

  async query(q: ProjectQuery) {
    const w = new Where().in('id', q.ids);
    if (q.nameRegex !== undefined) w.add('name REGEXP ?', q.nameRegex);
    if (q.parent !== undefined) {
      if (q.parent === null) w.add('parent IS NULL');
      else w.add('parent = ?', q.parent);
    }
    if (!q.includeHidden) w.add(`NOT EXISTS (SELECT 1 FROM json_each(system_tags) WHERE value = 'hidden')`);
    const ord = orderBy(q.orderBy?.length ? q.orderBy : [{ field: 'name', desc: false }], COLUMNS);
    const sql = `SELECT doc FROM projects ${w.toSql()} ${ord.sql} ${limitSql(q.limit, q.offset)}`;
    return parseDocs<Project>(
      await readRows(this.db, this.st, this.reader, sql, [...w.params, ...ord.params], q.nameRegex !== undefined),
    );
  }
}
