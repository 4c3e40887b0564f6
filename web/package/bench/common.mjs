// Shared by the benchmarks (bench/*.mjs): where the 12-MP JPEG set lives and
// how it is made. Not part of the published package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(PACKAGE_DIR, '../..');
export const DATA_DIR = process.env.GEMROLL_DATA || resolve(REPO_DIR, '../shared/data');
const CACHE_HOME = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
export const SET_DIR = process.env.GEMROLL_BENCH_SET || join(CACHE_HOME, 'gemroll', 'bench-12mp-v4');
const MAKE_FIXTURES = process.env.GEMROLL_MAKE_FIXTURES || join(REPO_DIR, 'build/native/gemroll_make_fixtures');

// The 16 × 4032×3024 q92 JPEGs (made from real photos by the native fixture
// tool the first time), as sorted absolute paths.
export function benchSet() {
  const list = () => (existsSync(SET_DIR) ? readdirSync(SET_DIR).filter((f) => /\.jpe?g$/i.test(f)).sort() : []);
  if (list().length < 16) {
    if (!existsSync(MAKE_FIXTURES)) {
      throw new Error(`no 12-MP set in ${SET_DIR} and no ${MAKE_FIXTURES} to make it (build the native tools)`);
    }
    mkdirSync(SET_DIR, { recursive: true });
    process.stderr.write(`making the 12-MP set in ${SET_DIR} ...\n`);
    execFileSync(MAKE_FIXTURES, ['bench', SET_DIR, '16', DATA_DIR], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return list().map((f) => join(SET_DIR, f));
}

export const round = (x, digits = 2) => Number(x.toFixed(digits));
