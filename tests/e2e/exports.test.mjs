// What a reader takes away: "Download these events" (CSV and JSON of exactly
// the events of the view, in the list's order, naming the archive version
// and the view), "Cite" (text and BibTeX with the version, the address and
// today's date), the releases added since the last visit, and the printed
// view's foot. On a published site with many pieces (the events' pieces are
// fetched for the file) and in the portable file (everything in memory).
// Expected values are computed here from the archive, never read from the app.
//
// Run: node --test tests/e2e/exports.test.mjs (after scripts/build-site.sh
// and scripts/build-portable.sh)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, eventsOf, newestFirst, REPO_ROOT, syntheticArchive } from './lib/index.mjs';

const TIMEOUT = { timeout: 180_000 };
const archive = syntheticArchive({ events: 600, seed: 11 });
const events = newestFirst(eventsOf(archive));
// The country with the most events: its selection spans many pieces.
const counts = new Map();
for (const e of events) counts.set(e.country, (counts.get(e.country) ?? 0) + 1);
const [country] = [...counts].sort((a, b) => b[1] - a[1])[0];
const ofCountry = events.filter((e) => e.country === country);

/** Clicks `button` and returns the download's name and text (BOM kept). */
async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

/** A CSV reader independent of the app's writer: quotes, doubled quotes, CRLF. */
function readCsv(text, sep) {
  const rows = [['']];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const row = rows[rows.length - 1];
    if (c === '"' && quoted && text[i + 1] === '"') {
      row[row.length - 1] += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) row.push('');
    else if (c === '\r' && !quoted) continue;
    else if (c === '\n' && !quoted) rows.push(['']);
    else row[row.length - 1] += c;
  }
  if (rows.at(-1).length === 1 && rows.at(-1)[0] === '') rows.pop();
  return rows;
}

/** The published version the site's manifest names. */
async function manifestVersion(page) {
  return page.evaluate(async () => (await (await fetch('data/manifest.json')).json()).version);
}

describe('downloads, citation, new releases and print on a published site (Chromium)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http', archive });

  test('"Download these events" as CSV: every event of the view, in the list\'s order, with the version and the view', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const route = `#/events?country=${country}`;
      await open(route);
      const version = await manifestVersion(page);
      const csv = await download(page, page.locator('.event-downloads button', { hasText: 'CSV' }));
      assert.equal(csv.name, `caricc-events-${country}.csv`);
      assert.ok(csv.text.startsWith('\ufeff'), 'a byte order mark for spreadsheets');
      const rows = readCsv(csv.text.slice(1), ',');
      assert.equal(rows[0][0], `# CARICC archive, version ${version} (${ofCountry.length} events)`);
      assert.equal(rows[1][0], `# View: ${app.baseUrl}${route}`);
      const header = rows[2];
      assert.deepEqual(header.slice(0, 4), ['id', 'start', 'end', 'country']);
      const col = (name) => header.indexOf(name);
      const body = rows.slice(3);
      assert.deepEqual(body.map((r) => r[0]), ofCountry.map((e) => e.id), 'exactly the view\'s events, newest first');
      for (const [i, e] of ofCountry.entries()) {
        const r = body[i];
        assert.equal(r.length, header.length);
        assert.equal(r[col('start')], e.date.start);
        assert.equal(r[col('end')], e.date.end);
        assert.equal(r[col('country')], e.country);
        assert.equal(r[col('language')], e.language);
        assert.equal(r[col('kind')], e.kind);
        assert.equal(r[col('release_id')], e.release);
        assert.equal(r[col('source_url')], e.source_url ?? '');
        assert.equal(r[col('title')].toLowerCase(), e.title.toLowerCase());
        assert.equal(r[col('page')], `${app.baseUrl}#/event/${encodeURIComponent(e.id)}`);
      }
      // The file needed every events piece of the selection, not only the first page's.
      assert.ok(ofCountry.length > 100, `${ofCountry.length} events: more than a page`);
    }));

  test('"Download these events" as JSON: a part of the archive in its schema, with an extract header', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const route = `#/events?country=${country}&ui=ru`;
      await open(route);
      const version = await manifestVersion(page);
      const json = await download(page, page.locator('.event-downloads button', { hasText: 'JSON' }));
      assert.equal(json.name, `caricc-events-${country}.json`);
      const file = JSON.parse(json.text);
      assert.deepEqual(Object.keys(file), ['schema_version', 'extract', 'releases']);
      assert.deepEqual(file.extract, { archive_version: version, view: `${app.baseUrl}${route}`, events: ofCountry.length });
      const got = file.releases.flatMap((r) => r.events.map((e) => ({ ...e, release: r.id })));
      assert.deepEqual(got.map((e) => e.id).sort(), ofCountry.map((e) => e.id).sort());
      const byId = new Map(archive.releases.flatMap((r) => r.events.map((e) => [e.id, e])));
      for (const e of got) {
        const original = byId.get(e.id);
        const { title, release, ...rest } = e;
        const { title: originalTitle, ...originalRest } = original;
        assert.deepEqual(rest, originalRest, `event ${e.id} as the archive has it`);
        assert.equal(title.toLowerCase(), originalTitle.toLowerCase());
        assert.equal(release, ofCountry.find((o) => o.id === e.id).release);
      }
      // Releases in the schema's order, newest period first; each with its own fields.
      const ends = file.releases.map((r) => r.period.end);
      assert.deepEqual(ends, [...ends].sort().reverse());
      for (const r of file.releases) {
        const original = archive.releases.find((o) => o.id === r.id);
        assert.equal(r.source_file, original.source_file);
        assert.deepEqual(r.summary, original.summary ?? []);
        assert.equal(r.translations, undefined);
      }
    }));

  test('"Cite" gives the view with the archive version, its address and today\'s date, as text and BibTeX', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const route = `#/events?q=heroin&country=${country}&ui=ru`; // canonical order
      await open(route);
      const version = await manifestVersion(page);
      await page.locator('.cite-button').click();
      await page.waitForSelector('.cite-dialog');
      const [text, bibtex] = await page.locator('.cite-dialog textarea').evaluateAll((ts) => ts.map((t) => t.value));
      const today = new Date();
      const dd = (n) => String(n).padStart(2, '0');
      const address = `${app.baseUrl}${route}`;
      assert.ok(text.includes(`[версия архива ${version}]`), text);
      assert.ok(text.includes(`URL: ${address} (дата обращения: ${dd(today.getDate())}.${dd(today.getMonth() + 1)}.${today.getFullYear()}).`), text);
      assert.ok(text.includes('«heroin»') || text.includes('“heroin”'), `the view's query in the title: ${text}`);
      assert.match(bibtex, /^@misc\{caricc-\d{4}-\d{2}-\d{2},\n/);
      assert.ok(bibtex.includes(`  url = {${address}}\n`), bibtex);
      assert.ok(bibtex.includes(`Archive version ${version}`), bibtex);
      // Escape closes it and gives the focus back to the button.
      await page.keyboard.press('Escape');
      await page.waitForSelector('.cite-dialog', { state: 'detached' });
      // (The focus moves on the next frame.)
      await page.waitForFunction(() => document.activeElement?.matches('.cite-button'), null, { timeout: 3000 }).catch(() => {});
      assert.ok(await page.evaluate(() => document.activeElement?.matches('.cite-button')), 'Escape gives the focus back to Cite');
    }));

  test('releases added since the last visit are marked; a first visit marks none', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/');
      assert.equal(await page.locator('.new-badge').count(), 0, 'a first visit marks nothing');
      // The last visit knew every release but the two newest.
      const newest = [...archive.releases].sort((a, b) => (a.period.end < b.period.end ? 1 : a.period.end > b.period.end ? -1 : 0));
      const known = newest.slice(2).map((r) => r.id);
      await page.evaluate((ids) => localStorage.setItem('caricc.seen:', ids.join('\n')), known);
      await page.reload();
      await page.waitForSelector('.release-card');
      const marked = await page.locator('.release-card.new-release').evaluateAll((cards) => cards.map((c) => c.dataset.release));
      assert.deepEqual(marked.sort(), newest.slice(0, 2).map((r) => r.id).sort());
      assert.match(await page.locator('.new-badge').first().innerText(), /New since your last visit/);
      // This visit is remembered: the next one marks none.
      await page.reload();
      await page.waitForSelector('.release-card');
      assert.equal(await page.locator('.new-badge').count(), 0);
    }));

  test('on paper, the view ends with its address and the archive version', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const route = `#/events?country=${country}&view=table`;
      await open(route);
      const version = await manifestVersion(page);
      assert.equal(await page.locator('.print-foot').isVisible(), false, 'not on screen');
      await page.emulateMedia({ media: 'print' });
      const foot = page.locator('.print-foot');
      assert.ok(await foot.isVisible());
      assert.equal(await foot.innerText(), `${app.baseUrl}${route} · Archive version ${version}`);
      assert.equal(await page.locator('.event-downloads').isVisible(), false, 'buttons are not printed');
    }));
});

describe('downloads in the portable file (Chromium, file://)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'file' });
  const bundled = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
  const kz = newestFirst(eventsOf(bundled)).filter((e) => e.country === 'KZ');

  test('CSV of the view from the archive in memory', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?country=KZ&ui=ru');
      const csv = await download(page, page.locator('.event-downloads button', { hasText: 'CSV' }));
      const rows = readCsv(csv.text.slice(1), ';');
      assert.match(rows[0][0], /^# Архив ЦАРИКЦ, версия \d{4}-\d{2}-\d{2} \(/);
      assert.equal(rows[2][0], 'id');
      assert.ok(rows[2].includes('изъято, кг'));
      assert.deepEqual(rows.slice(3).map((r) => r[0]), kz.map((e) => e.id));
    }));
});
