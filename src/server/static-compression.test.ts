/** The dashboard's files: precompressed twins by Accept-Encoding, and an ETag on index.html that revalidates. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawRequest } from './testing/replay';
import { createStaticHandler } from './static';

const JS = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;
let root: string;
let server: http.Server;
let url: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-static-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Taskdeck</title><div id="root"></div>');
  fs.writeFileSync(path.join(root, 'assets/app-1234.js'), JS);
  fs.writeFileSync(path.join(root, 'assets/app-1234.js.br'), zlib.brotliCompressSync(JS));
  fs.writeFileSync(path.join(root, 'assets/app-1234.js.gz'), zlib.gzipSync(JS));
  const serve = createStaticHandler(root);
  server = http.createServer((req, res) => serve(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(root, { recursive: true, force: true });
});

it('sends the brotli twin to a client that accepts brotli, gzip to one that accepts only gzip, and the file itself otherwise', async () => {
  const br = await rawRequest(`${url}/assets/app-1234.js`, 'GET', { 'Accept-Encoding': 'gzip, deflate, br' });
  expect(br.headers['content-encoding']).toBe('br');
  expect(zlib.brotliDecompressSync(br.body).toString()).toBe(JS);
  expect(br.headers['cache-control']).toContain('immutable');

  const gz = await rawRequest(`${url}/assets/app-1234.js`, 'GET', { 'Accept-Encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).toString()).toBe(JS);

  const plain = await rawRequest(`${url}/assets/app-1234.js`, 'GET', {});
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(JS);
});

it('gives index.html an ETag that a revalidation answers with 304, and serves it for client routes', async () => {
  const first = await rawRequest(`${url}/`, 'GET', {});
  const etag = first.headers.etag;
  expect(etag).toBeTruthy();
  expect(first.headers['cache-control']).toBe('no-cache');
  const again = await rawRequest(`${url}/`, 'GET', { 'If-None-Match': String(etag) });
  expect(again.status).toBe(304);
  const route = await rawRequest(`${url}/projects/abc/tasks`, 'GET', {});
  expect(route.status).toBe(200);
  expect(route.body.toString()).toContain('<div id="root">');
});
