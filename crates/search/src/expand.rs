//! From a query word to the index terms it matches, each with the weight of
//! how it matched: exact > stem > the other language's terms (thesaurus,
//! `cross`) > transliteration > compound > prefix > typo.
//!
//! A compound is a longer word that ends with one of the query word's forms:
//! `laboratory` finds `phytolaboratories`, `лаборатория` finds
//! `нарколаборатории` (Russian forms many words with `нарко-`).

use super::cross::Pattern;
use super::fold::{script, Script};
use super::index::Index;
use super::query::Word;
use super::sort::sort_ids_by;
use super::stem::stem;
use super::translit::{keys, ENDINGS};

pub(crate) const EXACT: f32 = 1.0;
pub(crate) const STEM: f32 = 0.7;
/// A term of the other language, by the thesaurus (`crate::cross`): below
/// every same-language match of the word itself but its transliteration
/// and the looser ones (a translation is a match of meaning).
pub(crate) const CROSS: f32 = 0.6;
pub(crate) const TRANSLIT: f32 = 0.5;
pub(crate) const COMPOUND: f32 = 0.4;
pub(crate) const PREFIX: f32 = 0.35;
pub(crate) const TYPO_1: f32 = 0.25;
pub(crate) const TYPO_2: f32 = 0.15;

/// A prefix expands to at most this many terms, the most frequent.
pub(crate) const MAX_PREFIX_TERMS: usize = 40;
/// A word's stem must be this long to be looked for inside compounds.
pub(crate) const MIN_COMPOUND_STEM: usize = 5;
/// A word takes at most this many compounds, the most frequent.
pub(crate) const MAX_COMPOUND_TERMS: usize = 32;
/// A word takes at most this many typo corrections, the closest, then the most frequent.
pub(crate) const MAX_TYPO_TERMS: usize = 24;

/// Edits allowed for a word of `chars` characters.
pub(crate) fn typo_budget(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Expansion {
    pub term: u32,
    pub weight: f32,
}

/// The terms a query word matches, each once with its best weight.
pub(crate) fn expand(ix: &Index, word: &Word) -> Vec<Expansion> {
    let mut out = Vec::new();
    let text = word.text.as_str();
    if let Some(t) = ix.terms.find(text) {
        out.push(Expansion {
            term: t,
            weight: EXACT,
        });
    }
    if word.exact {
        return out;
    }
    let sc = script(text);
    if matches!(sc, Script::Latin | Script::Cyrillic) {
        let s = stem(text);
        let forms = stem_members(ix, text, &s);
        push_all(&mut out, &forms, STEM);
        for k in keys(text) {
            push_all(&mut out, ix.keys.members(&k), TRANSLIT);
        }
        if s.chars().count() >= MIN_COMPOUND_STEM {
            push_all(&mut out, &compounds(ix, &s, sc), COMPOUND);
        }
    }
    if word.prefix {
        push_all(&mut out, &prefix_terms(ix, text), PREFIX);
    }
    for p in &word.cross {
        let ids = match p {
            Pattern::Stem { word, stem } => {
                let mut ids: Vec<u32> = ix.terms.find(word).into_iter().collect();
                ids.extend(stem_members(ix, word, stem));
                ids
            }
            Pattern::Prefix(p) => prefix_terms(ix, p),
            Pattern::Exact(word) => ix.terms.find(word).into_iter().collect(),
        };
        for t in ids {
            push_best(&mut out, t, CROSS);
        }
    }
    let chars = text.chars().count();
    let k = typo_budget(chars);
    if k > 0 && sc != Script::Number {
        let mut typos = typo_candidates(ix, text, k);
        if typos.len() > MAX_TYPO_TERMS {
            sort_typos_by(&mut typos, &|a, b| {
                a.1.cmp(&b.1)
                    .then(ix.df[b.0 as usize].cmp(&ix.df[a.0 as usize]))
            });
            typos.truncate(MAX_TYPO_TERMS);
        }
        for (t, d) in typos {
            push(&mut out, t, if d <= 1 { TYPO_1 } else { TYPO_2 });
        }
    }
    out
}

/// The most frequent terms that begin with `text` (at most
/// [`MAX_PREFIX_TERMS`]).
fn prefix_terms(ix: &Index, text: &str) -> Vec<u32> {
    let range = ix.terms.prefix_range(text);
    let mut ids: Vec<u32> = ix.terms.sorted[range].to_vec();
    if ids.len() > MAX_PREFIX_TERMS {
        select_ids_by(&mut ids, MAX_PREFIX_TERMS, &|a, b| {
            ix.df[b as usize].cmp(&ix.df[a as usize])
        });
        ids.truncate(MAX_PREFIX_TERMS);
    }
    ids
}

/// The terms an excluded word rules out: its exact form and its stem group.
pub(crate) fn expand_excluded(ix: &Index, word: &str) -> Vec<Expansion> {
    let mut out = Vec::new();
    if let Some(t) = ix.terms.find(word) {
        out.push(Expansion {
            term: t,
            weight: EXACT,
        });
    }
    if matches!(script(word), Script::Latin | Script::Cyrillic) {
        push_all(&mut out, &stem_members(ix, word, &stem(word)), STEM);
    }
    out
}

/// Endings that follow an English stem (`laboratori` + `es`), with the
/// `y` a stem ending in `i` stands for.
pub(crate) const ENGLISH_ENDINGS: &[&str] = &[
    "", "s", "es", "e", "ed", "ing", "er", "ers", "al", "ly", "ment", "ments", "ation", "ations",
    "y", "ies", "ied",
];

/// Longer words that contain the stem and end like one of its forms, and
/// whose own stem ends with it: `phyto|laboratories`, `нарко|лаборатории`.
fn compounds(ix: &Index, stem_of_word: &str, sc: Script) -> Vec<u32> {
    let forms = compound_forms(stem_of_word, sc);
    let mut ids: Vec<u32> = forms
        .iter()
        .flat_map(|f| ix.terms_ending_with(f).iter().copied())
        .collect();
    sort_ids_by(&mut ids, &|a, b| a.cmp(&b));
    ids.dedup();
    // Most frequent first, then keep those whose stem ends with the word's.
    sort_ids_by(&mut ids, &|a, b| {
        ix.df[b as usize].cmp(&ix.df[a as usize]).then(a.cmp(&b))
    });
    ids.truncate(2 * MAX_COMPOUND_TERMS);
    ids.retain(|&t| stem(ix.terms.strings.get(t)).ends_with(stem_of_word));
    ids.truncate(MAX_COMPOUND_TERMS);
    ids
}

/// Stems are checked for at most this many terms per word.
pub(crate) const MAX_STEM_CANDIDATES: usize = 256;

/// The terms with the same stem as `word` (whose stem is `stem`).
///
/// Both Snowball stemmers keep the beginning of a word, except that English
/// may turn a final `y` into `i` (`laboratory` -> `laboratori`): so the
/// candidates are the terms that begin with the stem (less a final `i`), no
/// longer than the longest ending allows, and only those are stemmed.
fn stem_members(ix: &Index, word: &str, stem_of_word: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let Some((begin, max_len)) = stem_scope(word, stem_of_word) else {
        return out;
    };
    let range = ix.terms.prefix_range(begin);
    let mut checked = 0;
    for pos in range {
        let term = ix.terms.at(pos);
        if term.len() > max_len {
            continue;
        }
        checked += 1;
        if checked > MAX_STEM_CANDIDATES {
            break;
        }
        if stem(term) == stem_of_word {
            out.push(ix.terms.sorted[pos]);
        }
    }
    out
}

/// Where the terms with the stem `stem_of_word` of `word` are looked for:
/// those beginning with the returned prefix and at most the returned number
/// of bytes long. `None` for words too short for endings to matter (prefix
/// and exact cover them).
pub(crate) fn stem_scope<'s>(word: &str, stem_of_word: &'s str) -> Option<(&'s str, usize)> {
    if word.chars().count() < 4 {
        return None;
    }
    let begin = stem_of_word
        .strip_suffix('i')
        .filter(|b| b.len() >= 3)
        .unwrap_or(stem_of_word);
    // The longest endings either stemmer removes: 5 letters after the stem.
    let max_len = stem_of_word.len() + 5 * stem_of_word.chars().next().map_or(1, char::len_utf8);
    Some((begin, max_len))
}

/// The forms whose longer terms are compounds of a word with stem
/// `stem_of_word`: the stem with each ending of its script (see [`compounds`]).
pub(crate) fn compound_forms(stem_of_word: &str, sc: Script) -> Vec<String> {
    let base = stem_of_word
        .strip_suffix('i')
        .filter(|_| sc == Script::Latin);
    let mut forms: Vec<String> = Vec::new();
    if sc == Script::Latin {
        for e in ENGLISH_ENDINGS {
            forms.push(format!("{stem_of_word}{e}"));
            if let Some(b) = base {
                forms.push(format!("{b}{e}"));
            }
        }
    } else {
        forms.push(stem_of_word.to_string());
        forms.extend(ENDINGS.iter().map(|e| format!("{stem_of_word}{e}")));
    }
    forms
}

/// `ids.select_nth_unstable_by(n, cmp)`, shared as [`sort_ids_by`](crate::sort::sort_ids_by) is.
#[inline(never)]
pub(crate) fn select_ids_by(
    ids: &mut [u32],
    n: usize,
    cmp: &dyn Fn(u32, u32) -> std::cmp::Ordering,
) {
    ids.select_nth_unstable_by(n, |&a, &b| cmp(a, b));
}

/// A typo candidate: term and distance.
pub(crate) type Typo = (u32, u8);

/// Typo candidates `(term, distance)` sorted by `cmp`, shared as
/// [`sort_ids_by`] is.
#[inline(never)]
pub(crate) fn sort_typos_by(typos: &mut [Typo], cmp: &dyn Fn(&Typo, &Typo) -> std::cmp::Ordering) {
    // Stable, through the one sort of the wasm (`crate::sort`).
    crate::sort::sort_by(typos, cmp);
}

pub(crate) fn push_all(out: &mut Vec<Expansion>, terms: &[u32], weight: f32) {
    for &t in terms {
        push(out, t, weight);
    }
}

/// Adds `term` unless it is there already (with a weight at least as good:
/// classes are added best first).
pub(crate) fn push(out: &mut Vec<Expansion>, term: u32, weight: f32) {
    if !out.iter().any(|e| e.term == term) {
        out.push(Expansion { term, weight });
    }
}

/// Adds `term` with `weight`, or raises its weight to `weight`: the one
/// step ([`CROSS`]) that runs after weaker ones may find a term again.
pub(crate) fn push_best(out: &mut Vec<Expansion>, term: u32, weight: f32) {
    match out.iter_mut().find(|e| e.term == term) {
        Some(e) => e.weight = e.weight.max(weight),
        None => out.push(Expansion { term, weight }),
    }
}

/// Terms within `k` edits (Damerau: insert, delete, substitute, swap two
/// neighbours) of `word`, other than `word` itself, with their distance.
///
/// The sorted dictionary is walked as if it were a trie: consecutive terms
/// share the edit-distance rows of their common prefix, and when no cell of
/// a row is within `k`, every term with that prefix is skipped at once. The
/// first letter must match, which keeps the walk to one letter's range; a
/// wrong first letter across scripts (q/k) is the transliteration's job.
pub(crate) fn typo_candidates(ix: &Index, word: &str, k: u8) -> Vec<(u32, u8)> {
    let Some(first) = word.chars().next() else {
        return Vec::new();
    };
    let mut first_buf = [0u8; 4];
    let range = ix.terms.prefix_range(first.encode_utf8(&mut first_buf));
    let mut out = Vec::new();
    typo_walk(
        word,
        k,
        range,
        |pos| ix.terms.at(pos),
        |pos, end, prefix| ix.terms.skip_prefix(pos, end, prefix),
        |pos, d| out.push((ix.terms.sorted[pos], d)),
    );
    out
}

/// The walk of [`typo_candidates`] over the terms at positions `range` of
/// any sequence (`at`) in which the terms sharing a prefix are neighbours:
/// calls `found(pos, distance)` for each term within `k` edits of `word`
/// other than `word`, in sequence order. `skip(pos, end, prefix)` is the
/// first position at or after `pos` (before `end`) whose term does not
/// begin with `prefix`, given that the one at `pos` does.
pub(crate) fn typo_walk<'t>(
    word: &str,
    k: u8,
    range: std::ops::Range<usize>,
    at: impl Fn(usize) -> &'t str,
    skip: impl Fn(usize, usize, &str) -> usize,
    mut found: impl FnMut(usize, u8),
) {
    let q: Vec<char> = word.chars().collect();
    if q.is_empty() {
        return;
    }
    let n = q.len();
    let width = n + 1;
    let max_depth = n + k as usize;
    let cap = k + 1;
    // rows[d * width + j]: distance between the first d chars of the term and the first j of the word.
    let mut rows = vec![0u8; (max_depth + 2) * width];
    for (j, cell) in rows[..width].iter_mut().enumerate() {
        *cell = (j as u8).min(cap);
    }
    let mut path: Vec<char> = Vec::with_capacity(max_depth + 1);
    let mut valid = 0; // rows 1..=valid hold the distances for path[..valid]
    let mut term_chars: Vec<char> = Vec::with_capacity(64);
    let mut pos = range.start;
    while pos < range.end {
        let term = at(pos);
        term_chars.clear();
        term_chars.extend(term.chars());
        let mut depth = term_chars
            .iter()
            .zip(&path)
            .take(valid)
            .take_while(|(a, b)| a == b)
            .count();
        let mut pruned = false;
        while depth < term_chars.len() {
            depth += 1;
            if depth > max_depth {
                pruned = true;
                break;
            }
            let c = term_chars[depth - 1];
            let (before, cur) = rows.split_at_mut(depth * width);
            let prev = &before[(depth - 1) * width..];
            let cur = &mut cur[..width];
            cur[0] = (depth as u8).min(cap);
            let mut best = cur[0];
            for j in 1..=n {
                let sub = prev[j - 1] + (q[j - 1] != c) as u8;
                let mut v = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
                if depth >= 2 && j >= 2 && c == q[j - 2] && term_chars[depth - 2] == q[j - 1] {
                    v = v.min(before[(depth - 2) * width + j - 2] + 1);
                }
                let v = v.min(cap);
                cur[j] = v;
                best = best.min(v);
            }
            if best > k {
                pruned = true;
                break;
            }
        }
        path.clear();
        path.extend_from_slice(&term_chars);
        if pruned {
            // Every term sharing the first `depth` chars is out of reach.
            let bytes: usize = term_chars[..depth].iter().map(|c| c.len_utf8()).sum();
            valid = depth - 1;
            pos = skip(pos, range.end, &term[..bytes]);
        } else {
            valid = depth;
            let d = rows[depth * width + n];
            if d <= k && term != word {
                found(pos, d);
            }
            pos += 1;
        }
    }
}

/// Damerau (optimal string alignment) distance, capped at `k + 1`: for
/// checking single words, e.g. in snippets.
pub(crate) fn within(a: &[char], b: &[char], k: u8) -> bool {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > k as usize {
        return false;
    }
    let cap = k as usize + 1;
    let width = m + 1;
    let mut rows = vec![0usize; (n + 1) * width];
    for (j, cell) in rows[..width].iter_mut().enumerate() {
        *cell = j.min(cap);
    }
    for i in 1..=n {
        rows[i * width] = i.min(cap);
        for j in 1..=m {
            let mut v = (rows[(i - 1) * width + j - 1] + (a[i - 1] != b[j - 1]) as usize)
                .min(rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1);
            if i >= 2 && j >= 2 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = v.min(cap);
        }
    }
    rows[n * width + m] <= k as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Builder;
    use crate::SearchDoc;

    fn index(words: &str) -> Index {
        let body = vec![words.to_string()];
        let mut b = Builder::new();
        b.add(&SearchDoc {
            title: "",
            body: &body,
        });
        b.finish()
    }

    fn typos(ix: &Index, word: &str, k: u8) -> Vec<(String, u8)> {
        let mut v: Vec<_> = typo_candidates(ix, word, k)
            .into_iter()
            .map(|(t, d)| (ix.terms.strings.get(t).to_string(), d))
            .collect();
        v.sort();
        v
    }

    /// The walk must agree with checking every term one by one.
    #[test]
    fn typo_walk_matches_brute_force() {
        let words = "laboratory laboratories labratory laborotary labor laboratorx lab label laboratoryy \
                     aboratory klaboratory labotarory laboartory lavoratory laboratory2 labs lobby \
                     karasora karasara karasor karasorra karosora karasoras карасора карасоры карсора";
        let ix = index(words);
        for (q, k) in [
            ("laboratory", 2),
            ("laboratory", 1),
            ("karasora", 1),
            ("карасора", 1),
            ("labratory", 2),
            ("lab", 1),
        ] {
            let qc: Vec<char> = q.chars().collect();
            let mut want: Vec<(String, u8)> = Vec::new();
            for w in words.split_whitespace() {
                let wc: Vec<char> = w.chars().collect();
                if w != q && wc[0] == qc[0] && !want.iter().any(|(x, _)| x == w) {
                    let d = (0..=k).find(|&d| within(&wc, &qc, d));
                    if let Some(d) = d {
                        want.push((w.to_string(), d));
                    }
                }
            }
            want.sort();
            assert_eq!(typos(&ix, q, k), want, "{q} k={k}");
        }
    }

    #[test]
    fn damerau_distance() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within(&c("laboartory"), &c("laboratory"), 1));
        assert!(!within(&c("labotarory"), &c("laboratory"), 1));
        assert!(within(&c("labotarory"), &c("laboratory"), 2));
        assert!(within(&c("karasora"), &c("karasora"), 0));
        assert!(!within(&c("a"), &c("abc"), 1));
    }

    #[test]
    fn classes_and_weights() {
        let ix = index("dismantled dismantling dismay laboratory laboratories phytolaboratories qarasora карасора karasora нарколаборатории");
        let word = |t: &str, prefix| Word {
            text: t.into(),
            prefix,
            exact: false,
            cross: Vec::new(),
        };
        let w = |exps: &[Expansion], t: &str| {
            exps.iter()
                .find(|e| ix.terms.strings.get(e.term) == t)
                .map(|e| e.weight)
        };
        let e = expand(&ix, &word("dismantled", false));
        assert_eq!(w(&e, "dismantled"), Some(EXACT));
        assert_eq!(w(&e, "dismantling"), Some(STEM));
        assert_eq!(w(&e, "dismay"), None);
        let e = expand(&ix, &word("karasora", false));
        assert_eq!(w(&e, "karasora"), Some(EXACT));
        assert_eq!(w(&e, "qarasora"), Some(TRANSLIT));
        assert_eq!(w(&e, "карасора"), Some(TRANSLIT));
        assert_eq!(
            w(
                &expand(&ix, &word("laboratory", false)),
                "phytolaboratories"
            ),
            Some(COMPOUND)
        );
        assert_eq!(
            w(
                &expand(&ix, &word("лаборатория", false)),
                "нарколаборатории"
            ),
            Some(COMPOUND)
        );
        assert_eq!(
            w(
                &expand(&ix, &word("dismantled", false)),
                "phytolaboratories"
            ),
            None
        );
        let e = expand(&ix, &word("dism", true));
        assert_eq!(w(&e, "dismay"), Some(PREFIX));
        let e = expand(&ix, &word("labaratory", false));
        assert_eq!(w(&e, "laboratory"), Some(TYPO_1));
        let e = expand(
            &ix,
            &Word {
                text: "karasora".into(),
                prefix: false,
                exact: true,
                cross: Vec::new(),
            },
        );
        assert_eq!(e.len(), 1);
    }
}
