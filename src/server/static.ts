import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>Taskdeck</title>
<body style="font-family:sans-serif;padding:2rem"><h1>Taskdeck</h1>
<p>The dashboard has not been built. Run <code>npm run build</code> (or <code>npm start</code>).</p></body>`;

/** Serves the built dashboard; unknown paths get index.html so the client router can take them. */
export function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, root: string, urlPath: string): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    rel = '/';
  }
  const full = path.resolve(root, '.' + path.posix.normalize(rel));
  const inside = full.startsWith(path.resolve(root) + path.sep);
  const file = inside && fs.existsSync(full) && fs.statSync(full).isFile() ? full : path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(PLACEHOLDER);
    return;
  }
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': fs.statSync(file).size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}
