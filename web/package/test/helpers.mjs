// Shared fixtures for the package tests (not a test file itself).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(PACKAGE_DIR, '../..');
export const DATA_DIR = process.env.GEMROLL_DATA || resolve(REPO_DIR, '../shared/data');
export const WASM_DIR = join(PACKAGE_DIR, 'wasm');

export function hasVariant(variant) {
  return existsSync(join(WASM_DIR, `gemroll-${variant}.wasm`));
}

const created = [];
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

// A fresh folder, removed when the test process exits.
export function tempDir(prefix = 'gemroll-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

// Every file under `dir` (recursive), as absolute paths, sorted.
export function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

// A small folder of mixed inputs from the shared corpus: JPEGs, a PNG, a PNG
// that is really a JPEG, formats the core does not decode, a JSON sidecar,
// plus a zero-byte file and text named .jpg.
export function mixedFolder() {
  const dir = tempDir('gemroll-mixed-');
  const all = listFiles(DATA_DIR);
  const pick = (re, n) => all.filter((f) => re.test(f)).slice(0, n);
  const chosen = [
    ...pick(/\.jpe?g$/i, 3),
    ...pick(/\.png$/i, 2),
    ...pick(/\.(heic|webp|gif|avif|bmp|tiff?)$/i, 4),
    ...pick(/\.json$/i, 1),
  ];
  mkdirSync(join(dir, 'sub'));
  chosen.forEach((f, i) => cpSync(f, join(dir, i % 2 ? 'sub' : '', `${i}-${basename(f)}`)));
  writeFileSync(join(dir, 'zero.jpg'), new Uint8Array(0));
  writeFileSync(join(dir, 'sub', 'text.jpg'), 'this is not a photo\n');
  return dir;
}

export function badFolder() {
  const dir = tempDir('gemroll-bad-');
  writeFileSync(join(dir, 'zero.jpg'), new Uint8Array(0));
  writeFileSync(join(dir, 'text.jpg'), 'this is not a photo\n');
  writeFileSync(join(dir, 'half.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]));
  return dir;
}

export async function collect(iterable) {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
}

export const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

// Scans without a `cache` option use the default cache file; keep it out of
// the user's cache folder (child processes inherit this too).
process.env.XDG_CACHE_HOME = tempDir('gemroll-xdg-cache-');
