// The package in a browser page: scan the picked folder in workers, show the
// gems with their reasons. Nothing leaves the page. In your own project:
// `npm install gemroll` and import from 'gemroll' (through your bundler or an
// import map).
import { Gemroll } from '../../web/package/src/index.js';

const g = await Gemroll.create();
let ac = null;
document.getElementById('cancel').onclick = () => ac && ac.abort();
document.getElementById('folder').onchange = async (e) => {
  ac = new AbortController();
  const progress = document.getElementById('progress');
  const list = document.getElementById('gems');
  list.replaceChildren();
  const records = [];
  try {
    for await (const r of g.scan(e.target.files, {
      signal: ac.signal,
      onProgress: ({ done, total }) => { progress.max = total || 1; progress.value = done; },
    })) records.push(r);
  } catch (err) {
    if (err.name !== 'AbortError') throw err;
  }
  const s = await g.suggest(records);
  for (const path of s.gems) {
    const p = s.photos.find((x) => x.path === path);
    const li = document.createElement('li');
    li.textContent = `${path} (${Math.round(p.scores.gem * 100)}): ${p.reasons.map((r) => r.text).join('; ')}`;
    list.append(li);
  }
};
