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

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use caricc_core::catalogue::{self, Catalogue, EventsPiece, IdPiece};
use caricc_core::index::EventTable;
use caricc_core::model::Event;
use leptos::prelude::*;

use crate::loader;

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

/// Where the events are.
pub enum Events {
    /// Every event in memory, in row order.
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
    chunks: Vec<String>,
    id_pieces: Vec<String>,
    loaded: Mutex<Loaded>,
}

#[derive(Default)]
struct Loaded {
    chunks: HashMap<usize, Arc<Vec<Event>>>,
    ids: HashMap<String, u32>,
    id_pieces: HashSet<usize>,
    /// Pieces being fetched, by path: asked for once.
    pending: HashSet<String>,
}

impl PieceStore {
    /// The store for `catalogue`, read from the manifest at `manifest`.
    pub fn new(manifest: &str, catalogue_path: &str, catalogue: &Catalogue) -> PieceStore {
        PieceStore {
            manifest: manifest.to_string(),
            catalogue: catalogue_path.to_string(),
            chunk_rows: catalogue.chunk_rows.max(1),
            chunks: catalogue.chunks.clone(),
            id_pieces: catalogue.id_pieces.clone(),
            loaded: Mutex::new(Loaded::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Loaded> {
        // A panic aborts the app (panic = "abort"): the lock is never poisoned.
        self.loaded.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every file of this version the page has read so far (the manifest,
    /// the catalogue, the pieces that arrived), relative to the page.
    pub fn fetched(&self) -> Vec<String> {
        let loaded = self.lock();
        let chunks = loaded.chunks.keys().map(|&c| &self.chunks[c]);
        let ids = loaded.id_pieces.iter().map(|&s| &self.id_pieces[s]);
        [self.manifest.clone(), self.catalogue.clone()]
            .into_iter()
            .chain(
                chunks
                    .chain(ids)
                    .map(|p| catalogue::resolve(&self.manifest, p)),
            )
            .collect()
    }

    /// The events piece of row `pos`, and the row's place in it.
    pub fn locate(&self, pos: u32) -> (usize, usize) {
        (
            (pos / self.chunk_rows) as usize,
            (pos % self.chunk_rows) as usize,
        )
    }

    /// Every events piece in row order, once all have arrived.
    pub fn snapshot(&self) -> Option<Vec<Arc<Vec<Event>>>> {
        let loaded = self.lock();
        (0..self.chunks.len())
            .map(|c| loaded.chunks.get(&c).cloned())
            .collect()
    }
}

impl Events {
    /// The event at row position `pos`, if it is here.
    pub fn event(&self, pos: u32) -> Option<Event> {
        match self {
            Events::Full(t) => t.get(pos).cloned(),
            Events::Pieces(s) => {
                let chunk = (pos / s.chunk_rows) as usize;
                let at = (pos % s.chunk_rows) as usize;
                s.lock().chunks.get(&chunk)?.get(at).cloned()
            }
        }
    }

    /// True when every event of `rows` is here.
    pub fn has_rows(&self, rows: &[u32]) -> bool {
        match self {
            Events::Full(_) => true,
            Events::Pieces(s) => {
                let loaded = s.lock();
                rows.iter()
                    .all(|&p| loaded.chunks.contains_key(&((p / s.chunk_rows) as usize)))
            }
        }
    }

    /// The row position of the event with this id: `Some(None)` when it is
    /// known not to exist, `None` while its id piece has not arrived.
    pub fn position(&self, id: &str) -> Option<Option<u32>> {
        match self {
            Events::Full(t) => Some(t.position(id)),
            Events::Pieces(s) => {
                let slot = catalogue::id_slot(id, s.id_pieces.len());
                let loaded = s.lock();
                if s.id_pieces.is_empty() {
                    return Some(None);
                }
                loaded
                    .id_pieces
                    .contains(&slot)
                    .then(|| loaded.ids.get(id).copied())
            }
        }
    }

    /// Asks for the pieces holding `rows`, if any are missing.
    pub fn request_rows(self: &Arc<Self>, rows: &[u32], signals: PieceSignals) {
        let Events::Pieces(s) = &**self else { return };
        // A page's rows lie in a few pieces: a linear dedup, no sort (each
        // sort is a few KB of wasm).
        let mut wanted: Vec<usize> = Vec::new();
        for chunk in rows.iter().map(|&p| (p / s.chunk_rows) as usize) {
            if !wanted.contains(&chunk) {
                wanted.push(chunk);
            }
        }
        for chunk in wanted {
            let Some(name) = s.chunks.get(chunk) else {
                continue;
            };
            let path = catalogue::resolve(&s.manifest, name);
            {
                let mut loaded = s.lock();
                if loaded.chunks.contains_key(&chunk) || !loaded.pending.insert(path.clone()) {
                    continue;
                }
            }
            let this = Arc::clone(self);
            leptos::task::spawn_local(async move {
                let result = fetch_piece(&path).await.and_then(|b| {
                    catalogue::check_piece::<EventsPiece>(&path, &b).map_err(|e| e.to_string())
                });
                let Events::Pieces(s) = &*this else { return };
                s.lock().pending.remove(&path);
                match result {
                    Ok(piece) if piece.first == chunk as u32 * s.chunk_rows => {
                        s.lock().chunks.insert(chunk, Arc::new(piece.events));
                        signals.arrived.update(|n| *n += 1);
                    }
                    Ok(_) => signals.failed.set(Some(format!(
                        "`{path}`: holds other rows than the catalogue says"
                    ))),
                    Err(e) => signals.failed.set(Some(e)),
                }
            });
        }
    }

    /// Asks for every events piece not here yet (a search before the
    /// prebuilt index exists).
    pub fn request_all(self: &Arc<Self>, signals: PieceSignals) {
        if let Events::Pieces(s) = &**self {
            let rows: Vec<u32> = (0..s.chunks.len() as u32)
                .map(|c| c * s.chunk_rows)
                .collect();
            self.request_rows(&rows, signals);
        }
    }

    /// Asks for every piece of the version, id pieces included: "Save for
    /// offline" (the service worker keeps what passes through it).
    pub fn request_everything(self: &Arc<Self>, signals: PieceSignals) {
        self.request_all(signals);
        if let Events::Pieces(s) = &**self {
            for slot in 0..s.id_pieces.len() {
                self.request_slot(slot, signals);
            }
        }
    }

    /// How many pieces are here, of how many (both 0 for a whole archive).
    pub fn progress(&self) -> (usize, usize) {
        match self {
            Events::Full(_) => (0, 0),
            Events::Pieces(s) => {
                let loaded = s.lock();
                (
                    loaded.chunks.len() + loaded.id_pieces.len(),
                    s.chunks.len() + s.id_pieces.len(),
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
        self.request_slot(catalogue::id_slot(id, s.id_pieces.len()), signals);
    }

    fn request_slot(self: &Arc<Self>, slot: usize, signals: PieceSignals) {
        let Events::Pieces(s) = &**self else { return };
        let path = catalogue::resolve(&s.manifest, &s.id_pieces[slot]);
        {
            let mut loaded = s.lock();
            if loaded.id_pieces.contains(&slot) || !loaded.pending.insert(path.clone()) {
                return;
            }
        }
        let this = Arc::clone(self);
        leptos::task::spawn_local(async move {
            let result = fetch_piece(&path).await.and_then(|b| {
                catalogue::check_piece::<IdPiece>(&path, &b).map_err(|e| e.to_string())
            });
            let Events::Pieces(s) = &*this else { return };
            let mut loaded = s.lock();
            loaded.pending.remove(&path);
            match result {
                Ok(piece) => {
                    loaded.ids.extend(piece.ids);
                    loaded.id_pieces.insert(slot);
                    drop(loaded);
                    signals.arrived.update(|n| *n += 1);
                }
                Err(e) => {
                    drop(loaded);
                    signals.failed.set(Some(e));
                }
            }
        });
    }
}

/// Fetches the piece at `path` (relative to the page). Not generic, so the
/// fetch is in the wasm once; the caller checks it ([`catalogue::check_piece`]).
#[inline(never)]
pub async fn fetch_piece(path: &str) -> Result<Vec<u8>, String> {
    loader::fetch_bytes(path, &|_, _| {}).await
}
