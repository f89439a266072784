import http from 'node:http';

/**
 * POSTs a body with a bearer token and resolves with the status once the answer is fully read. Event
 * batches go as bytes encoded beforehand, as a client that has them ready sends them: a 2 MB string
 * is encoded on every send, which costs this process more than the transfer itself.
 */
export function post(url: string, token: string, body: string | Buffer, contentType = 'application/json'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

/**
 * The `b`th add_batch body of 10,000 scalar events for `task`, one JSON event a line: 1,000 iterations
 * of 5 metrics × 10 variants (iterations numbered on from batch to batch), the i-th event's value
 * `value(i)`, then the fields of `extra`.
 */
export function scalarBatchBody(task: string, b: number, value: (i: number) => number, extra: object = {}): string {
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const iter = b * 1000 + Math.floor(i / 10);
    lines.push(
      JSON.stringify({
        timestamp: 1.7e12 + iter,
        type: 'training_stats_scalar',
        task,
        iter,
        metric: `m${i % 5}`,
        variant: `v${i % 10}`,
        value: value(i),
        ...extra,
      }),
    );
  }
  return lines.join('\n');
}
