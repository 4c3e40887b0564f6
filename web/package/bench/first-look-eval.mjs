// How far a first look (scan with `preview: true`: each file's own small
// preview) agrees with the full scan, folder by folder (issue 16):
//   node bench/first-look-eval.mjs [DIR...]   (default: ../shared/data/camera,
//                                              tests/validation/rolls, ../shared/data/validation)
// Per folder: files and how many had a preview; gems of the full scan and of
// the first look (previews standing in for the photos that have one, as the
// app shows them), how many are in both; first-look gems the full scan calls
// paper, a screenshot, a graphic or blurry; the top-20 overlap; moment counts.
// Figures only; never fails.
import { join } from 'node:path';
import { Gemroll } from '../src/index.js';
import { DATA_DIR, REPO_DIR } from './common.mjs';
const args = process.argv.slice(2);
const dirs = args.length ? args
  : [join(DATA_DIR, 'camera'), join(REPO_DIR, 'tests/validation/rolls'), join(DATA_DIR, 'validation')];
const g = await Gemroll.create({});
for (const dir of dirs) {
  const prev = []; for await (const r of g.scan(dir, { preview: true })) if (r.ok) prev.push(r);
  const full = []; for await (const r of g.scan(dir, { cache: false })) full.push(r);
  const mixed = full.map((r) => prev.find((p) => p.path === r.path) || r);
  const sf = await g.suggest(full), sp = await g.suggest(mixed);
  const fg = new Set(sf.gems), pg = new Set(sp.gems);
  const inter = [...pg].filter((p) => fg.has(p)).length;
  const fullKind = new Map(sf.photos.map((p) => [p.path, p]));
  const provGems = sp.gems.filter((p) => sp.photos.find((q) => q.path === p).provisional);
  const provGemsNotPhoto = provGems.filter((p) => fullKind.get(p).kind !== 'photo' || fullKind.get(p).blurry);
  const top = (s, n) => new Set(s.gems.slice(0, n));
  const t20f = top(sf, 20), t20p = top(sp, 20);
  console.log(`${dir}: files ${full.length}, previews ${prev.length}; gems full ${fg.size} first-look ${pg.size}, both ${inter}; ` +
    `first-look gems that the full scan calls paper/screen/graphic or blurry: ${provGemsNotPhoto.length}/${provGems.length}; ` +
    `top-20 overlap ${[...t20p].filter((p) => t20f.has(p)).length}/20; moments full ${sf.moments.length} first-look ${sp.moments.length}`);
}
await g.close();
