/**
 * Turns at hashing secrets. At most `maxRunning` hashes run at a time (libuv's pool has 4 threads, and 4
 * scrypts on a 2-core machine starve the event loop and the pool's file I/O); the others wait for a turn.
 *
 * Turns go to the address that was served least recently and, within it, to the account served least
 * recently, so that a flood of sign-ins from one address, or against one account, does not keep somebody
 * else's sign-in waiting behind all of it: a sign-in from a lane that has nothing queued is the next to
 * run. Within one lane attempts run in the order they came.
 *
 * A sign-in takes its place with `reserve` before anything else is done (before the store counts it as
 * a failure): when `maxWaiting` places are already waiting, it gets none and is refused with nothing
 * changed. Hashes the server makes for itself (new passwords and keys) take a place uncapped.
 */
export interface Place {
  /** Waits for this place's turn, runs `fn` and frees the place (a place runs once). */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Gives up the place when it was not run (the attempt was refused); does nothing once run. */
  release(): void;
}

interface Lane {
  /** Turn number of its last start (0: never). */
  served: number;
  /** Places reserved, waiting or running in it: the lane is forgotten at 0. */
  held: number;
  /** Places waiting for a turn. */
  queued: number;
}

interface AccountLane extends Lane {
  waiters: (() => void)[];
}

interface AddressLane extends Lane {
  accounts: Map<string, AccountLane>;
}

export interface HashQueueStats {
  running: number;
  /** Places reserved or waiting for a turn (what `maxWaiting` caps). */
  waiting: number;
  /** Hashes started so far. */
  started: number;
  /** Average time of the recent hashes, ms (0 before the first). */
  averageMs: number;
}

export class HashQueue {
  private running = 0;
  private waiting = 0;
  private queued = 0;
  private turns = 0;
  private averageMs = 0;
  private readonly addresses = new Map<string, AddressLane>();

  constructor(
    readonly maxRunning: number,
    readonly maxWaiting: number,
  ) {}

  stats(): HashQueueStats {
    return { running: this.running, waiting: this.waiting, started: this.turns, averageMs: this.averageMs };
  }

  /** A place for a sign-in from `address` against `account`, or null when `maxWaiting` places are waiting. */
  reserve(address: string, account: string): Place | null {
    if (this.waiting >= this.maxWaiting) return null;
    return this.place(address, account);
  }

  /** Runs `fn` in its turn, without a cap (hashes the server makes for itself). */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.place('', '').run(fn);
  }

  private place(address: string, account: string): Place {
    let a = this.addresses.get(address);
    if (!a) this.addresses.set(address, (a = { served: 0, held: 0, queued: 0, accounts: new Map() }));
    let l = a.accounts.get(account);
    if (!l) a.accounts.set(account, (l = { served: 0, held: 0, queued: 0, waiters: [] }));
    const addressLane = a;
    const lane = l;
    addressLane.held++;
    lane.held++;
    this.waiting++;
    let state: 'reserved' | 'run' | 'released' = 'reserved';
    const leave = () => {
      addressLane.held--;
      lane.held--;
      if (!lane.held) addressLane.accounts.delete(account);
      if (!addressLane.held) this.addresses.delete(address);
    };
    return {
      run: async <T>(fn: () => Promise<T>): Promise<T> => {
        if (state !== 'reserved') throw new Error('A hash queue place runs once');
        state = 'run';
        if (this.running < this.maxRunning && !this.queued) {
          this.running++;
          this.waiting--;
          this.start(addressLane, lane);
        } else {
          // `startNext` hands a slot over: it counts it as running.
          await new Promise<void>((resolve) => {
            lane.waiters.push(resolve);
            lane.queued++;
            addressLane.queued++;
            this.queued++;
          });
        }
        const t = performance.now();
        try {
          return await fn();
        } finally {
          const ms = performance.now() - t;
          this.averageMs = this.averageMs ? this.averageMs * 0.8 + ms * 0.2 : ms;
          leave();
          this.finish();
        }
      },
      release: () => {
        if (state !== 'reserved') return;
        state = 'released';
        this.waiting--;
        leave();
      },
    };
  }

  private start(address: Lane, account: Lane) {
    address.served = account.served = ++this.turns;
  }

  /** A hash ended: its slot goes to the next waiter, if any. */
  private finish() {
    this.running--;
    this.startNext();
  }

  private startNext() {
    if (this.running >= this.maxRunning) return;
    const address = leastServed(this.addresses.values());
    if (!address) return;
    const account = leastServed(address.accounts.values())!;
    const next = account.waiters.shift()!;
    account.queued--;
    address.queued--;
    this.queued--;
    this.running++;
    this.waiting--;
    this.start(address, account);
    next();
  }
}

/** The lane with someone waiting whose last turn is oldest (the first such in insertion order on a tie). */
function leastServed<L extends Lane>(lanes: Iterable<L>): L | undefined {
  let best: L | undefined;
  for (const l of lanes) if (l.queued && (!best || l.served < best.served)) best = l;
  return best;
}
