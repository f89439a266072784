import Papa from 'papaparse';
import type { SeriesData } from './scalar-chart';

/** Saves text or a data URL as a file through the browser. */
export function saveFile(content: string, name: string, type: string): void {
  const url = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  if (url !== content) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a metric name: what file systems accept, at most 100 characters. */
export function fileName(title: string, ext: string): string {
  const base =
    title
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[_.]+/, '')
      .slice(0, 100) || 'chart';
  return `${base}.${ext}`;
}

/**
 * Rows as CSV, one per point. Papaparse's escapeFormulae writes text a spreadsheet would run as a
 * formula (a series named `=HYPERLINK(...)`) with a leading `'`.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return Papa.unparse({ fields: header, data: rows }, { escapeFormulae: true });
}

/** A chart's series as CSV: series, x, y, one row per point. */
export function seriesCsv(series: SeriesData[], xName: string): string {
  return toCsv(
    ['series', xName, 'value'],
    series.flatMap((s) => s.x.map((x, i) => [s.name, x, s.y[i]])),
  );
}

/** A chart's series as JSON: [{name, x: [...], y: [...]}]. */
export function seriesJson(series: SeriesData[]): string {
  return JSON.stringify(
    series.map((s) => ({ name: s.name, x: s.x, y: s.y })),
    null,
    1,
  );
}
