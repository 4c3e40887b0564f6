// Turns whatever the caller has into a flat list of {path, size, read(),
// readHead(n)} items, read() giving a fresh ArrayBuffer the package may
// transfer, readHead(n) {buffer, size}: the first n bytes and the whole
// file's size (preview scans read no more of a JPEG). Paths
// follow the CLI: files under a directory are relative to it, '/'-separated,
// in sorted order. Items that have a file identity for the scan cache also
// carry `file` (a node path), `blob` (a File) or `getFile()` (a handle).
import { GemrollError } from './errors.js';
import { isNode, nodeModule } from './platform.js';

// A file the package could not read (or refused by size) before any engine
// saw it: reported per file, the rest of the folder goes on.
class InputError extends GemrollError {}

// Copies, so a caller's buffer is never detached by a transfer.
function ownBuffer(view) {
  const out = new Uint8Array(view.byteLength);
  out.set(view);
  return out.buffer;
}

function bytesItem(path, data) {
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (ArrayBuffer.isView(data)) {
    const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { path, size: view.byteLength, read: async () => ownBuffer(view),
             readHead: async (n) => ({ buffer: ownBuffer(view.subarray(0, n)), size: view.byteLength }) };
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    const item = { path, size: data.size, read: () => data.arrayBuffer(), readHead: blobHead(data) };
    // A File has a modification time, so a scan cache can know it again.
    if (typeof data.lastModified === 'number') item.blob = data;
    return item;
  }
  throw new TypeError(`gemroll: unsupported input for ${path}`);
}

// A preview scan's bytes: the file's first `prefix` bytes, or the whole of
// an ISO-BMFF file (HEIC: the thumbnail item may sit anywhere in it). A
// JPEG's EXIF block and frame header come first: within 16 KiB in 402 of
// the 460 JPEGs of ../shared/data and the bench set, 64 KiB in all but two
// (maker notes, ICC profiles), so PREVIEW_PREFIXES are tried in turn while
// the core says `truncated`. Other formats carry no preview the core reads;
// their head is enough to say so. Chromium reads a File through its own
// process at ~1 ms per 16 KiB here, so the bytes not read are the first
// look's speed.
export const PREVIEW_PREFIXES = [16 * 1024, 64 * 1024, 256 * 1024];
export async function readPreviewBytes(item, maxBytes, prefix) {
  const head = await item.readHead(prefix);
  const b = new Uint8Array(head.buffer, 0, Math.min(8, head.buffer.byteLength));
  const isoBmff = b.length === 8 && String.fromCharCode(b[4], b[5], b[6], b[7]) === 'ftyp';
  if (!isoBmff || head.size <= head.buffer.byteLength) return { bytes: head.buffer, fileSize: head.size };
  return { bytes: await item.read(maxBytes), fileSize: head.size };
}

// readHead(n) for a Blob (or a File a handle gives): its first n bytes and
// its whole size, without reading the rest.
function blobHead(blob) {
  return async (n) => ({ buffer: await blob.slice(0, n).arrayBuffer(), size: blob.size });
}

function isAsyncIterable(x) {
  return x != null && typeof x[Symbol.asyncIterator] === 'function';
}
function isIterable(x) {
  return x != null && typeof x !== 'string' && typeof x[Symbol.iterator] === 'function' &&
    !ArrayBuffer.isView(x);
}

async function* nodePath(path, display) {
  const fsp = await nodeModule('fs/promises');
  const nodePathModule = await nodeModule('path');
  let st;
  try {
    st = await fsp.stat(path);
  } catch (e) {
    yield failedItem(display, 'io', `cannot read file: ${e.code || e.message}`);
    return;
  }
  if (!st.isDirectory()) {
    yield fileItem(fsp, path, display, st.size);
    return;
  }
  // Collected then sorted by relative path, as the CLI does.
  const found = [];
  const walk = async (dir, rel) => {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;  // unreadable folders are skipped, like the CLI's skip_permission_denied
    }
    for (const e of entries) {
      const full = nodePathModule.join(dir, e.name);
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let size;
      if (e.isSymbolicLink()) {
        // Linked files count, linked folders are not followed (no loops),
        // as in the CLI's recursive_directory_iterator.
        try {
          const target = await fsp.stat(full);
          isFile = target.isFile();
          size = target.size;
        } catch {
          continue;
        }
      }
      if (isDir) await walk(full, relPath);
      else if (isFile) found.push(fileItem(fsp, full, relPath, size));
    }
  };
  await walk(path, '');
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  yield* found;
}

function fileItem(fsp, file, display, size) {
  return {
    path: display,
    size,
    file,
    async read(maxBytes = Infinity) {
      try {
        const { size: bytes } = await fsp.stat(file);
        if (bytes > maxBytes) {
          throw new InputError('too_large', `file is ${Math.floor(bytes / 1048576)} MiB, over the limit`);
        }
        const buf = await fsp.readFile(file);
        // readFile gives a Buffer with its own ArrayBuffer; transfer that.
        return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? buf.buffer : ownBuffer(buf);
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError('io', `cannot read file: ${e.code || e.message}`);
      }
    },
    async readHead(n) {
      let handle;
      try {
        handle = await fsp.open(file, 'r');
        const { size: bytes } = await handle.stat();
        const buffer = new Uint8Array(Math.min(n, bytes));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return { buffer: bytesRead === buffer.length ? buffer.buffer : ownBuffer(buffer.subarray(0, bytesRead)), size: bytes };
      } catch (e) {
        throw new InputError('io', `cannot read file: ${e.code || e.message}`);
      } finally {
        if (handle) await handle.close();
      }
    },
  };
}

function failedItem(path, code, message) {
  const fail = async () => { throw new InputError(code, message); };
  return { path, size: 0, read: fail, readHead: fail };
}

function handleItem(path, handle) {
  const getFile = () => handle.getFile();
  return { path, size: undefined, getFile, read: async () => (await getFile()).arrayBuffer(),
           readHead: async (n) => blobHead(await getFile())(n) };
}

async function* browserDirectory(handle, rel) {
  const entries = [];
  for await (const entry of handle.values()) entries.push(entry);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.kind === 'directory') yield* browserDirectory(entry, relPath);
    else yield handleItem(relPath, entry);
  }
}

// Yields items; `counter` numbers unnamed buffers ("#1", "#2", ...).
export async function* listInputs(input, counter = { n: 0 }) {
  if (typeof input === 'string' || input instanceof URL) {
    if (!isNode) throw new TypeError('gemroll: paths are only supported in node');
    let path = input;
    if (input instanceof URL || /^file:/i.test(input)) {
      const { fileURLToPath } = await nodeModule('url');
      path = fileURLToPath(input);
    }
    yield* nodePath(path, String(path).replace(/\\/g, '/'));
  } else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    yield bytesItem(`#${++counter.n}`, input);
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const name = typeof input.name === 'string' && input.name
      ? input.webkitRelativePath || input.name
      : `#${++counter.n}`;
    yield bytesItem(name, input);
  } else if (input && typeof input === 'object' && input.kind === 'directory' && typeof input.values === 'function') {
    yield* browserDirectory(input, '');
  } else if (input && typeof input === 'object' && input.kind === 'file' && typeof input.getFile === 'function') {
    yield handleItem(input.name, input);
  } else if (input && typeof input === 'object' && 'data' in input && typeof input.name === 'string') {
    yield bytesItem(input.name, input.data);
  } else if (isAsyncIterable(input) || isIterable(input)) {
    for await (const x of input) yield* listInputs(x, counter);
  } else {
    throw new TypeError(`gemroll: cannot scan ${Object.prototype.toString.call(input)}`);
  }
}

export { InputError };
