//! Searching a split index: which pieces a query needs, and ranking once
//! they are loaded.
//!
//! The expansion of a query word mirrors `expand::expand` step by step, over
//! the loaded dictionary entries instead of the whole term table; where
//! `expand` walks the dictionary (typos) or its suffix order (compounds),
//! this reads the one range of the `y` or `s` family that holds every
//! candidate, and keeps the same ones in the same order.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use super::format::{
    decode_entries, decode_positions, piece_body, reversed, typo_key, Cursor, Entry, Family,
    ShardError, ShardId, ShardMeta, ShardProblem,
};
use crate::expand::{
    compound_forms, push, push_all, stem_scope, typo_budget, typo_walk, Expansion, COMPOUND, EXACT,
    MAX_COMPOUND_TERMS, MAX_PREFIX_TERMS, MAX_STEM_CANDIDATES, MAX_TYPO_TERMS, MIN_COMPOUND_STEM,
    PREFIX, STEM, TRANSLIT, TYPO_1, TYPO_2,
};
use crate::fold::{script, Script};
use crate::index::norm_of;
use crate::query::{parse, Query, Word};
use crate::rank::{self, Scratch, Source};
use crate::stem::stem;
use crate::translit::keys;
use crate::Hit;

/// The pieces of a split index loaded so far, checked and decoded.
#[derive(Default)]
pub struct LoadedShards {
    dicts: HashMap<ShardId, Vec<Entry>>,
    postings: HashMap<u32, Vec<u8>>,
    positions: HashMap<u32, Positions>,
    scratch: Mutex<Scratch>,
}

/// A loaded positions piece.
struct Positions {
    /// Per term, by the offset of its postings: where its positions are.
    table: HashMap<u32, (usize, usize)>,
    data: Vec<u8>,
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
        match id.family {
            Family::Postings => {
                if id.index >= meta.postings {
                    return Err(malformed());
                }
                self.postings.insert(id.index, body.to_vec());
            }
            Family::Positions => {
                if id.index >= meta.postings {
                    return Err(malformed());
                }
                let (table, start) = decode_positions(body).map_err(|()| malformed())?;
                let table = table
                    .into_iter()
                    .map(|(offset, at, len)| (offset, (at as usize, len as usize)))
                    .collect();
                let data = body[start..].to_vec();
                self.positions.insert(id.index, Positions { table, data });
            }
            family => {
                if id.index >= meta.count(family) {
                    return Err(malformed());
                }
                let entries =
                    decode_entries(family, body, meta.postings).map_err(|()| malformed())?;
                self.dicts.insert(id, entries);
            }
        }
        Ok(())
    }

    /// True when piece `id` is loaded.
    pub fn contains(&self, id: ShardId) -> bool {
        match id.family {
            Family::Postings => self.postings.contains_key(&id.index),
            Family::Positions => self.positions.contains_key(&id.index),
            _ => self.dicts.contains_key(&id),
        }
    }

    /// The number of pieces loaded.
    pub fn len(&self) -> usize {
        self.dicts.len() + self.postings.len() + self.positions.len()
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
    /// The index terms the query's words matched (for diagnostics; snippets
    /// match words on their own, see [`crate::snippet`]).
    pub terms: Vec<String>,
}

/// A query planned against a split index.
#[derive(Debug, Clone)]
pub struct ShardedSearch {
    query: Query,
}

impl ShardedSearch {
    /// Parses `query`; `None` when it has no searchable term (as
    /// [`crate::SearchIndex::search`] gives `None`). The meta is not needed
    /// yet, but taken so that a plan is always made against one index.
    pub fn plan(_meta: &ShardMeta, query: &str) -> Option<ShardedSearch> {
        let query = parse(query);
        (!query.is_empty()).then_some(ShardedSearch { query })
    }

    /// The pieces still to fetch before [`ShardedSearch::execute`] can run,
    /// sorted; empty when none. Call it again after loading them: the first
    /// call names dictionary shards (known from the meta alone), the second
    /// the postings pieces of the terms the query matched, the third none.
    pub fn needs(&self, meta: &ShardMeta, loaded: &LoadedShards) -> Vec<ShardId> {
        let r = resolve(meta, loaded, &self.query);
        let mut out: Vec<ShardId> = if r.missing.is_empty() {
            let postings: HashSet<u32> = r.terms.values().map(|e| e.loc.piece).collect();
            let positions: HashSet<u32> = r
                .phrase_terms
                .iter()
                .filter_map(|t| Some(r.terms.get(t)?.loc.piece))
                .collect();
            let postings = postings.into_iter().map(|index| ShardId {
                family: Family::Postings,
                index,
            });
            let positions = positions.into_iter().map(|index| ShardId {
                family: Family::Positions,
                index,
            });
            postings
                .chain(positions)
                .filter(|&id| !loaded.contains(id))
                .collect()
        } else {
            r.missing.into_iter().collect()
        };
        out.sort();
        out
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
        if let Some(&id) = r.missing.iter().next() {
            return Err(missing(id));
        }
        let mut slices: HashMap<u32, &[u8]> = HashMap::with_capacity(r.terms.len());
        for e in r.terms.values() {
            let id = ShardId {
                family: Family::Postings,
                index: e.loc.piece,
            };
            let piece = loaded
                .postings
                .get(&e.loc.piece)
                .ok_or_else(|| missing(id))?;
            let (start, len) = (e.loc.offset as usize, e.loc.len as usize);
            let bytes = piece.get(start..start + len).ok_or_else(|| ShardError {
                piece: meta.name(id),
                problem: ShardProblem::Malformed,
            })?;
            slices.insert(e.id, bytes);
        }
        let mut positions: HashMap<u32, HashMap<u32, Vec<u32>>> = HashMap::new();
        for &t in &r.phrase_terms {
            let Some(e) = r.terms.get(&t) else { continue };
            let id = ShardId {
                family: Family::Positions,
                index: e.loc.piece,
            };
            let piece = loaded
                .positions
                .get(&e.loc.piece)
                .ok_or_else(|| missing(id))?;
            let malformed = || ShardError {
                piece: meta.name(id),
                problem: ShardProblem::Malformed,
            };
            let &(at, len) = piece.table.get(&e.loc.offset).ok_or_else(malformed)?;
            let data = piece.data.get(at..at + len).ok_or_else(malformed)?;
            let by_doc =
                decode_term_positions(slices.get(&t).copied().unwrap_or(&[]), data, meta.docs)
                    .ok_or_else(malformed)?;
            positions.insert(t, by_doc);
        }
        let view = View {
            meta,
            query: &self.query,
            r: &r,
            slices,
            positions,
        };
        let hits = rank::run(&view, &self.query, &loaded.scratch, None);
        let mut terms: Vec<String> = r
            .words
            .iter()
            .flatten()
            .filter_map(|x| r.terms.get(&x.term).map(|e| e.term.clone()))
            .collect();
        terms.sort();
        terms.dedup();
        Ok(ShardedHits { hits, terms })
    }
}

/// What the loaded dictionary shards say about a query.
struct Resolved<'a> {
    /// Shards needed and not loaded.
    missing: HashSet<ShardId>,
    /// The expansions of each required word (as `q.words`).
    words: Vec<Vec<Expansion>>,
    /// Of each excluded word (as `q.excluded_words`).
    excluded: Vec<Vec<Expansion>>,
    /// The phrase words found (to find or to exclude), by text.
    found: HashMap<&'a str, Option<u32>>,
    /// Their terms: the query needs their positions.
    phrase_terms: Vec<u32>,
    /// Every term any of these name, by id.
    terms: HashMap<u32, &'a Entry>,
}

fn resolve<'a>(meta: &ShardMeta, loaded: &'a LoadedShards, q: &'a Query) -> Resolved<'a> {
    let mut d = Dict {
        meta,
        loaded,
        missing: HashSet::new(),
        seen: HashMap::new(),
    };
    let words: Vec<Vec<Expansion>> = q.words.iter().map(|w| expand(&mut d, w)).collect();
    let mut found = HashMap::new();
    for w in q.phrases.iter().chain(&q.excluded_phrases).flatten() {
        let id = d.find(w).map(|e| e.id);
        found.insert(w.as_str(), id);
    }
    let mut phrase_terms: Vec<u32> = found.values().flatten().copied().collect();
    phrase_terms.sort_unstable();
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
        .chain(found.values().flatten().copied());
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
    missing: HashSet<ShardId>,
    seen: HashMap<u32, &'a Entry>,
}

impl<'a> Dict<'a, '_> {
    /// The entries of `family` with keys in `lo..hi`, in key order; those of
    /// missing shards are noted and left out.
    fn range(&mut self, family: Family, lo: &[u8], hi: Option<&[u8]>) -> Vec<&'a Entry> {
        let mut out = Vec::new();
        for index in self.meta.shards(family, lo, hi) {
            let id = ShardId { family, index };
            let Some(entries) = self.loaded.dicts.get(&id) else {
                self.missing.insert(id);
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
        let entries = d.prefixed(Family::Terms, text.as_bytes());
        let df: HashMap<u32, u32> = entries.iter().map(|e| (e.id, e.df)).collect();
        let mut ids: Vec<u32> = entries.iter().map(|e| e.id).collect();
        if ids.len() > MAX_PREFIX_TERMS {
            ids.select_nth_unstable_by(MAX_PREFIX_TERMS, |&a, &b| df[&b].cmp(&df[&a]));
            ids.truncate(MAX_PREFIX_TERMS);
        }
        push_all(&mut out, &ids, PREFIX);
    }
    let chars = text.chars().count();
    let k = typo_budget(chars);
    if k > 0 && sc != Script::Number {
        let (mut typos, df) = typo_candidates(d, text, k);
        if typos.len() > MAX_TYPO_TERMS {
            typos.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(df[&b.0].cmp(&df[&a.0])));
            typos.truncate(MAX_TYPO_TERMS);
        }
        for (t, dist) in typos {
            push(&mut out, t, if dist <= 1 { TYPO_1 } else { TYPO_2 });
        }
    }
    out
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
    let mut by_id: HashMap<u32, &Entry> = HashMap::new();
    for e in entries {
        if forms
            .iter()
            .any(|f| e.term.len() > f.len() && e.term.ends_with(f.as_str()))
        {
            by_id.insert(e.id, e);
        }
    }
    let mut ids: Vec<u32> = by_id.keys().copied().collect();
    ids.sort_unstable_by(|&a, &b| by_id[&b].df.cmp(&by_id[&a].df).then(a.cmp(&b)));
    ids.truncate(2 * MAX_COMPOUND_TERMS);
    ids.retain(|t| stem(&by_id[t].term).ends_with(stem_of_word));
    ids.truncate(MAX_COMPOUND_TERMS);
    ids
}

/// `expand::typo_candidates`: the terms within `k` edits with the same
/// first letter, in text order, with their distance; and their frequencies.
#[allow(clippy::type_complexity)]
fn typo_candidates(d: &mut Dict<'_, '_>, word: &str, k: u8) -> (Vec<(u32, u8)>, HashMap<u32, u32>) {
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
    found.sort_by(|a, b| a.0.term.as_bytes().cmp(b.0.term.as_bytes()));
    let df = found.iter().map(|(e, _)| (e.id, e.df)).collect();
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
    /// Each term's postings.
    slices: HashMap<u32, &'a [u8]>,
    /// The positions of each phrase word's term, by document.
    positions: HashMap<u32, HashMap<u32, Vec<u32>>>,
}

/// A term's positions by document, from its postings and its positions
/// data (`None`: they do not agree).
fn decode_term_positions(
    postings: &[u8],
    data: &[u8],
    docs: u32,
) -> Option<HashMap<u32, Vec<u32>>> {
    let mut c = Cursor::new(data);
    let mut out = HashMap::new();
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
        out.insert(doc, list);
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
        self.r.found.get(word).copied().flatten()
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
            c: Cursor::new(self.slices.get(&term).copied().unwrap_or(&[])),
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
            let list = self
                .r
                .found
                .get(w.as_str())
                .copied()
                .flatten()
                .and_then(|t| self.positions.get(&t)?.get(&doc));
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
