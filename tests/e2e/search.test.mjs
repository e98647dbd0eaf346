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
