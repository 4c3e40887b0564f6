// WGSL for the collage compositor (compose.js): per cell, a horizontal and a
// vertical resampling pass (the CPU's ResampleRect in wasm/src/collage/
// compose.cc: an exact area average per axis where the cell shrinks the
// photo, bilinear between the two nearest pixel centres where it enlarges,
// f32 accumulation, rounded once at the end), then the rounded-corner mask
// (coverage of the pixel centre), the border mixed in the accent colour and
// the blend onto the canvas, which starts as the core's chrome (background,
// decoration, title). The arithmetic follows PaintCell step by step so the
// two agree to rounding.
export const COMPOSE_WGSL = /* wgsl */ `
struct Cell {
  src_w: i32, src_h: i32, row0: i32, rows: i32,
  sx: f32, sy: f32, scale_x: f32, scale_y: f32,
  dx: i32, dy: i32, dw: i32, dh: i32,
  canvas_w: i32, canvas_h: i32, border: i32, radius: f32,
  shrink_x: u32, shrink_y: u32, pad0: u32, pad1: u32,
  accent: vec4<f32>,
}

@group(0) @binding(0) var<uniform> cell: Cell;
@group(0) @binding(1) var<storage, read> src: array<u32>;         // rows row0.. of the photo
@group(0) @binding(2) var<storage, read_write> mid: array<vec4<f32>>;  // rows x dw
@group(0) @binding(3) var<storage, read_write> canvas: array<u32>;

fn unpack_f(p: u32) -> vec4<f32> {
  return vec4<f32>(f32(p & 255u), f32((p >> 8u) & 255u), f32((p >> 16u) & 255u), f32(p >> 24u));
}
fn clamp8(v: f32) -> f32 { return floor(clamp(v + 0.5, 0.0, 255.0)); }
fn pack_f(c: vec4<f32>) -> u32 {
  let v = vec4<u32>(c);
  return v.x | (v.y << 8u) | (v.z << 16u) | (v.w << 24u);
}

// One output index's taps along an axis (BuildTaps): first source index,
// count, and for an area average the exact coverage of [a, b).
struct Taps { first: i32, count: i32, a: f32, b: f32, frac: f32, shrink: bool, }

fn taps(s0: f32, scale: f32, size: i32, i: i32, shrink: bool) -> Taps {
  var t: Taps;
  t.shrink = shrink;
  if (shrink) {
    t.a = s0 + f32(i) * scale;
    t.b = t.a + scale;
    let p0 = max(0, i32(floor(t.a)));
    let p1 = min(size - 1, i32(ceil(t.b)) - 1);
    t.first = p0;
    t.count = max(0, p1 - p0 + 1);
  } else {
    let c = s0 + (f32(i) + 0.5) * scale - 0.5;
    let p = i32(floor(c));
    t.frac = c - f32(p);
    let a = clamp(p, 0, size - 1);
    let b = clamp(p + 1, 0, size - 1);
    t.first = a;
    t.count = select(2, 1, a == b);
  }
  return t;
}

fn tap_weight(t: Taps, k: i32) -> f32 {
  if (t.shrink) {
    let p = f32(t.first + k);
    return max(0.0, min(t.b, p + 1.0) - max(t.a, p));
  }
  if (t.count == 1) { return 1.0; }
  return select(t.frac, 1.0 - t.frac, k == 0);
}

fn tap_sum(t: Taps) -> f32 {
  if (!t.shrink) { return 1.0; }
  var s = 0.0;
  for (var k = 0; k < t.count; k++) { s += tap_weight(t, k); }
  return s;
}

@compute @workgroup_size(8, 8)
fn resample_h(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = i32(id.x); let r = i32(id.y);
  if (i >= cell.dw || r >= cell.rows) { return; }
  let t = taps(cell.sx, cell.scale_x, cell.src_w, i, cell.shrink_x != 0u);
  let sum = tap_sum(t);
  var acc = vec4<f32>(0.0);
  let row = u32(r * cell.src_w);
  for (var k = 0; k < t.count; k++) {
    acc += (tap_weight(t, k) / sum) * unpack_f(src[row + u32(t.first + k)]);
  }
  mid[u32(r * cell.dw + i)] = acc;
}

// Coverage of pixel (x, y) by a rounded rectangle of radius r (RoundedCoverage).
fn rounded(x: i32, y: i32, x0: i32, y0: i32, w: i32, h: i32, r: f32) -> f32 {
  if (r <= 0.0) { return 1.0; }
  let p = vec2<f32>(f32(x) + 0.5, f32(y) + 0.5);
  let c = vec2<f32>(clamp(p.x, f32(x0) + r, f32(x0 + w) - r), clamp(p.y, f32(y0) + r, f32(y0 + h) - r));
  return clamp(r - length(p - c) + 0.5, 0.0, 1.0);
}

@compute @workgroup_size(8, 8)
fn resample_v(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = i32(id.x); let j = i32(id.y);
  if (i >= cell.dw || j >= cell.dh) { return; }
  let cx = cell.dx + i; let cy = cell.dy + j;
  if (cx < 0 || cx >= cell.canvas_w || cy < 0 || cy >= cell.canvas_h) { return; }
  let cover = min(rounded(cx, cy, cell.dx, cell.dy, cell.dw, cell.dh, cell.radius), 1.0);
  if (cover <= 0.0) { return; }
  let t = taps(cell.sy, cell.scale_y, cell.src_h, j, cell.shrink_y != 0u);
  let sum = tap_sum(t);
  var acc = vec4<f32>(0.0);
  for (var k = 0; k < t.count; k++) {
    let r = clamp(t.first + k - cell.row0, 0, cell.rows - 1);
    acc += (tap_weight(t, k) / sum) * mid[u32(r * cell.dw + i)];
  }
  var c = vec3<f32>(clamp8(acc.x), clamp8(acc.y), clamp8(acc.z));
  let bw = cell.border;
  if (bw > 0) {
    let inner = rounded(cx, cy, cell.dx + bw, cell.dy + bw, cell.dw - 2 * bw, cell.dh - 2 * bw,
                        max(0.0, cell.radius - f32(bw)));
    let in_inner = cx >= cell.dx + bw && cx < cell.dx + cell.dw - bw &&
                   cy >= cell.dy + bw && cy < cell.dy + cell.dh - bw;
    let m = select(0.0, inner, in_inner);
    let a = cell.accent.xyz;
    c = vec3<f32>(clamp8(a.x + (c.x - a.x) * m), clamp8(a.y + (c.y - a.y) * m),
                  clamp8(a.z + (c.z - a.z) * m));
  }
  let idx = u32(cy * cell.canvas_w + cx);
  let p = unpack_f(canvas[idx]);
  let o = vec3<f32>(clamp8(p.x + (c.x - p.x) * cover), clamp8(p.y + (c.y - p.y) * cover),
                    clamp8(p.z + (c.z - p.z) * cover));
  canvas[idx] = pack_f(vec4<f32>(o, 255.0));
}
`;
