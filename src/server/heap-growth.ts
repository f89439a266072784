import v8 from 'node:v8';

/** How far V8 lets the old generation grow past what a full collection left live: 4x (1 + 300%). */
const HEAP_GROWING_PERCENT = 300;

/**
 * Lets the old generation grow to HEAP_GROWING_PERCENT past what the last full collection left live, where V8
 * would pick a factor from its own GC speed, often little above 1.
 *
 * Why: V8 starts a full (incremental) collection as soon as the old generation's headroom (its limit, less what
 * it holds, less the ArrayBuffer bytes allocated since the last full collection) is no larger than the young
 * generation. Ingest allocates several MB of ArrayBuffers a batch on the event loop (the socket's reads, the
 * body, the columns back from the parse thread). With a limit just above the live heap, that headroom is gone
 * at once, and the collector marks again right after each collection, which frees 1-2 MB. Measured with four
 * clients sending 2 MB batches: in about half the runs, 12-25 full collections of the main thread's heap in
 * 240 batches, and the server's CPU 2 ms a batch higher (the event loop +0.5, V8's threads +1.5). With the
 * limit at 4x what is live, none in any run.
 *
 * A setting of the whole process, read at each full collection: the server's process sets it at start (not
 * startServer, which the tests run many of in one process).
 */
export function letHeapGrow(execArgv = process.execArgv, setFlags = v8.setFlagsFromString): void {
  // An operator's own `node --heap-growing-percent=N` wins.
  if (execArgv.some((a) => a.startsWith('--heap-growing-percent') || a.startsWith('--heap_growing_percent'))) return;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
