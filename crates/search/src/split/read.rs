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

use super::format::{
    decode_entries, decode_positions, piece_body, reversed, typo_key, Cursor, Entry, Family,
    PositionsRow, ShardError, ShardId, ShardMeta, ShardProblem,
};
use crate::cross::Pattern;
use crate::expand::{
    compound_forms, push, push_all, push_best, select_ids_by, sort_typos_by, stem_scope,
    typo_budget, typo_walk, Expansion, COMPOUND, CROSS, EXACT, MAX_COMPOUND_TERMS,
    MAX_PREFIX_TERMS, MAX_STEM_CANDIDATES, MAX_TYPO_TERMS, MIN_COMPOUND_STEM, PREFIX, STEM,
    TRANSLIT, TYPO_1, TYPO_2,
};
use crate::fold::{script, Script};
use crate::index::norm_of;
use crate::query::{parse, Query, Word};
use crate::rank::{self, Scratch, Source};
use crate::sort::sort_ids_by;
use crate::stem::stem;
use crate::translit::keys;
use crate::Hit;

/// A term's word positions, by document (in order).
type DocPositions = Vec<(u32, Vec<u32>)>;

/// Terms by id. (Few map types: each is compiled anew into the wasm.)
type Terms<'a> = HashMap<u32, &'a Entry>;

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
    fn dict(&self, id: ShardId) -> Option<&[Entry]> {
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

/// What the loaded dictionary shards say about a query.
struct Resolved<'a> {
    /// Shards needed and not loaded.
    missing: Vec<ShardId>,
    /// The expansions of each required word (as `q.words`).
    words: Vec<Vec<Expansion>>,
    /// Of each excluded word (as `q.excluded_words`).
    excluded: Vec<Vec<Expansion>>,
    /// The phrase words found (to find or to exclude), by text.
    found: Vec<(&'a str, Option<u32>)>,
    /// Their terms: the query needs their positions.
    phrase_terms: Vec<u32>,
    /// Every term any of these name, by id.
    terms: Terms<'a>,
}

fn resolve<'a>(meta: &ShardMeta, loaded: &'a LoadedShards, q: &'a Query) -> Resolved<'a> {
    let mut d = Dict {
        meta,
        loaded,
        missing: Vec::new(),
        seen: HashMap::new(),
    };
    let words: Vec<Vec<Expansion>> = q.words.iter().map(|w| expand(&mut d, w)).collect();
    let mut found = Vec::new();
    for w in q.phrases.iter().chain(&q.excluded_phrases).flatten() {
        let id = d.find(w).map(|e| e.id);
        found.push((w.as_str(), id));
    }
    let mut phrase_terms: Vec<u32> = found.iter().filter_map(|f| f.1).collect();
    sort_ids_by(&mut phrase_terms, &|a, b| a.cmp(&b));
    phrase_terms.dedup();
    let excluded: Vec<Vec<Expansion>> = q
        .excluded_words
        .iter()
        .map(|w| expand_excluded(&mut d, w))
        .collect();
    // Only the terms used: their postings are what the query fetches.
    let used = words
        .iter()
        .chain(&excluded)
        .flatten()
        .map(|e: &Expansion| e.term)
        .chain(found.iter().filter_map(|f| f.1));
    let terms = used.filter_map(|t| Some((t, *d.seen.get(&t)?))).collect();
    Resolved {
        missing: d.missing,
        words,
        excluded,
        found,
        phrase_terms,
        terms,
    }
}

/// The loaded dictionary shards, noting the shards asked for and missing,
/// and every entry handed out (by term id).
struct Dict<'a, 'm> {
    meta: &'m ShardMeta,
    loaded: &'a LoadedShards,
    missing: Vec<ShardId>,
    seen: Terms<'a>,
}

impl<'a> Dict<'a, '_> {
    /// The entries of `family` with keys in `lo..hi`, in key order; those of
    /// missing shards are noted and left out.
    fn range(&mut self, family: Family, lo: &[u8], hi: Option<&[u8]>) -> Vec<&'a Entry> {
        let mut out = Vec::new();
        for index in self.meta.shards(family, lo, hi) {
            let id = ShardId { family, index };
            let Some(entries) = self.loaded.dict(id) else {
                if !self.missing.contains(&id) {
                    self.missing.push(id);
                }
                continue;
            };
            let start = entries.partition_point(|e| e.key.as_slice() < lo);
            for e in &entries[start..] {
                if hi.is_some_and(|hi| e.key.as_slice() >= hi) {
                    break;
                }
                out.push(e);
            }
        }
        for e in &out {
            self.seen.insert(e.id, e);
        }
        out
    }

    /// The entries whose key begins with `prefix`.
    fn prefixed(&mut self, family: Family, prefix: &[u8]) -> Vec<&'a Entry> {
        let hi = successor(prefix);
        self.range(family, prefix, hi.as_deref())
    }

    /// The entries whose key is `key`.
    fn exactly(&mut self, family: Family, key: &[u8]) -> Vec<&'a Entry> {
        let mut hi = key.to_vec();
        hi.push(0);
        self.range(family, key, Some(&hi))
    }

    fn find(&mut self, word: &str) -> Option<&'a Entry> {
        self.exactly(Family::Terms, word.as_bytes())
            .first()
            .copied()
    }
}

/// The least key after every key that begins with `prefix` (`None`: none).
fn successor(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut hi = prefix.to_vec();
    while let Some(last) = hi.pop() {
        if last < 0xff {
            hi.push(last + 1);
            return Some(hi);
        }
    }
    None
}

/// `expand::expand`, over the loaded shards.
fn expand(d: &mut Dict<'_, '_>, word: &Word) -> Vec<Expansion> {
    let mut out = Vec::new();
    let text = word.text.as_str();
    if let Some(e) = d.find(text) {
        out.push(Expansion {
            term: e.id,
            weight: EXACT,
        });
    }
    if word.exact {
        return out;
    }
    let sc = script(text);
    if matches!(sc, Script::Latin | Script::Cyrillic) {
        let s = stem(text);
        let forms = stem_members(d, text, &s);
        push_all(&mut out, &forms, STEM);
        for k in keys(text) {
            let members: Vec<u32> = d
                .exactly(Family::Keys, k.as_bytes())
                .iter()
                .map(|e| e.id)
                .collect();
            push_all(&mut out, &members, TRANSLIT);
        }
        if s.chars().count() >= MIN_COMPOUND_STEM {
            push_all(&mut out, &compounds(d, &s, sc), COMPOUND);
        }
    }
    if word.prefix {
        push_all(&mut out, &prefix_terms(d, text), PREFIX);
    }
    for p in &word.cross {
        let ids = match p {
            Pattern::Stem { word, stem } => {
                let mut ids: Vec<u32> = d.find(word).map(|e| e.id).into_iter().collect();
                ids.extend(stem_members(d, word, stem));
                ids
            }
            Pattern::Prefix(p) => prefix_terms(d, p),
            Pattern::Exact(word) => d.find(word).map(|e| e.id).into_iter().collect(),
        };
        for t in ids {
            push_best(&mut out, t, CROSS);
        }
    }
    let chars = text.chars().count();
    let k = typo_budget(chars);
    if k > 0 && sc != Script::Number {
        let (mut typos, df) = typo_candidates(d, text, k);
        if typos.len() > MAX_TYPO_TERMS {
            sort_typos_by(&mut typos, &|a, b| {
                a.1.cmp(&b.1).then(df[&b.0].df.cmp(&df[&a.0].df))
            });
            typos.truncate(MAX_TYPO_TERMS);
        }
        for (t, dist) in typos {
            push(&mut out, t, if dist <= 1 { TYPO_1 } else { TYPO_2 });
        }
    }
    out
}

/// `expand::prefix_terms`, over the loaded shards.
fn prefix_terms(d: &mut Dict<'_, '_>, text: &str) -> Vec<u32> {
    let entries = d.prefixed(Family::Terms, text.as_bytes());
    let by_id: Terms<'_> = entries.iter().map(|&e| (e.id, e)).collect();
    let mut ids: Vec<u32> = entries.iter().map(|e| e.id).collect();
    if ids.len() > MAX_PREFIX_TERMS {
        select_ids_by(&mut ids, MAX_PREFIX_TERMS, &|a, b| {
            by_id[&b].df.cmp(&by_id[&a].df)
        });
        ids.truncate(MAX_PREFIX_TERMS);
    }
    ids
}

/// `expand::expand_excluded`, over the loaded shards.
fn expand_excluded(d: &mut Dict<'_, '_>, word: &str) -> Vec<Expansion> {
    let mut out = Vec::new();
    if let Some(e) = d.find(word) {
        out.push(Expansion {
            term: e.id,
            weight: EXACT,
        });
    }
    if matches!(script(word), Script::Latin | Script::Cyrillic) {
        push_all(&mut out, &stem_members(d, word, &stem(word)), STEM);
    }
    out
}

/// `expand::stem_members`: the same candidates, in the same order.
fn stem_members(d: &mut Dict<'_, '_>, word: &str, stem_of_word: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let Some((begin, max_len)) = stem_scope(word, stem_of_word) else {
        return out;
    };
    let mut checked = 0;
    for e in d.prefixed(Family::Terms, begin.as_bytes()) {
        if e.term.len() > max_len {
            continue;
        }
        checked += 1;
        if checked > MAX_STEM_CANDIDATES {
            break;
        }
        if stem(&e.term) == stem_of_word {
            out.push(e.id);
        }
    }
    out
}

/// `expand::compounds`: every term that ends with one of the forms of the
/// stem and is longer is filed in the `s` family under its text less that
/// ending, reversed, which begins with the reversed stem (or the reversed
/// English base, the stem less its final `i`).
fn compounds(d: &mut Dict<'_, '_>, stem_of_word: &str, sc: Script) -> Vec<u32> {
    let forms = compound_forms(stem_of_word, sc);
    let mut entries = d.prefixed(Family::Suffixes, reversed(stem_of_word).as_bytes());
    if let Some(base) = stem_of_word
        .strip_suffix('i')
        .filter(|_| sc == Script::Latin)
    {
        entries.extend(d.prefixed(Family::Suffixes, reversed(base).as_bytes()));
    }
    let mut by_id: Terms<'_> = HashMap::new();
    for e in entries {
        if forms
            .iter()
            .any(|f| e.term.len() > f.len() && e.term.ends_with(f.as_str()))
        {
            by_id.insert(e.id, e);
        }
    }
    let mut ids: Vec<u32> = by_id.keys().copied().collect();
    sort_ids_by(&mut ids, &|a, b| {
        by_id[&b].df.cmp(&by_id[&a].df).then(a.cmp(&b))
    });
    ids.truncate(2 * MAX_COMPOUND_TERMS);
    ids.retain(|t| stem(&by_id[t].term).ends_with(stem_of_word));
    ids.truncate(MAX_COMPOUND_TERMS);
    ids
}

/// `expand::typo_candidates`: the terms within `k` edits with the same
/// first letter, in text order, with their distance; and their frequencies.
#[allow(clippy::type_complexity)]
fn typo_candidates<'a>(d: &mut Dict<'a, '_>, word: &str, k: u8) -> (Vec<(u32, u8)>, Terms<'a>) {
    let q: Vec<char> = word.chars().collect();
    let Some(&first) = q.first() else {
        return (Vec::new(), HashMap::new());
    };
    let n = q.len();
    let lo = typo_key(first, n.saturating_sub(k as usize), "");
    let hi = typo_key(first, n + k as usize + 1, "");
    let entries = d.range(Family::Typos, &lo, Some(&hi));
    let mut found: Vec<(&Entry, u8)> = Vec::new();
    // The entries are in text order within each length: the walk that
    // shares the edit rows of common prefixes applies.
    typo_walk(
        word,
        k,
        0..entries.len(),
        |pos| entries[pos].term.as_str(),
        |mut pos, end, prefix| {
            while pos < end && entries[pos].term.starts_with(prefix) {
                pos += 1;
            }
            pos
        },
        |pos, dist| found.push((entries[pos], dist)),
    );
    // In text order (each term once).
    let mut order: Vec<u32> = (0..found.len() as u32).collect();
    sort_ids_by(&mut order, &|a, b| {
        let term = |i: u32| found[i as usize].0.term.as_bytes();
        term(a).cmp(term(b))
    });
    let found: Vec<(&Entry, u8)> = order.into_iter().map(|i| found[i as usize]).collect();
    let df = found.iter().map(|&(e, _)| (e.id, e)).collect();
    (
        found.into_iter().map(|(e, dist)| (e.id, dist)).collect(),
        df,
    )
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
