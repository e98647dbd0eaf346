// Accessibility: every view passes axe-core's WCAG 2.1 A/AA rules (contrast
// included) in light and dark mode and in both interface languages, and the
// app can be used with the keyboard alone, with a visible focus.
//
// axe-core is evaluated through the DevTools protocol (page.evaluate), not
// injected as a script tag, so the page's CSP and the harness's "no new
// script" rules see nothing of it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { appFixture, REPO_ROOT } from './lib/index.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const archive = JSON.parse(readFileSync(`${REPO_ROOT}/data/archive.json`, 'utf8'));
const digest = archive.releases.find((r) => r.kind === 'information-release');
const someEvent = digest.events[0];

/** Runs axe on the page; returns the violations as readable lines. */
async function axeViolations(page) {
  await page.evaluate(`${AXE_SOURCE};0`);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1).join(' ')}`),
    }));
  });
  return violations.map((v) => `${v.id} (${v.help})\n    ${v.nodes.join('\n    ')}`);
}

const VIEWS = [
  ['releases', '#/'],
  ['release page', `#/release/${digest.id}`],
  ['events list', '#/events'],
  ['events searched', '#/events?q=drug'],
  ['events chart', '#/events?view=chart'],
  ['events table', '#/events?view=table&by=month'],
  ['events map', '#/events?view=map'],
  ['event page', `#/event/${someEvent.id}`],
];

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  for (const scheme of ['light', 'dark']) {
    for (const ui of ['en', 'ru']) {
      test(`every view passes in ${scheme} mode, ui=${ui}`, (t) =>
        app.withPage(t, async ({ page, open, navigate }) => {
          await page.emulateMedia({ colorScheme: scheme });
          await open(`#/?ui=${ui}`);
          const problems = [];
          for (const [name, route] of VIEWS) {
            await navigate(`${route}${route.includes('?') ? '&' : '?'}ui=${ui}`);
            await page.waitForSelector('main h1, main h2', { timeout: 10_000 });
            await page.waitForTimeout(150);
            for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
          }
          assert.deepEqual(problems, [], `axe found:\n${problems.join('\n')}`);
        }));
    }
  }

  test('narrow screens (360 px) pass too and do not scroll sideways', (t) =>
    app.withPage(t, async ({ page, open, navigate }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await open('#/events');
      const problems = [];
      for (const [name, route] of VIEWS) {
        await navigate(route);
        await page.waitForSelector('main h1, main h2', { timeout: 10_000 });
        await page.waitForTimeout(150);
        for (const v of await axeViolations(page)) problems.push(`${name}: ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) problems.push(`${name}: the page is ${overflow}px wider than the 360px screen`);
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    }));
});

describe('keyboard only', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  /** Presses Tab until `predicate(activeElement)` holds; returns the steps. */
  async function tabUntil(page, predicate, arg, limit = 200) {
    for (let i = 1; i <= limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(predicate, arg)) return i;
    }
    throw new Error(`Tab never reached the element after ${limit} presses`);
  }

  /** The focused element shows a focus indicator (an outline or a stroke). */
  const focusVisible = () => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const stroked = s.stroke && s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 2;
    return el.matches(':focus-visible') && (outlined || stroked || s.boxShadow !== 'none');
  };

  test('skip link, search, a country filter, an event: all by keyboard, focus always visible', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events');
      // The first Tab shows the skip link; Enter moves focus to the main content.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
      assert.ok(await page.evaluate(focusVisible), 'the skip link shows its focus');

      // Reach the search box, type a query: the list follows.
      await tabUntil(page, () => document.activeElement.matches('input[type=search]'));
      assert.ok(await page.evaluate(focusVisible), 'the search box shows its focus');
      await page.keyboard.type('heroin');
      await page.waitForFunction(() => location.hash.includes('q=heroin'));
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Backspace');
      await page.waitForFunction(() => !location.hash.includes('q='));

      // Reach the first country checkbox and tick it with Space.
      const code = await page.$eval('.filters input[name="country"]', (e) => e.value);
      await tabUntil(page, (code) => document.activeElement.matches(`input[name="country"][value="${code}"]`), code);
      assert.ok(await page.evaluate(focusVisible), 'the checkbox shows its focus');
      await page.keyboard.press('Space');
      await page.waitForFunction((code) => location.hash.includes(`country=${code}`), code);

      // On to the first event link; Enter opens the event page.
      await tabUntil(page, () => document.activeElement.closest('.event-item h2 a') !== null);
      assert.ok(await page.evaluate(focusVisible), 'the event link shows its focus');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash.startsWith('#/event/'));
      const country = await page.$eval('main', (m) => m.textContent);
      assert.ok(country.length > 0);
    }));

  test('chart bars take the focus, tell their count, and Enter narrows the list', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=month');
      await tabUntil(page, () => document.activeElement.matches('.chart-overlay .hit'));
      assert.ok(await page.evaluate(focusVisible), 'the bar shows its focus');
      const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label') || '');
      assert.match(label, /\d/, `the focused bar names its count: "${label}"`);
      const tooltip = await page.locator('.chart-tooltip').textContent();
      assert.ok(tooltip.includes(label.match(/\d+(?!.*\d)/)[0]), `tooltip "${tooltip}" shows the count of "${label}"`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /country=[A-Z]{2}(&|$)/.test(location.hash) && location.hash.includes('from='));
    }));
});
