// App benchmark: time to 'archive-ready' and the time of a filter change,
// on a synthetic archive, in headless Chromium against the release build.
//
//   bash scripts/bench-app.sh [EVENTS...]        (default: 10000)
//
// Needs dist/ (trunk build --release) and `cargo synth`. Prints a table; it
// is a benchmark, not a test: it fails only when the app itself fails.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT, launchChromium, startStaticServer } from '../../tests/e2e/lib/index.mjs';
import { timeFilterChange } from '../lib/filter-change.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(10_000);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const FILTER_CHANGES = 10;

if (!existsSync(join(DIST_DIR, 'index.html'))) throw new Error('dist/ is missing: run trunk build --release first');
mkdirSync(join(DIST_DIR, 'bench'), { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

const server = await startStaticServer({ root: DIST_DIR });
const browser = await launchChromium();
const rows = [];
try {
  for (const n of sizes) {
    const file = `bench/synth-${n}.json`;
    const path = join(DIST_DIR, file);
    if (!existsSync(path)) {
      execFileSync('cargo', ['synth', '--events', String(n), '--seed', '1', '-o', path], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
    const mb = statSync(path).size / 1e6;
    const ready = [];
    const filter = [];
    const phases = { 'archive-fetch': [], 'archive-decode': [], 'archive-index': [] };
    for (let run = 0; run < RUNS; run++) {
      const { page, close } = await browser.newPage();
      try {
        await page.goto(`${server.url}index.html#/events?archive=${file}`);
        await page.waitForFunction(() => performance.getEntriesByName('archive-ready').length > 0, null, { timeout: 60_000 });
        ready.push(await page.evaluate(() => performance.getEntriesByName('archive-ready')[0].startTime));
        for (const [name, xs] of Object.entries(phases)) {
          xs.push(await page.evaluate((name) => performance.getEntriesByName(name)[0]?.duration ?? NaN, name));
        }
        // Let the background search-index build finish so it is not counted
        // in a filter change.
        await page.waitForTimeout(1500);
        const codes = await page.locator('.filters input[name="country"]').evaluateAll((els) => els.map((e) => e.value));
        for (let i = 0; i < FILTER_CHANGES; i++) {
          const code = codes[i % Math.min(codes.length, 4)];
          // From the click to the updated count painted on screen.
          const ms = await timeFilterChange(page, code);
          filter.push(ms);
        }
      } finally {
        await close();
      }
    }
    rows.push({ events: n, mb, ready, filter, phases });
  }
} finally {
  await browser.close();
  await server.close();
}

console.log('\nApp benchmark (headless Chromium, release build; median of runs, filter change = click to painted count)\n');
console.log('| events | archive MB | archive-ready median ms | archive-ready max ms | of which fetch / decode / index ms | filter change median ms | filter change p95 ms |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ph = Object.values(r.phases).map((xs) => median(xs).toFixed(0)).join(' / ');
  console.log(`| ${r.events} | ${r.mb.toFixed(1)} | ${median(r.ready).toFixed(0)} | ${Math.max(...r.ready).toFixed(0)} | ${ph} | ${median(r.filter).toFixed(1)} | ${p95(r.filter).toFixed(1)} |`);
}
const [load1] = (await import('node:os')).loadavg();
console.log(`\nload average (1 min) at the end: ${load1.toFixed(2)} on ${(await import('node:os')).cpus().length} cores`);
