// Renders an edit on WebGPU from the plan the core makes (engine.renderPlan, RenderPlanRaw in
// wasm/bindings/render_bindings.cc, layout in gemroll/edit_plan.h): the
// per-pixel passes of RenderEditPlan (geometry, denoise, tone/colour/look,
// sharpening) as WGSL compute shaders over RGBA8 pixels packed in u32
// storage buffers. The C++ side owns every parameter and the CPU reference;
// this layer only uploads, dispatches and reads back, all on the device the
// caller gives (nothing leaves the machine).
import { GemrollError } from '../errors.js';
import { EDIT_WGSL } from './render-wgsl.js';

export const EDIT_PLAN_VERSION = 1;
const SLOT = { version: 0, inWidth: 1, inHeight: 2, outWidth: 3, outHeight: 4, flags: 5 };
const FLAG = { geometry: 1, denoise: 4, tone: 8, sharpen: 1024 };
const WORKGROUP = 8;



// A device with the adapter's buffer limits (a 12 MP image needs 48 MB
// storage bindings; the default cap is 128 MB), or null without WebGPU.
export async function requestRenderDevice(options = {}) {
  const gpu = globalThis.navigator?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter(options);
  if (!adapter) return null;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return { adapter, device, info: adapter.info || {} };
}

// Pipelines are compiled once per device.
export class EditRenderer {
  constructor(device) {
    this.device = device;
    const module = device.createShaderModule({ code: EDIT_WGSL, label: 'gemroll-edit' });
    const pipe = (entryPoint) =>
      device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint }, label: entryPoint });
    this.pipelines = {
      geometry: pipe('geometry'),
      denoise: pipe('denoise'),
      tone: pipe('tone'),
      sharpen: pipe('sharpen'),
    };
  }

  // rgba: width * height * 4 bytes (Uint8Array / Uint8ClampedArray); plan:
  // renderPlan's result (or its Float32Array). Resolves to
  // {width, height, rgba: Uint8Array} and leaves the input untouched.
  async render(rgba, width, height, plan) {
    const data = plan instanceof Float32Array ? plan : plan?.plan;
    if (!(data instanceof Float32Array) || data.length < 64) {
      throw new GemrollError('invalid_argument', 'plan must be renderPlan()\'s result');
    }
    if (data[SLOT.version] !== EDIT_PLAN_VERSION) {
      throw new GemrollError('unsupported', `edit plan version ${data[SLOT.version]}, this renderer reads ${EDIT_PLAN_VERSION}`);
    }
    if (data[SLOT.inWidth] !== width || data[SLOT.inHeight] !== height) {
      throw new GemrollError('invalid_argument', `the plan is for a ${data[SLOT.inWidth]}x${data[SLOT.inHeight]} image, not ${width}x${height}`);
    }
    if (!rgba || rgba.byteLength !== width * height * 4) {
      throw new GemrollError('invalid_argument', `rgba must hold ${width * height * 4} bytes`);
    }
    const ow = data[SLOT.outWidth];
    const oh = data[SLOT.outHeight];
    const flags = data[SLOT.flags];
    const device = this.device;
    const inBytes = width * height * 4;
    const outBytes = ow * oh * 4;
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    if (Math.max(inBytes, outBytes) > limit) {
      throw new GemrollError('too_large', `${Math.max(inBytes, outBytes)} bytes of pixels exceed this device's ${limit}-byte buffers`);
    }
    const STORAGE = GPUBufferUsage.STORAGE;
    const created = [];
    const buffer = (size, usage, label) => {
      const b = device.createBuffer({ size, usage, label });
      created.push(b);
      return b;
    };
    try {
      const planBuf = buffer(data.byteLength, STORAGE | GPUBufferUsage.COPY_DST, 'plan');
      device.queue.writeBuffer(planBuf, 0, data);
      const srcBuf = buffer(inBytes, STORAGE | GPUBufferUsage.COPY_DST, 'source');
      const bytes = rgba instanceof Uint8Array ? rgba : new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
      device.queue.writeBuffer(srcBuf, 0, bytes);
      const ping = [buffer(outBytes, STORAGE | GPUBufferUsage.COPY_SRC, 'a'), buffer(outBytes, STORAGE | GPUBufferUsage.COPY_SRC, 'b')];
      const readBuf = buffer(outBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'readback');

      const encoder = device.createCommandEncoder();
      let cur = srcBuf;
      let next = 0;
      const pass = (name) => {
        const pipeline = this.pipelines[name];
        const out = ping[next];
        next ^= 1;
        const bind = device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: { buffer: planBuf } },
            { binding: 1, resource: { buffer: cur } },
            { binding: 2, resource: { buffer: out } },
          ],
        });
        const cp = encoder.beginComputePass({ label: name });
        cp.setPipeline(pipeline);
        cp.setBindGroup(0, bind);
        cp.dispatchWorkgroups(Math.ceil(ow / WORKGROUP), Math.ceil(oh / WORKGROUP));
        cp.end();
        cur = out;
      };
      if (flags & FLAG.geometry) pass('geometry');
      if (flags & FLAG.denoise) pass('denoise');
      if (flags & FLAG.tone) pass('tone');
      if (flags & FLAG.sharpen) pass('sharpen');
      encoder.copyBufferToBuffer(cur, 0, readBuf, 0, outBytes);
      device.queue.submit([encoder.finish()]);
      await readBuf.mapAsync(GPUMapMode.READ);
      const out = new Uint8Array(readBuf.getMappedRange().slice(0));
      readBuf.unmap();
      return { width: ow, height: oh, rgba: out };
    } finally {
      for (const b of created) b.destroy();
    }
  }
}

// One-shot helper: plan with the core, render on the device.
//   engine: the wasm module (createGemrollModule()), device: a GPUDevice.
export async function renderEditGpu(engine, device, rgba, width, height, paramsJson) {
  const plan = engine.renderPlan(rgba, width, height, paramsJson);
  return new EditRenderer(device).render(rgba, width, height, plan);
}

// Peak signal-to-noise ratio over R, G, B (dB; Infinity when identical).
export function psnrRgb(a, b) {
  if (a.length !== b.length) return -Infinity;
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = a[i + c] - b[i + c];
      se += d * d;
    }
    n += 3;
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255 * n) / se);
}
