// Makes MediaPipe's BlazeFace back model (keijiro's Barracuda ONNX, fixed
// [1, 256, 256, 3] input) take any input size whose sides are multiples of
// 32, so a 4:3 photo runs as 256x192 instead of 256x256 with a quarter of
// black padding (0.7x the inference time; weights untouched). The network
// is fully convolutional; only three things pin its size:
//   - the graph input's dims -> [1, 'height', 'width', 3];
//   - its two channel paddings, Concat(x, ConstantOfShape([1, C, 32, 32]))
//     on axis 1 -> Pad(x, pads = [0, 0, 0, 0, 0, C, 0, 0]) (the same zeros);
//   - the four output Reshapes to [1, 512 | 384, 1 | 16] -> [1, -1, ...], and
//     the outputs' dims -> [1, 'anchors', ...].
// Intermediate value_info (fixed shapes) is dropped; ORT infers them.
// Deterministic: models/fetch.mjs pins the result's sha256 like a download's.
//
//   node models/onnx-any-size.mjs IN.onnx OUT.onnx
// A small protobuf reader/writer of our own: messages as [{f, w, v}] lists,
// rewritten field by field (no ONNX library on npm or Debian here would
// add anything but size; convert-tfjs.mjs writes ONNX the same way).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// ---- protobuf -----------------------------------------------------------------

// [{f: field, w: wire type, v: BigInt (varint) | Uint8Array}] in file order.
export function parseMessage(buf) {
  const out = [];
  let p = 0;
  const varint = () => {
    let r = 0n;
    let shift = 0n;
    for (;;) {
      if (p >= buf.length) throw new Error('truncated varint');
      const b = buf[p++];
      r |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return r;
      shift += 7n;
    }
  };
  const take = (n) => {
    if (p + n > buf.length) throw new Error('truncated field');
    const v = buf.subarray(p, p + n);
    p += n;
    return v;
  };
  while (p < buf.length) {
    const key = Number(varint());
    const f = key >>> 3, w = key & 7;
    if (w === 0) out.push({ f, w, v: varint() });
    else if (w === 2) out.push({ f, w, v: take(Number(varint())) });
    else if (w === 5) out.push({ f, w, v: take(4) });
    else if (w === 1) out.push({ f, w, v: take(8) });
    else throw new Error(`unsupported wire type ${w}`);
  }
  return out;
}

function varintBytes(v) {
  const out = [];
  let x = BigInt.asUintN(64, BigInt(v));
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return Uint8Array.from(out);
}

export function serializeMessage(fields) {
  const parts = [];
  for (const { f, w, v } of fields) {
    parts.push(varintBytes((f << 3) | w));
    if (w === 0) parts.push(varintBytes(v));
    else if (w === 2) parts.push(varintBytes(v.length), v);
    else parts.push(v);
  }
  const out = new Uint8Array(parts.reduce((n, u) => n + u.length, 0));
  let o = 0;
  for (const u of parts) {
    out.set(u, o);
    o += u.length;
  }
  return out;
}

const te = new TextEncoder();
const td = new TextDecoder();
const text = (u) => td.decode(u);
const S = (f, s) => ({ f, w: 2, v: te.encode(s) });
const M = (f, fields) => ({ f, w: 2, v: serializeMessage(fields) });
const I = (f, n) => ({ f, w: 0, v: BigInt(n) });
const get = (fields, f) => fields.find((x) => x.f === f);
const all = (fields, f) => fields.filter((x) => x.f === f);

// ONNX field numbers used below (onnx.proto3).
const MODEL_GRAPH = 7;
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13 };
const NODE = { input: 1, output: 2, name: 3, opType: 4 };
const TENSOR = { dims: 1, dataType: 2, name: 8, raw: 9 };
const INT64 = 7;

export function anySize(bytes) {
  const model = parseMessage(bytes);
  const gi = model.findIndex((e) => e.f === MODEL_GRAPH);
  if (gi < 0) throw new Error('no graph');
  const graph = parseMessage(model[gi].v);
  const nodes = all(graph, GRAPH.node).map((e) => parseMessage(e.v));
  const opType = (n) => text(get(n, NODE.opType).v);
  // ConstantOfShape outputs -> the channel count of their shape_1xCxHxW input.
  const zeros = new Map();
  for (const n of nodes) {
    if (opType(n) !== 'ConstantOfShape') continue;
    const shape = text(get(n, NODE.input).v).match(/^shape_1x(\d+)x\d+x\d+$/);
    if (!shape) throw new Error(`unexpected ConstantOfShape input ${text(get(n, NODE.input).v)}`);
    zeros.set(text(get(n, NODE.output).v), Number(shape[1]));
  }
  if (zeros.size !== 2) throw new Error(`expected 2 channel paddings, found ${zeros.size}`);
  const out = [];
  const added = [];
  let reshapes = 0;
  for (const e of graph) {
    if (e.f === GRAPH.node) {
      const n = parseMessage(e.v);
      const op = opType(n);
      if (op === 'ConstantOfShape') continue;
      if (op === 'Concat') {
        const ins = all(n, NODE.input).map((x) => text(x.v));
        const channels = zeros.get(ins[1]);
        if (ins.length !== 2 || channels === undefined) throw new Error('unexpected Concat');
        const pads = `gemroll_pad_channels_${channels}`;
        added.push(M(GRAPH.initializer, [I(TENSOR.dims, 8), I(TENSOR.dataType, INT64), S(TENSOR.name, pads),
          { f: TENSOR.raw, w: 2, v: new Uint8Array(BigInt64Array.of(0n, 0n, 0n, 0n, 0n, BigInt(channels), 0n, 0n).buffer) }]));
        const name = get(n, NODE.name);
        out.push(M(GRAPH.node, [S(NODE.input, ins[0]), S(NODE.input, pads), ...all(n, NODE.output),
          ...(name ? [name] : []), S(NODE.opType, 'Pad')]));
        continue;
      }
      out.push(e);
    } else if (e.f === GRAPH.initializer) {
      const t = parseMessage(e.v);
      const name = text(get(t, TENSOR.name).v);
      if (/^shape_1x\d+x\d+x\d+$/.test(name)) continue;
      const raw = get(t, TENSOR.raw);
      const dims = all(t, TENSOR.dims).map((x) => Number(x.v));
      if (Number(get(t, TENSOR.dataType).v) === INT64 && dims.length === 1 && dims[0] === 3 && raw) {
        const v = new BigInt64Array(new Uint8Array(raw.v).buffer);
        if (v[0] === 1n && (v[1] === 512n || v[1] === 384n)) {
          v[1] = -1n;
          raw.v = new Uint8Array(v.buffer);
          reshapes++;
          out.push(M(GRAPH.initializer, t));
          continue;
        }
      }
      out.push(e);
    } else if (e.f === GRAPH.input || e.f === GRAPH.output) {
      // ValueInfo {name 1, type 2: TypeProto {tensor_type 1: {elem_type 1, shape 2}}}.
      const vi = parseMessage(e.v);
      const tensorType = parseMessage(get(parseMessage(get(vi, 2).v), 1).v);
      const dimsIn = all(parseMessage(get(tensorType, 2).v), 1).map((d) => Number(get(parseMessage(d.v), 1)?.v ?? -1));
      const dims = e.f === GRAPH.input ? [1, 'height', 'width', dimsIn[3]] : [1, 'anchors', dimsIn[2]];
      const shape = dims.map((d) => M(1, [typeof d === 'string' ? S(2, d) : I(1, d)]));
      out.push(M(e.f, [get(vi, 1), M(2, [M(1, [get(tensorType, 1), M(2, shape)])])]));
    } else if (e.f !== GRAPH.valueInfo) {
      out.push(e);
    }
  }
  if (reshapes !== 4) throw new Error(`expected 4 output reshapes, found ${reshapes}`);
  // Initializers after the nodes, as the writer of the source file had them.
  model[gi] = M(MODEL_GRAPH, [...out, ...added]);
  return serializeMessage(model);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node models/onnx-any-size.mjs IN.onnx OUT.onnx');
    process.exit(2);
  }
  const bytes = anySize(new Uint8Array(readFileSync(input)));
  writeFileSync(output, bytes);
  console.log(`onnx-any-size: ${output} ${bytes.byteLength} bytes`);
}
