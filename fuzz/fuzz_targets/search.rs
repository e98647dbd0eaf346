//! The search query parser and a search over a small index.
//!
//! Input: a query, a newline, then documents (one per line, title and body
//! split at the first tab). The query runs against an index of those
//! documents and against one of the bundled archive, with and without phrase
//! checking, and as a snippet of each of its own documents. Never a panic; hits name
//! existing documents, once each, with finite scores.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use caricc_core::model;
use caricc_core::search::{self, DocId, Hit, SearchDoc, SearchIndex};
use libfuzzer_sys::fuzz_target;

/// Titles and bodies of the bundled archive.
fn archive_docs() -> &'static (Vec<String>, Vec<Vec<String>>, SearchIndex) {
    static DOCS: OnceLock<(Vec<String>, Vec<Vec<String>>, SearchIndex)> = OnceLock::new();
    DOCS.get_or_init(|| {
        let json = include_str!("../../data/archive.json");
        let (archive, _) = model::decode(json).expect("the bundled archive decodes");
        let events: Vec<_> = archive.releases.into_iter().flat_map(|r| r.events).collect();
        let titles: Vec<String> = events.iter().map(|e| e.title.clone()).collect();
        let bodies: Vec<Vec<String>> = events.into_iter().map(|e| e.body).collect();
        let index = SearchIndex::build(
            titles.iter().zip(&bodies).map(|(t, b)| SearchDoc { title: t, body: b }),
        );
        (titles, bodies, index)
    })
}

fn check(hits: Option<Vec<Hit>>, docs: usize) {
    let Some(hits) = hits else { return };
    let mut seen = HashSet::new();
    for h in hits {
        assert!((h.doc.0 as usize) < docs, "hit {} of {docs} documents", h.doc.0);
        assert!(seen.insert(h.doc), "document {} twice", h.doc.0);
        assert!(h.score.is_finite(), "score {}", h.score);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (query, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let mut titles = Vec::new();
    let mut bodies = Vec::new();
    for line in rest.lines().take(32) {
        let (t, b) = line.split_once('\t').unwrap_or((line, ""));
        titles.push(t.to_string());
        bodies.push(if b.is_empty() { vec![] } else { b.split('\u{b6}').map(str::to_string).collect() });
    }
    let docs = |d: DocId| {
        let d = d.0 as usize;
        Some(SearchDoc { title: titles.get(d)?, body: bodies.get(d)? })
    };
    let index = SearchIndex::build((0..titles.len() as u32).map(DocId).filter_map(docs));
    check(index.search(query), titles.len());
    check(index.search_with_text(query, docs), titles.len());
    for (t, b) in titles.iter().zip(&bodies) {
        let _ = search::snippet(query, t, 400);
        let _ = search::snippet(query, &b.join(" "), 240);
    }

    let (atitles, abodies, aindex) = archive_docs();
    let adocs = |d: DocId| {
        let d = d.0 as usize;
        Some(SearchDoc { title: atitles.get(d)?, body: abodies.get(d)? })
    };
    check(aindex.search(query), atitles.len());
    check(aindex.search_with_text(query, adocs), atitles.len());
});
