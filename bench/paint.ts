/**
 * First paint on the wire (issue 13): the bytes of index.html and of every script and style sheet the browser
 * loads from opening the dashboard (its sign-in page) to the projects page drawn after signing in, each asked
 * for again with `Accept-Encoding: br` as a browser over https does (target <= 300 KB). Reference: the same
 * files uncompressed, in the same run.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openBrowser } from '../e2e/support/browser';
import { startServerProcess } from './server-process';
import { signIn } from './sign-in';

/** Bytes of the body as sent (no decoding) and its coding. */
function onTheWire(url: string, encoding: string): Promise<{ bytes: number; coding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => (bytes += d.length));
        res.on('end', () => resolve({ bytes, coding: String(res.headers['content-encoding'] ?? 'identity') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

export async function benchFirstPaint(): Promise<Record<string, number | string>> {
  if (!fs.existsSync(path.resolve(import.meta.dirname, '../dist/index.html')))
    throw new Error('Build the dashboard first (npm run build)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-bench-paint-'));
  const srv = await startServerProcess(dir, 19500 + Math.floor(Math.random() * 400));
  const b = await openBrowser();
  const out: Record<string, number | string> = {};
  try {
    const urls = new Set<string>();
    b.page.on('request', (r) => {
      const same = r.url().startsWith(srv.url);
      if (same && ['document', 'script', 'stylesheet'].includes(r.resourceType())) urls.add(r.url().split('#')[0]);
    });
    await signIn(b.page, srv.url);
    await b.page.waitForLoadState('networkidle');
    let br = 0;
    let raw = 0;
    const files: { url: string; bytes: number }[] = [];
    for (const url of urls) {
      const c = await onTheWire(url, 'br');
      if (c.coding !== 'br' && c.bytes > 1024) throw new Error(`${url} was not sent brotli-compressed (${c.coding})`);
      br += c.bytes;
      raw += (await onTheWire(url, 'identity')).bytes;
      files.push({ url: new URL(url).pathname, bytes: c.bytes });
    }
    files.sort((a, b) => b.bytes - a.bytes);
    out['first paint files (index.html, scripts, styles)'] = files.length;
    out['first paint KB on the wire with brotli (target <= 300)'] = Math.round(br / 1024);
    out['first paint KB uncompressed (reference, same files)'] = Math.round(raw / 1024);
    out['largest three (KB, brotli)'] = files
      .slice(0, 3)
      .map((f) => `${f.url} ${Math.round(f.bytes / 1024)}`)
      .join(', ');
  } finally {
    await b.close();
    await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
