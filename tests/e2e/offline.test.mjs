// Offline use of the web build: after a first visit the service worker has
// cached the build and the app loads with the network gone, in Chromium and
// in Firefox; a new deploy replaces the cached copy, also
// when the host lets browsers cache index.html for an hour. The portable
// file:// build attempts neither a service worker nor a manifest.
//
// Run: node --test tests/e2e/offline.test.mjs (after trunk build --release
// and scripts/build-portable.sh)

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeServiceWorker } from '../../scripts/lib/sw.mjs';
import { appFixture, DIST_DIR, READY_TIMEOUT_MS, REPO_ROOT, spyOnServiceWorkerRegistration, until, waitForArchiveReady } from './lib/index.mjs';

const TIMEOUT = { timeout: 180_000 };
const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const SW_OPTIONS = { serviceWorkers: 'allow' };

/** The files the build's service worker precaches (scripts/lib/sw.mjs wrote them in). */
function buildOf(dir) {
  const m = readFileSync(join(dir, 'sw.js'), 'utf8').match(/^const BUILD = \{ version: ("[^"]*"), files: (\[[^\]]*\]) \};/m);
  assert.ok(m, `${dir}/sw.js has no build list`);
  return { version: JSON.parse(m[1]), files: JSON.parse(m[2]) };
}

/** A deploy of the page and worker changed in `dir`: the worker's build
 * list written again, and the stale precompressed copies of both removed
 * (a real publish writes them anew; the host would serve the old ones). */
function redeploy(dir) {
  for (const f of ['index.html', 'sw.js']) for (const z of ['.br', '.gz']) rmSync(join(dir, f + z), { force: true });
  return writeServiceWorker(dir);
}

/** The service worker's caches of the app (not the data cache of the
 * archive's pieces, which outlives app versions): name -> cached URLs. */
async function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of (await caches.keys()).filter((c) => !c.endsWith(' data'))) {
      out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    }
    return out;
  });
}

/** Polls `fn(arg)` (may be async) in the page until it returns true. */
async function waitInPage(page, fn, arg, what) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForController(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: READY_TIMEOUT_MS });
}

describe('web build (dist/) offline after a first visit, under a sub-path, in Chromium', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http', prefix: '/partner/archive/' });

  test('the first visit caches the build; with the network and the server gone, a reload shows the releases', TIMEOUT, (t) =>
    app.withPage(
      t,
      async ({ page, context, watch, open, navigate, initScript }) => {
        // Every request of the page and of its service worker.
        const requests = [];
        context.on('request', (r) => requests.push(r.url()));
        await initScript(spyOnServiceWorkerRegistration);
        await open('#/');
        assert.deepEqual(await page.evaluate(() => window.__swRegistrations), ['sw.js']);
        await waitForController(page);
        assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), new URL('sw.js', app.baseUrl).href);

        // One cache, named for this scope and build, holding every file of the build.
        const build = buildOf(DIST_DIR);
        await waitInPage(
          page,
          async (n) => {
            const names = (await caches.keys()).filter((c) => !c.endsWith(' data')); // the app's caches, not the archive's
            return names.length === 1 && (await (await caches.open(names[0])).keys()).length >= n;
          },
          build.files.length,
          'the build in the cache',
        );
        const contents = await cacheContents(page);
        assert.deepEqual(Object.keys(contents), [`caricc-archive ${app.baseUrl} ${build.version}`]);
        const cached = Object.values(contents)[0];
        for (const f of build.files) assert.ok(cached.includes(new URL(f, app.baseUrl).href), `${f} not cached: ${cached}`);
        for (const kind of [/\.wasm$/, /\.js$/, /\.css$/, /index\.html$/, /manifest\.webmanifest$/]) {
          assert.ok(cached.some((u) => kind.test(u)), `nothing matching ${kind} cached`);
        }
        // Not the whole archive: the app reads its pieces.
        assert.ok(!cached.some((u) => /archive\.json$/.test(u)), 'archive.json is not precached');

        // The first visit fetched the catalogue, not the events: "Save for
        // offline" (its size shown) fetches every piece into the data cache.
        assert.match(await page.locator('.save-offline').innerText(), /\d\.\d MB/);
        await page.locator('.save-offline').click();
        await page.locator('.offline-done').waitFor();
        const pieces = await page.evaluate(async (scope) => (await (await caches.open(`caricc-archive ${scope} data`)).keys()).map((r) => r.url), app.baseUrl);
        // Every events piece: those the names piece names.
        const data = join(app.server.root, 'data');
        const read = (f) => readFileSync(join(data, f), 'utf8');
        const catalogue = JSON.parse(read(JSON.parse(read('manifest.json')).catalogue));
        // The names piece: one name a line.
        const events = read(catalogue.chunk_names).split('\n').filter(Boolean);
        assert.ok(events.length > 0);
        for (const f of events) assert.ok(pieces.some((u) => u.endsWith(`/data/${f}`)), `${f} not in the data cache: ${pieces}`);
        assert.ok(pieces.some((u) => /\/data\/ids-[0-9a-f]{16}\.json$/.test(u)), `no id piece in the data cache: ${pieces}`);
        // The map's pieces too (geodata, regions named, regions' outlines),
        // and the events pieces' names, counted in the progress: saved
        // before it says it is done.
        for (const kind of ['geo', 'regions', 'outlines', 'chunks']) {
          assert.ok(pieces.some((u) => new RegExp(`/data/${kind}-[0-9a-f]{16}\\.json$`).test(u)), `no ${kind} piece in the data cache: ${pieces}`);
        }

        // Offline: no network for the browser, and no server either.
        await context.setOffline(true);
        await app.server.close();
        const response = await page.reload({ waitUntil: 'load' });
        assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
        await waitForArchiveReady(page, watch);
        assert.equal(await page.locator('.release-card').count(), archive.releases.length);
        // The events, the search and the chart work from the cache too.
        await navigate('#/events?q=%D0%BA%D0%B0%D1%80%D0%B0%D1%81%D0%BE%D1%80%D0%B0&view=chart'); // карасора
        await page.locator('.chart-overlay rect.hit').first().waitFor();
        // And the map, with its regions, never opened online.
        await navigate('#/events?view=map');
        await page.locator('.map-svg [data-region]').first().waitFor();

        const own = new URL(app.baseUrl).origin;
        assert.deepEqual(requests.filter((u) => !u.startsWith(own) && !u.startsWith('data:') && !u.startsWith('blob:')), []);
        assert.ok(requests.some((u) => u.endsWith('/sw.js')), 'the service worker script was requested');
      },
      SW_OPTIONS,
    ));
});

describe('a new deploy replaces the cached copy (Chromium)', TIMEOUT, () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'caricc-deploy-'));
    cpSync(DIST_DIR, dir, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const app = appFixture({ browser: 'chromium', target: 'http', root: () => dir });

  test('the next visit installs the new version, serves its page and deletes the old cache', TIMEOUT, (t) =>
    app.withPage(
      t,
      async ({ page, watch, open }) => {
        await open('#/');
        await waitForController(page);
        const first = buildOf(dir);
        const name = (version) => `caricc-archive ${app.baseUrl} ${version}`;
        await waitInPage(page, (n) => caches.has(n), name(first.version), 'the first cache');

        // A deploy: a changed page, and the build's service worker hook run again.
        const index = join(dir, 'index.html');
        writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<title data-deploy="2">'));
        const second = redeploy(dir);
        assert.notEqual(second.version, first.version);

        await page.reload({ waitUntil: 'load' });
        await waitForArchiveReady(page, watch);
        // Online, the page itself is network first: the new one at once.
        assert.equal(await page.locator('title[data-deploy="2"]').count(), 1);
        // The new worker takes over and keeps only its own cache.
        await waitInPage(
          page,
          async (n) => {
            const names = (await caches.keys()).filter((c) => !c.endsWith(' data')); // the app's caches, not the archive's
            return names.length === 1 && names[0] === n;
          },
          name(second.version),
          'the new cache alone',
        );
        const html = await page.evaluate(
          async (n) => (await (await caches.open(n)).match('index.html'))?.text(),
          name(second.version),
        );
        assert.match(html ?? '', /<title data-deploy="2">/);
      },
      SW_OPTIONS,
    ));
});

describe('web build (dist/) offline after a first visit, under a sub-path, in Firefox', TIMEOUT, () => {
  const app = appFixture({ browser: 'firefox', target: 'http', prefix: '/partner/archive/' });

  test('the first visit caches the build; with the server gone, a reload shows the releases, and search and chart work', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open, navigate, initScript }) => {
      await initScript(spyOnServiceWorkerRegistration);
      await open('#/');
      assert.deepEqual(await page.evaluate(() => window.__swRegistrations), ['sw.js']);
      await until(page, () => navigator.serviceWorker.controller?.scriptURL ?? false, null, 'a controlling service worker');
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), new URL('sw.js', app.baseUrl).href);

      const build = buildOf(DIST_DIR);
      await until(
        page,
        async (n) => {
          const names = (await caches.keys()).filter((c) => !c.endsWith(' data')); // the app's caches, not the archive's
          return names.length === 1 && (await (await caches.open(names[0])).keys()).length >= n;
        },
        build.files.length,
        'the build in the cache',
      );
      const contents = await cacheContents(page);
      assert.deepEqual(Object.keys(contents), [`caricc-archive ${app.baseUrl} ${build.version}`]);
      const cached = Object.values(contents)[0];
      for (const f of build.files) assert.ok(cached.includes(new URL(f, app.baseUrl).href), `${f} not cached: ${cached}`);

      // Save for offline: every piece of the archive, then no server.
      await page.evaluate(() => document.querySelector('.save-offline').click());
      await until(page, () => document.querySelector('.offline-done') !== null, null, 'the archive saved for offline');

      // No server: every request the page makes fails unless the worker answers it.
      await app.server.close();
      await page.reload({ waitUntil: 'load' });
      await waitForArchiveReady(page, watch);
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is under the worker');
      assert.equal(await page.evaluate(() => document.querySelectorAll('.release-card').length), archive.releases.length);
      await navigate('#/events?q=%D0%BA%D0%B0%D1%80%D0%B0%D1%81%D0%BE%D1%80%D0%B0&view=chart'); // карасора
      await until(page, () => document.querySelectorAll('.chart-overlay rect.hit').length, null, 'the chart of the search');
    }));
});

// Found while pinning (issue 16): with the page cached by the host for an
// hour, the worker's network-first fetch of the page was answered from the
// browser's HTTP cache, so the reader kept getting the old page after the new
// worker had installed. web/sw.js now fetches the page revalidated.
describe('a new deploy reaches a reader when the host caches index.html for an hour (Chromium)', TIMEOUT, () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'caricc-deploy-'));
    cpSync(DIST_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('/e2e-fixtures') });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const app = appFixture({
    browser: 'chromium',
    target: 'http',
    root: () => dir,
    headers: (file) => (file === 'index.html' ? { 'Cache-Control': 'max-age=3600' } : {}),
  });

  test('the visit after the new worker installed shows the new page', TIMEOUT, (t) =>
    app.withPage(
      t,
      async ({ page, watch, baseUrl }) => {
        // A visit: a new navigation, as from a link or the address bar (not a reload, which revalidates).
        const visit = async () => {
          await page.goto('about:blank');
          const response = await page.goto(new URL('#/', baseUrl).href, { waitUntil: 'load' });
          await waitForArchiveReady(page, watch);
          return response;
        };
        const indexRequests = () => app.server.requests.filter((r) => r.path === '/' || r.path === '/index.html').length;
        const response = await visit();
        assert.equal((await response.allHeaders())['cache-control'], 'max-age=3600', 'the host caches the page');
        await waitForController(page);
        const first = buildOf(dir);
        const name = (version) => `caricc-archive ${baseUrl} ${version}`;
        await waitInPage(page, (n) => caches.has(n), name(first.version), 'the first cache');
        const before = indexRequests();

        const index = join(dir, 'index.html');
        writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<title data-deploy="2">'));
        const second = redeploy(dir);

        // The next visit finds the new worker, which installs and takes over.
        await visit();
        await waitInPage(
          page,
          async (n) => {
            const names = (await caches.keys()).filter((c) => !c.endsWith(' data')); // the app's caches, not the archive's
            return names.length === 1 && names[0] === n;
          },
          name(second.version),
          'the new cache alone',
        );
        assert.ok(indexRequests() > before, 'the new worker fetched the new page from the host');
        const precached = await page.evaluate(async (n) => (await (await caches.open(n)).match('index.html'))?.text(), name(second.version));
        assert.match(precached ?? '', /<title data-deploy="2">/, 'the new worker precached the new page');

        // The visit after that shows the new deploy.
        await visit();
        assert.equal(await page.locator('title[data-deploy="2"]').count(), 1, 'the new page is shown');
        const kept = await page.evaluate(async (n) => (await (await caches.open(n)).match('index.html'))?.text(), name(second.version));
        assert.match(kept ?? '', /<title data-deploy="2">/, 'and stays the offline copy');
      },
      // The HTTP cache on (the harness's request routing would turn it off).
      { ...SW_OPTIONS, httpCache: true },
    ));
});

for (const browser of ['chromium', 'firefox']) {
  describe(`portable build over file:// in ${browser}: no service worker, no manifest`, TIMEOUT, () => {
    const app = appFixture({ browser, target: 'file' });

    test('registers no service worker and links no manifest', TIMEOUT, (t) =>
      app.withPage(t, async ({ page, watch, open, initScript }) => {
        await initScript(spyOnServiceWorkerRegistration);
        await open();
        // The app registers right after 'archive-ready', in the same task.
        assert.deepEqual(await page.evaluate(() => window.__swRegistrations), []);
        assert.equal(await page.evaluate(() => document.querySelectorAll('link[rel="manifest"]').length), 0);
        assert.deepEqual(watch.requests.filter((r) => /manifest|sw\.js|icon/.test(r.url) && !r.url.startsWith('data:')), []);
      }));
  });
}
