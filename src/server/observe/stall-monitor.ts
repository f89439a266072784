import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Logger } from '../log';
import type { InFlightRequests } from './in-flight';

export interface StallMonitor {
  /** Event-loop delay since start, in nanoseconds (Node's histogram). */
  delay: IntervalHistogram;
  stalls: number;
  stop(): void;
}

/**
 * Watches the event loop: a timer that should fire every `tickMs` and fires late means something
 * held the loop. Any hold over `thresholdMs` is logged once, with the requests being answered while
 * it lasted (the cause is among them: nothing else runs on this loop but requests and timers).
 */
export function startStallMonitor(
  log: Logger,
  requests: InFlightRequests,
  { thresholdMs = 100, tickMs = 20 }: { thresholdMs?: number; tickMs?: number } = {},
): StallMonitor {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let last = performance.now();
  const monitor: StallMonitor = {
    delay,
    stalls: 0,
    stop() {
      clearInterval(timer);
      delay.disable();
    },
  };
  const timer = setInterval(() => {
    const now = performance.now();
    const held = now - last - tickMs;
    if (held > thresholdMs) {
      monitor.stalls++;
      const during = requests.during(last, now);
      log.warn(
        { stallMs: Math.round(held), requests: during.slice(0, 10), endpoint: during[0]?.what },
        `event loop stalled ${Math.round(held)} ms${during.length ? ` during ${during[0].what}` : ''}`,
      );
    }
    last = now;
  }, tickMs);
  timer.unref();
  return monitor;
}
