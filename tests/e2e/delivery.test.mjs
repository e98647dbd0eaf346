// The published site (scripts/build-site.sh): each view fetches the
// catalogue and only the pieces it shows, never the whole archive; a piece
// that is missing, cut short or damaged gives a message naming it and a
// retry, never a blank page or a wrong event. Against a synthetic archive
// large enough to have many pieces; expected values computed here from the
// archive, never read from the app.
//
// Run: node --test tests/e2e/delivery.test.mjs (after scripts/build-site.sh)

import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appFixture, eventsOf, newestFirst, syntheticArchive } from './lib/index.mjs';

const TIMEOUT = { timeout: 180_000 };
const archive = syntheticArchive({ events: 600, seed: 7 });
const rows = newestFirst(eventsOf(archive));

/** Titles compared as shown: case (the publisher shows all-capital titles
 * in sentence case) and runs of white space aside. */
const spaced = (t) => t.replace(/\s+/g, ' ').trim().toLowerCase();

/** The release pieces a page fetched. */
const releasePieces = (watch) => watch.requests.map((r) => r.url).filter((u) => /\/data\/releases-[0-9a-f]{16}\.json$/.test(u));

/** The URLs of the data files a page fetched, by kind. */
function dataRequests(watch) {
  const urls = watch.requests.map((r) => r.url).filter((u) => u.includes('/data/') || u.endsWith('/archive.json'));
  const of = (kind) => urls.filter((u) => new RegExp(`/data/${kind}-[0-9a-f]{16}\\.json$`).test(u));
  return { all: urls, events: of('events'), names: of('chunks'), list: of('list'), ids: of('ids'), catalogue: of('catalogue') };
}

describe('the published site fetches what a view shows (Chromium)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http', archive });

  test('the releases page: the catalogue only, newest first, a page of 50 at a time', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      await open('#/');
      const got = dataRequests(watch);
      assert.equal(got.catalogue.length, 1, got.all.join('\n'));
      assert.deepEqual([...got.events, ...got.names, ...got.list, ...got.ids], [], 'no event text for the releases page');
      assert.ok(!got.all.some((u) => u.endsWith('/archive.json')), 'never the whole archive');
      // Newest first, a page of 50 at a time (computed here from the archive).
      const newest = [...archive.releases].sort((a, b) => (a.period.start < b.period.start ? 1 : a.period.start > b.period.start ? -1 : a.id < b.id ? -1 : 1));
      const pages = Math.ceil(newest.length / 50);
      assert.ok(pages > 1, 'the archive has more releases than a page');
      const shown = () => page.locator('.release-card').evaluateAll((els) => els.map((e) => e.dataset.release));
      assert.deepEqual(await shown(), newest.slice(0, 50).map((r) => r.id));
      assert.match(await page.locator('.pager [aria-current="page"]').innerText(), new RegExp(`1\\D+${pages}`));
      // The first page's titles are in the catalogue: no release piece.
      const titles = () => page.locator('.release-card h2').allTextContents();
      assert.deepEqual((await titles()).map(spaced), newest.slice(0, 50).map((r) => spaced(r.title)));
      assert.deepEqual(releasePieces(watch), [], 'no release piece for the first page');
      // A later page's come with its releases' pieces (a fresh load: the
      // page is usable once they are here).
      await page.goto('about:blank');
      await open(`#/?page=${pages}`);
      assert.deepEqual(await shown(), newest.slice((pages - 1) * 50).map((r) => r.id));
      assert.deepEqual((await titles()).map(spaced), newest.slice((pages - 1) * 50).map((r) => spaced(r.title)));
      assert.ok(releasePieces(watch).length > 0, 'the last page\'s titles come from release pieces');
      // ... and so does an old release's page heading and tab title.
      const old = newest[newest.length - 1];
      await page.goto('about:blank');
      await open(`#/release/${old.id}`);
      assert.equal(spaced(await page.locator('.release-page h1').innerText()), spaced(old.title));
      assert.ok(spaced(await page.title()).startsWith(spaced(old.title)), await page.title());
    }));

  test('until the app runs, the page says it is loading, in both languages; then the app replaces that', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, context, open, baseUrl }) => {
      // The app held back: what a slow phone shows while it downloads.
      let release;
      const held = new Promise((r) => (release = r));
      await context.route('**/*_bg.wasm', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(new URL('#/', baseUrl).href, { waitUntil: 'domcontentloaded' });
      const boot = page.locator('body > .boot');
      assert.ok(await boot.isVisible());
      assert.match(await boot.innerText(), /Loading the archive/);
      assert.equal(await boot.locator('[lang="ru"]').innerText(), 'Загрузка архива…');
      release();
      await open('#/');
      assert.equal(await boot.isVisible(), false, 'the placeholder is gone once the app runs');
    }));

  test('the events page: its first 50 rows and the facet counts from the catalogue alone, the next 50 from one list piece', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      await open('#/events');
      const ids = await page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
      assert.deepEqual(ids, rows.slice(0, 50).map((e) => e.id));
      // What each item shows, from the archive: the title and the start
      // of the first paragraph, cut at 240 characters.
      // textContent: the items off screen are not laid out (content-visibility).
      const leads = await page.locator('.event-item .lead').allTextContents();
      leads.forEach((lead, i) => {
        const first = rows[i].body[0] ?? '';
        const want = [...first].length > 240 ? `${[...first].slice(0, 240).join('')}…` : first;
        const spaced = (t) => t.replace(/\s+/g, ' ').trim();
        assert.equal(spaced(lead), spaced(want), rows[i].id);
      });
      let got = dataRequests(watch);
      // The newest 50 heads are in the catalogue: no piece at all.
      assert.deepEqual([...got.list, ...got.events, ...got.names, ...got.ids], [], got.all.join('\n'));
      assert.equal(got.catalogue.length, 1, got.all.join('\n'));
      const kz = rows.filter((e) => e.country === 'KZ').length;
      assert.equal(await page.locator('.filters label:has(input[value="KZ"]) .facet-count').innerText(), String(kz));
      // Page 2: rows 50-99, the heads of one list piece (it holds 100), no event's whole text.
      await open('#/events?page=2');
      await page.waitForFunction(
        (first) => document.querySelector('.event-item')?.dataset.event === first && !document.querySelector('.event-item.pending'),
        rows[50].id,
      );
      const next = await page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
      assert.deepEqual(next, rows.slice(50, 100).map((e) => e.id));
      got = dataRequests(watch);
      assert.equal(got.list.length, 1, got.all.join('\n'));
      assert.deepEqual(got.events, [], 'no events piece for a list');
      // The chart and the table count from the catalogue alone.
      await open('#/events?view=chart&by=year');
      await page.waitForSelector('.chart-overlay rect.hit');
      await open('#/events?view=table&by=year');
      await page.locator('.data-table tfoot').waitFor();
      got = dataRequests(watch);
      assert.deepEqual([...got.events, ...got.names], [], `no events piece nor their names for a list, chart or table:\n${got.all.join('\n')}`);
    }));

  test('an event page: its id piece and one events piece', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      const e = rows[333];
      // What had arrived when each piece was asked for.
      const arrived = [];
      const askedWhen = new Map();
      page.on('requestfinished', (r) => arrived.push(r.url()));
      page.on('request', (r) => askedWhen.set(r.url(), [...arrived]));
      await open(`#/event/${e.id}`);
      assert.equal(await page.locator('.event-page h1').count(), 1);
      assert.equal(await page.locator('.event-body p').first().innerText(), e.body[0]);
      // Its release's title: from the release piece for all but the
      // newest releases, asked for beside the events piece.
      const release = archive.releases.find((r) => r.events.some((x) => x.id === e.id));
      assert.equal(spaced(await page.locator(`.event-page a[href$="/release/${release.id}"], .event-page a[href*="release/${release.id}"]`).first().innerText()), spaced(release.title));
      const got = dataRequests(watch);
      assert.equal(got.ids.length, 1, got.all.join('\n'));
      assert.equal(got.events.length, 1, got.all.join('\n'));
      // Not the names piece, which names every events piece: the id piece
      // names its own rows' ones. The events piece is asked for once the
      // id piece is here.
      assert.deepEqual(got.names, [], got.all.join('\n'));
      const before = askedWhen.get(got.events[0]);
      assert.ok(before.some((u) => /\/data\/ids-/.test(u)), `the events piece was asked for before the id piece arrived:\n${before.join('\n')}`);
    }));

  test('a cold search: the index meta and a few of its pieces, and only the events pieces of the rows it lists', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      // The archive's rarest long word (the synthetic vocabulary is small): from the data.
      const text = (e) => `${e.title}\n${e.body.join('\n')}`.toLowerCase();
      const counts = new Map();
      for (const e of rows) for (const w of new Set(text(e).match(/\p{L}{7,}/gu) ?? [])) counts.set(w, (counts.get(w) ?? 0) + 1);
      const [word, n] = [...counts].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0];
      const withWord = rows.filter((e) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text(e)));
      assert.equal(withWord.length, n);

      await open(`#/events?q=${encodeURIComponent(word)}`);
      await page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
      const count = Number((await page.locator('.result-count').innerText()).match(/\d+/)[0]);
      assert.ok(count >= n && count <= rows.length, `"${word}": ${count} results, ${n} events have the word itself`);
      await page.waitForFunction(() => !document.querySelector('.event-item.pending'));
      const listed = await page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
      if (count <= 50) for (const e of withWord) assert.ok(listed.includes(e.id), `${e.id} has "${word}" and is listed`);

      const got = dataRequests(watch);
      const search = got.all.filter((u) => /\/data\/search\/[a-z]+[0-9]*-[0-9a-f]{16}\.bin$/.test(u));
      assert.ok(search.some((u) => /\/meta-/.test(u)), 'the meta');
      assert.ok(search.length <= 12, `${search.length} search pieces:\n${search.join('\n')}`);
      // The pieces of the rows listed, and no other (not the list without the query).
      const pieces = new Set(listed.map((id) => Math.floor(rows.findIndex((e) => e.id === id) / 16)));
      assert.equal(got.events.length, pieces.size, got.events.join('\n'));
      assert.equal(got.names.length, 1, 'the events pieces\' names, once');
      // The snippets come from the whole texts.
      assert.ok((await page.locator('.event-item mark').count()) > 0, 'snippets mark the word');
    }));

  test('a page opening on a query asks for the search index beside the catalogue, not after it', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, context, baseUrl }) => {
      // The catalogue held back until the search meta is asked for (or
      // 10 s): a page that asks for the meta only once the catalogue is
      // read asks after its release.
      let released = false;
      let metaBeforeCatalogue = null;
      let metaAsked;
      const asked = new Promise((r) => (metaAsked = r));
      await context.route('**/data/search/meta-*.bin', (route) => {
        metaBeforeCatalogue ??= !released;
        metaAsked();
        return route.continue();
      });
      await context.route('**/data/catalogue-*.json', async (route) => {
        await Promise.race([asked, new Promise((r) => setTimeout(r, 10_000))]);
        released = true;
        await route.continue();
      });
      const word = rows[0].title.match(/\p{L}{5,}/u)[0].toLowerCase();
      await page.goto(new URL(`#/events?q=${encodeURIComponent(word)}`, baseUrl).href);
      await page.waitForFunction(() => performance.getEntriesByName('search', 'measure').length > 0, null, { timeout: 60_000 });
      assert.equal(metaBeforeCatalogue, true, 'the search meta is asked for while the catalogue is on its way');
      assert.ok((await page.locator('.event-item').count()) > 0, `"${word}" lists its events`);
    }));

  test('an unknown event id says so', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      await open('#/event/e-0000000000000000');
      assert.equal(await page.locator('.not-found').count(), 1);
    }));
});

describe('a digest and its Russian version: the texts only a release page shows come in its release piece (Chromium)', TIMEOUT, () => {
  // The synthetic archive with one digest given a Russian version: the
  // same release in another language, each event paired with its original.
  const bilingual = structuredClone(archive);
  const digest = bilingual.releases.find((r) => r.kind === 'information-release' && r.events.length >= 3 && r.summary.length);
  const russian = {
    ...structuredClone(digest),
    id: `${digest.id}-ru`,
    language: 'ru',
    title: 'Информационный бюллетень о прошедших событиях',
    summary: ['Обзор событий за период.'],
    events: digest.events.map((e, k) => ({ ...structuredClone(e), id: `${e.id}-ru`, language: 'ru', title: `Событие ${k + 1}`, body: [`Текст события номер ${k + 1}.`], counterpart: e.id })),
  };
  delete russian.translations;
  digest.translations = [russian];
  const app = appFixture({ browser: 'chromium', target: 'http', archive: bilingual });
  const linked = async (page, selector) =>
    (await page.locator(selector).evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map((h) => decodeURIComponent(h.split('/').pop().split('?')[0]));
  // The release page lists events grouped by country, in the order the
  // release first names each country, and in document order within it.
  const grouped = (events) => [...new Set(events.map((e) => e.country))].flatMap((c) => events.filter((e) => e.country === c).map((e) => e.id));

  test('the release page: its summary and its events in the release\'s order', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      await open(`#/release/${digest.id}`);
      assert.equal(await page.locator('.release-page .summary p').first().innerText(), digest.summary[0]);
      assert.deepEqual(await linked(page, '.release-page li a'), grouped(digest.events));
      assert.deepEqual(await linked(page, '.release-page .version-link'), [russian.id]);
      const got = dataRequests(watch);
      assert.equal(got.all.filter((u) => /\/data\/releases-[0-9a-f]{16}\.json$/.test(u)).length, 1, got.all.join('\n'));
    }));

  test('its Russian version: summary and events from the release piece, no events piece', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, watch, open }) => {
      await open(`#/release/${russian.id}`);
      assert.equal(await page.locator('.release-page h1').innerText(), russian.title);
      assert.equal(await page.locator('.release-page .summary p').first().innerText(), russian.summary[0]);
      assert.deepEqual(await linked(page, '.release-page li a'), grouped(russian.events));
      assert.deepEqual(await linked(page, '.release-page .version-link'), [digest.id]);
      assert.equal(dataRequests(watch).events.length, 0, dataRequests(watch).all.join('\n'));
    }));

  test('an event of the Russian version, and its original, link to each other', TIMEOUT, (t) =>
    app.withPage(t, async ({ page, open }) => {
      const e = russian.events[1];
      await open(`#/event/${e.id}`);
      assert.equal(await page.locator('.event-body p').first().innerText(), e.body[0]);
      assert.deepEqual(await linked(page, '.event-page .version-link'), [e.counterpart]);
      await open(`#/event/${e.counterpart}`);
      assert.equal(await page.locator('.event-body p').first().innerText(), digest.events[1].body[0]);
      assert.deepEqual(await linked(page, '.event-page .version-link'), [e.id]);
    }));
});

describe('a piece that cannot be had (Chromium)', TIMEOUT, () => {
  const app = appFixture({ browser: 'chromium', target: 'http', archive });
  const dataDir = () => join(app.server.root, 'data');
  const piecesOf = (kind) => readdirSync(dataDir()).filter((f) => new RegExp(`^${kind}-[0-9a-f]{16}\\.json$`).test(f));

  /** Runs `body` with every piece of `kind` (`list`, `events`) replaced by
   * `damage(bytes)` (and its compressed copies gone, as a broken upload
   * would leave it), then puts them back. */
  async function withDamagedPieces(kind, damage, body) {
    const saved = [];
    for (const f of piecesOf(kind)) {
      const path = join(dataDir(), f);
      copyFileSync(path, `${path}.saved`);
      for (const z of ['.br', '.gz']) copyFileSync(path + z, `${path}${z}.saved`);
      saved.push(path);
      const damaged = damage(readFileSync(path));
      for (const z of ['.br', '.gz']) rmSync(path + z);
      if (damaged === null) rmSync(path);
      else writeFileSync(path, damaged);
    }
    const restore = () => {
      for (const path of saved) for (const z of ['', '.br', '.gz']) copyFileSync(`${path}${z}.saved`, path + z);
    };
    try {
      await body(restore);
    } finally {
      restore();
    }
  }

  test('a missing search piece: the search says which and why, and Retry answers once it is back', TIMEOUT, (t) =>
    app.withPage(
      t,
      async ({ page }) => {
        const dir = join(dataDir(), 'search');
        const postings = readdirSync(dir).filter((f) => /^p[0-9]+-[0-9a-f]{16}\.bin$/.test(f));
        assert.ok(postings.length > 0);
        for (const f of postings) for (const z of ['', '.br', '.gz']) copyFileSync(join(dir, f + z), join(dir, `${f}${z}.saved`));
        const restore = () => {
          for (const f of postings) for (const z of ['', '.br', '.gz']) copyFileSync(join(dir, `${f}${z}.saved`), join(dir, f + z));
        };
        try {
          for (const f of postings) for (const z of ['', '.br', '.gz']) rmSync(join(dir, f + z));
          const word = rows[0].title.match(/\p{L}{5,}/u)[0];
          await page.goto(new URL(`#/events?q=${encodeURIComponent(word)}`, app.baseUrl).href);
          const alert = page.locator('.piece-failure');
          await alert.waitFor();
          assert.match(await alert.innerText(), /data\/search\/p[0-9]+-[0-9a-f]{16}\.bin/);
          assert.match(await alert.innerText(), /404/);
          assert.equal(await page.locator('.event-item:not(.pending)').count(), 0, 'no results from half an index');
          restore();
          await alert.locator('button', { hasText: /Try again/ }).click();
          await page.locator('.event-item:not(.pending)').first().waitFor();
          assert.equal(await page.locator('.piece-failure').count(), 0);
          assert.ok(await page.locator('.event-item', { hasText: new RegExp(word, 'i') }).count() > 0);
        } finally {
          restore();
        }
      },
      { allowFailedLoads: [/\/data\/search\/p[0-9]+-[0-9a-f]{16}\.bin/], allowConsoleErrors: [/404|Failed to load resource/] },
    ));

  for (const [what, damage, expected] of [
    ['missing (404)', () => null, /404/],
    ['cut short', (b) => b.subarray(0, b.length - 20), /does not match its name/],
    ['damaged', (b) => Buffer.from(b.toString('utf8').replace(/"title":"/, '"title":"X')), /does not match its name/],
  ]) {
    test(`${what}: the list says which piece failed and why, and Retry loads it once it is back`, TIMEOUT, (t) =>
      app.withPage(
        t,
        async ({ page }) => {
          // The list shows the heads of its rows: their list pieces (but
          // for the newest 50, which are in the catalogue: page 2).
          await withDamagedPieces('list', damage, async (restore) => {
            await page.goto(new URL('#/events?page=2', app.baseUrl).href);
            const alert = page.locator('.piece-failure');
            await alert.waitFor();
            assert.match(await alert.innerText(), /data\/list-[0-9a-f]{16}\.json/);
            assert.match(await alert.innerText(), expected);
            // The counts are there (the catalogue is fine); the events are not, and nothing wrong is shown.
            assert.match(await page.locator('.result-count').innerText(), new RegExp(String(rows.length)));
            assert.equal(await page.locator('.event-item:not(.pending)').count(), 0);
            restore();
            await alert.locator('button', { hasText: /Try again/ }).click();
            await page.locator('.event-item:not(.pending)').first().waitFor();
            assert.equal(await page.locator('.piece-failure').count(), 0);
            const ids = await page.locator('.event-item').evaluateAll((els) => els.map((e) => e.dataset.event));
            assert.deepEqual(ids, rows.slice(50, 100).map((e) => e.id));
          });
        },
        // The failed fetch of the missing piece is the point of this test.
        { allowFailedLoads: [/\/data\/list-[0-9a-f]{16}\.json/], allowConsoleErrors: [/404|Failed to load resource/] },
      ));

    if (what !== 'damaged') {
      test(`${what}: the events pieces' names: a search's list says which piece failed and why, and Retry loads it once it is back`, TIMEOUT, (t) =>
        app.withPage(
          t,
          async ({ page, watch }) => {
            // A search lists snippets of whole texts, in events pieces the
            // names piece names.
            const word = rows[222].title.match(/\p{L}{5,}/u)[0];
            await withDamagedPieces('chunks', damage, async (restore) => {
              await page.goto(new URL(`#/events?q=${encodeURIComponent(word)}`, app.baseUrl).href);
              const alert = page.locator('.piece-failure');
              await alert.waitFor();
              assert.match(await alert.innerText(), /data\/chunks-[0-9a-f]{16}\.json/);
              assert.match(await alert.innerText(), expected);
              assert.equal(await page.locator('.event-item:not(.pending)').count(), 0, 'no snippet without its piece');
              assert.deepEqual(dataRequests(watch).events, [], 'no events piece without the names');
              restore();
              await alert.locator('button', { hasText: /Try again/ }).click();
              await page.locator('.event-item:not(.pending)').first().waitFor();
              assert.equal(await page.locator('.piece-failure').count(), 0);
              assert.ok(await page.locator('.event-item', { hasText: new RegExp(word, 'i') }).count() > 0);
            });
          },
          { allowFailedLoads: [/\/data\/chunks-[0-9a-f]{16}\.json/], allowConsoleErrors: [/404|Failed to load resource/] },
        ));
    }

    test(`${what}: an event page says which piece failed and why, and Retry loads it once it is back`, TIMEOUT, (t) =>
      app.withPage(
        t,
        async ({ page }) => {
          // An event page shows the whole event: its events piece.
          const e = rows[123];
          await withDamagedPieces('events', damage, async (restore) => {
            await page.goto(new URL(`#/event/${e.id}`, app.baseUrl).href);
            const alert = page.locator('.piece-failure');
            await alert.waitFor();
            assert.match(await alert.innerText(), /data\/events-[0-9a-f]{16}\.json/);
            assert.match(await alert.innerText(), expected);
            assert.equal(await page.locator('.event-body').count(), 0, 'no event shown from a bad piece');
            restore();
            await alert.locator('button', { hasText: /Try again/ }).click();
            await page.locator('.event-body p').first().waitFor();
            assert.equal(await page.locator('.piece-failure').count(), 0);
            assert.equal(await page.locator('.event-body p').first().innerText(), e.body[0]);
          });
        },
        { allowFailedLoads: [/\/data\/events-[0-9a-f]{16}\.json/], allowConsoleErrors: [/404|Failed to load resource/] },
      ));
  }
});
