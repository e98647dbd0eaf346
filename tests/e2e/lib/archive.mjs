// Expectations computed from an archive file, independently of the app: what
// the event list must show, in what order, and synthetic archives whose
// shape the tests control (ties in dates, events spanning a month or a year
// end, both languages, all three kinds).
//
// The order is the app's documented one (crates/core/src/index.rs): newest
// first by start date, then by the release's position in the file, then by
// the event's position in its release. The date filter counts an event on
// its first day only.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './app.mjs';

/** The bundled archive, parsed afresh (callers may change their copy). */
export function bundledArchive() {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'data/archive.json'), 'utf8'));
}

/** Every event of `archive`, with its release's kind and the positions the
 * order depends on: `{ ...event, kind, release, releaseIndex, eventIndex }`. */
export function eventsOf(archive) {
  return archive.releases.flatMap((r, releaseIndex) =>
    r.events.map((e, eventIndex) => ({ ...e, kind: r.kind, release: r.id, releaseIndex, eventIndex })),
  );
}

/** `events` in the order of the list without a query: newest first. */
export function newestFirst(events) {
  return [...events].sort(
    (a, b) =>
      (a.date.start < b.date.start ? 1 : a.date.start > b.date.start ? -1 : 0) ||
      a.releaseIndex - b.releaseIndex ||
      a.eventIndex - b.eventIndex,
  );
}

/** The last day of the month of `YYYY-MM`. */
export function lastDayOf(month) {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The events the filter keeps: `{ countries, kinds, langs, from, to }`,
 * lists empty or absent for "any"; `from`/`to` as in the address (`YYYY-MM`
 * or `YYYY-MM-DD`), compared with the event's first day. */
export function filtered(events, { countries = [], kinds = [], langs = [], from, to } = {}) {
  const lo = from ? (from.length === 7 ? `${from}-01` : from) : '0000-00-00';
  const hi = to ? (to.length === 7 ? lastDayOf(to) : to) : '9999-99-99';
  return events.filter(
    (e) =>
      (!countries.length || countries.includes(e.country)) &&
      (!kinds.length || kinds.includes(e.kind)) &&
      (!langs.length || langs.includes(e.language)) &&
      e.date.start >= lo &&
      e.date.start <= hi,
  );
}

/** A small deterministic random number generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS_EN = 'police officers seized heroin hashish kilograms vehicle border checkpoint suspects detained region operation drug courier warehouse shipment investigation customs'.split(' ');
const WORDS_RU = 'полиция изъяли героин гашиш килограммов автомобиль граница задержаны регион операция курьер склад партия расследование таможня'.split(' ');
const COUNTRIES = ['KZ', 'KZ', 'KZ', 'RU', 'RU', 'KG', 'TJ', 'UZ', 'TM'];

const iso = (t) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

/**
 * A synthetic archive of `events` events (about 120): half-monthly
 * information releases of 12 events from January 2025 on, newest first as
 * the contract orders them, plus press releases and news items of one
 * event each, dated on days the digests also use (ties across releases).
 * Events share start days inside a release too, some span several days,
 * and two cross a month end (`e-month-end`, 2025-03-30 to 2025-04-02) and a
 * year end (`e-year-end`, 2024-12-30 to 2025-01-02).
 */
export function syntheticArchive({ events = 120, seed = 1 } = {}) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const text = (lang, n) => Array.from({ length: n }, () => pick(lang === 'ru' ? WORDS_RU : WORDS_EN)).join(' ');
  const event = (id, start, end, lang) => ({
    id,
    country: pick(COUNTRIES),
    date: { start, end },
    title: text(lang, 6),
    body: [text(lang, 30), text(lang, 20)],
    language: lang,
    source_url: rnd() < 0.8 ? `https://example.org/${id}` : null,
  });

  const digests = [];
  const singles = [];
  const perDigest = 12;
  const singlesCount = Math.max(0, events - perDigest * Math.floor((events * 0.8) / perDigest));
  const digestCount = (events - singlesCount) / perDigest;
  let start = Date.UTC(2025, 0, 1);
  for (let n = 1; n <= digestCount; n++) {
    const first = new Date(start);
    const half = first.getUTCDate() === 1;
    const end = half ? Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 15) : Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0);
    const days = Math.round((end - start) / DAY) + 1;
    const release = {
      id: `ir-2025-${String(n).padStart(2, '0')}`,
      kind: 'information-release',
      number: n,
      year: 2025,
      title: `INFORMATION RELEASE ${n}`,
      period: { start: iso(start), end: iso(end) },
      language: 'en',
      declared_counts: null,
      source_file: `ir-${n}.txt`,
      summary: [`Synthetic release ${n}.`],
      events: [],
    };
    for (let i = 0; i < perDigest; i++) {
      // Few distinct days, so that start days repeat within the release.
      const s = start + Math.floor(rnd() * Math.min(days, 6)) * DAY * 2;
      const e = s + (rnd() < 0.3 ? Math.floor(rnd() * 3) * DAY : 0);
      release.events.push(event(`e-${n}-${i}`, iso(Math.min(s, end)), iso(Math.min(Math.max(e, s), end)), rnd() < 0.3 ? 'ru' : 'en'));
    }
    const counts = {};
    for (const e of release.events) counts[e.country] = (counts[e.country] ?? 0) + 1;
    release.declared_counts = counts;
    digests.push(release);
    start = end + DAY;
  }
  // Press releases and news items on days the digests use.
  const days = digests.flatMap((r) => r.events.map((e) => e.date.start));
  for (let i = 0; i < singlesCount; i++) {
    const kind = i % 2 ? 'news' : 'press-release';
    const day = pick(days);
    const lang = rnd() < 0.5 ? 'ru' : 'en';
    const e = event(`e-${kind}-${i}`, day, day, lang);
    singles.push({
      id: `${kind === 'news' ? 'news' : 'press'}-${day}-${String(i).padStart(8, '0')}`,
      kind,
      number: null,
      year: null,
      title: e.title,
      period: { start: day, end: day },
      language: lang,
      declared_counts: null,
      source_file: `${kind}-${i}.txt`,
      summary: [],
      events: [e],
    });
  }
  // Two events across period ends: a month end (counted in March) and a
  // year end (counted in 2024), in a release of their own.
  const spanning = {
    id: 'ir-spanning',
    kind: 'information-release',
    number: null,
    year: null,
    title: 'EVENTS ACROSS PERIOD ENDS',
    period: { start: '2024-12-30', end: '2025-04-02' },
    language: 'en',
    declared_counts: null,
    source_file: 'spanning.txt',
    summary: [],
    events: [event('e-month-end', '2025-03-30', '2025-04-02', 'en'), event('e-year-end', '2024-12-30', '2025-01-02', 'ru')],
  };
  // Newest first by period (end, then start), then id, as the contract has it.
  const releases = [...digests, ...singles, spanning].sort(
    (a, b) =>
      (a.period.end < b.period.end ? 1 : a.period.end > b.period.end ? -1 : 0) ||
      (a.period.start < b.period.start ? 1 : a.period.start > b.period.start ? -1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { schema_version: 1, releases };
}
