import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../testing/wait-for';
import { InFlightRequests } from './in-flight';
import { startStallMonitor, type StallMonitor } from './stall-monitor';

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

function busyWait(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* hold the event loop on purpose */
  }
}

async function serverWithMonitor(): Promise<{ url: string; lines: Record<string, unknown>[]; monitor: StallMonitor }> {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) });
  const inFlight = new InFlightRequests();
  const monitor = startStallMonitor(log, inFlight, { thresholdMs: 100 });
  const server = http.createServer((req, res) => {
    inFlight.track(req, res, () => `${req.method} ${req.url}`);
    if (req.url === '/stall') busyWait(400);
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => {
    monitor.stop();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines, monitor };
}

it('logs a deliberate stall of the event loop with the request that held it', async () => {
  const { url, lines, monitor } = await serverWithMonitor();
  // Node's histogram measures each tick of its timer from the one before: a stall before its first two ticks (the
  // first 10-20 ms) is not in it. With fetch already warm in this process (another file used it), both requests
  // could end within them.
  await waitFor(() => monitor.delay.count > 0, { message: 'the delay histogram measuring' });
  await (await fetch(`${url}/quick`)).text();
  // A busy machine may hold the loop by itself; only lines that name a request count here.
  expect(lines.filter((l) => l.endpoint)).toEqual([]);
  await (await fetch(`${url}/stall`)).text();
  // Named by the line of its own stall: a busy machine's hold just after /quick ended may name that one first.
  const line = await waitFor(() => lines.find((l) => l.endpoint === 'GET /stall'), { message: 'a stall line naming GET /stall' });
  expect(line.stallMs as number).toBeGreaterThanOrEqual(300);
  expect(line.endpoint).toBe('GET /stall');
  expect(String(line.msg)).toContain('GET /stall');
  expect(monitor.stalls).toBeGreaterThanOrEqual(1);
  expect(monitor.delay.max / 1e6).toBeGreaterThanOrEqual(300);
});
