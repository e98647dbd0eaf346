// The chart and table by what was seized (issue 14): `measure=kg` and
// `series=substance` on the release build in headless Chromium. Every
// expected number is summed here from the bundled archive's facts
// (data/archive.json), by hand: the quantities not marked doubtful, each
// part of a whole left out of a country's total.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, REPO_ROOT } from './lib/index.mjs';

const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const events = archive.releases.flatMap((r) => r.events);

/** Kilograms an event adds to its country's total. */
function eventKg(e) {
  const seized = e.facts?.seized ?? [];
  const counts = (s) => !s.doubtful;
  return seized
    .filter((s) => counts(s) && (s.part_of === undefined || !counts(seized[s.part_of])))
    .reduce((a, s) => a + s.kg, 0);
}

/** Country code -> kilograms seized, over the whole archive. */
const kgByCountry = new Map();
for (const e of events) kgByCountry.set(e.country, (kgByCountry.get(e.country) ?? 0) + eventKg(e));
const seizing = [...kgByCountry].filter(([, kg]) => kg > 0).sort((a, b) => b[1] - a[1]);

/** The marks laid over the chart, as the overlay describes them. */
async function overlayBars(page) {
  await page.waitForSelector('.chart-overlay rect.hit');
  return page.locator('.chart-overlay rect.hit').evaluateAll((els) =>
    els.map((e) => ({ key: e.dataset.country, count: Number(e.dataset.count), label: e.getAttribute('aria-label') })),
  );
}

function sumsByKey(bars) {
  const sums = new Map();
  for (const b of bars) sums.set(b.key, (sums.get(b.key) ?? 0) + b.count);
  return sums;
}

describe('the chart and table by what was seized', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('the bundled archive reports seizures to sum', () => {
    assert.ok(seizing.length > 0);
    assert.ok(events.some((e) => e.facts?.seized?.some((s) => s.part_of !== undefined)), 'a part of a whole, counted once');
  });

  test('the kg chart shows each country’s kilograms seized, doubtful amounts and parts left out, and says what they are', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=year&measure=kg');
      const sums = sumsByKey(await overlayBars(page));
      for (const [code, kg] of seizing) assert.equal(sums.get(code), Math.round(kg), code);
      assert.equal(sums.size, seizing.length, 'no country without seizures');
      const total = seizing.reduce((a, [, kg]) => a + kg, 0);
      const caption = await page.locator('.chart-svg svg .caption').first().textContent();
      assert.match(caption, /^Kilograms seized per year, total [\d,]+$/);
      assert.equal(Number(caption.match(/total ([\d,]+)/)[1].replaceAll(',', '')), Math.round(total));
      assert.match(await page.locator('.measure-note').innerText(), /as reported in the media; a seizure may be reported more than once/);
      assert.match(await page.locator('.chart-overlay rect.hit').first().getAttribute('aria-label'), / kg$/);
      assert.equal(await page.locator('select[name="measure"]').inputValue(), 'kg');
    }));

  test('the kg table and its CSV hold the same sums, the CSV’s columns saying kg', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=table&by=year&measure=kg');
      await page.waitForSelector('.data-table tfoot');
      const heads = await page.locator('.data-table thead th .country-tag').evaluateAll((els) => els.map((e) => e.dataset.country));
      const totals = await page.locator('.data-table tfoot td').allInnerTexts();
      const shown = new Map(heads.map((code, i) => [code, Number(totals[i].replace(/\D/g, ''))]));
      for (const [code, kg] of seizing) assert.equal(shown.get(code), Math.round(kg), code);
      assert.match(await page.locator('.data-table caption').innerText(), /Kilograms seized/);
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      assert.equal(d.suggestedFilename(), 'caricc-kg-seized-by-year.csv');
      const csv = readFileSync(await d.path()).subarray(3).toString('utf8');
      const [header] = csv.split('\r\n');
      assert.equal(header, ['period', 'start', 'end', ...heads.map((c) => `${c} (kg)`), 'total (kg)'].join(','));
    }));

  test('the kilograms are a piece of their own: fetched once, only when a view counts them', (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      const seizedRequests = () => watch.requests.map((r) => r.url).filter((u) => /\/data\/seized-[0-9a-f]{16}\.json$/.test(u));
      await open('#/events?view=chart&by=year');
      await open('#/events?view=table&by=year&series=substance');
      assert.deepEqual(seizedRequests(), [], 'events are counted from the catalogue alone');
      await open('#/events?view=table&by=year&measure=kg');
      await page.waitForSelector('.data-table tfoot');
      await open('#/events?view=chart&by=year&measure=kg&series=substance');
      await overlayBars(page);
      assert.equal(seizedRequests().length, 1, watch.requests.map((r) => r.url).join('\n'));
    }));

  test('a missing kilograms piece: the table says which and why, and Retry shows it once it is back', (t) =>
    app.withPage(
      t,
      async ({ page }) => {
        const data = join(app.server.root, 'data');
        const files = readdirSync(data).filter((f) => /^seized-[0-9a-f]{16}\.json(\.gz|\.br)?$/.test(f));
        assert.equal(files.length, 3, 'the piece and its compressed copies');
        const hide = () => files.forEach((f) => renameSync(join(data, f), join(data, `${f}.hidden`)));
        const restore = () => files.forEach((f) => renameSync(join(data, `${f}.hidden`), join(data, f)));
        hide();
        try {
          await page.goto(new URL('#/events?view=table&by=year&measure=kg', app.baseUrl).href);
          const alert = page.locator('.piece-failure');
          await alert.waitFor();
          assert.match(await alert.innerText(), /data\/seized-[0-9a-f]{16}\.json/);
          assert.match(await alert.innerText(), /404/);
          assert.equal(await page.locator('.data-table').count(), 0, 'no kilograms without their piece');
        } finally {
          restore();
        }
        await page.locator('.piece-failure button', { hasText: /Try again/ }).click();
        await page.waitForSelector('.data-table tfoot');
        assert.equal(await page.locator('.piece-failure').count(), 0);
        const totals = await page.locator('.data-table tfoot td.total').innerText();
        const all = seizing.reduce((a, [, kg]) => a + kg, 0);
        assert.ok(Math.abs(Number(totals.replace(/\D/g, '')) - all) <= seizing.length, `${totals} vs ${all}`);
      },
      { allowFailedLoads: [/\/data\/seized-[0-9a-f]{16}\.json/], allowConsoleErrors: [/404|Failed to load resource/] },
    ));

  test('split by substance: events per substance, a bar narrowing the list to its substance; in Russian too', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=year&series=substance');
      const sums = sumsByKey(await overlayBars(page));
      const named = new Map();
      for (const e of events) for (const s of e.facts?.substances ?? []) named.set(s, (named.get(s) ?? 0) + 1);
      assert.deepEqual(new Map([...sums].sort()), new Map([...named].sort()));
      assert.match(await page.locator('.measure-note').innerText(), /counts under each/);
      const bars = await overlayBars(page);
      await page.locator('.chart-overlay rect.hit').first().click();
      await page.waitForSelector('.event-list');
      assert.match(page.url(), new RegExp(`substance=${bars[0].key}&`));
      assert.match(page.url(), /series=substance/);

      // The switches, in Russian: kilograms by substance.
      await open('#/events?view=chart&by=year&ui=ru');
      await page.locator('select[name="measure"]').selectOption('kg');
      await page.locator('select[name="series"]').selectOption('substance');
      await page.waitForFunction(() => location.hash.includes('measure=kg&series=substance'));
      assert.match(page.url(), /view=chart&measure=kg&series=substance/);
      assert.match(await page.locator('.measure-note').innerText(), /по сообщениям СМИ/);
      // Each bar is rounded to the kilogram (2.5 kg of synthetics out of 47 kg of drugs: 3 and 45).
      const bars2 = await overlayBars(page);
      const total = bars2.reduce((a, b) => a + b.count, 0);
      const expected = seizing.reduce((a, [, v]) => a + v, 0);
      assert.ok(Math.abs(total - expected) <= bars2.length / 2, `the substances add up to the countries’ total: ${total} vs ${expected}`);
      assert.match(await page.locator('.chart-svg svg .caption').first().textContent(), /^Изъято, кг за год/);
    }));
});

// The portable file builds its index from the inlined archive: the same sums.
describe('the kg chart in the portable build', () => {
  const app = appFixture({ browser: 'chromium', target: 'file' });

  test('each country’s kilograms seized, from the archive decoded in the page', (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/events?view=chart&by=year&measure=kg');
      const sums = sumsByKey(await overlayBars(page));
      for (const [code, kg] of seizing) assert.equal(sums.get(code), Math.round(kg), code);
      assert.equal(sums.size, seizing.length);
    }));
});
