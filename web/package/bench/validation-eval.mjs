// The judgement figures of issue 14 on photos the verdicts were not tuned on,
// with and without the on-device models, per class, from one command:
//
//   node bench/validation-eval.mjs [--verbose | --quiet] [--models off|gated|all|both] [--corpus NAME,...]
//                                  [--thumb-side N]
//
// --thumb-side N analyses each photo from an upright N-px copy (with the
// file's metadata), the way a triage from a HEIC's 320x240 thumbnail item
// would. Measured (issue 16, models off, tune / holdout): 320 px keeps
// good->cleanup (2.4% / 3.1%) but paper F1 falls from 0.75 / 0.63 to
// 0.10 / 0.05 and blur F1 from 0.91 / 0.86 to 0.84 / 0.73, so thumbnails
// are not a triage on which verdicts can rest.
//
// Corpora (each folder curated as one camera roll, as a user's folder would be):
//   shared-validation  ../shared/data/validation/   tuning corpus (labelled by eye)
//   tune               tests/validation/, tune half  may be looked at while tuning
//   holdout            tests/validation/, other half never tuned on
// The halves are fixed by a hash of each file's group (duplicate, burst or
// event id, else its path), so a group never straddles them; see
// tests/validation/README.md. Figures (rows):
//   good->cleanup   labelled good photos (kind photo, not blurry, not a losing
//                   copy or burst frame) that land in Cleanup: not kind photo,
//                   blurry, too dark/bright, or a losing member of a group
//   blurry          P/R/F1 of the blur verdict on photos
//   screenshot      P/R/F1 of kind screenshot, every file
//   paper           P/R/F1 of kind receipt or document, every file
//   receipt/doc     receipts and documents found as paper whose kind is right
//   paper gems      labelled receipts/documents listed among the gems
//   dup pairs       P/R/F1 of same-duplicate-group pairs (labelled dup_group)
//   original kept   labelled duplicate groups whose group keeps the original
//   burst best      labelled bursts whose chosen frame is the labelled best
//   event pairs     P/R/F1 of same-event-moment pairs among event-labelled photos
//   animal faces    photos labelled with no human face (faces = 0) that the
//                   curation says have people (models only)
// Prints figures; not a pass/fail test (scripts/test.sh prints them).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ownValidation, sharedValidation } from './labels.mjs';
import { loadEngine } from '../src/index.js';
import { DEFAULT_FACE_MODEL, MODEL_FILES, ModelRunner, engineEvidence, evidenceMatters, gateModels } from '../src/models.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const quiet = args.includes('--quiet');  // figures only, no list of wrong verdicts
const modelsArg = args.includes('--models') ? args[args.indexOf('--models') + 1] : 'both';
const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1].split(',') : null;
// --thumb-side N: analyse every photo from an upright N-px (long side) copy
// with the file's metadata, as a HEIC's thumbnail item would give it: how
// far a thumbnail-only triage would move each figure.
const thumbSide = args.includes('--thumb-side') ? Number(args[args.indexOf('--thumb-side') + 1]) : 0;

const corpora = [
  { name: 'shared-validation', note: '../shared/data/validation (tuning)', items: sharedValidation() },
  { name: 'tune', note: 'tests/validation, tune half', items: ownValidation().filter((it) => it.set === 'tune') },
  { name: 'holdout', note: 'tests/validation, untouched half', items: ownValidation().filter((it) => it.set === 'holdout') },
].filter((c) => c.items.length > 0 && (!only || only.includes(c.name)));

// ------------------------------------------------------------------ engine
const engine = await loadEngine();
const haveModels = Object.values(MODEL_FILES).every((m) => existsSync(join(here, '../models', m.file)));
const runner = haveModels ? new ModelRunner(engine) : null;
const wanted = { face: DEFAULT_FACE_MODEL, text: true };
const modes = modelsArg === 'both' ? ['off', 'gated'] : [modelsArg];
if (!haveModels && modes.some((m) => m !== 'off')) {
  console.log('validation-eval: models not fetched (node models/fetch.mjs); figures without models only');
}
const activeModes = haveModels ? modes : ['off'];

// The per-photo records of one corpus, as the package's workers make them.
async function records(items, mode) {
  const out = [];
  for (const it of items) {
    const path = join(it.root, it.rel);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    let cheap;
    try {
      if (thumbSide > 0) {
        const small = engine.renderEdit(bytes, {}, { longSide: thumbSide, format: 'rgba' });
        cheap = engine.analyzeRgba(small.rgba, small.width, small.height, { fileBytes: bytes, recordPath: it.rel });
      } else {
        cheap = engine.analyzePhoto(bytes, { recordPath: it.rel });
      }
    } catch (e) {
      out.push({ path: it.rel, error: { code: e.code || 'internal', message: e.message } });
      continue;
    }
    if (mode === 'off') {
      out.push({ path: it.rel, curation: cheap.curation });
      continue;
    }
    let want = { face: wanted.face, text: true };
    if (mode === 'gated') want = gateModels(cheap.modelPlan, wanted);
    let result = null;
    if (want.face || want.text) {
      try {
        result = await runner.run(bytes, { face: want.face ? wanted.face : false, text: !!want.text,
                                           ...(want.textMaxSide && { textMaxSide: want.textMaxSide }) });
      } catch {
        // a format the models' decoder does not take: no evidence
      }
    }
    const evidence = result && (mode === 'all' || evidenceMatters(result, engine)) ? engineEvidence(result) : null;
    out.push({ path: it.rel, curation: evidence
      ? engine.analyzePhoto(bytes, { recordPath: it.rel, modelEvidence: evidence }).curation
      : cheap.curation });
  }
  return out;
}

// ------------------------------------------------------------------ figures
const prf = () => ({ tp: 0, fp: 0, fn: 0 });
function count(m, truth, predicted) {
  if (truth && predicted) m.tp++;
  else if (predicted) m.fp++;
  else if (truth) m.fn++;
}
const f1 = (m) => {
  const p = m.tp + m.fp ? m.tp / (m.tp + m.fp) : 1;
  const r = m.tp + m.fn ? m.tp / (m.tp + m.fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, n: m.tp + m.fn };
};
function pairsPrf(items, truthKey, predictedKey) {
  const m = prf();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const t = !!truthKey(items[i]) && truthKey(items[i]) === truthKey(items[j]);
      const p = predictedKey(items[i]) !== undefined && predictedKey(items[i]) === predictedKey(items[j]);
      count(m, t, p);
    }
  }
  return m;
}

function figures(items, s) {
  const photo = new Map(s.photos.map((p) => [p.path, p]));
  const groupOf = new Map();
  s.groups.forEach((g) => g.members.forEach((m) => groupOf.set(m, g)));
  const eventOf = new Map();
  for (const mo of s.moments) {
    if (mo.type !== 'event') continue;
    for (const m of mo.members) eventOf.set(m, mo.id);
  }
  const gems = new Set(s.gems);
  const wrong = [];
  const out = {};

  let good = 0;
  let cleaned = 0;
  const blur = prf();
  const shot = prf();
  const paper = prf();
  let rdRight = 0;
  let rdTotal = 0;
  let paperGems = 0;
  let paperTotal = 0;
  let animals = 0;
  let animalFaces = 0;
  let failed = 0;
  for (const it of items) {
    const p = photo.get(it.rel);
    if (!p || !p.ok) {
      failed++;
      wrong.push(`${it.rel}: not analysed (${p && p.error ? p.error.code : 'missing'})`);
      continue;
    }
    const isPaper = it.kind === 'receipt' || it.kind === 'document';
    const saysPaper = p.kind === 'receipt' || p.kind === 'document';
    count(shot, it.kind === 'screenshot', p.kind === 'screenshot');
    count(paper, isPaper, saysPaper);
    if (it.kind === 'screenshot' && p.kind !== 'screenshot') wrong.push(`${it.rel}: screenshot called ${p.kind}`);
    if (it.kind !== 'screenshot' && p.kind === 'screenshot') wrong.push(`${it.rel}: ${it.kind} called screenshot`);
    if (isPaper !== saysPaper) wrong.push(`${it.rel}: ${it.kind} called ${p.kind} (${p.kindConfidence.toFixed(2)})`);
    if (isPaper) {
      paperTotal++;
      if (gems.has(it.rel)) {
        paperGems++;
        wrong.push(`${it.rel}: ${it.kind} among the gems`);
      }
      if (saysPaper) {
        rdTotal++;
        if (p.kind === it.kind) rdRight++;
        else wrong.push(`${it.rel}: ${it.kind} called ${p.kind}`);
      }
    }
    if (it.kind === 'photo' && it.blurry >= 0) {
      count(blur, it.blurry === 1, !!p.blurry);
      if (it.blurry === 1 && !p.blurry) wrong.push(`${it.rel}: blurry missed (${it.subject})`);
      if (it.blurry === 0 && p.blurry) {
        wrong.push(`${it.rel}: called blurry (${it.subject}): ${(p.qualityReasons || []).map((r) => r.text).join('; ')}`);
      }
    }
    const loser = (it.dup && !it.original) || (it.burst && !it.burstBest);
    if (it.kind === 'photo' && it.blurry === 0 && !loser) {
      good++;
      const g = groupOf.get(it.rel);
      const why = p.kind !== 'photo' ? `kind ${p.kind}`
        : p.blurry ? 'blurry'
          : p.tooDark ? 'too dark'
            : p.tooBright ? 'too bright'
              : g && g.best !== it.rel ? `loses in ${g.type} group to ${g.best}` : '';
      if (why) {
        cleaned++;
        wrong.push(`${it.rel}: good photo sent to Cleanup (${why})`);
      }
    }
    if (it.faces === 0 && it.kind === 'photo') {
      animals++;
      if ((p.people ?? 0) > 0) {
        animalFaces++;
        wrong.push(`${it.rel}: ${p.people} people counted on ${it.subject}`);
      }
    }
  }
  out.good = { cleaned, good };
  out.blur = blur;
  out.shot = shot;
  out.paper = paper;
  out.rd = { right: rdRight, total: rdTotal };
  out.paperGems = { n: paperGems, total: paperTotal };
  out.failed = failed;
  out.animals = { n: animalFaces, total: animals };

  // Duplicates: pairs among every file (a false pair anywhere counts).
  const ok = items.filter((it) => photo.get(it.rel) && photo.get(it.rel).ok);
  const dupKey = (it) => {
    const g = groupOf.get(it.rel);
    return g && g.type === 'duplicate' ? g.id : undefined;
  };
  out.dup = pairsPrf(ok, (it) => it.dup, dupKey);
  const dupGroups = new Map();
  for (const it of ok) if (it.dup) (dupGroups.get(it.dup) || dupGroups.set(it.dup, []).get(it.dup)).push(it);
  let origKept = 0;
  let origTotal = 0;
  for (const [id, members] of dupGroups) {
    const orig = members.find((m) => m.original);
    if (!orig || members.length < 2) continue;
    origTotal++;
    const g = groupOf.get(orig.rel);
    const others = members.filter((m) => m !== orig);
    const grouped = g && others.some((m) => groupOf.get(m.rel) === g);
    if (grouped && g.best === orig.rel) origKept++;
    else wrong.push(`duplicate group ${id}: ${grouped ? `keeps ${g.best}, not the original ${orig.rel}` : `original ${orig.rel} not grouped with its copies`}`);
  }
  out.orig = { right: origKept, total: origTotal };
  for (const it of ok) {
    for (const jt of ok) {
      if (it.rel >= jt.rel) continue;
      const t = it.dup && it.dup === jt.dup;
      const pk = dupKey(it);
      if (!t && pk !== undefined && pk === dupKey(jt)) wrong.push(`${it.rel} + ${jt.rel}: grouped as duplicates`);
    }
  }

  // Bursts: the labelled best must be the kept frame of the group that holds it.
  const bursts = new Map();
  for (const it of ok) if (it.burst) (bursts.get(it.burst) || bursts.set(it.burst, []).get(it.burst)).push(it);
  let burstRight = 0;
  let burstTotal = 0;
  for (const [id, members] of bursts) {
    const best = members.find((m) => m.burstBest);
    if (!best || members.length < 2) continue;
    burstTotal++;
    const g = groupOf.get(best.rel);
    if (g && g.best === best.rel && members.filter((m) => groupOf.get(m.rel) === g).length >= 2) burstRight++;
    else wrong.push(`burst ${id}: ${g ? `keeps ${g.best}` : `${best.rel} not grouped`} instead of ${best.rel}`);
  }
  out.burst = { right: burstRight, total: burstTotal };

  // Events: pairs among the event-labelled photos.
  const evItems = ok.filter((it) => it.event);
  out.event = pairsPrf(evItems, (it) => it.event, (it) => eventOf.get(it.rel));
  out.moments = new Set(evItems.map((it) => eventOf.get(it.rel)).filter((id) => id !== undefined)).size;
  out.events = new Set(evItems.map((it) => it.event)).size;
  out.wrong = wrong;
  return out;
}

// ------------------------------------------------------------------ report
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}% (${a}/${b})` : 'n/a');
const prfText = (m) => {
  const x = f1(m);
  return x.n === 0 && m.fp === 0 ? 'n/a' : `F1 ${x.f1.toFixed(2)} P ${x.p.toFixed(2)} R ${x.r.toFixed(2)} (n ${x.n})`;
};
const rows = [
  ['good->cleanup', (f) => pct(f.good.cleaned, f.good.good)],
  ['blurry', (f) => prfText(f.blur)],
  ['screenshot', (f) => prfText(f.shot)],
  ['receipt+document', (f) => prfText(f.paper)],
  ['receipt vs document', (f) => pct(f.rd.right, f.rd.total)],
  ['paper among gems', (f) => pct(f.paperGems.n, f.paperGems.total)],
  ['duplicate pairs', (f) => prfText(f.dup)],
  ['original kept', (f) => pct(f.orig.right, f.orig.total)],
  ['burst best pick', (f) => pct(f.burst.right, f.burst.total)],
  ['event pairs', (f) => `${prfText(f.event)}; ${f.moments} moments/${f.events} events`],
  ['faces on animals/objects', (f) => pct(f.animals.n, f.animals.total)],
];

// Each folder is curated as one camera roll (as a user's folder would be):
// folders were assembled independently and may share a source photo, which
// must not make cross-folder "duplicates". The results are concatenated.
function curateByFolder(recs) {
  const folders = new Map();
  for (const r of recs) {
    const f = r.path.split('/')[0];
    (folders.get(f) || folders.set(f, []).get(f)).push(r);
  }
  const all = { photos: [], groups: [], moments: [], gems: [] };
  for (const list of folders.values()) {
    const s = engine.curate(list, { today: '' });
    const g0 = all.groups.length;
    const m0 = all.moments.length;
    all.photos.push(...s.photos);
    all.groups.push(...s.groups.map((g) => ({ ...g, id: g.id + g0 })));
    all.moments.push(...s.moments.map((m) => ({ ...m, id: m.id + m0 })));
    all.gems.push(...s.gems);
  }
  return all;
}

const results = [];
for (const c of corpora) {
  for (const mode of activeModes) {
    const t0 = performance.now();
    const recs = await records(c.items, mode);
    const s = curateByFolder(recs);
    const f = figures(c.items, s);
    results.push({ corpus: c, mode, f, secs: (performance.now() - t0) / 1000 });
  }
}

console.log(`validation-eval: ${corpora.map((c) => `${c.name} ${c.items.length} files (${c.note})`).join('; ')}`);
const width = Math.max(...rows.map((r) => r[0].length)) + 2;
for (const c of corpora) {
  const rs = results.filter((r) => r.corpus === c);
  const colW = 44;
  console.log(`\n${c.name} (${c.note}):`);
  console.log(`${''.padEnd(width)}${rs.map((r) => (r.mode === 'off' ? 'no models' : `models ${r.mode}`).padEnd(colW)).join('')}`);
  for (const [name, fn] of rows) console.log(`${name.padEnd(width)}${rs.map((r) => fn(r.f).padEnd(colW)).join('')}`);
}
for (const r of results) {
  if (r.f.failed) console.log(`${r.corpus.name}/${r.mode}: ${r.f.failed} files not analysed`);
}
for (const r of quiet ? [] : results) {
  const list = verbose ? r.f.wrong : r.f.wrong.slice(0, 40);
  console.log(`-- ${r.corpus.name}/${r.mode}: ${r.f.wrong.length} wrong verdicts (${r.secs.toFixed(0)} s)${verbose || r.f.wrong.length <= 40 ? '' : ', first 40 (--verbose for all)'}`);
  for (const w of list) console.log(`   ${w}`);
}
