// Gemroll's service worker: makes the app work offline after the first visit
// (the app, the wasm engine and the package are precached at install;
// onnxruntime-web is cached when first used, the models by the package) and
// keeps a log of every request the page and its workers make, which the
// privacy panel shows next to the Resource Timing entries. It never fetches
// anything the page did not ask for and never sends anything anywhere.
const VERSION = '__VERSION__';
const CACHE = `gemroll-${VERSION}`;
const PRECACHE = [/* __PRECACHE__ */];
const MODEL_CACHE = 'gemroll-models';
const LOG_LIMIT = 2000;
const log = [];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(PRECACHE);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // gemroll-models is the package's own model cache (keyed by sha256).
    for (const key of await caches.keys()) {
      if (key.startsWith('gemroll-') && key !== CACHE && key !== MODEL_CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'request-log') {
    event.source.postMessage({ type: 'request-log', version: VERSION, entries: log.slice() });
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  const sameOrigin = url.origin === self.location.origin;
  if (log.length < LOG_LIMIT) {
    log.push({ url: req.url, method: req.method, destination: req.destination, sameOrigin, time: Date.now() });
  }
  if (req.method !== 'GET' || !sameOrigin) return;  // the CSP refuses these anyway
  if (url.pathname.includes('/samples/')) return;   // sample photos: network only
  // Model files: the package's workers keep them in Cache Storage themselves.
  if (url.pathname.includes('/vendor/gemroll/models/')) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // onnxruntime-web is not precached (41 MB): kept here once first used.
    if (url.pathname.includes('/vendor/onnxruntime-web/')) {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      const response = await fetch(req);
      if (response.ok) await cache.put(req, response.clone());
      return response;
    }
    const hit = await cache.match(req, { ignoreSearch: true }) ||
      (req.mode === 'navigate' ? await cache.match('./') : undefined);
    if (hit) return hit;
    return fetch(req);
  })());
});
