// Smoke test of both builds in both browsers: the app starts, loads its
// archive, has its title, and keeps to its own origin.
//
// Run: node --test tests/e2e/ (after trunk build --release and scripts/build-portable.sh)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture } from './lib/index.mjs';

// The app titles each page "<page> — CARICC archive" once it is running.
const TITLE = /^(Releases|Events) — CARICC archive$/;
const TIMEOUT = { timeout: 120_000 };

describe('web build (dist/) in Chromium', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('starts, loads the published catalogue (not archive.json) from its own origin, has the title', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      await open();
      assert.match(await page.title(), TITLE);
      const own = new URL(app.baseUrl).origin;
      const loaded = watch.requests.map((r) => r.url);
      // The watch saw the app's real traffic, so "no foreign request" below means something.
      assert.ok(loaded.some((u) => u.startsWith(own) && u.endsWith('.wasm')), `no wasm request in ${loaded}`);
      assert.ok(loaded.includes(new URL('data/manifest.json', app.baseUrl).href), `manifest not fetched: ${loaded}`);
      assert.ok(loaded.some((u) => /\/data\/catalogue-[0-9a-f]{16}\.json$/.test(u)), `catalogue not fetched: ${loaded}`);
      // The releases page needs no event text: the whole archive is not fetched.
      assert.ok(!loaded.some((u) => u.endsWith('/archive.json')), `archive.json fetched: ${loaded}`);
      assert.deepEqual(watch.foreignRequests, []);
    }));
});

describe('web build (dist/) under a sub-path in Chromium', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http', prefix: '/partner/portal/archive/' });

  test('loads with relative asset URLs, at a route', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events');
      assert.match(await page.title(), TITLE);
      assert.match(page.url(), /\/partner\/portal\/archive\/#\/events$/);
    }));
});

describe('web build (dist/) in Firefox', TIMEOUT, () => {
  const app = appFixture({ browser: 'firefox', target: 'http' });

  test('starts and has the title', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open();
      assert.match(await page.title(), TITLE);
    }));
});

for (const browser of ['chromium', 'firefox']) {
  describe(`portable build (dist-portable/index.html) over file:// in ${browser}`, TIMEOUT, () => {
    const app = appFixture({ browser, target: 'file' });

    test('starts from disk with the inlined archive and loads nothing else', TIMEOUT, (t) =>
      app.withPage(t, async ({ page, watch, open }) => {
        await open();
        assert.match(await page.title(), TITLE);
        assert.ok(await page.evaluate(() => document.getElementById('archive-data') !== null), 'archive not inlined');
        // The watch is wired up (Chromium reports the page load, Firefox the data: icon),
        // so an empty list below means something.
        assert.ok(watch.requests.length > 0, 'the watch saw no request at all');
        const others = watch.requests.filter((r) => !r.url.startsWith('data:') && r.url !== app.baseUrl);
        assert.deepEqual(others, []);
      }));
  });
}
