import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '../http/body';
import { checkEvent } from './event-check';

const scalar = { type: 'training_stats_scalar', task: 't1', metric: 'loss', variant: 'train', iter: 3, value: 0.5, timestamp: 1 };

describe('checkEvent', () => {
  it('passes plain scalar and log events through without a copy', () => {
    expect(checkEvent(scalar)).toBe(scalar);
    const log = { type: 'log', task: 't1', msg: 'hi', level: null, worker: 'w' };
    expect(checkEvent(log)).toBe(log);
  });

  it.each([
    [{ ...scalar, iter: 1.5 }, 'invalid event: iter: '],
    [{ ...scalar, task: '' }, 'invalid event: task: must not be empty'],
    [{ ...scalar, value: 'x' }, 'invalid event: value: '],
    [{ ...scalar, metric: 7 }, 'invalid event: metric: '],
    [{ ...scalar, type: 'nope' }, 'invalid event: type: '],
    [{ ...scalar, allow_locked: 'yes' }, 'invalid event: allow_locked: '],
    [[scalar], 'invalid event: event: '],
    ['text', 'invalid event: event: '],
  ])('refuses %j with the schema reason', (item, reason) => {
    const r = checkEvent(item);
    expect(typeof r).toBe('string');
    expect(r as string).toContain(reason);
  });

  it('leaves other event kinds to the schema', () => {
    const plot = { type: 'plot', task: 't1', plot_str: '{}', extra: 1 };
    const r = checkEvent(plot);
    expect(r).not.toBe(plot);
    expect(r).toMatchObject(plot);
  });
});

describe('parseJsonLines', () => {
  it('reads every non-blank line, NaN as null, and names the first broken line', () => {
    expect(parseJsonLines('{"a":1}\n\n  \n{"b":NaN}\r\n[2]')).toEqual([{ a: 1 }, { b: null }, [2]]);
    expect(parseJsonLines('')).toEqual([]);
    expect(() => parseJsonLines('{"a":1}\n\n{"b":')).toThrow(/line 3 of the batch/);
  });

  it('reads the bytes of a body a line at a time as it reads its text, multi-byte characters included', () => {
    const text = '{"msg":"héllo 世界 🎉"}\n\n  \n{"b":NaN}\r\n[2]\n{"c":"\u00e9\\n"}';
    expect(parseJsonLines(Buffer.from(text))).toEqual(parseJsonLines(text));
    expect(parseJsonLines(Buffer.from(text))[0]).toEqual({ msg: 'héllo 世界 🎉' });
    expect(parseJsonLines(Buffer.alloc(0))).toEqual([]);
    expect(() => parseJsonLines(Buffer.from('{"a":"é"}\n\n{"b":'))).toThrow(/line 3 of the batch/);
  });
});
