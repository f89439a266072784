import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>Taskdeck</title>
<body style="font-family:sans-serif;padding:2rem"><h1>Taskdeck</h1>
<p>The dashboard has not been built. Run <code>npm run build</code> (or <code>npm start</code>).</p></body>`;

export type StaticHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Serves the built dashboard with sirv: the files are listed once at start (no file-system call
 * per request); unknown paths get index.html so the client router can take them; the hashed
 * files under assets/ are cached for good, everything else is revalidated; precompressed twins
 * are sent to clients that accept them.
 */
export function createStaticHandler(root: string): StaticHandler {
  const serve = fs.existsSync(path.join(root, 'index.html'))
    ? sirv(root, {
        single: true,
        dev: false,
        etag: true,
        // The build writes .br and .gz twins of each asset: sent as the client's Accept-Encoding allows.
        brotli: true,
        gzip: true,
        setHeaders(res, pathname) {
          res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      })
    : null;
  return (req, res) => {
    if (serve) return serve(req, res, () => placeholder(res));
    placeholder(res);
  };
}

function placeholder(res: http.ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(PLACEHOLDER);
}
