// Partner embeds, in Chromium over HTTP: the Embed button's snippet pasted
// into a partner's page on another origin (a second localhost port), the
// embedded view without the site's header and footer, the height messages
// the partner's iframe is sized by, the partner's history left alone, no
// service worker from inside the iframe; and the accent/theme parameters,
// valid ones applied, invalid ones refused and reported, none reaching CSS.
//
// The harness refuses any request outside the page's origin; the partner
// test allows exactly the partner's origin besides the app's (allowOrigins).
//
// Run: node --test tests/e2e/embed.test.mjs (after trunk build --release)

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appFixture, READY_TIMEOUT_MS, REPO_ROOT, startStaticServer, spyOnServiceWorkerRegistration, until, waitForArchiveReady } from './lib/index.mjs';

const TIMEOUT = { timeout: 120_000 };
const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const events = archive.releases.flatMap((r) => r.events);
const countOf = (code) => events.filter((e) => e.country === code).length;
const HEIGHT_MESSAGE = 'caricc-archive:height';

/** The Embed button's snippet for the view at `route` of the full app. */
async function snippetFor(page, open, route) {
  await open(route);
  await page.locator('.embed-button').click();
  return page.locator('.embed-dialog textarea').inputValue();
}

describe('embedding (Chromium, dist/)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  // The partner: another origin, serving its own pages.
  let partnerDir;
  let partner;
  before(async () => {
    partnerDir = mkdtempSync(join(tmpdir(), 'caricc-partner-'));
    writeFileSync(join(partnerDir, 'start.html'), '<!doctype html><title>Partner start</title><p>Start</p>');
    partner = await startStaticServer({ root: partnerDir });
  });
  after(async () => {
    await partner?.close();
    rmSync(partnerDir, { recursive: true, force: true });
  });

  test('the Embed button gives the snippet of the current view, with embed=1', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const code = await snippetFor(page, open, '#/events?country=KZ&view=chart&by=quarter');
      const src = code.match(/<iframe src="([^"]+)"/)?.[1];
      assert.ok(src, `no iframe in ${code}`);
      const url = new URL(src);
      assert.equal(url.origin + url.pathname, app.baseUrl);
      const params = new URLSearchParams(url.hash.split('?')[1]);
      assert.equal(url.hash.split('?')[0], '#/events');
      assert.equal(params.get('embed'), '1');
      assert.equal(params.get('country'), 'KZ');
      assert.equal(params.get('view'), 'chart');
      assert.equal(params.get('by'), 'quarter');
      assert.match(code, new RegExp(`e\\.data\\.type !== '${HEIGHT_MESSAGE}'`), 'the partner script listens for the height');
    }));

  test("a partner page on another origin: the compact view, its height, and the partner's history left alone", TIMEOUT, (t) =>
    app.withPage(
      t,
      async ({ page, watch, open, initScript }) => {
        await initScript(spyOnServiceWorkerRegistration);
        // The partner pastes the snippet the app gives for this view, and
        // records the messages it gets besides.
        const snippet = await snippetFor(page, open, '#/events?view=chart&country=KZ');
        // The full app registers its service worker (so the spy works).
        await until(page, () => window.__swRegistrations.length > 0, null, 'the registration of the full app');
        assert.deepEqual(await page.evaluate(() => window.__swRegistrations), ['sw.js']);
        writeFileSync(
          join(partnerDir, 'partner.html'),
          '<!doctype html><html><head><meta charset="utf-8"><title>Partner portal</title></head><body>' +
            '<h1>Partner portal</h1>' +
            snippet.replace(' loading="lazy"', '') +
            `<script>window.__messages = []; addEventListener('message', (e) => __messages.push({ data: e.data, origin: e.origin }));</script>` +
            '</body></html>',
        );
        await page.goto(`${partner.url}start.html`);
        await page.goto(`${partner.url}partner.html`);
        const historyLength = await page.evaluate(() => history.length);

        const frame = await until(page, () => true, null, 'the page').then(async () => {
          const deadline = Date.now() + READY_TIMEOUT_MS;
          for (;;) {
            const f = page.frames().find((x) => x.url().startsWith(app.baseUrl));
            if (f) return f;
            if (Date.now() > deadline) throw new Error('no iframe with the app');
            await new Promise((r) => setTimeout(r, 100));
          }
        });
        await waitForArchiveReady(frame, watch);
        assert.match(frame.url(), /#\/events\?.*view=chart.*embed=1|#\/events\?.*embed=1.*view=chart/);

        // The compact view: no site header or footer, the embed bar instead.
        assert.deepEqual(
          await frame.evaluate(() => ({
            header: document.querySelectorAll('.site-header').length,
            footer: document.querySelectorAll('.site-footer').length,
            bar: document.querySelectorAll('.embed-bar').length,
            embed: document.documentElement.classList.contains('embed'),
          })),
          { header: 0, footer: 0, bar: 1, embed: true },
        );
        const count = () => frame.evaluate(() => Number(document.querySelector('.result-count')?.textContent.match(/\d+/)?.[0]));
        assert.equal(await count(), countOf('KZ'));
        await frame.locator('.chart-overlay rect.hit').first().waitFor();

        // The height messages: the documented shape, from the app's origin,
        // the content's height, and the snippet sizes the iframe by them.
        const heights = () =>
          page.evaluate((type) => __messages.filter((m) => m.data?.type === type).map((m) => ({ h: m.data.height, origin: m.origin, keys: Object.keys(m.data).sort() })), HEIGHT_MESSAGE);
        const settled = async () => {
          // The last message equals the content's height and the iframe's.
          return until(
            page,
            (type) => {
              const last = __messages.filter((m) => m.data?.type === type).at(-1);
              const f = document.querySelector('iframe');
              return last && f.style.height === `${last.data.height}px` && last.data.height;
            },
            HEIGHT_MESSAGE,
            'the iframe sized by the last height message',
          );
        };
        // A page may pass through a height or two while it renders (lazily
        // rendered list items take their real height as they come into the
        // sized frame): wait until the iframe matches the content as it ends up.
        const agreed = async () => {
          for (let tries = 0; ; tries++) {
            const height = await settled();
            const content = await frame.evaluate(() => document.documentElement.offsetHeight);
            if (height === content) return height;
            assert.ok(tries < 50, `the iframe (${height}px) never matched its content (${content}px)`);
            await page.waitForTimeout(100);
          }
        };
        const chartHeight = await agreed();
        const first = await heights();
        assert.ok(first.length > 0);
        for (const m of first) {
          assert.deepEqual(m.keys, ['height', 'type']);
          assert.equal(m.origin, new URL(app.baseUrl).origin);
          assert.ok(Number.isInteger(m.h));
        }
        assert.ok(chartHeight > 150 && chartHeight < 3000, `implausible height ${chartHeight}`);

        // Clicks inside the frame change its view, never the partner's history.
        // A bar of the chart: the list of its events.
        const bar = await frame.evaluate(() => {
          const hits = [...document.querySelectorAll('.chart-overlay rect.hit')].filter((h) => Number(h.dataset.count) > 0);
          const top = hits.sort((a, b) => Number(b.dataset.count) - Number(a.dataset.count))[0];
          return { region: top.dataset.region, count: Number(top.dataset.count) };
        });
        assert.ok(bar.count >= 3, 'the tallest bar holds a few events, so its list is taller than one event');
        await frame.locator(`.chart-overlay rect.hit[data-region="${bar.region}"]`).click();
        await frame.locator('.event-list').waitFor();
        assert.equal(await count(), bar.count);
        assert.doesNotMatch(frame.url(), /view=chart/, 'the frame shows the list in its own address');
        await until(
          page,
          ([type, before]) => {
            const last = __messages.filter((m) => m.data?.type === type).at(-1);
            return last && last.data.height !== before;
          },
          [HEIGHT_MESSAGE, chartHeight],
          'a new height for the list',
        );
        const listHeight = await agreed();
        // A link inside the frame: one event's page, shorter than the list,
        // so a smaller height (the height can shrink).
        await frame.locator('.event-item h2 a').first().click();
        await until(frame, () => location.hash.startsWith('#/event/') && document.querySelector('.event-page'), null, 'the event page');
        const shorter = await until(
          page,
          ([type, before]) => {
            const last = __messages.filter((m) => m.data?.type === type).at(-1);
            return last && last.data.height < before && last.data.height;
          },
          [HEIGHT_MESSAGE, listHeight],
          'a smaller height',
        );
        assert.ok(shorter < listHeight);
        const eventHeight = await agreed();
        assert.ok(eventHeight < listHeight, `the event page (${eventHeight}px) is shorter than the list (${listHeight}px)`);

        // No service worker from inside an iframe (an embed is no installed app).
        assert.deepEqual(await frame.evaluate(() => window.__swRegistrations), []);

        assert.equal(await page.evaluate(() => history.length), historyLength, "the partner's history did not grow");
        await page.goBack();
        assert.equal(page.url(), `${partner.url}start.html`, "the partner's back button goes where it went before");
      },
      { allowOrigins: [partner?.origin].filter(Boolean), serviceWorkers: 'allow' },
    ));

  test('accent and theme: a valid colour and theme apply; invalid values are refused, reported and never reach CSS', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const style = () =>
        page.evaluate(() => ({
          accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
          pressed: getComputedStyle(document.querySelector('.view-switch button[aria-pressed="true"]')).backgroundColor,
          theme: document.documentElement.dataset.theme ?? null,
          inline: document.documentElement.getAttribute('style') ?? '',
          background: getComputedStyle(document.body).backgroundColor,
          notice: document.querySelector('main .notice')?.textContent ?? '',
          styles: document.querySelectorAll('style').length,
          noticeElements: document.querySelectorAll('main .notice li code *').length,
        }));

      await open('#/events?embed=1&view=chart');
      const plain = await style();
      assert.equal(plain.theme, null);
      assert.equal(plain.notice, '');

      await open('#/events?embed=1&view=chart&accent=0a7d5a&theme=dark');
      const valid = await style();
      assert.equal(valid.accent, '#0a7d5a');
      assert.equal(valid.pressed, 'rgb(10, 125, 90)', 'the pressed view button takes the accent');
      assert.equal(valid.theme, 'dark');
      assert.equal(valid.background, 'rgb(15, 20, 25)', 'the dark background');
      assert.equal(valid.notice, '');

      for (const bad of ['red;background:url(x)', '</style><b>x</b>', 'url(x)', '#12345', '0a7d5a;color:red']) {
        await open(`#/events?embed=1&view=chart&accent=${encodeURIComponent(bad)}&theme=${encodeURIComponent('dark;x')}`);
        const s = await style();
        assert.equal(s.accent, plain.accent, `${bad}: the default accent stays`);
        assert.equal(s.pressed, plain.pressed, bad);
        assert.equal(s.theme, null, `${bad}: no theme from an invalid value`);
        assert.ok(!/url|red|style|;/.test(s.inline), `${bad}: reached the root's style: ${s.inline}`);
        assert.equal(s.styles, plain.styles, `${bad}: no new <style>`);
        assert.equal(s.noticeElements, 0, `${bad}: the notice shows text, not markup`);
        assert.ok(s.notice.includes(`accent=${bad}`), `${bad}: reported in the notice: ${s.notice}`);
        assert.ok(s.notice.includes('theme=dark;x'), `${bad}: the theme reported too: ${s.notice}`);
      }
    }));
});
