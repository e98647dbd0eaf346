// The chart and table views end to end in headless Chromium against the
// release build (dist/). Every expected number is computed here from the
// bundled archive (data/archive.json), so the tests follow the corpus.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { appFixture, DIST_DIR, publishFixture, REPO_ROOT } from './lib/index.mjs';

const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const events = archive.releases.flatMap((r) => r.events);

/** The period number of a `YYYY-MM-DD` day; consecutive periods have consecutive numbers. */
function ordinal(by, day) {
  const [y, m, d] = day.split('-').map(Number);
  switch (by) {
    case 'release': return (y * 12 + m - 1) * 2 + (d > 15 ? 1 : 0);
    case 'month': return y * 12 + m - 1;
    case 'quarter': return y * 4 + Math.floor((m - 1) / 3);
    case 'year': return y;
    default: throw new Error(by);
  }
}

/** What the chart must show: "country|bucket index" -> events, and the number of buckets. */
function expectedSegments(by, list = events) {
  const ords = list.map((e) => ordinal(by, e.date.start));
  const first = Math.min(...ords);
  const segments = new Map();
  list.forEach((e, i) => {
    const key = `${e.country}|${ords[i] - first}`;
    segments.set(key, (segments.get(key) ?? 0) + 1);
  });
  return { segments, buckets: Math.max(...ords) - first + 1 };
}

async function resultCount(page) {
  // "Searching…" while the query's index pieces arrive.
  await page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
  const m = (await page.locator('.result-count').innerText()).match(/\d+/);
  return Number(m[0]);
}

/** The marks laid over the chart, as the overlay describes them. */
async function overlayBars(page) {
  return page.locator('.chart-overlay rect.hit').evaluateAll((els) =>
    els.map((e) => ({ country: e.dataset.country, bucket: Number(e.dataset.bucket), count: Number(e.dataset.count), label: e.getAttribute('aria-label') })),
  );
}

/** A CSS colour as #rrggbb. */
function hex(css) {
  const m = css.match(/\d+/g);
  return '#' + m.slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
}

describe('charts and tables over the bundled archive', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  let manyCountries; // the archive= of the site published in before()
  before(() => {
    // An archive with every named country and three codes the app does not name.
    const codes = ['KZ', 'RU', 'KG', 'TJ', 'UZ', 'TM', 'AZ', 'AF', 'IR', 'CN', 'BY', 'AM', 'GE', 'TR', 'PK', 'UA', 'DE', 'PL', 'LT', 'ES', 'US', 'MN', 'IN', 'FR'];
    const release = structuredClone(archive.releases.find((r) => r.events.length > 1));
    const template = release.events[0];
    release.events = codes.map((country, i) => ({ ...template, id: `${template.id}-${i}`, country }));
    manyCountries = publishFixture({ name: 'many-countries', archive: { ...archive, releases: [release] }, from: DIST_DIR });
  });

  for (const kind of ['stacked', 'grouped']) {
    test(`the ${kind} chart shows one bar segment per country and period with the right counts, for every period`, (t) =>
      app.withPage(t, async ({ page, open, navigate }) => {
        await open(`#/events?view=chart&chart=${kind}&by=release`);
        for (const by of ['release', 'month', 'quarter', 'year']) {
          await navigate(`#/events?view=chart&chart=${kind}&by=${by}`);
          await page.waitForFunction((by) => document.querySelector('select[name="by"]')?.value === by, by);
          const { segments } = expectedSegments(by);
          const bars = await overlayBars(page);
          const shown = new Map(bars.map((b) => [`${b.country}|${b.bucket}`, b.count]));
          assert.equal(bars.length, shown.size, `${by}: one segment per country and period`);
          assert.deepEqual(shown, segments, `${by}: the segments and their counts`);
          assert.equal(bars.reduce((a, b) => a + b.count, 0), await resultCount(page), `${by}: all bars add up to the result count`);
        }
      }));
  }

  test('empty periods show as zero on a continuous time axis', (t) =>
    app.withPage(t, async ({ page, open }) => {
      for (const by of ['month', 'quarter']) {
        await open(`#/events?view=table&by=${by}`);
        const { buckets, segments } = expectedSegments(by);
        const totals = await page.locator('.data-table tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.lastElementChild.innerText)));
        assert.equal(totals.length, buckets, `${by}: a row for every period from the first to the last event`);
        const nonEmpty = new Set([...segments.keys()].map((k) => k.split('|')[1])).size;
        assert.equal(totals.filter((n) => n === 0).length, buckets - nonEmpty, `${by}: the periods without events count zero`);
        assert.ok(buckets > nonEmpty, 'the corpus has quiet periods');
      }
    }));

  test('hover and keyboard focus on a bar say its country, period and count; Enter narrows the list to them', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=release');
      const bars = await overlayBars(page);
      const tooltip = page.locator('.chart-tooltip');
      // Hover.
      await page.locator('.chart-overlay rect.hit').nth(1).hover();
      assert.equal(await tooltip.innerText(), bars[1].label);
      assert.match(bars[1].label, /^[^,]+, \d+–\d+ \w+ \d{4}: \d+$/);
      // One tab stop for the whole chart; the arrow keys move between the bars.
      const tabStops = await page.locator('.chart-overlay rect.hit[tabindex="0"]').count();
      assert.equal(tabStops, 1);
      await page.locator('.chart-overlay rect.hit').first().focus();
      assert.equal(await tooltip.innerText(), bars[0].label);
      await page.keyboard.press('ArrowUp'); // the next country in the same period
      const up = bars.findIndex((b, i) => i > 0 && b.bucket === bars[0].bucket);
      const target = up > 0 ? bars[up] : bars[0];
      assert.equal(await tooltip.innerText(), target.label);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('tabindex')), '0');
      await page.keyboard.press('ArrowRight'); // the next period with a bar
      // The next period that has a bar at all; in it, the same country if it has one.
      const nextBucket = Math.min(...bars.filter((b) => b.bucket > target.bucket).map((b) => b.bucket));
      const inNext = bars.filter((b) => b.bucket === nextBucket);
      const next = inNext.find((b) => b.country === target.country) ?? inNext[0];
      assert.equal(await tooltip.innerText(), next.label);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.event-list');
      assert.equal(await resultCount(page), next.count);
      await page.waitForFunction(() => !document.querySelector('.event-item.pending')); // the texts have arrived
      const countries = await page.locator('.event-item').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.country))]);
      assert.deepEqual(countries, [next.country]);
      assert.match(page.url(), new RegExp(`country=${next.country}&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}`));
    }));

  test('a click on a bar keeps the dates the reader chose', (t) =>
    app.withPage(t, async ({ page, open }) => {
      // A range inside the June 2025 release: the bar's month is wider than the range.
      await open('#/events?view=chart&by=month&from=2025-06-01&to=2025-06-10');
      const bars = await overlayBars(page);
      assert.ok(bars.length > 0);
      await page.locator('.chart-overlay rect.hit').first().click();
      await page.waitForSelector('.event-list');
      assert.match(page.url(), /from=2025-06-01&to=2025-06-10/);
      assert.equal(await resultCount(page), bars[0].count);
    }));

  test('downloads say what they hold; the CSV opens in Excel as UTF-8; the images are an SVG and a PNG', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=month&country=KZ,KG&from=2025-01&to=2025-06&ui=ru');
      const download = async (name) => {
        const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
        return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
      };
      const csv = await download('Скачать CSV');
      assert.equal(csv.name, 'caricc-events-by-month-KG-KZ-2025-01_2025-06.csv');
      assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte order mark');
      const text = csv.bytes.subarray(3).toString('utf8');
      // In Russian: Russian column names, split by ';' as a Russian-locale Excel expects.
      assert.match(text, /^период;начало;конец;KZ;KG;всего\r\n/);
      assert.match(text, /июн 2025;2025-06-01;2025-06-30;/, 'Russian month names, intact');
      const svg = await download('Скачать SVG');
      assert.equal(svg.name, 'caricc-events-by-month-stacked-KG-KZ-2025-01_2025-06.svg');
      assert.match(svg.bytes.toString('utf8'), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>/);
      assert.match(svg.bytes.toString('utf8'), /<rect class="background"[^>]*fill="#ffffff"/, 'a standalone image, on white');
      const png = await download('Скачать PNG');
      assert.equal(png.name, 'caricc-events-by-month-stacked-KG-KZ-2025-01_2025-06.png');
      assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }));

  test('one colour per country: the same in the filters, the legend and the bars, never shared, lighter where the dark theme needs it', (t) =>
    app.withPage(t, async ({ page, open }) => {
      const colours = async () => ({
        filters: Object.fromEntries(await page.locator('.filters .country-tag').evaluateAll((els) =>
          els.map((e) => [e.dataset.country, getComputedStyle(e.querySelector('.swatch')).backgroundColor]))),
        legend: await page.locator('.chart-svg .legend rect').evaluateAll((els) => els.map((e) => e.getAttribute('fill'))),
        marks: await page.locator('.chart-svg .marks path').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('fill')))]),
      });
      await open(`#/events?view=chart&by=year&archive=${manyCountries}`);
      const light = await colours();
      const filters = Object.values(light.filters).map(hex);
      assert.equal(filters.length, 24);
      assert.equal(new Set(filters).size, 24, 'no two countries of the archive share a colour');
      assert.equal(new Set(light.marks.map((c) => c.toLowerCase())).size, 24, 'nor in the chart');
      for (const c of light.legend) assert.ok(filters.includes(c.toLowerCase()), `legend colour ${c} is a country's colour`);

      await page.emulateMedia({ colorScheme: 'dark' });
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('chart').length > 0);
      const dark = await colours();
      assert.equal(new Set(Object.values(dark.filters)).size, 24);
      assert.notEqual(dark.filters.AF, light.filters.AF, "Afghanistan's indigo is lighter on the dark background");
      assert.ok(dark.marks.map((c) => c.toLowerCase()).includes(hex(dark.filters.AF)), 'and so is its bar');
    }));

  test('the chart keeps its text size and its legend on a 360 px screen, and shows in print', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await page.setViewportSize({ width: 360, height: 800 });
      await open('#/events?view=chart&by=release');
      await page.waitForFunction(() => Number(document.querySelector('.chart-svg svg')?.getAttribute('width')) < 400);
      const layout = await page.evaluate(() => {
        const svg = document.querySelector('.chart-svg svg');
        const box = svg.getBoundingClientRect();
        const legend = [...svg.querySelectorAll('.legend text')].map((t) => t.getBoundingClientRect());
        return {
          scale: box.width / Number(svg.getAttribute('width')),
          legendInside: legend.every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5),
          legendItems: legend.length,
          pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        };
      });
      assert.ok(Math.abs(layout.scale - 1) < 0.01, `drawn at its own size (scale ${layout.scale})`);
      assert.ok(layout.legendInside, 'the legend fits the chart');
      assert.equal(layout.legendItems, new Set(events.map((e) => e.country)).size);
      assert.ok(layout.pageOverflow <= 0, 'nothing scrolls sideways');

      await page.setViewportSize({ width: 1000, height: 800 });
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const printed = await page.evaluate(() => {
        const chart = document.querySelector('.chart-svg svg');
        return { visible: chart.getBoundingClientRect().height > 100, text: getComputedStyle(chart.querySelector('.chrome')).fill };
      });
      assert.ok(printed.visible, 'the chart is printed');
      assert.equal(printed.text, 'rgb(0, 0, 0)', 'its text black on paper, even from the dark theme');

      await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
      // Wider now: drawn again at its frame's new width (the frame's own, from the layout).
      await page.waitForFunction(() => {
        const frame = document.querySelector('.chart-frame').clientWidth;
        return frame > 400 && Number(document.querySelector('.chart-svg svg')?.getAttribute('width')) === frame;
      });
      await page.getByRole('button', { name: 'Table' }).click();
      await page.locator('.data-table').waitFor();
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const rowHeader = await page.locator('.data-table tbody th').first().evaluate((th) => {
        const s = getComputedStyle(th);
        return { color: s.color, background: s.backgroundColor };
      });
      assert.equal(rowHeader.color, 'rgb(0, 0, 0)');
      assert.ok(['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'].includes(rowHeader.background), `the period column is printed on paper, not on ${rowHeader.background}`);
    }));
});
