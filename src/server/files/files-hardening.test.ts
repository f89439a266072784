/** The files store keeps nothing of a failed upload, never serves its temporary folder or a link out of its root. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/replay';
import { startTestServer, type TestServer } from '../testing/server';

let srv: TestServer;
let auth: Record<string, string>;
const B = 'xxBOUNDARYxx';
const head = (name: string) =>
  Buffer.from(
    `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="x"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
const tail = Buffer.from(`\r\n--${B}--\r\n`);

function upload(name: string, bytes: Buffer) {
  return rawRequest(
    `${srv.url}/files/`,
    'POST',
    { ...auth, 'Content-Type': `multipart/form-data; boundary=${B}` },
    Buffer.concat([head(name), bytes, tail]),
  );
}

async function until(what: string, check: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const incoming = () => path.join(srv.dataDir, 'files', '.incoming');
const incomingFiles = () => (fs.existsSync(incoming()) ? fs.readdirSync(incoming()) : []);

beforeAll(async () => {
  srv = await startTestServer();
  auth = { Authorization: `Bearer ${srv.client.token}` };
});
afterAll(() => srv?.stop());

describe('files store hardening', () => {
  it('leaves nothing behind when a large upload is interrupted mid-way', async () => {
    const total = 50 * 1024 * 1024;
    const req = http.request(`${srv.url}/files/`, {
      method: 'POST',
      headers: {
        ...auth,
        'Content-Type': `multipart/form-data; boundary=${B}`,
        'Content-Length': String(head('big/part.bin').length + total + tail.length),
      },
    });
    req.on('error', () => {});
    req.write(head('big/part.bin'));
    const chunk = Buffer.alloc(1024 * 1024, 7);
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => req.write(chunk, () => r()));
    await until(
      'the upload has a temporary part on disk',
      () => incomingFiles().length > 0 && fs.statSync(path.join(incoming(), incomingFiles()[0])).size > 0,
    );
    req.destroy();
    await until('the temporary part is removed', () => incomingFiles().length === 0);
    expect((await rawRequest(`${srv.url}/files/big/part.bin`, 'GET', auth)).status).toBe(404);
  });

  it('never serves the temporary folder', async () => {
    fs.mkdirSync(incoming(), { recursive: true });
    fs.writeFileSync(path.join(incoming(), 'leftover'), 'secret part');
    for (const p of ['.incoming/leftover', '%2Eincoming/leftover', 'x/../.incoming/leftover']) {
      const r = await rawRequest(`${srv.url}/files/${p}`, 'GET', auth);
      expect(r.status, p).not.toBe(200);
      expect(r.body.toString(), p).not.toContain('secret part');
    }
    expect((await upload('.incoming/planted', Buffer.from('x'))).status).toBe(400);
    fs.rmSync(path.join(incoming(), 'leftover'));
  });

  it('refuses a symlink that leads out of the files root (here: to the SQLite database)', async () => {
    const root = path.join(srv.dataDir, 'files');
    fs.mkdirSync(path.join(root, 'links'), { recursive: true });
    fs.symlinkSync(path.join(srv.dataDir, 'taskdeck.sqlite'), path.join(root, 'links', 'db.bin'));
    fs.symlinkSync(srv.dataDir, path.join(root, 'data-dir'));
    for (const p of ['links/db.bin', 'data-dir/taskdeck.sqlite']) {
      const r = await rawRequest(`${srv.url}/files/${p}`, 'GET', auth);
      expect(r.status, p).toBe(400);
      expect(r.body.toString(), p).not.toContain('SQLite format');
      expect(JSON.parse(r.body.toString()).meta.result_msg).toMatch(/links outside the files store/);
    }
    const w = await upload('data-dir/planted.txt', Buffer.from('x'));
    expect(w.status).toBe(400);
    expect(fs.existsSync(path.join(srv.dataDir, 'planted.txt'))).toBe(false);
    expect(incomingFiles()).toEqual([]);
  });

  it('serves a stored file as an inert download, whatever it holds', async () => {
    expect((await upload('p/page.html', Buffer.from('<script>alert(1)</script>'))).status).toBe(200);
    expect((await upload('p/pic.svg', Buffer.from('<svg onload="alert(1)"/>'))).status).toBe(200);
    for (const p of ['p/page.html', 'p/pic.svg']) {
      const r = await rawRequest(`${srv.url}/files/${p}`, 'GET', auth);
      expect(r.status).toBe(200);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['content-security-policy']).toMatch(/sandbox/);
      expect(r.headers['content-disposition']).toMatch(/^attachment/);
      expect(r.headers['content-type']).toBe('application/octet-stream');
    }
  });
});
