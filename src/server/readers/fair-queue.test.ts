import { expect, it } from 'vitest';
import { FairQueue } from './fair-queue';

const drain = (q: FairQueue<string>) => {
  const out: string[] = [];
  for (let x = q.shift(); x !== undefined; x = q.shift()) out.push(x);
  return out;
};

it('takes the owners in turn, each one job at a time, in the order they came', () => {
  const q = new FairQueue<string>();
  for (const x of ['a1', 'a2', 'a3', 'a4']) q.push('a', x);
  q.push('b', 'b1');
  q.push('c', 'c1');
  q.push('b', 'b2');
  expect(q.size).toBe(7);
  expect(drain(q)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  expect(q.size).toBe(0);
  expect(q.shift()).toBeUndefined();
});

it('puts an owner who comes back after being served behind those waiting', () => {
  const q = new FairQueue<string>();
  q.push('a', 'a1');
  q.push('b', 'b1');
  expect(q.shift()).toBe('a1');
  q.push('a', 'a2');
  q.push('c', 'c1');
  expect(drain(q)).toEqual(['b1', 'a2', 'c1']);
});
