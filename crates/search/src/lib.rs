//! Full-text search over event titles and bodies, in English and Russian,
//! fast enough to run in the browser on every keystroke.
//!
//! This crate owns the public face of search: [`SearchIndex`] (build once,
//! query often), [`Hit`], and [`snippet`] for highlighting. The parts:
//! - `fold`: what a word is, case/`ё`/diacritic folding (shared by all).
//! - `stem`, `translit`: Snowball stems by script, and the phonetic key that
//!   makes `Karasora`, `Qarasora` and `Карасора` one word.
//! - `query`: the query language (words, `"phrases"`, `-exclusions`, prefix).
//! - `intern`, `index`: the compact inverted index and its builder.
//! - `expand`: a query word to the terms it matches (exact, stem,
//!   transliteration, compound, prefix, typo), each with its weight.
//! - `rank`: AND of the words, BM25 scoring, ordering.
//! - `snippet`: the text around the first match, with matches flagged.
//! - `split`: the same index cut into pieces for a static site
//!   ([`ShardedIndex`], written when the site is published) and the
//!   two-round reader that fetches only what a query needs
//!   ([`ShardedSearch`]), giving the same hits as [`SearchIndex`].
//!
//! Every word of a query must match (exactly, by stem, by transliteration,
//! inside a compound, as the prefix being typed, or within one typo for 5+
//! letters, two for 9+), ranked in that order; the title weighs more than
//! the body. Stemmers are chosen per word by its script (Cyrillic: Russian,
//! Latin: English), since releases of either language quote names in the
//! other.
//!
//! Limits, so that no query costs much: 16 required words or phrases and 16
//! exclusions (the rest is ignored); words are cut to 40 characters; a
//! prefix expands to its 40 most frequent completions, a word to its 24
//! closest typo corrections and 32 most frequent compounds. A typo in the
//! first letter is not corrected (transliteration covers `q`/`k` and the
//! like). The index keeps no text, so [`SearchIndex::search`] treats a
//! phrase as its words in any order; [`SearchIndex::search_with_text`]
//! checks the order against the documents.

#![warn(missing_docs)]

mod cross;
mod expand;
mod fold;
mod index;
mod intern;
mod query;
mod rank;
mod snippet;
pub mod sort;
mod split;
mod stem;
mod translit;
mod unicode;
mod unicode_tables;

use std::sync::Mutex;

pub use cross::{Concept, CrossAdded, CrossLanguage};
pub use split::{
    Family, LoadedShards, ShardError, ShardId, ShardMeta, ShardOptions, ShardProblem, ShardedHits,
    ShardedIndex, ShardedSearch,
};

/// The Snowball stem of one lower-case word, by its script: Cyrillic words
/// take the Russian stemmer, Latin words the English one, anything else
/// (numbers, mixed scripts) stays as it is. The same stems the index uses,
/// for callers that match vocabularies against text (the ingest's
/// thesaurus, `caricc_core::thesaurus`).
pub fn stem_word(lower: &str) -> std::borrow::Cow<'_, str> {
    stem::stem(lower)
}

/// One document to index: an event's title and body paragraphs.
#[derive(Debug, Clone, Copy)]
pub struct SearchDoc<'a> {
    /// The title, which weighs more than the body.
    pub title: &'a str,
    /// The body paragraphs (a phrase never spans two).
    pub body: &'a [String],
}

/// A document's id: its position among the documents indexed, from 0 (the
/// `n`th [`SearchIndexBuilder::add`] or item given to [`SearchIndex::build`]).
/// Its own type so that a caller cannot mistake it for another number: the
/// app indexes its events in row order, and turns a `DocId` into a row
/// position in one place (`caricc_core::index::RowPos`). Inside the engine
/// documents are plain `u32`s; this is what crosses its boundary.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DocId(pub u32);

/// A matching document and its relevance (higher is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The document.
    pub doc: DocId,
    /// BM25 relevance, higher is better.
    pub score: f32,
}

/// A piece of snippet text, `matched` when it is a word the query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text of the piece, as in the original.
    pub text: String,
    /// True when it is a word the query matched.
    pub matched: bool,
}

/// The search index of a set of documents. Build it once; queries take
/// `&self` and may come from any thread.
pub struct SearchIndex {
    index: index::Index,
    scratch: Mutex<rank::Scratch>,
    cross: CrossLanguage,
}

impl SearchIndex {
    /// Indexes `docs`. Doc id = position in the iterator.
    pub fn build<'a>(docs: impl IntoIterator<Item = SearchDoc<'a>>) -> SearchIndex {
        let mut b = SearchIndexBuilder::new();
        for doc in docs {
            b.add(&doc);
        }
        b.finish()
    }

    /// The same index, whose queries also search the other language's
    /// terms of the thesaurus `cross` (see [`CrossLanguage`]).
    pub fn with_thesaurus(mut self, cross: CrossLanguage) -> SearchIndex {
        self.cross = cross;
        self
    }

    /// The thesaurus the queries cross languages with (empty: none).
    pub fn cross_language(&self) -> &CrossLanguage {
        &self.cross
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.index.docs()
    }

    /// True when no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `None` when the query has no searchable term (empty, only punctuation,
    /// lone `-`): the app then shows everything. `Some(hits)` otherwise, best
    /// first (ties by doc id ascending), possibly empty. A query of only
    /// exclusions (`-heroin`) gives every other document, in id order.
    ///
    /// The index keeps no text, so a `"quoted phrase"` here requires its words
    /// but not their order; [`SearchIndex::search_with_text`] checks it.
    pub fn search(&self, query: &str) -> Option<Vec<Hit>> {
        let mut q = query::parse(query);
        if q.is_empty() {
            return None;
        }
        self.cross.annotate(&mut q);
        Some(rank::run(&self.index, &q, &self.scratch, None))
    }

    /// [`SearchIndex::search`], with phrases checked word for word against
    /// the documents' text: `text(doc)` gives back what was indexed as `doc`
    /// (`None` if it is gone, and then it is not checked). Only the documents
    /// that have all the words of a phrase are read, and only when the query
    /// has a phrase.
    pub fn search_with_text<'t>(
        &self,
        query: &str,
        text: impl Fn(DocId) -> Option<SearchDoc<'t>>,
    ) -> Option<Vec<Hit>> {
        let mut q = query::parse(query);
        if q.is_empty() {
            return None;
        }
        self.cross.annotate(&mut q);
        let text = |doc: u32| text(DocId(doc));
        Some(rank::run(&self.index, &q, &self.scratch, Some(&text)))
    }

    /// Text cut to about `max_chars` around the first match of the query (the
    /// start of the text when none), split into segments with matched words
    /// flagged, for highlighting. An ellipsis (`…`) marks each cut.
    pub fn snippet(&self, query: &str, text: &str, max_chars: usize) -> Vec<Segment> {
        snippet_with_thesaurus(query, text, max_chars, &self.cross)
    }

    /// Statistics for benchmarks and diagnostics.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            docs: self.index.docs(),
            terms: self.index.terms.len(),
            keys: self.index.keys.names.len(),
            postings_bytes: self.index.postings_bytes(),
            heap_bytes: self.index.heap_bytes(),
        }
    }
}

/// Builds a [`SearchIndex`] a document at a time, so that a caller can
/// spread the work (the browser app adds documents in slices between frames,
/// and stays responsive while a large archive is indexed). Documents get ids
/// in the order they are added, from 0.
pub struct SearchIndexBuilder {
    builder: index::Builder,
}

impl SearchIndexBuilder {
    /// An empty builder.
    pub fn new() -> SearchIndexBuilder {
        SearchIndexBuilder {
            builder: index::Builder::new(),
        }
    }

    /// Indexes the next document (its id is the number added before it).
    pub fn add(&mut self, doc: &SearchDoc<'_>) {
        self.builder.add(doc);
    }

    /// The number of documents added so far.
    pub fn len(&self) -> usize {
        self.builder.docs()
    }

    /// True when no document was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index of the documents added.
    pub fn finish(self) -> SearchIndex {
        SearchIndex {
            index: self.builder.finish(),
            scratch: Mutex::new(rank::Scratch::default()),
            cross: CrossLanguage::default(),
        }
    }
}

impl Default for SearchIndexBuilder {
    fn default() -> SearchIndexBuilder {
        SearchIndexBuilder::new()
    }
}

/// Sizes of a built index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// The number of documents.
    pub docs: usize,
    /// Distinct folded words.
    pub terms: usize,
    /// Distinct transliteration keys.
    pub keys: usize,
    /// The encoded postings.
    pub postings_bytes: usize,
    /// Everything the index holds on the heap.
    pub heap_bytes: usize,
}

/// [`SearchIndex::snippet`] without an index: matching a text needs none.
pub fn snippet(query: &str, text: &str, max_chars: usize) -> Vec<Segment> {
    snippet::snippet(query, text, max_chars, &CrossLanguage::default())
}

/// [`snippet`], also flagging the words of the other language's terms the
/// query searched through the thesaurus `cross` («героин» flags "heroin").
pub fn snippet_with_thesaurus(
    query: &str,
    text: &str,
    max_chars: usize,
    cross: &CrossLanguage,
) -> Vec<Segment> {
    snippet::snippet(query, text, max_chars, cross)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[(&str, &str)]) -> (SearchIndex, Vec<Vec<String>>) {
        let bodies: Vec<Vec<String>> = docs.iter().map(|(_, b)| vec![b.to_string()]).collect();
        let ix = SearchIndex::build(
            docs.iter()
                .zip(&bodies)
                .map(|((t, _), b)| SearchDoc { title: t, body: b }),
        );
        (ix, bodies)
    }

    fn ids(ix: &SearchIndex, q: &str) -> Vec<u32> {
        ix.search(q)
            .unwrap_or_else(|| panic!("{q:?} gave None"))
            .iter()
            .map(|h| h.doc.0)
            .collect()
    }

    /// With the text, for phrases.
    fn ids_t(ix: &SearchIndex, bodies: &[Vec<String>], titles: &[&str], q: &str) -> Vec<u32> {
        let text = |d: DocId| {
            let d = d.0 as usize;
            Some(SearchDoc {
                title: titles.get(d)?,
                body: bodies.get(d)?,
            })
        };
        ix.search_with_text(q, text)
            .unwrap_or_else(|| panic!("{q:?} gave None"))
            .iter()
            .map(|h| h.doc.0)
            .collect()
    }

    #[test]
    fn a_builder_fed_in_slices_numbers_documents_in_order() {
        let empty = SearchIndexBuilder::new();
        assert!(empty.is_empty());
        let ix = empty.finish();
        assert_eq!((ix.len(), ix.search("heroin")), (0, Some(vec![])));

        let drugs = [
            "heroin",
            "cocaine",
            "opium",
            "hashish",
            "cannabis",
            "methadone",
            "tramadol",
        ];
        let bodies: Vec<Vec<String>> = (0..300)
            .map(|i| vec![format!("report {i} {}", drugs[i % 7])])
            .collect();
        let mut b = SearchIndexBuilder::default();
        for slice in bodies.chunks(64) {
            for body in slice {
                b.add(&SearchDoc { title: "", body });
            }
        }
        assert_eq!(b.len(), 300);
        let ix = b.finish();
        assert_eq!(ix.len(), 300);
        assert_eq!(ids(&ix, "report 123"), [123]);
        assert_eq!(
            ids(&ix, "hashish"),
            (0..300).filter(|i| i % 7 == 3).collect::<Vec<u32>>()
        );
    }

    #[test]
    fn none_only_without_searchable_terms() {
        let (ix, _) = index(&[("a", "b")]);
        for q in ["", "  ", "-", "!!", "\"\"", "🙂"] {
            assert_eq!(ix.search(q), None, "{q:?}");
        }
        assert_eq!(ix.search("zzz"), Some(vec![]));
    }

    #[test]
    fn and_of_words_with_exclusions_and_phrases() {
        let docs = [
            ("Heroin seized", "police seized heroin at the border"),
            ("Cocaine seized", "customs seized cocaine and heroin"),
            ("Training", "border guards trained"),
        ];
        let (ix, bodies) = index(&docs);
        let titles: Vec<&str> = docs.iter().map(|d| d.0).collect();
        assert_eq!(ids(&ix, "heroin seized "), [0, 1]);
        assert_eq!(ids(&ix, "heroin -cocaine "), [0]);
        assert_eq!(ids(&ix, "-heroin"), [2]);
        assert_eq!(ids_t(&ix, &bodies, &titles, "\"seized heroin\""), [0]);
        assert_eq!(ids_t(&ix, &bodies, &titles, "\"heroin seized\""), [0]);
        assert_eq!(
            ids_t(&ix, &bodies, &titles, "seized -\"seized cocaine\""),
            [0]
        );
        // Without the text, a phrase asks for its words only.
        assert_eq!(ids(&ix, "\"seized heroin\""), [0, 1]);
        assert_eq!(ids(&ix, "border heroin "), [0]);
        let mut bord = ids(&ix, "bord");
        bord.sort();
        assert_eq!(bord, [0, 2]);
    }

    #[test]
    fn the_other_language_ranks_below_a_match_of_equal_strength() {
        let (ix, _) = index(&[
            ("News", "police seized heroin at the border"),
            ("Новости", "полиция изъяла героин на границе"),
            ("News", "customs officers found cocaine"),
        ]);
        let ix = ix.with_thesaurus(CrossLanguage::new(vec![Concept {
            id: "heroin".into(),
            en: vec!["heroin".into()],
            ru: vec!["героин".into()],
        }]));
        assert_eq!(ids(&ix, "героин "), [1, 0]);
        assert_eq!(ids(&ix, "heroin "), [0, 1]);
        // Inflected, and as the last word being typed.
        assert_eq!(ids(&ix, "героина"), [1, 0]);
        // Quoted, a word asks for itself only.
        assert_eq!(ids(&ix, "\"героин\""), [1]);
        // Both words must still match, each in either language.
        assert_eq!(ids(&ix, "героин police "), [0]);
        let hits = ix.search("героин ").unwrap();
        assert!(hits[0].score > hits[1].score);
    }

    #[test]
    fn title_outranks_body_and_exact_outranks_the_rest() {
        let (ix, _) = index(&[
            ("News", "a laboratory was found"),
            ("Laboratory found", "it was found"),
            ("News", "laboratories were found"),
            ("News", "a labratory was found"),
        ]);
        assert_eq!(ids(&ix, "laboratory "), [1, 0, 2, 3]);
    }
}
