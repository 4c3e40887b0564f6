// Composes a collage on WebGPU from the plan the core makes
// (collageGpuPlanRaw in wasm/bindings/collage_gpu_bindings.cc, PlanCollageGpu
// in gemroll/collage.h): the canvas starts as the core's chrome (background,
// decoration, title), then each cell's photo, decoded by the core at the
// scale the CPU compositor uses, is resampled into its draw rect, masked
// with its rounded corners and border and blended on (compose-wgsl.js). The
// core owns every number and the CPU reference (collageRgbaRaw); this layer
// only uploads, dispatches and reads back on the device the caller gives.
import { COMPOSE_WGSL } from './compose-wgsl.js';
import { GemrollError } from '../errors.js';

const WORKGROUP = 8;
const CELL_BYTES = 96;  // struct Cell in compose-wgsl.js


// Per axis, as BuildTaps in wasm/src/collage/compose.cc (in doubles, as
// there): whether the axis shrinks, its scale, and the source rows the
// vertical taps read (so only those rows are uploaded and resampled).
function axis(s0, len, size, out) {
  const scale = len / out;
  return { s0, scale, shrink: scale > 1, size };
}

function rowRange(ax, out) {
  let row0 = Infinity;
  let row1 = -Infinity;
  for (const i of [0, out - 1]) {
    let first;
    let last;
    if (ax.shrink) {
      const a = ax.s0 + i * ax.scale;
      const b = a + ax.scale;
      first = Math.max(0, Math.floor(a));
      last = Math.min(ax.size - 1, Math.ceil(b) - 1);
    } else {
      const c = ax.s0 + (i + 0.5) * ax.scale - 0.5;
      const p = Math.floor(c);
      first = Math.min(Math.max(p, 0), ax.size - 1);
      last = Math.min(Math.max(p + 1, 0), ax.size - 1);
    }
    row0 = Math.min(row0, first);
    row1 = Math.max(row1, last + 1);
  }
  // f32 on the GPU may reach one row further either way.
  return { row0: Math.max(0, row0 - 1), row1: Math.min(ax.size, row1 + 1) };
}

function checkPlan(plan) {
  const bad = (why) => new GemrollError('invalid_argument', `collage plan: ${why}`);
  if (!plan || !(plan.chrome instanceof Uint8Array) || !Array.isArray(plan.cells)) {
    throw bad('expected collageGpuPlan()\'s result');
  }
  const { width, height } = plan;
  if (!(width > 0 && height > 0) || plan.chrome.length !== width * height * 4) throw bad('chrome size');
  plan.cells.forEach((c, n) => {
    if (!(c.rgba instanceof Uint8Array) || c.rgba.length !== c.width * c.height * 4 || !(c.width > 0 && c.height > 0)) {
      throw bad(`cell ${n}: pixels`);
    }
    const [, , sw, sh] = c.src;
    const [, , dw, dh] = c.draw;
    if (!(sw > 0 && sh > 0 && dw > 0 && dh > 0)) throw bad(`cell ${n}: empty rect`);
  });
}

// Pipelines are compiled once per device.
export class CollageCompositor {
  constructor(device) {
    this.device = device;
    const module = device.createShaderModule({ code: COMPOSE_WGSL, label: 'gemroll-collage' });
    const pipe = (entryPoint) =>
      device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint }, label: entryPoint });
    this.horizontal = pipe('resample_h');
    this.vertical = pipe('resample_v');
  }

  // plan: collageGpuPlan()'s result. Resolves to {width, height, rgba}.
  async compose(plan) {
    checkPlan(plan);
    const device = this.device;
    const { width, height } = plan;
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    if (width * height * 4 > limit) {
      throw new GemrollError('too_large', `a ${width}x${height} canvas exceeds this device's ${limit}-byte buffers`);
    }
    const STORAGE = GPUBufferUsage.STORAGE;
    const created = [];
    const buffer = (size, usage, label) => {
      const b = device.createBuffer({ size: Math.max(16, Math.ceil(size / 4) * 4), usage, label });
      created.push(b);
      return b;
    };
    try {
      const canvasBytes = width * height * 4;
      const canvas = buffer(canvasBytes, STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC, 'canvas');
      device.queue.writeBuffer(canvas, 0, plan.chrome);
      const encoder = device.createCommandEncoder();
      for (const c of plan.cells) {
        const [sx, sy, sw, sh] = c.src;
        const [dx, dy, dw, dh] = c.draw;
        const ax = axis(sx, sw, c.width, dw);
        const ay = axis(sy, sh, c.height, dh);
        const { row0, row1 } = rowRange(ay, dh);
        const rows = row1 - row0;
        const rowBytes = c.width * 4;
        if (rows * rowBytes > limit || rows * dw * 16 > limit) {
          throw new GemrollError('too_large', `cell ${c.photo}: ${c.width}x${rows} source rows exceed this device's ${limit}-byte buffers`);
        }
        const params = new ArrayBuffer(CELL_BYTES);
        const i32 = new Int32Array(params);
        const f32 = new Float32Array(params);
        const u32 = new Uint32Array(params);
        i32.set([c.width, c.height, row0, rows], 0);
        f32.set([ax.s0, ay.s0, ax.scale, ay.scale], 4);
        i32.set([dx, dy, dw, dh, width, height, c.border], 8);
        f32[15] = c.radius;
        u32.set([ax.shrink ? 1 : 0, ay.shrink ? 1 : 0, 0, 0], 16);
        f32.set([plan.accent[0], plan.accent[1], plan.accent[2], 255], 20);
        const uniform = buffer(CELL_BYTES, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'cell');
        device.queue.writeBuffer(uniform, 0, params);
        const src = buffer(rows * rowBytes, STORAGE | GPUBufferUsage.COPY_DST, 'photo');
        device.queue.writeBuffer(src, 0, c.rgba, row0 * rowBytes, rows * rowBytes);
        const mid = buffer(rows * dw * 16, STORAGE, 'rows');
        const bind = (pipeline, entries) =>
          device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
        const pass = encoder.beginComputePass({ label: `cell ${c.photo}` });
        pass.setPipeline(this.horizontal);
        pass.setBindGroup(0, bind(this.horizontal, [
          { binding: 0, resource: { buffer: uniform } },
          { binding: 1, resource: { buffer: src } },
          { binding: 2, resource: { buffer: mid } },
        ]));
        pass.dispatchWorkgroups(Math.ceil(dw / WORKGROUP), Math.ceil(rows / WORKGROUP));
        pass.setPipeline(this.vertical);
        pass.setBindGroup(0, bind(this.vertical, [
          { binding: 0, resource: { buffer: uniform } },
          { binding: 2, resource: { buffer: mid } },
          { binding: 3, resource: { buffer: canvas } },
        ]));
        pass.dispatchWorkgroups(Math.ceil(dw / WORKGROUP), Math.ceil(dh / WORKGROUP));
        pass.end();
      }
      const readBuf = buffer(canvasBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'readback');
      encoder.copyBufferToBuffer(canvas, 0, readBuf, 0, canvasBytes);
      device.queue.submit([encoder.finish()]);
      await readBuf.mapAsync(GPUMapMode.READ);
      const rgba = new Uint8Array(readBuf.getMappedRange().slice(0));
      readBuf.unmap();
      return { width, height, rgba };
    } finally {
      for (const b of created) b.destroy();
    }
  }
}

// One-shot helper: plan with the core, compose on the device.
//   engine: the wasm module; items, options, font: as for collageRaw.
// Resolves to {width, height, rgba, layout, titleDrawn, titleOverlapPixels}.
export async function composeCollageGpu(engine, device, items, options = {}, font = null, compositor = null) {
  const plan = engine.collageGpuPlan(items, options, font);
  const out = await (compositor || new CollageCompositor(device)).compose(plan);
  return { ...out, layout: JSON.parse(plan.json), titleDrawn: plan.titleDrawn, titleOverlapPixels: plan.titleOverlapPixels };
}
