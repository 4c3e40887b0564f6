// What the user picked, as [{path, file}] with '/'-separated paths relative
// to the picked folder, sorted. Hidden files (".DS_Store", "._IMG_1.JPG")
// and OS thumbnail caches are skipped and counted, not analysed.

const SKIP = /^(\.|Thumbs\.db$|desktop\.ini$)/i;

function finish(entries) {
  const kept = [];
  let skipped = 0;
  for (const e of entries) {
    if (e.path.split('/').some((part) => SKIP.test(part))) skipped++;
    else kept.push(e);
  }
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries: kept, skipped };
}

// showDirectoryPicker() result.
export async function fromDirectoryHandle(handle) {
  const found = [];
  const walk = async (dir, rel) => {
    for await (const entry of dir.values()) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.kind === 'directory') await walk(entry, path);
      else found.push({ path, file: await entry.getFile() });
    }
  };
  await walk(handle, '');
  return { name: handle.name, ...finish(found) };
}

// <input webkitdirectory> or <input multiple>: paths lose the picked
// folder's own name, as when walking a handle.
export function fromFileList(list) {
  const files = [...list];
  const rel = (f) => f.webkitRelativePath || f.name;
  const first = files.length ? rel(files[0]).split('/')[0] : '';
  const shared = files.length && files.every((f) => rel(f).includes('/') && rel(f).split('/')[0] === first);
  const entries = files.map((file) => ({ path: shared ? rel(file).slice(first.length + 1) : rel(file), file }));
  return { name: shared ? first : (files.length === 1 ? files[0].name : `${files.length} files`), ...finish(entries) };
}

// A drop: folders (through the entries API) and loose files.
export async function fromDataTransfer(dt) {
  const roots = [];
  for (const item of dt.items || []) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
    if (entry) roots.push(entry);
    else {
      const f = item.getAsFile();
      if (f) roots.push(f);
    }
  }
  const found = [];
  const readAll = (reader) => new Promise((resolve, reject) => {
    const out = [];
    const next = () => reader.readEntries((batch) => {
      if (!batch.length) resolve(out);
      else {
        out.push(...batch);
        next();
      }
    }, reject);
    next();
  });
  const walk = async (entry, rel) => {
    if (entry instanceof File) {
      found.push({ path: entry.name, file: entry });
    } else if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      found.push({ path: rel, file });
    } else if (entry.isDirectory) {
      for (const child of await readAll(entry.createReader())) await walk(child, rel ? `${rel}/${child.name}` : child.name);
    }
  };
  // One dropped folder: paths relative to it. Several things: relative to the drop.
  if (roots.length === 1 && roots[0].isDirectory) {
    await walk(roots[0], '');
    return { name: roots[0].name, ...finish(found) };
  }
  for (const r of roots) await walk(r, r instanceof File ? r.name : r.name);
  return { name: `${roots.length} items`, ...finish(found) };
}

// The sample roll shipped beside the app (dist/samples), if the build has one.
export async function sampleManifest() {
  try {
    const res = await fetch('samples/manifest.json', { cache: 'no-cache' });
    if (!res.ok) return null;
    const m = await res.json();
    return Array.isArray(m.files) && m.files.length ? m.files : null;
  } catch {
    return null;
  }
}

export async function fromSamples(files) {
  const entries = await Promise.all(files.map(async (path) => {
    const res = await fetch(`samples/${path.split('/').map(encodeURIComponent).join('/')}`);
    const blob = await res.blob();
    return { path, file: new File([blob], path.split('/').pop(), { type: blob.type }) };
  }));
  return { name: 'Sample photos', ...finish(entries) };
}
