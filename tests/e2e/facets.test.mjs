// The Topic and Substance facets (issue 14): events filtered by the facts
// the ingest extracted, counted under the other filters like the country
// facet, in the address as `topic=` and `substance=`, named in both
// interface languages; an archive without facts offers no such facets.
// Expectations are computed here from the archive file's `facts`.
//
// Run: node --test tests/e2e/facets.test.mjs (after scripts/build-site.sh)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture, bundledArchive, eventsOf, newestFirst } from './lib/index.mjs';

const archive = bundledArchive();
const events = eventsOf(archive);
const has = (e, field, ids) => ids.some((id) => (e.facts?.[field] ?? []).includes(id));
const listed = (page) => page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
const facetCount = async (page, name, id) => Number(await page.locator(`.filters label:has(input[name="${name}"][value="${id}"]) .facet-count`).innerText());

describe('topic and substance facets (Chromium)', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('the bundled archive has facts to filter by', () => {
    assert.ok(events.filter((e) => has(e, 'topics', ['seizure'])).length > 1);
    assert.ok(events.filter((e) => has(e, 'substances', ['heroin', 'cocaine'])).length > 0);
  });

  test('counts per topic and substance, under the other filters', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?country=KZ');
      const kz = events.filter((e) => e.country === 'KZ');
      for (const id of ['seizure', 'arrest', 'prevention', 'cooperation']) {
        assert.equal(await facetCount(page, 'topic', id), kz.filter((e) => has(e, 'topics', [id])).length, id);
      }
      for (const id of ['heroin', 'cannabis', 'synthetic', 'unspecified']) {
        assert.equal(await facetCount(page, 'substance', id), kz.filter((e) => has(e, 'substances', [id])).length, id);
      }
    }));

  test('the events page as it opens counts topics and substances without the facts piece, which comes after; an embed never fetches it', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events');
      for (const id of ['seizure', 'prevention', 'cooperation']) {
        assert.equal(await facetCount(page, 'topic', id), events.filter((e) => has(e, 'topics', [id])).length, id);
      }
      for (const id of ['heroin', 'synthetic', 'unspecified']) {
        assert.equal(await facetCount(page, 'substance', id), events.filter((e) => has(e, 'substances', [id])).length, id);
      }
      // The facts piece (every row's topics and substances) is asked for
      // once the first screen is up, for the reader's first narrowing.
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/data\/facts-[0-9a-f]{16}\.json$/.test(r.name)));
      const [ready, asked] = await page.evaluate(() => [
        performance.getEntriesByName('archive-ready')[0].startTime,
        performance.getEntriesByType('resource').find((r) => /\/data\/facts-/.test(r.name)).startTime,
      ]);
      assert.ok(asked >= ready, `the facts piece was asked for at ${asked} ms, before the first screen (${ready} ms)`);
      // An embedded chart shows no facets: it never needs the piece.
      await page.goto('about:blank');
      await open('#/events?view=chart&embed=1');
      await page.waitForTimeout(500);
      const facts = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /\/data\/facts-/.test(r.name)).length);
      assert.equal(facts, 0, 'an embed fetched the facts piece');
    }));

  test('topic= and substance= list the events with any of the ids, newest first', (t) =>
    app.withPage(t, async ({ page, open }) => {
      const cases = [
        ['#/events?topic=seizure', (e) => has(e, 'topics', ['seizure'])],
        ['#/events?substance=heroin,cocaine,synthetic', (e) => has(e, 'substances', ['heroin', 'cocaine', 'synthetic'])],
        ['#/events?topic=seizure&substance=unspecified&lang=ru', (e) => has(e, 'topics', ['seizure']) && has(e, 'substances', ['unspecified']) && e.language === 'ru'],
      ];
      for (const [route, wanted] of cases) {
        await page.goto('about:blank');
        await open(route);
        const want = newestFirst(events.filter(wanted)).map((e) => e.id);
        assert.ok(want.length > 0, `${route} selects some event`);
        assert.deepEqual(await listed(page), want, route);
      }
    }));

  test('choosing a topic puts it in the address; the names are Russian in the Russian interface', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?ui=ru');
      assert.equal(await page.locator('.filters legend', { hasText: 'Тема' }).count(), 1);
      const seizure = page.locator('.filters label:has(input[name="topic"][value="seizure"])');
      assert.match(await seizure.innerText(), /Изъятие/);
      await seizure.locator('input').check();
      await page.waitForFunction(() => location.hash.includes('topic=seizure'));
      const want = newestFirst(events.filter((e) => has(e, 'topics', ['seizure']))).map((e) => e.id);
      await page.waitForFunction((n) => document.querySelectorAll('.event-item:not(.pending)').length === n, Math.min(want.length, 50));
      assert.deepEqual(await listed(page), want.slice(0, 50));
    }));
});

describe('an event page says what happened, which drugs and how much was seized (Chromium)', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });
  const withSeized = events.filter((e) => e.facts?.seized?.length);

  test('its seized quantities, in kilograms, in the reader\'s language', (t) =>
    app.withPage(t, async ({ page, open }) => {
      assert.ok(withSeized.length > 0, 'the bundled archive reports seizures');
      // One with a part of a larger quantity, if the archive has one.
      const e = withSeized.find((x) => x.facts.seized.some((s) => s.part_of !== undefined)) ?? withSeized[0];
      await open(`#/event/${e.id}`);
      const items = await page.locator('.facts-seized li').allInnerTexts();
      assert.equal(items.length, e.facts.seized.length);
      e.facts.seized.forEach((s, i) => {
        const kg = Number.isInteger(s.kg) ? new Intl.NumberFormat('en-US').format(s.kg) : String(Math.round(s.kg * 100) / 100);
        // A part of the quantity above it says so ("of which 2 kg").
        const prefix = s.part_of === undefined ? '' : 'of which ';
        assert.ok(items[i].startsWith(`${prefix}${kg} kg · `), `${items[i]} for ${s.kg}`);
      });
      assert.ok((await page.locator('.facts-topics').innerText()).length > 0);
      await page.goto('about:blank');
      await open(`#/event/${e.id}?ui=ru`);
      assert.match((await page.locator('.facts-seized li').first().innerText()).replace(/\s/g, ' '), /\d кг · /);
    }));
});

describe('an event page\'s facts box: each figure with its sentence, marked in the text; a doubtful one warned of (Chromium)', () => {
  // The bundled archive, with one figure made doubtful as the ingest marks
  // one that is too large.
  const doubtful = bundledArchive();
  const e = eventsOf(doubtful).find((x) => x.facts?.seized?.length);
  e.facts.seized[0].doubtful = 'implausible';
  const app = appFixture({ browser: 'chromium', target: 'http', archive: doubtful });

  test('the sentences are shown and marked in the body; the doubtful figure says so; the box says it was read automatically', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open(`#/event/${e.id}`);
      const quotes = await page.locator('.facts-seized .facts-quote').allInnerTexts();
      assert.deepEqual(quotes, e.facts.seized.map((s) => s.quote));
      assert.equal(await page.locator('.facts-seized .facts-quote').first().getAttribute('lang'), doubtful.releases.find((r) => r.id === e.release).language);
      // Each distinct sentence is marked once in the text, and nothing else.
      const marks = await page.locator('.event-body mark').allInnerTexts();
      assert.deepEqual(marks.sort(), [...new Set(e.facts.seized.map((s) => s.quote))].sort());
      // The first figure is doubtful: warned of; the others are not.
      const items = page.locator('.facts-seized li');
      assert.equal(await items.first().locator('.facts-doubtful').count(), 1);
      assert.equal(await page.locator('.facts-doubtful').count(), 1);
      assert.match(await page.locator('.facts-box .facts-note').innerText(), /automatically/);
      await page.goto('about:blank');
      await open(`#/event/${e.id}?ui=ru`);
      assert.match(await page.locator('.facts-box .facts-note').innerText(), /автоматически/);
      assert.match(await page.locator('.facts-doubtful').innerText(), /Сомнительная/);
    }));
});

describe('an archive without facts (Chromium)', () => {
  const plain = bundledArchive();
  for (const r of plain.releases) for (const e of r.events) delete e.facts;
  const app = appFixture({ browser: 'chromium', target: 'http', archive: plain });

  test('loads and offers no topic or substance facet', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events');
      assert.equal(await page.locator('.event-item').count(), Math.min(events.length, 50));
      assert.equal(await page.locator('.filters input[name="topic"], .filters input[name="substance"]').count(), 0);
      assert.equal(await page.locator('.filters input[name="kind"]').count(), 3);
    }));
});
