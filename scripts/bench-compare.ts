/**
 * Only the compare step of the dashboard bench (bench/ui.ts seeds 100k tasks and 20M points first, minutes on a
 * loaded machine): seeds the 200 compare tasks, then measures the 2-task reference and the 200-task page, alternating,
 * `RUNS` times each (default 5), and prints their medians with the load average.
 * `PROFILE=path.cpuprofile` also records one 200-task run with the CDP profiler and prints the functions with the most
 * self time. Needs `vite build` (the server serves dist/).
 *
 *   npx vite build && npx tsx scripts/bench-compare.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser } from '../e2e/support/browser';
import { newId } from '../src/server/ids';
import { openSqliteStore } from '../src/server/store/sqlite';
import { median, startServerProcess } from '../bench/server-process';
import { BENCH_WHO, benchProject } from '../bench/seed';
import { compareFirstChart, seedCompare } from '../bench/ui';
import { signIn } from '../bench/sign-in';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), most first. */
function selfTimes(p: Profile): [string, number][] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    ms.set(key, (ms.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  return [...ms].sort((a, b) => b[1] - a[1]);
}

const runs = Number(process.env.RUNS ?? 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-compare-'));
const store = openSqliteStore(dir);
const project = newId();
await store.transaction(() => store.projects.insert(benchProject(project, 'bench/compare', 'compare')));
const ids = await seedCompare(store, BENCH_WHO, project);
await store.close();
const srv = await startServerProcess(dir, 19000 + Math.floor(Math.random() * 500));
let b: Awaited<ReturnType<typeof openBrowser>> | undefined;
try {
  b = await openBrowser();
  const page = b.page;
  await signIn(page, srv.url);
  const two: number[] = [];
  const many: number[] = [];
  for (let i = 0; i < runs; i++) {
    two.push(await compareFirstChart(page, srv.url, ids.slice(0, 2)));
    many.push(await compareFirstChart(page, srv.url, ids));
    console.log(`  run ${i + 1}: 2 tasks ${two.at(-1)} ms, 200 tasks ${many.at(-1)} ms`);
  }
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(`compare 2 tasks median ms (reference): ${median(two)}`);
  console.log(`compare 200 tasks median ms (target < 2000): ${median(many)}`);
  console.log(`ratio: ${(median(many) / median(two)).toFixed(2)}; load average ${load.join(' ')}; ${os.cpus().length} cores`);

  if (process.env.PROFILE) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const ms = await compareFirstChart(page, srv.url, ids);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    fs.writeFileSync(process.env.PROFILE, JSON.stringify(profile));
    console.log(`profiled run: ${ms} ms; self time by function:`);
    for (const [k, v] of selfTimes(profile).slice(0, 30)) console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/'))
        .map((e) => e as PerformanceResourceTiming)
        .map((e) => `${e.name.split('/api/')[1].slice(0, 60)} ${Math.round(e.startTime)}→${Math.round(e.responseEnd)}`),
    );
    console.log(`requests (ms from navigation):\n  ${requests.join('\n  ')}`);
  }
} finally {
  await b?.close();
  await srv.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
