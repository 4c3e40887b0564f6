// suggestions.json validates against schema/suggestions.schema.json: the
// package's suggestions for real folders (good photos, screenshots, bursts
// and broken files), the native CLI's when it is built, and hand-broken
// documents that must not validate (so the check itself can fail).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Gemroll } from '../src/index.js';
import { DATA_DIR, REPO_DIR, collect, hasVariant, mixedFolder } from './helpers.mjs';
import { assertValidSuggestions, schemaErrors } from './schema.mjs';

const TODAY = '2026-01-01';
const FOLDERS = ['camera/exif-samples/gps', 'screenshots/android-phone', 'bursts'];
const NATIVE = join(REPO_DIR, 'build/native/gemroll');
const noEngine = !hasVariant('simd') && !hasVariant('scalar') ? 'no wasm engine built' : false;

describe('suggestions.json schema', () => {
  let g;
  let sample = null;
  before(async () => {
    if (!noEngine) g = await Gemroll.create({ workers: 2 });
  });
  after(async () => {
    if (g) await g.close();
  });

  for (const folder of FOLDERS) {
    const dir = join(DATA_DIR, folder);
    test(`${folder}: the package's suggestions validate`, { skip: noEngine || (!existsSync(dir) && `${dir} absent`) },
      async () => {
        const s = await g.suggest(await collect(g.scan(dir, { cache: false })), { today: TODAY, gazetteer: false });
        assert.ok(s.photos.length > 0);
        assertValidSuggestions(s, folder);
        sample ??= s;
      });
  }

  test('a folder of broken and unsupported files validates', { skip: noEngine || (!existsSync(DATA_DIR) && 'no corpus') },
    async () => {
      const s = await g.suggest(await collect(g.scan(mixedFolder(), { cache: false })), { today: '', gazetteer: false });
      assert.ok(s.photos.some((p) => !p.ok));
      assertValidSuggestions(s, 'mixed folder');
    });

  const gps = join(DATA_DIR, FOLDERS[0]);
  test('the native CLI\'s suggestions validate', {
    skip: !existsSync(NATIVE) ? `native CLI ${NATIVE} not built` : !existsSync(gps) && `${gps} absent`,
  }, () => {
    const s = JSON.parse(execFileSync(NATIVE, ['suggest', '--gazetteer', 'none', '--today', TODAY, gps],
      { encoding: 'utf8', maxBuffer: 64 << 20 }));
    assertValidSuggestions(s, 'gemroll suggest');
  });

  test('documents that break the schema are rejected', { skip: noEngine }, async () => {
    if (!sample) {
      sample = await g.suggest([], { today: TODAY, gazetteer: false });
    }
    const broken = (edit) => {
      const doc = structuredClone(sample);
      edit(doc);
      return schemaErrors(doc);
    };
    assert.deepEqual(schemaErrors(sample), []);
    assert.notDeepEqual(broken((d) => delete d.gems), []);
    assert.notDeepEqual(broken((d) => { d.schemaVersion = 2; }), []);
    assert.notDeepEqual(broken((d) => { d.today = 'yesterday'; }), []);
    assert.notDeepEqual(broken((d) => d.photos.push({ path: 'x.jpg', ok: false })), []);  // error missing
    assert.notDeepEqual(broken((d) => d.photos.push({ path: 'x.jpg', ok: true, kind: 'photo', blurry: false, scores: { gem: 0.5 },
      reasons: [], exif: {}, faces: [{ x: 1.5, y: 0, width: 0.1, height: 0.1, score: 0.9 }] })), []);  // box off the frame
    assert.notDeepEqual(broken((d) => d.moments.push({ id: 0, type: 'party', title: '', start: null, end: null, members: [],
      cover: null, picks: [] })), []);
  });
});
