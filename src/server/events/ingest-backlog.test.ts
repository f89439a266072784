import { describe, expect, it } from 'vitest';
import { IngestBacklog } from './ingest-backlog';

/** Whether a promise has settled after the microtasks queued so far have run. */
async function settled(p: Promise<void> | undefined): Promise<boolean> {
  if (!p) return true;
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('the backlog of batches answered and not yet committed', () => {
  it('has nothing to wait for when empty or when no open batch names an owner in the request', async () => {
    const b = new IngestBacklog(() => {});
    expect(b.until(['{"task":"a"}'])).toBeUndefined();
    b.add(['task-a']);
    expect(b.until(['{"task":"task-b"}', '?x=1'])).toBeUndefined();
    expect(await settled(b.until([Buffer.from('{"task":"task-a"}')]))).toBe(false);
  });

  it('waits for every batch of the owner queued so far, including ones settled out of order', async () => {
    const b = new IngestBacklog(() => {});
    const one = b.add(['a']);
    const two = b.add(['b']);
    const three = b.add(['a', 'c']);
    const forA = b.until(['a']);
    const forB = b.until(['?task=b']);
    b.settle(three);
    // Batch 1 is still open: "through 3" is not done though 3 itself is.
    expect(await settled(forA)).toBe(false);
    b.settle(one);
    expect(await settled(forA)).toBe(false);
    expect(await settled(forB)).toBe(false);
    b.settle(two);
    expect(await settled(forA)).toBe(true);
    expect(await settled(forB)).toBe(true);
    expect(b.size).toBe(0);
    expect(b.until(['a'])).toBeUndefined();
  });

  it('drains: resolves once every batch queued before the call is settled, not later ones', async () => {
    const b = new IngestBacklog(() => {});
    const one = b.add(['a']);
    const drained = b.drained();
    const two = b.add(['a']);
    expect(await settled(drained)).toBe(false);
    b.settle(one);
    expect(await settled(drained)).toBe(true);
    b.settle(two);
    b.settle(two);
    expect(b.size).toBe(0);
  });
});
