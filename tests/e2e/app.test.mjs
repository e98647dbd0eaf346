// The reader, end to end in headless Chromium against the release build
// (dist/) served over HTTP. Expected numbers come from the bundled archive
// the ingest wrote, so they follow the corpus; the ingest's own tests pin the
// corpus itself (33 events: KZ 21, KG 2, RU 8, TJ 2 in the June 2025 release).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, REPO_ROOT, waitForArchiveReady } from './lib/index.mjs';

const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const events = archive.releases.flatMap((r) => r.events.map((e) => ({ ...e, kind: r.kind })));
const countOf = (code) => events.filter((e) => e.country === code).length;

/** The result count as the page states it, e.g. "21 events" -> 21. */
async function resultCount(page) {
  // "Searching…" while the query's index pieces arrive.
  await page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
  const text = await page.locator('.result-count').innerText();
  const m = text.match(/\d+/);
  assert.ok(m, `no number in the result count "${text}"`);
  return Number(m[0]);
}

/** Waits until the page states exactly `n` results (the whole number: 4 is not 42). */
async function countIs(page, n) {
  await page.waitForFunction((n) => document.querySelector('.result-count')?.innerText.match(/^\d+/)?.[0] === String(n), n);
}

/** The events a search must find for the Karasora operation: every spelling the corpus uses. */
const KARASORA = /\b(karasora|karaasora|qarasora)\b|карасора/i;
const karasoraIds = events.filter((e) => KARASORA.test(`${e.title}\n${e.body.join('\n')}`)).map((e) => e.id).sort();

/** Waits until every listed event's text has arrived (a published site's
 * pieces come after the counts). */
async function arrived(page) {
  await page.waitForFunction(() => !document.querySelector('.event-item.pending'));
}

async function listedIds(page) {
  await arrived(page);
  return page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
}

async function listedCountries(page) {
  await arrived(page);
  return page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.country));
}

describe('reader over the bundled archive', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('the release list shows every release, newest first, with its events per country', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/');
      const ids = await page.locator('.release-card').evaluateAll((els) => els.map((e) => e.dataset.release));
      const expected = [...archive.releases]
        .sort((a, b) => (a.period.start < b.period.start ? 1 : a.period.start > b.period.start ? -1 : a.id.localeCompare(b.id)))
        .map((r) => r.id);
      assert.deepEqual(ids, expected);
      for (const r of archive.releases) {
        const card = page.locator(`.release-card[data-release="${r.id}"]`);
        for (const code of new Set(r.events.map((e) => e.country))) {
          const n = r.events.filter((e) => e.country === code).length;
          assert.equal(await card.locator(`.country-tag[data-country="${code}"] .count`).innerText(), String(n));
        }
      }
    }));

  test('a country filter set through the UI shows only that country, with the right count', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events');
      assert.equal(await resultCount(page), events.length);
      await page.locator('.filters input[name="country"][value="KG"]').check();
      await countIs(page, countOf('KG'));
      assert.equal(await resultCount(page), countOf('KG'));
      assert.deepEqual(new Set(await listedCountries(page)), new Set(['KG']));
      assert.match(page.url(), /#\/events\?country=KG$/);
      // Back undoes the filter.
      await page.goBack();
      await countIs(page, events.length);
    }));

  test('on a phone the results come first: the filters fold behind their heading', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await open('#/events');
      const toggle = page.locator('.filters-toggle');
      const kg = page.locator('.filters input[name="country"][value="KG"]');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await kg.isVisible(), false);
      // The first event is on the first screen, not 700 px of filters down.
      const first = await page.locator('.event-item').first().boundingBox();
      assert.ok(first && first.y < 740, `the first event starts at ${first?.y}px`);
      // The heading button opens them, names the active filters, and closes them.
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await kg.check();
      await countIs(page, countOf('KG'));
      assert.match(await toggle.innerText(), /^Filters \(1\)/);
      await toggle.click();
      assert.equal(await kg.isVisible(), false);
      // Wide screens always show them, with no toggle.
      await page.setViewportSize({ width: 1280, height: 800 });
      assert.equal(await toggle.isVisible(), false);
      assert.equal(await kg.isVisible(), true);
      assert.equal(await page.getByRole('heading', { name: 'Filters' }).count(), 1);
    }));

  test('a country filter set through the URL shows only that country, with the right count', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?country=RU');
      assert.equal(await resultCount(page), countOf('RU'));
      assert.deepEqual(new Set(await listedCountries(page)), new Set(['RU']));
      assert.equal(await page.locator('.filters input[value="RU"]').isChecked(), true);
      // Facets count under the other filters: Kazakhstan still shows its total.
      const kz = page.locator('.filters label:has(input[value="KZ"]) .facet-count');
      assert.equal(await kz.innerText(), String(countOf('KZ')));
      // Two countries and a month range combine; an event counts on its first day.
      await page.evaluate(() => (location.hash = '#/events?country=KG,TJ&from=2025-06&to=2025-06'));
      const expected = events.filter((e) => ['KG', 'TJ'].includes(e.country) && e.date.start >= '2025-06-01' && e.date.start <= '2025-06-30');
      assert.ok(expected.length > 0);
      await countIs(page, expected.length);
      assert.deepEqual((await listedIds(page)).sort(), expected.map((e) => e.id).sort());
    }));

  test('an event page shows its source link, safely, with the host in Unicode', (t) =>
    app.withPage(t, async ({ page, open }) => {
      const withPunycode = events.find((e) => e.source_url && new URL(e.source_url).hostname.includes('xn--'));
      const sample = withPunycode ?? events.find((e) => e.source_url);
      assert.ok(sample, 'the corpus has events with sources');
      await open(`#/event/${encodeURIComponent(sample.id)}`);
      const link = page.locator('a.source-link');
      assert.equal(await link.getAttribute('href'), sample.source_url);
      assert.equal(await link.getAttribute('target'), '_blank');
      assert.deepEqual((await link.getAttribute('rel')).split(' ').sort(), ['noopener', 'noreferrer']);
      const host = await link.innerText();
      assert.ok(!host.includes('xn--'), `host shown in Unicode, got ${host}`);
      if (withPunycode) assert.match(host, /[а-я]/);
      const title = await page.locator('.event-page h1').innerText();
      assert.equal(title.toLowerCase(), sample.title.toLowerCase().replace(/\s+/g, ' ').trim());
      assert.equal(await page.locator('.event-body p').count(), sample.body.length);
    }));

  test('the language switch changes the interface and is remembered', (t) =>
    app.withPage(t, async ({ page, open, watch }) => {
      await open('#/events');
      const search = page.getByRole('searchbox');
      assert.equal(await search.getAttribute('aria-label'), 'Search');
      await page.locator('.lang-switch button[lang="ru"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'ru');
      assert.equal(await search.getAttribute('aria-label'), 'Поиск');
      assert.match(await page.locator('.site-header nav').innerText(), /События/);
      assert.match(await page.locator('.result-count').innerText(), /событи/);
      await page.reload();
      await waitForArchiveReady(page, watch);
      assert.equal(await page.getByRole('searchbox').getAttribute('aria-label'), 'Поиск');
    }));

  test('the chart shows one bar segment per country and period with the right counts; a click filters the list', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=month');
      const bars = await page.locator('.chart-overlay rect.hit').evaluateAll((els) =>
        els.map((e) => ({ country: e.dataset.country, count: Number(e.dataset.count) })),
      );
      const nonEmpty = bars.filter((b) => b.count > 0);
      const sum = nonEmpty.reduce((a, b) => a + b.count, 0);
      assert.equal(sum, events.length, 'all bars add up to the result count');
      const months = new Set(events.map((e) => `${e.country} ${e.date.start.slice(0, 7)}`));
      assert.equal(nonEmpty.length, months.size, 'one segment per country and month');
      const target = page.locator('.chart-overlay rect.hit[data-country="RU"]:not([data-count="0"])').first();
      const count = Number(await target.getAttribute('data-count'));
      await target.click();
      await page.waitForSelector('.event-list');
      assert.equal(await resultCount(page), count);
      assert.deepEqual(new Set(await listedCountries(page)), new Set(['RU']));
    }));

  test('search finds both spellings across scripts, highlights matches, and lives in the URL', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events');
      await page.keyboard.press('/');
      await page.keyboard.type('карасора');
      await page.waitForFunction(() => decodeURIComponent(location.hash).includes('q=карасора'));
      assert.ok(karasoraIds.length > 1, 'the corpus spells Karasora more than one way');
      await countIs(page, karasoraIds.length);
      // Every event naming the operation, in any spelling, and no other.
      assert.deepEqual((await listedIds(page)).sort(), karasoraIds, 'a Cyrillic query finds the Karasora operation');
      const titles = await page.locator('.event-item h2').allInnerTexts();
      assert.match(titles[0], /karasora|карасора|qarasora/i);
      assert.ok((await page.locator('.event-item mark').count()) > 0, 'matches are highlighted');
      await open('#/events?q=Qarasora');
      await page.waitForFunction(() => document.querySelector('input[type="search"]')?.value === 'Qarasora');
      await countIs(page, karasoraIds.length);
      assert.deepEqual((await listedIds(page)).sort(), karasoraIds, 'Qarasora finds the same events');
      assert.ok(await page.evaluate(() => performance.getEntriesByName('search').length > 0));
      // Odd queries give results or an empty state, never a broken page.
      for (const q of ['"unbalanced', '-', '!!!', '🙂', 'x'.repeat(3000)]) {
        await open(`#/events?q=${encodeURIComponent(q)}`);
        await page.locator('.result-count').waitFor();
      }
    }));

  test('the CSV download holds the same numbers as the table', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=table&by=month');
      const table = await page.locator('.data-table').evaluate((tbl) => {
        const head = [...tbl.tHead.rows[0].cells].slice(1, -1).map((c) => c.querySelector('[data-country]').dataset.country);
        const rows = [...tbl.tBodies[0].rows].map((r) => [...r.cells].slice(1).map((c) => Number(c.innerText)));
        return { head, rows };
      });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      assert.equal(download.suggestedFilename(), 'caricc-events-by-month.csv');
      const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
      const header = csv[0];
      for (const code of table.head) assert.ok(header.includes(code), `CSV has a column for ${code}`);
      const total = (rows) => rows.reduce((a, r) => a + r[r.length - 1], 0);
      const csvRows = csv.slice(1).filter((r) => /^\d{4}/.test(r[1] ?? ''));
      assert.equal(csvRows.length, table.rows.length, 'one CSV row per table row');
      assert.equal(total(csvRows.map((r) => r.map(Number))), total(table.rows));
      assert.equal(total(table.rows), events.length);
    }));
});
