/** "3 s", "4 min", "2 h 5 min", "3 d 4 h": short durations for tables. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export const sinceIso = (iso: string, now = Date.now()) => shortDuration(now - Date.parse(iso));
