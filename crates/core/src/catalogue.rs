//! The published form of an archive: the pieces `build-site` writes
//! (`crates/publish`) and the app reads, so that a view fetches only what it
//! shows instead of the whole `archive.json`.
//!
//! ```text
//! data/manifest.json            small, never cached: names the version and its catalogue
//! data/catalogue-<hash>.json    releases, countries, every event's filter fields (rows), the newest rows' heads
//! data/list-<hash>.json         what a list shows of `list_rows` consecutive rows: id, title, lead
//! data/chunks-<hash>.json       the names of the events pieces, in row order
//! data/events-<hash>.json       the events of `chunk_rows` consecutive rows, in full
//! data/ids-<hash>.json          event id -> row position, for the ids whose hash falls in it, and their events pieces' names
//! data/releases-<hash>.json     what only a release's own page shows (and all but the newest titles), for `release_group` releases
//! data/facts-<hash>.json        every row's topics and substances, for what counts or filters by them
//! data/search/meta-<v>.bin      the split search index's meta (`crate::search::ShardMeta`)
//! data/search/t12-<v>.bin       its other pieces, named by `ShardMeta::name` (binary)
//! ```
//!
//! Every piece but the manifest is named for a hash of its bytes, so it can
//! be cached forever and checked when it arrives: a truncated, corrupted or
//! foreign piece fails [`check_piece`] instead of mixing into the archive.
//! The search pieces are binary and named for the index's version `<v>`
//! (16 hex digits, a hash of the whole index) instead; each carries it and
//! a checksum, which `LoadedShards::insert` checks.
//! Paths in the manifest and the catalogue are relative to the manifest's
//! folder.
//!
//! The catalogue's rows are columns (one array per field, in row order) so
//! that 100,000 events compress to a few bytes each. It holds what the
//! lists, facets and charts need and nothing more: the releases' summaries,
//! the order of their events and their translations' texts are in the
//! release pieces, which only a release's (or a translated event's) page
//! fetches. With ten years of bi-weekly digests in two languages, the
//! translations alone would otherwise be half the archive in the catalogue.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::index::{ArchiveIndex, ReleaseIdx, Row, RowFacts, RowPos, Seizure, SUBSTANCES, TOPICS};
use crate::model::{Event, Lang, Release, Warning};

/// The version of the piece formats below; a reader refuses any other.
pub const FORMAT: u32 = 7;

/// `data/manifest.json`: the one file a host must not cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: u32,
    /// The archive's version: the date of its newest release and a short
    /// hash of its content, e.g. `2025-06-15.3f9a1c2e`.
    pub version: String,
    /// The catalogue piece, relative to the manifest's folder.
    pub catalogue: String,
    /// The bytes of every piece of this version (uncompressed), catalogue
    /// included: what "Save for offline" downloads.
    pub bytes: u64,
    /// The split search index's meta piece, as the catalogue names it
    /// ([`Catalogue::search`]): a page opening on a query fetches it beside
    /// the catalogue, not one round trip after it. Absent from manifests
    /// written before it, and for an archive without events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

/// The catalogue: everything the lists, facets, charts and tables need,
/// without the events' text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Always [`FORMAT`].
    pub format: u32,
    /// The same version as the manifest's.
    pub version: String,
    /// The releases, in archive order, each with an empty `events`, no
    /// `summary` and no `source_file`, and their translations without
    /// summary and events: [`ReleaseDetail`] has those. Only the newest
    /// [`TITLED_RELEASES`] (the releases list's first page) have their
    /// `title`; the others' is empty here and in their detail
    /// ([`ReleaseDetail::title`]): at 100,000 events, thousands of titles
    /// were a fifth of the catalogue that every first screen fetches. Written as
    /// columns ([`release_columns`]): a tenth of the bytes to parse before
    /// any view shows, with thousands of releases.
    #[serde(with = "release_columns")]
    pub releases: Vec<Release>,
    /// Country codes, most events first; rows index into it.
    pub countries: Vec<String>,
    /// Every event's filter fields, newest first.
    pub rows: RowColumns,
    /// What a list shows of the first rows (the newest): as many as the
    /// first page of a list ([`FIRST_HEADS`]), so that the events page as
    /// it opens needs no list piece. Empty in a catalogue published before
    /// them: the list pieces have the same heads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first_heads: Vec<EventHead>,
    /// Rows per events piece: piece `i` holds rows `i * chunk_rows ..`.
    pub chunk_rows: u32,
    /// The piece naming the events pieces (`chunks-<hash>.json`, a
    /// [`ChunkNames`]): fetched only by what reads many events in full (a
    /// search's snippets, downloads, "Save for offline"; an event's page
    /// finds its one name in its id piece, [`IdPiece::chunks`]).
    /// One hash per 16 rows does not compress: at 100,000 events the names
    /// were a quarter of the catalogue every first screen fetches.
    pub chunk_names: String,
    /// Rows per list piece: piece `i` holds the heads of rows
    /// `i * list_rows ..`.
    pub list_rows: u32,
    /// The list pieces, in row order.
    pub list_pieces: Vec<String>,
    /// The id pieces: the id `x` is in `id_pieces[id_slot(x, len)]`.
    pub id_pieces: Vec<String>,
    /// Releases per release piece: piece `i` holds the details of releases
    /// `i * release_group ..`.
    pub release_group: u32,
    /// The release pieces, in release order.
    pub release_pieces: Vec<String>,
    /// Records of the source archive left out when it was published.
    #[serde(default)]
    pub warnings: Vec<Warning>,
    /// The split search index's meta piece, relative to the manifest's
    /// folder: `search/meta-<v>.bin`, where `<v>` is the index version
    /// (`ShardMeta::version`) as 16 lowercase hex digits, the same as in
    /// the names of its other pieces. Those are
    /// `search/<ShardMeta::name(id)>.bin` for every id of
    /// `ShardMeta::all`. Document `i` of the index is row `i`, its text as
    /// the in-memory engine indexes it (title and body). `None` for an
    /// archive without events, or one published before the index was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// The map's geodata piece (`geo-<hash>.json`, text in the form
    /// [`crate::map::Geo::parse`] reads, checked with [`check_text`]),
    /// fetched only when the map is opened. `None` in a catalogue
    /// published before the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<String>,
    /// The regions the events name (`regions-<hash>.json`, a
    /// [`crate::map::regions::RegionRows`]), fetched with the map. `None` in
    /// a catalogue published before the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<String>,
    /// What the rows' facts report seized (`seized-<hash>.json`, a
    /// [`SeizedPiece`]), fetched only by the chart and table in kilograms:
    /// a fifth of the catalogue's bytes at 10,000 events with facts, which
    /// no first screen needs. `None` when no event reports a weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seized: Option<String>,
    /// What the rows' facts name (`facts-<hash>.json`, a [`FactsPiece`]):
    /// fetched only by what counts or filters by topic or substance. `None`
    /// when no event has facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<String>,
    /// [`ArchiveIndex::fact_totals`] (how many events name each topic, then
    /// each substance): the topic and substance counts of the events page
    /// as it opens, before the facts piece. Empty when `facts` is `None`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fact_totals: Vec<u32>,
    /// The regions' outlines (`outlines-<hash>.json`, text in the form
    /// [`crate::map::outlines::RegionGeo::parse`] reads, checked with
    /// [`check_text`]), fetched with the map. `None` in a catalogue
    /// published before them: the map then shows countries only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlines: Option<String>,
}

/// The rows of [`ArchiveIndex`] as columns. Start days are written as the
/// gap to the previous row's (rows are newest first, so gaps are never
/// negative and mostly 0 or 1). Written as an array of the columns in the
/// order of the fields below (an object with named columns takes a decoder
/// of its own in the wasm; an array reuses the sequence one): `[first_start,
/// start_gap, span, release, country, lang]`. What the rows report seized
/// and what their facts name are pieces of their own ([`SeizedPiece`],
/// [`FactsPiece`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(from = "WrittenRows", into = "WrittenRows")]
pub struct RowColumns {
    /// The first row's start day (days since 1970-01-01).
    pub first_start: i32,
    /// Per row: the previous row's start day minus this row's (0 for the first).
    pub start_gap: Vec<u32>,
    /// Per row: end day minus start day.
    pub span: Vec<u32>,
    /// Per row: index into `releases`. (The order of a release's events is
    /// in its release piece: [`ReleaseDetail::rows`].)
    pub release: Vec<u32>,
    /// Per row: index into `countries`.
    pub country: Vec<u16>,
    /// Per row: its language's slot ([`Lang::slot`]: 0 English, 1 Russian).
    pub lang: Vec<u8>,
}

/// What the rows' facts name ([`RowFacts`]), the piece
/// [`Catalogue::facts`] names: one array of numbers, [`FORMAT`] first, then
/// every row's topics, then every row's substances, as bit sets. Fetched
/// only by what counts or filters by them: at 100,000 events they were a
/// quarter of the catalogue every first screen fetches. (One flat array of
/// numbers, as [`SeizedPiece`]: the app has that decoder already.)
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FactsPiece(pub Vec<u32>);

impl FactsPiece {
    /// The piece of `facts` (in row order).
    pub fn of(facts: &[RowFacts]) -> FactsPiece {
        let mut out = Vec::with_capacity(1 + 2 * facts.len());
        out.push(FORMAT);
        out.extend(facts.iter().map(|f| u32::from(f.topics)));
        out.extend(facts.iter().map(|f| u32::from(f.substances)));
        FactsPiece(out)
    }

    /// The rows' facts in the piece `path` holds in `bytes`, checked (its
    /// hash, its format, one entry per row of an index of `rows` rows, no
    /// bit past the known topics and substances): an error names the
    /// piece and what is wrong.
    pub fn read(path: &str, bytes: &[u8], rows: usize) -> Result<Vec<RowFacts>, PieceError> {
        let piece = check_piece::<FactsPiece>(path, bytes)?;
        let Some((&FORMAT, bits)) = piece.0.split_first() else {
            return Err(piece_error(path, "not a piece of this format"));
        };
        if bits.len() != 2 * rows {
            return Err(piece_error(path, "it holds other rows than the catalogue"));
        }
        let (topics, substances) = bits.split_at(rows);
        let fits = |b: u32, n: usize| b < 1 << n;
        topics
            .iter()
            .zip(substances)
            .map(|(&t, &s)| {
                if fits(t, TOPICS.len()) && fits(s, SUBSTANCES.len()) {
                    Ok(RowFacts {
                        topics: t as u16,
                        substances: s as u16,
                    })
                } else {
                    Err(piece_error(path, "a topic or substance out of range"))
                }
            })
            .collect()
    }
}

/// What the rows' facts report seized ([`ArchiveIndex::seized`]): one
/// array of numbers, [`FORMAT`] first, then three per [`Seizure`]: its row
/// less the previous seizure's row (the first's: its row), its substance's
/// slot in [`crate::index::SUBSTANCES`], its whole grams. Doubtful amounts
/// are not here ([`crate::seized::event_grams`]). (One flat array because
/// the app already decodes those: any other shape takes a decoder of its
/// own in its wasm.)
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SeizedPiece(pub Vec<u32>);

/// The names of the events pieces (`events-<16 hex>.json`), in row order:
/// the piece [`Catalogue::chunk_names`] names. Written as text, one name a
/// line (as the map's geodata is text): the app reads it with the hash
/// check it already has ([`check_text`]) and no JSON decoder of its own, a
/// kilobyte of wasm less. The catalogue's [`FORMAT`] covers it, as the
/// catalogue names it by the hash of its bytes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChunkNames(pub Vec<String>);

impl ChunkNames {
    /// The piece's bytes: each name and a line feed.
    pub fn to_text(&self) -> String {
        self.0.iter().map(|n| format!("{n}\n")).collect()
    }

    /// The names of the events pieces in the piece `path` holds in `bytes`,
    /// checked: its hash, and one name per `chunk_rows` of the catalogue's
    /// `rows` rows. An error names the piece and what is wrong. (What a
    /// name is like is not checked here: the hash says the publisher wrote
    /// it; the publish, which copies files by these names, checks them
    /// with [`is_piece_name`].)
    pub fn read(
        path: &str,
        bytes: &[u8],
        rows: usize,
        chunk_rows: u32,
    ) -> Result<Vec<String>, PieceError> {
        let names: Vec<String> = check_text(path, bytes)?
            .lines()
            .map(str::to_string)
            .collect();
        if names.len() != rows.div_ceil(chunk_rows.max(1) as usize) {
            return Err(piece_error(
                path,
                "it names other events pieces than the catalogue's rows take",
            ));
        }
        Ok(names)
    }
}

/// True when `name` is `kind-<16 lowercase hex>.json`, as [`piece_name`]
/// writes it.
pub fn is_piece_name(name: &str, kind: &str) -> bool {
    name.strip_prefix(kind)
        .and_then(|n| n.strip_prefix('-'))
        .and_then(|n| n.strip_suffix(".json"))
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// [`RowColumns`] as written: its fields in order.
#[derive(Serialize, Deserialize)]
struct WrittenRows(i32, Vec<u32>, Vec<u32>, Vec<u32>, Vec<u16>, Vec<u8>);

impl From<WrittenRows> for RowColumns {
    fn from(w: WrittenRows) -> RowColumns {
        RowColumns {
            first_start: w.0,
            start_gap: w.1,
            span: w.2,
            release: w.3,
            country: w.4,
            lang: w.5,
        }
    }
}

impl From<RowColumns> for WrittenRows {
    fn from(c: RowColumns) -> WrittenRows {
        WrittenRows(
            c.first_start,
            c.start_gap,
            c.span,
            c.release,
            c.country,
            c.lang,
        )
    }
}

/// An events piece: rows `first ..` in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventsPiece {
    /// Always [`FORMAT`].
    pub format: u32,
    /// The row position of `events[0]`.
    pub first: u32,
    /// The events, in row order.
    pub events: Vec<Event>,
    /// The Russian names of the places its events name ([`Event::place`]),
    /// `(name as stored, Russian name)`, each once: written from the
    /// gazetteer when the piece is made ([`crate::gazetteer::russian_names`]),
    /// so that the event page says «Место: Алматы» and the app carries no
    /// gazetteer. Absent from older pieces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<(String, String)>,
}

/// A list piece: the heads of rows `first ..`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPiece {
    /// Always [`FORMAT`].
    pub format: u32,
    /// The row position of `heads[0]`.
    pub first: u32,
    /// The heads, in row order.
    pub heads: Vec<EventHead>,
}

/// What a list of events shows of one (its country, dates, language and
/// kind are in the catalogue's rows): a list page needs these few hundred
/// bytes, not the event's whole text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EventHead {
    /// The event's id.
    pub id: String,
    /// Its title, as shown.
    pub title: String,
    /// The start of its text: [`lead`] of its body.
    pub lead: String,
}

/// How many heads [`Catalogue::first_heads`] carries: a list's first page.
pub const FIRST_HEADS: usize = 50;

/// Release cards per page of the releases list, newest first; the
/// catalogue carries the titles of the first page ([`Catalogue::releases`]).
pub const TITLED_RELEASES: usize = 50;

/// The most characters of an event's text a list shows.
pub const LEAD_CHARS: usize = 240;

/// What a list shows of an event's text: its first paragraph, cut after
/// [`LEAD_CHARS`] characters with "…" when it is longer.
pub fn lead(body: &[String]) -> String {
    let first = body.first().map(String::as_str).unwrap_or("");
    match first.char_indices().nth(LEAD_CHARS) {
        Some((end, _)) => format!("{}…", &first[..end]),
        None => first.to_string(),
    }
}

impl EventHead {
    /// The head of `event`, whose title is `title` (as shown).
    pub fn of(event: &Event, title: String) -> EventHead {
        EventHead {
            id: event.id.clone(),
            title,
            lead: lead(&event.body),
        }
    }
}

/// An id piece: event ids and their row positions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdPiece {
    /// Always [`FORMAT`].
    pub format: u32,
    /// `(id, row position)` pairs.
    pub ids: Vec<(String, u32)>,
    /// `(id, release index)` pairs for the events of translations, which
    /// are not rows: the release (index into [`Catalogue::releases`]) whose
    /// translation holds the event, in its release piece.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translated: Vec<(String, u32)>,
    /// `(events piece number, its name)` for the pieces holding the rows of
    /// `ids`, each once: an event's page fetches its id piece, then its
    /// events piece, without the names piece ([`ChunkNames`]: 65 KB gzipped
    /// at 100,000 events) that lists them all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chunks: Vec<(u32, String)>,
}

/// A release piece: the details of releases `first ..`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleasesPiece {
    /// Always [`FORMAT`].
    pub format: u32,
    /// The index (into [`Catalogue::releases`]) of `releases[0]`.
    pub first: u32,
    /// One per release, in release order.
    pub releases: Vec<ReleaseDetail>,
    /// The Russian names of the places the events of its releases'
    /// translations name, as [`EventsPiece::places`] has them for rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<(String, String)>,
}

/// What only a release's own page (or a page of its translation's events)
/// shows: the parts of a [`Release`] the catalogue leaves out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseDetail {
    /// The release's title (the catalogue has it only for the newest
    /// [`TITLED_RELEASES`]). Empty in a piece published before it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The release's summary paragraphs.
    pub summary: Vec<String>,
    /// The corpus file it was read from.
    pub source_file: String,
    /// The row positions of its events, in the release's own (document)
    /// order, as bare numbers ([`ReleaseDetail::row_positions`] reads them
    /// as [`RowPos`]: one deserializer fewer in the app).
    pub rows: Vec<u32>,
    /// Its translations in full (summary and events), as the catalogue
    /// lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Release>,
}

impl ReleaseDetail {
    /// The details of `release`, whose events are at `rows` (in its order).
    pub fn of(release: &Release, rows: &[RowPos]) -> ReleaseDetail {
        ReleaseDetail {
            title: release.title.clone(),
            summary: release.summary.clone(),
            source_file: release.source_file.clone(),
            rows: crate::index::row_numbers_of(rows).to_vec(),
            translations: release.translations.clone(),
        }
    }

    /// The row positions of its events, in the release's own order.
    pub fn row_positions(&self) -> &[RowPos] {
        crate::index::row_positions_of(&self.rows)
    }

    /// `release` as the catalogue lists it, completed with these details
    /// (its own events stay in the events pieces).
    pub fn complete(&self, release: &Release) -> Release {
        Release {
            title: if self.title.is_empty() {
                release.title.clone()
            } else {
                self.title.clone()
            },
            summary: self.summary.clone(),
            source_file: self.source_file.clone(),
            translations: self.translations.clone(),
            ..release.clone()
        }
    }
}

impl ReleasesPiece {
    /// Checks the piece against the catalogue's `index`: it is release
    /// piece number `n` of `group` releases each, each release's rows are
    /// exactly the rows the catalogue gives it, and its translations are
    /// the ones the catalogue names.
    pub fn check(
        &self,
        index: &ArchiveIndex,
        n: usize,
        group: u32,
        path: &str,
    ) -> Result<(), PieceError> {
        let first = n as u64 * group.max(1) as u64;
        let expected = (index.releases.len() as u64)
            .saturating_sub(first)
            .min(group.max(1) as u64);
        if self.first as u64 != first || self.releases.len() as u64 != expected {
            return Err(piece_error(
                path,
                "holds other releases than the catalogue says",
            ));
        }
        let mut own = vec![0usize; self.releases.len()];
        for row in &index.rows {
            if let Some(k) = row.release.0.checked_sub(self.first) {
                if let Some(count) = own.get_mut(k as usize) {
                    *count += 1;
                }
            }
        }
        for (k, detail) in self.releases.iter().enumerate() {
            let release = self.first + k as u32;
            let bad = |what: &str| piece_error(path, format!("release {release}: {what}"));
            let mut rows = detail.rows.clone();
            crate::search::sort::sort_dedup(&mut rows);
            if rows.len() != detail.rows.len()
                || rows.len() != own[k]
                || rows
                    .iter()
                    .any(|&p| index.rows.get(p as usize).map(|row| row.release.0) != Some(release))
            {
                return Err(bad("its events are not the ones the catalogue lists"));
            }
            let ids = |ts: &[Release]| ts.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
            if ids(&detail.translations) != ids(&index.releases[release as usize].translations) {
                return Err(bad("its translations are not the ones the catalogue lists"));
            }
        }
        Ok(())
    }
}

/// A piece that cannot be used, and why: it names the piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceError {
    /// The piece's path.
    pub piece: String,
    /// What is wrong with it.
    pub problem: String,
}

impl std::fmt::Display for PieceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`: {}", self.piece, self.problem)
    }
}

impl std::error::Error for PieceError {}

fn piece_error(piece: &str, problem: impl Into<String>) -> PieceError {
    PieceError {
        piece: piece.to_string(),
        problem: problem.into(),
    }
}

/// The hash pieces are named for: FNV-1a 64 of the bytes, 16 hex digits.
/// Not a defence against forgery (the pieces come from the page's own
/// origin), only against truncation, corruption and a piece of another
/// version.
pub fn content_hash(bytes: &[u8]) -> String {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(bytes);
    format!("{:016x}", h.finish())
}

/// The piece name for `kind` and `bytes`: `kind-<hash>.json`.
pub fn piece_name(kind: &str, bytes: &[u8]) -> String {
    format!("{kind}-{}.json", content_hash(bytes))
}

/// Checks that `bytes` are the piece `path` names (the hash in its name)
/// and decodes them as JSON.
pub fn check_piece<T: serde::de::DeserializeOwned>(
    path: &str,
    bytes: &[u8],
) -> Result<T, PieceError> {
    let text = checked_text(path, bytes)?;
    serde_json::from_str(text)
        .map_err(|e| piece_error(path, format!("not a piece of this format: {e}")))
}

/// The text of piece `path` (a piece that is not JSON, such as the map's
/// geodata) once the hash its name carries is checked.
pub fn check_text<'b>(path: &str, bytes: &'b [u8]) -> Result<&'b str, PieceError> {
    checked_text(path, bytes)
}

/// The text of piece `path` once its hash is checked: not generic, so the
/// app's wasm has one copy of the check, not one per kind of piece.
#[inline(never)]
fn checked_text<'b>(path: &str, bytes: &'b [u8]) -> Result<&'b str, PieceError> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let expected = name
        .strip_suffix(".json")
        .and_then(|n| n.rsplit_once('-'))
        .map(|(_, h)| h)
        .filter(|h| h.len() == 16)
        .ok_or_else(|| piece_error(path, "its name carries no content hash"))?;
    let found = content_hash(bytes);
    if found != expected {
        return Err(piece_error(
            path,
            format!(
                "its content does not match its name (hash {found}, {} bytes): it was cut short, damaged, or belongs to another version",
                bytes.len()
            ),
        ));
    }
    // From text, as the archive decoder reads: `from_slice` would bring a
    // second copy of the JSON reader and of every type's decoder into the
    // app's wasm.
    std::str::from_utf8(bytes).map_err(|_| piece_error(path, "not UTF-8 text"))
}

/// The folder of the search index's pieces, relative to the manifest's.
pub const SEARCH_DIR: &str = "search";

/// The path of the search index's meta for index version `version`
/// (`ShardMeta::version`), relative to the manifest's folder:
/// `search/meta-<16 hex>.bin`, what [`Catalogue::search`] holds.
pub fn search_meta(version: u64) -> String {
    format!("{SEARCH_DIR}/meta-{version:016x}.bin")
}

/// The path of the search index's piece `name` (`ShardMeta::name`, e.g.
/// `t12-0123456789abcdef`), relative to the manifest's folder.
pub fn search_piece(name: &str) -> String {
    format!("{SEARCH_DIR}/{name}.bin")
}

/// The index version a [`search_meta`] path names; `None` for any other
/// path (so a path read from a catalogue names nothing outside `search/`).
pub fn search_version(path: &str) -> Option<u64> {
    let hex = path
        .strip_prefix(SEARCH_DIR)?
        .strip_prefix("/meta-")?
        .strip_suffix(".bin")?;
    if hex.len() != 16 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

/// The id piece slot of `id` among `pieces` pieces.
pub fn id_slot(id: &str, pieces: usize) -> usize {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(id.as_bytes());
    (h.finish() % pieces.max(1) as u64) as usize
}

/// The path of `piece` (relative to the manifest's folder) relative to the
/// page, for a manifest at `manifest` (relative to the page).
pub fn resolve(manifest: &str, piece: &str) -> String {
    match manifest.rfind('/') {
        Some(i) => format!("{}{piece}", &manifest[..=i]),
        None => piece.to_string(),
    }
}

impl RowColumns {
    /// The columns of `rows`.
    pub fn from_rows(rows: &[Row]) -> RowColumns {
        let mut c = RowColumns {
            first_start: rows.first().map(|r| r.start).unwrap_or(0),
            ..RowColumns::default()
        };
        let mut prev = c.first_start;
        for r in rows {
            c.start_gap.push((prev - r.start) as u32);
            prev = r.start;
            c.span.push((r.end - r.start) as u32);
            c.release.push(r.release.0);
            c.country.push(r.country);
            c.lang.push(r.lang.slot() as u8);
        }
        c
    }
}

impl SeizedPiece {
    /// The piece of `seized` (in row order).
    pub fn of(seized: &[Seizure]) -> SeizedPiece {
        let mut out = Vec::with_capacity(1 + seized.len() * 3);
        out.push(FORMAT);
        let mut prev = 0;
        for s in seized {
            out.extend([s.row - prev, u32::from(s.substance), s.grams]);
            prev = s.row;
        }
        SeizedPiece(out)
    }

    /// The [`Seizure`]s of the piece `path` holds in `bytes`, checked (its
    /// hash, its format, against an index of `rows` rows): an error names
    /// the piece and what is wrong.
    pub fn read(path: &str, bytes: &[u8], rows: usize) -> Result<Vec<Seizure>, PieceError> {
        check_piece::<SeizedPiece>(path, bytes)?
            .seizures(rows)
            .map_err(|e| piece_error(path, e))
    }

    /// Its [`Seizure`]s, checked against an index of `rows` rows: an error
    /// names what is wrong.
    pub fn seizures(&self, rows: usize) -> Result<Vec<Seizure>, &'static str> {
        let Some((&FORMAT, seized)) = self.0.split_first() else {
            return Err("not a piece of this format");
        };
        if seized.len() % 3 != 0 {
            return Err("its list is cut short");
        }
        let mut row = 0u32;
        let mut out = Vec::with_capacity(seized.len() / 3);
        for t in seized.chunks_exact(3) {
            row = row.checked_add(t[0]).ok_or("a seized row out of range")?;
            if row as usize >= rows {
                return Err("a seized row out of range");
            }
            if t[1] as usize >= crate::index::SUBSTANCES.len() {
                return Err("a seized substance out of range");
            }
            out.push(Seizure {
                row,
                substance: t[1] as u8,
                grams: t[2],
            });
        }
        Ok(out)
    }
}

impl Catalogue {
    /// The reading index the catalogue describes. Everything is checked: a
    /// catalogue that does not hold together is an error, never a panic.
    pub fn index(self, path: &str) -> Result<ArchiveIndex, PieceError> {
        if self.format != FORMAT {
            return Err(piece_error(
                path,
                format!("format {} (this app reads {FORMAT})", self.format),
            ));
        }
        let c = &self.rows;
        let n = c.start_gap.len();
        if [c.span.len(), c.release.len(), c.country.len(), c.lang.len()]
            .iter()
            .any(|&l| l != n)
        {
            return Err(piece_error(path, "its row columns differ in length"));
        }
        let fact_totals = match (&self.facts, self.fact_totals.len()) {
            (None, 0) => vec![0; TOPICS.len() + SUBSTANCES.len()],
            (Some(_), l) if l == TOPICS.len() + SUBSTANCES.len() => self.fact_totals.clone(),
            _ => {
                return Err(piece_error(
                    path,
                    "its facts' totals do not match its facts piece",
                ))
            }
        };
        // Each list of pieces covers its items, so many per piece.
        let covers = |pieces: &[String], what: &str, items: usize, of: &str, per: u32| {
            let expected = if per == 0 {
                usize::MAX
            } else {
                items.div_ceil(per as usize)
            };
            if pieces.len() == expected {
                return Ok(());
            }
            Err(piece_error(
                path,
                format!(
                    "{} {what} pieces for {items} {of} of {per} each",
                    pieces.len()
                ),
            ))
        };
        // The events pieces are counted when their names arrive
        // ([`ChunkNames::read`]); their size is checked here.
        if self.chunk_rows == 0 {
            return Err(piece_error(path, "its events pieces hold 0 rows each"));
        }
        covers(&self.list_pieces, "list", n, "rows", self.list_rows)?;
        if n > 0 && self.id_pieces.is_empty() {
            return Err(piece_error(path, "it has rows but no id pieces"));
        }
        covers(
            &self.release_pieces,
            "release",
            self.releases.len(),
            "releases",
            self.release_group,
        )?;
        if self.first_heads.len() > n {
            return Err(piece_error(path, "it has more first heads than rows"));
        }
        let mut rows = Vec::with_capacity(n);
        let mut start = self.first_start_checked(path)?;
        for i in 0..n {
            let bad = |what: &str| piece_error(path, format!("row {i}: {what}"));
            start = start
                .checked_sub(
                    i32::try_from(c.start_gap[i]).map_err(|_| bad("a date gap out of range"))?,
                )
                .ok_or_else(|| bad("a date out of range"))?;
            let end = start
                .checked_add(i32::try_from(c.span[i]).map_err(|_| bad("a span out of range"))?)
                .ok_or_else(|| bad("a date out of range"))?;
            let first_day =
                Date::from_day_number(start).ok_or_else(|| bad("a date out of range"))?;
            Date::from_day_number(end).ok_or_else(|| bad("an end date out of range"))?;
            let release = self
                .releases
                .get(c.release[i] as usize)
                .ok_or_else(|| bad("no such release"))?;
            if c.country[i] as usize >= self.countries.len() {
                return Err(bad("no such country"));
            }
            rows.push(Row {
                release: ReleaseIdx(c.release[i]),
                // In the release piece: `ReleaseDetail::rows`.
                event: 0,
                country: c.country[i],
                start,
                end,
                year: first_day.year(),
                kind: release.kind,
                lang: Lang::from_slot(c.lang[i].into()).ok_or_else(|| bad("no such language"))?,
            });
        }
        let mut index = ArchiveIndex::from_parts(self.releases, self.countries, rows);
        index.fact_totals = fact_totals;
        Ok(index)
    }

    fn first_start_checked(&self, path: &str) -> Result<i32, PieceError> {
        Date::from_day_number(self.rows.first_start)
            .map(|_| self.rows.first_start)
            .ok_or_else(|| piece_error(path, "its first date is out of range"))
    }

    /// The release piece holding release `release`, and its place in it.
    pub fn release_piece_of(&self, release: ReleaseIdx) -> Option<(usize, usize)> {
        let release = release.0;
        let size = self.release_group.max(1);
        let piece = (release / size) as usize;
        (piece < self.release_pieces.len()).then_some((piece, (release % size) as usize))
    }

    /// The list piece holding row `pos`, and the row's place in it.
    pub fn list_of(&self, pos: RowPos) -> Option<(usize, usize)> {
        let pos = pos.0;
        let size = self.list_rows.max(1);
        let piece = (pos / size) as usize;
        (piece < self.list_pieces.len()).then_some((piece, (pos % size) as usize))
    }

    /// The events piece holding row `pos` (its place in the
    /// [`ChunkNames`]), and the row's place in it.
    pub fn chunk_of(&self, pos: RowPos) -> Option<(usize, usize)> {
        let size = self.chunk_rows.max(1);
        (pos.index() < self.rows.start_gap.len())
            .then_some(((pos.0 / size) as usize, (pos.0 % size) as usize))
    }

    /// Every piece of this version but the catalogue: the events pieces'
    /// names, the list, id and release pieces, the map's geodata, regions
    /// and outlines, the seized and facts pieces. The events pieces are not among them:
    /// the [`ChunkNames`] piece names them. Nor are the search index's:
    /// [`Self::search`] names its meta, and the meta names the rest
    /// ([`search_piece`]).
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&self.chunk_names)
            .chain(self.list_pieces.iter())
            .chain(self.id_pieces.iter())
            .chain(self.release_pieces.iter())
            .chain(self.geo.iter())
            .chain(self.regions.iter())
            .chain(self.outlines.iter())
            .chain(self.seized.iter())
            .chain(self.facts.iter())
            .map(String::as_str)
    }
}

/// How the catalogue writes its releases: one array per field instead of
/// one object per release. With thousands of releases the objects' keys
/// and empty fields were most of the catalogue, and parsing them most of
/// the time before the first screen. Only what the catalogue lists is
/// written (see [`Catalogue::releases`]): a release's summary, source file
/// and events are left out, and come back empty.
///
/// ```text
/// "releases": [
///   ["ir-2025-11", ...],       id
///   [0, 2, ...],               kind: a slot of Kind::ALL
///   [11, null, ...],           number
///   [2025, null, ...],         year
///   ["Information ...", ...],  title
///   20089,                     the earliest start, days since 1970-01-01
///   [0, 16, ...],              start: days after it
///   [14, 0, ...],              span: end less start, in days
///   [0, 1, ...],               language: a slot of Lang::ALL
///   ["AZ", "KZ", ...],         the countries of declared counts
///   [3, 1, 17, 0, 0, ...],     declared counts: per release 0 when it
///                              declares none, else 1 + the number of
///                              countries, then a (slot in the list above,
///                              count) pair for each
///   [1, ...],                  the release each translation belongs to
///   [{...}, ...]               the translations, as releases are listed
/// ]
/// ```
///
/// Kinds and languages are written as their slots
/// ([`crate::model::Kind::slot`], [`Lang::slot`]). A year before year 0 is written as none.
pub mod release_columns {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::date::{Date, DateRange};
    use crate::model::{Kind, Lang, Release};

    // The declared counts and the translations are flattened into columns
    // of numbers, strings and releases, which the app decodes elsewhere
    // too: a map per release took more wasm to read (measured).
    struct Columns {
        id: Vec<String>,
        kind: Vec<u8>,
        number: Vec<Option<u32>>,
        year: Vec<Option<u32>>,
        title: Vec<String>,
        first_start: i32,
        start: Vec<u32>,
        span: Vec<u32>,
        lang: Vec<u8>,
        declared_codes: Vec<String>,
        declared: Vec<u32>,
        translation_of: Vec<u32>,
        translations: Vec<Release>,
    }

    /// The columns as they are written: an array, in the order of
    /// [`Columns`]'s fields. (An object with named columns takes a decoder
    /// of its own in the wasm, a few KB; an array reuses the sequence one.)
    #[derive(Serialize, Deserialize)]
    #[allow(clippy::type_complexity)]
    struct Written(
        Vec<String>,
        Vec<u8>,
        Vec<Option<u32>>,
        Vec<Option<u32>>,
        Vec<String>,
        i32,
        Vec<u32>,
        Vec<u32>,
        Vec<u8>,
        Vec<String>,
        Vec<u32>,
        Vec<u32>,
        Vec<Release>,
    );

    impl From<Columns> for Written {
        fn from(c: Columns) -> Written {
            Written(
                c.id,
                c.kind,
                c.number,
                c.year,
                c.title,
                c.first_start,
                c.start,
                c.span,
                c.lang,
                c.declared_codes,
                c.declared,
                c.translation_of,
                c.translations,
            )
        }
    }

    impl From<Written> for Columns {
        fn from(w: Written) -> Columns {
            Columns {
                id: w.0,
                kind: w.1,
                number: w.2,
                year: w.3,
                title: w.4,
                first_start: w.5,
                start: w.6,
                span: w.7,
                lang: w.8,
                declared_codes: w.9,
                declared: w.10,
                translation_of: w.11,
                translations: w.12,
            }
        }
    }

    /// Writes `releases` as columns.
    pub fn serialize<S: Serializer>(releases: &[Release], s: S) -> Result<S::Ok, S::Error> {
        let n = releases.len();
        let mut c = Columns {
            id: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            number: Vec::with_capacity(n),
            year: Vec::with_capacity(n),
            title: Vec::with_capacity(n),
            first_start: releases
                .iter()
                .map(|r| r.period.start.day_number())
                .min()
                .unwrap_or(0),
            start: Vec::with_capacity(n),
            span: Vec::with_capacity(n),
            lang: Vec::with_capacity(n),
            declared_codes: Vec::new(),
            declared: Vec::new(),
            translation_of: Vec::new(),
            translations: Vec::new(),
        };
        let mut codes: BTreeMap<&str, u32> = BTreeMap::new();
        for r in releases {
            for code in r.declared_counts.iter().flatten().map(|(c, _)| c.as_str()) {
                codes.insert(code, 0);
            }
        }
        for (i, slot) in codes.values_mut().enumerate() {
            *slot = i as u32;
        }
        c.declared_codes = codes.keys().map(|c| c.to_string()).collect();
        for (i, r) in releases.iter().enumerate() {
            c.id.push(r.id.clone());
            c.kind.push(r.kind.slot() as u8);
            c.number.push(r.number);
            c.year.push(r.year.and_then(|y| u32::try_from(y).ok()));
            c.title.push(r.title.clone());
            let start = r.period.start.day_number();
            c.start.push((start - c.first_start) as u32);
            c.span
                .push(u32::try_from(r.period.end.day_number() - start).unwrap_or(0));
            c.lang.push(r.language.slot() as u8);
            match &r.declared_counts {
                None => c.declared.push(0),
                Some(counts) => {
                    c.declared.push(counts.len() as u32 + 1);
                    for (code, n) in counts {
                        c.declared.extend([codes[code.as_str()], *n]);
                    }
                }
            }
            for t in &r.translations {
                c.translation_of.push(i as u32);
                c.translations.push(t.clone());
            }
        }
        Written::from(c).serialize(s)
    }

    /// "release `i`: `what`" (one formatting site in the wasm).
    #[inline(never)]
    fn problem<E: serde::de::Error>(i: usize, what: &str) -> E {
        E::custom(format_args!("release {i}: {what}"))
    }

    /// Reads releases written by [`serialize`]; columns of different
    /// lengths, a kind, language or date out of range, declared counts cut
    /// short, or a translation of no release are errors naming the release.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Release>, D::Error> {
        use serde::de::Error;
        let c = Columns::from(Written::deserialize(d)?);
        let n = c.id.len();
        if [
            c.kind.len(),
            c.number.len(),
            c.year.len(),
            c.title.len(),
            c.start.len(),
            c.span.len(),
            c.lang.len(),
        ]
        .iter()
        .any(|&l| l != n)
            || c.translation_of.len() != c.translations.len()
        {
            return Err(D::Error::custom("its release columns differ in length"));
        }
        let mut declared = c.declared.iter().copied();
        let mut out = Vec::with_capacity(n);
        for (i, (id, title)) in c.id.into_iter().zip(c.title).enumerate() {
            let bad = |what: &str| problem::<D::Error>(i, what);
            let kind = Kind::from_slot(c.kind[i].into()).ok_or_else(|| bad("no such kind"))?;
            let language =
                Lang::from_slot(c.lang[i].into()).ok_or_else(|| bad("no such language"))?;
            let day = i32::try_from(c.start[i])
                .ok()
                .and_then(|gap| c.first_start.checked_add(gap))
                .ok_or_else(|| bad("a date out of range"))?;
            let start = Date::from_day_number(day).ok_or_else(|| bad("a date out of range"))?;
            let end = i32::try_from(c.span[i])
                .ok()
                .and_then(|span| day.checked_add(span))
                .and_then(Date::from_day_number)
                .ok_or_else(|| bad("an end date out of range"))?;
            let declared_counts = match declared.next().ok_or_else(|| bad("no declared counts"))? {
                0 => None,
                k => {
                    let mut counts = BTreeMap::new();
                    for _ in 1..k {
                        let (Some(code), Some(count)) = (declared.next(), declared.next()) else {
                            return Err(bad("its declared counts cut short"));
                        };
                        let code = c
                            .declared_codes
                            .get(code as usize)
                            .ok_or_else(|| bad("no such declared country"))?;
                        counts.insert(code.clone(), count);
                    }
                    Some(counts)
                }
            };
            out.push(Release {
                id,
                kind,
                number: c.number[i],
                year: c.year[i].and_then(|y| i32::try_from(y).ok()),
                title,
                period: DateRange { start, end },
                language,
                declared_counts,
                source_file: String::new(),
                summary: Vec::new(),
                events: Vec::new(),
                translations: Vec::new(),
            });
        }
        if declared.next().is_some() {
            return Err(D::Error::custom("more declared counts than releases"));
        }
        for (i, t) in c.translation_of.into_iter().zip(c.translations) {
            out.get_mut(i as usize)
                .ok_or_else(|| {
                    problem::<D::Error>(i as usize, "a translation of it, which is not there")
                })?
                .translations
                .push(t);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_must_match_the_hash_in_its_name() {
        let bytes = br#"{"format":2,"ids":[["e-1",0]]}"#;
        let name = format!("data/{}", piece_name("ids", bytes));
        let piece: IdPiece = check_piece(&name, bytes).unwrap();
        assert_eq!(piece.ids, [("e-1".to_string(), 0)]);
        let cut = &bytes[..bytes.len() - 3];
        let err = check_piece::<IdPiece>(&name, cut).unwrap_err();
        assert_eq!(err.piece, name);
        assert!(err.problem.contains("does not match its name"), "{err}");
        assert!(check_piece::<IdPiece>("data/ids.json", bytes).is_err());
    }

    #[test]
    fn paths_resolve_against_the_manifest_folder() {
        assert_eq!(
            resolve("data/manifest.json", "events-1.json"),
            "data/events-1.json"
        );
        assert_eq!(resolve("manifest.json", "events-1.json"), "events-1.json");
        assert_eq!(
            resolve("partners/kg/manifest.json", "ids-2.json"),
            "partners/kg/ids-2.json"
        );
    }

    #[test]
    fn search_paths_carry_the_index_version() {
        let v = 0x0123_4567_89ab_cdef;
        assert_eq!(search_meta(v), "search/meta-0123456789abcdef.bin");
        assert_eq!(search_version(&search_meta(v)), Some(v));
        assert_eq!(search_version(&search_meta(7)), Some(7));
        assert_eq!(
            search_piece("t12-0123456789abcdef"),
            "search/t12-0123456789abcdef.bin"
        );
        for bad in [
            "search/meta-0123456789ABCDEF.bin",
            "search/meta-0123456789abcde.bin",
            "search/meta-0123456789abcdef.json",
            "search/../meta-0123456789abcdef.bin",
            "/search/meta-0123456789abcdef.bin",
            "meta-0123456789abcdef.bin",
            "search/meta-+123456789abcdef.bin",
        ] {
            assert_eq!(search_version(bad), None, "{bad}");
        }
    }

    #[test]
    fn id_slots_stay_in_range() {
        for n in [1, 2, 7, 256] {
            for id in ["", "e-848843844cd96785", "ключ"] {
                assert!(id_slot(id, n) < n);
            }
        }
        assert_eq!(id_slot("x", 0), 0);
    }

    #[test]
    fn a_lead_is_the_first_paragraph_cut_at_a_character() {
        assert_eq!(lead(&[]), "");
        assert_eq!(lead(&["short".into(), "second".into()]), "short");
        let exact = "ж".repeat(LEAD_CHARS);
        assert_eq!(lead(std::slice::from_ref(&exact)), exact);
        let long = format!("{exact}é and more");
        let got = lead(&[long]);
        assert_eq!(got, format!("{exact}…"));
        assert_eq!(got.chars().count(), LEAD_CHARS + 1);
    }

    #[test]
    fn a_catalogue_that_does_not_hold_together_is_an_error() {
        let cat = Catalogue {
            format: FORMAT,
            version: "v".into(),
            releases: vec![],
            countries: vec!["KZ".into()],
            rows: RowColumns {
                first_start: 20_000,
                start_gap: vec![0],
                span: vec![0],
                release: vec![3],
                country: vec![0],
                lang: vec![0],
            },
            first_heads: vec![],
            chunk_rows: 16,
            chunk_names: "chunks-0000000000000000.json".into(),
            list_rows: 100,
            list_pieces: vec!["list-0000000000000000.json".into()],
            id_pieces: vec!["ids-0000000000000000.json".into()],
            release_group: 32,
            release_pieces: vec![],
            warnings: vec![],
            search: None,
            geo: None,
            regions: None,
            seized: None,
            facts: None,
            fact_totals: vec![],
            outlines: None,
        };
        let err = cat.clone().index("c.json").err().unwrap();
        assert!(err.problem.contains("no such release"), "{err}");
        // Totals without a facts piece, or too few of them.
        let mut totals = cat.clone();
        totals.fact_totals = vec![1];
        let err = totals.index("c.json").err().unwrap();
        assert!(err.problem.contains("facts' totals"), "{err}");
        let mut few = cat.clone();
        few.facts = Some("facts-0000000000000000.json".into());
        few.fact_totals = vec![0; 3];
        let err = few.index("c.json").err().unwrap();
        assert!(err.problem.contains("facts' totals"), "{err}");
        let mut short = cat.clone();
        short.rows.lang.clear();
        assert!(short.index("c.json").is_err());
        let mut far = cat.clone();
        far.rows.start_gap[0] = u32::MAX;
        assert!(far.index("c.json").is_err());
        let mut heads = cat.clone();
        heads.first_heads = vec![EventHead::default(); 2];
        let err = heads.index("c.json").err().unwrap();
        assert!(err.problem.contains("more first heads than rows"), "{err}");
        let mut zero = cat.clone();
        zero.chunk_rows = 0;
        let err = zero.index("c.json").err().unwrap();
        assert!(err.problem.contains("0 rows each"), "{err}");
        let mut extra = cat;
        extra
            .release_pieces
            .push("releases-0000000000000000.json".into());
        let err = extra.index("c.json").err().unwrap();
        assert!(
            err.problem.contains("1 release pieces for 0 releases"),
            "{err}"
        );
    }

    /// Releases as the catalogue lists them: a digest with declared counts
    /// and a Russian translation, a news item without number or year.
    fn listed_releases() -> Vec<Release> {
        let day = |s: &str| Date::parse_iso(s).unwrap();
        let digest = Release {
            id: "ir-2025-11".into(),
            kind: crate::model::Kind::InformationRelease,
            number: Some(11),
            year: Some(2025),
            title: "Information release \"No. 11\" <b>".into(),
            period: crate::date::DateRange {
                start: day("2025-06-01"),
                end: day("2025-06-15"),
            },
            language: Lang::En,
            declared_counts: Some([("KZ".to_string(), 3), ("UZ".to_string(), 0)].into()),
            source_file: String::new(),
            summary: vec![],
            events: vec![],
            translations: vec![],
        };
        let mut russian = digest.clone();
        russian.id = "ir-2025-11-ru".into();
        russian.language = Lang::Ru;
        russian.title = "Информационный выпуск".into();
        let mut with_translation = digest.clone();
        with_translation.translations = vec![russian];
        let news = Release {
            id: "news-2025-06-30-1".into(),
            kind: crate::model::Kind::News,
            number: None,
            year: None,
            title: "Новость".into(),
            period: crate::date::DateRange {
                start: day("2025-06-30"),
                end: day("2025-06-30"),
            },
            language: Lang::Ru,
            declared_counts: None,
            ..digest.clone()
        };
        vec![news, with_translation, digest]
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct JustReleases {
        #[serde(with = "release_columns")]
        releases: Vec<Release>,
    }

    #[test]
    fn releases_travel_as_columns_and_come_back_the_same() {
        let releases = listed_releases();
        let json = serde_json::to_string(&JustReleases {
            releases: releases.clone(),
        })
        .unwrap();
        // Columns, not one object per release.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["releases"][0].as_array().unwrap().len(), 3);
        assert_eq!(value["releases"][1], serde_json::json!([2, 0, 0]));
        assert_eq!(value["releases"][7], serde_json::json!([0, 14, 14]));
        assert_eq!(value["releases"][11], serde_json::json!([1]));
        assert_eq!(value["releases"][9], serde_json::json!(["KZ", "UZ"]));
        assert_eq!(
            value["releases"][10],
            serde_json::json!([0, 3, 0, 3, 1, 0, 3, 0, 3, 1, 0])
        );
        let back: JustReleases = serde_json::from_str(&json).unwrap();
        assert_eq!(back.releases, releases);
        // No translations: no column.
        let plain = vec![releases[0].clone(), releases[2].clone()];
        let json = serde_json::to_string(&JustReleases {
            releases: plain.clone(),
        })
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["releases"][11], serde_json::json!([]));
        assert_eq!(
            serde_json::from_str::<JustReleases>(&json)
                .unwrap()
                .releases,
            plain
        );
    }

    #[test]
    fn release_columns_that_do_not_hold_together_are_errors() {
        let json = serde_json::to_string(&JustReleases {
            releases: listed_releases(),
        })
        .unwrap();
        let broken = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
            edit(&mut v["releases"]);
            serde_json::from_value::<JustReleases>(v)
                .unwrap_err()
                .to_string()
        };
        let err = broken(&|r| {
            r[4].as_array_mut().unwrap().pop();
        });
        assert!(err.contains("differ in length"), "{err}");
        assert!(broken(&|r| r[1][1] = 3.into()).contains("release 1: no such kind"));
        assert!(broken(&|r| r[8][2] = 2.into()).contains("release 2: no such language"));
        assert!(broken(&|r| r[6][0] = u32::MAX.into()).contains("release 0: a date out of range"));
        assert!(broken(&|r| r[5] = i32::MIN.into()).contains("a date out of range"));
        assert!(broken(&|r| r[7][0] = u32::MAX.into()).contains("release 0: an end date"));
        assert!(broken(&|r| r[11][0] = 9.into())
            .contains("release 9: a translation of it, which is not there"));
        let err = broken(&|r| {
            r[11].as_array_mut().unwrap().push(1.into());
        });
        assert!(err.contains("differ in length"), "{err}");
        let err = broken(&|r| {
            r[10].as_array_mut().unwrap().pop();
        });
        assert!(
            err.contains("release 2: its declared counts cut short"),
            "{err}"
        );
        let err = broken(&|r| {
            r[10].as_array_mut().unwrap().truncate(1);
        });
        assert!(err.contains("release 1: no declared counts"), "{err}");
        let err = broken(&|r| {
            r[10].as_array_mut().unwrap().push(0.into());
        });
        assert!(err.contains("more declared counts than releases"), "{err}");
        assert!(broken(&|r| r[10][2] = 7.into()).contains("release 1: no such declared country"));
    }

    #[test]
    fn seized_amounts_travel_as_a_sparse_piece() {
        let seized = [
            Seizure {
                row: 0,
                substance: 0,
                grams: 2500,
            },
            Seizure {
                row: 0,
                substance: 12,
                grams: 6_000_000,
            },
            Seizure {
                row: 7,
                substance: 8,
                grams: 1,
            },
        ];
        let piece = SeizedPiece::of(&seized);
        // Written by hand: [format, row gap, substance slot, grams, ...].
        let json = serde_json::to_string(&piece).unwrap();
        assert_eq!(json, format!("[{FORMAT},0,0,2500,0,12,6000000,7,8,1]"));
        let back: SeizedPiece = serde_json::from_str(&json).unwrap();
        // Read as the app reads it: the hash in its name checked first.
        let name = piece_name("seized", json.as_bytes());
        assert_eq!(
            SeizedPiece::read(&name, json.as_bytes(), 8).unwrap(),
            seized
        );
        let err = SeizedPiece::read(&name, b"[4,0,0,1]", 8).unwrap_err();
        assert!(err.problem.contains("does not match its name"), "{err}");
        assert_eq!(back.seizures(8).unwrap(), seized);
        // Rows past the catalogue's, unknown substances, a cut list, another format.
        assert!(back.seizures(7).is_err());
        let mut bad = back.clone();
        bad.0[5] = 13;
        assert!(bad.seizures(8).is_err());
        bad.0 = vec![FORMAT, u32::MAX, 0, 1, u32::MAX, 0, 1];
        assert!(bad.seizures(8).is_err());
        bad.0.pop();
        assert!(bad.seizures(u32::MAX as usize).is_err());
        let mut old = back.clone();
        old.0[0] = FORMAT - 1;
        assert!(old.seizures(8).is_err());
        assert!(SeizedPiece(vec![]).seizures(8).is_err());
        assert_eq!(SeizedPiece(vec![FORMAT]).seizures(0), Ok(vec![]));
        // The rows carry no seizures any more.
        let json = serde_json::to_string(&RowColumns::default()).unwrap();
        assert_eq!(json.matches('[').count(), 6, "{json}");
    }

    #[test]
    fn the_rows_facts_travel_as_a_piece_of_their_own() {
        let facts = [
            RowFacts {
                topics: 0b1,
                substances: 0,
            },
            RowFacts::default(),
            RowFacts {
                topics: 0b10_0000_0001,
                substances: 0b1_0000_0000_0011,
            },
        ];
        // Written by hand: [format, every row's topics, every row's substances].
        let json = serde_json::to_string(&FactsPiece::of(&facts)).unwrap();
        assert_eq!(json, format!("[{FORMAT},1,0,513,0,0,4099]"));
        // Read as the app reads it: the hash in its name checked first.
        let name = piece_name("facts", json.as_bytes());
        assert_eq!(FactsPiece::read(&name, json.as_bytes(), 3).unwrap(), facts);
        let read = |text: String, rows| {
            let name = piece_name("facts", text.as_bytes());
            FactsPiece::read(&name, text.as_bytes(), rows)
                .unwrap_err()
                .problem
        };
        let err = FactsPiece::read(&name, b"[7,0,0]", 1).unwrap_err();
        assert!(err.problem.contains("does not match its name"), "{err}");
        // Other rows than the catalogue's, bits past the known ids, another format.
        assert!(read(json.clone(), 2).contains("other rows"));
        let too_many_topics = format!("[{FORMAT},{},0]", 1 << TOPICS.len());
        assert!(read(too_many_topics, 1).contains("out of range"));
        let too_many_substances = format!("[{FORMAT},0,{}]", 1 << SUBSTANCES.len());
        assert!(read(too_many_substances, 1).contains("out of range"));
        assert!(read(format!("[{}]", FORMAT - 1), 0).contains("format"));
        assert!(read("[]".into(), 0).contains("format"));
    }

    #[test]
    fn the_events_pieces_names_are_a_piece_of_their_own() {
        let names = vec![
            "events-0123456789abcdef.json".to_string(),
            "events-fedcba9876543210.json".to_string(),
        ];
        // Written by hand: one name a line.
        let text = ChunkNames(names.clone()).to_text();
        assert_eq!(
            text,
            "events-0123456789abcdef.json\nevents-fedcba9876543210.json\n"
        );
        let name = piece_name("chunks", text.as_bytes());
        assert!(is_piece_name(&name, "chunks"), "{name}");
        // 17 to 32 rows of 16 take two pieces.
        for rows in [17, 32] {
            assert_eq!(
                ChunkNames::read(&name, text.as_bytes(), rows, 16).unwrap(),
                names
            );
        }
        for rows in [16, 33, 0] {
            let err = ChunkNames::read(&name, text.as_bytes(), rows, 16).unwrap_err();
            assert!(err.problem.contains("other events pieces"), "{err}");
        }
        // Another version's names (another hash), cut short, not text.
        let other = "events-0123456789abcdef.json\nevents-0000000000000000.json\n";
        let err = ChunkNames::read(&name, other.as_bytes(), 20, 16).unwrap_err();
        assert!(err.problem.contains("does not match its name"), "{err}");
        assert!(err.to_string().contains(&name), "{err}");
        let cut = &text.as_bytes()[..40];
        assert!(ChunkNames::read(&name, cut, 20, 16).is_err());
        let bad = b"events-\xff.json\n";
        let err = ChunkNames::read(&piece_name("chunks", bad), bad, 1, 16).unwrap_err();
        assert!(err.problem.contains("not UTF-8"), "{err}");
        // An archive without events has an empty piece.
        assert_eq!(ChunkNames::default().to_text(), "");
        assert_eq!(
            ChunkNames::read(&piece_name("chunks", b""), b"", 0, 16).unwrap(),
            Vec::<String>::new()
        );
        // What the publish checks before copying files by these names.
        assert!(is_piece_name("events-0123456789abcdef.json", "events"));
        for bad in [
            "../manifest.json",
            "list-0123456789abcdef.json",
            "events-0123456789ABCDEF.json",
            "events-0123456789abcde.json",
            "events-0123456789abcdef.json/..",
            "",
        ] {
            assert!(!is_piece_name(bad, "events"), "{bad}");
        }
    }
}
