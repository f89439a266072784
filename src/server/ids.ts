import type { OwnedRecord } from '../shared/api/records';
import { randomBytes, randomUUID } from 'node:crypto';

/** A 32-hex id, as ClearML makes them. */
export function newId(): string {
  return randomUUID().replace(/-/g, '');
}

/** ISO-8601 time with milliseconds and an explicit UTC offset, as the SDK parses it. */
export function isoNow(date = new Date()): string {
  return date.toISOString().replace('Z', '+00:00');
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomKey(length: number, alphabet = KEY_ALPHABET): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** The fields every new project, model or queue starts with. */
export function newRecord(who: { user: string; company: string }, name: string): OwnedRecord {
  const now = isoNow();
  return { id: newId(), name, user: who.user, company: who.company, created: now, last_update: now, tags: [], system_tags: [] };
}
