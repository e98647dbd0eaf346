// The wasm split of the web build (issue 12): the map and what writes the
// downloads are wasm chunks, fetched when first used, not in the first
// load; a chunk that does not arrive says which part of the app failed and
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
