// Writes data/geo/map.txt, the map view's geodata: the countries the archive
// can name that lie in the frame of Central Asia, the Caucasus and Russia,
// projected (conic conformal, centred on Central Asia) to a fixed view box,
// simplified to what the map's size shows, each as an SVG path string with
// whole-number coordinates, so the app only concatenates them.
//
// Source: the npm package world-atlas (ISC), Natural Earth's 1:50m admin-0
// countries (public domain). Simplified with topojson-simplify, projected
// with d3-geo. Run `node scripts/make-geo.mjs` after a change of either
// package or of the country list; the output is committed and published as
// a content-hashed piece (crates/publish).
//
// Format, one line each: `W H` (the view box), then `CODE PATH` per country.
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import { presimplify, simplify, quantile } from 'topojson-simplify';
import { geoConicConformal, geoPath } from 'd3-geo';

const root = new URL('..', import.meta.url);
const topo = JSON.parse(readFileSync(new URL('node_modules/world-atlas/countries-50m.json', root)));

// ISO 3166-1 numeric (world-atlas ids) to the alpha-2 codes events carry:
// the countries crates/core/src/country.rs names that the frame shows.
const CODES = {
  '398': 'KZ', '643': 'RU', '417': 'KG', '762': 'TJ', '860': 'UZ', '795': 'TM',
  '031': 'AZ', '051': 'AM', '268': 'GE', '004': 'AF', '364': 'IR', '112': 'BY',
  '804': 'UA', '156': 'CN', '586': 'PK', '792': 'TR', '440': 'LT', '616': 'PL',
};

const W = 960;
// Keep the detail a 960-pixel map shows (about a pixel at Central Asia's scale).
const pre = presimplify(topo);
const simplified = simplify(pre, quantile(pre, 0.1));
const all = feature(simplified, simplified.objects.countries).features;
const mine = all.filter((f) => CODES[f.id]);
// The frame: Russia, the member states and the Caucasus; what lies outside
// it (Turkey's west, China's east, Poland) is clipped at its edge.
const inFrame = ['RU', 'KZ', 'KG', 'TJ', 'UZ', 'TM', 'AZ', 'AM', 'GE', 'AF'];
const frame = { type: 'FeatureCollection', features: mine.filter((f) => inFrame.includes(CODES[f.id])) };
const projection = geoConicConformal().rotate([-85, 0]).parallels([45, 65]);
projection.fitWidth(W - 20, frame);
const [[, y0], [, y1]] = geoPath(projection).bounds(frame);
const H = Math.ceil(y1 - y0) + 20;
projection.translate([projection.translate()[0] + 10, projection.translate()[1] - y0 + 10]);
projection.clipExtent([[0, 0], [W, H]]);
const path = geoPath(projection).digits(0);

// A ring that simplification and rounding left without area is dropped.
const rings = (d) => d.split('M').filter(Boolean).filter((r) => new Set(r.replace(/Z$/, '').split('L')).size >= 3);
const lines = [`${W} ${H}`];
for (const f of mine.sort((a, b) => CODES[a.id].localeCompare(CODES[b.id]))) {
  const d = path(f);
  const kept = d ? rings(d) : [];
  if (kept.length) lines.push(`${CODES[f.id]} ${kept.map((r) => 'M' + r).join('')}`);
}
const out = new URL('data/geo/map.txt', root);
writeFileSync(out, lines.join('\n') + '\n');
console.log(`data/geo/map.txt: ${lines.length - 1} countries, ${lines.join('\n').length} bytes`);
