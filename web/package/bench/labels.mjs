// Labelled corpora for the evaluation and training scripts (not part of the
// published package): ../shared/data (the tuning corpus, its own label files),
// ../shared/data/validation (tuning, labelled by eye) and tests/validation
// (ours; a tune half and an untouched holdout half, fixed by splitOf).
//
// An item: {root, rel, set, kind, blurry (-1 unknown, 0, 1), subject, faces
// (-1 unknown), dup, original, burst, burstBest, event}. Group ids carry their
// folder so independently chosen ids never collide.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const REPO = resolve(here, '../../..');
export const SHARED_DATA = resolve(process.env.GEMROLL_DATA || join(REPO, '../shared/data'));
export const OWN_DATA = resolve(process.env.GEMROLL_VALIDATION || join(REPO, 'tests/validation'));

// CSV rows as objects keyed by the header (quoted fields, "" escapes).
export function csvRows(path) {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length) return [];
  const parse = (line) => {
    const cells = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') cur += line[++i];
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cur);
        cur = '';
      } else cur += c;
    }
    cells.push(cur);
    return cells;
  };
  const header = parse(lines[0]).map((h) => h.trim());
  return lines.slice(1).map((l) => {
    const cells = parse(l);
    const row = Object.fromEntries(header.map((h, i) => [h, (cells[i] || '').trim()]));
    row._cells = cells.map((c) => c.trim());
    return row;
  });
}

// FNV-1a, 32 bit: the split depends on nothing but the key.
export function fnv1a(s) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

function item(root, folder, set, row) {
  const g = (v) => (v ? `${folder}:${v}` : '');
  return {
    root,
    rel: `${folder}/${row.file}`,
    set,
    kind: (row.kind || 'photo').toLowerCase(),
    blurry: row.blurry === 'true' ? 1 : row.blurry === 'false' ? 0 : -1,
    subject: row.subject || '',
    faces: row.faces === undefined || row.faces === '' ? -1 : Number(row.faces),
    dup: g(row.dup_group),
    original: row.original === 'true',
    burst: g(row.burst_group),
    burstBest: row.burst_best === 'true',
    event: g(row.event),
  };
}

// Folders with labels.csv in the tests/validation column layout
// (file,kind,blurry,subject[,faces,dup_group,original,burst_group,burst_best,event,notes]).
export function labelledFolders(root, set) {
  const out = [];
  if (!existsSync(root)) return out;
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const row of csvRows(join(root, d.name, 'labels.csv'))) {
      if (row.file && existsSync(join(root, d.name, row.file))) out.push(item(root, d.name, set, row));
    }
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

// The half of tests/validation an item belongs to: its group decides (copies,
// bursts and events stay together), else its own path.
export function splitOf(it) {
  const key = it.dup || it.burst || it.event || it.rel;
  return fnv1a(key) % 2 === 0 ? 'tune' : 'holdout';
}

export function ownValidation() {
  return labelledFolders(OWN_DATA, 'own').map((it) => ({ ...it, set: splitOf(it) }));
}

export function sharedValidation() {
  return labelledFolders(join(SHARED_DATA, 'validation'), 'shared-validation');
}

// ../shared/data itself, with the truth tests/eval/verdict_corpus.h uses.
export function sharedCorpus() {
  const out = [];
  const add = (dir, row, truth) => {
    if (!row.file || !existsSync(join(SHARED_DATA, dir, row.file))) return;
    out.push({ root: SHARED_DATA, rel: `${dir}/${row.file}`, set: 'shared', kind: 'photo', blurry: -1, subject: '',
               faces: -1, dup: '', original: false, burst: '', burstBest: false, event: '', ...truth });
  };
  const rows = (p) => csvRows(join(SHARED_DATA, p));
  for (const r of rows('screenshots/labels.csv')) add('screenshots', r, { kind: r.label.includes('screenshot') ? 'screenshot' : 'photo' });
  for (const r of rows('camera/labels.csv')) {
    const l = r._cells[1];
    if (l !== 'corrupt') add('camera', r, { kind: l === 'screenshot' ? 'screenshot' : l.startsWith('graphic') ? 'graphic' : 'photo' });
  }
  for (const r of rows('receipts/labels.csv')) add('receipts', r, { kind: 'receipt' });
  for (const r of rows('documents/labels.csv')) {
    add('documents', r, { kind: r.label.includes('document') || r.label.includes('whiteboard') ? 'document' : 'graphic' });
  }
  for (const r of rows('blur/kwentar/labels.csv')) add('blur/kwentar', r, { blurry: r.label === 'sharp' ? 0 : 1, subject: r.label });
  for (const r of rows('blur/cuhk-partial/labels.csv')) add('blur/cuhk-partial', r, { blurry: r.extent === 'partial' ? 0 : 1, subject: `partial ${r.blur_type}` });
  for (const r of rows('general/labels.csv')) add('general', r, { blurry: 0, subject: r.subject });
  for (const r of rows('aesthetics/500px-popular/labels.csv')) add('aesthetics/500px-popular', r, { blurry: 0, subject: r.title });
  return out;
}
