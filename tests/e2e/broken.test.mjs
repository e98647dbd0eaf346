// Broken archives, end to end: the web build reads published sites, so an
// archive that does not decode is refused by the publish step (the same
// messages, with the JSON path, as scripts/build-site.sh prints), and the app
// shows what it cannot read: a missing manifest, a file that is not one, an
// address off the site. Bad records in an otherwise usable archive are left
// out when publishing and counted in a visible warning; an empty archive says
// it is empty. Never a blank page. The decoder's own tests (model.rs) pin
// every message; these check that the reader (or the publisher) sees them.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { appFixture, DIST_DIR, makeSite, publishFixture, REPO_ROOT } from './lib/index.mjs';

const archive = JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
const total = archive.releases.reduce((n, r) => n + r.events.length, 0);
const digest = archive.releases.findIndex((r) => r.events.length > 3);

/** A copy of the bundled archive changed by `change(copy, digestRelease)`. */
function changed(change) {
  const copy = structuredClone(archive);
  change(copy, copy.releases[digest]);
  return JSON.stringify(copy);
}

const ev = (n) => `\\$\\.releases\\[${digest}\\]\\.events\\[${n}\\]`;

// [file, contents (undefined: not written), what the error screen must say]
const FATAL = [
  ['truncated.json', JSON.stringify(archive).slice(0, 200), /not valid JSON \(line 1, column \d+\): EOF while parsing/],
  ['empty-file.json', '', /not valid JSON \(line 1, column 0\)/],
  ['version-9.json', JSON.stringify({ ...archive, schema_version: 9 }), /schema_version 9, but this app reads version 1/],
  ['no-version.json', JSON.stringify({ releases: archive.releases }), /has no schema_version/],
  ['array.json', JSON.stringify([archive]), /malformed at \$: expected an object with schema_version and releases, found an array/],
  ['no-releases.json', '{"schema_version":1}', /malformed at \$: missing field `releases`/],
  ['no-title.json', changed((a, r) => delete r.events[0].title), new RegExp(`malformed at ${ev(0)}: missing field \`title\``)],
  [
    'no-country.json',
    changed((a, r) => delete r.events[3].country),
    new RegExp(`malformed at ${ev(3)}: missing field \`country\``),
  ],
  [
    'year-99999.json',
    changed((a, r) => (r.events[1].date.start = '99999-01-01')),
    new RegExp(`malformed at ${ev(1)}\\.date\\.start: \`99999-01-01\` is not a valid YYYY-MM-DD date`),
  ],
  [
    'month-13.json',
    changed((a, r) => (r.events[2].date.end = '2025-13-01')),
    new RegExp(`malformed at ${ev(2)}\\.date\\.end: \`2025-13-01\` is not a valid YYYY-MM-DD date`),
  ],
  ['missing.json', undefined, /HTTP 404/],
];

// [file, contents, events shown, the warnings' paths and messages]
const WARNED = [
  [
    'duplicate-ids.json',
    changed((a, r) => {
      r.events.push(structuredClone(r.events[0]));
      a.releases.push(structuredClone(a.releases[0]));
    }),
    total, // the copies are left out, the originals stay
    [
      new RegExp(`${ev(archive.releases[digest].events.length)}: duplicate event id \`${archive.releases[digest].events[0].id}\`; event left out`),
      new RegExp(`\\$\\.releases\\[${archive.releases.length}\\]: duplicate release id \`${archive.releases[0].id}\`; left out`),
    ],
  ],
  [
    'bad-dates.json',
    changed((a, r) => {
      r.events[1].date = { start: '2025-06-10', end: '2025-06-01' };
      r.events[2].date = { start: '2150-01-01', end: '2150-01-01' };
      r.events[3].date = { start: '1989-12-31', end: '1989-12-31' };
    }),
    total - 3,
    [
      new RegExp(`${ev(1)}: date range is inverted \\(2025-06-10 is after 2025-06-01\\); event left out`),
      new RegExp(`${ev(2)}: date 2150-01-01\\.\\.2150-01-01 is outside 1990-2100; event left out`),
      new RegExp(`${ev(3)}: date 1989-12-31\\.\\.1989-12-31 is outside 1990-2100; event left out`),
    ],
  ],
  [
    'unknown-countries.json',
    changed((a, r) => {
      r.events[0].country = 'XX';
      r.events[4].country = 'kz';
      r.declared_counts = { ...r.declared_counts, ZZ: 4 };
    }),
    total - 2,
    [
      new RegExp(`\\$\\.releases\\[${digest}\\]\\.declared_counts: unknown country codes left out: \`ZZ\``),
      new RegExp(`${ev(0)}: unknown country code \`XX\`; event left out`),
      new RegExp(`${ev(4)}: unknown country code \`kz\`; event left out`),
    ],
  ],
];

const publish = (name, archive) => publishFixture({ name, archive, from: DIST_DIR });

describe('an archive that does not decode is refused by the publish step', () => {
  for (const [file, contents, message] of FATAL) {
    if (contents === undefined) continue;
    test(file, () => {
      assert.throws(
        () => makeSite({ archive: contents, from: DIST_DIR }),
        (e) => {
          assert.match(String(e.stderr), message);
          return true;
        },
      );
    });
  }
});

describe('broken archives', () => {
  const app = appFixture({ browser: 'chromium', target: 'http' });
  const manifests = new Map();

  before(() => {
    const dir = join(DIST_DIR, 'e2e-fixtures');
    mkdirSync(dir, { recursive: true });
    for (const [file, contents] of WARNED) manifests.set(file, publish(file.replace('.json', ''), contents));
    manifests.set('empty.json', publish('empty', '{"schema_version":1,"releases":[]}'));
    // A whole archive where a manifest is expected.
    writeFileSync(join(dir, 'whole-archive.json'), JSON.stringify(archive));
  });

  test('what the app cannot read shows the error screen saying what and where', (t) =>
    app.withPage(
      t,
      async ({ page, baseUrl }) => {
        // The detail names the file and the problem; the hint says what
        // the reader can do about this kind of failure, in the interface's
        // language; a link leads to the site's own archive.
        const cases = [
          ['e2e-fixtures/missing.json', /HTTP 404/, /could not be downloaded/, /Не удалось загрузить архив/],
          ['e2e-fixtures/whole-archive.json', /is not the manifest of a published archive/, /not a published archive/, /не является опубликованным архивом/],
          ['https://example.com/a.json', /relative path/, /may not open/, /открыть не может/],
        ];
        for (const [path, message, hint, hintRu] of cases) {
          for (const [ui, expected] of [['en', hint], ['ru', hintRu]]) {
            await page.goto(new URL(`#/events?archive=${path}&ui=${ui}`, baseUrl).href);
            const screen = page.locator('.error-screen');
            await screen.waitFor();
            assert.match(await screen.locator('.error-message code').innerText(), message, path);
            assert.ok((await screen.locator('.error-message code').innerText()).includes(path), `${path}: names the file`);
            assert.equal(await screen.locator('.error-message code').getAttribute('lang'), 'en');
            assert.match(await screen.locator('.error-hint').innerText(), expected, `${path} (${ui})`);
            if (ui === 'ru') assert.doesNotMatch(await screen.locator('h1, .error-hint').allInnerTexts().then((t) => t.join(' ')), /[A-Za-z]{4}/, 'Russian around the detail');
            assert.equal(await page.locator('.event-item, .release-card').count(), 0);
            // The way back: the same view of the site's own archive.
            const back = await screen.locator('a.site-archive').getAttribute('href');
            assert.ok(!back.includes('archive='), back);
            assert.match(back, /^#\/events/);
            await page.goto('about:blank');
          }
        }
        await page.goto(new URL('#/events?archive=e2e-fixtures/missing.json', baseUrl).href);
        await page.locator('.error-screen a.site-archive').click();
        await page.locator('.event-item').first().waitFor();
      },
      // Only the 404 of the missing archive may show up as an error.
      { allowConsoleErrors: [/404/], allowFailedLoads: [/missing\.json/] },
    ));

  test('bad records are left out, and a visible warning counts and lists them', (t) =>
    app.withPage(t, async ({ page, open }) => {
      for (const [file, , shown, expected] of WARNED) {
        await open(`#/events?archive=${manifests.get(file)}`);
        const warning = page.locator('.notice.warning');
        assert.ok(await warning.isVisible(), `${file}: the warning is visible`);
        assert.match(await warning.locator('summary').innerText(), new RegExp(`left out.*\\(${expected.length}\\)`), file);
        const items = await warning.locator('li').allTextContents();
        assert.equal(items.length, expected.length, `${file}: ${items.join('\n')}`);
        for (const re of expected) assert.ok(items.some((i) => re.test(i)), `${file}: no warning matches ${re}:\n${items.join('\n')}`);
        const count = await page.locator('.result-count').innerText();
        assert.equal(Number(count.match(/\d+/)[0]), shown, `${file}: ${count}`);
        await page.goto('about:blank');
      }
      // A clean archive shows no warning.
      await open('#/events');
      assert.equal(await page.locator('.notice.warning').count(), 0);
    }));

  test('an empty archive says so on every page', (t) =>
    app.withPage(t, async ({ page, open, navigate }) => {
      const empty = manifests.get('empty.json');
      for (const route of ['#/', '#/events', '#/events?view=chart', '#/event/x']) {
        await open(`${route}${route.includes('?') ? '&' : '?'}archive=${empty}`);
        assert.equal(await page.locator('.empty-archive').innerText(), 'This archive holds no releases.', route);
        assert.equal(await page.locator('.notice.warning, .error-screen').count(), 0, route);
        await page.goto('about:blank');
      }
      await open(`#/?archive=${empty}&ui=ru`);
      assert.equal(await page.locator('.empty-archive').innerText(), 'В этом архиве нет ни одного выпуска.');
      await navigate(`#/events?archive=${empty}&ui=ru`);
      assert.equal(await page.locator('.empty-archive').count(), 1);
    }));
});
