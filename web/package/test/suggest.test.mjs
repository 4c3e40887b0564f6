// Gemroll.suggest: the package's suggestions equal what the native CLI prints
// for the same folder (`gemroll suggest --gazetteer none`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Gemroll } from '../src/index.js';
import { DATA_DIR, REPO_DIR, collect } from './helpers.mjs';

const NATIVE = join(REPO_DIR, 'build/native/gemroll');
const TODAY = '2026-01-01';
const FOLDERS = ['duplicates/photoprism-ios-copies', 'camera/exif-samples/gps'];

// What the test compares: structure and verdicts, not score digits.
function essence(s) {
  return {
    schemaVersion: s.schemaVersion,
    today: s.today,
    summary: s.summary,
    kinds: s.photos.map((p) => [p.path, p.ok, p.kind ?? p.error?.code]),
    groups: s.groups.map((g) => ({ type: g.type, best: g.best, members: g.members, relations: g.relations })),
    moments: s.moments.map((m) => ({ type: m.type, title: m.title, members: m.members, picks: m.picks })),
    gems: s.gems,
  };
}

describe('suggest', () => {
  let g;
  before(async () => {
    g = await Gemroll.create({ workers: 2 });
  });
  after(async () => {
    await g.close();
  });

  for (const folder of FOLDERS) {
    const dir = join(DATA_DIR, folder);
    const skip = !existsSync(NATIVE) ? `native CLI ${NATIVE} not built (cmake --build build/native --target gemroll)`
      : !existsSync(dir) ? `corpus folder ${dir} absent` : false;
    test(`${folder}: same suggestions as the native CLI`, { skip }, async () => {
      const records = await collect(g.scan(dir, { cache: false }));
      const ours = await g.suggest(records, { today: TODAY });
      const native = JSON.parse(execFileSync(NATIVE, ['suggest', '--gazetteer', 'none', '--today', TODAY, dir],
        { encoding: 'utf8', maxBuffer: 64 << 20 }));
      assert.deepEqual(essence(ours), essence(native));
      assert.ok(ours.photos.length > 0);
    });
  }

  test('arguments: records without curation data, bad today, abort', async () => {
    await assert.rejects(g.suggest([{ path: 'a.jpg', ok: true }]), TypeError);
    await assert.rejects(g.suggest([], { today: '1 Jan' }), RangeError);
    await assert.rejects(g.suggest([], { signal: AbortSignal.abort() }), { name: 'AbortError' });
    const empty = await g.suggest([], { today: '' });
    assert.equal(empty.today, null);
    assert.deepEqual([empty.photos, empty.groups, empty.moments, empty.gems], [[], [], [], []]);
    // Failed records are listed, in path order, and take part in nothing else.
    const s = await g.suggest([
      { path: 'b.jpg', ok: false, error: { code: 'io', message: 'gone' } },
      { path: 'a.jpg', ok: false, error: { code: 'internal', message: 'worker crashed' } },
    ], { today: TODAY });
    assert.deepEqual(s.photos.map((p) => [p.path, p.error.code]), [['a.jpg', 'corrupt_data'], ['b.jpg', 'io']]);
  });
});
