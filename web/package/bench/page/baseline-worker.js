// The baseline a web developer would write for "is it sharp, is it a
// duplicate" without gemroll, in one worker: decode with createImageBitmap,
// read pixels with OffscreenCanvas.getImageData, then in plain JS a luma
// plane, the variance of its 4-neighbour Laplacian and a 64-bit dHash (9×8
// box-averaged luma, one bit per horizontal neighbour pair).

function lumaOf(rgba, n) {
  const y = new Float32Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) y[i] = 0.299 * rgba[j] + 0.587 * rgba[j + 1] + 0.114 * rgba[j + 2];
  return y;
}

function laplacianVariance(y, w, h) {
  let sum = 0;
  let sum2 = 0;
  for (let r = 1; r < h - 1; r++) {
    const o = r * w;
    for (let c = 1; c < w - 1; c++) {
      const i = o + c;
      const v = y[i - w] + y[i + w] + y[i - 1] + y[i + 1] - 4 * y[i];
      sum += v;
      sum2 += v * v;
    }
  }
  const n = (w - 2) * (h - 2);
  const mean = sum / n;
  return sum2 / n - mean * mean;
}

function dHash(y, w, h) {
  const cells = new Float64Array(72);
  const counts = new Uint32Array(72);
  for (let r = 0; r < h; r++) {
    const cr = Math.min(7, Math.floor((r * 8) / h)) * 9;
    const o = r * w;
    for (let c = 0; c < w; c++) {
      const k = cr + Math.min(8, Math.floor((c * 9) / w));
      cells[k] += y[o + c];
      counts[k]++;
    }
  }
  let hash = 0n;
  for (let r = 0; r < 8; r++) {
    for (let c = 0; c < 8; c++) {
      const a = cells[r * 9 + c] / counts[r * 9 + c];
      const b = cells[r * 9 + c + 1] / counts[r * 9 + c + 1];
      hash = (hash << 1n) | (a > b ? 1n : 0n);
    }
  }
  return hash.toString(16).padStart(16, '0');
}

async function analyse(file, resize) {
  const bitmap = resize
    ? await createImageBitmap(file, { resizeWidth: resize.width, resizeHeight: resize.height, resizeQuality: 'medium' })
    : await createImageBitmap(file);
  const { width: w, height: h } = bitmap;
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, w, h);
  const y = lumaOf(data, w * h);
  return { width: w, height: h, sharpness: laplacianVariance(y, w, h), dhash: dHash(y, w, h) };
}

self.onmessage = async (e) => {
  const { files, resize } = e.data;
  try {
    await analyse(files[0], resize);  // warm-up: JIT, decoder
    const t0 = performance.now();
    let first = null;
    for (const f of files) {
      const r = await analyse(f, resize);
      if (!first) first = r;
    }
    const seconds = (performance.now() - t0) / 1000;
    self.postMessage({ photos: files.length, seconds, photosPerSecond: files.length / seconds, sample: first });
  } catch (err) {
    self.postMessage({ error: { name: err && err.name, message: String((err && err.message) || err) } });
  }
};
