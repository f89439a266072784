import Papa from 'papaparse';

/** Parses CSV text (quoted fields, commas, newlines in quotes) into at most `maxRows` rows. */
export function parseCsv(text: string, maxRows = 100): string[][] {
  // A trailing newline ends the last row; it does not start an empty one.
  return Papa.parse<string[]>(text, { preview: maxRows, skipEmptyLines: true }).data;
}
