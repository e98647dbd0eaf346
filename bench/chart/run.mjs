// Browser chart benchmark: the release build of the app (dist/) in headless
// Chromium, on synthetic archives, timing what the app itself reports with
// performance.measure("chart"): the aggregation of the selection and the
// SVG rendering, for every chart kind and period. See README.md.
//
//   node bench/chart/run.mjs [EVENTS...]      (default: 10000 100000; needs dist/, see README.md)
//
// Environment: BENCH_REPEATS (default 20) renders per kind and period.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/lib/browsers.mjs';
import { median, p95, startIsolatedServer } from '../lib/isolated.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const DIST = resolve(REPO, process.env.BENCH_DIST || 'dist');
const OUT = join(REPO, 'bench/out'); // the synthetic archives (git-ignored)
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(10_000, 100_000);
const REPEATS = Number(process.env.BENCH_REPEATS || 20);
const KINDS = ['stacked', 'grouped', 'lines'];
const PERIODS = ['release', 'month', 'quarter', 'year'];
const TARGET_MS = { 10000: 30, 100000: 150 };

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: build the app first (trunk build --release), or run scripts/bench-chart-browser.sh`);
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
for (const n of sizes) {
  const archive = join(OUT, `synth-${n}.json`);
  if (!existsSync(archive)) {
    execFileSync('cargo', ['synth', '--events', String(n), '--seed', '1', '-o', archive], { stdio: 'inherit', cwd: REPO });
  }
}

// --- serve dist/ and, beside it, the archives
const { server, base } = await startIsolatedServer((name) => {
  const synth = name.match(/^\/(synth-\d+\.json)$/);
  if (synth) return join(OUT, synth[1]);
  const path = resolve(DIST, '.' + (name === '/' ? '/index.html' : name));
  return path.startsWith(DIST + sep) ? path : null;
});

// --- run ---------------------------------------------------------------------
const { chromium } = await import('playwright-core');

/** In the page: goes to `hash`, waits until the app has drawn the chart for
 * it, returns the app's own measures of that drawing and the time from the
 * address change until the new chart is in the DOM. */
function renderIn(hash) {
  const yieldTask = () => new Promise((r) => { const ch = new MessageChannel(); ch.port1.onmessage = r; ch.port2.postMessage(0); });
  return (async () => {
    const before = performance.getEntriesByName('chart').length;
    const t0 = performance.now();
    location.hash = hash;
    const deadline = Date.now() + 60_000;
    while (performance.getEntriesByName('chart').length === before) {
      if (Date.now() > deadline) throw new Error(`no chart measure after ${hash}`);
      await yieldTask();
    }
    await yieldTask(); // the DOM update that follows the render
    const update = performance.now() - t0;
    const last = (name) => performance.getEntriesByName(name).at(-1).duration;
    return {
      chart: last('chart'),
      aggregate: last('chart-aggregate'),
      update,
      regions: document.querySelectorAll('.chart-overlay rect.hit').length,
      svgBytes: document.querySelector('.chart-svg').innerHTML.length,
    };
  })();
}

let browserVersion = '';
const results = [];
try {
  for (const n of sizes) {
    // A fresh browser (and so a fresh, throwaway profile) per archive.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    browserVersion = browser.version();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
      const hash = (kind, by) => `#/events?archive=synth-${n}.json&view=chart&chart=${kind}&by=${by}`;
      process.stderr.write(`loading ${n} events...\n`);
      await page.goto(base + 'index.html' + hash('stacked', 'month'));
      // The archive decoded, the first chart drawn, the background search index built.
      await page.waitForFunction(() => ['archive-ready', 'chart', 'search-ready'].every((m) => performance.getEntriesByName(m).length > 0), null, { timeout: 300_000, polling: 200 });
      const loaded = await page.evaluate(() => ({
        events: Number(document.querySelector('.result-count').innerText.replace(/\D/g, '')),
        chartWidth: document.querySelector('.chart-svg svg').getAttribute('width'),
      }));
      for (const kind of KINDS) {
        process.stderr.write(`  ${kind}...\n`);
        // Every address change draws a new chart: cycling through the periods
        // times each period once per round.
        for (let round = 0; round < REPEATS + 1; round++) {
          for (const by of PERIODS) {
            const r = await page.evaluate(renderIn, hash(kind, by));
            if (round > 0) results.push({ n, events: loaded.events, width: loaded.chartWidth, kind, by, ...r }); // round 0 warms up
          }
        }
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}

// --- report ------------------------------------------------------------------
const load = loadavg().map((l) => l.toFixed(2)).join(', ');
console.log(`\nChart benchmark: the app (dist/) in headless Chromium ${browserVersion}, ${cpus().length} cores, load average after the run ${load}`);
console.log(`performance.measure("chart") = aggregation of the selection + SVG rendering; ${REPEATS} renders per row; times in ms\n`);
const f = (x) => x.toFixed(2).padStart(7);
for (const n of sizes) {
  const rows = results.filter((r) => r.n === n);
  console.log(`== ${rows[0]?.events} events (synthetic, seed 1), chart ${rows[0]?.width} units wide; target ≤ ${TARGET_MS[n] ?? '?'} ms`);
  console.log('kind     by       marks   chart median    p95   (aggregate median)   hash→DOM median');
  let worst = 0;
  for (const kind of KINDS) {
    for (const by of PERIODS) {
      const rs = rows.filter((r) => r.kind === kind && r.by === by);
      const chart = rs.map((r) => r.chart);
      worst = Math.max(worst, p95(chart));
      console.log(`${kind.padEnd(8)} ${by.padEnd(8)} ${String(rs[0].regions).padStart(5)}   ${f(median(chart))} ${f(p95(chart))}   (${f(median(rs.map((r) => r.aggregate)))})          ${f(median(rs.map((r) => r.update)))}`);
    }
  }
  console.log(`worst p95: ${worst.toFixed(2)} ms${TARGET_MS[n] ? ` (target ${TARGET_MS[n]} ms: ${worst <= TARGET_MS[n] ? 'met' : 'NOT met'})` : ''}\n`);
}
