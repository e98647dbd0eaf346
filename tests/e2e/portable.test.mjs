// The portable copy (dist-portable/index.html) opened from disk, file://, in
// headless Chromium (playwright-core) and headless Firefox ESR (puppeteer-core
// over WebDriver BiDi): search, a country filter, the chart, the CSV
// download and the language switch, the same checks in both. Expected
// numbers come from data/archive.json, which the portable file inlines.
//
// The two drivers differ, so the tests use only what both have: evaluate,
// click on a selector, the keyboard, and a polling helper of their own.
//
// Run: node --test tests/e2e/portable.test.mjs (after scripts/build-portable.sh)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, REPO_ROOT, until } from './lib/index.mjs';

const TIMEOUT = { timeout: 120_000 };
const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const events = archive.releases.flatMap((r) => r.events);
const countOf = (code) => events.filter((e) => e.country === code).length;
// The events a search for the Karasora operation must find: every spelling the corpus uses.
const KARASORA = /\b(karasora|karaasora|qarasora)\b|карасора/i;
const karasoraIds = events.filter((e) => KARASORA.test(`${e.title}\n${e.body.join('\n')}`)).map((e) => e.id).sort();
// A country with some events but not most of them, so a filter visibly changes the count.
const COUNTRY = [...new Set(events.map((e) => e.country))]
  .map((code) => [code, countOf(code)])
  .filter(([, n]) => n > 0 && n < events.length)
  .sort((a, b) => a[1] - b[1])[0][0];

/** The result count as the page states it, e.g. "21 events" -> 21. */
const resultCount = (page) =>
  page.evaluate(() => {
    const m = document.querySelector('.result-count')?.textContent.match(/\d+/);
    return m ? Number(m[0]) : null;
  });

const countIs = (page, n, what) =>
  until(page, (n) => document.querySelector('.result-count')?.textContent.match(/\d+/)?.[0] === String(n), n, what);

/** Keeps each file the page offers for download ({ name, text }) in
 * window.__downloads, from the Blob behind the link's object URL. The click
 * goes through to the browser only when `letThrough` (Chromium, where the
 * test also sees the real download); Firefox would save it to disk. */
function spyOnDownloads(letThrough) {
  window.__downloads = [];
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (obj) {
    const url = createObjectURL.call(URL, obj);
    blobs.set(url, obj);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const blob = this.hasAttribute('download') ? blobs.get(this.href) : undefined;
    if (blob) {
      const entry = { name: this.download, text: null };
      window.__downloads.push(entry);
      blob.text().then((t) => (entry.text = t));
      if (!letThrough) return;
    }
    return click.call(this);
  };
}

for (const browser of ['chromium', 'firefox']) {
  describe(`portable copy over file:// in ${browser}`, TIMEOUT, () => {
    const app = appFixture({ browser, target: 'file' });

    test('search: typing a query narrows the events and highlights the matches', TIMEOUT, (t) =>
      app.withPage(t, async ({ page, open }) => {
        await open('#/events');
        assert.equal(await resultCount(page), events.length);
        await page.click('input[type="search"]');
        await page.keyboard.type('карасора');
        await until(page, () => decodeURIComponent(location.hash).includes('q=карасора'), null, 'the whole query in the address');
        // Every event naming the operation, in any of its spellings, and no other.
        await countIs(page, karasoraIds.length, `${karasoraIds.length} results`);
        const found = await page.evaluate(() => [...document.querySelectorAll('.event-item')].map((e) => e.dataset.event));
        assert.deepEqual(found.sort(), karasoraIds, 'the Karasora operation is found, and nothing else');
        const marks = await page.evaluate(() => [...document.querySelectorAll('.event-item mark')].map((m) => m.textContent));
        assert.ok(marks.length > 0, 'matches are highlighted');
        assert.ok(marks.some((m) => /карасор|karasor|qarasor/i.test(m)), `no highlighted Karasora in ${marks}`);
      }));

    test(`a country filter (${COUNTRY}) shows that country's events, as many as the archive has`, TIMEOUT, (t) =>
      app.withPage(t, async ({ page, open }) => {
        await open('#/events');
        assert.equal(await resultCount(page), events.length);
        await page.click(`.filters input[name="country"][value="${COUNTRY}"]`);
        await countIs(page, countOf(COUNTRY), `${countOf(COUNTRY)} results`);
        const listed = await page.evaluate(() => [...document.querySelectorAll('.event-item')].map((e) => e.dataset.country));
        assert.ok(listed.length > 0);
        assert.deepEqual(new Set(listed), new Set([COUNTRY]));
        assert.match(await page.evaluate(() => location.hash), new RegExp(`country=${COUNTRY}`));
      }));

    test('the chart has one segment per period of the filtered country, adding up to the result count', TIMEOUT, (t) =>
      app.withPage(t, async ({ page, open }) => {
        await open(`#/events?country=${COUNTRY}&by=month`);
        await page.click('.view-switch button[data-view="chart"]');
        const bars = await until(
          page,
          () => {
            const hits = [...document.querySelectorAll('.chart-overlay rect.hit')];
            return hits.length && hits.map((h) => ({ country: h.dataset.country, count: Number(h.dataset.count) }));
          },
          null,
          'the chart',
        );
        const drawn = bars.filter((b) => b.count > 0);
        assert.equal(drawn.reduce((a, b) => a + b.count, 0), await resultCount(page));
        assert.equal(await resultCount(page), countOf(COUNTRY));
        assert.deepEqual(new Set(drawn.map((b) => b.country)), new Set([COUNTRY]));
        const months = new Set(events.filter((e) => e.country === COUNTRY).map((e) => e.date.start.slice(0, 7)));
        assert.equal(drawn.length, months.size, 'one segment per month with events');
      }));

    test('the table downloads as CSV with the same numbers', TIMEOUT, (t) =>
      app.withPage(t, async ({ page, open, initScript }) => {
        await initScript(spyOnDownloads, browser === 'chromium');
        await open('#/events?view=table&by=month');
        const tableTotal = await page.evaluate(() =>
          [...document.querySelector('.data-table').tBodies[0].rows].reduce((a, r) => a + Number(r.cells[r.cells.length - 1].textContent), 0),
        );
        const click = () =>
          page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Download CSV').click());
        let real;
        if (browser === 'chromium') [real] = await Promise.all([page.waitForEvent('download'), click()]);
        else await click();
        const file = await until(page, () => window.__downloads.find((d) => d.text !== null), null, 'the download');
        assert.equal(file.name, 'caricc-events-by-month.csv');
        const rows = file.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
        const body = rows.slice(1).filter((r) => /^\d{4}/.test(r[1] ?? ''));
        assert.ok(body.length > 0, `no period rows in ${file.text.slice(0, 200)}`);
        const total = body.reduce((a, r) => a + Number(r[r.length - 1]), 0);
        assert.equal(total, tableTotal);
        assert.equal(total, events.length);
        if (real) {
          assert.equal(real.suggestedFilename(), file.name);
          // Blob.text() drops the byte order mark the file starts with.
          assert.equal(readFileSync(await real.path(), 'utf8'), `\uFEFF${file.text.replace(/^\uFEFF/, '')}`);
        }
      }));

    test('the language switch changes the interface to Russian and back', TIMEOUT, (t) =>
      app.withPage(t, async ({ page, open }) => {
        await open('#/events');
        const label = () => page.evaluate(() => document.querySelector('input[type="search"]').getAttribute('aria-label'));
        assert.equal(await label(), 'Search');
        await page.click('.lang-switch button[lang="ru"]');
        await until(page, () => document.documentElement.lang === 'ru', null, 'lang=ru');
        assert.equal(await label(), 'Поиск');
        assert.match(await page.evaluate(() => document.querySelector('.site-header nav').textContent), /События/);
        assert.match(await page.evaluate(() => document.querySelector('.result-count').textContent), /событи/);
        await page.click('.lang-switch button[lang="en"]');
        await until(page, () => document.documentElement.lang === 'en', null, 'lang=en');
        assert.equal(await label(), 'Search');
      }));
  });
}
