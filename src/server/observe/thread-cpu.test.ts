/** Issue 13: the CPU each of the server's threads uses, by the name the thread gave itself. */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameThread } from '../thread-name';
import { ThreadCpu } from './thread-cpu';

const linux = fs.existsSync('/proc/thread-self/comm');
const ownName = () => fs.readFileSync('/proc/thread-self/comm', 'utf8').trim();

/** A thread that names itself td-spin, uses 0.3 s of CPU by the kernel's count (ticks of 10 ms), says so, and ends when told. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
fs.writeFileSync('/proc/thread-self/comm', 'td-spin');
const ticks = () => { const f = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
const start = ticks();
let x = 0;
while (ticks() - start < 30) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
parentPort.postMessage({ ticks: ticks(), x });
parentPort.once('message', () => process.exit(0));
`;

describe.runIf(linux)('thread names and CPU by thread (Linux)', () => {
  let before: string;
  beforeAll(() => {
    before = ownName();
  });
  afterAll(() => fs.writeFileSync('/proc/thread-self/comm', before));

  it('names the calling thread td-<role>, cut to the 15 bytes Linux keeps', () => {
    nameThread('unit');
    expect(ownName()).toBe('td-unit');
    nameThread('a-very-long-role-name');
    expect(ownName()).toBe('td-a-very-long-');
  });

  it("counts the process's first thread as main, whatever its name", async () => {
    nameThread('not-main');
    const cpu = new ThreadCpu();
    const start = (await cpu.read()).get('main') ?? 0;
    const t0 = process.cpuUsage();
    let x = 0;
    while (process.cpuUsage(t0).user < 400_000) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    const after = await cpu.read();
    // 0.4 s of the process's CPU, nearly all on this thread (ticks are 10 ms; V8's own threads take a little).
    expect(after.get('main')! - start).toBeGreaterThan(0.25);
    expect(after.has('not-main')).toBe(false);
  });

  it('counts a named thread under its role, and keeps what it used once it has ended', async () => {
    const cpu = new ThreadCpu();
    await cpu.read();
    const w = new Worker(WORKER, { eval: true });
    const spun = (await new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    })) as { ticks: number };
    expect(spun.ticks).toBeGreaterThanOrEqual(30);
    const running = await cpu.read();
    // It used at least 0.3 s by its own count; a little of that (its start) may have been under its first name.
    expect(running.get('spin')).toBeGreaterThanOrEqual(0.25);
    w.postMessage('end');
    await new Promise((resolve) => w.once('exit', resolve));
    const ended = await cpu.read();
    expect(ended.get('spin')).toBe(running.get('spin'));
    // A total only grows: the main thread's and the others' too.
    for (const [role, seconds] of running) expect(ended.get(role)).toBeGreaterThanOrEqual(seconds);
  });
});
