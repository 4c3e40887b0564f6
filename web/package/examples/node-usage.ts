// Scans a folder with the gemroll package and prints the sharpest photos.
// Type-checked by `npx tsc --noEmit` (web/package/tsconfig.json).
import { Gemroll, loadEngine, SCHEMA_VERSION, type PhotoRecord, type ScanProgress } from 'gemroll';

export async function sharpest(folder: string, count = 5): Promise<string[]> {
  const controller = new AbortController();
  const g = await Gemroll.create({ workers: 2 });
  const ok: { path: string; sharpness: number }[] = [];
  try {
    for await (const r of g.scan(folder, {
      signal: controller.signal,
      onProgress: (p: ScanProgress) => {
        if (p.stage === 'analysing' && p.done === p.total) console.log(`${p.total} files`);
      },
    })) {
      if (r.ok) ok.push({ path: r.path, sharpness: r.metrics.sharpness });
      else console.warn(`${r.path}: ${r.error.code} (${r.error.message})`);
    }
  } finally {
    await g.close();
  }
  return ok.sort((a, b) => b.sharpness - a.sharpness).slice(0, count).map((p) => p.path);
}

export async function oneBuffer(bytes: Uint8Array): Promise<PhotoRecord[]> {
  await using g = await Gemroll.create({ workers: 1, variant: 'scalar' });
  const records: PhotoRecord[] = [];
  for await (const r of g.scan([{ name: 'a.jpg', data: bytes }, new Blob([bytes.slice()])])) records.push(r);
  return records;
}

export async function inThisThread(bytes: Uint8Array): Promise<number> {
  const engine = await loadEngine({ assetsBase: new URL('../wasm/', import.meta.url) });
  try {
    const { analysis } = engine.analyzePhoto(bytes, { minShortSide: 256, thumbnailLongSide: 0 });
    return analysis.width * analysis.height;
  } catch (e) {
    const code = (e as { code?: string }).code;
    console.warn(`rejected: ${code}`);
    return SCHEMA_VERSION * 0;
  }
}

// A WebP this program decoded itself (e.g. with sharp): the pixels for the
// metrics, the file for format, hash and EXIF; then curated with place names.
export async function decodedElsewhere(webp: Uint8Array, rgba: Uint8Array, width: number, height: number,
                                       gazetteerTsv: Uint8Array): Promise<string | undefined> {
  const engine = await loadEngine();
  const { analysis, curation } = engine.analyzeRgba(rgba, width, height, { fileBytes: webp, recordPath: 'a.webp' });
  using places = engine.loadGazetteer(gazetteerTsv);
  const s = engine.curate([{ path: 'a.webp', curation }], { today: '2026-01-01', gazetteer: places });
  return analysis.exif.dateTimeOriginal ?? s.moments[0]?.title;
}

export async function withoutPlaces(folder: string): Promise<string[]> {
  await using g = await Gemroll.create({ gazetteer: false });
  const records: PhotoRecord[] = [];
  for await (const r of g.scan(folder, { cache: false })) records.push(r);
  const s = await g.suggest(records, { today: '', gazetteer: new URL('file:///usr/share/gemroll/places.tsv') });
  return s.moments.map((m) => m.title);
}
