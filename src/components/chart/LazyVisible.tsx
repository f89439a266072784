import { useEffect, useRef, useState, type ReactNode } from 'react';

/** Renders its children only once they scroll near the viewport (charts are costly to draw). */
export function LazyVisible({ children, minHeight = 320 }: { children: ReactNode; minHeight?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (seen || !el.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setSeen(true), {
      rootMargin: '200px',
    });
    io.observe(el.current);
    return () => io.disconnect();
  }, [seen]);
  return (
    <div ref={el} style={{ minHeight: seen ? undefined : minHeight }}>
      {seen ? children : null}
    </div>
  );
}
