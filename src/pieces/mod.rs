//! The events of the archive, wherever they are: all in memory (the portable
//! file, or an `archive=` naming an `archive.json`), or in the pieces of a
//! published site (`caricc_core::catalogue`), fetched as views ask for them.
//!
//! Views read events synchronously ([`Events::event`]); what is not here yet
//! is asked for ([`Events::request_rows`], [`Events::request_id`]) and
//! arrives later, bumping [`PieceSignals::arrived`] so the views that looked
//! for it render again. A piece that fails (missing, cut short, damaged,
//! from another version) sets [`PieceSignals::failed`] with a message naming
//! it, which the shell shows with a retry.
//!
//! A published site's search index is in pieces too (`data/search/`, built
//! by the publish step): [`Events::search`] fetches the meta, then the
//! pieces a query needs (two rounds), and answers from them.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use caricc_core::catalogue::{
    self, Catalogue, ChunkNames, EventHead, EventsPiece, FactsPiece, IdPiece, ListPiece,
    ReleaseDetail, ReleasesPiece, SeizedPiece,
};
use caricc_core::index::{ArchiveIndex, EventTable, ReleaseIdx, RowFacts, RowPos, Seizure};
use caricc_core::model::{self, Event};
use caricc_core::search::{CrossLanguage, LoadedShards, ShardId, ShardMeta};
use leptos::prelude::*;

mod fetch;
pub mod search;

use fetch::covering;
pub use fetch::fetch_piece;

/// At most this many pieces in flight when many are wanted at once ("Save
/// for offline"): a browser refuses thousands of concurrent requests.
const LANES: usize = 6;

/// The signals through which pieces reach the views.
#[derive(Clone, Copy)]
pub struct PieceSignals {
    /// Bumped whenever a piece arrives.
    pub arrived: RwSignal<u64>,
    /// The last piece that could not be had, and why.
    pub failed: RwSignal<Option<String>>,
}

impl PieceSignals {
    /// New signals, nothing arrived or failed.
    pub fn new() -> PieceSignals {
        PieceSignals {
            arrived: RwSignal::new(0),
            failed: RwSignal::new(None),
        }
    }
}

/// Where an event is, by its id.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Located {
    /// A row of the index, at this position.
    Row(RowPos),
    /// An event of a translation of this release.
    Translation(ReleaseIdx),
    /// No event has this id.
    Nowhere,
}

/// Where the events are.
// One per page, behind an Arc: the size of the larger variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Events {
    /// Every event in memory, in row order (the whole-archive feature).
    #[cfg_attr(not(feature = "whole-archive"), allow(dead_code))]
    Full(EventTable),
    /// A published site's pieces.
    Pieces(PieceStore),
}

/// The pieces of one published version: where they are, and those that
/// have arrived.
pub struct PieceStore {
    /// The manifest's path, relative to the page: pieces resolve against it.
    manifest: String,
    /// The catalogue's path, relative to the page.
    catalogue: String,
    chunk_rows: u32,
    /// The piece naming the events pieces, relative to the page: fetched
    /// before the first events piece ([`Piece::ChunkNames`]).
    chunk_names: String,
    /// How many events pieces there are (one per `chunk_rows` rows),
    /// known before their names are.
    chunk_count: usize,
    list_rows: u32,
    list_pieces: Vec<String>,
    /// The heads of the first rows, from the catalogue
    /// ([`Catalogue::first_heads`]): the list as it opens needs no piece.
    first_heads: Vec<EventHead>,
    /// How many rows the catalogue has.
    rows: usize,
    id_pieces: Vec<String>,
    release_group: u32,
    release_pieces: Vec<String>,
    /// The search index's meta, relative to the page (none for an archive
    /// without events).
    search: Option<String>,
    /// The map's geodata piece, relative to the page (none in a catalogue
    /// published before the map).
    geo: Option<String>,
    /// The regions piece, relative to the page.
    regions: Option<String>,
    /// The seized piece, relative to the page (none when no event reports
    /// a weight).
    seized: Option<String>,
    /// The facts piece, relative to the page (none when no event has facts).
    facts: Option<String>,
    /// The regions' outlines piece, relative to the page.
    outlines: Option<String>,
    loaded: Mutex<Loaded>,
}

#[derive(Default)]
struct Loaded {
    /// The events pieces' names, once their piece is here.
    chunk_names: Option<Vec<String>>,
    /// Events pieces' names the id pieces brought, by number: for an
    /// event's page, before (or without) the names piece.
    chunks_named: HashMap<usize, String>,
    chunks: HashMap<usize, Arc<Vec<Event>>>,
    lists: HashMap<usize, Arc<Vec<EventHead>>>,
    ids: HashMap<String, u32>,
    /// Events of translations: id -> the release whose translation has it.
    translated: HashMap<String, u32>,
    id_pieces: HashSet<usize>,
    /// Release pieces, by number, and whether they were checked against
    /// the catalogue's index yet (on first use: the store has no index).
    releases: HashMap<usize, (Arc<ReleasesPiece>, bool)>,
    search_meta: Option<ShardMeta>,
    /// What the rows report seized, once its piece is here.
    seized: Option<Arc<Vec<Seizure>>>,
    /// What the rows' facts name, once its piece is here.
    facts: Option<Arc<Vec<RowFacts>>>,
    /// The last query the search index answered, and its rows.
    last_search: Option<(String, Vec<RowPos>)>,
    /// The meta's thesaurus, shared with the views that flag its words.
    cross: Arc<CrossLanguage>,
    shards: LoadedShards,
    /// The Russian names of the places the arrived events name (their
    /// pieces' `places`): `(name as stored, Russian name)`.
    places: Vec<(String, String)>,
    /// Pieces being fetched, by path: asked for once.
    pending: HashSet<String>,
    /// The paths of the pieces that arrived.
    arrived: Vec<String>,
    /// "Save for offline" was asked: the search pieces follow the meta.
    everything: bool,
}

/// One piece to fetch, and where it goes once checked.
#[derive(Clone, Copy, PartialEq)]
enum Piece {
    /// The names of the events pieces: asked for in the place of an
    /// events piece until it is here.
    ChunkNames,
    /// Events piece number `n`.
    Chunk(usize),
    /// List piece number `n`.
    List(usize),
    /// Id piece number `n`.
    Ids(usize),
    /// Release piece number `n`.
    Releases(usize),
    /// The search index's meta.
    SearchMeta,
    /// A piece of the search index.
    Search(ShardId),
    /// What the rows report seized.
    Seized,
    /// What the rows' facts name.
    Facts,
    /// The map's piece number `n` ([`PieceStore::map_pieces`]): fetched
    /// only for "Save for offline" (the map view reads its own copy, which
    /// the service worker then serves).
    Map(usize),
}

impl PieceStore {
    /// The store for `catalogue`, read from the manifest at `manifest`.
    pub fn new(manifest: &str, catalogue_path: &str, catalogue: &Catalogue) -> PieceStore {
        // A piece the catalogue may name, relative to the page.
        let resolved = |piece: &Option<String>| {
            piece
                .as_ref()
                .map(|name| catalogue::resolve(manifest, name))
        };
        PieceStore {
            manifest: manifest.to_string(),
            catalogue: catalogue_path.to_string(),
            chunk_rows: catalogue.chunk_rows.max(1),
            chunk_names: catalogue::resolve(manifest, &catalogue.chunk_names),
            chunk_count: catalogue
                .rows
                .start_gap
                .len()
                .div_ceil(catalogue.chunk_rows.max(1) as usize),
            list_rows: catalogue.list_rows.max(1),
            list_pieces: catalogue.list_pieces.clone(),
            first_heads: catalogue.first_heads.clone(),
            rows: catalogue.rows.start_gap.len(),
            id_pieces: catalogue.id_pieces.clone(),
            release_group: catalogue.release_group.max(1),
            release_pieces: catalogue.release_pieces.clone(),
            search: resolved(&catalogue.search),
            geo: resolved(&catalogue.geo),
            regions: resolved(&catalogue.regions),
            seized: resolved(&catalogue.seized),
            facts: resolved(&catalogue.facts),
            outlines: resolved(&catalogue.outlines),
            loaded: Mutex::new(Loaded::default()),
        }
    }

    /// Where `piece` is, relative to the page; `None` when the catalogue
    /// names no such piece.
    fn path(&self, piece: Piece, loaded: &Loaded) -> Option<String> {
        let name = match piece {
            Piece::ChunkNames => return Some(self.chunk_names.clone()),
            Piece::Chunk(n) => match &loaded.chunk_names {
                Some(names) => names.get(n)?.clone(),
                None => loaded.chunks_named.get(&n)?.clone(),
            },
            Piece::List(n) => self.list_pieces.get(n)?.clone(),
            Piece::Ids(n) => self.id_pieces.get(n)?.clone(),
            Piece::Releases(n) => self.release_pieces.get(n)?.clone(),
            Piece::SearchMeta => return self.search.clone(),
            Piece::Seized => return self.seized.clone(),
            Piece::Facts => return self.facts.clone(),
            Piece::Search(id) => format!("search/{}.bin", loaded.search_meta.as_ref()?.name(id)),
            Piece::Map(n) => return self.map_pieces().nth(n).cloned(),
        };
        Some(catalogue::resolve(&self.manifest, &name))
    }

    /// True when `piece` has arrived.
    fn has(&self, piece: Piece, loaded: &Loaded) -> bool {
        match piece {
            Piece::ChunkNames => loaded.chunk_names.is_some(),
            Piece::Chunk(n) => loaded.chunks.contains_key(&n),
            Piece::List(n) => loaded.lists.contains_key(&n),
            Piece::Ids(n) => loaded.id_pieces.contains(&n),
            Piece::Releases(n) => loaded.releases.contains_key(&n),
            Piece::SearchMeta => loaded.search_meta.is_some(),
            Piece::Search(id) => loaded.shards.contains(id),
            Piece::Seized => loaded.seized.is_some(),
            Piece::Facts => loaded.facts.is_some(),
            Piece::Map(n) => self
                .map_pieces()
                .nth(n)
                .is_some_and(|p| loaded.arrived.contains(p)),
        }
    }

    /// The map's pieces, relative to the page: its geodata, the regions
    /// the events name, the regions' outlines (those the catalogue names).
    fn map_pieces(&self) -> impl Iterator<Item = &String> {
        self.geo.iter().chain(&self.regions).chain(&self.outlines)
    }

    /// Checks the bytes of `piece` and keeps what they hold; the error
    /// names the piece and what is wrong with it.
    fn take(&self, piece: Piece, path: &str, bytes: &[u8]) -> Result<(), String> {
        let mut loaded = self.lock();
        match piece {
            Piece::ChunkNames => {
                let names = ChunkNames::read(path, bytes, self.rows, self.chunk_rows)
                    .map_err(|e| e.to_string())?;
                loaded.chunk_names = Some(names);
            }
            Piece::Chunk(n) => {
                let events = catalogue::check_piece::<EventsPiece>(path, bytes)
                    .map_err(|e| e.to_string())?;
                if events.first != n as u32 * self.chunk_rows {
                    return Err(format!(
                        "`{path}`: holds other rows than the catalogue says"
                    ));
                }
                add_places(&mut loaded.places, events.places);
                loaded.chunks.insert(n, Arc::new(events.events));
            }
            Piece::List(n) => {
                let list =
                    catalogue::check_piece::<ListPiece>(path, bytes).map_err(|e| e.to_string())?;
                let rows = self.list_rows as usize;
                let expected = self.rows.saturating_sub(n * rows).min(rows);
                if list.first as usize != n * rows || list.heads.len() != expected {
                    return Err(format!(
                        "`{path}`: holds other rows than the catalogue says"
                    ));
                }
                loaded.lists.insert(n, Arc::new(list.heads));
            }
            Piece::Ids(n) => {
                let ids =
                    catalogue::check_piece::<IdPiece>(path, bytes).map_err(|e| e.to_string())?;
                loaded.ids.extend(ids.ids);
                loaded.translated.extend(ids.translated);
                // Trusted as the names piece's are (the hash in the id
                // piece's name says the publisher wrote them); each events
                // piece is checked against the hash its name carries.
                loaded
                    .chunks_named
                    .extend(ids.chunks.into_iter().map(|(n, name)| (n as usize, name)));
                loaded.id_pieces.insert(n);
            }
            Piece::Releases(n) => {
                let mut piece = catalogue::check_piece::<ReleasesPiece>(path, bytes)
                    .map_err(|e| e.to_string())?;
                add_places(&mut loaded.places, std::mem::take(&mut piece.places));
                loaded.releases.insert(n, (Arc::new(piece), false));
            }
            Piece::SearchMeta => {
                let meta = ShardMeta::decode(bytes).map_err(|e| format!("`{path}`: {e}"))?;
                // Its name carries its version: a meta of another build is
                // not mixed with this catalogue.
                if !path.ends_with(&format!("meta-{:016x}.bin", meta.version())) {
                    return Err(format!(
                        "`{path}`: belongs to another version of the search index"
                    ));
                }
                loaded.cross = meta.cross_language().clone();
                loaded.search_meta = Some(meta);
            }
            // Only checked: the map view reads it when it opens.
            Piece::Map(_) => {
                catalogue::check_text(path, bytes).map_err(|e| e.to_string())?;
            }
            Piece::Search(id) => {
                let Loaded {
                    search_meta,
                    shards,
                    ..
                } = &mut *loaded;
                let meta = search_meta
                    .as_ref()
                    .ok_or("the search index's meta is missing")?;
                shards
                    .insert(meta, id, bytes)
                    .map_err(|e| format!("`{path}`: {e}"))?;
            }
            Piece::Seized => {
                let seized =
                    SeizedPiece::read(path, bytes, self.rows).map_err(|e| e.to_string())?;
                loaded.seized = Some(Arc::new(seized));
            }
            Piece::Facts => {
                let facts = FactsPiece::read(path, bytes, self.rows).map_err(|e| e.to_string())?;
                loaded.facts = Some(Arc::new(facts));
            }
        }
        loaded.arrived.push(path.to_string());
        Ok(())
    }

    /// Every search piece, once the meta is here.
    fn search_pieces(&self) -> Vec<Piece> {
        let loaded = self.lock();
        let all = loaded.search_meta.as_ref().map(ShardMeta::all);
        all.unwrap_or_default()
            .into_iter()
            .map(Piece::Search)
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Loaded> {
        // A panic aborts the app (panic = "abort"): the lock is never poisoned.
        self.loaded.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every file of this version the page has read so far (the manifest,
    /// the catalogue, the pieces that arrived), relative to the page.
    pub fn fetched(&self) -> Vec<String> {
        let loaded = self.lock();
        [self.manifest.clone(), self.catalogue.clone()]
            .into_iter()
            .chain(loaded.arrived.iter().cloned())
            .collect()
    }
}

/// Keeps the place names a piece brought, each name once.
fn add_places(places: &mut Vec<(String, String)>, new: Vec<(String, String)>) {
    for p in new {
        if !places.iter().any(|(name, _)| *name == p.0) {
            places.push(p);
        }
    }
}

impl Events {
    /// The Russian name of the place the archive calls `name` (an event's
    /// `place`, stored in English): brought by the piece that brought the
    /// event, or, in the portable build, the gazetteer's. `None` when
    /// unknown: the name is shown as stored.
    pub fn place_ru(&self, name: &str) -> Option<String> {
        match self {
            #[cfg(feature = "whole-archive")]
            Events::Full(_) => caricc_core::gazetteer::place_named(name).map(|p| p.ru.to_string()),
            #[cfg(not(feature = "whole-archive"))]
            Events::Full(_) => None,
            Events::Pieces(s) => s
                .lock()
                .places
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, ru)| ru.clone()),
        }
    }

    /// The event at row position `pos`, if it is here.
    pub fn event(&self, pos: RowPos) -> Option<Event> {
        match self {
            Events::Full(t) => t.get(pos).cloned(),
            Events::Pieces(s) => {
                let pos = pos.0;
                let chunk = (pos / s.chunk_rows) as usize;
                let at = (pos % s.chunk_rows) as usize;
                s.lock().chunks.get(&chunk)?.get(at).cloned()
            }
        }
    }

    /// What a list shows of the event at row position `pos`, if it is
    /// here (from its list piece, or from the event itself).
    pub fn head(&self, pos: RowPos) -> Option<EventHead> {
        match self {
            Events::Full(t) => t
                .get(pos)
                .map(|e| EventHead::of(e, crate::titles::event_title(e))),
            Events::Pieces(s) => {
                if let Some(head) = s.first_heads.get(pos.index()) {
                    return Some(head.clone());
                }
                let pos = pos.0;
                let n = (pos / s.list_rows) as usize;
                let at = (pos % s.list_rows) as usize;
                let loaded = s.lock();
                if let Some(head) = loaded.lists.get(&n).and_then(|l| l.get(at)) {
                    return Some(head.clone());
                }
                // An event already here in full (a search listed it) has
                // its head too.
                let chunk = (pos / s.chunk_rows) as usize;
                let e = loaded
                    .chunks
                    .get(&chunk)?
                    .get((pos % s.chunk_rows) as usize)?;
                Some(EventHead::of(e, e.title.clone()))
            }
        }
    }

    /// True when what a list shows of every row of `rows` is here.
    pub fn has_heads(&self, rows: &[RowPos]) -> bool {
        match self {
            Events::Full(_) => true,
            Events::Pieces(s) => {
                let loaded = s.lock();
                rows.iter().all(|&RowPos(p)| {
                    (p as usize) < s.first_heads.len()
                        || loaded.lists.contains_key(&((p / s.list_rows) as usize))
                        || loaded.chunks.contains_key(&((p / s.chunk_rows) as usize))
                })
            }
        }
    }

    /// Asks for the list pieces holding `rows`, if any are missing.
    pub fn request_heads(self: &Arc<Self>, rows: &[RowPos], signals: PieceSignals) {
        let Events::Pieces(s) = &**self else { return };
        let missing: Vec<RowPos> = rows
            .iter()
            .copied()
            .filter(|p| p.index() >= s.first_heads.len())
            .collect();
        self.request(
            covering(&missing, s.list_rows, Piece::List),
            signals,
            usize::MAX,
        );
    }

    /// True when every event of `rows` is here.
    pub fn has_rows(&self, rows: &[RowPos]) -> bool {
        match self {
            Events::Full(_) => true,
            Events::Pieces(s) => {
                let loaded = s.lock();
                rows.iter()
                    .all(|&RowPos(p)| loaded.chunks.contains_key(&((p / s.chunk_rows) as usize)))
            }
        }
    }

    /// Where the event with this id is; `None` while its id piece has not
    /// arrived.
    pub fn position(&self, index: &ArchiveIndex, id: &str) -> Option<Located> {
        match self {
            Events::Full(t) => {
                Some(match t.position(id) {
                    Some(pos) => Located::Row(pos),
                    None => match index.releases.iter().position(|r| {
                        model::translated_event(std::slice::from_ref(r), id).is_some()
                    }) {
                        Some(ri) => Located::Translation(ReleaseIdx(ri as u32)),
                        None => Located::Nowhere,
                    },
                })
            }
            Events::Pieces(s) => {
                if s.id_pieces.is_empty() {
                    return Some(Located::Nowhere);
                }
                let slot = catalogue::id_slot(id, s.id_pieces.len());
                let loaded = s.lock();
                loaded.id_pieces.contains(&slot).then(|| {
                    match (loaded.ids.get(id), loaded.translated.get(id)) {
                        (Some(&pos), _) => Located::Row(RowPos(pos)),
                        (None, Some(&ri)) => Located::Translation(ReleaseIdx(ri)),
                        (None, None) => Located::Nowhere,
                    }
                })
            }
        }
    }

    /// What the catalogue leaves out of release `release` (its summary,
    /// the order of its events, its translations' texts), once its piece
    /// is here and holds together with `index`; `None` until then. A piece
    /// that does not hold together is dropped (a retry fetches it again)
    /// and its error is in `signals.failed`.
    pub fn release(
        &self,
        index: &ArchiveIndex,
        release: ReleaseIdx,
        signals: PieceSignals,
    ) -> Option<ReleaseDetail> {
        match self {
            Events::Full(_) => {
                let r = index.releases.get(release.index())?;
                Some(ReleaseDetail::of(r, &index.release_rows(release)))
            }
            Events::Pieces(s) => {
                let release = release.0;
                let n = (release / s.release_group) as usize;
                let at = (release % s.release_group) as usize;
                let mut loaded = s.lock();
                let (piece, checked) = loaded.releases.get_mut(&n)?;
                if !*checked {
                    let path = catalogue::resolve(&s.manifest, s.release_pieces.get(n)?);
                    if let Err(e) = piece.check(index, n, s.release_group, &path) {
                        loaded.releases.remove(&n);
                        loaded.arrived.retain(|p| *p != path);
                        drop(loaded);
                        signals.failed.set(Some(e.to_string()));
                        return None;
                    }
                    *checked = true;
                }
                piece.releases.get(at).cloned()
            }
        }
    }

    /// The title of release `release`: the catalogue's for the newest
    /// releases, else its release piece's, once that is here (`None`
    /// until then).
    pub fn release_title(
        &self,
        index: &ArchiveIndex,
        release: ReleaseIdx,
        signals: PieceSignals,
    ) -> Option<String> {
        let listed = index.releases.get(release.index())?;
        if !listed.title.is_empty() {
            return Some(listed.title.clone());
        }
        self.release(index, release, signals).map(|d| d.title)
    }

    /// True when the piece holding release `release`'s details is here.
    pub fn has_release(&self, release: ReleaseIdx) -> bool {
        match self {
            Events::Full(_) => true,
            Events::Pieces(s) => s
                .lock()
                .releases
                .contains_key(&((release.0 / s.release_group) as usize)),
        }
    }

    /// Asks for the piece holding release `release`'s details.
    pub fn request_release(self: &Arc<Self>, release: ReleaseIdx, signals: PieceSignals) {
        let Events::Pieces(s) = &**self else { return };
        let n = (release.0 / s.release_group) as usize;
        self.request(vec![Piece::Releases(n)], signals, usize::MAX);
    }

    /// Asks for the pieces holding `rows`, if any are missing.
    pub fn request_rows(self: &Arc<Self>, rows: &[RowPos], signals: PieceSignals) {
        let Events::Pieces(s) = &**self else { return };
        self.request(
            covering(rows, s.chunk_rows, Piece::Chunk),
            signals,
            usize::MAX,
        );
    }

    /// Asks for every piece of the version, the search index's included:
    /// "Save for offline" (the service worker keeps what passes through
    /// it), a few at a time.
    pub fn request_everything(self: &Arc<Self>, signals: PieceSignals) {
        let Events::Pieces(s) = &**self else { return };
        s.lock().everything = true;
        // The names first: the events pieces wait for them (and an archive
        // without events has the piece too).
        let mut all = vec![Piece::ChunkNames];
        all.extend((0..s.chunk_count).map(Piece::Chunk));
        all.extend((0..s.list_pieces.len()).map(Piece::List));
        all.extend((0..s.id_pieces.len()).map(Piece::Ids));
        all.extend((0..s.release_pieces.len()).map(Piece::Releases));
        all.push(Piece::SearchMeta);
        all.push(Piece::Seized);
        all.push(Piece::Facts);
        all.extend(s.search_pieces());
        all.extend((0..s.map_pieces().count()).map(Piece::Map));
        self.request(all, signals, LANES);
    }

    /// What the rows report seized: `Some(None)` when it is the index's own
    /// (a whole archive's, or none at all), `Some(Some(_))` once its piece
    /// has arrived, `None` until then ([`Events::request_seized`]).
    pub fn seized(&self) -> Option<Option<Arc<Vec<Seizure>>>> {
        match self {
            Events::Pieces(s) if s.seized.is_some() => s.lock().seized.clone().map(Some),
            _ => Some(None),
        }
    }

    /// True when what the rows report seized is here (or there is none).
    pub fn has_seized(&self) -> bool {
        self.seized().is_some()
    }

    /// What the rows' facts name: `Some(None)` when it is the index's own
    /// (a whole archive's, or none at all), `Some(Some(_))` once its piece
    /// has arrived, `None` until then ([`Events::request_facts`]).
    pub fn facts(&self) -> Option<Option<Arc<Vec<RowFacts>>>> {
        match self {
            Events::Pieces(s) if s.facts.is_some() => s.lock().facts.clone().map(Some),
            _ => Some(None),
        }
    }

    /// Asks for the facts piece, if it is missing.
    pub fn request_facts(self: &Arc<Self>, signals: PieceSignals) {
        self.request(vec![Piece::Facts], signals, 1);
    }

    /// Asks for the events pieces' names, if they are missing: for a view
    /// known to read events in full from the start (an event's page), so
    /// that they come beside what it fetches first rather than after it.
    pub fn request_chunk_names(self: &Arc<Self>, signals: PieceSignals) {
        self.request(vec![Piece::ChunkNames], signals, 1);
    }

    /// Asks for the seized piece, if it is missing.
    pub fn request_seized(self: &Arc<Self>, signals: PieceSignals) {
        self.request(vec![Piece::Seized], signals, 1);
    }

    /// Where the map's geodata piece is, relative to the page: `None` for
    /// a whole archive (the portable build carries it) or a catalogue
    /// without one.
    pub fn geo_path(&self) -> Option<&str> {
        match self {
            Events::Pieces(s) => s.geo.as_deref(),
            Events::Full(_) => None,
        }
    }

    /// Where the regions piece is, relative to the page (as
    /// [`Events::geo_path`]).
    pub fn regions_path(&self) -> Option<&str> {
        match self {
            Events::Pieces(s) => s.regions.as_deref(),
            Events::Full(_) => None,
        }
    }

    /// Where the regions' outlines piece is, relative to the page (as
    /// [`Events::geo_path`]).
    pub fn outlines_path(&self) -> Option<&str> {
        match self {
            Events::Pieces(s) => s.outlines.as_deref(),
            Events::Full(_) => None,
        }
    }

    /// How many pieces are here, of how many (both 0 for a whole archive).
    pub fn progress(&self) -> (usize, usize) {
        match self {
            Events::Full(_) => (0, 0),
            Events::Pieces(s) => {
                let loaded = s.lock();
                let search = match (&s.search, &loaded.search_meta) {
                    (None, _) => 0,
                    (Some(_), None) => 1,
                    (Some(_), Some(meta)) => 1 + meta.all().len(),
                };
                (
                    loaded.arrived.len(),
                    1 + s.chunk_count
                        + s.list_pieces.len()
                        + s.id_pieces.len()
                        + s.release_pieces.len()
                        + usize::from(s.seized.is_some())
                        + usize::from(s.facts.is_some())
                        + search
                        + s.map_pieces().count(),
                )
            }
        }
    }

    /// Asks for the id piece that says where `id` is.
    pub fn request_id(self: &Arc<Self>, id: &str, signals: PieceSignals) {
        let Events::Pieces(s) = &**self else { return };
        if s.id_pieces.is_empty() {
            return;
        }
        let slot = catalogue::id_slot(id, s.id_pieces.len());
        self.request(vec![Piece::Ids(slot)], signals, usize::MAX);
    }
}
