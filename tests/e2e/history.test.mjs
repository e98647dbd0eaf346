// Back and Forward across the views a reader goes through: the events, an
// event's page, the events again, a filter. Each step of the history must
// restore its view: the address, what the page shows, the filter's box.
// Expectations come from the bundled archive file.
//
// Run: node --test tests/e2e/history.test.mjs (after trunk build --release)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture, bundledArchive, eventsOf, filtered, newestFirst, READY_TIMEOUT_MS } from './lib/index.mjs';

const events = eventsOf(bundledArchive());
const all = newestFirst(events).map((e) => e.id);
const kg = newestFirst(filtered(events, { countries: ['KG'] })).map((e) => e.id);
// An event with a source link, not the first listed, so the link clicked is the one meant.
const target = newestFirst(events).find((e, i) => i > 2 && e.source_url);

describe('history (Chromium, dist/)', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('Back and then Forward across #/events → an event page → the events → a filter restore each view', (t) =>
    app.withPage(t, async ({ page, open }) => {
      assert.ok(kg.length > 0 && kg.length < all.length && all.length <= 50);

      /** Waits for the list at `hash` showing `ids`, with the KG box as `checked`. */
      const listView = async (hash, ids, checked, step) => {
        await page
          .waitForFunction(
            ([hash, ids]) =>
              location.hash === hash &&
              !document.querySelector('.event-page') &&
              JSON.stringify([...document.querySelectorAll('.event-item')].map((e) => e.dataset.event)) === JSON.stringify(ids),
            [hash, ids],
            { timeout: READY_TIMEOUT_MS },
          )
          .catch(() => assert.fail(`${step}: not the list at ${hash} (at ${page.url()})`));
        assert.match(await page.locator('.result-count').innerText(), new RegExp(`^${ids.length} events$`), step);
        assert.equal(await page.locator('.filters input[name="country"][value="KG"]').isChecked(), checked, `${step}: the KG box`);
        assert.equal(await page.title(), 'Events — CARICC archive', step);
      };
      const eventView = async (step) => {
        await page
          .waitForFunction((id) => location.hash === `#/event/${id}` && document.querySelector('.event-page h1'), target.id, { timeout: READY_TIMEOUT_MS })
          .catch(() => assert.fail(`${step}: not the page of ${target.id} (at ${page.url()})`));
        assert.equal(await page.locator('.event-page a.source-link').getAttribute('href'), target.source_url, step);
        assert.equal(await page.locator('.event-item').count(), 0, step);
      };

      await open('#/events');
      await listView('#/events', all, false, 'start');
      await page.locator(`.event-item[data-event="${target.id}"] h2 a`).click();
      await eventView('the event, by its link');
      await page.locator('.event-page a', { hasText: 'All events' }).click();
      await listView('#/events', all, false, 'the events, by the link back');
      await page.locator('.filters input[name="country"][value="KG"]').check();
      await listView('#/events?country=KG', kg, true, 'the filter');

      await page.goBack();
      await listView('#/events', all, false, 'Back 1: the events');
      await page.goBack();
      await eventView('Back 2: the event');
      await page.goBack();
      await listView('#/events', all, false, 'Back 3: the first list');

      await page.goForward();
      await eventView('Forward 1: the event');
      await page.goForward();
      await listView('#/events', all, false, 'Forward 2: the events');
      await page.goForward();
      await listView('#/events?country=KG', kg, true, 'Forward 3: the filter');
    }));
});
