// Type check of the edit API (tsc --noEmit); not run.
import { Gemroll, toEditParams, toEditSettings, type EditSettings, type ExportedJpeg } from 'gemroll';

export async function editUsage(path: string): Promise<ExportedJpeg> {
  const g = await Gemroll.create({ workers: 1 });
  try {
    const ac = new AbortController();
    const auto = await g.autoEnhance(path, { signal: ac.signal });
    const settings: EditSettings = { ...toEditSettings(auto.params), look: 'film', lookStrength: 0.6 };
    const crop = await g.smartCrop(path, '4:5', { keep: [{ x: 0.4, y: 0.2, w: 0.2, h: 0.3 }] });
    settings.crop = crop.rect;
    const committed = await g.commitEdit(settings);
    const preview = await g.renderEdit(path, committed, { longSide: 512 });
    const pixels: Uint8ClampedArray | undefined = preview.rgba;
    void pixels;
    return await g.exportJpeg(path, toEditParams(committed), { quality: 90, keepLocation: false });
  } finally {
    await g.close();
  }
}
