// A hostile archive, end to end in headless Chromium against the release
// build (dist/) over HTTP: partner archives are untrusted, and every release
// carries text copied from media. Titles, bodies, places, country fields,
// ids and source URLs hold markup and script, `javascript:`/`data:` links,
// right-to-left overrides, zero-width characters, a 50,000-character word and
// a 5 MB body. Everything must read as the literal text, nothing may run
// (no dialog, no script element, no on* attribute), no such URL may become a
// link, the downloads must carry no live markup or formula, and no text may
// push the page wider than the window.
//
// The harness (lib/) already fails a page that logs a console error, throws,
// opens a dialog, violates the CSP or requests another origin.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { appFixture, DIST_DIR, publishFixture } from './lib/index.mjs';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const SVG = '<svg onload=alert(1)><script>alert(1)</script></svg>';
const RLO = '\u202E'; // RIGHT-TO-LEFT OVERRIDE
const ZW = '\u200B\u200C\u200D\u2060\uFEFF'; // zero-width space, non-joiner, joiner, word joiner, BOM
const LONG_WORD = 'w'.repeat(50_000);
// One paragraph of 5 MB, markup all through it, with a word to search for at its very end.
const BIG_BODY = `${'heroin seized <b>bold</b> & <i>it</i> '.repeat(131_072)}${SCRIPT} zzneedle`;

// Titles in mixed case, so the sentence-casing of all-caps titles leaves them as they are.
const events = [
  {
    id: 'e-script',
    country: 'KZ',
    title: `${SCRIPT} Seized heroin in Almaty`,
    body: [`${IMG} first paragraph about heroin`, `second ${SVG} paragraph`],
    source_url: 'javascript:alert(1)',
    place: `${SVG} Almaty`,
    mentioned_countries: [IMG, 'KG'],
  },
  {
    id: `e-"><img src=x onerror=alert(1)>`,
    country: 'KG',
    title: `${IMG} Raid with ${RLO}txt.exe and zero${ZW}width`,
    body: [`Body with the override ${RLO}gnp.exe, and zero${ZW}width marks.`],
    source_url: 'data:text/html,<script>alert(1)</script>',
  },
  {
    id: 'e-svg',
    country: 'RU',
    title: `${SVG} Lab dismantled`,
    body: [`Long word follows: ${LONG_WORD} end.`],
    source_url: 'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    place: LONG_WORD,
  },
  {
    id: 'e-big',
    country: 'TJ',
    title: 'A body of five megabytes',
    body: [BIG_BODY],
    source_url: 'JaVaScRiPt:alert(1)',
  },
  {
    id: 'e-long-title',
    country: 'UZ',
    title: `Title ${LONG_WORD}`,
    body: ['Short body.'],
    // A real link whose path holds markup: a link, with the text as its attribute value only.
    source_url: `https://example.org/a"><script>alert(1)</script>`,
  },
  {
    id: 'e-space-url',
    country: 'TM',
    title: `Space in the link ${SCRIPT}`,
    body: ['x'],
    source_url: 'https://example.org/a <svg onload=alert(1)>',
  },
  {
    // Left out by the decoder (not a country code); its code must show as text in the warning.
    id: 'e-bad-country',
    country: SCRIPT,
    title: 'bad country',
    body: ['x'],
    source_url: null,
  },
].map((e) => ({ date: { start: '2025-06-03', end: '2025-06-03' }, language: 'en', ...e }));

const hostileArchive = {
  schema_version: 1,
  releases: [
    {
      id: `ir-"><svg onload=alert(1)>`,
      kind: 'information-release',
      number: 11,
      year: 2025,
      title: `${SCRIPT} Information release ${IMG} ${LONG_WORD}`,
      period: { start: '2025-06-01', end: '2025-06-15' },
      language: 'en',
      declared_counts: { KZ: 1, KG: 1, [IMG]: 3 },
      source_file: SCRIPT,
      summary: [`Summary ${SVG} with ${RLO}override`],
      events,
    },
  ],
};
const shown = events.filter((e) => e.country !== SCRIPT);
let ARCHIVE; // published in before()
const at = (route) => `${route}${route.includes('?') ? '&' : '?'}archive=${ARCHIVE}`;

/** Installed before the app runs: records every script element added after
 * the HTML was parsed, every on* attribute, and every element that could load
 * or run something. */
function installGuard() {
  const seen = { scripts: [], onAttributes: [], embeds: [] };
  window.__guard = seen;
  let parsed = false;
  document.addEventListener('DOMContentLoaded', () => (parsed = true));
  const look = (el, deep) => {
    if (!(el instanceof Element)) return;
    for (const e of deep ? [el, ...el.querySelectorAll('*')] : [el]) {
      const tag = e.localName.toLowerCase();
      if (tag === 'script' && parsed) seen.scripts.push(e.outerHTML.slice(0, 120));
      if (['iframe', 'frame', 'object', 'embed', 'img', 'image', 'foreignobject', 'use', 'base', 'meta'].includes(tag) && parsed) {
        seen.embeds.push(e.outerHTML.slice(0, 120));
      }
      for (const a of e.attributes) if (/^on/i.test(a.name)) seen.onAttributes.push(`<${tag} ${a.name}>`);
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'childList') r.addedNodes.forEach((n) => look(n, true));
      else look(r.target, false);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

/** What is wrong with the page as it stands: live links with a foreign
 * scheme, on* attributes, and anything wider than the window. */
async function pageProblems(page) {
  return page.evaluate(() => {
    const out = [...window.__guard.scripts.map((s) => `script added: ${s}`)];
    out.push(...window.__guard.onAttributes.map((s) => `on* attribute: ${s}`));
    out.push(...window.__guard.embeds.map((s) => `embedding element added: ${s}`));
    for (const a of document.body.querySelectorAll('[href], [src], [srcdoc], [action], [formaction]')) {
      for (const name of ['href', 'src', 'srcdoc', 'action', 'formaction']) {
        const v = a.getAttribute(name);
        if (v !== null && !/^(#|https?:\/\/|[\w./-]+\.(js|wasm|css)$)/i.test(v.trim())) {
          out.push(`<${a.localName} ${name}="${v.slice(0, 80)}">`);
        }
      }
    }
    for (const a of document.querySelectorAll('a')) {
      if (/^\s*(javascript|data|vbscript):/i.test(a.href)) out.push(`live link ${a.href.slice(0, 80)}`);
    }
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const e of document.querySelectorAll('main *')) {
      if (e.closest('.table-scroll, .filters, .chart-frame')) continue;
      const r = e.getBoundingClientRect();
      if (r.width && r.right > width + 1) {
        out.push(`<${e.localName} class="${e.className}"> ends at ${Math.round(r.right)} px, past the window (${width})`);
        break;
      }
    }
    return out;
  });
}

/** `text` cut to `max` characters (code points) with an ellipsis, as the list shows it. */
const cut = (text, max) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/** assert.equal for texts that may be megabytes long: the message shows where they differ. */
function sameText(actual, expected, what) {
  if (actual === expected) return;
  let i = 0;
  while (i < actual?.length && actual[i] === expected[i]) i++;
  const around = (s) => JSON.stringify(String(s).slice(Math.max(0, i - 30), i + 50));
  assert.fail(`${what}: differs at ${i} (lengths ${actual?.length}, ${expected.length}): ${around(actual)} != ${around(expected)}`);
}

async function assertClean(page, where) {
  assert.deepEqual(await pageProblems(page), [], where);
}

describe('a hostile archive is shown as text, and runs nothing', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  before(() => {
    ARCHIVE = publishFixture({ name: 'hostile', archive: hostileArchive, from: DIST_DIR });
  });

  const withHostile = (t, body) =>
    app.withPage(t, async (session) => {
      await session.page.addInitScript(installGuard);
      await body(session);
    });

  test('release list and release page: titles, summary and warnings as text', (t) =>
    withHostile(t, async ({ page, open }) => {
      await open(at('#/'));
      const card = page.locator('.release-card');
      assert.equal(await card.count(), 1);
      assert.equal(await card.getAttribute('data-release'), hostileArchive.releases[0].id);
      sameText(await card.locator('h2').textContent(), hostileArchive.releases[0].title, 'release card title');
      // The bad records are left out and counted in a visible warning, their text shown literally.
      const warning = page.locator('.notice.warning');
      assert.match(await warning.locator('summary').innerText(), /\((\d+)\)/);
      await warning.locator('summary').click();
      const warnings = await warning.locator('li').allTextContents();
      assert.ok(warnings.some((w) => w.includes(`unknown country code \`${SCRIPT}\``)), warnings.join('\n'));
      assert.ok(warnings.some((w) => w.includes('declared_counts')), warnings.join('\n'));
      await assertClean(page, 'release list');

      await card.locator('h2 a').click();
      await page.locator('.release-page').waitFor();
      sameText(await page.locator('.release-page h1').textContent(), hostileArchive.releases[0].title, 'release page title');
      sameText(await page.locator('.release-page .summary p').textContent(), hostileArchive.releases[0].summary[0], 'release summary');
      await page.locator('.country-group').first().waitFor(); // the texts have arrived
      const listed = await page.locator('.country-group li a').allTextContents();
      assert.deepEqual(listed.sort(), shown.map((e) => e.title).sort());
      await assertClean(page, 'release page');
    }));

  test('event list and every event page: text literally, no foreign-scheme link, long words wrap', (t) =>
    withHostile(t, async ({ page, open, navigate }) => {
      await open(at('#/events'));
      const items = page.locator('.event-item');
      assert.equal(await items.count(), shown.length);
      for (const e of shown) {
        const item = page.locator('.event-item').filter({ has: page.locator(`h2 a`, { hasText: e.title.slice(0, 30) }) });
        assert.equal(await item.getAttribute('data-event'), e.id);
        // The list shows the title up to 400 characters and the first paragraph up to 240.
        sameText(await item.locator('h2').textContent(), cut(e.title, 400), `${e.id}: list title`);
        sameText(await item.locator('.lead').textContent(), cut(e.body[0], 240), `${e.id}: lead`);
      }
      await assertClean(page, 'event list');

      for (const e of shown) {
        await navigate(`#/event/${encodeURIComponent(e.id)}?archive=${ARCHIVE}`);
        const article = page.locator('.event-page');
        await article.waitFor();
        await page.waitForFunction((id) => decodeURIComponent(location.hash).includes(id), e.id);
        sameText(await article.locator('h1').textContent(), e.title, e.id);
        const paragraphs = await article.locator('.event-body p').evaluateAll((ps) => ps.map((p) => p.textContent));
        assert.equal(paragraphs.length, e.body.length, e.id);
        paragraphs.forEach((p, i) => assert.ok(p === e.body[i], `${e.id}: paragraph ${i} is not the literal text`));
        if (e.place) assert.ok(await article.locator('dd', { hasText: e.place.slice(0, 40) }).count(), `${e.id}: place`);
        const links = await article.locator('a.source-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        if (/^https?:\/\/[^\s]+$/.test(e.source_url ?? '')) {
          assert.deepEqual(links, [e.source_url], `${e.id}: an http link is a link, verbatim`);
        } else {
          assert.deepEqual(links, [], `${e.id}: ${e.source_url} must not be a link`);
        }
        // The source URL that is not a link is not shown as one either, in any element.
        const anchors = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        assert.ok(!anchors.some((h) => /^(javascript|data):/i.test(h.trim())), `${e.id}: ${anchors}`);
        // Other-country mentions from the data are codes only: the hostile one is dropped.
        assert.equal(await article.locator(`[data-country="${IMG}"]`).count(), 0);
        await assertClean(page, `event page ${e.id}`);
      }
      // The long word wraps inside the page instead of running off it.
      await navigate(`#/event/e-svg?archive=${ARCHIVE}`);
      await page.waitForFunction(() => document.querySelector('.event-page h1')?.textContent.includes('Lab dismantled'));
      const box = await page.locator('.event-body p').boundingBox();
      const viewport = page.viewportSize();
      assert.ok(box.x + box.width <= viewport.width, `the paragraph fits: ${JSON.stringify(box)}`);
      assert.ok(box.height > 200, 'the 50,000-character word is broken over many lines');
      // Still responsive: a filter click after all that re-renders the list.
      await navigate(`#/events?archive=${ARCHIVE}`);
      await page.locator('.filters input[name="country"][value="TJ"]').check();
      await page.waitForFunction(() => document.querySelectorAll('.event-item').length === 1);
      assert.equal(await page.locator('.event-item').getAttribute('data-event'), 'e-big');
      await assertClean(page, 'after filtering');
    }));

  test('search snippets hitting the hostile text show it as text, with only the matches marked', (t) =>
    withHostile(t, async ({ page, open }) => {
      await open(at('#/events?q=alert'));
      const items = page.locator('.event-item');
      // alert is in the title of four events and the body of one more: those five, and no other.
      const withAlert = shown.filter((e) => /alert/i.test(`${e.title}\n${e.body.join('\n')}`)).map((e) => e.id);
      assert.equal(withAlert.length, 5);
      assert.deepEqual((await items.evaluateAll((els) => els.map((e) => e.dataset.event))).sort(), withAlert.sort());
      const marks = await page.locator('.event-item mark').allTextContents();
      assert.ok(marks.length > 0 && marks.every((m) => /^alert$/i.test(m)), marks.join('|'));
      const script = page.locator('.event-item[data-event="e-script"]');
      sameText(await script.locator('h2').textContent(), events[0].title, 'e-script title in the search results');
      assert.match(await script.locator('.lead').textContent(), /<img src=x onerror=alert\(1\)>/);
      await assertClean(page, 'search alert');

      // The match at the very end of the 5 MB paragraph.
      await open(at('#/events?q=zzneedle'));
      assert.equal(await items.count(), 1);
      const big = page.locator('.event-item[data-event="e-big"]');
      sameText(await big.locator('mark').textContent(), 'zzneedle', 'the match');
      const lead = await big.locator('.lead').textContent();
      assert.ok(lead.includes(`${SCRIPT} zzneedle`), lead);
      assert.ok(lead.length < 1000, `a snippet, not the body: ${lead.length} characters`);
      await assertClean(page, 'search zzneedle');

      // A query that is itself markup, typed into the search box.
      await open(at('#/events'));
      await page.getByRole('searchbox').fill(SVG);
      await page.waitForFunction(() => location.hash.includes('q='));
      await page.locator('.result-count').waitFor();
      assert.equal(await page.getByRole('searchbox').inputValue(), SVG);
      await assertClean(page, 'search with a markup query');

      // The long word as a query, and a word spelt with zero-width characters.
      for (const q of [LONG_WORD.slice(0, 5000), `zero${ZW}width`, RLO]) {
        await open(at(`#/events?q=${encodeURIComponent(q)}`));
        await page.locator('.result-count').waitFor();
        await assertClean(page, `search ${JSON.stringify(q.slice(0, 20))}`);
      }
    }));

  test('chart and table views, and their SVG and CSV downloads, carry no markup or formula from the data', (t) =>
    withHostile(t, async ({ page, open }) => {
      await open(at('#/events?view=chart&by=month'));
      await page.locator('.chart-svg svg').waitFor();
      const chartScripts = await page.locator('.chart-frame script, .chart-frame foreignObject').count();
      assert.equal(chartScripts, 0);
      await assertClean(page, 'chart');
      const [svgDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download SVG' }).click(),
      ]);
      const svg = readFileSync(await svgDownload.path(), 'utf8');
      assert.match(svg, /^<svg[\s>]/);
      assert.doesNotMatch(svg, /<script/i);
      assert.doesNotMatch(svg, /\son\w+\s*=/i);
      assert.doesNotMatch(svg, /javascript:|<img|<foreignObject/i);
      const [chartCsv] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.chart-view').getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      assertSafeCsv(readFileSync(await chartCsv.path(), 'utf8'));

      await open(at('#/events?view=table&by=month'));
      const headers = await page.locator('.data-table thead [data-country]').evaluateAll((els) => els.map((e) => e.dataset.country));
      assert.deepEqual(headers.sort(), [...new Set(shown.map((e) => e.country))].sort());
      await assertClean(page, 'table');
      const [tableCsv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = readFileSync(await tableCsv.path(), 'utf8');
      assertSafeCsv(csv);
      assert.match(csv.split('\r\n')[0], /^\uFEFFperiod,start,end,(\w\w,)+total$/);
    }));
});

function assertSafeCsv(csv) {
  assert.doesNotMatch(csv, /<script|onerror|onload|javascript:/i);
  for (const line of csv.split(/\r?\n/)) {
    for (const cell of line.split(',')) {
      assert.ok(!/^["']?[=+\-@\t\r]/.test(cell) || cell.startsWith("'") || cell.startsWith(`"'`), `formula cell ${cell}`);
    }
  }
}
