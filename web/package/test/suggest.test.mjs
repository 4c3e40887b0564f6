// Gemroll.suggest: the package's suggestions equal what the native CLI prints
// for the same folder, place names included: the package's gazetteer asset
// (wasm/places.tsv.gz) is made from the same table the CLI reads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Gemroll } from '../src/index.js';
import { buildGazetteerAsset, defaultSource } from '../scripts/gazetteer-asset.mjs';
import { DATA_DIR, REPO_DIR, collect, tempDir } from './helpers.mjs';

// The asset is a build output (like wasm/); make it if the CLI's table exists.
const GAZETTEER_TSV = defaultSource();
const gazetteerAsset = buildGazetteerAsset();

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
    moments: s.moments.map((m) => ({ type: m.type, title: m.title, subtitle: m.subtitle, place: m.place,
                                     members: m.members, picks: m.picks })),
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
    test(`${folder}: same suggestions as the native CLI`, { skip }, async (t) => {
      if (!gazetteerAsset) t.diagnostic(`no ${GAZETTEER_TSV} (scripts/setup.sh): compared without place names`);
      const records = await collect(g.scan(dir, { cache: false }));
      // The default gazetteer is the package's asset.
      const ours = await g.suggest(records, { today: TODAY, gazetteer: gazetteerAsset ? undefined : false });
      const native = JSON.parse(execFileSync(NATIVE,
        ['suggest', '--gazetteer', gazetteerAsset ? GAZETTEER_TSV : 'none', '--today', TODAY, dir],
        { encoding: 'utf8', maxBuffer: 64 << 20 }));
      assert.deepEqual(essence(ours), essence(native));
      assert.ok(ours.photos.length > 0);
      if (gazetteerAsset && folder.endsWith('/gps')) {
        assert.ok(ours.moments.some((m) => m.place && m.title.includes(m.place.name)), JSON.stringify(ours.moments));
      }
    });
  }

  test('gazetteer option: false, a TSV of our own, a missing file', { skip: !existsSync(join(DATA_DIR, FOLDERS[1])) },
    async () => {
      const records = await collect(g.scan(join(DATA_DIR, FOLDERS[1]), { cache: false }));
      const gps = records.find((r) => r.ok && r.exif && r.exif.gps);
      assert.ok(gps, 'a photo with GPS');
      const none = await g.suggest(records, { today: TODAY, gazetteer: false });
      assert.ok(none.moments.length > 0 && none.moments.every((m) => !m.place), JSON.stringify(none.moments));

      const tsv = join(tempDir('gemroll-gazetteer-'), 'mine.tsv');
      writeFileSync(tsv, `# one place\nGemrollville\tZZ\t${gps.exif.gps.lat}\t${gps.exif.gps.lon}\t1\n`);
      const mine = await g.suggest(records, { today: TODAY, gazetteer: tsv });
      assert.ok(mine.moments.some((m) => m.place?.name === 'Gemrollville' && m.title.includes('Gemrollville')),
        JSON.stringify(mine.moments));

      // Asked for by name, a gazetteer must load; the instance stays usable.
      await assert.rejects(g.suggest(records, { today: TODAY, gazetteer: join(tsv, '..', 'absent.tsv') }),
        (e) => e.name === 'GemrollError' && e.code === 'io' && /absent\.tsv/.test(e.message));
      // (Each worker keeps a gazetteer it loaded for its life: another file.)
      const junk = join(tsv, '..', 'junk.tsv');
      writeFileSync(junk, 'not a gazetteer\n');
      await assert.rejects(g.suggest(records, { today: TODAY, gazetteer: new URL(`file://${junk}`) }),
        (e) => e.code === 'invalid_argument');
      assert.equal((await g.suggest(records, { today: TODAY, gazetteer: false })).moments.length, none.moments.length);
    });

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
