//! The reading index over a decoded archive: every event flattened into one
//! list, newest first, with what the filters test (country, day span, kind,
//! language) packed beside it, and the filter pass that yields the selection
//! and its facet counts in one sweep.
//!
//! Positions in [`ArchiveIndex::rows`] ([`RowPos`]) are the event ids the
//! rest of the app passes around (search document ids are the same
//! positions: [`RowPos::from`] a [`DocId`]); releases are numbered by their
//! place in the archive ([`ReleaseIdx`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::{Archive, Event, Kind, Lang, Release};
use crate::search::sort::{sort_by, sort_dedup, sort_ids_by};
use crate::search::DocId;

/// An event's position in [`ArchiveIndex::rows`] (newest first), which is
/// also its place in an [`EventTable`], in the published events and list
/// pieces, and its document id in the search index. Its own type so that
/// the compiler tells it from a release's number or a count; serialized as
/// the bare number.
#[repr(transparent)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct RowPos(pub u32);

impl RowPos {
    /// The position as an index into a slice of rows.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Document `i` of the search index is row `i`: the events are indexed in
/// row order (the app's in-memory index and the publish's split one alike).
impl From<DocId> for RowPos {
    fn from(doc: DocId) -> RowPos {
        RowPos(doc.0)
    }
}

// Lists of ids are computed and sorted as bare numbers and retyped without
// a copy: `Vec<u32>` → `Vec<RowPos>` through `map(RowPos).collect()` is a
// new instance of the collecting code for each type in the app's wasm
// (about 1 KB for the four this module needs), where these are none.

/// `numbers` as row positions, the same allocation.
fn row_positions(numbers: Vec<u32>) -> Vec<RowPos> {
    let mut numbers = std::mem::ManuallyDrop::new(numbers);
    let (ptr, len, cap) = (numbers.as_mut_ptr(), numbers.len(), numbers.capacity());
    // SAFETY: `RowPos` is `#[repr(transparent)]` over `u32` (same size,
    // alignment and valid values), and the allocation passes whole from the
    // vector given up to the one returned.
    unsafe { Vec::from_raw_parts(ptr.cast::<RowPos>(), len, cap) }
}

/// `rows` as their bare numbers, in place (for the one `u32` sort).
fn row_numbers(rows: &mut [RowPos]) -> &mut [u32] {
    // SAFETY: as in `row_positions`: a `RowPos` is a `u32`.
    unsafe { std::slice::from_raw_parts_mut(rows.as_mut_ptr().cast::<u32>(), rows.len()) }
}

/// `rows` as their bare numbers (for code that exists for `u32`s anyway).
pub(crate) fn row_numbers_of(rows: &[RowPos]) -> &[u32] {
    // SAFETY: as in `row_positions`: a `RowPos` is a `u32`.
    unsafe { std::slice::from_raw_parts(rows.as_ptr().cast::<u32>(), rows.len()) }
}

/// `numbers` as row positions, in place.
pub(crate) fn row_positions_of(numbers: &[u32]) -> &[RowPos] {
    // SAFETY: as in `row_positions`: a `u32` is a `RowPos`.
    unsafe { std::slice::from_raw_parts(numbers.as_ptr().cast::<RowPos>(), numbers.len()) }
}

/// `numbers` as release places, the same allocation.
fn release_places(numbers: Vec<u32>) -> Vec<ReleaseIdx> {
    let mut numbers = std::mem::ManuallyDrop::new(numbers);
    let (ptr, len, cap) = (numbers.as_mut_ptr(), numbers.len(), numbers.capacity());
    // SAFETY: as in `row_positions`: `ReleaseIdx` is `#[repr(transparent)]`
    // over `u32`.
    unsafe { Vec::from_raw_parts(ptr.cast::<ReleaseIdx>(), len, cap) }
}

/// A release's place in [`ArchiveIndex::releases`] (archive order), as a
/// [`Row`] and the published catalogue and pieces name it. Serialized as
/// the bare number.
#[repr(transparent)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ReleaseIdx(pub u32);

impl ReleaseIdx {
    /// The number as an index into [`ArchiveIndex::releases`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One event of the archive, as the filters see it.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The release the event belongs to.
    pub release: ReleaseIdx,
    /// The event's place among its release's events (document order).
    pub event: u32,
    /// Index into [`ArchiveIndex::countries`].
    pub country: u16,
    /// The event's first day ([`Date::day_number`]): what the date filter
    /// and the chart count it by, and what orders the rows.
    pub start: i32,
    /// Its last day ([`Date::day_number`]).
    pub end: i32,
    /// The year of its first day (the year facet).
    pub year: i32,
    /// Its release's kind.
    pub kind: Kind,
    /// The language of its text.
    pub lang: Lang,
}

/// What one row's facts name, as bit sets: kept apart from [`Row`]
/// because a published archive sends them in a piece of their own, which
/// only the views that count or filter by them wait for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowFacts {
    /// The event's `facts.topics`, bit `i` for [`TOPICS`]`[i]`.
    pub topics: u16,
    /// The event's `facts.substances`, bit `i` for [`SUBSTANCES`]`[i]`.
    pub substances: u16,
}

pub use crate::thesaurus::{SUBSTANCES, TOPICS};

/// What one row's facts report seized of one substance, doubtful amounts
/// left out: [`crate::seized::event_grams`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seizure {
    /// The row ([`RowPos`]'s number).
    pub row: u32,
    /// The substance's slot in [`SUBSTANCES`].
    pub substance: u8,
    /// Whole grams.
    pub grams: u32,
}

/// The bits of `ids` among `all` (ids not in `all` have none).
pub fn id_mask<S: AsRef<str>>(ids: &[S], all: &[&str]) -> u16 {
    ids.iter()
        .filter_map(|id| all.iter().position(|a| *a == id.as_ref()))
        .fold(0, |m, i| m | 1 << i)
}

/// What the reader's views need of an archive, without its texts: the
/// releases, every event as a [`Row`], the countries and years present.
/// Built from a whole archive ([`ArchiveIndex::new`]) or from a published
/// catalogue (`Catalogue::index`); filtered by [`ArchiveIndex::select`].
pub struct ArchiveIndex {
    /// The releases in archive order, without their events: those live in
    /// an [`EventTable`] (a whole archive in memory) or in the published
    /// pieces the app fetches as it needs them (`crate::catalogue`).
    pub releases: Vec<Release>,
    /// Every event, newest first (by start date, then release order, then
    /// document order, so the order is total and stable).
    pub rows: Vec<Row>,
    /// Country codes present, most events first.
    pub countries: Vec<String>,
    /// Years present, ascending.
    pub years: Vec<i32>,
    /// Releases newest first.
    pub releases_newest_first: Vec<ReleaseIdx>,
    /// What the events report seized, by row then substance (rows without
    /// any have none): what `measure=kg` sums.
    pub seized: Vec<Seizure>,
    /// Per row, what its facts name: filled from a whole archive; empty
    /// for a published one, whose facts piece the app fetches when a view
    /// needs it and passes to [`ArchiveIndex::select_with`].
    pub facts: Vec<RowFacts>,
    /// How many events name each of [`TOPICS`], then each of
    /// [`SUBSTANCES`]: the topic and substance counts of the whole archive
    /// before any filter, known without the facts piece. All zero for an
    /// archive without facts.
    pub fact_totals: Vec<u32>,
    /// Release id → its place (plain numbers: one map type fewer in the wasm).
    by_release_id: HashMap<String, u32>,
}

/// The events of an archive held in memory, in row order (the order of
/// [`ArchiveIndex::rows`]), with their ids.
#[derive(Debug, Clone, Default)]
pub struct EventTable {
    events: Vec<Event>,
    /// Event id → row position.
    by_id: HashMap<String, u32>,
}

impl EventTable {
    /// A table over `events`, which are in row order.
    pub fn new(events: Vec<Event>) -> EventTable {
        let by_id = events
            .iter()
            .enumerate()
            .map(|(pos, e)| (e.id.clone(), pos as u32))
            .collect();
        EventTable { events, by_id }
    }

    /// The event at row position `pos`.
    pub fn get(&self, pos: RowPos) -> Option<&Event> {
        self.events.get(pos.index())
    }

    /// The row position of the event with this id.
    pub fn position(&self, id: &str) -> Option<RowPos> {
        self.by_id.get(id).copied().map(RowPos)
    }

    /// The events, in row order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// True when there are no events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// Events per country of `events`, most first, then by code: how a
/// release's parsed counts are shown.
pub fn country_counts<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<(String, u32)> {
    let mut counts: Vec<(String, u32)> = Vec::new();
    for e in events {
        match counts.iter_mut().find(|(c, _)| *c == e.country) {
            Some((_, n)) => *n += 1,
            None => counts.push((e.country.clone(), 1)),
        }
    }
    sort_counts(&mut counts);
    counts
}

/// Most first, then by code: one sort for every count list (each sort is a
/// few KB of the app's wasm).
fn sort_counts(counts: &mut [(String, u32)]) {
    sort_by(counts, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// What the reader narrowed the events to. Empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Country codes: an event of any of them.
    pub countries: Vec<String>,
    /// Inclusive day bounds on the event's first day, the day the chart
    /// counts it on: so a period's bar and the list narrowed to that period
    /// always hold the same events, also for events spanning two periods.
    pub from: Option<Date>,
    /// The last first day allowed (see `from`).
    pub to: Option<Date>,
    /// Release kinds: an event of a release of any of them.
    pub kinds: Vec<Kind>,
    /// Languages: an event whose text is in any of them.
    pub langs: Vec<Lang>,
    /// Ids of [`TOPICS`]: an event with any of them.
    pub topics: Vec<String>,
    /// Ids of [`SUBSTANCES`]: an event naming any of them.
    pub substances: Vec<String>,
}

/// The events a filter (and maybe a search) selects, and the facet counts:
/// each facet value counted under all the *other* filters, so a reader sees
/// what choosing it would give.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Row positions, in the order asked for.
    pub rows: Vec<RowPos>,
    /// Count per entry of [`ArchiveIndex::countries`].
    pub country_counts: Vec<u32>,
    /// Count per [`Kind`], in [`Kind::ALL`] order ([`Selection::kind_count`]).
    pub kind_counts: [u32; 3],
    /// Count per [`Lang`], in [`Lang::ALL`] order ([`Selection::lang_count`]).
    pub lang_counts: [u32; 2],
    /// Count per entry of [`ArchiveIndex::years`].
    pub year_counts: Vec<u32>,
    /// Count per entry of [`TOPICS`].
    pub topic_counts: Vec<u32>,
    /// Count per entry of [`SUBSTANCES`].
    pub substance_counts: Vec<u32>,
    /// False when `topic_counts` and `substance_counts` are not known (all
    /// zero): selected without the rows' facts, and narrowed by something
    /// ([`ArchiveIndex::select_with`]).
    pub fact_counts_known: bool,
}

const COUNTRY: u8 = 1;
const DATE: u8 = 2;
const KIND: u8 = 4;
const LANG: u8 = 8;
const TOPIC: u8 = 16;
const SUBSTANCE: u8 = 32;

/// How many of `facts` name each of [`TOPICS`], then each of
/// [`SUBSTANCES`] ([`ArchiveIndex::fact_totals`]).
pub fn fact_totals(facts: &[RowFacts]) -> Vec<u32> {
    let (mut topics, mut substances) = (vec![0; TOPICS.len()], vec![0; SUBSTANCES.len()]);
    for f in facts {
        count_bits(&mut topics, f.topics);
        count_bits(&mut substances, f.substances);
    }
    topics.extend(substances);
    topics
}

/// Adds one to `counts[i]` for every bit `i` of `bits`.
fn count_bits(counts: &mut [u32], mut bits: u16) {
    while bits != 0 {
        let i = bits.trailing_zeros() as usize;
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
        bits &= bits - 1;
    }
}

impl ArchiveIndex {
    /// The reading index of `archive`, and its events in row order.
    pub fn new(archive: Archive) -> (ArchiveIndex, EventTable) {
        let mut country_totals: HashMap<&str, u32> = HashMap::new();
        for r in &archive.releases {
            for e in &r.events {
                *country_totals.entry(e.country.as_str()).or_default() += 1;
            }
        }
        let mut countries: Vec<String> = country_totals.keys().map(|c| c.to_string()).collect();
        sort_by(&mut countries, |a, b| {
            country_totals[b.as_str()]
                .cmp(&country_totals[a.as_str()])
                .then(a.cmp(b))
        });
        let country_slot: HashMap<&str, u16> = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i as u16))
            .collect();

        let mut rows = Vec::new();
        for (ri, r) in archive.releases.iter().enumerate() {
            for (ei, e) in r.events.iter().enumerate() {
                rows.push((
                    Row {
                        release: ReleaseIdx(ri as u32),
                        event: ei as u32,
                        country: country_slot[e.country.as_str()],
                        start: e.date.start.day_number(),
                        end: e.date.end.day_number(),
                        year: e.date.start.year(),
                        kind: r.kind,
                        lang: e.language,
                    },
                    RowFacts {
                        topics: e.facts.as_ref().map_or(0, |f| id_mask(&f.topics, TOPICS)),
                        substances: e
                            .facts
                            .as_ref()
                            .map_or(0, |f| id_mask(&f.substances, SUBSTANCES)),
                    },
                ));
            }
        }
        sort_by(&mut rows, |(a, _), (b, _)| {
            b.start
                .cmp(&a.start)
                .then(a.release.cmp(&b.release))
                .then(a.event.cmp(&b.event))
        });
        let (rows, facts): (Vec<Row>, Vec<RowFacts>) = rows.into_iter().unzip();
        let mut releases = archive.releases;
        let mut by_release: Vec<Vec<Option<Event>>> = releases
            .iter_mut()
            .map(|r| {
                std::mem::take(&mut r.events)
                    .into_iter()
                    .map(Some)
                    .collect()
            })
            .collect();
        let events = rows
            .iter()
            .map(|row| {
                by_release[row.release.index()][row.event as usize]
                    .take()
                    .expect("each event has one row")
            })
            .collect();
        let events: Vec<Event> = events;
        let mut index = ArchiveIndex::from_parts(releases, countries, rows);
        index.seized = crate::seized::seizures(events.iter().map(|e| e.facts.as_ref()));
        index.fact_totals = fact_totals(&facts);
        index.facts = facts;
        (index, EventTable::new(events))
    }

    /// The index over rows already in order (newest first, as
    /// [`ArchiveIndex::new`] sorts them), whose `country` fields index
    /// `countries` and whose `release` fields index `releases`: what a
    /// published catalogue holds.
    pub fn from_parts(
        releases: Vec<Release>,
        countries: Vec<String>,
        rows: Vec<Row>,
    ) -> ArchiveIndex {
        // The rows are newest first, so their years come in runs: one
        // entry per run before the sort, not one per row (sorting 100,000
        // years was a tenth of a phone's first screen).
        let mut years: Vec<i32> = Vec::new();
        for r in &rows {
            if years.last() != Some(&r.year) {
                years.push(r.year);
            }
        }
        sort_dedup(&mut years);
        let mut newest_first: Vec<u32> = (0..releases.len() as u32).collect();
        sort_ids_by(&mut newest_first, &|a, b| {
            let (ra, rb) = (&releases[a as usize], &releases[b as usize]);
            rb.period
                .start
                .cmp(&ra.period.start)
                .then(ra.id.cmp(&rb.id))
        });
        let releases_newest_first = release_places(newest_first);
        let by_release_id = releases
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i as u32))
            .collect();
        ArchiveIndex {
            releases,
            rows,
            countries,
            years,
            releases_newest_first,
            seized: Vec::new(),
            facts: Vec::new(),
            fact_totals: vec![0; TOPICS.len() + SUBSTANCES.len()],
            by_release_id,
        }
    }

    /// True when some event has facts to filter by (topics or substances):
    /// an archive without `facts` offers no facets for them.
    pub fn has_facts(&self) -> bool {
        self.fact_totals.iter().any(|&n| n > 0)
    }

    /// True when a selection by `filter` needs the rows' facts: it filters
    /// by topic or substance.
    pub fn filters_by_facts(filter: &Filter) -> bool {
        !filter.topics.is_empty() || !filter.substances.is_empty()
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the archive has no events.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The release the event at row position `pos` belongs to.
    pub fn release_of(&self, pos: RowPos) -> &Release {
        &self.releases[self.rows[pos.index()].release.index()]
    }

    /// The place (in `releases`) of the release with this id.
    pub fn release_index(&self, id: &str) -> Option<ReleaseIdx> {
        self.by_release_id.get(id).copied().map(ReleaseIdx)
    }

    /// The release with this id.
    pub fn release_by_id(&self, id: &str) -> Option<&Release> {
        self.release_index(id).map(|i| &self.releases[i.index()])
    }

    /// The row positions of release `release`'s events, in the release's
    /// own (document) order.
    pub fn release_rows(&self, release: ReleaseIdx) -> Vec<RowPos> {
        let rows: Vec<u32> = (0..self.rows.len() as u32)
            .filter(|&p| self.rows[p as usize].release == release)
            .collect();
        // Each event's place in its release is its slot: no sort needed.
        let mut slots = vec![u32::MAX; rows.len()];
        let mut rest = Vec::new();
        for &p in &rows {
            match slots.get_mut(self.rows[p as usize].event as usize) {
                Some(slot) if *slot == u32::MAX => *slot = p,
                // Places that do not fit (a catalogue written by hand):
                // after the others, in row order.
                _ => rest.push(p),
            }
        }
        slots.retain(|&p| p != u32::MAX);
        slots.extend(rest);
        row_positions(slots)
    }

    /// [`ArchiveIndex::parsed_counts`] of every release, in one pass over
    /// the rows (the releases list shows them all: one pass per release
    /// would be quadratic, seconds at 100,000 events).
    pub fn parsed_counts_all(&self) -> Vec<Vec<(String, u32)>> {
        let n = self.countries.len();
        let mut counts = vec![0u32; self.releases.len() * n];
        for row in &self.rows {
            if let Some(c) = counts.get_mut(row.release.index() * n + row.country as usize) {
                *c += 1;
            }
        }
        if n == 0 {
            return vec![Vec::new(); self.releases.len()];
        }
        counts
            .chunks(n)
            .map(|per_country| {
                let mut v: Vec<(String, u32)> = per_country
                    .iter()
                    .enumerate()
                    .filter(|&(_, &k)| k > 0)
                    .map(|(c, &k)| (self.countries[c].clone(), k))
                    .collect();
                sort_counts(&mut v);
                v
            })
            .collect()
    }

    /// Events per country of release `release`, as parsed, most first.
    pub fn parsed_counts(&self, release: ReleaseIdx) -> Vec<(String, u32)> {
        let mut counts = vec![0u32; self.countries.len()];
        for row in self.rows.iter().filter(|r| r.release == release) {
            counts[row.country as usize] += 1;
        }
        let mut v: Vec<(String, u32)> = counts
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(|(c, n)| (self.countries[c].clone(), n))
            .collect();
        sort_counts(&mut v);
        v
    }

    /// Applies `filter` to all events, or to `candidates` (search hits, in
    /// their order) when given. The result keeps the candidates' order, or
    /// newest first without candidates.
    /// A published index has its facts apart (`facts` is empty): its
    /// topic and substance counts are then known only as
    /// [`ArchiveIndex::select_with`] says.
    pub fn select(&self, filter: &Filter, candidates: Option<&[RowPos]>) -> Selection {
        let own = self.facts.len() == self.rows.len() || !self.has_facts();
        self.select_with(own.then_some(&self.facts[..]), filter, candidates)
    }

    /// [`ArchiveIndex::select`] with the rows' facts given apart (a
    /// published archive's facts piece), or `None` while they are not
    /// known. Without them, rows filtered by topic or substance are not
    /// selected (ask only when ![`ArchiveIndex::filters_by_facts`]), and the
    /// topic and substance counts are the archive's totals when nothing
    /// else narrows the selection, else unknown
    /// ([`Selection::fact_counts_known`]).
    pub fn select_with(
        &self,
        facts: Option<&[RowFacts]>,
        filter: &Filter,
        candidates: Option<&[RowPos]>,
    ) -> Selection {
        let wanted_country: Vec<bool> = if filter.countries.is_empty() {
            Vec::new()
        } else {
            self.countries
                .iter()
                .map(|c| filter.countries.iter().any(|f| f == c))
                .collect()
        };
        let from = filter.from.map(Date::day_number).unwrap_or(i32::MIN);
        let to = filter.to.map(Date::day_number).unwrap_or(i32::MAX);
        let first_year = self.years.first().copied().unwrap_or(0);
        let year_slot: Vec<u32> = {
            // Years are dense enough (decades at most) for a lookup table.
            let last = self.years.last().copied().unwrap_or(0);
            let mut t = vec![u32::MAX; (last - first_year + 1).max(0) as usize];
            for (i, y) in self.years.iter().enumerate() {
                t[(y - first_year) as usize] = i as u32;
            }
            t
        };

        let mut sel = Selection {
            rows: Vec::new(),
            country_counts: vec![0; self.countries.len()],
            kind_counts: [0; 3],
            lang_counts: [0; 2],
            year_counts: vec![0; self.years.len()],
            topic_counts: vec![0; TOPICS.len()],
            substance_counts: vec![0; SUBSTANCES.len()],
            fact_counts_known: facts.is_some(),
        };
        let no_facts = [];
        let row_facts = facts.unwrap_or(&no_facts);
        let topics = id_mask(&filter.topics, TOPICS);
        let substances = id_mask(&filter.substances, SUBSTANCES);
        let mut visit = |pos: RowPos| {
            let Some(row) = self.rows.get(pos.index()) else {
                return;
            };
            let f = row_facts.get(pos.index()).copied().unwrap_or_default();
            let mut failed = 0u8;
            if !wanted_country.is_empty() && !wanted_country[row.country as usize] {
                failed |= COUNTRY;
            }
            if row.start < from || row.start > to {
                failed |= DATE;
            }
            if !filter.kinds.is_empty() && !filter.kinds.contains(&row.kind) {
                failed |= KIND;
            }
            if !filter.langs.is_empty() && !filter.langs.contains(&row.lang) {
                failed |= LANG;
            }
            // Ids the filter names that no event can have (none of the
            // known ones) select nothing, as an unknown country does.
            if !filter.topics.is_empty() && f.topics & topics == 0 {
                failed |= TOPIC;
            }
            if !filter.substances.is_empty() && f.substances & substances == 0 {
                failed |= SUBSTANCE;
            }
            // A facet value counts the rows that pass every *other* filter.
            if failed & !COUNTRY == 0 {
                sel.country_counts[row.country as usize] += 1;
            }
            if failed & !DATE == 0 {
                sel.year_counts[year_slot[(row.year - first_year) as usize] as usize] += 1;
            }
            if failed & !KIND == 0 {
                sel.kind_counts[row.kind.slot()] += 1;
            }
            if failed & !LANG == 0 {
                sel.lang_counts[row.lang.slot()] += 1;
            }
            if failed & !TOPIC == 0 {
                count_bits(&mut sel.topic_counts, f.topics);
            }
            if failed & !SUBSTANCE == 0 {
                count_bits(&mut sel.substance_counts, f.substances);
            }
            if failed == 0 {
                sel.rows.push(pos);
            }
        };
        match candidates {
            Some(c) => c.iter().copied().for_each(&mut visit),
            None => (0..self.rows.len() as u32).map(RowPos).for_each(&mut visit),
        }
        // Nothing narrows the selection: its topic and substance counts are
        // the whole archive's, which the index knows without the facts.
        if facts.is_none() && candidates.is_none() && *filter == Filter::default() {
            let (topics, substances) = self.fact_totals.split_at(TOPICS.len());
            sel.topic_counts = topics.to_vec();
            sel.substance_counts = substances.to_vec();
            sel.fact_counts_known = true;
        }
        sel
    }
}

/// Field by field, as derived, but the rows as bare numbers: a memory
/// comparison instead of a loop over the positions (the app compares each
/// new selection with the last one).
impl PartialEq for Selection {
    fn eq(&self, other: &Selection) -> bool {
        row_numbers_of(&self.rows) == row_numbers_of(&other.rows)
            && self.country_counts == other.country_counts
            && self.kind_counts == other.kind_counts
            && self.lang_counts == other.lang_counts
            && self.year_counts == other.year_counts
            && self.topic_counts == other.topic_counts
            && self.substance_counts == other.substance_counts
    }
}

impl Selection {
    /// The events of kind `k` under every filter but the kind filter: the
    /// kind facet's count.
    pub fn kind_count(&self, k: Kind) -> u32 {
        self.kind_counts[k.slot()]
    }

    /// The events in language `l` under every filter but the language
    /// filter: the language facet's count.
    pub fn lang_count(&self, l: Lang) -> u32 {
        self.lang_counts[l.slot()]
    }

    /// Puts the selected rows newest first, as a search sorted by date
    /// wants them (row order is newest first already).
    pub fn sort_newest(&mut self) {
        // Through the one sort of the wasm, on the bare numbers.
        sort_ids_by(row_numbers(&mut self.rows), &|a, b| a.cmp(&b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::DateRange;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn event(id: &str, country: &str, start: &str, lang: Lang) -> Event {
        Event {
            id: id.into(),
            country: country.into(),
            date: DateRange::day(d(start)),
            title: id.to_uppercase(),
            body: vec!["text".into()],
            language: lang,
            source_url: None,
            place: None,
            mentioned_countries: vec![],
            counterpart: None,
            facts: None,
        }
    }

    fn release(id: &str, kind: Kind, start: &str, events: Vec<Event>) -> Release {
        Release {
            id: id.into(),
            kind,
            number: None,
            year: None,
            title: id.into(),
            period: DateRange::day(d(start)),
            language: Lang::En,
            declared_counts: None,
            source_file: "x".into(),
            summary: vec![],
            events,
            translations: Vec::new(),
        }
    }

    /// `e` with facts naming `topics` and `substances`.
    fn with_facts(mut e: Event, topics: &[&str], substances: &[&str]) -> Event {
        e.facts = Some(crate::model::Facts {
            topics: topics.iter().map(|t| t.to_string()).collect(),
            substances: substances.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        });
        e
    }

    fn sample() -> (ArchiveIndex, EventTable) {
        ArchiveIndex::new(Archive {
            schema_version: 1,
            releases: vec![
                release(
                    "r1",
                    Kind::InformationRelease,
                    "2025-06-01",
                    vec![
                        with_facts(
                            event("a", "KZ", "2025-06-02", Lang::En),
                            &["seizure"],
                            &["heroin"],
                        ),
                        with_facts(
                            event("b", "KZ", "2025-06-05", Lang::Ru),
                            &["seizure", "arrest"],
                            &["heroin", "cocaine"],
                        ),
                        event("c", "RU", "2025-06-03", Lang::En),
                    ],
                ),
                release(
                    "r2",
                    Kind::News,
                    "2026-01-20",
                    vec![with_facts(
                        event("d", "KZ", "2026-01-20", Lang::Ru),
                        &["prevention"],
                        &[],
                    )],
                ),
                release(
                    "r3",
                    Kind::PressRelease,
                    "2024-11-27",
                    vec![with_facts(
                        event("e", "TM", "2024-11-27", Lang::Ru),
                        &["arrest", "not-a-topic"],
                        &["unspecified"],
                    )],
                ),
            ],
        })
    }

    fn ids(ev: &EventTable, sel: &Selection) -> Vec<String> {
        sel.rows
            .iter()
            .map(|&p| ev.get(p).unwrap().id.clone())
            .collect()
    }

    #[test]
    fn newest_first_and_lookups() {
        let (ix, ev) = sample();
        let all = ix.select(&Filter::default(), None);
        assert_eq!(ids(&ev, &all), ["d", "b", "c", "a", "e"]);
        assert_eq!(ix.countries, ["KZ", "RU", "TM"]);
        assert_eq!(ev.get(ev.position("c").unwrap()).unwrap().id, "c");
        let r2 = ix.release_index("r2").unwrap();
        let r2_rows = ix.release_rows(r2);
        assert_eq!(ev.get(r2_rows[0]).unwrap().id, "d");
        let r1 = ix.release_index("r1").unwrap();
        let r1_ids: Vec<_> = ix
            .release_rows(r1)
            .iter()
            .map(|&p| ev.get(p).unwrap().id.as_str())
            .collect();
        assert_eq!(
            r1_ids,
            ["a", "b", "c"],
            "a release's rows in document order"
        );
        assert_eq!(
            ix.parsed_counts(r1),
            [("KZ".to_string(), 2), ("RU".to_string(), 1)]
        );
        let releases: Vec<_> = ix
            .releases_newest_first
            .iter()
            .map(|&i| ix.releases[i.index()].id.as_str())
            .collect();
        assert_eq!(releases, ["r2", "r1", "r3"]);
    }

    /// The one-pass counts of every release equal the per-release ones
    /// (the oracle: a scan of the rows for each release), on the sample and
    /// on the bundled archive (on a synthetic archive of 2,000 events:
    /// `crates/ingest/tests/index_synth.rs`).
    #[test]
    fn every_release_s_parsed_counts_in_one_pass() {
        let (ix, _) = sample();
        let (bundled, _) =
            crate::model::decode(include_str!("../../../data/archive.json")).unwrap();
        let (big, _) = ArchiveIndex::new(bundled);
        for ix in [ix, big] {
            let all = ix.parsed_counts_all();
            assert_eq!(all.len(), ix.releases.len());
            for (ri, counts) in all.iter().enumerate() {
                assert_eq!(
                    *counts,
                    ix.parsed_counts(ReleaseIdx(ri as u32)),
                    "release {ri}"
                );
            }
        }
    }

    #[test]
    fn facets_count_under_the_other_filters() {
        let (ix, ev) = sample();
        let f = Filter {
            countries: vec!["KZ".into()],
            langs: vec![Lang::Ru],
            ..Filter::default()
        };
        let sel = ix.select(&f, None);
        assert_eq!(ids(&ev, &sel), ["d", "b"]);
        // Countries under lang=ru: KZ has b,d; TM has e; RU has none.
        assert_eq!(sel.country_counts, [2, 0, 1]);
        // Languages under country=KZ: en a; ru b,d.
        assert_eq!(sel.lang_counts, [1, 2]);
        assert_eq!(sel.kind_count(Kind::News), 1);
        assert_eq!(sel.kind_count(Kind::InformationRelease), 1);
        assert_eq!(ix.years, [2024, 2025, 2026]);
        assert_eq!(sel.year_counts, [0, 1, 1]);
    }

    #[test]
    fn date_bounds_are_inclusive_and_candidates_keep_their_order() {
        let (ix, ev) = sample();
        let f = Filter {
            from: Some(d("2025-06-03")),
            to: Some(d("2025-06-05")),
            ..Filter::default()
        };
        assert_eq!(ids(&ev, &ix.select(&f, None)), ["b", "c"]);
        let cand: Vec<RowPos> = ["a", "e", "c"]
            .iter()
            .map(|i| ev.position(i).unwrap())
            .collect();
        let sel = ix.select(&Filter::default(), Some(&cand));
        assert_eq!(ids(&ev, &sel), ["a", "e", "c"]);
        assert_eq!(sel.country_counts, [1, 1, 1]);
        // Out-of-range candidates are ignored, not a panic.
        assert!(ix
            .select(&Filter::default(), Some(&[RowPos(99)]))
            .rows
            .is_empty());
    }

    proptest! {
        #[test]
        fn selection_matches_a_naive_filter(
            cs in proptest::collection::vec(0usize..3, 0..3),
            from in proptest::option::of(0i32..800),
            span in 0i32..800,
            kinds in proptest::collection::vec(0usize..3, 0..3),
            langs in proptest::collection::vec(0usize..2, 0..2),
            topics in proptest::collection::vec(proptest::sample::select(vec!["seizure", "arrest", "prevention", "training"]), 0..3),
            substances in proptest::collection::vec(proptest::sample::select(vec!["heroin", "cocaine", "unspecified", "opium"]), 0..3),
        ) {
            let (ix, ev) = sample();
            let codes = ["KZ", "RU", "TM"];
            let base = d("2024-11-01").day_number();
            let f = Filter {
                countries: cs.iter().map(|&i| codes[i].to_string()).collect(),
                from: from.map(|f| Date::from_day_number(base + f).unwrap()),
                to: from.map(|f| Date::from_day_number(base + f + span).unwrap()),
                kinds: kinds.iter().map(|&i| Kind::ALL[i]).collect(),
                langs: langs.iter().map(|&i| Lang::ALL[i]).collect(),
                topics: topics.iter().map(|t| t.to_string()).collect(),
                substances: substances.iter().map(|t| t.to_string()).collect(),
            };
            let sel = ix.select(&f, None);
            // Any of the ids a facet names, among the event's own.
            let any_of = |want: &[String], have: Option<&Vec<String>>| {
                want.is_empty() || want.iter().any(|w| have.is_some_and(|h| h.contains(w)))
            };
            let naive: Vec<RowPos> = (0..ix.len() as u32).map(RowPos).filter(|&p| {
                let e = ev.get(p).unwrap();
                let r = ix.release_of(p);
                (f.countries.is_empty() || f.countries.contains(&e.country))
                    && f.from.is_none_or(|x| e.date.start >= x)
                    && f.to.is_none_or(|x| e.date.start <= x)
                    && (f.kinds.is_empty() || f.kinds.contains(&r.kind))
                    && (f.langs.is_empty() || f.langs.contains(&e.language))
                    && any_of(&f.topics, e.facts.as_ref().map(|x| &x.topics))
                    && any_of(&f.substances, e.facts.as_ref().map(|x| &x.substances))
            }).collect();
            prop_assert_eq!(&sel.rows, &naive);
            // With no country filter, the country facet sums to the result count.
            if f.countries.is_empty() {
                prop_assert_eq!(sel.country_counts.iter().sum::<u32>() as usize, naive.len());
            }
            // A topic's count is what choosing it alone (the other filters
            // kept) would list.
            for (i, t) in TOPICS.iter().enumerate() {
                let alone = Filter { topics: vec![t.to_string()], ..f.clone() };
                prop_assert_eq!(sel.topic_counts[i] as usize, ix.select(&alone, None).rows.len(), "{}", t);
            }
            for (i, s) in SUBSTANCES.iter().enumerate() {
                let alone = Filter { substances: vec![s.to_string()], ..f.clone() };
                prop_assert_eq!(sel.substance_counts[i] as usize, ix.select(&alone, None).rows.len(), "{}", s);
            }
            prop_assert!(sel.fact_counts_known);
            // Without the rows' facts (a published archive before its facts
            // piece): the same rows when the filter needs none, and the
            // topic and substance counts only when nothing narrows them.
            if !ArchiveIndex::filters_by_facts(&f) {
                let without = ix.select_with(None, &f, None);
                prop_assert_eq!(&without.rows, &sel.rows);
                prop_assert_eq!(&without.country_counts, &sel.country_counts);
                prop_assert_eq!(&without.year_counts, &sel.year_counts);
                prop_assert_eq!(without.fact_counts_known, f == Filter::default());
                if without.fact_counts_known {
                    prop_assert_eq!(&without.topic_counts, &sel.topic_counts);
                    prop_assert_eq!(&without.substance_counts, &sel.substance_counts);
                }
            }
        }
    }

    #[test]
    fn the_whole_archive_s_fact_counts_are_known_without_the_facts() {
        let (ix, _) = sample();
        let all = ix.select(&Filter::default(), None);
        let without = ix.select_with(None, &Filter::default(), None);
        assert!(without.fact_counts_known);
        assert_eq!(without.topic_counts, all.topic_counts);
        assert_eq!(without.substance_counts, all.substance_counts);
        assert!(all.topic_counts.iter().any(|&n| n > 0));
        // A search narrows them: not known.
        let some = [RowPos(0)];
        assert!(
            !ix.select_with(None, &Filter::default(), Some(&some))
                .fact_counts_known
        );
        assert!(ix.select(&Filter::default(), Some(&some)).fact_counts_known);
    }
}
