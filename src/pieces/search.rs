//! A published site's search index in pieces (`data/search/`, built by the
//! publish step): the meta, then the pieces a query needs, in two rounds.

use std::sync::Arc;

use caricc_core::index::RowPos;
use caricc_core::search::{CrossLanguage, ShardedSearch};

use super::{Events, Piece, PieceSignals};
use crate::browser;
use leptos::prelude::*;

impl Events {
    /// The thesaurus the published search index crosses languages with
    /// (empty until its meta is here; always empty for a whole archive,
    /// whose in-memory index has its own).
    pub fn cross_language(&self) -> Arc<CrossLanguage> {
        match self {
            Events::Pieces(s) => s.lock().cross.clone(),
            Events::Full(_) => Arc::default(),
        }
    }

    /// Asks for the search index's meta (a few KB), so that the first
    /// query has one round of fetches less; `search-ready` is marked when
    /// it has arrived.
    pub fn prefetch_search(self: &Arc<Self>, signals: PieceSignals) {
        self.request(vec![Piece::SearchMeta], signals, 1);
    }

    /// Answers `q` from the published search index: `None` while pieces it
    /// needs are on their way (asked for here: the meta, then the
    /// dictionary shards, then the postings), `Some(None)` when the query
    /// has no word to search for, else the matching rows, best first.
    pub fn search(self: &Arc<Self>, q: &str, signals: PieceSignals) -> Option<Option<Vec<RowPos>>> {
        let Events::Pieces(s) = &**self else {
            return Some(None);
        };
        if s.search.is_none() {
            return Some(Some(Vec::new())); // an archive without events
        }
        let wanted: Vec<Piece> = {
            let mut loaded = s.lock();
            // The same query again (the selection runs again when the rows'
            // facts arrive, or the filters change): its last answer.
            if let Some((last, found)) = &loaded.last_search {
                if last == q {
                    return Some(Some(found.clone()));
                }
            }
            match &loaded.search_meta {
                None => vec![Piece::SearchMeta],
                Some(meta) => {
                    let plan = ShardedSearch::plan(meta, q)?;
                    let needs = plan.needs(meta, &loaded.shards);
                    if needs.is_empty() {
                        let started = browser::now_ms();
                        let answer = plan.execute(meta, &loaded.shards);
                        browser::measure_since("search", started);
                        return match answer {
                            Ok(found) => {
                                let rows: Vec<RowPos> = found
                                    .hits
                                    .into_iter()
                                    .map(|h| RowPos::from(h.doc))
                                    .collect();
                                loaded.last_search = Some((q.to_string(), rows.clone()));
                                Some(Some(rows))
                            }
                            Err(e) => {
                                drop(loaded);
                                signals.failed.set(Some(e.to_string()));
                                None
                            }
                        };
                    }
                    needs.into_iter().map(Piece::Search).collect()
                }
            }
        };
        self.request(wanted, signals, usize::MAX);
        None
    }
}
