// Delivery benchmark (issue 12): how long each view takes to be usable, and
// how many bytes it fetched first, on published sites of synthetic archives,
// in headless Chromium throttled through CDP like a phone on 4G.
//
//   bash scripts/bench-delivery.sh [EVENTS...]      (default: 1000 10000 100000)
//   node bench/delivery/run.mjs [EVENTS...]         (the same, without setup)
//
// See bench/delivery/README.md for what is measured and how. Environment:
//   BENCH_RUNS=3          runs per measurement (medians are printed)
//   BENCH_PROFILES=slow4g,fast4g,none   which network/CPU profiles
//   BENCH_RAW=1           also the old design: the whole archive.json through
//                         `archive=` on the same site (BENCH_RAW=only: just that)
//   BENCH_TIMEOUT_S=300   per measurement; a view still loading then is
//                         reported as "> N s", not as a failure
//   BENCH_REPUBLISH=1     publish the sites again even when they look current
//   SITE_APP=DIR          an app build to use as it is (else built once)
//
// A benchmark, not a test: it exits non-zero only when the app fails (an
// error screen, a page error, a console error, or a view that stops loading
// without ever becoming ready), never on a missed target.

import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { REPO_ROOT, launchChromium, startStaticServer } from '../../tests/e2e/lib/index.mjs';
import { timeFilterChange } from '../lib/filter-change.mjs';
import { typedQueries } from '../lib/queries.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(1_000, 10_000, 100_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 3));
const TIMEOUT_MS = 1000 * Number(process.env.BENCH_TIMEOUT_S || 300);
const RAW = process.env.BENCH_RAW || '';
const DESIGNS = RAW === 'only' ? ['raw'] : RAW && RAW !== '0' ? ['published', 'raw'] : ['published'];
const FILTER_CHANGES = 10;
const BENCH_DIR = join(REPO_ROOT, 'target/bench');

// Bytes per second = bits per second / 8.
const ALL_PROFILES = {
  slow4g: { label: 'slow 4G phone: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower', latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 },
  fast4g: { label: 'fast 4G: 40 ms RTT, 9 Mbit/s down, 750 kbit/s up, CPU 2x slower', latency: 40, down: 9e6 / 8, up: 750e3 / 8, cpu: 2 },
  none: { label: 'unthrottled (loopback, this machine\'s CPU)', latency: 0, down: -1, up: -1, cpu: 1 },
};
const PROFILES = (process.env.BENCH_PROFILES || 'slow4g,fast4g,none').split(',').map((p) => p.trim()).filter(Boolean);
for (const p of PROFILES) if (!ALL_PROFILES[p]) throw new Error(`unknown profile ${p} (${Object.keys(ALL_PROFILES).join(', ')})`);

const VIEWS = [
  { key: 'releases', title: 'releases', route: () => '#/' },
  { key: 'events', title: 'events page', route: () => '#/events' },
  { key: 'chart', title: 'chart', route: () => '#/events?view=chart' },
  { key: 'embed', title: 'embedded chart', route: () => '#/events?view=chart&embed=1', embed: true },
  { key: 'release', title: 'a release', route: (p) => `#/release/${encodeURIComponent(p.release)}` },
  { key: 'event', title: 'an event', route: (p) => `#/event/${encodeURIComponent(p.event)}` },
  { key: 'search', title: 'first search results', route: (p) => `#/events?q=${encodeURIComponent(p.word)}`, search: true },
];

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** The lower median. */
const median = (xs) => (xs.length ? sorted(xs)[Math.floor((xs.length - 1) / 2)] : NaN);
const p95 = (xs) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] : NaN);
const log = (msg) => console.error(`[bench-delivery ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Every problem the app showed: any makes the exit status non-zero. */
const failures = [];
/** Console output and errors seen, by where. */
const consoleSeen = [];

// --- archives and sites -------------------------------------------------------

function run(cmd, args, env = {}) {
  execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function synth(n) {
  const file = join(BENCH_DIR, `synth-${n}.json`);
  if (!existsSync(file)) {
    log(`generating ${n} events into ${file}`);
    run('nice', ['cargo', 'synth', '--events', String(n), '--seed', '1', '-o', file]);
  }
  return file;
}

/** Ids and words picked from the archive (cached beside it). */
function picks(n, file) {
  const cache = join(BENCH_DIR, `synth-${n}.picks.json`);
  if (existsSync(cache) && statSync(cache).mtimeMs >= statSync(file).mtimeMs) return JSON.parse(readFileSync(cache, 'utf8'));
  const archive = JSON.parse(readFileSync(file, 'utf8'));
  const releases = archive.releases;
  const events = releases.flatMap((r) => r.events);
  const withEvents = releases.filter((r) => r.events.length > 0);
  const release = withEvents[Math.floor(withEvents.length / 2)].id;
  const event = events[Math.floor(events.length / 3)].id;
  const { word, queries } = typedQueries(events);
  const out = { events: events.length, releases: releases.length, release, event, word, queries };
  writeFileSync(cache, JSON.stringify(out, null, 1));
  return out;
}

let appDir = process.env.SITE_APP || '';

/** target/bench/site-N, published by build-site.sh unless it is newer than
 * both the archive and the app build it would be made of. */
function site(n, file) {
  const out = join(BENCH_DIR, `site-${n}`);
  const manifest = join(out, 'data/manifest.json');
  const current = appDir && existsSync(manifest) && !process.env.BENCH_REPUBLISH &&
    statSync(manifest).mtimeMs > statSync(file).mtimeMs &&
    statSync(manifest).mtimeMs > statSync(join(appDir, 'index.html')).mtimeMs;
  if (!current) {
    log(`publishing ${file} to ${out}${appDir ? ` (app: ${appDir})` : ' (building the app first)'}`);
    run('nice', ['bash', 'scripts/build-site.sh', '--archive', file, '--out', out], appDir ? { SITE_APP: appDir } : {});
    // The app is built once: every later site reuses it.
    if (!appDir) appDir = join(REPO_ROOT, 'target/site-app');
  }
  return out;
}

/** The old design: the whole archive, gzipped as a host would serve it, in
 * the site as synth-N.json, read through `archive=`. */
async function rawCopy(n, file, siteDir) {
  const name = `synth-${n}.json`;
  const to = join(siteDir, name);
  if (!existsSync(to)) linkSync(file, to);
  if (!existsSync(`${to}.gz`) || statSync(`${to}.gz`).mtimeMs < statSync(file).mtimeMs) {
    log(`gzipping ${name} for the old design`);
    await pipeline(createReadStream(file), createGzip({ level: 6 }), createWriteStream(`${to}.gz.tmp`));
    run('mv', [`${to}.gz.tmp`, `${to}.gz`]);
  }
  return name;
}

/** `route` with `archive=NAME` added (the old design). */
function withArchive(route, name) {
  if (!name) return route;
  return route + (route.includes('?') ? '&' : '?') + `archive=${encodeURIComponent(name)}`;
}

// --- one measurement ----------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A page's errors, each distinct message once with its count (a page that
 * fails thousands of fetches says so in one line). */
function summarise(errors) {
  const counts = new Map();
  for (const e of errors) {
    const key = e.replace(/ \(http[^)]*\)$/, '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([e, n]) => (n > 1 ? `${n}× ${e} (e.g. ${errors.find((x) => x.startsWith(e)).slice(e.length + 2, -1)})` : e)).join('; ');
}

/** Applies a profile to a page's CDP session. */
async function throttle(cdp, profile) {
  await cdp.send('Network.enable');
  if (profile.down > 0) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.down,
      uploadThroughput: profile.up,
      connectionType: 'cellular4g',
    });
  }
  if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

/**
 * Opens `url` in a fresh context (cold cache) under `profile` and waits for
 * `archive-ready` (or the end of the first `search` measure) in the app's
 * frame. Returns { ms, bytes } (ms from the top page's navigation start;
 * bytes on the wire up to then), or { timeout } / { failed }.
 */
async function measure(browser, { url, appOrigin, search, profile, where }) {
  const { page, context, close } = await browser.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      const text = `console.${m.type()}: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`;
      consoleSeen.push({ where, text });
      if (m.type() === 'error') errors.push(text);
    }
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  try {
    const cdp = await context.newCDPSession(page);
    await throttle(cdp, profile);
    const finished = [];
    let offset = null; // wall clock (s) minus CDP monotonic time (s)
    let lastData = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (offset === null && e.wallTime) offset = e.wallTime - e.timestamp;
    });
    cdp.on('Network.dataReceived', () => (lastData = Date.now()));
    cdp.on('Network.loadingFinished', (e) => {
      lastData = Date.now();
      finished.push({ ts: e.timestamp, bytes: e.encodedDataLength });
    });
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const started = Date.now();
    let result = null;
    while (!result) {
      await sleep(300);
      const frame = page.frames().find((f) => f.url().startsWith(`${appOrigin}/`));
      const state = frame
        ? await frame
            .evaluate((search) => {
              const e = search
                ? performance.getEntriesByName('search', 'measure')[0]
                : performance.getEntriesByName('archive-ready', 'mark')[0];
              const failed = document.querySelector('.error-screen, .piece-failure');
              return {
                at: e ? e.startTime + e.duration : null,
                origin: performance.timeOrigin,
                failed: failed ? failed.textContent.trim().slice(0, 300) : null,
              };
            }, !!search)
            .catch(() => null)
        : null;
      if (state?.failed) result = { failed: `error on screen: ${state.failed}` };
      else if (state?.at != null) {
        const top = await page.evaluate(() => performance.timeOrigin);
        const wall = state.origin + state.at; // epoch ms
        // Let the last loadingFinished events arrive before counting.
        await sleep(500);
        const mono = wall / 1000 - (offset ?? 0);
        const bytes = finished.filter((f) => f.ts <= mono + 0.002).reduce((s, f) => s + f.bytes, 0);
        result = { ms: wall - top, bytes };
      } else if (Date.now() - started > TIMEOUT_MS) {
        // Still fetching: slow, not broken. Nothing for a while: stuck.
        result = Date.now() - lastData < 15_000 ? { timeout: true } : { failed: `never ready: nothing arrived for ${((Date.now() - lastData) / 1000).toFixed(0)} s` };
      }
    }
    if (errors.length) result = { ...result, failed: [result.failed, summarise(errors)].filter(Boolean).join('; ') };
    return result;
  } catch (e) {
    return { failed: `${e.message.split('\n')[0]}${errors.length ? `; ${summarise(errors)}` : ''}` };
  } finally {
    await close();
  }
}

// --- memory and warm interactions (unthrottled) --------------------------------

/** The renderers' resident memory, summed, in MB, and their count. */
async function rendererRss(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const pids = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  const kbs = pids.map((pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      return 0;
    }
  });
  return { mb: kbs.reduce((a, b) => a + b, 0) / 1024, largest: Math.max(0, ...kbs) / 1024, count: pids.length };
}

/** Waits for a performance entry named `name`, or the error screen. (A
 * piece-failure notice with its retry is not the end here: the figures after
 * it are still wanted, and its console errors are reported anyway.) */
async function waitForEntry(page, name, what) {
  try {
    await page.waitForFunction(
      (name) => performance.getEntriesByName(name).length > 0 || !!document.querySelector('.error-screen'),
      name,
      { timeout: TIMEOUT_MS, polling: 200 },
    );
    const shown = await page.evaluate(() => document.querySelector('.error-screen')?.textContent.trim() ?? null);
    if (shown) throw new Error(`error on screen: ${shown}`);
  } catch (e) {
    throw new Error(`${what}: ${e.message.split('\n')[0]}`);
  }
}

/** Memory after the first screen and after a search; a filter change and
 * search times, warm. One fresh page, unthrottled. */
async function warm(browser, browserCdp, { url, picks, where }) {
  const { page, close } = await browser.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    const text = `console.${m.type()}: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`;
    consoleSeen.push({ where, text });
    if (m.type() === 'error') errors.push(text);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  const out = { memReady: null, memSearch: null, filter: [], search: [], firstSearchWallMs: null };
  try {
    await page.goto(url, { timeout: TIMEOUT_MS });
    await waitForEntry(page, 'archive-ready', 'archive-ready');
    await sleep(2000);
    out.memReady = await rendererRss(browserCdp);

    // A filter change: click to painted count (as bench/app/run.mjs).
    const filter = out.filter;
    const codes = await page.locator('.filters input[name="country"]').evaluateAll((els) => els.map((e) => e.value));
    for (let i = 0; i < FILTER_CHANGES && codes.length; i++) {
      const code = codes[i % Math.min(codes.length, 4)];
      filter.push(await timeFilterChange(page, code));
    }
    // Back to no country filter, so that searches run over everything.
    for (const code of codes) {
      if (await page.locator(`.filters input[name="country"][value="${code}"]`).isChecked()) {
        await page.locator(`.filters input[name="country"][value="${code}"]`).click();
      }
    }

    // The first query: on a published archive it fetches what search needs.
    const box = page.locator('form.search input[type="search"]').first();
    const t0 = Date.now();
    await box.fill(picks.word);
    await waitForEntry(page, 'search', 'first search');
    out.firstSearchWallMs = Date.now() - t0;
    await sleep(1500);
    out.memSearch = await rendererRss(browserCdp);

    // Queries typed key by key; every keystroke's search is counted.
    const search = out.search;
    for (let round = 0; round < 2; round++) {
      for (const q of picks.queries) {
        await box.fill('');
        await page.evaluate(() => performance.clearMeasures('search'));
        await box.pressSequentially(q, { delay: 40 });
        await sleep(300);
        search.push(...(await page.evaluate(() => performance.getEntriesByName('search', 'measure').map((e) => e.duration))));
      }
    }
    if (errors.length) failures.push(`${where}: ${summarise(errors)}`);
    return out;
  } catch (e) {
    failures.push(`${where}: ${e.message}${errors.length ? `; ${summarise(errors)}` : ''}`);
    // What was measured before the failure still counts.
    return out.memReady ? out : null;
  } finally {
    await close();
  }
}

// --- main ---------------------------------------------------------------------

mkdirSync(BENCH_DIR, { recursive: true });
const prepared = [];
for (const n of sizes) {
  const file = synth(n);
  const p = picks(n, file);
  const dir = site(n, file);
  const raw = DESIGNS.includes('raw') ? await rawCopy(n, file, dir) : null;
  prepared.push({ n, file, picks: p, dir, raw, mb: statSync(file).size / 1e6 });
  log(`${n} events: ${(statSync(file).size / 1e6).toFixed(1)} MB; release ${p.release}, event ${p.event}, search word "${p.word}"`);
}

const partnerDir = mkdtempSync(join(tmpdir(), 'caricc-bench-partner-'));
const partner = await startStaticServer({ root: partnerDir });
const browser = await launchChromium();
const browserCdp = await browser.browserCDPSession();
/** results[design][profile][n][view] = [{ms, bytes} ...] */
const results = {};
const warmResults = {};
const startedAt = Date.now();
const loads = [];
try {
  for (const sz of prepared) {
    const server = await startStaticServer({ root: sz.dir });
    try {
      for (const design of DESIGNS) {
        const archiveName = design === 'raw' ? sz.raw : null;
        const appUrl = (route) => `${server.url}index.html${withArchive(route, archiveName)}`;
        const partnerPage = `partner-${sz.n}-${design}.html`;
        writeFileSync(
          join(partnerDir, partnerPage),
          // (an icon of its own, so the browser asks the partner's server for none)
          '<!doctype html><html><head><meta charset="utf-8"><title>Partner portal</title><link rel="icon" href="data:,"></head><body>' +
            '<h1>Partner portal</h1><p>Our regional figures:</p>' +
            `<iframe src="${appUrl(VIEWS.find((v) => v.embed).route(sz.picks)).replace(/&/g, '&amp;')}" title="CARICC archive" style="width:100%;height:640px;border:0"></iframe>` +
            '</body></html>',
        );
        for (const pk of PROFILES) {
          const profile = ALL_PROFILES[pk];
          const cell = (((results[design] ??= {})[pk] ??= {})[sz.n] ??= {});
          for (let r = 0; r < RUNS; r++) {
            for (const view of VIEWS) {
              const where = `${design}, ${sz.n} events, ${pk}, ${view.title} (run ${r + 1})`;
              const url = view.embed ? `${partner.url}${partnerPage}` : appUrl(view.route(sz.picks));
              const m = await measure(browser, { url, appOrigin: server.origin, search: view.search, profile, where });
              (cell[view.key] ??= []).push(m);
              if (m.failed) failures.push(`${where}: ${m.failed}`);
              log(`${where}: ${m.failed ? `FAILED ${m.failed}` : m.timeout ? `> ${TIMEOUT_MS / 1000} s` : `${m.ms.toFixed(0)} ms, ${(m.bytes / 1e3).toFixed(1)} kB`}`);
            }
          }
          loads.push(loadavg()[0]);
        }
        // Memory and warm interactions, unthrottled, on the events page.
        const where = `${design}, ${sz.n} events, warm`;
        const runs = [];
        for (let r = 0; r < RUNS; r++) {
          const w = await warm(browser, browserCdp, { url: appUrl('#/events'), picks: sz.picks, where: `${where} (run ${r + 1})` });
          if (w) runs.push(w);
          if (w) log(`${where} (run ${r + 1}): renderer ${w.memReady.mb.toFixed(0)} MB ready, ${w.memSearch ? `${w.memSearch.mb.toFixed(0)} MB after a search` : 'no search'}; filter median ${median(w.filter).toFixed(1)} ms; search p95 ${p95(w.search).toFixed(2)} ms`);
        }
        ((warmResults[design] ??= {})[sz.n] = runs);
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browserCdp.detach().catch(() => {});
  await browser.close();
  await partner.close();
  rmSync(partnerDir, { recursive: true, force: true });
}

// --- report -------------------------------------------------------------------

const fmtS = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const fmtKB = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(0)} KB`);
/** The median of a cell's runs, or why there is none. */
function med(ms, key = 'ms') {
  const ok = ms.filter((m) => m[key] != null && !m.failed && !m.timeout).map((m) => m[key]);
  if (ok.length === ms.length && ok.length) return { v: median(ok) };
  if (ms.some((m) => m.failed)) return { text: 'failed' };
  if (ok.length) return { v: median(ok), text: `${key === 'ms' ? fmtS(median(ok)) : fmtKB(median(ok))} (${ms.length - ok.length} of ${ms.length} > ${TIMEOUT_MS / 1000} s)` };
  return { text: `> ${TIMEOUT_MS / 1000} s` };
}
const show = (c, f) => c.text ?? f(c.v);
const screenViews = VIEWS.filter((v) => !v.search);

const title = { published: 'published site (data/manifest.json, pieces on demand)', raw: 'old design: the whole archive through archive=synth-N.json (gzip)' };
console.log(`\n## Delivery benchmark: headless Chromium ${browser.version}, medians of ${RUNS} run(s), cold cache each\n`);
for (const design of DESIGNS) {
  for (const pk of PROFILES) {
    const byN = results[design]?.[pk] ?? {};
    console.log(`\n### ${title[design]} — ${ALL_PROFILES[pk].label}\n`);
    console.log(`| events | ${VIEWS.map((v) => v.title).join(' | ')} | bytes before first screen | bytes before first results |`);
    console.log(`|---:|${VIEWS.map(() => '--:').join('|')}|--:|--:|`);
    for (const sz of prepared) {
      const c = byN[sz.n];
      if (!c) continue;
      const times = VIEWS.map((v) => show(med(c[v.key], 'ms'), fmtS));
      // The most any of the screens fetched before it was usable.
      const firstBytes = screenViews.map((v) => med(c[v.key], 'bytes')).filter((x) => x.v != null);
      const fb = firstBytes.length ? fmtKB(Math.max(...firstBytes.map((x) => x.v))) : '—';
      console.log(`| ${sz.n.toLocaleString('en')} | ${times.join(' | ')} | ${fb} | ${show(med(c.search, 'bytes'), fmtKB)} |`);
    }
    console.log(`\nbytes on the wire before each view was usable (median):\n`);
    console.log(`| events | ${VIEWS.map((v) => v.title).join(' | ')} |`);
    console.log(`|---:|${VIEWS.map(() => '--:').join('|')}|`);
    for (const sz of prepared) {
      const c = byN[sz.n];
      if (c) console.log(`| ${sz.n.toLocaleString('en')} | ${VIEWS.map((v) => show(med(c[v.key], 'bytes'), fmtKB)).join(' | ')} |`);
    }
    const lo = prepared.find((s) => s.n === 1000) ?? prepared[0];
    const hi = prepared.find((s) => s.n === 100_000) ?? prepared[prepared.length - 1];
    if (lo && hi && lo !== hi && byN[lo.n] && byN[hi.n]) {
      const growth = VIEWS.map((v) => {
        const a = med(byN[lo.n][v.key]);
        const b = med(byN[hi.n][v.key]);
        return a.v != null && b.v != null && !a.text && !b.text ? `${(b.v / a.v).toFixed(2)}×` : '—';
      });
      console.log(`\ngrowth from ${lo.n.toLocaleString('en')} to ${hi.n.toLocaleString('en')} events (${(hi.n / lo.n).toFixed(0)}× the events): ${VIEWS.map((v, i) => `${v.title} ${growth[i]}`).join(', ')}`);
      const mid = prepared.find((s) => s.n === 10_000);
      if (mid && hi.n === 100_000 && byN[mid.n]) {
        const vs = VIEWS.map((v) => {
          const a = med(byN[mid.n][v.key]);
          const b = med(byN[hi.n][v.key]);
          return a.v != null && b.v != null && !a.text && !b.text ? `${v.title} ${((b.v / a.v - 1) * 100).toFixed(0)} %` : `${v.title} —`;
        });
        console.log(`100,000 against 10,000 events: ${vs.join(', ')}`);
      }
    }
  }
  const w = warmResults[design] ?? {};
  console.log(`\n### ${title[design]} — memory and warm interactions, unthrottled, events page\n`);
  console.log('| events | archive MB | renderer RSS after first screen | after a search | filter change median / p95 | search p95 (median) over typed queries | first query, all it needs fetched, wall clock |');
  console.log('|---:|---:|--:|--:|--:|--:|--:|');
  for (const sz of prepared) {
    const runs = w[sz.n] ?? [];
    if (!runs.length) {
      console.log(`| ${sz.n.toLocaleString('en')} | ${sz.mb.toFixed(1)} | failed | | | | |`);
      continue;
    }
    const mem = (k) => {
      const ms = runs.map((r) => r[k]).filter(Boolean);
      if (!ms.length) return 'failed';
      return `${median(ms.map((m) => m.mb)).toFixed(0)} MB (${median(ms.map((m) => m.count))} renderer${ms[0].count === 1 ? '' : 's'}, largest ${median(ms.map((m) => m.largest)).toFixed(0)})`;
    };
    const orFailed = (xs, f) => (xs.length ? f(xs) : 'failed');
    const filter = runs.flatMap((r) => r.filter);
    const search = runs.flatMap((r) => r.search);
    console.log(
      `| ${sz.n.toLocaleString('en')} | ${sz.mb.toFixed(1)} | ${mem('memReady')} | ${mem('memSearch')} | ${orFailed(filter, (f) => `${median(f).toFixed(1)} / ${p95(f).toFixed(1)} ms`)} | ${orFailed(search, (x) => `${p95(x).toFixed(2)} ms (${median(x).toFixed(2)} ms, ${x.length} searches)`)} | ${orFailed(runs.map((r) => r.firstSearchWallMs).filter((x) => x != null), (x) => fmtS(median(x)))} |`,
    );
  }
}
console.log(`\nsearch word for the cold search, per size: ${prepared.map((s) => `${s.n}: "${s.picks.word}"`).join(', ')}; typed queries: ${prepared.map((s) => `${s.n}: ${s.picks.queries.map((q) => JSON.stringify(q)).join(' ')}`).join('; ')}`);
console.log(`load average (1 min) during the run: ${Math.min(...loads, loadavg()[0]).toFixed(1)}-${Math.max(...loads, loadavg()[0]).toFixed(1)}, at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores; ${((Date.now() - startedAt) / 60000).toFixed(1)} min`);
if (consoleSeen.length) {
  // Each distinct message once, with how many pages showed it and the first.
  const distinct = new Map();
  for (const { where, text } of consoleSeen) {
    // The same message from different addresses is one message.
    const key = text.replace(/ \(http[^)]*\)$/, '');
    const d = distinct.get(key) ?? { count: 0, first: where };
    d.count++;
    distinct.set(key, d);
  }
  console.log(`\nconsole errors and warnings (${distinct.size} distinct):`);
  for (const [text, d] of distinct) console.log(`- ${text} — ${d.count}×, first in ${d.first}`);
}
if (failures.length) {
  console.log(`\nTHE APP FAILED (${failures.length}):`);
  for (const f of failures) console.log(`- ${f}`);
  process.exit(1);
}
