// The first load of the web build, gzip-compressed: every file a first
// visit downloads (the page, its JS, wasm and CSS, the service worker and
// what it caches: manifest, icons), the archive excluded. Prints each file
// and the total; exits non-zero when the total is over the budget. The wasm
// split's chunks (the chart and table, the release and event pages, the
// search engine, the map, the downloads, and the small chunks they share:
// scripts/lib/split.mjs) are listed apart and not counted: a page fetches
// one when its view is first opened, a first screen showing one beside the
// catalogue
// (the service worker also caches them, after the first screen, for offline).
//
//   node scripts/size-report.mjs [--dist dist] [--budget-kb 300]
//
// The list of files is the service worker's precache list (which the build
// writes: scripts/lib/sw.mjs) plus sw.js itself, so it is the build's own
// account of what it serves. Sizes are those of `gzip -9` (GNU gzip, as for
// files served precompressed); node's bundled zlib (Chromium's fork) comes
// out about 2% larger on the wasm, so it is only the fallback. 1 KB = 1000 bytes.

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const dist = resolve(opt('--dist', 'dist'));
// 300 KB, issue 12's first step, since the chart and table, the release
// and event pages and the search engine became chunks too (2026-12-01:
// 379.3 -> 297.9 KB); 380 since the wasm split took the map and the
// downloads' writer out of the main wasm (390.5 -> 376.6 KB); 391 before
// it, 385 until the map's regions and the seized piece, 350 until the
// events export, citation, the kilograms chart and the map. Issue 12's next
// step is 250.
const budget = Number(opt('--budget-kb', '300')) * 1000;
const ARCHIVES = /\.json$/; // the data, not the app

function buildFiles() {
  let sw;
  try {
    sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  } catch {
    throw new Error(`${dist}/sw.js is missing: build first (trunk build --release)`);
  }
  const m = sw.match(/^const BUILD = \{ version: ("[^"]*"), files: (\[[^\]]*\]) \};/m);
  if (!m || JSON.parse(m[1]) === 'dev') throw new Error(`${dist}/sw.js has no build file list (was the sw.mjs hook run?)`);
  return [...JSON.parse(m[2]), 'sw.js'];
}

let gzipTool = 'gzip -9';
function gzipSize(bytes) {
  const run = spawnSync('gzip', ['-9', '-c', '-n'], { input: bytes, maxBuffer: 1 << 28 });
  if (run.status === 0) return run.stdout.length;
  gzipTool = "node's zlib level 9 (no gzip program found)";
  return gzipSync(bytes, { level: 9 }).length;
}

/** The wasm chunks the split loader (__wasm_split-HASH.js) names. */
function chunkFiles(files) {
  const loader = files.find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  if (!loader) return new Set();
  const text = readFileSync(join(dist, loader), 'utf8');
  return new Set([...text.matchAll(/["']\.\/([A-Za-z0-9_]+-[0-9a-f]{16}\.wasm)["']/g)].map((m) => m[1]));
}

try {
  const all = buildFiles().filter((f) => !ARCHIVES.test(f));
  const chunks = chunkFiles(all);
  const files = all.filter((f) => !chunks.has(f));
  const rows = files.map((f) => {
    const bytes = readFileSync(join(dist, f));
    return { file: f, raw: statSync(join(dist, f)).size, gzip: gzipSize(bytes) };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  const kb = (n) => (n / 1000).toFixed(1).padStart(7);
  const width = Math.max(...rows.map((r) => r.file.length), 5);
  console.log(`${'file'.padEnd(width)}  ${'raw KB'.padStart(7)}  ${'gzip KB'.padStart(7)}`);
  for (const r of rows) console.log(`${r.file.padEnd(width)}  ${kb(r.raw)}  ${kb(r.gzip)}`);
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  console.log(`${'total'.padEnd(width)}  ${kb(total.raw)}  ${kb(total.gzip)}   (budget ${budget / 1000} KB; ${gzipTool}; archive excluded)`);
  for (const f of [...chunks].sort()) {
    const bytes = readFileSync(join(dist, f));
    console.log(`${f.padEnd(width)}  ${kb(bytes.length)}  ${kb(gzipSize(bytes))}   (a chunk: fetched when its view opens, not counted)`);
  }
  if (total.gzip > budget) {
    console.error(`size-report: the first load is ${(total.gzip / 1000).toFixed(1)} KB gzipped, over the ${budget / 1000} KB budget`);
    process.exit(1);
  }
} catch (e) {
  console.error(`size-report: ${e.message}`);
  process.exit(2);
}
