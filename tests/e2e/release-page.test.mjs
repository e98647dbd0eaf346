// The release page's declared / parsed / difference table, against counts
// computed here from the archive file: the bundled archive with one event of
// the digest taken out, so that one country's parsed count falls short of
// what the release declares, and with a second copy where a whole country's
// events are gone (declared, none parsed).
//
// Run: node --test tests/e2e/release-page.test.mjs (after trunk build --release)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appFixture, bundledArchive } from './lib/index.mjs';

const original = bundledArchive();
const digestIndex = original.releases.findIndex((r) => r.kind === 'information-release' && r.declared_counts);
const digestId = original.releases[digestIndex].id;

/** The bundled archive without the events `drop(event, index)` picks from the digest. */
function without(drop) {
  const copy = bundledArchive();
  const digest = copy.releases[digestIndex];
  digest.events = digest.events.filter((e, i) => !drop(e, i));
  return copy;
}

// The first of the digest's Kyrgyz events (the digest declares two), and, in
// the second archive, every Tajik event.
const firstKg = original.releases[digestIndex].events.findIndex((e) => e.country === 'KG');
const oneRemoved = without((e, i) => i === firstKg);
const countryRemoved = without((e) => e.country === 'TJ');

/** The table the page must show: rows [code, declared, parsed, difference]
 * (parsed countries most events first, then by code; then the countries
 * only declared), and the totals. */
function expectedTable(release) {
  const parsed = {};
  for (const e of release.events) parsed[e.country] = (parsed[e.country] ?? 0) + 1;
  const declared = release.declared_counts;
  const codes = Object.keys(parsed).sort((a, b) => parsed[b] - parsed[a] || (a < b ? -1 : 1));
  for (const c of Object.keys(declared).sort()) if (!codes.includes(c)) codes.push(c);
  const diff = (n) => (n === 0 ? '0' : `${n > 0 ? '+' : '-'}${Math.abs(n)} ⚠`);
  const rows = codes.map((c) => [c, String(declared[c] ?? 0), String(parsed[c] ?? 0), diff((parsed[c] ?? 0) - (declared[c] ?? 0))]);
  const dt = Object.values(declared).reduce((a, b) => a + b, 0);
  const pt = release.events.length;
  const total = pt - dt;
  return { rows, totals: ['Total', String(dt), String(pt), `${total >= 0 ? '+' : '-'}${Math.abs(total)}`] };
}

async function shownTable(page) {
  return page.locator('.counts-table').evaluate((table) => ({
    rows: [...table.tBodies[0].rows].map((r) => [
      r.querySelector('th [data-country]').dataset.country,
      ...[...r.cells].slice(1).map((c) => c.textContent.trim()),
    ]),
    differs: [...table.tBodies[0].rows].filter((r) => r.classList.contains('differs')).map((r) => r.querySelector('[data-country]').dataset.country),
    totals: [...table.tFoot.rows[0].cells].map((c) => c.textContent.trim()),
  }));
}

for (const [name, archive, short] of [
  ['one Kyrgyz event removed', oneRemoved, ['KG']],
  ['every Tajik event removed', countryRemoved, ['TJ']],
]) {
  describe(`the release page of the digest with ${name}`, () => {
    const app = appFixture({ browser: 'chromium', target: 'http', archive });

    test('shows declared, parsed and their difference per country as computed from the file, and says they differ', (t) =>
      app.withPage(t, async ({ page, open }) => {
        const release = archive.releases[digestIndex];
        const expected = expectedTable(release);
        assert.deepEqual(release.declared_counts, original.releases[digestIndex].declared_counts, 'the declared counts are untouched');
        await open(`#/release/${digestId}`);
        const table = await shownTable(page);
        assert.deepEqual(table.rows, expected.rows);
        assert.deepEqual(table.totals, expected.totals);
        assert.deepEqual(table.differs, short, 'only the short country is marked');
        const status = page.locator('.counts [role="status"]');
        assert.equal(await status.innerText(), 'Parsed counts differ from the declared ones.');
        assert.equal(await status.getAttribute('class'), 'differs');
        // The events listed by country are the parsed ones.
        const groups = await page.locator('.country-group').evaluateAll((els) =>
          Object.fromEntries(els.map((g) => [g.dataset.country, g.querySelectorAll('li').length])),
        );
        assert.deepEqual(groups, Object.fromEntries(expected.rows.filter((r) => r[2] !== '0').map((r) => [r[0], Number(r[2])])));
      }));
  });
}

describe('the release page of the digest as bundled', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });

  test('shows every count matching, with no difference marked', (t) =>
    app.withPage(t, async ({ page, open }) => {
      const expected = expectedTable(original.releases[digestIndex]);
      assert.ok(expected.rows.every((r) => r[3] === '0'), 'the bundled digest parses to its declared counts');
      await open(`#/release/${digestId}`);
      const table = await shownTable(page);
      assert.deepEqual(table.rows, expected.rows);
      assert.deepEqual(table.totals, expected.totals);
      assert.deepEqual(table.differs, []);
      assert.equal(await page.locator('.counts [role="status"]').innerText(), 'Parsed counts match the declared ones.');
    }));
});
