export function acquireLock(lock: string, opts?: { pollMs?: number; staleAfterMs?: number }): Promise<() => void>;
export function ensureBuilt(): Promise<string>;
