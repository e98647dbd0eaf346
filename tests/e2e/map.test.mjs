// The map view end to end: on the published site (Chromium, http) and in
// the portable file (file://). Every expected number is computed here from
// the bundled archive (data/archive.json).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, REPO_ROOT, until } from './lib/index.mjs';

const TIMEOUT = { timeout: 180_000 };
const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const events = archive.releases.flatMap((r) => r.events);
const countOf = (code) => events.filter((e) => e.country === code).length;
const countries = [...new Set(events.map((e) => e.country))].sort((a, b) => countOf(b) - countOf(a));
const BIGGEST = countries[0];
const SMALLEST = countries[countries.length - 1];

/** The areas of the map with events, as the page shows them: code -> count in their label. */
const areas = (page) =>
  until(
    page,
    () => {
      const els = [...document.querySelectorAll('.map-svg [data-country]')];
      return els.length && els.map((e) => [e.dataset.country, Number(e.getAttribute('aria-label').match(/(\d[\d\s\u00a0,]*)\s+\D+$/)[1].replace(/\D/g, ''))]);
    },
    null,
    'the map',
  ).then((pairs) => new Map(pairs));

const geoRequests = (watch) => watch.requests.map((r) => r.url).filter((u) => /\/data\/geo-[0-9a-f]{16}\.json$/.test(u));

describe('the map on the published site (Chromium)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('the first load of the events page does not fetch the geodata; opening the map does, once', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      await open('#/events');
      await page.waitForSelector('.event-item');
      assert.deepEqual(geoRequests(watch), []);
      await page.click('.view-switch button[data-view="map"]');
      await areas(page);
      assert.equal(geoRequests(watch).length, 1);
      assert.match(page.url(), /view=map/);
    }));

  test('each country with events has its count from the archive, and a legend', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      const shown = await areas(page);
      for (const code of countries) assert.equal(shown.get(code), countOf(code), code);
      assert.equal(shown.size, countries.length);
      assert.ok((await page.locator('.map-svg .legend rect').count()) >= 1, 'a legend');
      assert.equal(await page.locator('ul.map-unmapped').count(), 0, 'every country of the archive is on the map');
      // Each region listed: as many events as name it among their facts' places.
      const regions = await page.locator('ul.map-regions li').allInnerTexts();
      assert.ok(regions.length > 0, 'the archive names regions');
      for (const item of regions) {
        const [, name, n] = item.match(/^(.*) \([A-Z]{2}\): (\d+)$/);
        assert.equal(Number(n), events.filter((e) => e.facts?.places?.includes(name)).length, item);
      }
    }));

  test('a country filter narrows the map to that country', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open(`#/events?view=map&country=${SMALLEST}`);
      const shown = await areas(page);
      assert.deepEqual([...shown], [[SMALLEST, countOf(SMALLEST)]]);
    }));

  test('clicking an area shows its events; Enter on a focused one does too', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      await areas(page);
      await page.locator(`.map-svg [data-country="${BIGGEST}"]`).click({ position: undefined, force: true });
      await until(page, (c) => location.hash.includes(`country=${c}`), BIGGEST, 'the country filter in the address');
      assert.doesNotMatch(page.url(), /view=map/);
      await open('#/events?view=map');
      await areas(page);
      await page.locator(`.map-svg [data-country="${SMALLEST}"]`).focus();
      assert.match(await page.locator('.map-view .chart-tooltip').innerText(), new RegExp(String(countOf(SMALLEST))));
      await page.keyboard.press('Enter');
      await until(page, (c) => location.hash.includes(`country=${c}`), SMALLEST, 'the country filter after Enter');
    }));

  test('geodata that cannot be had gives a message and a retry that loads it', TIMEOUT, (t) =>
    app.withPage(
      t,
      async ({ page, open }) => {
        let refuse = true;
        await page.route(/\/data\/geo-[0-9a-f]{16}\.json$/, (route) => (refuse ? route.fulfill({ status: 404, body: 'gone' }) : route.fallback()));
        await open('#/events?view=map');
        await page.waitForSelector('.map-status .error-detail');
        assert.match(await page.locator('.map-status').innerText(), /could not be loaded[\s\S]*404/);
        refuse = false;
        await page.click('.map-status button');
        await areas(page);
      },
      { allowFailedLoads: [/\/data\/geo-[0-9a-f]{16}\.json/], allowConsoleErrors: [/404|Failed to load resource/] },
    ));

  test('the map downloads as SVG, standalone and escaped', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      await areas(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('.map-view .downloads button:first-child')]);
      assert.match(download.suggestedFilename(), /^caricc-events-map.*\.svg$/);
      const svg = readFileSync(await download.path(), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.doesNotMatch(svg, /tabindex/);
      assert.match(svg, new RegExp(`data-country="${BIGGEST}"`));
    }));
});

describe('countries the geodata lacks (Chromium)', TIMEOUT, () => {
  // One release whose events are in Kazakhstan, the United States and Spain:
  // the last two are outside the map's frame.
  const release = structuredClone(archive.releases.find((r) => r.events.length > 2));
  const template = release.events[0];
  release.events = ['KZ', 'US', 'US', 'ES'].map((country, i) => ({ ...template, id: `${template.id}-${i}`, country }));
  const app = appFixture({ browser: 'chromium', target: 'http', archive: { ...archive, releases: [release] } });

  test('are listed beside the map with their counts, never dropped', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      const shown = await areas(page);
      assert.deepEqual([...shown], [['KZ', 1]]);
      const listed = await page.locator('ul.map-unmapped li').allInnerTexts();
      assert.equal(listed.length, 2, listed.join('\n'));
      assert.match(listed[0], /2 events/);
      assert.match(listed[1], /1 event/);
    }));
});

describe('the map in the portable file (Chromium, file://)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'file' });

  test('the map shows each country with its count, without fetching', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      const shown = await areas(page);
      for (const code of countries) assert.equal(shown.get(code), countOf(code), code);
    }));
});
