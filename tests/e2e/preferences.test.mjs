// What the reader's browser and the embedding page choose: a fresh profile
// whose language is Russian opens the interface in Russian (one in English
// stays English), and `theme=light` in an embed shows the light theme even
// when the system prefers dark.
//
// Run: node --test tests/e2e/preferences.test.mjs (after trunk build --release)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture } from './lib/index.mjs';

describe('reader preferences (Chromium, dist/)', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  for (const [locale, lang, search, nav] of [
    ['ru-RU', 'ru', 'Поиск', /События/],
    ['en-US', 'en', 'Search', /Events/],
  ]) {
    test(`a fresh profile with locale ${locale} opens in ${lang === 'ru' ? 'Russian' : 'English'}`, (t) =>
      app.withPage(
        t,
        async ({ page, open }) => {
          await open('#/events');
          assert.equal(await page.evaluate(() => navigator.language), locale, 'the profile has the locale');
          assert.equal(await page.evaluate(() => localStorage.length), 0, 'and no stored choice');
          assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
          assert.equal(await page.getByRole('searchbox').getAttribute('aria-label'), search);
          assert.match(await page.locator('.site-header nav').innerText(), nav);
          assert.match(await page.title(), lang === 'ru' ? /^События — / : /^Events — /);
        },
        { locale },
      ));
  }

  test('theme=light in an embed shows the light theme under a system preference for dark', (t) =>
    app.withPage(t, async ({ page, open: openApp }) => {
      // A new load each time, so that nothing carries over from the last view.
      const open = async (route) => {
        await page.goto('about:blank');
        await openApp(route);
      };
      const look = () =>
        page.evaluate(() => ({
          theme: document.documentElement.dataset.theme ?? null,
          background: getComputedStyle(document.body).backgroundColor,
          text: getComputedStyle(document.body).color,
          notice: document.querySelector('main .notice')?.textContent ?? '',
        }));
      await page.emulateMedia({ colorScheme: 'light' });
      await open('#/events?embed=1&view=chart');
      const light = await look();
      await page.emulateMedia({ colorScheme: 'dark' });
      await open('#/events?embed=1&view=chart');
      const dark = await look();
      assert.notEqual(dark.background, light.background, 'the system preference changes the theme by itself');

      await open('#/events?embed=1&view=chart&theme=light');
      const chosen = await look();
      assert.deepEqual(chosen, { ...light, theme: 'light' });
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), true);
      // The chart's text follows the theme too: the light one's, not the dark one's.
      const chartText = () => page.evaluate(() => getComputedStyle(document.querySelector('.chart-svg svg .chrome')).fill);
      await page.locator('.chart-svg svg').waitFor();
      const chosenChart = await chartText();
      await page.emulateMedia({ colorScheme: 'light' });
      await open('#/events?embed=1&view=chart');
      await page.locator('.chart-svg svg').waitFor();
      assert.equal(chosenChart, await chartText());
    }));
});
