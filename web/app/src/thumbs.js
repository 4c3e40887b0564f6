// Thumbnails for the photos on screen. Freshly analysed photos come with a
// small JPEG the engine made from the pixels it had already decoded; photos
// answered from the scan cache do not, so those are made on demand — only
// when their card scrolls into view — by a small thumbnail-only scan of that
// one file in the same workers (works for every format the engine reads).
// The bytes are kept; a blob: URL is made only when a card shows one (a Blob
// and its URL cost the page thread ~2 ms each in Chromium, a roll's worth of
// them seconds). At most MAX_URLS thumbnails are held (least recently shown
// go first, ~10-25 KB each, their URLs revoked), so a 10,000-photo roll does
// not keep 10,000 alive; one that was let go is made again when its card
// comes back into view.

const LONG_SIDE = 384;
const MAX_URLS = 1000;
const BLANK = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export class Thumbs {
  #held = new Map();      // path -> {bytes, url: blob: URL or null until shown}
  #waiting = new Map();   // path -> [img] not filled yet
  #wanted = new Set();    // paths whose cards came into view before their thumbnail
  #queue = new Set();
  #running = false;
  #files;
  #gemroll;
  #observer;

  constructor(gemroll, files) {
    this.#gemroll = gemroll;
    this.#files = files;  // Map path -> File
    this.#observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        this.#observer.unobserve(e.target);
        this.#show(e.target.dataset.path);
      }
    }, { rootMargin: '400px' });
  }

  static get longSide() {
    return LONG_SIDE;
  }

  static get maxUrls() {
    return MAX_URLS;
  }

  // How many thumbnails are held now (for tests and the memory figures).
  get size() {
    return this.#held.size;
  }

  // `replace`: a better thumbnail for one already held (the full scan's,
  // after a first look's made from the file's small preview).
  setBytes(path, bytes, { replace = false } = {}) {
    const old = this.#held.get(path);
    if (old) {
      this.#touch(path);
      if (!replace) return;
      if (old.url) URL.revokeObjectURL(old.url);
    }
    this.#held.set(path, { bytes, url: null });
    // Cards already in view that waited for it; the others get it when they come into view.
    if (this.#wanted.has(path)) this.#show(path);
    // Oldest first: a Map iterates in insertion order and #touch re-inserts.
    for (const [oldPath, entry] of this.#held) {
      if (this.#held.size <= MAX_URLS) break;
      this.#held.delete(oldPath);
      if (entry.url) URL.revokeObjectURL(entry.url);
    }
  }

  url(path) {
    const entry = this.#touch(path);
    if (!entry) return undefined;
    if (!entry.url) entry.url = URL.createObjectURL(new Blob([entry.bytes], { type: 'image/jpeg' }));
    return entry.url;
  }

  // Marks `path` as just used; its entry, if held.
  #touch(path) {
    const entry = this.#held.get(path);
    if (entry === undefined) return undefined;
    this.#held.delete(path);
    this.#held.set(path, entry);
    return entry;
  }

  // An <img> for `path`: filled now if its URL exists, else when it nears
  // the viewport (a list of 1,000 duplicates makes no 1,000 URLs).
  img(path, className = 'thumb', alt = '') {
    const img = document.createElement('img');
    img.className = className;
    img.alt = alt;
    img.decoding = 'async';
    img.dataset.path = path;
    const entry = this.#touch(path);
    if (entry && entry.url) {
      img.src = entry.url;
    } else {
      img.src = BLANK;  // keeps the box's aspect ratio until the thumbnail comes
      if (!this.#waiting.has(path)) this.#waiting.set(path, []);
      this.#waiting.get(path).push(img);
      this.#observer.observe(img);
    }
    return img;
  }

  // After a re-render: the cards of earlier renders are gone from the page,
  // so their images stop waiting (and being observed).
  prune() {
    for (const [path, imgs] of this.#waiting) {
      const live = imgs.filter((img) => {
        if (!img.isConnected) this.#observer.unobserve(img);
        return img.isConnected;
      });
      if (live.length) this.#waiting.set(path, live);
      else this.#waiting.delete(path);
    }
  }

  // A card for `path` came into view: its thumbnail now, or made on demand.
  #show(path) {
    const url = this.url(path);
    if (!url) {
      this.#wanted.add(path);
      this.#request(path);
      return;
    }
    this.#wanted.delete(path);
    for (const img of this.#waiting.get(path) || []) img.src = url;
    this.#waiting.delete(path);
  }

  #request(path) {
    if (this.#held.has(path) || !this.#files.has(path)) return;
    this.#queue.add(path);
    if (!this.#running) this.#drain();
  }

  async #drain() {
    this.#running = true;
    try {
      while (this.#queue.size) {
        const batch = [...this.#queue].slice(0, 8);
        for (const p of batch) this.#queue.delete(p);
        const input = batch.map((path) => ({ name: path, data: this.#files.get(path) }));
        try {
          for await (const r of this.#gemroll.scan(input, { thumbnailLongSide: LONG_SIDE, cache: false })) {
            if (r.thumbnail) this.setBytes(r.path, r.thumbnail);
          }
        } catch {
          // A thumbnail is a nicety: leave the placeholder.
        }
      }
    } finally {
      this.#running = false;
    }
  }

  clear() {
    for (const { url } of this.#held.values()) if (url) URL.revokeObjectURL(url);
    this.#held.clear();
    this.#waiting.clear();
    this.#wanted.clear();
    this.#queue.clear();
    this.#observer.disconnect();
  }
}
