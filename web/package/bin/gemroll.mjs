#!/usr/bin/env node
// gemroll scan DIR... [--json FILE] [--suggestions FILE] [--html FILE] [--workers N] [--variant simd|scalar]
// gemroll suggest DIR... [--today YYYY-MM-DD] [--gazetteer FILE|none]
// scan analyses every file under the given folders (or files) in worker
// threads and writes {"schemaVersion", "generator", "photos": [...]} to FILE
// or stdout, one record per file with the same fields as the native CLI;
// --suggestions also writes suggestions.json (schema/suggestions.schema.json);
// --html writes a self-contained HTML report (bin/report.mjs).
// suggest prints suggestions.json to stdout, like the native `gemroll
// suggest` (place names from the package's gazetteer unless --gazetteer).
// Unchanged files come from the scan cache. A progress line goes to stderr.
// Ctrl-C cancels cleanly (exit 130).
import { writeFile } from 'node:fs/promises';
import { Gemroll, SCHEMA_VERSION } from '../src/index.js';
import { renderReport } from './report.mjs';

const REPORT_THUMBNAIL_SIDE = 256;

const USAGE = `usage: gemroll scan PATH... [--json FILE] [--suggestions FILE] [--html FILE] [--today YYYY-MM-DD]
                    [--workers N] [--variant simd|scalar] [--min-side N]
                    [--gazetteer FILE|none] [--cache FILE | --no-cache] [--quiet]
  Writes {"schemaVersion", "photos": [...]} as JSON to FILE (default: stdout), and
  suggestions.json (groups, moments, gems) to the --suggestions FILE, and a
  self-contained HTML report (summary, gems, moments, cleanup, unreadable files,
  inline thumbnails; opens offline) to the --html FILE.
       gemroll suggest PATH... [--today YYYY-MM-DD] [same options]
  Writes suggestions.json to stdout.
  --today D      reference day for on-this-day (default: the local date)
  --gazetteer F  place names for moment titles: a TSV (gzipped or not) as the native
                 CLI reads, or none (default: the package's wasm/places.tsv.gz)
  --cache FILE   scan cache (default: <os cache dir>/gemroll/scan-cache-v1.json)`;

function parseArgs(argv) {
  const args = { paths: [], json: null, suggestions: null, html: null, today: undefined, cache: undefined,
                 gazetteer: undefined, workers: undefined, variant: undefined, minSide: undefined, quiet: false };
  const value = (i, name) => {
    if (i + 1 >= argv.length) throw new Error(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = value(i++, a);
    else if (a === '--suggestions') args.suggestions = value(i++, a);
    else if (a === '--html') args.html = value(i++, a);
    else if (a === '--today') args.today = value(i++, a);
    else if (a === '--cache') args.cache = value(i++, a);
    else if (a === '--no-cache') args.cache = false;
    else if (a === '--gazetteer') {
      const v = value(i++, a);
      args.gazetteer = v === 'none' ? false : v;
    }
    else if (a === '--workers') args.workers = Number(value(i++, a));
    else if (a === '--variant') args.variant = value(i++, a);
    else if (a === '--min-side') args.minSide = Number(value(i++, a));
    else if (a === '--quiet' || a === '-q') args.quiet = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.paths.push(a);
  }
  return args;
}

async function scan(argv, command) {
  const args = parseArgs(argv);
  if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) {
    throw new Error(`--today needs YYYY-MM-DD, got ${args.today}`);
  }
  if (!args.paths.length) throw new Error('scan needs at least one PATH');
  const tty = process.stderr.isTTY && !args.quiet;
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());

  const started = performance.now();
  const g = await Gemroll.create({ workers: args.workers, variant: args.variant, gazetteer: args.gazetteer });
  const photos = [];
  const order = new Map();
  let lastDraw = 0;
  const draw = (p, force) => {
    if (!tty) return;
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const line = p.stage === 'listing' ? `listing: ${p.done} files`
      : `analysing: ${p.done}/${p.total}${p.cached ? ` (${p.cached} cached)` : ''}`;
    process.stderr.write(`\r\x1b[2K${line}`);
  };
  let failed = 0;
  let cached = 0;
  let suggestions = null;
  const thumbnails = new Map();
  try {
    const inputs = args.paths.length === 1 ? args.paths[0] : args.paths;
    let last = null;
    for await (const r of g.scan(inputs, {
      signal: controller.signal,
      minShortSide: args.minSide,
      cache: args.cache,
      thumbnailLongSide: args.html ? REPORT_THUMBNAIL_SIDE : undefined,
      onProgress: (p) => {
        last = p;
        draw(p, p.done === p.total && p.stage === 'analysing');
      },
    })) {
      // Thumbnails (only with --html) are bytes, not JSON: keep them aside.
      if (r.thumbnail) {
        thumbnails.set(r.path, r.thumbnail);
        delete r.thumbnail;
      }
      order.set(r, photos.length);
      photos.push(r);
      if (!r.ok) failed++;
      if (r.cached) cached++;
    }
    if (command === 'suggest' || args.suggestions || args.html) {
      suggestions = await g.suggest(photos, { today: args.today, signal: controller.signal });
    }
    if (tty) process.stderr.write('\r\x1b[2K');
    if (!args.quiet) {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `gemroll: ${photos.length} files, ${photos.length - failed} ok ` +
        `(${cached} from the cache), ${failed} failed ` +
        `in ${s} s (${g.workers} workers, ${g.variant})\n`);
    }
  } finally {
    await g.close();
  }
  // Records arrive as they finish; write them in path order for stable files.
  photos.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (args.suggestions) await writeFile(args.suggestions, JSON.stringify(suggestions, null, 1) + '\n');
  if (args.html) {
    await writeFile(args.html, renderReport(suggestions, thumbnails, {
      title: `Gemroll report: ${args.paths.join(', ')}`, generator: `gemroll ${g.version}`,
    }));
  }
  if (command === 'suggest') process.stdout.write(JSON.stringify(suggestions, null, 1) + '\n');
  if (command === 'suggest' && !args.json) return;
  const out = JSON.stringify({ schemaVersion: SCHEMA_VERSION, generator: `gemroll ${g.version}`, photos }, null, 1);
  if (args.json) await writeFile(args.json, out + '\n');
  else process.stdout.write(out + '\n');
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stderr.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command !== 'scan' && command !== 'suggest') {
    process.stderr.write(`unknown command ${command}\n${USAGE}\n`);
    return 2;
  }
  try {
    await scan(rest, command);
    return 0;
  } catch (e) {
    if (e && e.name === 'AbortError') {
      process.stderr.write('\ngemroll: cancelled\n');
      return 130;
    }
    process.stderr.write(`gemroll: ${(e && e.message) || e}\n`);
    return /needs|unknown option/.test(String(e && e.message)) ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
