// An event's place in the reader's language (issue 14): the archive stores
// one English spelling ("Almaty"); with the interface in Russian the event
// page says «Место: Алматы». On a published site the Russian name travels in
// the events piece that brings the event (the app carries no gazetteer); the
// portable file (file://) has the gazetteer compiled in. The Russian names
// below are written here by hand, not read from data/thesaurus.json.
//
// Run: node --test tests/e2e/places.test.mjs (after build-site.sh and
// build-portable.sh)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture, bundledArchive } from './lib/index.mjs';

const RUSSIAN = {
  Almaty: 'Алматы',
  Astana: 'Астана',
  Bishkek: 'Бишкек',
  Dushanbe: 'Душанбе',
  Ashgabat: 'Ашхабад',
  'Zhambyl Region': 'Жамбылская область',
  'Tver Region': 'Тверская область',
  'Mari El': 'Марий Эл',
};

const events = bundledArchive().releases.flatMap((r) => r.events);
// A few events with a place named above, from different parts of the archive
// (so different events pieces).
const placed = events.filter((e) => RUSSIAN[e.place]);
const chosen = [placed[0], placed[Math.floor(placed.length / 2)], placed[placed.length - 1]];

/** The text after the event page's "Place" / «Место» label. */
async function shownPlace(page, label) {
  const dd = page.locator('.event-meta dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  await dd.waitFor();
  return (await dd.innerText()).trim();
}

describe('an event’s place in the reader’s language', () => {
  test('the bundled archive names places the test knows in Russian', () => {
    assert.ok(placed.length >= 3, `events with a place: ${placed.map((e) => e.place)}`);
  });

  for (const target of ['http', 'file']) {
    describe(`${target === 'http' ? 'published site' : 'portable file'}`, () => {
      const app = appFixture({ browser: 'chromium', target });

      test('in Russian the event page shows the Russian name, in English the stored one', (t) =>
        app.withPage(t, async ({ page, open }) => {
          for (const e of chosen) {
            await open(`#/event/${encodeURIComponent(e.id)}?ui=ru`);
            const ru = await shownPlace(page, 'Место');
            assert.equal(ru, RUSSIAN[e.place], `${e.id}: ${e.place}`);
            assert.match(ru, /^[\p{Script=Cyrillic} -]+$/u, 'Cyrillic letters only');
          }
          // Switching the language on the page switches the name.
          await page.locator('.lang-switch button', { hasText: 'EN' }).click();
          assert.equal(await shownPlace(page, 'Place'), chosen[chosen.length - 1].place);
          const e = chosen[0];
          await open(`#/event/${encodeURIComponent(e.id)}?ui=en`);
          assert.equal(await shownPlace(page, 'Place'), e.place);
        }));
    });
  }
});
