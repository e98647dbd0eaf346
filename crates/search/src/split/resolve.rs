//! A query's words against the loaded dictionary pieces of a split index:
//! which terms each word expands to (exact, prefix, stem, transliteration,
//! compound and typo forms, as `expand::expand` finds them in the whole
//! term table) and which dictionary pieces are still missing to know.
//! [`resolve`] is what `read.rs` plans and ranks with.

use std::collections::HashMap;

use super::entries::{reversed, typo_key, Entry};
use super::format::{Family, ShardId, ShardMeta};
use super::read::{LoadedShards, Terms};
use crate::cross::Pattern;
use crate::expand::{
    compound_forms, push, push_all, push_best, select_ids_by, sort_typos_by, stem_scope,
    typo_budget, typo_walk, Expansion, COMPOUND, CROSS, EXACT, MAX_COMPOUND_TERMS,
    MAX_PREFIX_TERMS, MAX_STEM_CANDIDATES, MAX_TYPO_TERMS, MIN_COMPOUND_STEM, PREFIX, STEM,
    TRANSLIT, TYPO_1, TYPO_2,
};
use crate::fold::{script, Script};
use crate::query::{Query, Word};
use crate::sort::sort_ids_by;
use crate::stem::stem;
use crate::translit::keys;

/// What the loaded dictionary shards say about a query.
pub(super) struct Resolved<'a> {
    /// Shards needed and not loaded.
    pub(super) missing: Vec<ShardId>,
    /// The expansions of each required word (as `q.words`).
    pub(super) words: Vec<Vec<Expansion>>,
    /// Of each excluded word (as `q.excluded_words`).
    pub(super) excluded: Vec<Vec<Expansion>>,
    /// The phrase words found (to find or to exclude), by text.
    pub(super) found: Vec<(&'a str, Option<u32>)>,
    /// Their terms: the query needs their positions.
    pub(super) phrase_terms: Vec<u32>,
    /// Every term any of these name, by id.
    pub(super) terms: Terms<'a>,
}

pub(super) fn resolve<'a>(
    meta: &ShardMeta,
    loaded: &'a LoadedShards,
    q: &'a Query,
) -> Resolved<'a> {
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
