// Scan caches: finished records keyed by file identity, so a rescan of an
// unchanged folder analyses nothing. Identity is the relative path (the kind
// verdict reads the file name), size, mtime and a SHA-256 of the first and
// last 64 KiB, plus the engine version and the analysis options. Node keeps
// the records in a JSON file (ScanCache), browsers in IndexedDB
// (IdbScanCache); both have the same interface and the same key. A cache is
// a convenience: a missing, corrupt or unwritable store is ignored (and
// rebuilt), never an error.
import { xxh64Hex } from './decode.js';
import { isNode, nodeModule } from './platform.js';

const FORMAT = 'gemroll-scan-cache';
const VERSION = 1;
const EDGE_BYTES = 64 * 1024;
export const DEFAULT_DB_NAME = `gemroll-scan-cache-v${VERSION}`;
const DB_VERSION = 1;
const DB_STORE = 'records';
const DB_TIMEOUT_MS = 5000;  // a blocked open/delete (another tab holding the DB) gives up

// <os cache dir>/gemroll/scan-cache-v1.json
export async function defaultCachePath() {
  const os = await nodeModule('os');
  const path = await nodeModule('path');
  const env = process.env;
  let base;
  if (process.platform === 'win32') base = env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local');
  else if (process.platform === 'darwin') base = path.join(os.homedir(), 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'gemroll', `scan-cache-v${VERSION}.json`);
}

// The cache a scan uses for `option` (the scan's `cache` option: true or
// undefined for the default store, a string naming a file (node) or an
// IndexedDB database (browsers), false for none), or null where there is none.
export async function openScanCache(option, namespace) {
  if (option === false || option === null) return null;
  const name = typeof option === 'string' && option ? option : null;
  if (isNode) return ScanCache.open(name || (await defaultCachePath()), namespace);
  if (typeof indexedDB === 'object' && indexedDB) return IdbScanCache.open(name || DEFAULT_DB_NAME, namespace);
  return null;
}

// What a stored record must look like to be served; anything else (a
// damaged store, a record from an older package) is a miss and is replaced.
export function usableRecord(r) {
  if (!r || typeof r !== 'object' || Array.isArray(r) || typeof r.ok !== 'boolean') return false;
  if (r.ok) return typeof r.curation === 'string' && typeof r.format === 'string';
  return !!r.error && typeof r.error === 'object' && typeof r.error.code === 'string';
}

// The record as stored: no path (the key holds it), no thumbnail, no flag.
function storedForm(record) {
  const { path, thumbnail, cached, ...rest } = record;
  return rest;
}

function concatEdges(head, tail) {
  if (!tail) return head;
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

// {size, mtime, edges} of an item, or null when it has no stable identity
// (bytes handed in, a Blob that is not a File) or cannot be read.
async function fileIdentity(item) {
  if (item.file && isNode) {
    const fsp = await nodeModule('fs/promises');
    const { createHash } = await nodeModule('crypto');
    let fh;
    try {
      fh = await fsp.open(item.file, 'r');
      const st = await fh.stat();
      const hash = createHash('sha256');
      const head = Buffer.alloc(Math.min(EDGE_BYTES, st.size));
      await fh.read(head, 0, head.length, 0);
      hash.update(head);
      if (st.size > EDGE_BYTES) {
        const tailLength = Math.min(EDGE_BYTES, st.size - EDGE_BYTES);
        const tail = Buffer.alloc(tailLength);
        await fh.read(tail, 0, tailLength, st.size - tailLength);
        hash.update(tail);
      }
      return { size: st.size, mtime: st.mtimeMs, edges: hash.digest('hex') };
    } catch {
      return null;
    } finally {
      if (fh) await fh.close().catch(() => {});
    }
  }
  try {
    const file = item.blob || (item.getFile ? await item.getFile() : null);
    if (!file || typeof file.lastModified !== 'number') return null;
    const size = file.size;
    const head = new Uint8Array(await file.slice(0, Math.min(EDGE_BYTES, size)).arrayBuffer());
    const tail = size > EDGE_BYTES
      ? new Uint8Array(await file.slice(size - Math.min(EDGE_BYTES, size - EDGE_BYTES), size).arrayBuffer())
      : null;
    const edges = concatEdges(head, tail);
    // crypto.subtle exists only in secure contexts (https, localhost); the
    // fallback hash is tagged so the two never mix.
    const subtle = globalThis.crypto && globalThis.crypto.subtle;
    const digest = subtle ? hex(await subtle.digest('SHA-256', edges)) : `xxh64:${xxh64Hex(edges)}`;
    return { size, mtime: file.lastModified, edges: digest };
  } catch {
    return null;
  }
}

async function identityKey(namespace, item) {
  const id = await fileIdentity(item);
  return id ? JSON.stringify([namespace, item.path, id.size, id.mtime, id.edges]) : null;
}

// Node: one JSON file, read whole at open and written whole at save.
export class ScanCache {
  constructor(file, namespace) {
    this.file = file;
    this.namespace = namespace;  // engine version + options: other values never match
    this.entries = new Map();
    this.dirty = false;
  }

  // A cache whose file is absent, unreadable or malformed starts empty.
  static async open(file, namespace) {
    const cache = new ScanCache(file, namespace);
    const fsp = await nodeModule('fs/promises');
    try {
      const data = JSON.parse(await fsp.readFile(file, 'utf8'));
      if (data && data.format === FORMAT && data.version === VERSION && data.entries &&
          typeof data.entries === 'object' && !Array.isArray(data.entries)) {
        for (const [key, record] of Object.entries(data.entries)) {
          if (usableRecord(record)) cache.entries.set(key, record);
        }
      }
    } catch {
      // absent or corrupt: rebuilt on save
    }
    return cache;
  }

  // The key of an item, or null when it cannot be cached.
  key(item) {
    return identityKey(this.namespace, item);
  }

  async get(key) {
    return key === null ? undefined : this.entries.get(key);
  }

  set(key, record) {
    if (key === null) return;
    this.entries.set(key, storedForm(record));
    this.dirty = true;
  }

  // Written to a temporary file and renamed, so a crash mid-write never
  // leaves a half file; failures are ignored (the next scan analyses again).
  async save() {
    if (!this.dirty) return;
    const fsp = await nodeModule('fs/promises');
    const path = await nodeModule('path');
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      const data = { format: FORMAT, version: VERSION, entries: Object.fromEntries(this.entries) };
      await fsp.writeFile(tmp, JSON.stringify(data));
      await fsp.rename(tmp, this.file);
      this.dirty = false;
    } catch {
      await fsp.rm(tmp, { force: true }).catch(() => {});
    }
  }

  async close() {}
}

// An IDBRequest as a promise; rejects after DB_TIMEOUT_MS when blocked.
function settle(request, { onUpgrade } = {}) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB request blocked')), DB_TIMEOUT_MS);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve(request.result);
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error || new Error('IndexedDB request failed'));
    };
    if (onUpgrade) request.onupgradeneeded = () => onUpgrade(request.result);
  });
}

// Resolves with the database when it has the expected shape, null otherwise.
async function openDatabase(name) {
  let db;
  try {
    db = await settle(indexedDB.open(name, DB_VERSION), {
      onUpgrade: (d) => {
        if (!d.objectStoreNames.contains(DB_STORE)) d.createObjectStore(DB_STORE);
      },
    });
  } catch {
    return null;  // VersionError (a newer or foreign database of that name), blocked, disabled
  }
  if (!db.objectStoreNames.contains(DB_STORE)) {
    db.close();
    return null;
  }
  // Let another tab (or a newer package) upgrade or delete the database.
  db.onversionchange = () => db.close();
  return db;
}

// A transaction's completion as a promise.
function completion(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
  });
}

// Browsers: one IndexedDB object store, key → stored record. Reads are one
// get per file; writes are batched into one transaction at save().
export class IdbScanCache {
  constructor(db, name, namespace) {
    this.db = db;
    this.name = name;
    this.namespace = namespace;
    this.pending = new Map();
  }

  // A database that cannot be opened as a scan cache (a different schema or
  // version, damage) is deleted and made anew; where IndexedDB refuses
  // entirely the cache works as one that never hits.
  static async open(name, namespace) {
    let db = await openDatabase(name);
    if (!db) {
      try {
        await settle(indexedDB.deleteDatabase(name));
        db = await openDatabase(name);
      } catch {
        db = null;
      }
    }
    return new IdbScanCache(db, name, namespace);
  }

  key(item) {
    return identityKey(this.namespace, item);
  }

  async get(key) {
    if (key === null || !this.db) return undefined;
    try {
      const request = this.db.transaction(DB_STORE, 'readonly').objectStore(DB_STORE).get(key);
      const record = await settle(request);
      return usableRecord(record) ? record : undefined;
    } catch {
      return undefined;  // the connection closed (versionchange), a damaged value, ...
    }
  }

  set(key, record) {
    if (key === null) return;
    this.pending.set(key, storedForm(record));
  }

  async save() {
    if (!this.db || this.pending.size === 0) return;
    try {
      const tx = this.db.transaction(DB_STORE, 'readwrite');
      const store = tx.objectStore(DB_STORE);
      for (const [key, record] of this.pending) store.put(record, key);
      await completion(tx);
      this.pending.clear();
    } catch {
      // full disk, quota, closed connection: the next scan analyses again
    }
  }

  async close() {
    if (this.db) this.db.close();
    this.db = null;
  }
}
