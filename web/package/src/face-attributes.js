// Face attributes on top of face detection: eyes open/closed (MediaPipe face
// mesh -> eye crops -> MediaPipe iris eye contours -> eye aspect ratio) and
// smile (oarriaga's FER2013 expression model ->
// P(happy)), plus the MediaPipe full-range detector for small faces in group
// shots. The wasm engine does the tensor work (rotated crops from a decode at
// the resolution the faces need, landmark and softmax interpretation:
// model_bindings.cc); this file only moves tensors through ONNX Runtime.
//
// Per face the result gains `eyesOpen` and `smile`, both 0..1, absent when
// unknown; `attributes` says how they were reached (aspect ratios, the
// expression's top class) or why one is missing.

// The converted models (models/manifest.json, converted at set-up by
// models/convert-tfjs.mjs; test/models.test.mjs checks the two agree).
export const FACE_ATTRIBUTE_FILES = {
  'mediapipe-full-range': {
    file: 'mediapipe-face-detection-full-range-fp16.onnx', size: 192, fullRange: true, bytes: 1144824,
    sha256: 'c2ccca2d530577f4f66f15b9a9f25cca2004eb20cde8235b491fad59fafc504d',
  },
  'mediapipe-facemesh': {
    file: 'mediapipe-facemesh-fp16.onnx', bytes: 1543107,
    sha256: 'c95e02d4bb49a9a298c32e9b31314d682fd244630f513f875be34776a9c41c69',
  },
  'mediapipe-iris': {
    file: 'mediapipe-iris-fp16.onnx', bytes: 1399088,
    sha256: 'dae0d6ff6c6c1e6477db0ebf177e3351365d6152bb424ecc06c307c4b610448d',
  },
  'oarriaga-emotion': {
    file: 'emotion-fer2013-fp16.onnx', bytes: 423004,
    sha256: '79c4b0cb888d7c86b4352d1170b07c2fb0e9bb9be6ac1ea04ceaf57a8c020f64',
  },
};
export const MESH_MODEL = 'mediapipe-facemesh';
export const IRIS_MODEL = 'mediapipe-iris';
export const EXPRESSION_MODEL = 'oarriaga-emotion';
export const FULL_RANGE_MODEL = 'mediapipe-full-range';

// All tunables in one place.
export const FACE_ATTRIBUTE_DEFAULTS = {
  // Faces (largest first) that get attributes; a group shot's 9th face is
  // rarely the one that decides whether the photo is kept.
  maxFaces: 8,
  // Below this face-presence probability from the mesh model, its landmarks
  // are not trusted and eyesOpen stays unknown (profile, occluded, not a face).
  minMeshFaceScore: 0.5,
  // Eye aspect ratio at which open and closed are equally likely, and the
  // logistic's width; undefined keeps the engine's (IrisEyeOptions /
  // EyeOptions in model.h: 0.24 for iris contours, 0.235 for the coarser
  // mesh; bench/eyes-eval.mjs prints the distributions they come from).
  eyeThreshold: undefined,
  eyeSoftness: undefined,
  // Only faces the curation counts as people get attributes: undefined reads
  // the core's floors (engine.verdictLimits() faceMinScore / faceMinArea,
  // CurationParams face_min_score / face_min_area; area as a share of the
  // frame). Eyes or a smile on a face the curation ignores can change no
  // decision, and such faces (background crowds, BlazeFace's 0.5-0.6
  // guesses) were a third of the attribute runs on group shots.
  minFaceScore: undefined,
  minFaceArea: undefined,
  // Narrower faces (box width in the photo's full-resolution pixels) get no
  // eyes or smile: `node bench/eyes-eval.mjs --sizes` (the 80 labelled faces
  // shrunk; final clean-clone run) measured eyes accuracy 0.95-0.96 from
  // 64 px, 0.92 at 48-64, 0.91-0.92 at 32-48 and 0.33-0.68 under 32, and the
  // smile verdict agreeing with the full-size one 0.98-0.99 from 48 px but
  // 0.90-0.94 at 32-48 (FER2013, the expression model's training set, is
  // 48x48 faces). A wrong "eyes closed" costs a burst its best frame;
  // unknown costs nothing. Many faces in group shots are under it.
  minFaceSide: 48,
  // The iris model (~8 ms per eye) only where the face mesh's own eye
  // aspect ratio does not clearly say open: the mesh decides when its
  // eyesOpen is at least meshDecisive (EAR >= 0.301 with the mesh's
  // logistic); a closed or unclear mesh verdict is always checked.
  // bench/eyes-eval.mjs prints the ways (mesh only, iris always, this): on
  // eyes-closed-open no mesh-decided eye was wrong (13 of 80 decided; its
  // closed eyes all need the iris). iris: 'auto' (this) | true (every face)
  // | false (never).
  iris: 'auto',
  meshDecisive: 0.9,
  // Iris runs per face where it runs: 1 looks at the eye turned towards the
  // camera (widerEye), 2 at both. People blink with both eyes;
  // bench/eyes-eval.mjs prints both ways (the same accuracy on its 80 faces).
  irisEyes: 1,
  // Decoded pixels the smallest face's crop region (1.5x its box) gets at
  // least (FaceCropOptions::crop_source_side).
  // 96 puts the smallest face at >= 64 decoded px, where the --sizes figures
  // have levelled off (eyes 0.95-0.96 from 64 px, as above 96), and lets a JPEG
  // decode at 1/2 or 1/4 (or the cheap pass's kept decode serve) where 192
  // needed full size.
  cropSourceSide: 96,
  // bench/eyes-eval.mjs --sizes only: crops from the photo shrunk to this
  // share of its size, to see what resolution the verdicts need.
  sourceScale: 0,
};

const message = (e) => String((e && e.message) || e);

// The subject's eye that shows wider in the face mesh (corner to corner,
// landmarks 33-133 right and 263-362 left, x y z each): the one turned
// towards the camera, whose lids the iris model sees best.
export function widerEye(mesh) {
  const width = (a, b) => Math.hypot(mesh[a * 3] - mesh[b * 3], mesh[a * 3 + 1] - mesh[b * 3 + 1]);
  return width(33, 133) >= width(263, 362) ? 'right' : 'left';
}

// Whether this engine build has the face-attribute functions.
export function hasFaceAttributeSupport(engine) {
  return typeof engine.prepareFaceCrops === 'function' && typeof engine.faceAttributes === 'function';
}

// Faces from the full-range detector: {faces, width, height, timings}.
// session: (name) => Promise<{session, ort}> (ModelRunner.session).
export async function runFullRange(engine, session, bytes, { minScore } = {}) {
  if (typeof engine.prepareFullRangeInput !== 'function') {
    throw new Error('this wasm build has no full-range detector support (rebuild the engine)');
  }
  const timings = {};
  let t0 = performance.now();
  const input = engine.prepareFullRangeInput(bytes, {});
  timings.prepareMs = performance.now() - t0;
  const { session: s, ort } = await session(FULL_RANGE_MODEL);
  t0 = performance.now();
  const results = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', input.tensor, input.shape) });
  timings.faceMs = performance.now() - t0;
  // The face head; the person head beside it is not used.
  const head = results.Identity || results[s.outputNames[0]];
  t0 = performance.now();
  const decoded = engine.decodeFullRange(head.data, input.placement, minScore === undefined ? {} : { minScore });
  timings.faceDecodeMs = performance.now() - t0;
  const faces = decoded.faces.map((f) => ({
    box: { x: f.x, y: f.y, width: f.width, height: f.height },
    score: f.score,
    keypoints: f.keypoints,
  }));
  return { faces, width: input.width, height: input.height, timings };
}

// Adds eyesOpen / smile (and `attributes`) to each face in place.
// faces: [{box, keypoints, score}] in the photo's full-resolution upright
// pixels (width x height). session: (name) => Promise<{session, ort}>.
// Returns {unavailable: [{model, reason}], timings: {cropMs, meshMs,
// expressionMs}, ran: [model names]}. Never throws for a model's sake.
export async function addFaceAttributes(engine, session, bytes, width, height, faces, options = {}) {
  const o = { ...FACE_ATTRIBUTE_DEFAULTS, ...options };
  const limits = engine.limits || engine.verdictLimits();
  o.minFaceScore ??= limits.faceMinScore;
  o.minFaceArea ??= limits.faceMinArea;
  const wantEyes = o.eyes !== false;
  const wantSmile = o.smile !== false;
  const out = { unavailable: [], timings: {}, ran: [] };
  if (!faces.length || (!wantEyes && !wantSmile)) return out;
  if (!hasFaceAttributeSupport(engine)) {
    out.unavailable.push({ model: 'face attributes', reason: 'this wasm build has no face-attribute support (rebuild the engine)' });
    return out;
  }
  // Sessions first: a model that cannot load costs no crops.
  const mesh = wantEyes ? await session(MESH_MODEL).catch((e) => {
    out.unavailable.push({ model: MESH_MODEL, reason: message(e) });
    return null;
  }) : null;
  // Without the iris model, eyes fall back to the mesh's own (coarser) lids.
  const iris = mesh && o.iris !== false && typeof engine.prepareEyeCrops === 'function' ? await session(IRIS_MODEL).catch((e) => {
    out.unavailable.push({ model: IRIS_MODEL, reason: `${message(e)} (eyes from the face mesh alone)` });
    return null;
  }) : null;
  const expression = wantSmile ? await session(EXPRESSION_MODEL).catch((e) => {
    out.unavailable.push({ model: EXPRESSION_MODEL, reason: message(e) });
    return null;
  }) : null;
  if (!mesh && !expression) return out;

  // Faces the curation counts as people (FACE_ATTRIBUTE_DEFAULTS).
  const area = Math.max(1, width * height);
  const people = [];
  faces.forEach((f, i) => {
    const b = f.box || f;
    if (!((f.score ?? 1) >= o.minFaceScore && (b.width * b.height) / area >= o.minFaceArea)) {
      f.attributes = { note: 'too small or too uncertain a face to count as a person: no eyes or smile looked for' };
    } else if (b.width < o.minFaceSide) {
      f.attributes = { note: `a face ${Math.round(b.width)} px wide: too few pixels to judge eyes or smile (needs ${o.minFaceSide})` };
    } else {
      people.push(i);
    }
  });
  if (!people.length) return out;
  let t0 = performance.now();
  let crops;
  try {
    crops = engine.prepareFaceCrops(bytes, width, height, people.map((i) => faces[i]), {
      meshSize: mesh ? 192 : 0,
      expressionSize: expression ? 64 : 0,
      maxFaces: o.maxFaces,
      cropSourceSide: o.cropSourceSide,
      sourceScale: o.sourceScale || 0,
      kept: o.kept,
    });
  } catch (e) {
    out.unavailable.push({ model: 'face attributes', reason: `face crops: ${message(e)}` });
    return out;
  }
  out.timings.cropMs = performance.now() - t0;
  for (const c of crops.crops) c.face = people[c.face];
  out.timings.meshMs = 0;
  out.timings.irisMs = 0;
  out.timings.expressionMs = 0;
  const cropped = new Set(crops.crops.map((c) => c.face));
  for (const i of people) {
    if (!cropped.has(i)) faces[i].attributes = { note: `only the ${o.maxFaces} largest faces get eyes and smile` };
  }
  const thresholds = {};
  if (o.eyeThreshold !== undefined) thresholds.eyeThreshold = o.eyeThreshold;
  if (o.eyeSoftness !== undefined) thresholds.eyeSoftness = o.eyeSoftness;
  let irisRuns = 0;
  let meshFailed = false;
  let irisFailed = false;
  let expressionFailed = false;
  for (const crop of crops.crops) {
    const face = faces[crop.face];
    const notes = [];
    const eyesIn = { faceScore: 0 };
    let probs = null;
    if (mesh && crop.mesh && !meshFailed) {
      try {
        t0 = performance.now();
        const r = await mesh.session.run({ [mesh.session.inputNames[0]]: new mesh.ort.Tensor('float32', crop.mesh.tensor, crop.mesh.shape) });
        out.timings.meshMs += performance.now() - t0;
        eyesIn.mesh = r.Identity_2.data;
        eyesIn.transform = crop.mesh.transform;
        eyesIn.faceScore = r.Identity_1.data[0];
      } catch (e) {
        meshFailed = true;
        out.unavailable.push({ model: MESH_MODEL, reason: message(e) });
      }
    }
    // The mesh's own verdict first; the iris model only where it is unsure.
    let meshEyes = null;
    if (eyesIn.mesh && iris && o.iris === 'auto') {
      meshEyes = engine.faceAttributes(eyesIn, null, {}).eyes;
      // Only "open" is taken from the mesh alone: a "closed" verdict costs
      // the photo (a burst's best frame, the people score) and smiles squint
      // the mesh's lids shut (two_people.jpg: mesh 0.09, iris 0.6 open).
      if (meshEyes && (meshEyes.faceScore < o.minMeshFaceScore || meshEyes.open >= o.meshDecisive)) {
        eyesIn.meshDecided = true;
      }
    }
    if (iris && eyesIn.mesh && !irisFailed && !eyesIn.meshDecided) {
      try {
        const eyeCrops = engine.prepareEyeCrops(crop.mesh.tensor, crop.mesh.shape, eyesIn.mesh);
        t0 = performance.now();
        const s = iris.session;
        const run = (c) => s.run({ [s.inputNames[0]]: new iris.ort.Tensor('float32', c.tensor, c.shape) });
        const sides = o.irisEyes === 2 ? ['right', 'left'] : [widerEye(eyesIn.mesh)];
        for (const side of sides) {
          eyesIn[side === 'right' ? 'irisRight' : 'irisLeft'] = (await run(eyeCrops[side]))[s.outputNames[0]].data;
        }
        out.timings.irisMs += performance.now() - t0;
        irisRuns++;
      } catch (e) {
        irisFailed = true;
        out.unavailable.push({ model: IRIS_MODEL, reason: `${message(e)} (eyes from the face mesh alone)` });
      }
    }
    if (expression && crop.expression && !expressionFailed) {
      try {
        t0 = performance.now();
        const s = expression.session;
        const r = await s.run({ [s.inputNames[0]]: new expression.ort.Tensor('float32', crop.expression.tensor, crop.expression.shape) });
        out.timings.expressionMs += performance.now() - t0;
        probs = r[s.outputNames[0]].data;
      } catch (e) {
        expressionFailed = true;
        out.unavailable.push({ model: EXPRESSION_MODEL, reason: message(e) });
      }
    }
    const a = engine.faceAttributes(eyesIn.mesh ? eyesIn : null, probs, thresholds);
    const attributes = {};
    if (a.eyes) {
      attributes.eyes = a.eyes;
      if (a.eyes.source === 'iris' && meshEyes) attributes.eyes.mesh = { open: meshEyes.open, aspectRatio: meshEyes.aspectRatio };
      if (a.eyes.faceScore >= o.minMeshFaceScore) {
        face.eyesOpen = a.eyes.open;
        notes.push(`eyes ${a.eyes.open >= 0.5 ? 'open' : 'closed'}: eye aspect ratio ${a.eyes.aspectRatio.toFixed(2)} ` +
          `from the ${a.eyes.source === 'iris' ? 'iris model\'s eyelid contours' : 'face mesh\'s eyelids'}` +
          (eyesIn.meshDecided ? ' (clear enough without the iris model)' : ''));
      } else {
        notes.push(`eyes unknown: the landmark model is not sure this is a frontal face (${a.eyes.faceScore.toFixed(2)})`);
      }
    }
    if (a.expression) {
      attributes.expression = a.expression;
      face.smile = a.expression.smile;
      notes.push(`expression ${a.expression.top} (${Math.round(a.expression.topScore * 100)}%)`);
    }
    attributes.reasons = notes;
    face.attributes = attributes;
  }
  if (mesh && !meshFailed) out.ran.push(MESH_MODEL);
  if (iris && !irisFailed && !meshFailed && irisRuns) out.ran.push(IRIS_MODEL);
  if (expression && !expressionFailed) out.ran.push(EXPRESSION_MODEL);
  return out;
}
