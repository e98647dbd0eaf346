// Two published sites, old and new, measured alternately on the same
// machine at the same time: the way to see what a change does to the first
// screen when the machine's load moves single runs by 0.2-0.4 s.
//
//   node bench/delivery/ab.mjs OLD_SITE NEW_SITE [RUNS] ROUTE...
//   e.g. node bench/delivery/ab.mjs target/bench/site-10000-old target/bench/site-10000 5 '#/' '#/events' '#/events?view=chart'
//   VIEWPORT=390 node bench/delivery/ab.mjs ...       (a phone's width; default 1280)
//
// Each run opens ROUTE cold under the slow-4G phone profile of run.mjs
// (150 ms, 1.6 Mbit/s, CPU 4x, through CDP), A then B or B then A in turn,
// and prints per route and site the medians of: `archive-ready` (ms from
// navigation start), when the catalogue's fetch-and-parse started and how
// long it took (`archive-fetch`), the index build (`archive-index`), and,
// on a chart, when the chart was painted at its frame's width (the frame
// after the SVG's width first equals the frame's). A benchmark: it fails
// only when a page never gets ready.

import { launchChromium, startStaticServer } from '../../tests/e2e/lib/index.mjs';

const [oldSite, newSite, runsArg, ...routes] = process.argv.slice(2);
if (!oldSite || !newSite || routes.length === 0) {
  console.error('usage: node bench/delivery/ab.mjs OLD_SITE NEW_SITE [RUNS] ROUTE...');
  process.exit(2);
}
const runs = Number(runsArg) || 5;
const width = Number(process.env.VIEWPORT || 1280);
const servers = { A: await startStaticServer({ root: oldSite, quiet: true }), B: await startStaticServer({ root: newSite, quiet: true }) };
const browser = await launchChromium();

async function once(server, route) {
  const { page, context, close } = await browser.newPage();
  try {
    await page.setViewportSize({ width, height: 800 });
    // The chart painted at its frame's width: one frame after its SVG's
    // width first equals the frame's.
    await page.addInitScript(() => {
      const tick = () => {
        const svg = document.querySelector('.chart-svg svg');
        const frame = document.querySelector('.chart-frame');
        if (svg && frame && Number(svg.getAttribute('width')) === frame.clientWidth) {
          requestAnimationFrame(() => (window.__chartPainted = performance.now()));
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, connectionType: 'cellular4g' });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${server.url}index.html${route}`, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => performance.getEntriesByName('archive-ready').length > 0 && (!document.querySelector('.chart-frame') || window.__chartPainted),
      null,
      { timeout: 120_000, polling: 100 },
    );
    return await page.evaluate(() => {
      const entry = (n) => performance.getEntriesByName(n)[0];
      return {
        ready: entry('archive-ready').startTime,
        fetchStart: entry('archive-fetch')?.startTime ?? NaN,
        fetch: entry('archive-fetch')?.duration ?? NaN,
        index: entry('archive-index')?.duration ?? NaN,
        painted: window.__chartPainted ?? NaN,
      };
    });
  } finally {
    await close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const results = {};
try {
  for (const route of routes) {
    for (let r = 0; r < runs; r++) {
      for (const site of r % 2 ? ['B', 'A'] : ['A', 'B']) {
        ((results[route] ??= {})[site] ??= []).push(await once(servers[site], route));
      }
    }
  }
} finally {
  await browser.close();
  await servers.A.close();
  await servers.B.close();
}
console.log(`A = ${oldSite}, B = ${newSite}; ${runs} runs each, alternating, ${width} px wide, slow 4G with CPU 4x; medians in ms`);
console.log('| route | site | archive-ready | catalogue fetch starts | fetch and parse | index | chart painted | every archive-ready |');
console.log('|---|---|--:|--:|--:|--:|--:|---|');
for (const [route, bySite] of Object.entries(results)) {
  for (const site of ['A', 'B']) {
    const ms = bySite[site];
    const m = (key) => {
      const v = median(ms.map((x) => x[key]));
      return Number.isNaN(v) ? '' : v.toFixed(0);
    };
    console.log(`| \`${route}\` | ${site} | ${m('ready')} | ${m('fetchStart')} | ${m('fetch')} | ${m('index')} | ${m('painted')} | ${ms.map((x) => x.ready.toFixed(0)).join(' ')} |`);
  }
}
