//! Running a parsed query against the index: every required word and phrase
//! must match (AND), excluded ones must not, and matches are scored BM25
//! with the weight of how each word matched.
//!
//! Scores accumulate in dense per-document arrays reused across queries.
//! Required words are taken rarest first, and a word only touches documents
//! that matched all the words before it, so the work is bounded by the
//! rarest word's postings plus a scan of each other word's postings.

use std::sync::Mutex;

use super::expand::{expand, expand_excluded, Expansion, EXACT};
use super::fold::for_each_word;
use super::index::{Index, Postings, K1};
use super::query::{Query, Word};
use super::{DocId, Hit, SearchDoc};

/// What ranking reads from an index: the in-memory [`Index`], or the pieces
/// of a split index loaded so far (`split::View`). Both run the same
/// ranking code, so they agree to the bit.
pub(crate) trait Source {
    /// An iterator over one term's postings: `(doc, weighted tf, aux)`,
    /// where `aux` is whatever [`Source::norm`] needs besides the doc.
    type Postings<'a>: Iterator<Item = (u32, u32, u32)>
    where
        Self: 'a;
    fn docs(&self) -> usize;
    fn df(&self, term: u32) -> u32;
    fn find(&self, word: &str) -> Option<u32>;
    fn expand(&self, word: &Word) -> Vec<Expansion>;
    fn expand_excluded(&self, word: &str) -> Vec<Expansion>;
    fn postings(&self, term: u32) -> Self::Postings<'_>;
    /// The BM25 length normalisation of `doc`.
    fn norm(&self, doc: u32, aux: u32) -> f32;
    /// Whether `doc` has `phrase` (its words one after the other within one
    /// field), when the source knows word positions; `None` otherwise (then
    /// the text, if given, is checked).
    fn phrase(&self, _doc: u32, _phrase: &[String]) -> Option<bool> {
        None
    }
    /// True when [`Source::phrase`] answers.
    fn knows_phrases(&self) -> bool {
        false
    }
}

/// [`Postings`] with a zero `aux`: the in-memory index keeps its norms apart.
pub(crate) struct NoAux<'a>(Postings<'a>);

impl Iterator for NoAux<'_> {
    type Item = (u32, u32, u32);

    #[inline(always)]
    fn next(&mut self) -> Option<(u32, u32, u32)> {
        self.0.next().map(|(d, tf)| (d, tf, 0))
    }
}

impl Source for Index {
    type Postings<'a> = NoAux<'a>;

    fn docs(&self) -> usize {
        Index::docs(self)
    }

    #[inline(always)]
    fn df(&self, term: u32) -> u32 {
        self.df[term as usize]
    }

    fn find(&self, word: &str) -> Option<u32> {
        self.terms.find(word)
    }

    fn expand(&self, word: &Word) -> Vec<Expansion> {
        expand(self, word)
    }

    fn expand_excluded(&self, word: &str) -> Vec<Expansion> {
        expand_excluded(self, word)
    }

    #[inline(always)]
    fn postings(&self, term: u32) -> NoAux<'_> {
        NoAux(Index::postings(self, term))
    }

    #[inline(always)]
    fn norm(&self, doc: u32, _aux: u32) -> f32 {
        self.norm[doc as usize]
    }
}

/// Per-document work arrays, kept between queries.
#[derive(Default)]
pub(crate) struct Scratch {
    score: Vec<f32>,
    best: Vec<f32>,
    /// How many required words the document has matched; EXCLUDED when ruled out.
    matched: Vec<u8>,
    touched: Vec<u32>,
    /// Documents whose entries must be reset after the query.
    dirty: Vec<u32>,
}

const EXCLUDED: u8 = u8::MAX;

impl Scratch {
    fn ready(&mut self, n: usize) {
        if self.score.len() != n {
            *self = Scratch {
                score: vec![0.0; n],
                best: vec![0.0; n],
                matched: vec![0; n],
                ..Scratch::default()
            };
        }
    }

    fn reset(&mut self) {
        for &d in &self.dirty {
            let d = d as usize;
            self.score[d] = 0.0;
            self.best[d] = 0.0;
            self.matched[d] = 0;
        }
        self.dirty.clear();
        self.touched.clear();
    }
}

struct Required {
    expansions: Vec<Expansion>,
    /// Postings to read: the sum of the expansions' document frequencies.
    cost: u64,
}

/// The text of a document, for checking phrases; `None` if unknown.
pub(crate) type TextOf<'f, 't> = &'f dyn Fn(u32) -> Option<SearchDoc<'t>>;

pub(crate) fn run<S: Source>(
    ix: &S,
    q: &Query,
    scratch: &Mutex<Scratch>,
    text: Option<TextOf<'_, '_>>,
) -> Vec<Hit> {
    // A query that panicked mid-way left nothing worse than stale numbers; start afresh.
    let mut guard = match scratch.lock() {
        Ok(g) => g,
        Err(poisoned) => {
            let mut g = poisoned.into_inner();
            *g = Scratch::default();
            g
        }
    };
    let s = &mut *guard;
    s.ready(ix.docs());
    let hits = run_with(ix, q, s, text);
    s.reset();
    hits
}

fn run_with<S: Source>(
    ix: &S,
    q: &Query,
    s: &mut Scratch,
    text: Option<TextOf<'_, '_>>,
) -> Vec<Hit> {
    let n = ix.docs();
    let mut required: Vec<Required> = Vec::new();
    for w in &q.words {
        required.push(required_of(ix, ix.expand(w)));
    }
    // A phrase requires each of its words, exactly; the order is checked at
    // the end, against the text when there is one.
    for phrase in &q.phrases {
        let ids: Option<Vec<u32>> = phrase.iter().map(|w| ix.find(w)).collect();
        let Some(ids) = ids else { return Vec::new() };
        for &t in &ids {
            if !required
                .iter()
                .any(|r| r.expansions.len() == 1 && r.expansions[0].term == t)
            {
                required.push(required_of(
                    ix,
                    vec![Expansion {
                        term: t,
                        weight: EXACT,
                    }],
                ));
            }
        }
    }
    if required.iter().any(|r| r.expansions.is_empty()) {
        return Vec::new();
    }

    // Rule out documents with an excluded word.
    for w in &q.excluded_words {
        for e in ix.expand_excluded(w) {
            for (d, _, _) in ix.postings(e.term) {
                let m = &mut s.matched[d as usize];
                if *m != EXCLUDED {
                    *m = EXCLUDED;
                    s.dirty.push(d);
                }
            }
        }
    }

    if required.is_empty() {
        // Only exclusions: everything else, in document order.
        let hits = (0..n as u32)
            .filter(|&d| s.matched[d as usize] != EXCLUDED)
            .map(|doc| Hit {
                doc: DocId(doc),
                score: 0.0,
            });
        let hits: Vec<Hit> = hits.collect();
        return without_phrases(ix, hits, &q.excluded_phrases, text);
    }

    sort_required(&mut required);
    for (k, r) in required.iter().enumerate() {
        let k = k as u8;
        s.touched.clear();
        let idf = word_idf(ix, &r.expansions);
        for e in &r.expansions {
            let c = e.weight * idf * (K1 + 1.0);
            for (d, tf, aux) in ix.postings(e.term) {
                let di = d as usize;
                if s.matched[di] != k {
                    continue;
                }
                let tf = tf as f32;
                let score = c * tf / (tf + ix.norm(d, aux));
                let best = &mut s.best[di];
                if *best == 0.0 {
                    s.touched.push(d);
                }
                if score > *best {
                    *best = score;
                }
            }
        }
        if s.touched.is_empty() {
            return Vec::new();
        }
        for &d in &s.touched {
            let di = d as usize;
            s.score[di] += s.best[di];
            s.best[di] = 0.0;
            s.matched[di] = k + 1;
        }
        if k == 0 {
            // Every later match is among these.
            s.dirty.extend_from_slice(&s.touched);
        }
    }
    let all = required.len() as u8;

    // The candidates in document order, so that the stable sort below breaks
    // score ties by document id.
    let docs: Vec<u32> = if s.dirty.len() > n / 32 {
        (0..n as u32)
            .filter(|&d| s.matched[d as usize] == all)
            .collect()
    } else {
        let mut docs: Vec<u32> = s
            .dirty
            .iter()
            .copied()
            .filter(|&d| s.matched[d as usize] == all)
            .collect();
        crate::sort::sort_ids_by(&mut docs, &|a, b| a.cmp(&b));
        docs.dedup();
        docs
    };
    let mut hits: Vec<Hit> = docs
        .into_iter()
        .map(|doc| Hit {
            doc: DocId(doc),
            score: s.score[doc as usize],
        })
        .collect();
    if !q.phrases.is_empty() && (text.is_some() || ix.knows_phrases()) {
        let mut buf = String::new();
        hits.retain(|h| {
            q.phrases
                .iter()
                .all(|p| phrase_in(ix, h.doc.0, p, text, &mut buf).unwrap_or(true))
        });
    }
    let mut hits = without_phrases(ix, hits, &q.excluded_phrases, text);
    sort_by_score(&mut hits);
    hits
}

/// One inverse document frequency for all the forms of a query word,
/// taken from its best-matching forms: a rare inflection or misspelling
/// must not outscore the word itself by being rare.
fn word_idf<S: Source>(ix: &S, expansions: &[Expansion]) -> f32 {
    let top = expansions.iter().map(|e| e.weight).fold(0.0, f32::max);
    let df = expansions
        .iter()
        .filter(|e| e.weight == top)
        .map(|e| ix.df(e.term))
        .max()
        .unwrap_or(0);
    let (n, df) = (ix.docs() as f32, df.max(1) as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Cheapest first, stably (not generic: one copy of the sort).
#[inline(never)]
fn sort_required(required: &mut [Required]) {
    crate::sort::sort_by(required, |a, b| a.cost.cmp(&b.cost));
}

fn required_of<S: Source>(ix: &S, expansions: Vec<Expansion>) -> Required {
    let cost = expansions.iter().map(|e| ix.df(e.term) as u64).sum();
    Required { expansions, cost }
}

/// Leaves out the documents with an excluded phrase. Without their text,
/// the phrase is excluded only where all its words are: none are left out.
fn without_phrases<S: Source>(
    ix: &S,
    mut hits: Vec<Hit>,
    phrases: &[Vec<String>],
    text: Option<TextOf<'_, '_>>,
) -> Vec<Hit> {
    if !phrases.is_empty() && (text.is_some() || ix.knows_phrases()) {
        let mut buf = String::new();
        hits.retain(|h| {
            !phrases
                .iter()
                .any(|p| phrase_in(ix, h.doc.0, p, text, &mut buf).unwrap_or(false))
        });
    }
    hits
}

/// Whether `doc` has `phrase`: from the source's word positions if it
/// knows them, else from the text; `None` when neither tells.
fn phrase_in<S: Source>(
    ix: &S,
    doc: u32,
    phrase: &[String],
    text: Option<TextOf<'_, '_>>,
    buf: &mut String,
) -> Option<bool> {
    ix.phrase(doc, phrase).or_else(|| {
        text.and_then(|t| t(doc))
            .map(|d| has_phrase(&d, phrase, buf))
    })
}

/// True when the document has the phrase's (folded) words one after the
/// other within one field (the title or one paragraph).
pub(crate) fn has_phrase(doc: &SearchDoc<'_>, phrase: &[String], buf: &mut String) -> bool {
    // Each word as the first index of an equal phrase word (u8::MAX: none).
    let index_of = |w: &str| {
        phrase
            .iter()
            .position(|p| p == w)
            .map_or(u8::MAX, |i| i as u8)
    };
    let pattern: Vec<u8> = phrase.iter().map(|w| index_of(w)).collect();
    if pattern.is_empty() {
        return true;
    }
    let mut words = Vec::new();
    std::iter::once(doc.title)
        .chain(doc.body.iter().map(String::as_str))
        .any(|field| {
            words.clear();
            for_each_word(field, buf, &mut |w, _, _| words.push(index_of(w)));
            words
                .windows(pattern.len())
                .any(|win| win == pattern.as_slice())
        })
}

/// Best first, ties in their current (document) order: a stable LSD radix
/// sort on the score's bits, which for the tens of thousands of hits of a
/// common word is several times faster than a comparison sort.
pub(crate) fn sort_by_score(hits: &mut [Hit]) {
    if hits.len() < 256 {
        // Documents are unique: this orders exactly as a stable sort would.
        // Through the one sort of the wasm (`crate::sort`), not a copy of
        // the standard library's for this type.
        crate::sort::sort_by(hits, |a, b| {
            b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc))
        });
        return;
    }
    // Scores are finite and non-negative: their bits order like their values.
    let mut keys: Vec<(u32, u32)> = hits.iter().map(|h| (!h.score.to_bits(), h.doc.0)).collect();
    let mut tmp = vec![(0u32, 0u32); keys.len()];
    for shift in [0u32, 11, 22] {
        let mut counts = [0usize; 2049];
        for &(k, _) in &keys {
            counts[((k >> shift) & 0x7ff) as usize + 1] += 1;
        }
        if counts.contains(&keys.len()) {
            continue; // every key has the same digit here
        }
        for i in 0..2048 {
            counts[i + 1] += counts[i];
        }
        for &(k, d) in &keys {
            let b = ((k >> shift) & 0x7ff) as usize;
            tmp[counts[b]] = (k, d);
            counts[b] += 1;
        }
        std::mem::swap(&mut keys, &mut tmp);
    }
    for (h, &(k, d)) in hits.iter_mut().zip(&keys) {
        *h = Hit {
            doc: DocId(d),
            score: f32::from_bits(!k),
        };
    }
}

/// Exposed for snippets: the words a query requires, phrase words included.
pub(crate) fn positive_words(q: &Query) -> Vec<Word> {
    let mut out = q.words.clone();
    for p in &q.phrases {
        for w in p {
            out.push(Word {
                text: w.clone(),
                prefix: false,
                exact: true,
                cross: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_consecutive_words_of_one_field() {
        let body = vec![
            "Police seized heroin, cocaine.".to_string(),
            "A a b; heroin".to_string(),
        ];
        let doc = SearchDoc {
            title: "Seized HEROIN",
            body: &body,
        };
        let has = |words: &[&str]| {
            has_phrase(
                &doc,
                &words.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                &mut String::new(),
            )
        };
        assert!(has(&["seized", "heroin"]));
        assert!(has(&["heroin", "cocaine"]));
        assert!(has(&["a", "b"]));
        assert!(has(&["a", "a", "b"]));
        assert!(!has(&["a", "a", "a"]));
        assert!(
            !has(&["cocaine", "a"]),
            "a phrase may not span two paragraphs"
        );
        assert!(!has(&["heroin", "police"]), "nor the title and the body");
        assert!(!has(&["cocaine", "heroin"]));
    }

    #[test]
    fn radix_sort_is_stable_and_descending() {
        let mut hits: Vec<Hit> = (0..5000u32)
            .map(|d| Hit {
                doc: DocId(d),
                score: ((d * 7919) % 97) as f32 * 0.37,
            })
            .collect();
        let mut want = hits.clone();
        want.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        sort_by_score(&mut hits);
        assert_eq!(hits, want);
    }
}
