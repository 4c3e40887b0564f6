#!/usr/bin/env node
// Serves the mock privacy article as a third-party site would: its own
// origin, no COOP/COEP (so no cross-origin isolation: the demo runs on one
// worker), and a Content-Security-Policy that allows exactly what the embed
// needs from the Gemroll origin. Start the Gemroll server first
// (node web/app/server.mjs), then:
//
//   node examples/privacy-article/serve.mjs [--port 8090] [--host 127.0.0.1]
//        [--gemroll http://127.0.0.1:8080] [--unsafe-eval] [--isolate]
//
// --unsafe-eval adds 'unsafe-eval' to script-src, for an engine built without
// -sDYNAMIC_EXECUTION=0 (its Emscripten glue then calls `new Function`).
// --isolate sends COOP/COEP after all, to see the demo use several workers.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const HERE = new URL('./', import.meta.url);
const FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/article.css': ['article.css', 'text/css; charset=utf-8'],
};

// What a page that embeds <gemroll-demo> must allow, with G the Gemroll origin:
//   script-src  G (the module, the package, the engine's glue — also imported by
//               the workers) and 'wasm-unsafe-eval' (compiling the engine)
//   worker-src  blob: and G (the workers start from a same-origin blob: module
//               that imports the package's worker from G; a module worker's
//               static imports are checked against worker-src)
//   connect-src G (the .wasm file, the sample photos and their manifest)
//   img-src     blob: (thumbnails made in the tab)
// Styles need nothing: the widget uses constructable stylesheets in its shadow root.
export function articleCsp(gemroll, { unsafeEval = false } = {}) {
  const g = new URL(gemroll).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${g} 'wasm-unsafe-eval'${unsafeEval ? " 'unsafe-eval'" : ''}`,
    `worker-src 'self' blob: ${g}`,
    `connect-src 'self' ${g}`,
    "img-src 'self' blob: data:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function startArticleServer({ port = 8090, host = '127.0.0.1', gemroll = 'http://127.0.0.1:8080', unsafeEval = false, isolate = false } = {}) {
  const origin = new URL(gemroll).origin;
  const csp = articleCsp(origin, { unsafeEval });
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = FILES[path];
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(file ? 405 : 404, { 'Content-Type': 'text/plain' }).end(file ? 'method not allowed\n' : 'not found\n');
      return;
    }
    let body = readFileSync(new URL(file[0], HERE));
    if (file[0] === 'index.html') body = Buffer.from(body.toString('utf8').replaceAll('{{GEMROLL_ORIGIN}}', origin));
    res.writeHead(200, {
      'Content-Type': file[1],
      'Content-Length': body.length,
      'Content-Security-Policy': csp,
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cache-Control': 'no-cache',
      ...(isolate ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const gemroll = opt('--gemroll', process.env.GEMROLL_ORIGIN || 'http://127.0.0.1:8080');
  const host = opt('--host', '127.0.0.1');
  const server = await startArticleServer({
    port: Number(opt('--port', process.env.PORT || 8090)),
    host,
    gemroll,
    unsafeEval: args.includes('--unsafe-eval'),
    isolate: args.includes('--isolate'),
  });
  const { port } = server.address();
  console.log(`The article is at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/  (embedding ${gemroll}; Ctrl-C stops it)`);
}
