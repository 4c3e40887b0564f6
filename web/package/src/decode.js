// Formats the core does not decode (WebP, AVIF, GIF): where the runtime has a
// platform image decoder (browsers: createImageBitmap + OffscreenCanvas, in
// the worker), the worker decodes them there and analyses the RGBA pixels
// with the engine. Formats are told by their bytes, never by file names.
import { GemrollError } from './errors.js';

const ascii = (b, at, n) => String.fromCharCode(...b.subarray(at, at + n));

// 'webp' | 'gif' | 'avif' | 'heif' | null, from the first bytes.
export function sniffFormat(bytes) {
  const b = bytes;
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 16 && ascii(b, 4, 4) === 'ftyp') {
    const size = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    const end = Math.min(b.length, Math.max(16, size));
    const brands = [ascii(b, 8, 4)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
    if (brands.some((x) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(x))) return 'heif';
  }
  return null;
}

const NAMES = { webp: 'WebP', gif: 'GIF', avif: 'AVIF' };
const MIME = { webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' };

export function platformDecoderAvailable() {
  return typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function';
}

// The error message for a format the engine returned `unsupported` for.
export function unsupportedMessage(format, why) {
  const name = NAMES[format];
  if (why) return `${name}: the core does not decode ${name} and the platform decoder failed (${why})`;
  return `${name}: the core does not decode ${name} and this runtime has no platform image decoder ` +
    '(createImageBitmap + OffscreenCanvas, as in browsers)';
}

// {rgba: Uint8ClampedArray, width, height} decoded by the platform (first
// frame for animations; EXIF orientation applied by the platform).
export async function platformDecode(bytes, format, maxPixels) {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: MIME[format] }),
    { premultiplyAlpha: 'none', colorSpaceConversion: 'default' });
  try {
    const { width, height } = bitmap;
    if (!(width > 0 && height > 0)) throw new Error('empty image');
    if (maxPixels > 0 && width * height > maxPixels) {
      const e = new Error(`image is ${width}x${height}, over maxPixels`);
      e.code = 'too_large';
      throw e;
    }
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    return { rgba: ctx.getImageData(0, 0, width, height).data, width, height };
  } finally {
    bitmap.close();
  }
}

// XXH64 (seed 0) of the bytes as 16 hex digits, the core's contentHash: the
// browser scan cache's edge hash where crypto.subtle is missing (insecure
// origins), and the tests' check of the core's value.
const M = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;
const rotl = (x, r) => ((x << BigInt(r)) | (x >> BigInt(64 - r))) & M;
const round = (acc, lane) => (rotl((acc + lane * P2) & M, 31) * P1) & M;
const merge = (acc, v) => ((((acc ^ round(0n, v)) * P1) & M) + P4) & M;

export function xxh64Hex(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let i = 0;
  let h;
  if (n >= 32) {
    let v1 = (P1 + P2) & M, v2 = P2, v3 = 0n, v4 = (M + 1n - P1) & M;
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, view.getBigUint64(i, true));
      v2 = round(v2, view.getBigUint64(i + 8, true));
      v3 = round(v3, view.getBigUint64(i + 16, true));
      v4 = round(v4, view.getBigUint64(i + 24, true));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) & M;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & M;
  for (; i + 8 <= n; i += 8) h = ((rotl(h ^ round(0n, view.getBigUint64(i, true)), 27) * P1) & M) + P4 & M;
  if (i + 4 <= n) {
    h = (((rotl(h ^ ((BigInt(view.getUint32(i, true)) * P1) & M), 23) * P2) & M) + P3) & M;
    i += 4;
  }
  for (; i < n; i++) h = (rotl(h ^ ((BigInt(bytes[i]) * P5) & M), 11) * P1) & M;
  h ^= h >> 33n; h = (h * P2) & M;
  h ^= h >> 29n; h = (h * P3) & M;
  h ^= h >> 32n;
  return h.toString(16).padStart(16, '0');
}

// Runs `call(input, options)` on the file's bytes; where the core reports
// the format unsupported (WebP, AVIF, GIF), decodes it with the platform and
// calls again with upright RGBA and {width, height, fileBytes} added to the
// options (the file goes along so the core sets format, size, hash and EXIF
// as for the formats it decodes itself). HEIC/HEIF is the core's own
// (libheif): its verdict and message stand. Throws a GemrollError naming the
// format where the platform cannot decode it (node, a decoder failure).
export async function withPlatformFallback(bytes, options, call) {
  try {
    return call(bytes, options);
  } catch (e) {
    const format = e && e.code === 'unsupported' ? sniffFormat(bytes) : null;
    if (!format || format === 'heif') throw e;
    if (!platformDecoderAvailable()) throw new GemrollError('unsupported', unsupportedMessage(format));
    let decoded;
    try {
      decoded = await platformDecode(bytes, format, options && options.maxPixels);
    } catch (err) {
      if (err && err.code === 'too_large') throw new GemrollError('too_large', err.message);
      throw new GemrollError('unsupported', unsupportedMessage(format, String((err && err.message) || err)));
    }
    const rgba = new Uint8Array(decoded.rgba.buffer, decoded.rgba.byteOffset, decoded.rgba.byteLength);
    return call(rgba, { ...options, width: decoded.width, height: decoded.height, fileBytes: bytes });
  }
}
