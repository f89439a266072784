import { describe, expect, it } from 'vitest';
import { parseAnsi, plainText } from './ansi';

describe('parseAnsi', () => {
  it('colours the text between SGR codes and resets on 0', () => {
    const { spans } = parseAnsi('plain \x1b[31mred\x1b[0m \x1b[1;92mbold green\x1b[39m still bold');
    expect(spans).toEqual([
      { text: 'plain ', style: {} },
      { text: 'red', style: { color: '#cd3131' } },
      { text: ' ', style: {} },
      { text: 'bold green', style: { bold: true, color: '#23d18b' } },
      { text: ' still bold', style: { bold: true, color: undefined } },
    ]);
  });

  it('reads 256-colour and true-colour codes, foreground and background', () => {
    const { spans } = parseAnsi('\x1b[38;5;196mA\x1b[48;2;0;128;255mB\x1b[38;5;244mC');
    expect(spans.map((s) => s.style)).toEqual([
      { color: '#ff0000' },
      { color: '#ff0000', background: '#0080ff' },
      { color: '#808080', background: '#0080ff' },
    ]);
  });

  it('drops other escape sequences and control characters but keeps tabs', () => {
    expect(plainText('\x1b[2K\x1b[1Gep\x07och\t1\x1b7 \x1b]0;title\x07done \x1b]8;;http://x\x1b\\link')).toBe(
      'epoch\t1 done link',
    );
  });

  it('caps what is drawn and counts the rest', () => {
    const { spans, hidden } = parseAnsi('\x1b[31m' + 'x'.repeat(50), 10);
    expect(spans).toEqual([{ text: 'x'.repeat(10), style: { color: '#cd3131' } }]);
    expect(hidden).toBe(40);
  });

  it('takes a long run of parameters in linear time', () => {
    const evil = '\x1b[' + '1;'.repeat(200_000) + 'x';
    const t0 = performance.now();
    expect(plainText(evil)).toBe('');
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
