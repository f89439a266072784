import { memo, type CSSProperties } from 'react';
import { parseAnsi, type AnsiStyle } from '../lib/ansi';

function css(s: AnsiStyle): CSSProperties | undefined {
  const fg = s.inverse ? (s.background ?? 'var(--console-bg, #fafbfc)') : s.color;
  const bg = s.inverse ? (s.color ?? 'currentColor') : s.background;
  if (!fg && !bg && !s.bold && !s.dim && !s.italic && !s.underline) return undefined;
  return {
    color: fg,
    backgroundColor: bg,
    fontWeight: s.bold ? 700 : undefined,
    opacity: s.dim ? 0.7 : undefined,
    fontStyle: s.italic ? 'italic' : undefined,
    textDecoration: s.underline ? 'underline' : undefined,
  };
}

/** One console line with its ANSI colours drawn as React spans (the text is never read as markup). */
export const AnsiLine = memo(function AnsiLine({ text }: { text: string }) {
  const { spans, hidden } = parseAnsi(text);
  return (
    <>
      {spans.map((s, i) => (
        <span key={i} style={css(s.style)}>
          {s.text}
        </span>
      ))}
      {hidden > 0 && <span style={{ opacity: 0.6 }}> … {hidden.toLocaleString()} more characters (download the log)</span>}
    </>
  );
});
