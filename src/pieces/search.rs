//! A published site's search index in pieces (`data/search/`, built by the
//! publish step): the meta, then the pieces a query needs, in two rounds.

use std::sync::Arc;

use caricc_core::index::RowPos;
use caricc_core::search::{
    CrossAdded, CrossLanguage, LoadedShards, Segment, ShardId, ShardMeta, ShardedSearch,
};

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
            // The engine itself is a chunk of the wasm, asked for with the
            // meta; the query runs once both are here.
            let engine_here = crate::split::shown(SEARCH_CHUNK);
            if !engine_here {
                crate::split::load_code(SEARCH_CHUNK, preload_search, signals.failed);
            }
            match &loaded.search_meta {
                None => vec![Piece::SearchMeta],
                Some(_) if !engine_here => return None,
                Some(meta) => {
                    let mut job = SearchJob::Answer {
                        meta,
                        shards: &loaded.shards,
                        q,
                        out: None,
                    };
                    if !run(&mut job) {
                        return None;
                    }
                    let SearchJob::Answer {
                        out: Some(answer), ..
                    } = job
                    else {
                        return None;
                    };
                    match answer {
                        Answer::NoWords => return Some(None),
                        Answer::Needs(needs) => needs.into_iter().map(Piece::Search).collect(),
                        Answer::Found(rows) => {
                            loaded.last_search = Some((q.to_string(), rows.clone()));
                            return Some(Some(rows));
                        }
                        Answer::Failed(e) => {
                            drop(loaded);
                            signals.failed.set(Some(e));
                            return None;
                        }
                    }
                }
            }
        };
        self.request(wanted, signals, usize::MAX);
        None
    }
}

/// The chunk of the wasm holding the search engine: planning a query
/// against the index's dictionaries, ranking, snippets and the other
/// language's terms (`caricc_search`, its stemmers and folding tables). No
/// first screen but a search's needs it: a page opening on a query asks
/// for it as it starts (`preload_search`), a query typed later beside the
/// index's meta, and the service worker has it cached after a first visit.
pub const SEARCH_CHUNK: &str = "search";

/// What a query of the published index came to.
enum Answer {
    /// The query has no word to search for.
    NoWords,
    /// The index's pieces it still needs.
    Needs(Vec<ShardId>),
    /// The matching rows, best first.
    Found(Vec<RowPos>),
    /// The pieces it read do not fit together (the message says how).
    Failed(String),
}

/// One call into the search chunk: what to do, and its answer.
enum SearchJob<'a> {
    Answer {
        meta: &'a ShardMeta,
        shards: &'a LoadedShards,
        q: &'a str,
        out: Option<Answer>,
    },
    Snippet {
        q: &'a str,
        text: &'a str,
        max: usize,
        cross: &'a CrossLanguage,
        out: Vec<Segment>,
    },
    Added {
        q: &'a str,
        cross: &'a CrossLanguage,
        out: Vec<CrossAdded>,
    },
}

impl SearchJob<'_> {
    fn run(&mut self) {
        match self {
            SearchJob::Answer {
                meta,
                shards,
                q,
                out,
            } => {
                *out = Some(match ShardedSearch::plan(meta, q) {
                    None => Answer::NoWords,
                    Some(plan) => {
                        let needs = plan.needs(meta, shards);
                        if needs.is_empty() {
                            let started = browser::now_ms();
                            let answer = plan.execute(meta, shards);
                            browser::measure_since("search", started);
                            match answer {
                                Ok(found) => Answer::Found(
                                    found
                                        .hits
                                        .into_iter()
                                        .map(|h| RowPos::from(h.doc))
                                        .collect(),
                                ),
                                Err(e) => Answer::Failed(e.to_string()),
                            }
                        } else {
                            Answer::Needs(needs)
                        }
                    }
                });
            }
            SearchJob::Snippet {
                q,
                text,
                max,
                cross,
                out,
            } => *out = caricc_core::search::snippet_with_thesaurus(q, text, *max, cross),
            SearchJob::Added { q, cross, out } => *out = cross.added(q),
        }
    }
}

// The job crosses into the chunk as its address (a split function's
// arguments pass by the C ABI); the caller holds it borrowed for the call.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_search))]
pub(crate) fn run_in_chunk(job: usize) -> Result<(), crate::split::ChunkFailed> {
    // SAFETY: `job` is the address of a `SearchJob` that `run` holds
    // mutably borrowed until this returns, in this same memory.
    unsafe { &mut *(job as *mut SearchJob<'static>) }.run();
    Ok(())
}

/// Asks for the search chunk (nothing to fetch without the split).
#[cfg(not(feature = "split"))]
pub async fn preload_search() -> Result<(), crate::split::ChunkFailed> {
    Ok(())
}

/// Runs `job` in the search chunk; false when the chunk is not here yet.
fn run(job: &mut SearchJob<'_>) -> bool {
    #[cfg(feature = "split")]
    {
        // Not a load: the one who needs the engine asks for it (`search`).
        if !crate::split::shown(SEARCH_CHUNK) {
            return false;
        }
        let address = job as *mut SearchJob<'_> as usize;
        matches!(crate::split::now(run_in_chunk(address)), Some(Ok(())))
    }
    #[cfg(not(feature = "split"))]
    {
        job.run();
        true
    }
}

/// [`caricc_core::search::snippet_with_thesaurus`], run in the search
/// chunk: `None` while it is not here (the list shows the text's start).
pub fn snippet(q: &str, text: &str, max: usize, cross: &CrossLanguage) -> Option<Vec<Segment>> {
    let mut job = SearchJob::Snippet {
        q,
        text,
        max,
        cross,
        out: Vec::new(),
    };
    run(&mut job).then(|| match job {
        SearchJob::Snippet { out, .. } => out,
        _ => Vec::new(),
    })
}

/// The terms of the other language `q` also searched (`CrossLanguage::added`),
/// run in the search chunk: none while it is not here.
pub fn added(q: &str, cross: &CrossLanguage) -> Vec<CrossAdded> {
    let mut job = SearchJob::Added {
        q,
        cross,
        out: Vec::new(),
    };
    run(&mut job);
    match job {
        SearchJob::Added { out, .. } => out,
        _ => Vec::new(),
    }
}
