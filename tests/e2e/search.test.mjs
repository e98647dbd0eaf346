// Search in the app, end to end in headless Chromium against the release
// build (dist/). Expected results are computed from data/archive.json.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, REPO_ROOT } from './lib/index.mjs';

const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const events = archive.releases.flatMap((r) => r.events);
const text = (e) => `${e.title}\n${e.body.join('\n')}`;

async function listed(page) {
  return page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
}

async function resultCount(page) {
  // "Loading…" while the query's index pieces arrive.
  await page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
  return Number((await page.locator('.result-count').innerText()).match(/\d+/)[0]);
}

describe('search', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('a phrase in quotes finds its words in that order only; the same words unquoted find more', (t) =>
    app.withPage(t, async ({ page, open }) => {
      // Both words somewhere, and the phrase itself (any word endings): from the data.
      const [first, second] = ['drug', 'trafficking'];
      const both = events.filter((e) => new RegExp(`\\b${first}`, 'i').test(text(e)) && new RegExp(`\\b${second.slice(0, 7)}`, 'i').test(text(e)));
      const phrase = new RegExp(`\\b${first}\\w*[^\\p{L}\\p{N}]+${second.slice(0, 7)}\\w*`, 'iu');
      const withPhrase = events.filter((e) => phrase.test(text(e)));
      assert.ok(withPhrase.length > 0 && withPhrase.length < both.length, 'the corpus has the words apart as well as together');

      await open(`#/events?q=${encodeURIComponent(`${first} ${second}`)}`);
      const unquoted = await resultCount(page);
      await open(`#/events?q=${encodeURIComponent(`"${first} ${second}"`)}`);
      const quoted = await resultCount(page);
      assert.ok(quoted < unquoted, `quoted ${quoted} < unquoted ${unquoted}`);
      const ids = await listed(page);
      assert.equal(ids.length, quoted);
      for (const e of withPhrase) assert.ok(ids.includes(e.id), `${e.id} has the phrase and is found`);
      for (const id of ids) {
        const e = events.find((x) => x.id === id);
        assert.ok(phrase.test(text(e)), `${id} is found, so it has the phrase`);
      }
      assert.equal(quoted, withPhrase.length);
    }));

  test('each search adds one performance.measure("search"); changing only the view does not search again', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events');
      await page.waitForFunction(() => performance.getEntriesByName('search-ready').length > 0);
      const count = () => page.evaluate(() => performance.getEntriesByName('search').length);
      const before = await count();
      await page.getByRole('searchbox').fill('"drug trafficking"');
      await page.waitForFunction((n) => performance.getEntriesByName('search').length > n, before);
      assert.equal(await count(), before + 1);
      await page.getByRole('button', { name: 'Chart' }).click();
      await page.locator('.chart-svg svg').waitFor();
      await page.getByRole('button', { name: 'Table' }).click();
      await page.locator('.data-table').waitFor();
      assert.equal(await count(), before + 1);
    }));
});

// A query in Russian finds the English events of the same meaning, through
// the thesaurus (data/thesaurus.json), and says so; the snippets mark the
// English word. The oracle reads the archive's texts for both spellings.
const thesaurus = JSON.parse(readFileSync(join(REPO_ROOT, 'data/thesaurus.json'), 'utf8'));
for (const target of ['http', 'file']) {
  describe(`search across languages (${target})`, () => {
    const app = appFixture({ browser: 'chromium', target });

    test('«синтетика» also finds the English events about synthetic drugs, says "also searched", marks the English word', (t) =>
      app.withPage(t, async ({ page, open }) => {
        const entry = thesaurus.entries.find((e) => e.id === 'synthetic');
        const english = entry.en[0]; // what "also searched" names
        const word = (stem) => new RegExp(`(^|[^\\p{L}])${stem}`, 'iu');
        const own = events.filter((e) => word('синтетик').test(text(e)));
        const other = events.filter((e) => word('synthetic').test(text(e)));
        assert.ok(own.length >= 1 && other.length >= 2, 'the archive has both');

        await open(`#/events?q=${encodeURIComponent('синтетика')}&ui=ru`);
        const n = await resultCount(page);
        const ids = new Set(await listed(page));
        const want = new Set([...own, ...other].map((e) => e.id));
        assert.equal(n, want.size, `${n} results, ${want.size} events name it in either language`);
        assert.deepEqual([...ids].sort(), [...want].sort());

        const also = page.locator('.also-searched');
        await also.waitFor();
        assert.match(await also.innerText(), new RegExp(`^Также искали: ${english}$`));
        assert.equal(await also.locator('[lang]').getAttribute('lang'), 'en');
        // An English event's snippet marks the English word.
        const englishItem = page.locator(`.event-item[data-event="${other[0].id}"]`);
        const marks = await englishItem.locator('mark').allInnerTexts();
        assert.ok(marks.some((m) => /^synthetic/i.test(m)), `marked: ${marks}`);

        // Quoted, the word asks for itself only: no English event, no line.
        await open(`#/events?q=${encodeURIComponent('"синтетика"')}&ui=ru`);
        assert.equal(await resultCount(page), events.filter((e) => /(^|[^\p{L}])синтетика([^\p{L}]|$)/iu.test(text(e))).length);
        assert.equal(await page.locator('.also-searched').count(), 0);
      }));
  });
}
