// The wasm split of the web build (issue 12): the chart and table, the
// release and event pages, the search engine, the map and what writes the
// downloads are wasm chunks, fetched when first used, not in the first
// load; a first screen that shows one fetches it and is ready once it is
// drawn; a chunk that does not arrive says which part of the app failed and
// offers a retry. On the published site in headless Chromium.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, REPO_ROOT } from './lib/index.mjs';

const TIMEOUT = { timeout: 180_000 };
const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const eventCount = archive.releases.reduce((n, r) => n + r.events.length, 0);

const chunk = (name) => new RegExp(`/split_${name}-[0-9a-f]{16}\\.wasm$`);

describe('the wasm split', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('the map chunk is fetched when the map first opens, and only then', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      const fetched = (name) => watch.requests.filter((r) => chunk(name).test(r.url)).length;
      await open('#/events');
      await page.waitForSelector('.event-downloads button');
      assert.equal(fetched('map'), 0, 'the list needs no map');
      assert.equal(fetched('downloads'), 0, 'nor the downloads’ writer before a click');
      await open('#/events?view=map');
      await page.waitForSelector('.map-svg [data-country]');
      await open('#/events?view=list');
      await open('#/events?view=map');
      await page.waitForSelector('.map-svg [data-country]');
      assert.equal(fetched('map'), 1, watch.requests.map((r) => r.url).join('\n'));
    }));

  test('each first screen fetches the chunks it shows, and is ready only once they are drawn', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      const event = archive.releases[0].events[0].id;
      const release = archive.releases[0].id;
      const screens = [
        ['#/releases', [], '.release-card'],
        ['#/events', [], '.event-list li'],
        ['#/events?view=chart', ['chart'], '.chart-frame svg'],
        ['#/events?view=table', ['chart'], 'table'],
        ['#/events?view=chart&embed=1', ['chart'], '.chart-frame svg'],
        ['#/events?q=synthetic', ['search'], '.event-list li mark'],
        [`#/event/${encodeURIComponent(event)}`, ['pages'], 'article h1'],
        [`#/release/${encodeURIComponent(release)}`, ['pages'], '.release-page h1'],
      ];
      for (const [route, wanted, drawn] of screens) {
        await page.goto('about:blank');
        watch.requests.length = 0;
        await open(route);
        // archive-ready means the view is on screen, its chunk's part too.
        assert.ok((await page.locator(drawn).count()) > 0, `${route}: ${drawn} is drawn at archive-ready`);
        const chunks = [...new Set(watch.requests.map((r) => r.url.match(/\/split_([a-z]+)-[0-9a-f]{16}\.wasm$/)?.[1]).filter(Boolean))].sort();
        assert.deepEqual(chunks, wanted, `${route} fetched ${chunks.join(', ') || 'no chunk'}`);
      }
    }));

  for (const [name, route, label, drawn] of [
    ['search', '#/events?q=synthetic', null, '.event-list li mark'],
    ['pages', `#/event/${encodeURIComponent(archive.releases[0].events[0].id)}`, /^Events: This part of the app could not be loaded/, 'article h1'],
  ]) {
    test(`a missing ${name} chunk: a message and a retry that works once it is back`, TIMEOUT, (t) =>
      app.withPage(
        t,
        async ({ page }) => {
          const root = app.server.root;
          const files = readdirSync(root).filter((f) => new RegExp(`^split_${name}-[0-9a-f]{16}\\.wasm(\\.gz|\\.br)?$`).test(f));
          assert.ok(files.length >= 1, `the build has a ${name} chunk`);
          const hide = () => files.forEach((f) => renameSync(join(root, f), join(root, `${f}.hidden`)));
          const restore = () => files.forEach((f) => renameSync(join(root, `${f}.hidden`), join(root, f)));
          hide();
          let retry;
          try {
            await page.goto(new URL(route, app.baseUrl).href);
            if (label) {
              // A view: its place says which part failed.
              const alert = page.locator('[data-chunk-failed]');
              await alert.waitFor();
              assert.match(await alert.innerText(), label);
              retry = page.locator('[data-chunk-failed] button', { hasText: /Try again/ });
            } else {
              // Code a view calls: the page's notice names it.
              const notice = page.locator('.piece-failure');
              await notice.waitFor();
              assert.match(await notice.innerText(), new RegExp(`${name} part \\(a chunk of its wasm\\) did not load`));
              retry = page.locator('.piece-failure button', { hasText: /Try again/ });
            }
            assert.equal(await page.locator(drawn).count(), 0);
          } finally {
            restore();
          }
          await retry.click();
          await page.waitForSelector(drawn);
          assert.equal(await page.locator('[data-chunk-failed], .piece-failure').count(), 0);
        },
        { allowFailedLoads: [new RegExp(`/split_${name}-[0-9a-f]{16}\\.wasm`)], allowConsoleErrors: [/404|Failed to load resource|wasm|WebAssembly|fetch/i] },
      ));
  }

  test('the first click on a download fetches the writer and gets the file', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      await open('#/events');
      const [d] = await Promise.all([page.waitForEvent('download'), page.locator('.event-downloads button[data-export="JSON"]').click()]);
      assert.equal(watch.requests.filter((r) => chunk('downloads').test(r.url)).length, 1);
      const file = JSON.parse(readFileSync(await d.path(), 'utf8'));
      assert.equal(file.releases.flatMap((r) => r.events).length, eventCount, 'every event of the unfiltered selection');
      // The second click is answered by the loaded writer.
      const [again] = await Promise.all([page.waitForEvent('download'), page.locator('.event-downloads button[data-export="CSV"]').click()]);
      assert.match(again.suggestedFilename(), /\.csv$/);
      assert.equal(watch.requests.filter((r) => chunk('downloads').test(r.url)).length, 1);
    }));

  test('a map chunk that is missing: an alert naming the map, and Try again draws it once it is back', TIMEOUT, (t) =>
    app.withPage(
      t,
      async ({ page }) => {
        const root = app.server.root;
        const files = readdirSync(root).filter((f) => /^split_map-[0-9a-f]{16}\.wasm(\.gz|\.br)?$/.test(f));
        assert.ok(files.length >= 1, 'the build has a map chunk');
        const hide = () => files.forEach((f) => renameSync(join(root, f), join(root, `${f}.hidden`)));
        const restore = () => files.forEach((f) => renameSync(join(root, `${f}.hidden`), join(root, f)));
        hide();
        try {
          await page.goto(new URL('#/events?view=map', app.baseUrl).href);
          const alert = page.locator('[data-chunk-failed]');
          await alert.waitFor();
          assert.match(await alert.innerText(), /^Map: This part of the app could not be loaded/);
          assert.equal(await page.locator('.map-svg').count(), 0);
          // The rest of the page stays usable.
          assert.ok((await page.locator('.filters input[type="checkbox"]').count()) > 0);
        } finally {
          restore();
        }
        await page.locator('[data-chunk-failed] button', { hasText: /Try again/ }).click();
        await page.waitForSelector('.map-svg [data-country]');
        assert.equal(await page.locator('[data-chunk-failed]').count(), 0);
      },
      { allowFailedLoads: [/\/split_map-[0-9a-f]{16}\.wasm/], allowConsoleErrors: [/404|Failed to load resource|wasm|WebAssembly|fetch/i] },
    ));
});
