/**
 * A child process of the ingest bench: `writers` SDK-like reporters streaming add_batch bodies of 500 scalar
 * events to one server until told to stop. In a process of its own, so that the client measuring quick calls
 * (the bench) has an idle event loop and a latency it reports is the server's, not its own queueing behind the
 * writers' body building. Bodies are built before streaming starts, then sent again and again in turn.
 * Protocol (IPC): receives { url, token, tasks }, answers 'ready' once streaming, receives 'stop', answers
 * { sent, failed } when every writer has stopped.
 */
import { jsonLines, points } from './event-lines';
import { post } from './http';

const BODIES_PER_WRITER = 20;
const EVENTS_PER_BODY = 500;

interface Start {
  url: string;
  token: string;
  tasks: string[];
}

process.once('message', (start: Start) => {
  const add = `${start.url}/api/v2.23/events.add_batch`;
  const bodies = start.tasks.map((t) =>
    Array.from({ length: BODIES_PER_WRITER }, (_, b) => Buffer.from(jsonLines(points(t, b, EVENTS_PER_BODY)))),
  );
  let stop = false;
  let sent = 0;
  let failed = 0;
  process.on('message', (m) => {
    if (m === 'stop') stop = true;
  });
  const streams = bodies.map(async (own) => {
    for (let b = 0; !stop; b++) {
      const status = await post(add, start.token, own[b % own.length], 'application/json-lines');
      if (status === 200) sent++;
      else failed++;
    }
  });
  process.send!('ready');
  void Promise.all(streams).then(() => {
    process.send!({ sent, failed }, () => process.exit(0));
  });
});
