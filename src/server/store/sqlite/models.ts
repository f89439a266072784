import type Database from 'better-sqlite3';
import type { Model } from '../../../shared/entities';
import type { ModelQuery, ModelRepo } from '../store';
import { parseDoc, parseDocs, StatementCache } from './docs';
import { type OffThreadReader, readRows } from './reader';
import { limitSql, orderBy, Where } from './sql-query';

const COLUMNS = new Set(['id', 'name', 'project', 'task', 'created', 'last_update', 'ready', 'framework']);

function row(m: Model) {
  return {
    id: m.id,
    name: m.name,
    project: m.project,
    task: m.task,
    created: m.created,
    last_update: m.last_update,
    ready: m.ready ? 1 : 0,
    framework: m.framework,
    tags: JSON.stringify(m.tags ?? []),
    system_tags: JSON.stringify(m.system_tags ?? []),
    doc: JSON.stringify(m),
  };
}

export class SqliteModelRepo implements ModelRepo {
  private readonly st: StatementCache;
  constructor(
    private readonly db: Database.Database,
    private readonly reader: OffThreadReader,
  ) {
    this.st = new StatementCache(db);
  }

  async get(id: string) {
    return parseDoc<Model>(this.st.get('SELECT doc FROM models WHERE id = ?').get(id));
  }

  async insert(m: Model) {
    this.st
      .get(
        `INSERT INTO models (id, name, project, task, created, last_update, ready, framework, tags, system_tags, doc)
            VALUES (@id, @name, @project, @task, @created, @last_update, @ready, @framework, @tags, @system_tags, @doc)`,
      )
      .run(row(m));
  }

  async update(m: Model) {
    this.st
      .get(
        `UPDATE models SET name=@name, project=@project, task=@task, created=@created,
            last_update=@last_update, ready=@ready, framework=@framework, tags=@tags,
            system_tags=@system_tags, doc=@doc WHERE id=@id`,
      )
      .run(row(m));
  }

  async delete(id: string) {
    this.st.get('DELETE FROM models WHERE id = ?').run(id);
  }

  async query(q: ModelQuery) {
    const w = new Where()
      .in('id', q.ids)
      .in('task', q.tasks)
      .in('project', q.projects)
      .in('framework', q.frameworks)
      .tags('tags', q.tags)
      .tags('system_tags', q.systemTags);
    if (q.nameRegex !== undefined) w.add('name REGEXP ?', q.nameRegex);
    if (q.ready !== undefined) w.add('ready = ?', q.ready ? 1 : 0);
    if (q.users?.length) w.add(`json_extract(doc, '$.user') IN (${q.users.map(() => '?').join(',')})`, ...q.users);
    if (q.searchText) {
      const like = `%${q.searchText.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      w.add(
        `(name LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' OR json_extract(doc, '$.comment') LIKE ? ESCAPE '\\')`,
        like,
        like,
        like,
      );
    }
    const ord = orderBy(q.orderBy, COLUMNS);
    const sql = `SELECT doc FROM models ${w.toSql()} ${ord.sql} ${limitSql(q.limit, q.offset)}`;
    return parseDocs<Model>(
      await readRows(this.db, this.st, this.reader, sql, [...w.params, ...ord.params], q.nameRegex !== undefined),
    );
  }
}
