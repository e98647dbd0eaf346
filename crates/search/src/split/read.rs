//! Searching a split index: which pieces a query needs, and ranking once
//! they are loaded.
//!
//! The expansion of a query word mirrors `expand::expand` step by step, over
//! the loaded dictionary entries instead of the whole term table; where
//! `expand` walks the dictionary (typos) or its suffix order (compounds),
//! this reads the one range of the `y` or `s` family that holds every
//! candidate, and keeps the same ones in the same order.

use std::collections::HashMap;
use std::sync::Mutex;

use super::entries::{decode_entries, decode_positions, Entry, PositionsRow};
use super::format::{piece_body, Cursor, Family, ShardError, ShardId, ShardMeta, ShardProblem};
use crate::expand::Expansion;
use crate::index::norm_of;
use crate::query::{parse, Query, Word};
use crate::rank::{self, Scratch, Source};
use crate::sort::sort_ids_by;
use crate::Hit;

use super::resolve::{resolve, Resolved};

/// A term's word positions, by document (in order).
type DocPositions = Vec<(u32, Vec<u32>)>;

/// Terms by id. (Few map types: each is compiled anew into the wasm.)
pub(super) type Terms<'a> = HashMap<u32, &'a Entry>;

/// The pieces of a split index loaded so far, checked and decoded.
#[derive(Default)]
pub struct LoadedShards {
    pieces: HashMap<ShardId, Piece>,
    scratch: Mutex<Scratch>,
}

enum Piece {
    Dict(Vec<Entry>),
    Postings(Vec<u8>),
    /// A positions piece: per term (by the offset of its postings, in
    /// order), where its positions are in `data`.
    Positions {
        table: Vec<PositionsRow>,
        data: Vec<u8>,
    },
}

impl LoadedShards {
    pub(super) fn dict(&self, id: ShardId) -> Option<&[Entry]> {
        match self.pieces.get(&id) {
            Some(Piece::Dict(e)) => Some(e),
            _ => None,
        }
    }
}

impl LoadedShards {
    /// Nothing loaded yet.
    pub fn new() -> LoadedShards {
        LoadedShards::default()
    }

    /// Checks piece `id` of the index `meta` describes (header, version,
    /// checksum, and for a dictionary shard its entries) and keeps it.
    /// Loading a piece twice is harmless.
    pub fn insert(
        &mut self,
        meta: &ShardMeta,
        id: ShardId,
        bytes: &[u8],
    ) -> Result<(), ShardError> {
        let body = piece_body(meta, id, bytes)?;
        let malformed = || ShardError {
            piece: meta.name(id),
            problem: ShardProblem::Malformed,
        };
        if id.index >= meta.count(id.family) {
            return Err(malformed());
        }
        let piece = match id.family {
            Family::Postings => Piece::Postings(body.to_vec()),
            Family::Positions => {
                let (table, start) = decode_positions(body).map_err(|()| malformed())?;
                let data = body[start..].to_vec();
                Piece::Positions { table, data }
            }
            family => {
                Piece::Dict(decode_entries(family, body, meta.postings).map_err(|()| malformed())?)
            }
        };
        self.pieces.insert(id, piece);
        Ok(())
    }

    /// True when piece `id` is loaded.
    pub fn contains(&self, id: ShardId) -> bool {
        self.pieces.contains_key(&id)
    }

    /// The number of pieces loaded.
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The results of a query on a split index.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardedHits {
    /// Every matching document, best first (ties by doc id), as
    /// [`crate::SearchIndex::search_with_text`] gives them.
    pub hits: Vec<Hit>,
    /// The index terms the query's words matched, word by word, best match
    /// first (for diagnostics; snippets match words on their own, see
    /// [`crate::snippet`]).
    pub terms: Vec<String>,
}

/// A query planned against a split index.
#[derive(Debug, Clone)]
pub struct ShardedSearch {
    query: Query,
}

impl ShardedSearch {
    /// Parses `query`; `None` when it has no searchable term (as
    /// [`crate::SearchIndex::search`] gives `None`). The meta gives the
    /// thesaurus (its words' terms in the other language).
    pub fn plan(meta: &ShardMeta, query: &str) -> Option<ShardedSearch> {
        let mut query = parse(query);
        meta.cross_language().annotate(&mut query);
        (!query.is_empty()).then_some(ShardedSearch { query })
    }

    /// The pieces still to fetch before [`ShardedSearch::execute`] can run,
    /// sorted; empty when none. Call it again after loading them: the first
    /// call names dictionary shards (known from the meta alone), the second
    /// the postings pieces of the terms the query matched, the third none.
    pub fn needs(&self, meta: &ShardMeta, loaded: &LoadedShards) -> Vec<ShardId> {
        let r = resolve(meta, loaded, &self.query);
        let mut out: Vec<ShardId> = if r.missing.is_empty() {
            let postings = r.terms.values().map(|e| ShardId {
                family: Family::Postings,
                index: e.loc.piece,
            });
            let positions = r.phrase_terms.iter().filter_map(|t| {
                Some(ShardId {
                    family: Family::Positions,
                    index: r.terms.get(t)?.loc.piece,
                })
            });
            postings
                .chain(positions)
                .filter(|&id| !loaded.contains(id))
                .collect()
        } else {
            r.missing
        };
        out.dedup();
        // Sorted by family, then index (fewer sort copies: through u32s).
        let mut order: Vec<u32> = (0..out.len() as u32).collect();
        sort_ids_by(&mut order, &|a, b| {
            let key = |i: u32| (out[i as usize].family, out[i as usize].index);
            key(a).cmp(&key(b))
        });
        let mut sorted: Vec<ShardId> = order.into_iter().map(|i| out[i as usize]).collect();
        sorted.dedup();
        sorted
    }

    /// Ranks the query over the loaded pieces: the hits
    /// [`crate::SearchIndex::search_with_text`] gives, phrases checked word
    /// for word from the positions pieces (no text needed). An error names a
    /// piece that is needed and not loaded, or that does not hold what its
    /// dictionary entry says.
    pub fn execute(
        &self,
        meta: &ShardMeta,
        loaded: &LoadedShards,
    ) -> Result<ShardedHits, ShardError> {
        let r = resolve(meta, loaded, &self.query);
        let missing = |id: ShardId| ShardError {
            piece: meta.name(id),
            problem: ShardProblem::Missing,
        };
        if let Some(&id) = r.missing.first() {
            return Err(missing(id));
        }
        // Every term's postings, checked to be where its entry says.
        for e in r.terms.values() {
            postings_of(meta, loaded, e)?;
        }
        let mut positions: Vec<(u32, DocPositions)> = Vec::new();
        for &t in &r.phrase_terms {
            let Some(e) = r.terms.get(&t) else { continue };
            let id = ShardId {
                family: Family::Positions,
                index: e.loc.piece,
            };
            let Some(Piece::Positions { table, data }) = loaded.pieces.get(&id) else {
                return Err(missing(id));
            };
            let malformed = || ShardError {
                piece: meta.name(id),
                problem: ShardProblem::Malformed,
            };
            let row = table
                .binary_search_by_key(&e.loc.offset, |r| r.0)
                .map_err(|_| malformed())?;
            let (_, at, len) = table[row];
            let data = data
                .get(at as usize..at as usize + len as usize)
                .ok_or_else(malformed)?;
            let by_doc = decode_term_positions(postings_of(meta, loaded, e)?, data, meta.docs)
                .ok_or_else(malformed)?;
            positions.push((t, by_doc));
        }
        let view = View {
            meta,
            query: &self.query,
            r: &r,
            loaded,
            positions,
        };
        let hits = rank::run(&view, &self.query, &loaded.scratch, None);
        let mut terms: Vec<String> = Vec::new();
        for x in r.words.iter().flatten() {
            if let Some(e) = r.terms.get(&x.term) {
                if !terms.contains(&e.term) {
                    terms.push(e.term.clone());
                }
            }
        }
        Ok(ShardedHits { hits, terms })
    }
}

/// The postings of `e`, from its postings piece.
fn postings_of<'l>(
    meta: &ShardMeta,
    loaded: &'l LoadedShards,
    e: &Entry,
) -> Result<&'l [u8], ShardError> {
    let id = ShardId {
        family: Family::Postings,
        index: e.loc.piece,
    };
    let Some(Piece::Postings(piece)) = loaded.pieces.get(&id) else {
        return Err(ShardError {
            piece: meta.name(id),
            problem: ShardProblem::Missing,
        });
    };
    let (start, len) = (e.loc.offset as usize, e.loc.len as usize);
    piece.get(start..start + len).ok_or_else(|| ShardError {
        piece: meta.name(id),
        problem: ShardProblem::Malformed,
    })
}

/// The loaded pieces as ranking sees them.
struct View<'a> {
    meta: &'a ShardMeta,
    query: &'a Query,
    r: &'a Resolved<'a>,
    loaded: &'a LoadedShards,
    /// The positions of each phrase word's term (by term), by document (in
    /// order).
    positions: Vec<(u32, DocPositions)>,
}

impl View<'_> {
    /// The term of a phrase word, if the index has it.
    fn found(&self, word: &str) -> Option<u32> {
        self.r.found.iter().find(|f| f.0 == word).and_then(|f| f.1)
    }

    /// The positions of term `t` in `doc`.
    fn positions(&self, t: u32, doc: u32) -> Option<&[u32]> {
        let by_doc = &self.positions[self.positions.binary_search_by_key(&t, |p| p.0).ok()?].1;
        let i = by_doc.binary_search_by_key(&doc, |p| p.0).ok()?;
        Some(&by_doc[i].1)
    }
}

/// A term's positions by document, from its postings and its positions
/// data (`None`: they do not agree).
fn decode_term_positions(postings: &[u8], data: &[u8], docs: u32) -> Option<DocPositions> {
    let mut c = Cursor::new(data);
    let mut out = Vec::new();
    for (doc, _, _) in (SplitPostings {
        c: Cursor::new(postings),
        doc: 0,
        docs,
    }) {
        let n = c.varint().ok()? as usize;
        if n > data.len() {
            return None;
        }
        let mut list = Vec::with_capacity(n);
        let mut at = 0u32;
        for _ in 0..n {
            at = at.checked_add(c.varint().ok()?)?;
            list.push(at);
        }
        out.push((doc, list));
    }
    c.at_end().then_some(out)
}

impl Source for View<'_> {
    type Postings<'p>
        = SplitPostings<'p>
    where
        Self: 'p;

    fn docs(&self) -> usize {
        self.meta.docs as usize
    }

    fn df(&self, term: u32) -> u32 {
        self.r.terms.get(&term).map_or(0, |e| e.df)
    }

    fn find(&self, word: &str) -> Option<u32> {
        self.found(word)
    }

    fn expand(&self, word: &Word) -> Vec<Expansion> {
        self.query
            .words
            .iter()
            .position(|w| w == word)
            .map_or_else(Vec::new, |i| self.r.words[i].clone())
    }

    fn expand_excluded(&self, word: &str) -> Vec<Expansion> {
        self.query
            .excluded_words
            .iter()
            .position(|w| w == word)
            .map_or_else(Vec::new, |i| self.r.excluded[i].clone())
    }

    fn postings(&self, term: u32) -> SplitPostings<'_> {
        SplitPostings {
            c: Cursor::new(
                self.r
                    .terms
                    .get(&term)
                    .and_then(|e| postings_of(self.meta, self.loaded, e).ok())
                    .unwrap_or(&[]),
            ),
            doc: 0,
            docs: self.meta.docs,
        }
    }

    #[inline(always)]
    fn norm(&self, _doc: u32, len: u32) -> f32 {
        norm_of(len, self.meta.avg)
    }

    fn phrase(&self, doc: u32, phrase: &[String]) -> Option<bool> {
        let mut lists: Vec<&[u32]> = Vec::with_capacity(phrase.len());
        for w in phrase {
            let list = self.found(w).and_then(|t| self.positions(t, doc));
            match list {
                Some(l) => lists.push(l),
                None => return Some(false),
            }
        }
        let Some((first, rest)) = lists.split_first() else {
            return Some(true);
        };
        Some(first.iter().any(|&s| {
            rest.iter().enumerate().all(|(i, l)| {
                s.checked_add(i as u32 + 1)
                    .is_some_and(|p| l.binary_search(&p).is_ok())
            })
        }))
    }

    fn knows_phrases(&self) -> bool {
        true
    }
}

/// A term's postings in a postings piece: `(doc, weighted tf, length)`.
/// Stops at the first posting that does not decode or names no document.
pub(crate) struct SplitPostings<'a> {
    c: Cursor<'a>,
    doc: u32,
    docs: u32,
}

impl Iterator for SplitPostings<'_> {
    type Item = (u32, u32, u32);

    #[inline]
    fn next(&mut self) -> Option<(u32, u32, u32)> {
        let v = self.c.varint().ok()?;
        let doc = self.doc.checked_add(v >> 2)?;
        let tf = match v & 3 {
            3 => self.c.varint().ok()?,
            code => code + 1,
        };
        let len = self.c.varint().ok()?;
        if doc >= self.docs {
            self.c.pos = self.c.bytes.len();
            return None;
        }
        self.doc = doc;
        Some((doc, tf, len))
    }
}
