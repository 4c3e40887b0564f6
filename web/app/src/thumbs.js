// Thumbnails for the photos on screen. Freshly analysed photos come with a
// small JPEG the engine made from the pixels it had already decoded; photos
// answered from the scan cache do not, so those are made on demand — only
// when their card scrolls into view — by a small thumbnail-only scan of that
// one file in the same workers (works for every format the engine reads).
// All images are blob: URLs of data already in this tab. At most MAX_URLS
// of them are held (least recently shown go first, ~25 KB each), so a
// 10,000-photo roll does not keep 10,000 thumbnails alive; one that was let
// go is made again when its card comes back into view.

const LONG_SIDE = 384;
const MAX_URLS = 1000;
const BLANK = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

export class Thumbs {
  #urls = new Map();      // path -> blob: URL
  #waiting = new Map();   // path -> [img]
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
        this.#request(e.target.dataset.path);
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
    return this.#urls.size;
  }

  setBytes(path, bytes) {
    if (this.#touch(path)) return;
    const url = URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
    this.#urls.set(path, url);
    for (const img of this.#waiting.get(path) || []) img.src = url;
    this.#waiting.delete(path);
    // Oldest first: a Map iterates in insertion order and #touch re-inserts.
    for (const [old, oldUrl] of this.#urls) {
      if (this.#urls.size <= MAX_URLS) break;
      this.#urls.delete(old);
      URL.revokeObjectURL(oldUrl);
    }
  }

  url(path) {
    this.#touch(path);
    return this.#urls.get(path);
  }

  // Marks `path` as just used; whether it is held.
  #touch(path) {
    const url = this.#urls.get(path);
    if (url === undefined) return false;
    this.#urls.delete(path);
    this.#urls.set(path, url);
    return true;
  }

  // An <img> for `path`; filled now, or when it nears the viewport.
  img(path, className = 'thumb', alt = '') {
    const img = document.createElement('img');
    img.className = className;
    img.alt = alt;
    img.decoding = 'async';
    img.dataset.path = path;
    const url = this.url(path);
    if (url) {
      img.src = url;
    } else {
      img.src = BLANK;  // keeps the box's aspect ratio until the thumbnail comes
      if (!this.#waiting.has(path)) this.#waiting.set(path, []);
      this.#waiting.get(path).push(img);
      this.#observer.observe(img);
    }
    return img;
  }

  #request(path) {
    if (this.#urls.has(path) || !this.#files.has(path)) return;
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
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
    this.#waiting.clear();
    this.#queue.clear();
    this.#observer.disconnect();
  }
}
