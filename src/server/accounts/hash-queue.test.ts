/** Turns at hashing: how many run, who goes next, and the cap on waiting sign-ins (counts and order, no times). */
import { describe, expect, it } from 'vitest';
import { HashQueue, type Place } from './hash-queue';

/** A job that runs until `finish` is called; `started` tells whether its turn came. */
function job(log: string[], name: string) {
  let finish!: () => void;
  const state = { started: false, finish: () => finish() };
  const fn = () =>
    new Promise<string>((resolve) => {
      state.started = true;
      log.push(name);
      finish = () => resolve(name);
    });
  return { state, fn };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('HashQueue', () => {
  it('runs at most maxRunning at once, the rest in the order they came within one lane', async () => {
    const q = new HashQueue(1, 100);
    const log: string[] = [];
    const jobs = ['a1', 'a2', 'a3'].map((n) => job(log, n));
    const runs = jobs.map((j) => q.reserve('10.0.0.1', 'key:A')!.run(j.fn));
    await settle();
    expect(log).toEqual(['a1']);
    expect(q.stats()).toMatchObject({ running: 1, waiting: 2 });
    for (const j of jobs) {
      j.state.finish();
      await settle();
    }
    expect(await Promise.all(runs)).toEqual(['a1', 'a2', 'a3']);
    expect(log).toEqual(['a1', 'a2', 'a3']);
    expect(q.stats()).toMatchObject({ running: 0, waiting: 0, started: 3 });
  });

  it('gives the next turn to an account with nothing queued before the rest of a flood against another', async () => {
    const q = new HashQueue(1, 100);
    const log: string[] = [];
    const flood = Array.from({ length: 10 }, (_, i) => job(log, `flood${i}`));
    const runs = flood.map((j) => q.reserve('10.0.0.1', 'key:A')!.run(j.fn));
    await settle();
    const right = job(log, 'right');
    const rightRun = q.reserve('10.0.0.1', 'key:B')!.run(right.fn);
    flood[0].state.finish();
    await settle();
    // One hash of the flood was running when it came: it is the next.
    expect(log).toEqual(['flood0', 'right']);
    right.state.finish();
    expect(await rightRun).toBe('right');
    for (const j of flood.slice(1)) {
      await settle();
      j.state.finish();
    }
    await Promise.all(runs);
    expect(log.slice(2)).toEqual(flood.slice(1).map((_, i) => `flood${i + 1}`));
  });

  it('takes turns between addresses first, then between the accounts of one address', async () => {
    const q = new HashQueue(1, 100);
    const log: string[] = [];
    const starts: { address: string; account: string; name: string }[] = [
      { address: 'x', account: 'A', name: 'xA1' },
      { address: 'x', account: 'A', name: 'xA2' },
      { address: 'x', account: 'B', name: 'xB1' },
      { address: 'x', account: 'A', name: 'xA3' },
      { address: 'y', account: 'C', name: 'yC1' },
      { address: 'y', account: 'C', name: 'yC2' },
    ];
    const jobs = starts.map((s) => ({ ...s, ...job(log, s.name) }));
    const runs = jobs.map((j) => q.reserve(j.address, j.account)!.run(j.fn));
    for (let i = 0; i < jobs.length; i++) {
      await settle();
      jobs.find((j) => j.name === log[i])!.state.finish();
    }
    await Promise.all(runs);
    // x ran first: y next; back at x, B has never run: B; then y, then x's A in order.
    expect(log).toEqual(['xA1', 'yC1', 'xB1', 'yC2', 'xA2', 'xA3']);
  });

  it('refuses a place when maxWaiting are waiting; a released or finished place frees one', async () => {
    const q = new HashQueue(1, 3);
    const log: string[] = [];
    const running = job(log, 'r');
    const r = q.reserve('a', 'k1')!.run(running.fn);
    await settle();
    const places: Place[] = [q.reserve('a', 'k2')!, q.reserve('b', 'k3')!, q.reserve('c', 'k4')!];
    expect(places.every(Boolean)).toBe(true);
    expect(q.reserve('d', 'k5')).toBeNull();
    expect(q.stats()).toMatchObject({ running: 1, waiting: 3 });
    // Released (refused before hashing): the place is free again, and releasing twice frees only one.
    places[0].release();
    places[0].release();
    expect(q.stats().waiting).toBe(2);
    const again = q.reserve('d', 'k5')!;
    expect(again).not.toBeNull();
    expect(q.reserve('e', 'k6')).toBeNull();
    // Hashes the server makes for itself are not capped: they queue beyond maxWaiting.
    const own = job(log, 'own');
    const ownRun = q.run(own.fn);
    await settle();
    expect(q.stats().waiting).toBe(4);
    running.state.finish();
    await r;
    await settle();
    expect(log).toEqual(['r', 'own']);
    own.state.finish();
    await ownRun;
    for (const p of [places[1], places[2], again]) p.release();
    expect(q.stats()).toMatchObject({ running: 0, waiting: 0 });
    expect(q.reserve('e', 'k6')).not.toBeNull();
  });

  it('does not let a place that was reserved but not run hold back a free slot', async () => {
    const q = new HashQueue(1, 10);
    const log: string[] = [];
    const held = q.reserve('a', 'k1')!;
    const j = job(log, 'j');
    const run = q.reserve('b', 'k2')!.run(j.fn);
    await settle();
    expect(log).toEqual(['j']);
    j.state.finish();
    await run;
    held.release();
    await expect(held.run(async () => 1)).rejects.toThrow(/runs once/);
  });
});
