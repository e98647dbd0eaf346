//! Fetching pieces: each once, a few at a time, checked on arrival.

use caricc_core::index::RowPos;
use std::sync::Arc;

use leptos::prelude::*;

use super::{Events, Piece, PieceSignals, LANES};
use crate::{browser, loader};

impl Events {
    /// Asks for `pieces` (those neither here nor on their way), at most
    /// `lanes` in flight at once; each bumps `signals.arrived` when it has
    /// arrived and been checked, or sets `signals.failed`.
    pub(super) fn request(
        self: &Arc<Self>,
        pieces: Vec<Piece>,
        signals: PieceSignals,
        lanes: usize,
    ) {
        let Events::Pieces(s) = &**self else { return };
        let mut queue: Vec<(Piece, String)> = Vec::new();
        {
            let mut loaded = s.lock();
            for mut piece in pieces.into_iter().rev() {
                // An events piece is named by the names piece (or, for an
                // event's page, by its id piece): that comes first (asked
                // for once), and the views that wanted the events ask again
                // when it arrives (`arrived`).
                if let Piece::Chunk(n) = piece {
                    if loaded.chunk_names.is_none() && !loaded.chunks_named.contains_key(&n) {
                        piece = Piece::ChunkNames;
                    }
                }
                if s.has(piece, &loaded) {
                    continue;
                }
                let Some(path) = s.path(piece, &loaded) else {
                    continue;
                };
                if loaded.pending.insert(path.clone()) {
                    queue.push((piece, path));
                }
            }
        }
        let lanes = lanes.min(queue.len());
        let queue = std::rc::Rc::new(std::cell::RefCell::new(queue));
        for _ in 0..lanes {
            let (this, queue) = (Arc::clone(self), std::rc::Rc::clone(&queue));
            leptos::task::spawn_local(async move {
                loop {
                    let next = queue.borrow_mut().pop();
                    let Some((piece, path)) = next else { break };
                    let bytes = fetch_piece(&path).await;
                    let Events::Pieces(s) = &*this else { return };
                    let result = bytes.and_then(|b| s.take(piece, &path, &b));
                    let everything = {
                        let mut loaded = s.lock();
                        loaded.pending.remove(&path);
                        loaded.everything
                    };
                    match result {
                        Ok(()) => {
                            // "Save for offline" asked for the events
                            // pieces before their names were here.
                            if piece == Piece::ChunkNames && everything {
                                this.request_everything(signals);
                            }
                            if piece == Piece::SearchMeta {
                                browser::mark("search-ready");
                                if everything {
                                    this.request(s.search_pieces(), signals, LANES);
                                }
                            }
                            signals.arrived.update(|n| *n += 1);
                        }
                        Err(e) => signals.failed.set(Some(e)),
                    }
                }
            });
        }
    }
}

/// The pieces of `per` rows each (`piece(n)` is number `n`) that hold
/// `rows`, each once. A page's rows lie in a few pieces: a linear dedup,
/// no sort.
pub(super) fn covering(rows: &[RowPos], per: u32, piece: fn(usize) -> Piece) -> Vec<Piece> {
    let mut wanted: Vec<Piece> = Vec::new();
    for p in rows.iter().map(|&RowPos(p)| piece((p / per) as usize)) {
        if !wanted.contains(&p) {
            wanted.push(p);
        }
    }
    wanted
}

/// Fetches the piece at `path` (relative to the page). Not generic, so the
/// fetch is in the wasm once; the caller checks it ([`catalogue::check_piece`]).
#[inline(never)]
pub async fn fetch_piece(path: &str) -> Result<Vec<u8>, String> {
    loader::fetch_bytes(path).await
}
