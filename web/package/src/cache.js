// Scan cache (node only): finished records keyed by file identity, so a
// rescan of an unchanged folder analyses nothing. Identity is the relative
// path (the kind verdict reads the file name), size, mtime and a SHA-256 of
// the first and last 64 KiB, plus the engine version and the analysis
// options. The cache is a convenience: a missing, corrupt or unwritable file
// is ignored (and rebuilt), never an error.
import { nodeModule } from './platform.js';

const FORMAT = 'gemroll-scan-cache';
const VERSION = 1;
const EDGE_BYTES = 64 * 1024;

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
          if (record && typeof record === 'object' && typeof record.ok === 'boolean') cache.entries.set(key, record);
        }
      }
    } catch {
      // absent or corrupt: rebuilt on save
    }
    return cache;
  }

  // The key of a file on disk, or null when it cannot be read.
  async key(item) {
    if (!item.file) return null;
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
      return JSON.stringify([this.namespace, item.path, st.size, st.mtimeMs, hash.digest('hex')]);
    } catch {
      return null;
    } finally {
      if (fh) await fh.close().catch(() => {});
    }
  }

  get(key) {
    return key === null ? undefined : this.entries.get(key);
  }

  set(key, record) {
    if (key === null) return;
    const { path, thumbnail, cached, ...rest } = record;
    this.entries.set(key, rest);
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
}
