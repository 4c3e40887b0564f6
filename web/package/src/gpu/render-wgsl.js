// WGSL for the edit renderer (render.js): one compute entry point per
// per-pixel pass of RenderEditPlan (wasm/src/edit/apply.cc), each reading the
// packed plan (gemroll/edit_plan.h) and writing one RGBA8 pixel (packed in a
// u32) per invocation. The arithmetic follows the CPU reference step by step
// so the two agree to rounding (f32 throughout; the CPU's geometry runs in
// f64); the integer passes (denoise, sharpen) are exact.
//
// Slot numbers below must match EditPlanSlot; render.js checks the version.
export const EDIT_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> plan: array<f32>;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> dst: array<u32>;

const SLOT_IN_W = 1u; const SLOT_IN_H = 2u; const SLOT_OUT_W = 3u; const SLOT_OUT_H = 4u;
const SLOT_FLAGS = 5u; const SLOT_CROP_X = 6u; const SLOT_CROP_Y = 7u; const SLOT_GEO = 8u;
const SLOT_GAINS = 14u; const SLOT_LIN_MAX = 17u; const SLOT_CURVE_SIZE = 18u;
const SLOT_SATURATION = 19u; const SLOT_VIBRANCE = 20u; const SLOT_LOCAL_CONTRAST = 21u;
const SLOT_LOOK_KIND = 22u; const SLOT_LOOK_STRENGTH = 23u; const SLOT_LOOK_MIX = 24u;
const SLOT_LOOK_SATURATION = 27u; const SLOT_LOOK_CONTRAST = 28u; const SLOT_LOOK_LIFT = 29u;
const SLOT_LOOK_GAIN = 30u; const SLOT_LOOK_WARMTH = 31u; const SLOT_SHADOW_TINT = 32u;
const SLOT_HIGHLIGHT_TINT = 35u; const SLOT_CARTOON_LEVELS = 38u; const SLOT_SHARPEN_K = 39u;
const SLOT_SHARPEN_THRESHOLD = 40u; const SLOT_GUIDE_W = 41u; const SLOT_GUIDE_H = 42u;
const SLOT_TO_LINEAR = 43u; const SLOT_CURVE = 44u; const SLOT_DENOISE = 45u;
const SLOT_GAIN_MAP = 46u; const SLOT_DETAIL_MAP = 47u; const SLOT_EDGE_MAP = 48u;

const FLAG_ROTATE = 2u; const FLAG_LINEAR = 16u; const FLAG_COLOR = 32u; const FLAG_LOOK = 64u;
const FLAG_GAIN = 128u; const FLAG_DETAIL = 256u; const FLAG_EDGES = 512u; const FLAG_MONO = 2048u;

const LOOK_CARTOON = 7u; const LOOK_SKETCH = 8u;
const LUMA = vec3<f32>(0.2126, 0.7152, 0.0722);

fn slot_u(i: u32) -> u32 { return u32(plan[i]); }
fn slot_i(i: u32) -> i32 { return i32(plan[i]); }
fn has(flag: u32) -> bool { return (slot_u(SLOT_FLAGS) & flag) != 0u; }
fn unpack_px(p: u32) -> vec4<i32> {
  return vec4<i32>(i32(p & 255u), i32((p >> 8u) & 255u), i32((p >> 16u) & 255u), i32(p >> 24u));
}
fn pack_px(c: vec4<i32>) -> u32 {
  let v = vec4<u32>(clamp(c, vec4<i32>(0), vec4<i32>(255)));
  return v.x | (v.y << 8u) | (v.z << 16u) | (v.w << 24u);
}
fn luma_dot(c: vec3<f32>) -> f32 { return LUMA.x * c.x + LUMA.y * c.y + LUMA.z * c.z; }
fn clamp01(v: f32) -> f32 { return min(1.0, max(0.0, v)); }

// ---------------------------------------------------------------- geometry
@compute @workgroup_size(8, 8)
fn geometry(@builtin(global_invocation_id) id: vec3<u32>) {
  let ow = slot_u(SLOT_OUT_W); let oh = slot_u(SLOT_OUT_H);
  if (id.x >= ow || id.y >= oh) { return; }
  let w = slot_i(SLOT_IN_W); let h = slot_i(SLOT_IN_H);
  if (!has(FLAG_ROTATE)) {
    let sx = u32(slot_i(SLOT_CROP_X)) + id.x; let sy = u32(slot_i(SLOT_CROP_Y)) + id.y;
    dst[id.y * ow + id.x] = src[sy * u32(w) + sx];
    return;
  }
  let ip = f32(id.x) + 0.5; let jp = f32(id.y) + 0.5;
  let sx = plan[SLOT_GEO] + plan[SLOT_GEO + 1u] * ip + plan[SLOT_GEO + 2u] * jp;
  let sy = plan[SLOT_GEO + 3u] + plan[SLOT_GEO + 4u] * ip + plan[SLOT_GEO + 5u] * jp;
  let cx = clamp(sx, 0.0, f32(w - 1)); let cy = clamp(sy, 0.0, f32(h - 1));
  let x0 = min(i32(cx), w - 1); let y0 = min(i32(cy), h - 1);
  let x1 = min(x0 + 1, w - 1); let y1 = min(y0 + 1, h - 1);
  let fx = i32((cx - f32(x0)) * 256.0 + 0.5); let fy = i32((cy - f32(y0)) * 256.0 + 0.5);
  let p00 = unpack_px(src[u32(y0 * w + x0)]); let p01 = unpack_px(src[u32(y0 * w + x1)]);
  let p10 = unpack_px(src[u32(y1 * w + x0)]); let p11 = unpack_px(src[u32(y1 * w + x1)]);
  let top = p00 * (256 - fx) + p01 * fx;
  let bot = p10 * (256 - fx) + p11 * fx;
  dst[id.y * ow + id.x] = pack_px((top * (256 - fy) + bot * fy + vec4<i32>(32768)) >> vec4<u32>(16u));
}

// ---------------------------------------------------------------- denoise
@compute @workgroup_size(8, 8)
fn denoise(@builtin(global_invocation_id) id: vec3<u32>) {
  let w = slot_i(SLOT_OUT_W); let h = slot_i(SLOT_OUT_H);
  let x = i32(id.x); let y = i32(id.y);
  if (x >= w || y >= h) { return; }
  let table = slot_u(SLOT_DENOISE);
  let c = unpack_px(src[u32(y * w + x)]);
  var sum = vec3<i32>(0); var sw = 0;
  for (var dy = -1; dy <= 1; dy++) {
    let yy = clamp(y + dy, 0, h - 1);
    for (var dx = -1; dx <= 1; dx++) {
      let xx = clamp(x + dx, 0, w - 1);
      let q = unpack_px(src[u32(yy * w + xx)]);
      let d = abs(q.x - c.x) + abs(q.y - c.y) + abs(q.z - c.z);
      let wt = i32(plan[table + u32(d)]);
      sum += wt * q.xyz;
      sw += wt;
    }
  }
  let o = (sum + vec3<i32>(sw / 2)) / vec3<i32>(sw);
  dst[u32(y * w + x)] = pack_px(vec4<i32>(o, c.w));
}

// ---------------------------------------------------------------- tone
// Bilinear guide sample at output pixel (x, y), as GuideSampler: vertical
// interpolation first, then horizontal.
fn guide(map_slot: u32, x: u32, y: u32, w: u32, h: u32) -> f32 {
  let base = slot_u(map_slot);
  let gw = slot_i(SLOT_GUIDE_W); let gh = slot_i(SLOT_GUIDE_H);
  let gy = clamp((f32(y) + 0.5) * f32(gh) / f32(h) - 0.5, 0.0, f32(gh - 1));
  let y0 = min(i32(gy), max(gh - 2, 0)); let y1 = min(y0 + 1, gh - 1);
  let fy = gy - f32(y0);
  let gx = clamp((f32(x) + 0.5) * f32(gw) / f32(w) - 0.5, 0.0, f32(gw - 1));
  let x0 = min(i32(gx), max(gw - 2, 0)); let x1 = min(x0 + 1, gw - 1);
  var fx = 0.0;
  if (gw > 1) { fx = gx - f32(x0); }
  let a0 = plan[base + u32(y0 * gw + x0)]; let b0 = plan[base + u32(y1 * gw + x0)];
  let a1 = plan[base + u32(y0 * gw + x1)]; let b1 = plan[base + u32(y1 * gw + x1)];
  let l = a0 + fy * (b0 - a0); let r = a1 + fy * (b1 - a1);
  return l + fx * (r - l);
}

fn curve(v: f32) -> f32 {
  let n = slot_i(SLOT_CURVE_SIZE);
  let base = slot_u(SLOT_CURVE);
  let q = min(sqrt(max(v, 0.0) / plan[SLOT_LIN_MAX]), 1.0) * f32(n);
  let i = min(i32(q), n - 1);
  let f = q - f32(i);
  let a = plan[base + u32(i)]; let b = plan[base + u32(i + 1)];
  return a + f * (b - a);
}

fn contrast(p: f32, c: f32) -> f32 { return p + c * p * (1.0 - p) * (2.0 * p - 1.0); }

fn look(yin: f32, ys: f32, edge: f32, rgb: vec3<f32>) -> vec3<f32> {
  let kind = slot_u(SLOT_LOOK_KIND);
  let y = luma_dot(rgb);
  let sat = plan[SLOT_LOOK_SATURATION];
  var o: vec3<f32>;
  if (kind == LOOK_SKETCH) {
    var s = min(1.0, yin / max(ys, 0.02));
    s = s * s; s = s * s;
    o = vec3<f32>(s);
  } else if (kind == LOOK_CARTOON) {
    let n = f32(slot_i(SLOT_CARTOON_LEVELS));
    let yq = (min(n - 1.0, floor(clamp01(ys) * n)) + 0.5) / n;
    o = (vec3<f32>(yq) + (rgb - vec3<f32>(y)) * sat) * (1.0 - edge);
  } else {
    if (has(FLAG_MONO)) {
      let m = plan[SLOT_LOOK_MIX] * rgb.x + plan[SLOT_LOOK_MIX + 1u] * rgb.y + plan[SLOT_LOOK_MIX + 2u] * rgb.z;
      o = vec3<f32>(m);
    } else {
      let warm = plan[SLOT_LOOK_WARMTH];
      o = vec3<f32>(y) + (rgb - vec3<f32>(y)) * sat + vec3<f32>(warm, 0.3 * warm, -warm);
    }
    let sh = (1.0 - y) * (1.0 - y); let hi = y * y;
    let lift = plan[SLOT_LOOK_LIFT]; let gain = plan[SLOT_LOOK_GAIN]; let c = plan[SLOT_LOOK_CONTRAST];
    for (var k = 0u; k < 3u; k++) {
      var v = contrast(clamp01(o[k]), c);
      v = lift + v * (gain - lift);
      o[k] = v + sh * plan[SLOT_SHADOW_TINT + k] + hi * plan[SLOT_HIGHLIGHT_TINT + k];
    }
  }
  let s = plan[SLOT_LOOK_STRENGTH];
  return (1.0 - s) * rgb + s * o;
}

@compute @workgroup_size(8, 8)
fn tone(@builtin(global_invocation_id) id: vec3<u32>) {
  let w = slot_u(SLOT_OUT_W); let h = slot_u(SLOT_OUT_H);
  if (id.x >= w || id.y >= h) { return; }
  let p = unpack_px(src[id.y * w + id.x]);
  let px = vec3<f32>(f32(p.x), f32(p.y), f32(p.z));
  let yin = luma_dot(px) * (1.0 / 255.0);
  var rgb: vec3<f32>;
  if (has(FLAG_LINEAR)) {
    var g = 1.0;
    if (has(FLAG_GAIN)) { g = guide(SLOT_GAIN_MAP, id.x, id.y, w, h); }
    let lin = slot_u(SLOT_TO_LINEAR);
    for (var c = 0u; c < 3u; c++) {
      rgb[c] = curve(plan[lin + u32(p[c])] * plan[SLOT_GAINS + c] * g);
    }
  } else {
    rgb = px * (1.0 / 255.0);
  }
  var ys = yin;
  if (has(FLAG_DETAIL)) { ys = guide(SLOT_DETAIL_MAP, id.x, id.y, w, h); }
  let lc = plan[SLOT_LOCAL_CONTRAST];
  if (lc > 0.0) {
    let cy = clamp01(luma_dot(rgb));
    rgb += vec3<f32>(lc * (yin - ys) * 4.0 * cy * (1.0 - cy));
  }
  if (has(FLAG_COLOR)) {
    let yo = luma_dot(rgb);
    let mx = max(rgb.x, max(rgb.y, rgb.z)); let mn = min(rgb.x, min(rgb.y, rgb.z));
    let f = plan[SLOT_SATURATION] * (1.0 + plan[SLOT_VIBRANCE] * (1.0 - clamp01(mx - mn)));
    rgb = vec3<f32>(yo) + (rgb - vec3<f32>(yo)) * f;
  }
  if (has(FLAG_LOOK)) {
    var edge = 0.0;
    if (has(FLAG_EDGES)) { edge = guide(SLOT_EDGE_MAP, id.x, id.y, w, h); }
    rgb = look(yin, ys, edge, rgb);
  }
  let o = vec3<i32>(clamp(rgb, vec3<f32>(0.0), vec3<f32>(1.0)) * 255.0 + 0.5);
  dst[id.y * w + id.x] = pack_px(vec4<i32>(o, p.w));
}

// ---------------------------------------------------------------- sharpen
fn luma_at(x: i32, y: i32, w: i32) -> i32 {
  let p = unpack_px(src[u32(y * w + x)]);
  return (54 * p.x + 183 * p.y + 19 * p.z + 128) >> 8u;
}

@compute @workgroup_size(8, 8)
fn sharpen(@builtin(global_invocation_id) id: vec3<u32>) {
  let w = slot_i(SLOT_OUT_W); let h = slot_i(SLOT_OUT_H);
  let x = i32(id.x); let y = i32(id.y);
  if (x >= w || y >= h) { return; }
  let ym = max(y - 1, 0); let yp = min(y + 1, h - 1);
  let xm = max(x - 1, 0); let xp = min(x + 1, w - 1);
  let blur = (luma_at(xm, ym, w) + 2 * luma_at(x, ym, w) + luma_at(xp, ym, w) +
              2 * (luma_at(xm, y, w) + luma_at(xp, y, w)) + 4 * luma_at(x, y, w) +
              luma_at(xm, yp, w) + 2 * luma_at(x, yp, w) + luma_at(xp, yp, w) + 8) >> 4u;
  var d = luma_at(x, y, w) - blur;
  let thr = slot_i(SLOT_SHARPEN_THRESHOLD);
  d = d - clamp(d, -thr, thr);
  let delta = (d * slot_i(SLOT_SHARPEN_K)) / 256;
  let p = unpack_px(src[u32(y * w + x)]);
  dst[u32(y * w + x)] = pack_px(vec4<i32>(p.xyz + vec3<i32>(delta), p.w));
}
`;
