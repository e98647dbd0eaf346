// The event list pinned against expectations computed here from the archive
// file, not from the app: pages of the newest-first order (ties in the start
// date broken by release, then by position in the release), the two sort
// orders of a search, the language and kind filters and their facet counts,
// and the date filter counting an event on its first day only.
//
// The archive is synthetic (lib/archive.mjs): about 120 events over 2025 in
// digests, press releases and news items, in English and Russian, with
// repeated start days and two events across a month end and a year end.
//
// Run: node --test tests/e2e/list.test.mjs (after trunk build --release)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture, eventsOf, filtered, newestFirst, READY_TIMEOUT_MS, syntheticArchive } from './lib/index.mjs';

const PAGE_SIZE = 50;
const MARK = 'quixotrel'; // a word no other text has, nor anything near it

/** The synthetic archive, with MARK in the titles of three older events and
 * in the bodies of four newer ones. */
function archiveWithMarks() {
  const archive = syntheticArchive({ events: 120, seed: 3 });
  const order = newestFirst(eventsOf(archive));
  const byId = new Map(archive.releases.flatMap((r) => r.events.map((e) => [e.id, e])));
  const inTitle = [order.length - 20, order.length - 12, order.length - 6].map((i) => order[i].id);
  const inBody = [3, 17, 41, 66].map((i) => order[i].id);
  for (const id of inTitle) byId.get(id).title += ` ${MARK}`;
  for (const id of inBody) byId.get(id).body[1] += ` ${MARK}`;
  return { archive, inTitle, inBody };
}

const { archive, inTitle, inBody } = archiveWithMarks();
const events = eventsOf(archive);
const ordered = newestFirst(events).map((e) => e.id);

/** The number the result count states, read whole ("122 events" -> 122). */
const resultCount = (page) =>
  page.evaluate(() => {
    const m = document.querySelector('.result-count')?.textContent.trim().match(/^(\d+) events?$/);
    return m ? Number(m[1]) : null;
  });

/** Waits until the page states exactly `n` results. */
async function countIs(page, n) {
  await page
    .waitForFunction((n) => document.querySelector('.result-count')?.textContent.trim().match(/^(\d+) events?$/)?.[1] === String(n), n, {
      timeout: READY_TIMEOUT_MS,
    })
    .catch(async () => assert.fail(`the result count is "${await page.locator('.result-count').innerText()}", expected ${n}`));
}

/** `open(route)` as a new load each time, so that no view carries over from the one before. */
const fresh = (page, openApp) => async (route) => {
  await page.goto('about:blank');
  await openApp(route);
};

/** The ids the list shows, once its heads are here (on a published site a
 * page's heads arrive in list pieces after the count: placeholders first). */
const listed = async (page) => {
  await page.waitForFunction(() => !document.querySelector('.event-item.pending'), null, { timeout: 10_000 }).catch(() => {});
  return page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
};

/** The facet counts the filters show: { country: {KZ: n}, kind: {...}, lang: {...} }. */
const facetCounts = (page) =>
  page.evaluate(() => {
    const out = { country: {}, kind: {}, lang: {} };
    for (const label of document.querySelectorAll('.filters label:has(input[type="checkbox"])')) {
      const input = label.querySelector('input');
      out[input.name][input.value] = Number(label.querySelector('.facet-count').textContent);
    }
    return out;
  });

/** What the facets must show under `filter`: each value counted under the other filters. */
function expectedFacets(filter) {
  const facet = (key, field, values) =>
    Object.fromEntries(values.map((v) => [v, filtered(events, { ...filter, [key]: [v] }).length]));
  return {
    country: facet('countries', 'country', [...new Set(events.map((e) => e.country))]),
    kind: facet('kinds', 'kind', ['information-release', 'press-release', 'news']),
    lang: facet('langs', 'language', ['en', 'ru']),
  };
}

describe('the event list over a synthetic archive of about 120 events', () => {
  const app = appFixture({ browser: 'chromium', target: 'http', archive: archive });

  test('the archive has what the checks below need', () => {
    assert.ok(events.length >= 110 && events.length <= 130, `${events.length} events`);
    const second = newestFirst(events).slice(PAGE_SIZE, 2 * PAGE_SIZE);
    const ties = second.slice(1).map((e, i) => [second[i], e]).filter(([a, b]) => a.date.start === b.date.start);
    assert.ok(ties.some(([a, b]) => a.releaseIndex !== b.releaseIndex), 'page 2 has a start day shared by two releases');
    assert.ok(ties.some(([a, b]) => a.releaseIndex === b.releaseIndex), 'and one shared inside a release');
  });

  test('page=2 shows rows 51-100 of the list sorted newest first; the pager goes on to the rest', (t) =>
    app.withPage(t, async ({ page, open: openApp }) => {
      const open = fresh(page, openApp);
      await open('#/events?page=2');
      await countIs(page, events.length);
      assert.deepEqual(await listed(page), ordered.slice(PAGE_SIZE, 2 * PAGE_SIZE));
      assert.equal(await page.locator('ol.event-list').getAttribute('start'), String(PAGE_SIZE + 1));
      assert.equal(await page.locator('.showing').innerText(), `Showing 51–100 of ${events.length}`);
      const pages = Math.ceil(events.length / PAGE_SIZE);
      assert.equal(await page.locator('.pager [aria-current="page"]').innerText(), `Page 2 of ${pages}`);

      const disabled = () => page.locator('.pager button').evaluateAll((bs) => bs.map((b) => b.disabled));
      assert.deepEqual(await disabled(), [false, false]);
      // By keyboard: a pointer click can miss while the list's off-screen
      // items (content-visibility: auto) take their real heights under it.
      await page.locator('.pager button').last().press('Enter');
      await page.waitForFunction(() => /[?&]page=3(&|$)/.test(location.hash));
      await page.waitForFunction((n) => document.querySelector('.showing')?.textContent === `Showing 101–${n} of ${n}`, events.length);
      assert.deepEqual(await listed(page), ordered.slice(2 * PAGE_SIZE));
      assert.deepEqual(await disabled(), [false, true], 'no next page after the last');
      // One page at a time: each click scrolls the list back to its heading.
      await page.locator('.pager button').first().press('Enter');
      await page.waitForFunction((n) => document.querySelector('.showing')?.textContent === `Showing 51–100 of ${n}`, events.length);
      await page.locator('.pager button').first().press('Enter');
      await page.waitForFunction(() => !/page=/.test(location.hash));
      await page.waitForFunction((n) => document.querySelector('.showing')?.textContent === `Showing 1–50 of ${n}`, events.length);
      assert.deepEqual(await listed(page), ordered.slice(0, PAGE_SIZE));
      assert.deepEqual(await disabled(), [true, false], 'no page before the first');
    }));

  test('with a query, relevance puts the title matches first; sort=newest orders the same matches by start date', (t) =>
    app.withPage(t, async ({ page, open: openApp }) => {
      const open = fresh(page, openApp);
      const matches = new Set([...inTitle, ...inBody]);
      const byDate = ordered.filter((id) => matches.has(id));
      assert.notDeepEqual(byDate.slice(0, inTitle.length).sort(), [...inTitle].sort(), 'the title matches are not the newest ones');

      for (const route of [`#/events?q=${MARK}`, `#/events?q=${MARK}&sort=relevance`]) {
        await open(route);
        await countIs(page, matches.size);
        const ids = await listed(page);
        assert.deepEqual(new Set(ids), matches, `${route}: every event with the word, and no other`);
        assert.deepEqual(new Set(ids.slice(0, inTitle.length)), new Set(inTitle), `${route}: title matches first`);
        assert.deepEqual(new Set(ids.slice(inTitle.length)), new Set(inBody), `${route}: body matches after them`);
        assert.equal(await page.locator('label.sort select').inputValue(), 'relevance');
      }

      await open(`#/events?q=${MARK}&sort=newest`);
      await countIs(page, matches.size);
      assert.deepEqual(await listed(page), byDate);
      assert.equal(await page.locator('label.sort select').inputValue(), 'newest');
      // The select switches back, in the address too.
      await page.locator('label.sort select').selectOption('relevance');
      await page.waitForFunction(() => location.hash.includes('sort=relevance'));
      await page
        .waitForFunction(
          (ids) => [...document.querySelectorAll('.event-item')].slice(0, ids.length).every((e) => ids.includes(e.dataset.event)),
          inTitle,
          { timeout: READY_TIMEOUT_MS },
        )
        .catch(async () => assert.fail(`back to relevance, the title matches are not first: ${await listed(page)}`));
    }));

  test('lang= and kind= filters give the counts computed from the file, and the facets count under the other filters', (t) =>
    app.withPage(t, async ({ page, open: openApp }) => {
      const open = fresh(page, openApp);
      const cases = [
        ['lang=ru', { langs: ['ru'] }],
        ['lang=en', { langs: ['en'] }],
        ['kind=news', { kinds: ['news'] }],
        ['kind=news,press-release', { kinds: ['news', 'press-release'] }],
        ['kind=information-release&lang=ru', { kinds: ['information-release'], langs: ['ru'] }],
        ['country=KZ&kind=press-release&lang=en', { countries: ['KZ'], kinds: ['press-release'], langs: ['en'] }],
      ];
      for (const [query, filter] of cases) {
        const expected = newestFirst(filtered(events, filter));
        assert.ok(expected.length > 0 && expected.length < events.length, `${query}: a filter that narrows`);
        await open(`#/events?${query}`);
        await countIs(page, expected.length);
        assert.deepEqual(await listed(page), expected.slice(0, PAGE_SIZE).map((e) => e.id), query);
        assert.deepEqual(await facetCounts(page), expectedFacets(filter), `${query}: facet counts`);
        for (const [name, values] of [['kind', filter.kinds ?? []], ['lang', filter.langs ?? []]]) {
          const checked = await page.locator(`.filters input[name="${name}"]:checked`).evaluateAll((els) => els.map((e) => e.value));
          assert.deepEqual(checked.sort(), [...values].sort(), `${query}: ${name} boxes`);
        }
      }
    }));

  test('a date filter counts an event on its first day: an event across a month end is in its first month only', (t) =>
    app.withPage(t, async ({ page, open: openApp }) => {
      const open = fresh(page, openApp);
      const monthEnd = events.find((e) => e.id === 'e-month-end');
      assert.deepEqual(monthEnd.date, { start: '2025-03-30', end: '2025-04-02' });
      const cases = [
        ['from=2025-03&to=2025-03', { from: '2025-03', to: '2025-03' }, true],
        ['from=2025-04&to=2025-04', { from: '2025-04', to: '2025-04' }, false],
        ['from=2025-04-01&to=2025-04-02', { from: '2025-04-01', to: '2025-04-02' }, false],
        ['from=2025-03-30&to=2025-03-30', { from: '2025-03-30', to: '2025-03-30' }, true],
      ];
      for (const [query, filter, included] of cases) {
        const expected = newestFirst(filtered(events, filter)).map((e) => e.id);
        assert.equal(expected.includes('e-month-end'), included, `${query}: the oracle itself`);
        assert.ok(expected.length <= PAGE_SIZE);
        await open(`#/events?${query}`);
        await countIs(page, expected.length);
        assert.deepEqual(await listed(page), expected, query);
      }

      // The year facet too: the event from 30 December 2024 to 2 January 2025 is 2024's.
      await open('#/events');
      const years = await page.locator('.facet.years button.year').evaluateAll((els) =>
        Object.fromEntries(els.map((b) => [b.textContent.trim().split(/\s+/)[0], Number(b.querySelector('.facet-count').textContent)])),
      );
      const perYear = {};
      for (const e of events) perYear[e.date.start.slice(0, 4)] = (perYear[e.date.start.slice(0, 4)] ?? 0) + 1;
      assert.deepEqual(years, perYear);
      assert.equal(perYear['2024'], 1);
      await page.locator('.facet.years button.year', { hasText: '2024' }).click();
      await page.waitForFunction(() => location.hash.includes('from=2024-01&to=2024-12'));
      await countIs(page, 1);
      assert.deepEqual(await listed(page), ['e-year-end']);
    }));
});
