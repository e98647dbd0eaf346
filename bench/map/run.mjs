// The map view's render time in headless Chromium: the app's own
// performance.measure("map"), which times counting the selection per
// country and writing the map's SVG, once its geodata is loaded.
//
//   SITE_APP=target/site-app-new bash scripts/build-site.sh --archive target/bench/synth-10000.json --out target/bench/site-map-10000
//   node bench/map/run.mjs target/bench/site-map-10000 [REPEATS]
//
// Prints median and p95 per selection (everything, one country, a year, a
// search) and over all. A benchmark, not a test (target: 50 ms p95 at
// 10,000 events).
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/lib/browsers.mjs';
import { startStaticServer } from '../../tests/e2e/lib/static-server.mjs';
import { loadavg } from 'node:os';

const { chromium } = await import('playwright-core');
const [root, repeatsArg] = process.argv.slice(2);
if (!root) throw new Error('usage: node bench/map/run.mjs SITE_DIR [REPEATS]');
const REPEATS = Number(repeatsArg ?? 30);

const server = await startStaticServer({ root, quiet: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
await page.goto(new URL('#/events?view=map', server.url).href);
await page.waitForSelector('.map-svg [data-country]', { timeout: 300_000 });

/** In the page: goes to `hash` and returns the next "map" measure. */
function renderIn(hash) {
  return new Promise((resolve, reject) => {
    const before = performance.getEntriesByName('map').length;
    location.hash = hash;
    const deadline = Date.now() + 60_000;
    const poll = () => {
      const all = performance.getEntriesByName('map');
      if (all.length > before) resolve(all.at(-1).duration);
      else if (Date.now() > deadline) reject(new Error(`no map measure after ${hash}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

const countries = await page.locator('.map-svg [data-country]').evaluateAll((els) => els.map((e) => e.dataset.country));
const selections = [
  ['all', '#/events?view=map'],
  [`country ${countries[0]}`, `#/events?view=map&country=${countries[0]}`],
  ['year 2020', '#/events?view=map&from=2020-01&to=2020-12'],
  ['two countries', `#/events?view=map&country=${countries.slice(0, 2).join(',')}`],
];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.round((s.length - 1) * p)];
  return [at(0.5), at(0.95)];
};
console.log(`${root}: ${REPEATS} renders per selection, load average ${loadavg()[0].toFixed(1)}; ms`);
const all = [];
for (const [name, hash] of selections) {
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    // Away and back, so that each visit renders anew.
    await page.evaluate(renderIn, hash + '&lang=en');
    times.push(await page.evaluate(renderIn, hash));
  }
  all.push(...times);
  const [m, p] = stats(times);
  console.log(`${name.padEnd(16)} median ${m.toFixed(2).padStart(6)}  p95 ${p.toFixed(2).padStart(6)}`);
}
const [m, p] = stats(all);
console.log(`${'over all'.padEnd(16)} median ${m.toFixed(2).padStart(6)}  p95 ${p.toFixed(2).padStart(6)}`);
await browser.close();
await server.close();
