import { randomUUID } from 'node:crypto';
import type { StoreChannel } from '../store/store';
import { CHANGE_KINDS, type Change, type ChangeKind, type Publisher } from './hub';

/** Changes are gathered this long before they go to the other servers (one message, duplicates merged). */
const GATHER_MS = 20;
/** Each message stays well under PostgreSQL's 8000-byte NOTIFY payload. */
const MAX_MESSAGE_BYTES = 6000;
/** What another server may announce: the kinds this server's streams know, no other string. */
const KINDS: ReadonlySet<string> = new Set(CHANGE_KINDS);
const MAX_ID_CHARS = 128;

interface Message {
  /** The sending server, so that it skips its own messages. */
  o: string;
  c: [string, string?][];
}

export interface SharedPublisher extends Publisher {
  /** Stops listening to the other servers. */
  close(): Promise<void>;
}

/**
 * Joins the servers on one database: what this server publishes reaches its own streams at once
 * and the other servers' streams through the store's channel; what they publish reaches ours.
 */
export async function shareThroughChannel(
  local: Publisher,
  channel: StoreChannel,
  onError: (e: unknown) => void,
): Promise<SharedPublisher> {
  const origin = randomUUID();
  const pending = new Map<string, [string, string?]>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    const all = [...pending.values()];
    pending.clear();
    for (const batch of split(all)) channel.send(JSON.stringify({ o: origin, c: batch } satisfies Message)).catch(onError);
  };

  const stop = await channel.listen((text) => {
    const changes = parse(text, origin);
    if (changes.length) local.publish(changes);
  });

  return {
    publish(changes) {
      local.publish(changes);
      // An id the others would drop (over MAX_ID_CHARS) is not sent; one that long names nothing stored anyway.
      for (const c of changes)
        if (c.id === undefined || c.id.length <= MAX_ID_CHARS)
          pending.set(`${c.kind}\0${c.id ?? ''}`, c.id === undefined ? [c.kind] : [c.kind, c.id]);
      timer ??= setTimeout(flush, GATHER_MS);
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await stop();
    },
  };
}

function split(changes: [string, string?][]): [string, string?][][] {
  const out: [string, string?][][] = [];
  let cur: [string, string?][] = [];
  let bytes = 0;
  for (const c of changes) {
    const size = Buffer.byteLength(JSON.stringify(c)) + 1;
    if (cur.length && bytes + size > MAX_MESSAGE_BYTES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(c);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Another server's changes; anything malformed is dropped (the dashboards still poll). */
function parse(text: string, origin: string): Change[] {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return [];
  }
  if (!m || typeof m !== 'object') return [];
  const { o, c } = m as Partial<Message>;
  if (o === origin || !Array.isArray(c)) return [];
  const out: Change[] = [];
  for (const item of c as unknown[]) {
    if (!Array.isArray(item)) continue;
    const [kind, id] = item as unknown[];
    if (typeof kind !== 'string' || !KINDS.has(kind)) continue;
    if (id !== undefined && (typeof id !== 'string' || id.length > MAX_ID_CHARS)) continue;
    out.push(id === undefined ? { kind: kind as ChangeKind } : { kind: kind as ChangeKind, id });
  }
  return out;
}
