import type http from 'node:http';

export interface InFlight {
  /** What the request is, e.g. `events.add_batch` or `GET /files/x`; read when reported. */
  what: () => string;
  started: number;
}

/** Requests being answered now, oldest first (a Map keeps insertion order). */
export class InFlightRequests {
  private readonly live = new Map<http.IncomingMessage, InFlight>();
  /** The last requests that ended, with when, so that a stall seen just after its cause still names it. */
  private recent: { what: string; started: number; ended: number }[] = [];

  track(req: http.IncomingMessage, res: http.ServerResponse, what: () => string): void {
    const entry = { what, started: performance.now() };
    this.live.set(req, entry);
    res.once('close', () => {
      this.live.delete(req);
      this.recent.push({ what: entry.what(), started: entry.started, ended: performance.now() });
      if (this.recent.length > 32) this.recent = this.recent.slice(-16);
    });
  }

  get size(): number {
    return this.live.size;
  }

  /**
   * Requests being answered at some moment in [from, to], those that overlapped it most first:
   * what held the loop for the whole window was being answered for all of it.
   */
  during(from: number, to: number): { what: string; ms: number }[] {
    const out: { what: string; ms: number; overlap: number }[] = [];
    const overlap = (start: number, end: number) => Math.min(end, to) - Math.max(start, from);
    for (const r of this.recent) {
      if (r.ended >= from && r.started <= to) {
        out.push({ what: r.what, ms: Math.round(r.ended - r.started), overlap: overlap(r.started, r.ended) });
      }
    }
    for (const r of this.live.values()) {
      if (r.started <= to) out.push({ what: r.what(), ms: Math.round(to - r.started), overlap: overlap(r.started, to) });
    }
    return out.sort((a, b) => b.overlap - a.overlap).map(({ what, ms }) => ({ what, ms }));
  }
}
