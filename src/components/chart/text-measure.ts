/**
 * ECharts takes a line's height (and a wide character's width) from the width the browser measures for '国'. Where no
 * font has that glyph it measures a narrow placeholder, 4.4 px at 12 px in Debian's Chromium, and every label is laid
 * out as a third of its height: an axis name ran into its labels. A CJK glyph is one em wide, so that probe is
 * answered with at least the font's size; every other text is measured by the browser.
 */
export const WIDE_PROBE = '国';

type Measure = (text: string, font: string | undefined) => { width: number };

const DEFAULT_FONT = '12px sans-serif';

/** The font's size in px as ECharts writes fonts ("bold 14px sans-serif"), 12 without one. */
export function fontPx(font: string | undefined): number {
  // The number just before the first "px", read backwards from it.
  const f = font ?? DEFAULT_FONT;
  const end = f.indexOf('px');
  let start = end;
  while (start > 0 && '0123456789.'.includes(f[start - 1])) start--;
  const px = Number(f.slice(start, end));
  return end > 0 && start < end && px > 0 ? px : 12;
}

/** `measure`, with the wide probe never narrower than an em. */
export function withWideProbe(measure: Measure): Measure {
  return (text, font) => {
    const m = measure(text, font);
    if (text !== WIDE_PROBE) return m;
    const em = fontPx(font);
    return m.width >= em ? m : { width: em };
  };
}

/**
 * The browser's measure on a canvas of its own, as ECharts' default does (which ECharts does not export, so it cannot
 * be wrapped; the measure replaces it whole).
 */
export function canvasMeasure(): Measure {
  let ctx: CanvasRenderingContext2D | undefined;
  let current: string | undefined;
  return (text, font) => {
    // A new canvas always has a 2D context in the browsers the dashboard draws charts in.
    ctx ??= document.createElement('canvas').getContext('2d')!;
    const f = font || DEFAULT_FONT;
    if (current !== f) current = ctx.font = f;
    return ctx.measureText(text);
  };
}
