import { expect, it } from 'vitest';
import { fontPx, WIDE_PROBE, withWideProbe } from './text-measure';

// A browser without a CJK font: the probe measures as a narrow placeholder (Debian's Chromium, 12 px: 4.38).
const noCjkFont = (text: string) => ({ width: text === WIDE_PROBE ? 4.38 : text.length * 6.67 });

it("answers the line-height probe with the font's size where no font has the glyph", () => {
  const measure = withWideProbe(noCjkFont);
  expect(measure(WIDE_PROBE, '12px sans-serif').width).toBe(12);
  expect(measure(WIDE_PROBE, 'normal bold 14px Roboto, sans-serif').width).toBe(14);
  expect(measure(WIDE_PROBE, 'italic 10.5px serif').width).toBe(10.5);
  expect(measure(WIDE_PROBE, undefined).width).toBe(12);
});

it('leaves every other text, and a probe the browser measures wide enough, as the browser measured it', () => {
  const measure = withWideProbe(noCjkFont);
  expect(measure('bin', '12px sans-serif').width).toBeCloseTo(20.01);
  expect(measure('国国', '12px sans-serif').width).toBeCloseTo(13.34);
  const withCjkFont = withWideProbe((text) => ({ width: text.length * 13 }));
  expect(withCjkFont(WIDE_PROBE, '12px sans-serif').width).toBe(13);
});

it('reads the size from fonts as ECharts writes them', () => {
  expect(fontPx('bolder 16px "Microsoft YaHei"')).toBe(16);
  expect(fontPx('sans-serif')).toBe(12);
});

it('falls back to 12 px for a font without a readable size', () => {
  expect(fontPx('px sans-serif')).toBe(12);
  expect(fontPx('.px serif')).toBe(12);
  expect(fontPx('0px serif')).toBe(12);
});
