import fs from 'node:fs';
import path from 'node:path';

/** One request of a recorded ClearML SDK session, with the answer it got. */
export interface Recorded {
  seq: number;
  server: 'api' | 'files' | string;
  method: string;
  path: string;
  endpoint: string | null;
  headers: Record<string, string>;
  request: unknown;
  status: number;
  response: unknown;
}

/** Recorded ClearML SDK sessions, copied into the repository so no test reads outside it. */
export const PROTOCOL_DIR = path.join(import.meta.dirname, '../server/testing/fixtures/protocol');

export function readTranscript(name: string): Recorded[] {
  return fs
    .readFileSync(path.join(PROTOCOL_DIR, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Recorded);
}
