#!/usr/bin/env node
// A small static server for the Gemroll web app (web/app/dist by default).
// Every response carries the Content-Security-Policy that forbids sending
// anything anywhere but this origin, and the COOP/COEP pair that makes the
// page cross-origin isolated. The embed (/embed/) and the package it loads
// (/vendor/) may also be loaded by other sites' pages, so they get CORS and
// a cross-origin resource policy (so do the sample photos the embed offers);
// they still only talk to this origin.
//
//   node web/app/server.mjs [--root DIR] [--port N] [--host H]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.gz': 'application/gzip',
};

// Headers for one path. `isolate: false` leaves COOP/COEP off (tests use it
// to show the app still works, on one worker, without them).
export function headersFor(path, { isolate = true } = {}) {
  const h = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'Cache-Control': 'no-cache',
  };
  if (isolate) {
    h['Cross-Origin-Opener-Policy'] = 'same-origin';
    h['Cross-Origin-Embedder-Policy'] = 'require-corp';
  }
  if (path.startsWith('/embed/') || path.startsWith('/vendor/') || path.startsWith('/samples/')) {
    h['Access-Control-Allow-Origin'] = '*';
    h['Cross-Origin-Resource-Policy'] = 'cross-origin';
    h['Timing-Allow-Origin'] = '*';  // lets the embed's network line show sizes
  } else {
    h['Cross-Origin-Resource-Policy'] = 'same-origin';
  }
  return h;
}

export function startServer({ root, port = 0, host = '127.0.0.1', isolate = true } = {}) {
  const base = resolve(root).replace(/[/\\]+$/, '');
  const server = createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // Nothing here accepts data: there is nowhere to upload to.
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    let rel;
    try {
      rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = join(base, rel);
    let ok = !rel.startsWith('..') && (file + sep).startsWith(base + sep);
    try {
      if (ok && statSync(file).isDirectory()) file = join(file, 'index.html');
      ok = ok && statSync(file).isFile();
    } catch {
      ok = false;
    }
    const headers = headersFor(url.pathname, { isolate });
    if (!ok) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    if (url.pathname.endsWith('/sw.js')) headers['Service-Worker-Allowed'] = '/';
    // Revalidation (no-cache) answers 304 for what the browser already has.
    const st = statSync(file);
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    headers.ETag = etag;
    headers['Last-Modified'] = st.mtime.toUTCString();
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] || 'application/octet-stream',
                         'Content-Length': st.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolveP, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveP(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const root = opt('--root', fileURLToPath(new URL('./dist/', import.meta.url)));
  const port = Number(opt('--port', process.env.PORT || 8080));
  const host = opt('--host', '127.0.0.1');
  const server = await startServer({ root, port, host });
  const { port: actual } = server.address();
  console.log(`Gemroll is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}/  (serving ${root}; Ctrl-C stops it)`);
}
