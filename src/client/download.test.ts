import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from './index';

/** Two local origins that record the Authorization header of each request. */
const seen: { origin: string; url: string; auth?: string }[] = [];
const servers: http.Server[] = [];
const origins: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const s = http.createServer((req, res) => {
      seen.push({ origin: origins[i], url: req.url ?? '', auth: req.headers.authorization });
      res.end('ok');
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    servers.push(s);
    origins.push(`http://127.0.0.1:${(s.address() as AddressInfo).port}`);
  }
});
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

it('sends the token with a download only to its own server', async () => {
  const [own, other] = origins;
  const client = new ApiClient({ baseUrl: own, token: 'secret-token' });
  const otherPort = new URL(other).port;
  for (const url of [`${own}/files/a.bin`, '/files/b.bin', `${other}/files/c.bin`]) {
    expect(new TextDecoder().decode(await client.download(url))).toBe('ok');
  }
  // Our host as userinfo in front of another host: refused before anything is sent.
  await expect(client.download(`http://${new URL(own).host}@127.0.0.1:${otherPort}/files/d.bin`)).rejects.toThrow();
  expect(seen.map((s) => [s.origin, s.url, s.auth])).toEqual([
    [own, '/files/a.bin', 'Bearer secret-token'],
    [own, '/files/b.bin', 'Bearer secret-token'],
    [other, '/files/c.bin', undefined],
  ]);
});
