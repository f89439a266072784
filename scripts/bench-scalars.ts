/**
 * Only the Scalars-tab step of the dashboard bench (bench/ui.ts seeds 100k tasks and a 1M-line console first, many
 * minutes on a loaded machine), A/B: seeds the 50 x 4 x 100k scalar task once into /tmp/scalars-ab/data (kept for
 * later runs), then measures "click the tab -> first chart drawn" for each dashboard build given (TASKDECK_STATIC
 * dirs, say `npx vite build --outDir /tmp/a` on two commits), alternating, ROUNDS times (default 3), on the built
 * server (dist-server/, its reader thread started). TRACE=1 lists each run's API calls (ms after the click); PROFILE=file.cpuprofile keeps
 * the renderer's CPU profile of the last run.
 *
 *   npx tsx scripts/bench-scalars.ts /tmp/a /tmp/b
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { openBrowser } from '../e2e/support/browser';
import { ApiClient } from '../src/client';
import { newId } from '../src/server/ids';
import { openSqliteStore } from '../src/server/store/sqlite';
import { blankTask } from '../src/server/tasks/common';
import { BENCH_ACCESS, BENCH_SECRET, BENCH_ADMIN, BENCH_PASSWORD } from '../bench/server-process';
import { BENCH_WHO, benchProject } from '../bench/seed';
import { signIn } from '../bench/sign-in';
import { seedScalars } from '../bench/ui';

const DATA = '/tmp/scalars-ab/data';
const META = '/tmp/scalars-ab/meta.json';

async function seed() {
  if (fs.existsSync(META)) return JSON.parse(fs.readFileSync(META, 'utf8')) as { project: string; scalarTask: string };
  fs.mkdirSync(DATA, { recursive: true });
  const store = openSqliteStore(DATA);
  const project = newId();
  const scalarTask = newId();
  await store.transaction(async () => {
    await store.projects.insert(benchProject(project, 'bench/table', 'table'));
    await store.tasks.insert(
      blankTask(BENCH_WHO, { id: scalarTask, name: 'scalars 50x4x100k', type: 'training', project, status: 'completed' }),
    );
  });
  await seedScalars(store, scalarTask);
  await store.close();
  const meta = { project, scalarTask };
  fs.writeFileSync(META, JSON.stringify(meta));
  return meta;
}

async function server(staticDir: string, port: number) {
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist-server/main.js'), '--port', String(port), '--data', DATA, '--host', '127.0.0.1', '--quiet'],
    {
      cwd: root,
      env: {
        ...process.env,
        TASKDECK_STATIC: staticDir,
        TASKDECK_ACCESS_KEY: BENCH_ACCESS,
        TASKDECK_SECRET_KEY: BENCH_SECRET,
        TASKDECK_ADMIN_USER: BENCH_ADMIN,
        TASKDECK_ADMIN_PASSWORD: BENCH_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('serving on') && resolve());
  });
  const url = `http://127.0.0.1:${port}`;
  // The server's reader thread is started on its first long read, which would otherwise be the Scalars tab's first
  // chart (its start took a second on a busy machine). In bench ui the earlier steps have started it: here a read
  // of nothing (no such task) does.
  const client = new ApiClient({ baseUrl: url, accessKey: BENCH_ACCESS, secretKey: BENCH_SECRET });
  await client.login();
  await client.call('events.get_task_single_value_metrics', { tasks: [newId()] });
  return { url, stop: () => new Promise((r) => (child.kill('SIGTERM'), child.once('exit', r))) };
}

async function once(staticDir: string, meta: { project: string; scalarTask: string }, trace: boolean) {
  const srv = await server(staticDir, 19500 + Math.floor(Math.random() * 400));
  const b = await openBrowser();
  const page = b.page;
  try {
    await signIn(page, srv.url);
    await page.goto(`${srv.url}/projects/${meta.project}/tasks`);
    await page.locator('[role=row][data-task]').first().waitFor();
    await page.goto(`${srv.url}/projects/${meta.project}/tasks/${meta.scalarTask}/execution`);
    await page.getByRole('tab', { name: 'Scalars' }).waitFor();
    const calls: { url: string; start: number; end?: number }[] = [];
    const by = new Map<object, (typeof calls)[number]>();
    page.on('request', (r) => {
      if (!r.url().includes('/api/')) return;
      const c = { url: r.url().replace(/.*\/api\/(v[\d.]+\/)?/, ''), start: performance.now() };
      calls.push(c);
      by.set(r, c);
    });
    page.on('requestfinished', (r) => {
      const c = by.get(r);
      if (c) c.end = performance.now();
    });
    const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const t = performance.now();
    await page.getByRole('tab', { name: 'Scalars' }).click();
    await page.waitForFunction(() => (window.__taskdeckCharts?.size ?? 0) > 0, undefined, { timeout: 60_000 });
    const ms = Math.round(performance.now() - t);
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
    }
    const marks = await page.evaluate(() => (window as unknown as { __marks?: unknown }).__marks ?? null);
    if (trace) {
      console.log(
        calls
          .map((c) => `    ${Math.round(c.start - t)}–${c.end === undefined ? '…' : Math.round(c.end - t)} ${c.url}`)
          .join('\n'),
      );
      if (marks) console.log('    marks', JSON.stringify(marks));
    }
    return ms;
  } finally {
    await b.close();
    await srv.stop();
  }
}

const meta = await seed();
const dirs = process.argv.slice(2);
const rounds = Number(process.env.ROUNDS ?? 3);
const res: Record<string, number[]> = Object.fromEntries(dirs.map((d) => [d, []]));
for (let r = 0; r < rounds; r++)
  for (const d of r % 2 ? [...dirs].reverse() : dirs) {
    const ms = await once(d, meta, !!process.env.TRACE);
    res[d].push(ms);
    console.log(`${d}: ${ms} ms`);
  }
for (const d of dirs)
  console.log(`${d}: ${res[d].join(' ')} median ${[...res[d]].sort((a, b) => a - b)[Math.floor(res[d].length / 2)]}`);
process.exit(0);
