// Issue 17: what a new reader trips over. One test (or a few) per defect,
// in Chromium against the release build (dist/), as the people who found
// them use the app: a Russian-speaking journalist on a 360 px phone, an
// analyst on a desktop, a partner's embed, a keyboard-only reader, readers
// in dark mode who print. Each test saves a screenshot of what it checked
// in tests/e2e/artifacts/defects/.
//
// Run: node --test tests/e2e/defects.test.mjs (after trunk build --release)

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, ARTIFACTS_DIR, REPO_ROOT } from './lib/index.mjs';

const TIMEOUT = { timeout: 120_000 };
const SHOTS = join(ARTIFACTS_DIR, 'defects');
mkdirSync(SHOTS, { recursive: true });
const shot = (page, name, options = {}) => page.screenshot({ path: join(SHOTS, `${name}.png`), ...options });

const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const digest = archive.releases.find((r) => r.kind === 'information-release');
const years = archive.releases.flatMap((r) => r.events).map((e) => Number(e.date.start.slice(0, 4)));

/** WCAG contrast ratio of two CSS colours (rgb()/rgba(); alpha blended over white). */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl, al = 1] = css.match(/[\d.]+/g).map(Number);
    const ch = [r, g, bl].map((v) => {
      const c = (v * al + 255 * (1 - al)) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** A short description of the focused element. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'none';
    const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class');
    return `${el.tagName.toLowerCase()}${cls ? '.' + cls.trim().split(/\s+/).join('.') : ''}`;
  });

/** Waits until the downloaded file arrives; returns { name, bytes }. */
async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

describe('issue 17: what a new reader trips over (Chromium, dist/)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('1. a page opened from a scrolled list starts at its top, focus on its heading; Back restores the list', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await open('#/events?ui=ru');
      const link = page.locator('.event-list > li').nth(12).locator('h2 a');
      await link.scrollIntoViewIfNeeded();
      const listY = await page.evaluate(() => window.scrollY);
      assert.ok(listY > 500, `the 13th item is far down the list (scrollY ${listY})`);
      const itemTop = () => page.evaluate(() => document.querySelectorAll('.event-list > li')[12]?.getBoundingClientRect().top);
      // Items coming into sight take their real heights a frame or two later.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
      const leftAt = await itemTop();
      await link.click();
      await page.waitForSelector('.event-page h1');
      await page.waitForFunction(() => document.activeElement?.matches('main h1'), null, { timeout: 3000 }).catch(() => {});
      const opened = await page.evaluate(() => ({ y: window.scrollY, top: document.querySelector('.event-page h1').getBoundingClientRect().top }));
      await shot(page, '01-event-opened-at-top-360');
      assert.equal(opened.y, 0, 'the event page starts at its top');
      assert.ok(opened.top >= 0 && opened.top < 740, `its heading is in sight (top ${opened.top})`);
      assert.equal(await focused(page), 'h1', 'the focus is on the page heading');

      // Back: the list where the reader left it, the same item in the same
      // place (not the same offset: items are laid out lazily, so heights
      // above it may differ from the first visit).
      await page.goBack();
      await page.waitForSelector('.event-list');
      await page
        .waitForFunction((top) => Math.abs(document.querySelectorAll('.event-list > li')[12]?.getBoundingClientRect().top - top) < 40, leftAt, { timeout: 5_000 })
        .catch(async () => assert.fail(`the 13th item was ${leftAt} px from the top when left and is at ${await itemTop()} after Back`));

      // A release from the releases list, and an event from a long release page, on a desktop.
      await page.setViewportSize({ width: 1280, height: 600 });
      await page.evaluate((id) => (window.location.hash = `#/release/${id}`), digest.id);
      await page.waitForSelector('.release-page h1');
      const last = page.locator('.country-group li a').last();
      await last.scrollIntoViewIfNeeded();
      assert.ok((await page.evaluate(() => window.scrollY)) > 300);
      await last.click();
      await page.waitForSelector('.event-page h1');
      await page.waitForFunction(() => document.activeElement?.matches('main h1'), null, { timeout: 3000 }).catch(() => {});
      assert.equal(await page.evaluate(() => window.scrollY), 0, 'an event opened from a release page starts at its top');
      assert.equal(await focused(page), 'h1');
      await shot(page, '01-event-from-release-1280');
    }));

  test('2. the keystroke that starts a search (or leaves the page) adds a history entry; Back returns', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open, navigate }) => {
      await open('#/');
      await navigate(`#/release/${digest.id}`);
      await page.waitForSelector('.release-page h1');
      const before = await page.evaluate(() => history.length);
      await page.locator('.search input').pressSequentially('karasora', { delay: 20 });
      await page.waitForFunction(() => location.hash === '#/events?q=karasora');
      assert.equal(await page.evaluate(() => history.length), before + 1, 'one entry for the whole search');
      await page.goBack();
      await page.waitForFunction((id) => location.hash === `#/release/${id}`, digest.id, { timeout: 15_000 });
      await page.waitForSelector('.release-page h1');

      // From a filtered list: Back keeps the filter, without the query.
      await navigate('#/events?country=KZ');
      await page.waitForSelector('.event-list');
      await page.locator('.search input').pressSequentially('drug', { delay: 20 });
      await page.waitForFunction(() => location.hash.includes('q=drug'));
      await page.goBack();
      await page.waitForFunction(() => location.hash === '#/events?country=KZ', null, { timeout: 15_000 });
      assert.equal(await page.locator('.search input').inputValue(), '');
      assert.ok(await page.locator('input[name="country"][value="KZ"]').isChecked(), 'the country filter is kept');
      await shot(page, '02-back-after-search');
    }));

  test('3. printing from a dark-themed device is dark on white', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open, navigate }) => {
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      await open(`#/release/${digest.id}`);
      await page.waitForSelector('.release-page h1');
      const check = async (selectors) => {
        const found = await page.evaluate((selectors) => {
          const out = [];
          for (const sel of selectors) {
            const el = document.querySelector(sel);
            if (!el) {
              out.push({ sel, missing: true });
              continue;
            }
            const cs = getComputedStyle(el);
            out.push({ sel, color: cs.color, background: cs.backgroundColor });
          }
          return out;
        }, selectors);
        for (const f of found) {
          assert.ok(!f.missing, `${f.sel} is on the page`);
          // Paper is white; an element's own background may or may not print.
          const onPaper = contrast(f.color, 'rgb(255, 255, 255)');
          assert.ok(onPaper >= 4.5, `${f.sel}: ${f.color} on white paper is ${onPaper.toFixed(2)}:1`);
          if (!/rgba\(0, 0, 0, 0\)/.test(f.background)) {
            const own = contrast(f.color, f.background);
            assert.ok(own >= 4.5, `${f.sel}: ${f.color} on its ${f.background} is ${own.toFixed(2)}:1`);
          }
        }
      };
      await check(['.release-page h1', '.release-meta .kind', '.release-meta .period', '.summary p', '.counts p[role="status"]', '.counts-table td', '.country-group a']);
      await shot(page, '03-print-dark-release', { fullPage: true });
      await navigate('#/events?q=drug');
      await page.waitForSelector('.event-list mark');
      await check(['.event-item h2 a', '.event-item .kind', '.event-item .lead', '.event-list mark', '.result-count']);
      await shot(page, '03-print-dark-events');
    }));

  test('4. the chart title wraps instead of being cut, on screen and in the SVG and PNG downloads', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const route = '#/events?view=chart&country=KG,KZ,RU,TJ,TM&from=2024-01&to=2025-12&kind=information-release,news&q=drug';
      const titleOf = (svg) => {
        const title = svg.match(/<title>([^<]*)<\/title>/)[1];
        const lines = [...svg.matchAll(/<text [^>]*class="title"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
        return { title, lines };
      };
      for (const [width, name] of [[360, 'phone'], [1280, 'desktop']]) {
        await page.setViewportSize({ width, height: 800 });
        await open(route);
        await page.waitForSelector('.chart-svg svg text.title');
        const onScreen = await page.evaluate(() => {
          const svg = document.querySelector('.chart-svg svg');
          const vb = svg.viewBox.baseVal;
          return {
            title: svg.querySelector('title').textContent,
            lines: [...svg.querySelectorAll('text.title')].map((t) => ({ text: t.textContent, right: t.getBBox().x + t.getBBox().width })),
            width: vb.width,
          };
        });
        assert.match(onScreen.title, /drug/);
        assert.match(onScreen.title, /2024-01 – 2025-12/);
        assert.equal(onScreen.lines.map((l) => l.text).join(' '), onScreen.title, `${name}: every word of the title is on the chart`);
        assert.ok(!onScreen.lines.some((l) => l.text.includes('…')), `${name}: nothing cut`);
        for (const l of onScreen.lines) assert.ok(l.right <= onScreen.width, `${name}: "${l.text}" ends at ${l.right}, inside ${onScreen.width}`);
        await shot(page, `04-chart-title-${name}`);

        const svg = await download(page, () => page.locator('.downloads button').nth(0).click());
        assert.match(svg.name, /\.svg$/);
        const doc = svg.bytes.toString('utf8');
        const saved = titleOf(doc);
        assert.equal(saved.lines.join(' '), saved.title.replaceAll('&amp;', '&'), `${name}: the SVG download carries the whole title`);
        assert.ok(!saved.lines.some((l) => l.includes('…')));
        const svgH = Number(doc.match(/<svg [^>]*height="(\d+)"/)[1]);
        const png = await download(page, () => page.locator('.downloads button').nth(1).click());
        assert.match(png.name, /\.png$/);
        // The PNG is the SVG at twice its size, so the title's extra lines are in it.
        assert.equal(png.bytes.readUInt32BE(20), svgH * 2, `${name}: the PNG is as tall as the SVG with its title lines`);
        if (name === 'phone') {
          assert.ok(saved.lines.length >= 3, `the phone's title takes several lines: ${saved.lines.join(' | ')}`);
          const { writeFileSync } = await import('node:fs');
          writeFileSync(join(SHOTS, '04-chart-download-phone.png'), png.bytes);
          writeFileSync(join(SHOTS, '04-chart-download-phone.svg'), svg.bytes);
        }
      }
    }));

  test('5. an embed that left its starting view offers one click back to it; its empty message fits an embed', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&embed=1');
      await page.waitForSelector('.chart-overlay rect.hit');
      assert.equal(await page.locator('.embed-back').count(), 0, 'nothing to go back to at the start');
      await page.locator('.chart-overlay rect.hit').first().click();
      await page.waitForSelector('.event-list');
      const back = page.locator('.embed-back');
      await back.waitFor();
      assert.equal((await back.innerText()).trim(), '← Back to the chart');
      await page.locator('.embed-bar .search input').fill('zzzqqqxx');
      await page.waitForSelector('.empty-state');
      const empty = await page.locator('.empty-state').innerText();
      assert.doesNotMatch(empty, /filters/i, 'an embed has no filters to loosen');
      await shot(page, '05-embed-away-from-start');
      await back.click();
      await page.waitForSelector('.chart-overlay rect.hit');
      const params = new URLSearchParams(await page.evaluate(() => location.hash.split('?')[1]));
      assert.deepEqual([...params].sort(), [['embed', '1'], ['view', 'chart']]);
      assert.equal(await page.locator('.embed-back').count(), 0);
      await shot(page, '05-embed-back-at-start');
    }));

  test('6. the chart is one tab stop, its focused bar is clearly marked, Enter moves the focus to the results', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=month');
      await page.waitForSelector('.chart-overlay rect.hit');
      await page.locator('select[name="chart"]').focus();
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'rect.hit', 'the first Tab after the controls reaches a bar');
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        const cs = getComputedStyle(el);
        return { stroke: cs.stroke, width: parseFloat(cs.strokeWidth), effect: cs.vectorEffect, bg: getComputedStyle(document.body).backgroundColor };
      });
      // A ring at least 2 CSS px outside the bar (half a centred 4 px stroke that does not scale), 3:1 on the page.
      assert.ok(ring.width >= 4 && ring.effect === 'non-scaling-stroke', `focus ring ${ring.width}px, ${ring.effect}`);
      assert.ok(contrast(ring.stroke, ring.bg) >= 3, `focus ring ${ring.stroke} on ${ring.bg}`);
      await shot(page, '06-chart-bar-focused');
      await page.keyboard.press('Tab');
      assert.match(await focused(page), /^button/, 'the next Tab leaves the chart for the downloads');
      assert.ok(await page.evaluate(() => document.activeElement.closest('.downloads') !== null));

      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'rect.hit');
      // On to the tallest bar (several events), with the arrow keys.
      const max = Math.max(...(await page.locator('.chart-overlay rect.hit').evaluateAll((els) => els.map((e) => Number(e.dataset.count)))));
      for (let i = 0; i < 20 && Number(await page.evaluate(() => document.activeElement.dataset.count)) !== max; i++) {
        await page.keyboard.press('ArrowRight');
      }
      assert.equal(Number(await page.evaluate(() => document.activeElement.dataset.count)), max);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.event-list');
      await page.waitForFunction(() => document.activeElement !== document.body, null, { timeout: 3000 }).catch(() => {});
      const after = await page.evaluate(() => ({
        inResults: document.activeElement.closest('.results') !== null,
        text: document.activeElement.textContent.slice(0, 80),
      }));
      assert.ok(after.inResults, `the focus is on the results after Enter, not ${await focused(page)}`);
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.activeElement.closest('.results') !== null), 'Tab goes on inside the results');
      await shot(page, '06-after-enter-on-bar');
    }));

  test('7. the From/To fields show the whole month and year, and the arrow keys start in the archive\'s years', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await open('#/events?from=2025-09&to=2025-12');
        const fit = await page.evaluate(() => {
          const input = document.querySelector('input[name="from"]');
          const cs = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
          const text = ctx.measureText('September 2025').width;
          const padding = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
          // The calendar button takes about 1.5em beside the text.
          return { width: input.getBoundingClientRect().width, needed: text + padding + 1.5 * parseFloat(cs.fontSize) };
        });
        assert.ok(fit.width >= fit.needed, `${width}px: the field is ${fit.width}px wide, "September 2025" needs ${fit.needed.toFixed(0)}px`);
        await shot(page, `07-month-fields-${width}`, { clip: { x: 0, y: 0, width: 420, height: 700 } });
      }
      await open('#/events');
      const input = page.locator('input[name="from"]');
      await input.focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      const value = await input.inputValue();
      assert.match(value, /^\d{4}-\d{2}$/, 'ArrowUp on the month and the year fills the field');
      const year = Number(value.slice(0, 4));
      assert.ok(year >= Math.min(...years) && year <= Math.max(...years), `ArrowUp starts in the archive's years, not ${value}`);
    }));

  test('8. the tab title names the event or release first', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open, navigate }) => {
      const event = digest.events[3];
      await open(`#/event/${event.id}`);
      const h1 = (await page.locator('.event-page h1').innerText()).trim();
      await page.waitForFunction((h1) => document.title.startsWith(h1.slice(0, 40)), h1, { timeout: 3000 }).catch(() => {});
      const title = await page.title();
      assert.ok(title.startsWith(h1.length > 80 ? h1.slice(0, 40) : h1), `"${title}" starts with the event's title "${h1}"`);
      assert.match(title, / — CARICC archive$/);
      await navigate(`#/release/${digest.id}?ui=ru`);
      await page.waitForSelector('.release-page h1');
      const rh1 = (await page.locator('.release-page h1').innerText()).trim();
      await page.waitForFunction(() => document.title.endsWith('Архив ЦАРИКЦ'));
      assert.ok((await page.title()).startsWith(rh1.slice(0, 40)), `"${await page.title()}" names the release "${rh1}"`);
      await navigate('#/events');
      await page.waitForFunction(() => document.title === 'Events — CARICC archive' || document.title === 'События — Архив ЦАРИКЦ');
    }));

  test('9. Russian: no word broken in the chart controls at 360 px; genitive months with an en dash everywhere; a Russian CSV', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open, navigate }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await open('#/events?view=chart&by=release&ui=ru');
      await page.waitForSelector('.chart-controls');
      const broken = await page.evaluate(() => {
        const out = [];
        for (const label of document.querySelectorAll('.chart-controls label')) {
          const node = [...label.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
          if (!node) continue;
          const text = node.textContent;
          let i = 0;
          for (const word of text.split(/\s+/).filter(Boolean)) {
            const start = text.indexOf(word, i);
            i = start + word.length;
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, i);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(word);
          }
        }
        return out;
      });
      assert.deepEqual(broken, [], 'no word of the chart controls is broken across lines');
      await shot(page, '09-ru-chart-controls-360');

      // Half-month labels: chart bars, x axis, table, CSV; dates in the list.
      const bars = await page.locator('.chart-overlay rect.hit').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert.ok(bars.some((b) => /, 1–15 июня 2025: \d+$/.test(b)), `the bars' labels: ${bars.join('; ')}`);
      assert.ok(!bars.some((b) => /\d-\d|\bмай\b/.test(b)));
      const csv = await download(page, () => page.locator('.downloads button').nth(2).click());
      const text = csv.bytes.toString('utf8');
      assert.ok(text.startsWith('\uFEFFпериод;начало;конец;'), `a Russian header split by ';': ${text.slice(0, 60)}`);
      assert.match(text, /\r\n1–15 июня 2025;2025-06-01;2025-06-15;/);
      // A short axis names every half-month.
      await navigate('#/events?view=chart&by=release&from=2025-05&to=2025-07&ui=ru');
      await page.waitForFunction(() => [...document.querySelectorAll('.chart-svg .x-axis text')].some((t) => /июня/.test(t.textContent)));
      const axis = await page.locator('.chart-svg .x-axis text').allTextContents();
      assert.ok(axis.includes('1–15 июня 2025') || axis.includes('1–15 июня'), `x axis: ${axis.join(', ')}`);
      assert.ok(!axis.some((l) => /\d-\d|\bмай\b|\bиюн\b/.test(l)), `x axis: ${axis.join(', ')}`);
      await shot(page, '09-ru-chart-half-months');
      await navigate('#/events?view=table&by=release&ui=ru');
      await page.waitForSelector('.data-table');
      const rows = await page.locator('.data-table tbody th').allTextContents();
      assert.ok(rows.includes('1–15 июня 2025'), `table rows: ${rows.slice(0, 4).join(', ')}`);
      await navigate('#/events?ui=ru');
      await page.waitForSelector('.event-list');
      const dates = await page.locator('.event-item .date').allTextContents();
      const months = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря';
      const re = new RegExp(`^\\d{1,2}(–\\d{1,2})? (${months}) \\d{4}$|^\\d{1,2} (${months}) – \\d{1,2} (${months}) \\d{4}$`);
      for (const d of dates) assert.match(d, re);
      await shot(page, '09-ru-list-dates-360');
      // English keeps its header and separator.
      await navigate('#/events?view=chart&by=release&ui=en');
      await page.waitForSelector('.chart-overlay rect.hit');
      const en = (await download(page, () => page.locator('.downloads button').nth(2).click())).bytes.toString('utf8');
      assert.ok(en.startsWith('\uFEFFperiod,start,end,'), en.slice(0, 40));
      assert.match(en, /\r\n1–15 Jun 2025,2025-06-01,2025-06-15,/);
    }));

  test('10. the embed dialog: focus moves in and back, Escape closes it, Copy confirms, the snippet keeps its indentation', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, context, open }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.baseUrl).origin });
      await open('#/events?country=KZ');
      await page.locator('.embed-button').click();
      await page.waitForSelector('.embed-dialog');
      await page.waitForFunction(() => document.activeElement?.closest('.embed-dialog'), null, { timeout: 3000 }).catch(() => {});
      assert.ok(await page.evaluate(() => document.activeElement.closest('.embed-dialog') !== null), `focus in the dialog, not ${await focused(page)}`);
      const code = await page.locator('.embed-dialog textarea').inputValue();
      assert.match(code, /\n {2}if \(!e\.data \|\| e\.data\.type !== 'caricc-archive:height'\) return;\n {2}document\.querySelectorAll/);
      assert.match(code, /\n {4}if \(f\.contentWindow === e\.source\)/);
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.locator('.copy-status').filter({ hasText: 'Copied' }).waitFor({ timeout: 5000 });
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
      await shot(page, '10-embed-dialog-copied');
      await page.keyboard.press('Escape');
      await page.waitForSelector('.embed-dialog', { state: 'detached' });
      // The focus moves once the views have caught up (a task after the close).
      await page.waitForFunction(() => document.activeElement?.matches('.embed-button'), null, { timeout: 3000 }).catch(() => {});
      assert.equal(await focused(page), 'button.embed-button', 'Escape gives the focus back to the Embed button');
      await page.locator('.embed-button').click();
      await page.getByRole('button', { name: 'Close' }).click();
      await page.waitForSelector('.embed-dialog', { state: 'detached' });
      // The focus moves once the views have caught up (a task after the close).
      await page.waitForFunction(() => document.activeElement?.matches('.embed-button'), null, { timeout: 3000 }).catch(() => {});
      assert.equal(await focused(page), 'button.embed-button', 'Close gives the focus back to the Embed button');
    }));

  test('11. a reversed date range says From is after To and offers to swap them', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?from=2025-12&to=2025-01');
      const notice = page.locator('.reversed-range');
      await notice.waitFor({ timeout: 5000 });
      assert.match(await notice.innerText(), /From.*after.*To/s);
      await shot(page, '11-reversed-range');
      await page.locator('.swap-dates').click();
      await page.waitForFunction(() => location.hash.includes('from=2025-01') && location.hash.includes('to=2025-12'));
      assert.equal(await notice.count(), 0);
      assert.ok(Number((await page.locator('.result-count').innerText()).match(/\d+/)[0]) > 0);
    }));

  test('12. a printed event list says what it lists: query, filters and count first', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      await open('#/events?q=drug&country=KZ');
      await page.waitForSelector('.event-list');
      const text = await page.locator('main').innerText();
      const head = text.slice(0, text.indexOf('Showing'));
      assert.match(head, /Kazakhstan/, `the filters are on paper: ${head}`);
      assert.match(head, /“drug”/, 'the query is on paper');
      assert.match(head, /\d+ events?/, 'the count is on paper');
      await shot(page, '12-print-list-context');
    }));

  test('also seen: Escape in the search clears the query and its sort; a phone shows results high; a tap shows a bar before filtering', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, context, open }) => {
      await open('#/events?q=drug&sort=newest');
      await page.locator('.search input').focus();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !location.hash.includes('q='));
      assert.doesNotMatch(await page.evaluate(() => location.hash), /sort=/);

      await page.setViewportSize({ width: 360, height: 740 });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'hover', value: 'none' }, { name: 'pointer', value: 'coarse' }] });
      await page.goto('about:blank'); // a fresh start of the app, now on a touch screen
      await open('#/events?ui=ru');
      const top = await page.locator('.event-item').first().evaluate((e) => e.getBoundingClientRect().top);
      assert.ok(top < 740 * 0.45, `the first result starts high on the phone screen (at ${top}px)`);
      assert.doesNotMatch(await page.locator('.search input').getAttribute('placeholder'), /\//, 'no "/" key hint on a touch screen');
      await shot(page, '13-phone-first-screen');

      await open('#/events?view=chart');
      const bar = page.locator('.chart-overlay rect.hit').first();
      const tap = () => bar.evaluate((el) => el.dispatchEvent(new PointerEvent('click', { pointerType: 'touch', bubbles: true, cancelable: true })));
      await tap();
      await page.waitForTimeout(200);
      assert.equal(await page.locator('.chart-overlay').count(), 1, 'a first tap keeps the chart');
      assert.match(await page.locator('.chart-tooltip').innerText(), /: \d+/, 'and shows the bar\'s value');
      await shot(page, '13-tap-shows-bar');
      await tap();
      await page.waitForSelector('.event-list');
    }));
});
