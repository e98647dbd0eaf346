// The end-to-end harness: see app.mjs for the fixture tests use.
export { appFixture, withPage, openApp, waitForArchiveReady, DIST_DIR, PORTABLE_FILE, ARTIFACTS_DIR, REPO_ROOT, READY_TIMEOUT_MS } from './app.mjs';
export { launchBrowser, launchChromium, launchFirefox, CHROMIUM_ARGS, CHROMIUM_PATH, FIREFOX_PATH } from './browsers.mjs';
export { startStaticServer } from './static-server.mjs';
export { PageWatch, ownOriginRule } from './watch.mjs';
export { spyOnServiceWorkerRegistration } from './spies.mjs';
export { until } from './until.mjs';
export { bundledArchive, eventsOf, newestFirst, filtered, lastDayOf, syntheticArchive } from './archive.mjs';
export { makeSite, publishFixture } from './site.mjs';
