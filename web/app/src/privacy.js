// The privacy panel's evidence: every request this page made, from the
// browser's Resource Timing records (PerformanceObserver), plus the log the
// service worker keeps of the requests of the page and of its workers
// (Resource Timing does not see inside workers). Anything that is not this
// origin is flagged.

export class RequestLog {
  #entries = new Map();  // url -> {url, origin, sameOrigin, type, bytes, method?, count}
  #listeners = new Set();

  constructor() {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav) this.#add(nav.name, 'navigation', nav.transferSize);
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.#add(e.name, e.initiatorType, e.transferSize);
      this.#changed();
    });
    po.observe({ type: 'resource', buffered: true });
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.addEventListener('message', (ev) => {
        if (!ev.data || ev.data.type !== 'request-log') return;
        for (const e of ev.data.entries) this.#add(e.url, e.destination || 'fetch', undefined, e.method);
        this.#changed();
      });
    }
  }

  #add(url, type, bytes, method) {
    let u;
    try {
      u = new URL(url);
    } catch {
      return;
    }
    if (u.protocol === 'blob:' || u.protocol === 'data:') return;  // in-tab data, not a request
    const key = u.href;
    const prev = this.#entries.get(key);
    if (prev) {
      if (method) prev.method = prev.method && prev.method !== method ? `${prev.method}, ${method}` : method;
      if (bytes !== undefined && !prev.bytes) prev.bytes = bytes;
      return;
    }
    this.#entries.set(key, {
      url: key, origin: u.origin, sameOrigin: u.origin === location.origin, type: type || 'other',
      bytes, method,
    });
  }

  #changed() {
    for (const f of this.#listeners) f();
  }

  onChange(f) {
    this.#listeners.add(f);
  }

  // Asks the service worker for its log (it answers by message).
  refresh() {
    const sw = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (sw) sw.postMessage({ type: 'request-log' });
  }

  get entries() {
    return [...this.#entries.values()];
  }

  summary() {
    const all = this.entries;
    const foreign = all.filter((e) => !e.sameOrigin);
    const sending = all.filter((e) => e.method && e.method.split(', ').some((m) => m !== 'GET' && m !== 'HEAD'));
    return { total: all.length, foreign: foreign.length, sending: sending.length, origin: location.origin };
  }
}
