// The HTML report `gemroll scan DIR --html FILE` writes: one self-contained
// file (inline CSS, thumbnails as data: URLs, no script, no external request)
// built from suggestions.json and the scan's JPEG thumbnails.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222;background:#fafafa}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{margin-bottom:.3em}
.summary{display:flex;flex-wrap:wrap;gap:.5em 1.5em;padding:0;list-style:none}
.summary li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.4em .8em}
.grid{display:flex;flex-wrap:wrap;gap:12px}
.item{background:#fff;border:1px solid #ddd;border-radius:6px;width:200px;padding:6px;overflow-wrap:anywhere}
.item.kept{border:2px solid #2a7}.item img{display:block;max-width:100%;max-height:180px;margin:0 auto}
.noimg{height:80px;display:flex;align-items:center;justify-content:center;color:#888;background:#eee}
.path{font-weight:600;font-size:.9em}.tag{font-size:.8em;color:#555}.kept .tag{color:#2a7;font-weight:600}
ul.reasons{margin:.3em 0 0;padding-left:1.1em;font-size:.8em;color:#444}
.group{margin-bottom:1em}.empty{color:#888;font-style:italic}`;

// suggestions: suggestions.json; thumbnails: Map(path -> Uint8Array JPEG).
export function renderReport(suggestions, thumbnails, { title = 'Gemroll report', generator = '' } = {}) {
  const photos = new Map(suggestions.photos.map((p) => [p.path, p]));
  const thumb = (path) => {
    const t = thumbnails.get(path);
    return t
      ? `<img alt="" src="data:image/jpeg;base64,${Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('base64')}">`
      : '<div class="noimg">no preview</div>';
  };
  const reasons = (list) =>
    list && list.length ? `<ul class="reasons">${list.map((r) => `<li>${escapeHtml(r.text || r.code)}</li>`).join('')}</ul>` : '';
  const item = (path, { tag = '', kept = false, extraReasons = null } = {}) => {
    const p = photos.get(path) || { path };
    const why = extraReasons || [...(p.reasons || []), ...(p.qualityReasons || []).filter((r) => r.code !== 'ok')];
    const err = p.error ? `<div class="tag">${escapeHtml(p.error.code)}: ${escapeHtml(p.error.message)}</div>` : '';
    return `<div class="item${kept ? ' kept' : ''}">${p.ok ? thumb(path) : ''}<div class="path">${escapeHtml(path)}</div>` +
      `${tag ? `<div class="tag">${escapeHtml(tag)}</div>` : ''}${err}${reasons(why)}</div>`;
  };
  const grid = (items) => (items.length ? `<div class="grid">${items.join('')}</div>` : '<p class="empty">None.</p>');
  const section = (id, heading, body) => `<section id="${id}"><h2>${escapeHtml(heading)}</h2>${body}</section>`;

  const s = suggestions.summary;
  const summary = `<ul class="summary">${[
    ['files', s.photos], ['readable', s.ok], ['unreadable', s.failed], ['duplicate/burst groups', s.groups],
    ['moments', s.moments], ['gems', s.gems],
  ].map(([k, v]) => `<li><b>${escapeHtml(v)}</b> ${escapeHtml(k)}</li>`).join('')}</ul>`;

  const gems = grid(suggestions.gems.map((path, i) => {
    const p = photos.get(path);
    const score = p && p.scores ? ` · gem score ${p.scores.gem.toFixed(2)}` : '';
    return item(path, { tag: `#${i + 1}${score}` });
  }));

  const moments = suggestions.moments.length
    ? suggestions.moments.map((m) => `<div class="group"><h3>${escapeHtml(m.title)}</h3>` +
        `<div class="tag">${escapeHtml(m.subtitle)} · ${escapeHtml(m.type.replace(/_/g, ' '))} · ` +
        `${escapeHtml(m.members.length)} photos, picks:</div>` +
        grid(m.picks.map((path) => item(path, { tag: path === m.cover ? 'cover' : '' }))) + '</div>').join('')
    : '<p class="empty">None.</p>';

  const ok = suggestions.photos.filter((p) => p.ok);
  const kinds = ['screenshot', 'document', 'receipt'];
  const byKind = ok.filter((p) => kinds.includes(p.kind));
  const blurry = ok.filter((p) => p.blurry);
  const groups = suggestions.groups.length
    ? suggestions.groups.map((grp) => `<div class="group"><h3>${escapeHtml(grp.type)} group ${escapeHtml(grp.id)}` +
        ` (${escapeHtml(grp.members.length)} photos)</h3>${reasons(grp.reasons)}` +
        grid(grp.members.map((path, i) => {
          const relation = (grp.relations && grp.relations[i]) || '';
          const kept = path === grp.best;
          return item(path, { kept, tag: `${kept ? 'keep' : 'can go'}${relation ? ` · ${relation.replace(/_/g, ' ')}` : ''}` });
        })) + '</div>').join('')
    : '<p class="empty">None.</p>';
  const cleanup =
    `<h3>Screenshots, documents and receipts</h3>` +
    grid(byKind.map((p) => item(p.path, { tag: p.kind, extraReasons: p.kindReasons }))) +
    `<h3>Blurry</h3>` +
    grid(blurry.map((p) => item(p.path, { tag: p.blurType ? `blurry (${p.blurType})` : 'blurry', extraReasons: p.qualityReasons }))) +
    `<h3>Duplicates and bursts</h3>${groups}`;

  const unreadable = grid(suggestions.photos.filter((p) => !p.ok).map((p) => item(p.path)));

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="tag">${escapeHtml(generator)}${suggestions.today ? ` · today ${escapeHtml(suggestions.today)}` : ''}</p>
${section('summary', 'Summary', summary)}
${section('gems', 'Gems (best first)', gems)}
${section('moments', 'Moments', moments)}
${section('cleanup', 'Cleanup', cleanup)}
${section('unreadable', 'Unreadable files', unreadable)}
</body></html>
`;
}
