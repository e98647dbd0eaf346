//! The search engine as the browser benchmark drives it: decode an archive
//! (untimed), build the index (timed by the page), run queries.

use std::cell::RefCell;

use caricc_core::model::{decode, Event};
use caricc_core::search::{SearchDoc, SearchIndex};
use wasm_bindgen::prelude::*;

#[derive(Default)]
struct State {
    events: Vec<Event>,
    index: Option<SearchIndex>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Decodes the archive and keeps its events; returns how many.
#[wasm_bindgen]
pub fn load(json: &str) -> Result<u32, JsError> {
    let (archive, _) = decode(json).map_err(|e| JsError::new(&e.to_string()))?;
    let events: Vec<Event> = archive.releases.into_iter().flat_map(|r| r.events).collect();
    let n = events.len() as u32;
    STATE.with(|s| s.borrow_mut().events = events);
    Ok(n)
}

/// Builds the index over the loaded events; returns the number of terms.
#[wasm_bindgen]
pub fn build() -> u32 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let index =
            SearchIndex::build(s.events.iter().map(|e| SearchDoc { title: &e.title, body: &e.body }));
        let terms = index.stats().terms as u32;
        s.index = Some(index);
        terms
    })
}

/// Runs a query; returns the number of hits (0 for none or no query).
#[wasm_bindgen]
pub fn query(q: &str) -> u32 {
    STATE.with(|s| s.borrow().index.as_ref().and_then(|ix| ix.search(q)).map_or(0, |h| h.len() as u32))
}

/// Bytes the index holds.
#[wasm_bindgen]
pub fn index_bytes() -> u32 {
    STATE.with(|s| s.borrow().index.as_ref().map_or(0, |ix| ix.stats().heap_bytes as u32))
}

/// The size of the wasm linear memory (it only grows).
#[wasm_bindgen]
pub fn memory_bytes() -> u32 {
    (core::arch::wasm32::memory_size(0) * 65536) as u32
}
