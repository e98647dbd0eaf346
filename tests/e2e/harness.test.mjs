// Checks of the harness itself against the real web build: the rules every
// end-to-end test relies on must actually catch what they claim to catch,
// and the page's CSP must actually be enforced.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture } from './lib/index.mjs';

const TIMEOUT = { timeout: 120_000 };

describe('harness rules (Chromium, dist/)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('a fetch to another origin is refused by the CSP and fails the test', TIMEOUT, async (t) => {
    await assert.rejects(
      app.withPage(
        t,
        async ({ page, open }) => {
          await open();
          await page.evaluate(() => fetch('http://192.0.2.1/leak').catch(() => 'refused'));
          await new Promise((r) => setTimeout(r, 200));
        },
        { artifacts: false },
      ),
      /CSP violation: connect-src blocked http:\/\/192\.0\.2\.1\/leak/,
    );
  });

  test('a request to another origin that CSP does not cover (navigation) fails the test and is blocked', TIMEOUT, async (t) => {
    let seen;
    await assert.rejects(
      app.withPage(
        t,
        async ({ page, watch, open }) => {
          await open();
          seen = watch;
          await page.evaluate(() => (window.location.href = 'http://192.0.2.1/leak'));
          await new Promise((r) => setTimeout(r, 500));
        },
        { artifacts: false },
      ),
      /request outside the page's origin: GET http:\/\/192\.0\.2\.1\/leak/,
    );
    assert.deepEqual(seen.foreignRequests.map((r) => r.url), ['http://192.0.2.1/leak']);
  });

  test('an inline script not hashed by the build is refused by the CSP', TIMEOUT, async (t) => {
    let injectedRan;
    await assert.rejects(
      app.withPage(
        t,
        async ({ page, open }) => {
          await open();
          injectedRan = await page.evaluate(() => {
            const s = document.createElement('script');
            s.textContent = 'window.__injected = true;';
            document.head.append(s);
            return window.__injected === true;
          });
          await new Promise((r) => setTimeout(r, 200));
        },
        { artifacts: false },
      ),
      /CSP violation: script-src/,
    );
    assert.equal(injectedRan, false);
  });

  test('an uncaught page error fails the test', TIMEOUT, async (t) => {
    await assert.rejects(
      app.withPage(
        t,
        async ({ page, open }) => {
          await open();
          await page.evaluate(() => setTimeout(() => { throw new Error('boom from page'); }, 0));
          await new Promise((r) => setTimeout(r, 300));
        },
        { artifacts: false },
      ),
      /uncaught error: .*boom from page/,
    );
  });

  test('a missing same-origin file is a failed load', TIMEOUT, async (t) => {
    await assert.rejects(
      app.withPage(
        t,
        async ({ page, open }) => {
          await open();
          await page.evaluate(() => fetch('no-such-file.json'));
        },
        { artifacts: false },
      ),
      /failed load: HTTP 404 .*no-such-file\.json/,
    );
  });
});
