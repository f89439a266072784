import { describe, expect, it } from 'vitest';
import { dagChartOption, dagHeight, dagLevels } from './dag';

describe('dag layout', () => {
  it('puts each node one level after its deepest parent', () => {
    const levels = dagLevels([
      { id: 'c', label: 'c', parents: ['a', 'b'] },
      { id: 'a', label: 'a', parents: [] },
      { id: 'b', label: 'b', parents: ['a'] },
      { id: 'x', label: 'x', parents: ['missing'] },
    ]);
    expect(Object.fromEntries(levels)).toEqual({ a: 0, b: 1, c: 2, x: 0 });
  });

  it('survives a cycle', () => {
    const levels = dagLevels([
      { id: 'a', label: 'a', parents: ['b'] },
      { id: 'b', label: 'b', parents: ['a'] },
    ]);
    expect(levels.size).toBe(2);
  });

  it('draws an arrow per known parent and escapes the tooltip', () => {
    const opt = dagChartOption([
      { id: 'a', label: '<img src=x onerror=alert(1)>', parents: [] },
      { id: 'b', label: 'b', parents: ['a', 'gone'], details: ['status: <b>'] },
    ]) as unknown as { series: { links: unknown[]; data: { tooltip: { formatter: () => string } }[] }[] };
    expect(opt.series[0].links).toEqual([{ source: 'a', target: 'b' }]);
    expect(opt.series[0].data[0].tooltip.formatter()).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(opt.series[0].data[1].tooltip.formatter()).toBe('b<br/>status: &lt;b&gt;');
  });
});

describe('dag height', () => {
  it('grows with the widest level', () => {
    const one = [{ id: 'a', label: 'a', parents: [] }];
    const wide = [
      ...one,
      { id: 'b', label: 'b', parents: ['a'] },
      { id: 'c', label: 'c', parents: ['a'] },
      { id: 'd', label: 'd', parents: ['a'] },
    ];
    expect(dagHeight(one)).toBe(110);
    expect(dagHeight(wide)).toBe(110 + 70 * 2);
  });
});
