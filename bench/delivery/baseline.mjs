// The warm targets of issue 12 against the design before it, on the same
// machine at the same time: "a filter change stays at or below today's
// median, and search p95 at or below today's". "Today" is the build before
// issue 12 (the whole archive fetched and searched in memory, `2d46fad`);
// its figures from another machine say nothing about this one's, so both
// are measured here, alternately.
//
//   git worktree add ../caricc-before 2d46fad
//   (cd ../caricc-before && ln -s "$PWD/../main/node_modules" . && source scripts/env.sh && trunk build --release --offline)
//   cp target/bench/synth-10000.json ../caricc-before/dist/
//   node bench/delivery/baseline.mjs ../caricc-before/dist target/bench/site-10000 target/bench/synth-10000.json [ROUNDS]
//
// The before build opens `index.html#/events?archive=synth-10000.json`; the
// published site `#/events`, the same archive. Each round, on each in turn,
// unthrottled: after `archive-ready` and 2 s, ten country filter changes
// (click to painted count, `bench/lib/filter-change.mjs`, as run.mjs), then
// the first query and 1.5 s, then run.mjs's queries typed key by key twice
// (every keystroke's `performance.measure("search")`). Prints per round and
// over all the filter change's median and the search's median and p95. A
// benchmark: it fails only when a page never gets ready.

import { readFileSync } from 'node:fs';
import { launchChromium, startStaticServer } from '../../tests/e2e/lib/index.mjs';
import { timeFilterChange } from '../lib/filter-change.mjs';
import { typedQueries } from '../lib/queries.mjs';

const [beforeDir, siteDir, archiveFile, roundsArg] = process.argv.slice(2);
if (!beforeDir || !siteDir || !archiveFile) {
  console.error('usage: node bench/delivery/baseline.mjs BEFORE_DIST SITE ARCHIVE.json [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg) || 3;
const archiveName = archiveFile.split('/').pop();

// run.mjs's queries.
const events = JSON.parse(readFileSync(archiveFile, 'utf8')).releases.flatMap((r) => r.events);
const { word, queries } = typedQueries(events);

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const servers = { before: await startStaticServer({ root: beforeDir, quiet: true }), now: await startStaticServer({ root: siteDir, quiet: true }) };
const routes = { before: `index.html#/events?archive=${encodeURIComponent(archiveName)}`, now: '#/events' };
const browser = await launchChromium();
const all = { before: { filter: [], search: [] }, now: { filter: [], search: [] } };

async function once(which) {
  const { page, close } = await browser.newPage();
  try {
    await page.goto(`${servers[which].origin}/${routes[which]}`);
    await page.waitForFunction(() => performance.getEntriesByName('archive-ready').length > 0, null, { timeout: 120_000 });
    await sleep(2000);
    const codes = await page.locator('.filters input[name="country"]').evaluateAll((els) => els.map((e) => e.value));
    const filter = [];
    for (let i = 0; i < 10; i++) filter.push(await timeFilterChange(page, codes[i % Math.min(codes.length, 4)]));
    for (const code of codes) {
      const box = page.locator(`.filters input[name="country"][value="${code}"]`);
      if (await box.isChecked()) await box.click();
    }
    const box = page.locator('form.search input[type="search"]').first();
    await box.fill(word);
    await page.waitForFunction(() => performance.getEntriesByName('search', 'measure').length > 0, null, { timeout: 60_000 });
    await sleep(1500);
    const search = [];
    for (let round = 0; round < 2; round++) {
      for (const q of queries) {
        await box.fill('');
        await page.evaluate(() => performance.clearMeasures('search'));
        await box.pressSequentially(q, { delay: 40 });
        await sleep(300);
        search.push(...(await page.evaluate(() => performance.getEntriesByName('search', 'measure').map((e) => e.duration))));
      }
    }
    return { filter, search };
  } finally {
    await close();
  }
}

try {
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 ? ['now', 'before'] : ['before', 'now']) {
      const m = await once(which);
      all[which].filter.push(...m.filter);
      all[which].search.push(...m.search);
      console.log(`round ${r + 1}, ${which.padEnd(6)}: filter change median ${median(m.filter).toFixed(1)} ms; search median ${median(m.search).toFixed(2)} ms, p95 ${p95(m.search).toFixed(2)} ms (${m.search.length} searches)`);
    }
  }
  console.log(`\nqueries typed: ${queries.map((q) => JSON.stringify(q)).join(' ')}`);
  console.log('| build | filter change median | filter change p95 | search median | search p95 |');
  console.log('|---|--:|--:|--:|--:|');
  for (const which of ['before', 'now']) {
    const { filter, search } = all[which];
    console.log(`| ${which} | ${median(filter).toFixed(1)} ms | ${p95(filter).toFixed(1)} ms | ${median(search).toFixed(2)} ms | ${p95(search).toFixed(2)} ms |`);
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.close();
}
