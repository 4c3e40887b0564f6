#!/usr/bin/env node
// gemroll scan DIR... [--json FILE] [--workers N] [--variant simd|scalar]
// Analyses every file under the given folders (or files) in worker threads
// and writes {"schemaVersion", "generator", "photos": [...]} to FILE or stdout,
// one record per file with the same fields as the native CLI. A progress line
// goes to stderr. Ctrl-C cancels cleanly (exit 130).
import { writeFile } from 'node:fs/promises';
import { Gemroll, SCHEMA_VERSION } from '../src/index.js';

const USAGE = `usage: gemroll scan PATH... [--json FILE] [--workers N] [--variant simd|scalar]
                    [--min-side N] [--quiet]
  Writes {"schemaVersion", "photos": [...]} as JSON to FILE (default: stdout).`;

function parseArgs(argv) {
  const args = { paths: [], json: null, workers: undefined, variant: undefined, minSide: undefined, quiet: false };
  const value = (i, name) => {
    if (i + 1 >= argv.length) throw new Error(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = value(i++, a);
    else if (a === '--workers') args.workers = Number(value(i++, a));
    else if (a === '--variant') args.variant = value(i++, a);
    else if (a === '--min-side') args.minSide = Number(value(i++, a));
    else if (a === '--quiet' || a === '-q') args.quiet = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.paths.push(a);
  }
  return args;
}

async function scan(argv) {
  const args = parseArgs(argv);
  if (!args.paths.length) throw new Error('scan needs at least one PATH');
  const tty = process.stderr.isTTY && !args.quiet;
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());

  const started = performance.now();
  const g = await Gemroll.create({ workers: args.workers, variant: args.variant });
  const photos = [];
  const order = new Map();
  let lastDraw = 0;
  const draw = (p, force) => {
    if (!tty) return;
    const now = performance.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const line = p.stage === 'listing' ? `listing: ${p.done} files` : `analysing: ${p.done}/${p.total}`;
    process.stderr.write(`\r\x1b[2K${line}`);
  };
  let failed = 0;
  try {
    const inputs = args.paths.length === 1 ? args.paths[0] : args.paths;
    let last = null;
    for await (const r of g.scan(inputs, {
      signal: controller.signal,
      minShortSide: args.minSide,
      onProgress: (p) => {
        last = p;
        draw(p, p.done === p.total && p.stage === 'analysing');
      },
    })) {
      order.set(r, photos.length);
      photos.push(r);
      if (!r.ok) failed++;
    }
    if (tty) process.stderr.write('\r\x1b[2K');
    if (!args.quiet) {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `gemroll: ${photos.length} files, ${photos.length - failed} analysed, ${failed} failed ` +
        `in ${s} s (${g.workers} workers, ${g.variant})\n`);
    }
  } finally {
    await g.close();
  }
  // Records arrive as they finish; write them in path order for stable files.
  photos.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
  if (command !== 'scan') {
    process.stderr.write(`unknown command ${command}\n${USAGE}\n`);
    return 2;
  }
  try {
    await scan(rest);
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
