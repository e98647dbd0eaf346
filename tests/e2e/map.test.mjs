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
const outlineRequests = (watch) => watch.requests.map((r) => r.url).filter((u) => /\/data\/outlines-[0-9a-f]{16}\.json$/.test(u));

// The regions' outlines as committed (scripts/make-geo.mjs): name -> country.
const geoLines = (file) => readFileSync(join(REPO_ROOT, 'data/geo', file), 'utf8').split('\n').filter(Boolean);
const DRAWN = new Map(geoLines('regions.txt').slice(1).map((l) => l.split('\t')).filter(([, name]) => name).map(([c, name]) => [name, c]));
const NARROW_WIDTH = Number(geoLines('map.txt')[0].split(' ')[4]);
const namedBy = (name) => events.filter((e) => e.facts?.places?.includes(name)).length;
const placesNamed = [...new Set(events.flatMap((e) => e.facts?.places ?? []))];
const REGIONS_DRAWN = placesNamed.filter((p) => DRAWN.has(p));

/** The regions of the map with events: "CODE Name" -> count in their label. */
const regionAreas = (page) =>
  until(
    page,
    () => {
      const els = [...document.querySelectorAll('.map-svg [data-region]')];
      return els.length && els.map((e) => [e.dataset.region, Number(e.getAttribute('aria-label').match(/(\d+)\s+\D+$/)[1])]);
    },
    null,
    'the regions on the map',
  ).then((pairs) => new Map(pairs));

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
      await regionAreas(page);
      assert.equal(outlineRequests(watch).length, 1, 'the regions\' outlines, once');
    }));

  test('each region the events name that the geodata has is drawn in its country with its count; the others stay listed', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      assert.ok(REGIONS_DRAWN.length >= 3, `the archive names regions the map draws: ${REGIONS_DRAWN}`);
      const shown = await regionAreas(page);
      for (const name of REGIONS_DRAWN) assert.equal(shown.get(`${DRAWN.get(name)} ${name}`), namedBy(name), name);
      assert.equal(shown.size, REGIONS_DRAWN.length);
      assert.equal(await page.locator('.map-svg .legend', { hasText: 'Regions named:' }).count(), 1, 'the regions\' legend');
      // The regions of 2022 are not drawn, and still listed.
      const listed = await page.locator('ul.map-regions li').allInnerTexts();
      const notDrawn = listed.filter((l) => !DRAWN.has(l.replace(/ \([A-Z]{2}\): \d+$/, '')));
      assert.ok(notDrawn.some((l) => l.startsWith('Abay Region (KZ)')), listed.join('\n'));
      // A click on a region: its country's events naming its place.
      const [first] = REGIONS_DRAWN;
      await page.locator(`.map-svg [data-region="${DRAWN.get(first)} ${first}"]`).click({ force: true });
      await until(page, (c) => location.hash.includes(`country=${c}`) && location.hash.includes('q='), DRAWN.get(first), 'the region\'s country and place in the address');
      assert.equal(new URLSearchParams(page.url().split('?')[1]).get('q'), first.replace(/ Region$/, ''));
    }));

  test('the outline of the area under the focus or the pointer is drawn above its neighbours', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      await regionAreas(page);
      const outline = () =>
        page.evaluate(() => {
          const f = document.querySelector('.map-svg .map-focus');
          const paths = [...f.ownerSVGElement.querySelectorAll('path')];
          return { d: f.getAttribute('d'), last: paths[paths.length - 1] === f, stroke: getComputedStyle(f).strokeWidth };
        });
      const code = countries.find((c) => c === 'KG') ?? BIGGEST;
      await page.locator(`.map-svg [data-country="${code}"]`).focus();
      let o = await outline();
      assert.equal(o.d, await page.locator(`.map-svg [data-country="${code}"]`).getAttribute('d'));
      assert.ok(o.last, 'drawn after every area');
      assert.equal(o.stroke, '3px');
      // Tab: the next area's outline.
      await page.keyboard.press('Tab');
      o = await outline();
      assert.equal(o.d, await page.evaluate(() => document.activeElement.getAttribute('d')));
      // The pointer over a region.
      const region = page.locator('.map-svg [data-region]').first();
      await region.hover({ force: true });
      assert.equal((await outline()).d, await region.getAttribute('d'));
      assert.match(await page.locator('.map-view .chart-tooltip').innerText(), /Region: \d+ events?$|: \d+ events?$/);
    }));

  test('on a phone the map shows Central Asia, larger; its download is still the whole map', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await open('#/events?view=map');
      await areas(page);
      const viewBox = await page.locator('.map-svg > svg').getAttribute('viewBox');
      assert.equal(Number(viewBox.split(' ')[2]), NARROW_WIDTH, viewBox);
      const box = await page.locator('.map-svg > svg').boundingBox();
      assert.ok(box.width <= 390 && box.width > 300, JSON.stringify(box));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('.map-view .downloads button:first-child')]);
      const svg = readFileSync(await download.path(), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 960 /);
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
      assert.doesNotMatch(svg, /tabindex|map-focus/);
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

describe('a region of Russia (Chromium)', TIMEOUT, () => {
  // A synthetic archive: three events in Russia naming Sverdlovsk Region (a
  // region the bundled archive never names), one naming Tver Region, one in
  // Kazakhstan naming none. Every expectation below is counted from it.
  const template = archive.releases.flatMap((r) => r.events).find((e) => e.country === 'RU' && e.facts);
  const release = structuredClone(archive.releases.find((r) => r.events.includes(template)));
  const SVERDLOVSK = 'Sverdlovsk Region';
  const about = (place, i) => ({
    ...structuredClone(template),
    id: `${template.id}-${i}`,
    title: `POLICE OF ${place.toUpperCase()} SEIZED HASHISH (${i})`,
    body: [`Officers in ${place.replace(/ Region$/, '')} region seized hashish from a courier.`],
    place,
    facts: { ...template.facts, places: [place] },
  });
  release.events = [
    about(SVERDLOVSK, 0),
    about(SVERDLOVSK, 1),
    about('Tver Region', 2),
    about(SVERDLOVSK, 3),
    { ...about('Tver Region', 4), country: 'KZ', title: 'POLICE SEIZED HASHISH (4)', body: ['A courier was detained.'], place: undefined, facts: { ...template.facts, places: [] } },
  ];
  const synthetic = { ...archive, releases: [release] };
  const named = (name) => release.events.filter((e) => e.facts.places.includes(name)).length;
  const mentioning = (word, country) => release.events.filter((e) => e.country === country && `${e.title} ${e.body.join(' ')}`.includes(word)).length;
  const app = appFixture({ browser: 'chromium', target: 'http', archive: synthetic });
  const region = (page) => page.locator(`.map-svg [data-region="RU ${SVERDLOVSK}"]`);
  const focusOutline = (page) => page.locator('.map-svg .map-focus').getAttribute('d');

  test('is drawn inside Russia with its count, focusable, and a click lists its events', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      assert.ok(DRAWN.get(SVERDLOVSK) === 'RU', 'the committed outlines draw Sverdlovsk Region');
      await open('#/events?view=map');
      const shown = await regionAreas(page);
      assert.deepEqual(
        [...shown].sort(),
        [[`RU ${SVERDLOVSK}`, named(SVERDLOVSK)], ['RU Tver Region', named('Tver Region')]],
      );
      const label = `${SVERDLOVSK}: ${named(SVERDLOVSK)} events`;
      // Inside Russia's clip, a button with its count as its name and title.
      assert.equal(await region(page).evaluate((el) => el.closest('g[clip-path]').getAttribute('clip-path')), 'url(#map-clip-RU)');
      assert.equal(await region(page).getAttribute('aria-label'), label);
      assert.equal(await region(page).getAttribute('role'), 'button');
      assert.equal(await region(page).locator('title').textContent(), label);
      const box = await region(page).boundingBox();
      assert.ok(box.width > 5 && box.height > 5, JSON.stringify(box));
      // Focus: the tooltip says its count, the focus outline is its outline.
      await region(page).focus();
      assert.equal(await page.evaluate(() => document.activeElement.dataset.region), `RU ${SVERDLOVSK}`);
      assert.equal(await page.locator('.map-view .chart-tooltip').innerText(), label);
      assert.equal(await focusOutline(page), await region(page).getAttribute('d'));
      // The pointer over Tver Region and away: the outline and the count go
      // back to the area that still has the keyboard focus.
      const tver = page.locator('.map-svg [data-region="RU Tver Region"]');
      await tver.hover({ force: true });
      assert.equal(await focusOutline(page), await tver.getAttribute('d'));
      assert.equal(await page.locator('.map-view .chart-tooltip').innerText(), `Tver Region: ${named('Tver Region')} event`);
      await page.mouse.move(1, 1);
      assert.equal(await focusOutline(page), await region(page).getAttribute('d'));
      assert.equal(await page.locator('.map-view .chart-tooltip').innerText(), label);
      // A click: Russia's events that name the place.
      await region(page).click({ force: true });
      await until(page, () => location.hash.includes('country=RU') && location.hash.includes('q='), null, 'the region in the address');
      assert.equal(new URLSearchParams(page.url().split('?')[1]).get('q'), 'Sverdlovsk');
      await until(page, (n) => document.querySelectorAll('.event-item').length === n, mentioning('Sverdlovsk', 'RU'), 'the events naming Sverdlovsk');
      assert.equal(mentioning('Sverdlovsk', 'RU'), named(SVERDLOVSK));
    }));

  test('Enter on the focused region lists its events too; the map follows the window from wide to narrow and back', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await open('#/events?view=map');
      await regionAreas(page);
      const width = async () => Number((await page.locator('.map-svg > svg').getAttribute('viewBox')).split(' ')[2]);
      assert.equal(await width(), Number(geoLines('map.txt')[0].split(' ')[0]));
      // A phone turned to portrait: the narrow frame, without a reload.
      await page.setViewportSize({ width: 390, height: 844 });
      await until(page, (w) => Number(document.querySelector('.map-svg > svg').getAttribute('viewBox').split(' ')[2]) === w, NARROW_WIDTH, 'the narrow frame');
      await page.setViewportSize({ width: 1280, height: 900 });
      await until(page, (w) => Number(document.querySelector('.map-svg > svg').getAttribute('viewBox').split(' ')[2]) === w, Number(geoLines('map.txt')[0].split(' ')[0]), 'the whole map again');
      await region(page).focus();
      await page.keyboard.press('Enter');
      await until(page, () => location.hash.includes('country=RU') && location.hash.includes('q=Sverdlovsk'), null, 'the region after Enter');
    }));
});

describe('the map in the portable file (Chromium, file://)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'file' });

  test('the map shows each country and region with its count, without fetching', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=map');
      const shown = await areas(page);
      for (const code of countries) assert.equal(shown.get(code), countOf(code), code);
      const regions = await regionAreas(page);
      for (const name of REGIONS_DRAWN) assert.equal(regions.get(`${DRAWN.get(name)} ${name}`), namedBy(name), name);
    }));
});
