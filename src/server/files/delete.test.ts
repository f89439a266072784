import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { userClient } from '../testing/accounts';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv?.stop());

it("deletes a stored file on DELETE (as the SDK's task.delete() does), and answers 200 when it is already gone", async () => {
  const url = await srv.client.upload('proj/task.1/artifacts/a/blob.bin', new Uint8Array([1, 2, 3]));
  const auth = { Authorization: `Bearer ${srv.client.token}` };
  expect((await rawRequest(url, 'GET', auth)).status).toBe(200);
  const del = await rawRequest(url, 'DELETE', auth);
  expect([del.status, JSON.parse(del.body.toString())]).toEqual([200, { deleted: true }]);
  expect((await rawRequest(url, 'GET', auth)).status).toBe(404);
  const again = await rawRequest(url, 'DELETE', auth);
  expect([again.status, JSON.parse(again.body.toString())]).toEqual([200, { deleted: false }]);
});

it('refuses DELETE without credentials and never leaves the files store', async () => {
  const url = await srv.client.upload('keep/me.bin', new Uint8Array([9]));
  expect((await rawRequest(url, 'DELETE', {})).status).toBe(401);
  const outside = path.join(srv.dataDir, 'outside.txt');
  fs.writeFileSync(outside, 'x');
  const auth = { Authorization: `Bearer ${srv.client.token}` };
  await rawRequest(`${srv.url}/files/..%2Foutside.txt`, 'DELETE', auth);
  await rawRequest(`${srv.url}/files/%2E%2E/outside.txt`, 'DELETE', auth);
  expect(fs.existsSync(outside)).toBe(true);
  expect((await rawRequest(url, 'GET', auth)).status).toBe(200);
});

it('refuses DELETE and uploads from a viewer (403 naming the role), keeping the file', async () => {
  const url = await srv.client.upload('keep/viewer-cannot.bin', new Uint8Array([7]));
  const viewer = await userClient(srv, 'files-viewer', 'viewer');
  const auth = { Authorization: `Bearer ${viewer.client.token}` };
  const del = await rawRequest(url, 'DELETE', auth);
  expect(del.status).toBe(403);
  expect(JSON.parse(del.body.toString()).meta.result_msg).toMatch(/viewer role is read-only: files.delete/);
  const put = await rawRequest(
    `${srv.url}/files/keep/new.bin`,
    'PUT',
    { ...auth, 'Content-Type': 'application/octet-stream' },
    'x',
  );
  expect(put.status).toBe(403);
  expect((await rawRequest(url, 'GET', auth)).status).toBe(200);
  expect((await rawRequest(`${srv.url}/files/keep/new.bin`, 'GET', auth)).status).toBe(404);
});
