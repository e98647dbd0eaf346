// The app under test, as a node:test fixture: a built copy (dist/ over HTTP,
// or the portable single file over file://) opened in a browser, one fresh
// page per test, with every page held to the product's rules automatically.
//
//   import { describe, test } from 'node:test';
//   import { appFixture } from './lib/index.mjs';
//
//   describe('events view', () => {
//     const app = appFixture({ browser: 'chromium', target: 'http' });
//     test('filters by country', (t) =>
//       app.withPage(t, async ({ page, open }) => {
//         await open('#/events?country=KZ');   // loads, waits for 'archive-ready'
//         ...assertions on page...
//       }));
//   });
//
// After the test body, withPage fails the test if the page made a request
// outside its origin, logged a console error, threw, opened a dialog, hit a
// CSP violation or failed to load something. When a test fails, a screenshot
// and a log of the page's activity go to tests/e2e/artifacts/.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './browsers.mjs';
import { makeSite } from './site.mjs';
import { startStaticServer } from './static-server.mjs';
import { ownOriginRule, PageWatch, reportCspViolations } from './watch.mjs';

const LIB_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(LIB_DIR, '../../..');
export const DIST_DIR = resolve(REPO_ROOT, process.env.E2E_DIST || 'dist');
export const PORTABLE_FILE = resolve(REPO_ROOT, process.env.E2E_PORTABLE || 'dist-portable/index.html');
export const ARTIFACTS_DIR = resolve(LIB_DIR, '../artifacts');

/** How long the app may take from navigation to 'archive-ready' (a cold
 * wasm compile on a busy 2-core CI machine). */
export const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS || 30_000);

/** Registers before/after hooks in the enclosing describe (or file) that start
 * the target and the browser once; returns the fixture, usable inside tests.
 * `target`: 'http' serves dist/ on a free localhost port (under `prefix`);
 * 'file' opens the portable build from disk.
 * `archive`: the archive the app shows instead of the bundled one (an
 * object or JSON text, or a function returning one, called in `before`):
 * the fixture publishes the app with it (lib/site.mjs), and `open(route)`
 * shows that archive with no more to do; `fx.archive` is what was served.
 * `headers(path)`: extra response headers per file, as a host would add
 * them (see static-server.mjs). */
export function appFixture({ browser = 'chromium', target = 'http', prefix = '/', root = DIST_DIR, archive, headers } = {}) {
  const fx = { browserName: browser, target, browser: null, server: null, baseUrl: null, archive: undefined };
  let site;

  before(async () => {
    if (target === 'http') {
      let dir = typeof root === 'function' ? root() : root;
      if (archive !== undefined) {
        fx.archive = typeof archive === 'function' ? archive() : archive;
        site = makeSite({ archive: fx.archive, from: dir });
        dir = site.dir;
      }
      fx.server = await startStaticServer({ root: dir, prefix, headers });
      fx.baseUrl = fx.server.url;
    } else if (target === 'file') {
      if (archive !== undefined) throw new Error("appFixture: 'archive' needs target 'http'");
      if (!existsSync(PORTABLE_FILE)) throw new Error(`${PORTABLE_FILE} is missing; run scripts/build-portable.sh`);
      fx.baseUrl = pathToFileURL(PORTABLE_FILE).href;
    } else {
      throw new Error(`unknown target '${target}' (http or file)`);
    }
    fx.browser = await launchBrowser(browser);
  });

  after(async () => {
    await fx.browser?.close();
    await fx.server?.close();
    site?.remove();
  });

  fx.withPage = (t, body, options) => withPage(fx, t, body, options);
  return fx;
}

/** Runs `body({ page, context, watch, baseUrl, open, navigate, initScript })` on a fresh page.
 * `options` go to PageWatch.problems (allowConsoleErrors, allowDialogs,
 * allowFailedLoads); `artifacts: false` skips the screenshot on failure (for
 * tests that expect withPage itself to fail); `serviceWorkers: 'allow'` lets
 * the page register service workers (Chromium; blocked otherwise);
 * `locale: 'ru-RU'` gives the page a fresh profile with that browser
 * language (Chromium); `httpCache: true` keeps Chromium's HTTP cache on,
 * for tests of caching headers: the harness then does not intercept
 * requests (playwright's routing turns the cache off), so a foreign request
 * still fails the test but is no longer refused before it leaves;
 * `allowOrigins: ['http://127.0.0.1:4000']` adds origins the page may load
 * from, for a test that plays a second site (a partner embedding the app). */
export async function withPage(fx, t, body, { artifacts = true, serviceWorkers, locale, httpCache = false, allowOrigins = [], ...options } = {}) {
  const { page, context, close } = await fx.browser.newPage({ serviceWorkers, locale });
  const own = ownOriginRule(fx.baseUrl);
  const isAllowed = (url) => own(url) || allowOrigins.some((o) => url.startsWith(`${o}/`) || url === o);
  const watch = new PageWatch(page, { isAllowed });
  if (fx.browserName === 'chromium') {
    // Refuse foreign requests outright, so a failing test cannot reach the network.
    if (!httpCache) {
      await context.route('**/*', (route) =>
        isAllowed(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
      );
    }
    await context.addInitScript(reportCspViolations);
  } else {
    await page.evaluateOnNewDocument(reportCspViolations);
  }

  const session = {
    page,
    context,
    watch,
    baseUrl: fx.baseUrl,
    /** Loads the app at `route` (e.g. '#/events?country=KZ'), waits for 'archive-ready'. */
    open: (route = '', opts) => openApp(page, watch, new URL(route, fx.baseUrl).href, opts),
    /** Runs `fn(arg)` in every document the page loads from now on, before its scripts. */
    initScript: (fn, arg) =>
      fx.browserName === 'chromium' ? context.addInitScript(fn, arg) : page.evaluateOnNewDocument(fn, arg),
    /** Changes the fragment inside the running app, as a link click would. */
    navigate: (route) => page.evaluate((hash) => (window.location.hash = hash), route),
  };
  try {
    await body(session);
    watch.assertClean(options);
  } catch (e) {
    if (artifacts) await saveArtifacts(`${fx.browserName}-${fx.target}-${t?.name ?? 'test'}`, page, watch);
    throw e;
  } finally {
    await close().catch(() => {});
  }
}

export async function openApp(page, watch, url, { timeout = READY_TIMEOUT_MS } = {}) {
  await page.goto(url, { waitUntil: 'load', timeout });
  await waitForArchiveReady(page, watch, { timeout });
}

/** Waits until the app has put the performance mark 'archive-ready' (set once
 * the archive is decoded and the first view shown). Fails early, with the
 * cause, when the page throws or logs an error while loading. */
export async function waitForArchiveReady(page, watch, { timeout = READY_TIMEOUT_MS } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const ready = await page.evaluate(() => performance.getEntriesByName('archive-ready').length > 0);
    if (ready) return;
    if (watch && (watch.pageErrors.length || watch.consoleErrors.length)) {
      throw new Error(`the app failed while loading:\n  ${[...watch.pageErrors, ...watch.consoleErrors].join('\n  ')}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`no 'archive-ready' performance mark after ${timeout} ms (url ${page.url()})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function saveArtifacts(name, page, watch) {
  const slug = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  try {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTIFACTS_DIR, `${slug}.log.txt`), `${page.url()}\n${watch.report()}\n`);
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${slug}.png`), fullPage: true });
    console.error(`# artifacts: tests/e2e/artifacts/${slug}.png and .log.txt`);
  } catch (e) {
    console.error(`# could not save artifacts for ${name}: ${e.message}`);
  }
}
