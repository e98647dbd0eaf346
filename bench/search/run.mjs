// Browser search benchmark: our engine (Rust -> wasm), MiniSearch and
// FlexSearch on the same synthetic archives and queries, each in a fresh
// headless Chromium. See README.md.
//
//   node bench/search/run.mjs [EVENTS...]          (default: 10000 100000)
//
// Environment: BENCH_ENGINES=ours,minisearch,flexsearch to choose engines.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/lib/browsers.mjs';
import { median, p95, startIsolatedServer } from '../lib/isolated.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const OUT = join(HERE, 'out'); // generated: the served site and the archives (git-ignored)
const SITE = join(OUT, 'site');
const TARGET = process.env.CARGO_TARGET_DIR || join(REPO, 'target');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(10_000, 100_000);
const ENGINES = (process.env.BENCH_ENGINES || 'ours,flexsearch,minisearch').split(',');

function sh(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', cwd: REPO, ...opts });
}

// --- build and stage -------------------------------------------------------
mkdirSync(join(SITE, 'pkg'), { recursive: true });
mkdirSync(join(SITE, 'lib'), { recursive: true });
const wasmTarget = process.env.CARGO_TARGET_DIR ? join(TARGET, 'search-bench-wasm') : join(HERE, 'wasm', 'target');
sh('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown'], {
  cwd: join(HERE, 'wasm'),
  env: { ...process.env, CARGO_TARGET_DIR: wasmTarget },
});
sh('wasm-bindgen', [
  '--target', 'web', '--no-typescript', '--out-dir', join(SITE, 'pkg'),
  join(wasmTarget, 'wasm32-unknown-unknown', 'release', 'search_bench_wasm.wasm'),
]);
for (const f of readdirSync(join(HERE, 'page'))) copyFileSync(join(HERE, 'page', f), join(SITE, f));
copyFileSync(join(REPO, 'node_modules/minisearch/dist/es/index.js'), join(SITE, 'lib/minisearch.js'));
copyFileSync(join(REPO, 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs'), join(SITE, 'lib/flexsearch.js'));
for (const n of sizes) {
  const archive = join(SITE, `synth-${n}.json`);
  if (!existsSync(archive)) sh('cargo', ['synth', '--events', String(n), '--seed', '1', '-o', archive]);
  sh('cargo', ['run', '--quiet', '--release', '-p', 'caricc-ingest', '--bin', 'bench_search', '--',
    '--archive', archive, '--print-queries', join(SITE, `queries-${n}.json`)]);
}

// --- serve the staged site
const { server, base } = await startIsolatedServer((name) => {
  const path = resolve(SITE, '.' + name);
  return path.startsWith(SITE + sep) ? path : null;
});

// --- run ---------------------------------------------------------------------
const { chromium } = await import('playwright-core');
const mb = (bytes) => (bytes / 1e6).toFixed(1);

async function measure(engine, n) {
  // A fresh browser (and so a fresh, throwaway profile) per engine and size.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => console.error(`${engine}: ${e.message}`));
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.goto(`${base}index.html?engine=${engine}&archive=synth-${n}.json&queries=queries-${n}.json`);
    const info = await page.evaluate(() => window.benchReady);
    const heapBefore = await heap();
    const memBefore = await page.evaluate(() => window.benchStep('memory'));
    const buildMs = await page.evaluate(() => window.benchStep('build'));
    const heapAfter = await heap();
    const memAfter = await page.evaluate(() => window.benchStep('memory'));
    const { times, hits } = await page.evaluate(() => window.benchStep('queries'));
    browserVersion = browser.version();
    return { engine, n, events: info.events, buildMs, heapBefore, heapAfter, memBefore, memAfter, times, hits };
  } finally {
    await browser.close();
  }
}

let browserVersion = '';
const results = [];
try {
  for (const n of sizes) {
    for (const engine of ENGINES) {
      process.stderr.write(`${engine} @ ${n}...\n`);
      results.push(await measure(engine, n));
    }
  }
} finally {
  server.close();
}

// --- report ------------------------------------------------------------------
console.log(`\nSearch benchmark, headless Chromium ${browserVersion}; times in ms (performance.now, cross-origin isolated)\n`);
for (const n of sizes) {
  const rows = results.filter((r) => r.n === n);
  console.log(`== ${rows[0]?.events} events (synthetic, seed 1)`);
  console.log('engine       build ms   memory after indexing');
  for (const r of rows) {
    const js = `JS heap +${mb(r.heapAfter - r.heapBefore)} MB (total ${mb(r.heapAfter)} MB)`;
    const wasm = r.memAfter.wasmBytes
      ? `; index ${mb(r.memAfter.indexBytes)} MB, wasm memory +${mb(r.memAfter.wasmBytes - r.memBefore.wasmBytes)} MB (total ${mb(r.memAfter.wasmBytes)} MB)`
      : '';
    console.log(`${r.engine.padEnd(12)} ${r.buildMs.toFixed(0).padStart(8)}   ${js}${wasm}`);
  }
  const classes = Object.keys(rows[0]?.times ?? {});
  console.log(`\n${'query class'.padEnd(16)}${rows.map((r) => `${r.engine} median/p95`.padStart(26)).join('')}`);
  for (const c of classes) {
    const cells = rows.map((r) => `${median(r.times[c]).toFixed(3)} / ${p95(r.times[c]).toFixed(3)}`.padStart(26));
    console.log(`${c.padEnd(16)}${cells.join('')}`);
  }
  console.log(`\n${'hits per query'.padEnd(16)}${rows.map((r) => r.engine.padStart(14)).join('')}`);
  for (const c of classes) {
    const q = rows[0].times[c].length;
    console.log(`${c.padEnd(16)}${rows.map((r) => (r.hits[c] / q).toFixed(0).padStart(14)).join('')}`);
  }
  const ours = rows.find((r) => r.engine === 'ours');
  if (ours) {
    console.log('\nratios (ours / other): build, query median, query p95 over all classes');
    const all = (r, f) => f(Object.values(r.times).flat());
    for (const r of rows.filter((r) => r !== ours)) {
      console.log(`  vs ${r.engine}: build ${(ours.buildMs / r.buildMs).toFixed(3)}, median ${(all(ours, median) / all(r, median)).toFixed(2)}, p95 ${(all(ours, p95) / all(r, p95)).toFixed(2)}`);
    }
  }
  console.log('');
}
