//! A whole archive in memory: the portable file's inlined archive (or, in
//! a build with this feature, an `archive=` naming an `archive.json`),
//! decoded and indexed here, and searched with the in-memory engine built
//! in the background. Only in builds with the `whole-archive` feature (the
//! portable build): the web build reads published sites, whose index is
//! prebuilt (`crate::pieces`), and is smaller without this.

use std::sync::{Arc, Mutex, OnceLock};

use caricc_core::index::{ArchiveIndex, RowPos};
use caricc_core::model;
use caricc_core::search::{CrossLanguage, DocId, SearchDoc, SearchIndex, SearchIndexBuilder};
use caricc_core::thesaurus;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::ctx::Data;
use crate::pieces::Events;

/// The in-memory search index and its build in slices.
#[derive(Default)]
pub struct MemorySearch {
    search: OnceLock<SearchIndex>,
    /// The search index while it is built in slices (see `build_search_until`).
    pending: Mutex<Option<SearchIndexBuilder>>,
    claimed: std::sync::atomic::AtomicBool,
    /// The thesaurus its queries cross languages with, for the views.
    cross: OnceLock<Arc<CrossLanguage>>,
}

impl MemorySearch {
    /// The thesaurus the in-memory index crosses languages with (the
    /// compiled-in `data/thesaurus.json`).
    pub fn cross_language(&self) -> Arc<CrossLanguage> {
        self.cross
            .get_or_init(|| Arc::new(thesaurus::cross_language()))
            .clone()
    }
}

/// Decodes archive text into [`Data`], with the error a reader sees.
pub fn decode(text: &str, source: &str) -> Result<Data, String> {
    let started = browser::now_ms();
    let (archive, warnings) = model::decode(text).map_err(|e| format!("{source}: {e}"))?;
    browser::measure_since("archive-decode", started);
    let started = browser::now_ms();
    let (index, events) = ArchiveIndex::new(archive);
    browser::measure_since("archive-index", started);
    Ok(Data::new(index, Events::Full(events), warnings, None))
}

/// The rows matching `q`, best first (`None` when it has no word to search
/// for), measured as `performance.measure("search")`.
pub fn search(data: &Data, q: &str) -> Option<Vec<RowPos>> {
    let started = browser::now_ms();
    // Phrases in quotes are checked word for word against the text.
    let hits = data
        .search_index()
        .search_with_text(q, |pos| data.search_doc(pos));
    browser::measure_since("search", started);
    hits.map(|h| h.into_iter().map(|h| RowPos::from(h.doc)).collect())
}

impl Data {
    /// What was indexed as search document `pos`, for checking phrases.
    pub fn search_doc(&self, doc: DocId) -> Option<SearchDoc<'_>> {
        let Events::Full(t) = &*self.events else {
            return None;
        };
        let e = t.get(RowPos::from(doc))?;
        Some(SearchDoc {
            title: &e.title,
            body: &e.body,
        })
    }

    /// The search index (doc ids are row positions): the one built in the
    /// background, or, asked for before that is done, what it has so far
    /// finished here and now.
    pub fn search_index(&self) -> &SearchIndex {
        self.memory.search.get_or_init(|| {
            let mut builder = self.lock_pending().take().unwrap_or_default();
            self.add_to_search(&mut builder, f64::INFINITY);
            builder.finish().with_thesaurus(thesaurus::cross_language())
        })
    }

    /// Adds documents to the search index being built until `deadline`
    /// (`performance.now()` ms) passes. True once the index is ready.
    ///
    /// The app calls this from short tasks, so that indexing 100,000 events
    /// (about 1.5 s) never holds the page still for longer than a slice.
    pub fn build_search_until(&self, deadline: f64) -> bool {
        if self.memory.search.get().is_some() {
            return true;
        }
        let mut pending = self.lock_pending();
        let builder = pending.get_or_insert_with(SearchIndexBuilder::new);
        if !self.add_to_search(builder, deadline) {
            return false;
        }
        let index = pending
            .take()
            .map(|b| b.finish().with_thesaurus(thesaurus::cross_language()));
        drop(pending);
        if let Some(index) = index {
            let _ = self.memory.search.set(index);
        }
        true
    }

    /// Adds the next documents to `builder`, checking the clock every 64;
    /// true when every document is in.
    fn add_to_search(&self, builder: &mut SearchIndexBuilder, deadline: f64) -> bool {
        let n = self.index.len();
        while builder.len() < n {
            for _ in 0..64 {
                match self.search_doc(DocId(builder.len() as u32)) {
                    Some(doc) => builder.add(&doc),
                    None => return true,
                }
            }
            if builder.len() < n && browser::now_ms() >= deadline {
                return false;
            }
        }
        true
    }

    fn lock_pending(&self) -> std::sync::MutexGuard<'_, Option<SearchIndexBuilder>> {
        // A panic aborts the app (panic = "abort"): the lock is never poisoned.
        self.memory
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    pub fn search_ready(&self) -> bool {
        self.memory.search.get().is_some()
    }

    /// True the first time it is asked: who asked starts the build.
    pub fn claim_search_build(&self) -> bool {
        !self
            .memory
            .claimed
            .swap(true, std::sync::atomic::Ordering::Relaxed)
    }
}

/// Builds `data`'s search index a slice at a time, the first slice after
/// `delay` ms, marking `search-ready` when done.
pub fn build_search_in_slices(data: Arc<Data>, delay: i32) {
    /// A slice's length in ms: well inside a 60 Hz frame.
    const SLICE_MS: f64 = 8.0;
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        if data.build_search_until(browser::now_ms() + SLICE_MS) {
            browser::mark("search-ready");
        } else {
            build_search_in_slices(data, 0);
        }
    });
    let _ = browser::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), delay);
}

#[cfg(test)]
mod tests {
    use super::*;
    use caricc_core::model;
    use caricc_ingest::synth::{generate, Model, Params};
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// A synthetic archive of `events` events, learned from the bundled one.
    fn data(events: usize) -> Data {
        let (bundled, _) = model::decode(include_str!("../../data/archive.json"))
            .expect("the bundled archive decodes");
        let archive = generate(
            &Model::from_archive(&bundled),
            &Params {
                events,
                ..Params::default()
            },
        );
        let (index, events) = ArchiveIndex::new(archive);
        Data::new(index, Events::Full(events), Vec::new(), None)
    }

    fn hits(ix: &SearchIndex, q: &str) -> Vec<u32> {
        ix.search(q)
            .unwrap_or_default()
            .iter()
            .map(|h| h.doc.0)
            .collect()
    }

    #[wasm_bindgen_test]
    fn the_search_index_built_in_slices_answers_as_one_built_at_once() {
        let whole = {
            let d = data(600);
            SearchIndex::build((0..d.index.len() as u32).filter_map(|pos| d.search_doc(DocId(pos))))
                .with_thesaurus(thesaurus::cross_language())
        };
        let queries = ["heroin", "наркотик", "police seized", "karasora", "нарк"];
        assert!(queries.iter().any(|q| !hits(&whole, q).is_empty()));

        // Slices of one millisecond: several, then ready.
        let d = data(600);
        let mut slices = 1;
        while !d.build_search_until(browser::now_ms() + 1.0) {
            slices += 1;
            assert!(slices < 10_000);
        }
        assert!(d.search_ready());
        for q in queries {
            assert_eq!(hits(d.search_index(), q), hits(&whole, q), "{q}");
        }

        // A query before the background build is done finishes it at once.
        let d = data(600);
        assert!(
            !d.build_search_until(0.0),
            "a deadline already past still adds one step, not all"
        );
        assert!(!d.search_ready());
        for q in queries {
            assert_eq!(hits(d.search_index(), q), hits(&whole, q), "{q}");
        }
        assert!(
            d.build_search_until(0.0),
            "and the background build then stops"
        );
    }
}
