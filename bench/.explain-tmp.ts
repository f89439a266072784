import fs from 'node:fs';
import pg from 'pg';
const c = new pg.Client({ connectionString: process.argv[2] });
await c.connect();
const which = process.argv[4] ? process.argv[4].split(',').map(Number) : null;
const lines = fs.readFileSync(process.argv[3], 'utf8').trim().split('\n');
for (const [i, l] of lines.entries()) {
  if (which && !which.includes(i)) continue;
  const [q, v] = JSON.parse(l);
  const r = await c.query('EXPLAIN (ANALYZE, BUFFERS) ' + q, v);
  console.log(`--- ${i}: ${q.slice(0, 160)}`);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
}
await c.end();
