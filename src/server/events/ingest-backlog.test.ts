import { describe, expect, it } from 'vitest';
import { IngestBacklog } from './ingest-backlog';

/** Whether a promise has settled after the turns queued so far have run. */
async function settled(p: Promise<unknown> | undefined): Promise<boolean> {
  if (!p) return true;
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('the backlog of batches answered and not yet committed', () => {
  it('has nothing to wait for when empty', () => {
    const b = new IngestBacklog(() => {});
    expect(b.caughtUp()).toBeUndefined();
    expect(b.size).toBe(0);
  });

  it('waits for every batch queued before the call, including ones settled out of order, and not for later ones', async () => {
    const b = new IngestBacklog(() => {}, 3);
    const one = await b.add();
    const two = await b.add();
    const call = b.caughtUp();
    const three = await b.add();
    b.settle(two);
    // Batch 1 is still open: "through 2" is not done though 2 itself is.
    expect(await settled(call)).toBe(false);
    b.settle(one);
    // Batch 3 came after the call: it is not waited for.
    expect(await settled(call)).toBe(true);
    expect(await settled(b.caughtUp())).toBe(false);
    b.settle(three);
    b.settle(three);
    expect(b.size).toBe(0);
    expect(b.caughtUp()).toBeUndefined();
  });

  it('lets at most maxQueued batches be open; a further one is numbered once one settles, in the order they asked', async () => {
    const b = new IngestBacklog(() => {}, 2);
    const one = await b.add();
    await b.add();
    const third = b.add();
    const fourth = b.add();
    expect(await settled(third)).toBe(false);
    b.settle(one);
    expect(await settled(third)).toBe(true);
    expect(await settled(fourth)).toBe(false);
    expect(b.size).toBe(2);
    b.settle(await third);
    expect(await fourth).toBe((await third) + 1);
    expect(b.size).toBe(2);
  });
});
