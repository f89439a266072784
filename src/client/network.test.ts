import net from 'node:net';
import { expect, it } from 'vitest';
import { ApiClient, NetworkError } from './index';

it('says which server could not be reached, and why', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const client = new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, token: 't' });
  const err = await client.call('tasks.get_all').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(NetworkError);
  expect((err as Error).message).toMatch(
    new RegExp(`^Cannot reach the Taskdeck server at http://127\\.0\\.0\\.1:${port} \\(tasks\\.get_all\\): .*ECONNREFUSED`),
  );
});
