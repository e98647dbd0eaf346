//! The matcher: a thesaurus compiled into per-kind indexes of its terms'
//! words, and the search for its terms in a text's words (inflected forms,
//! prefixes and abbreviations, the longest match winning).

use std::borrow::Cow;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{thesaurus, Entry, EntryKind, Thesaurus};

pub(super) fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52F}').contains(&c)
}

/// One word of a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum WordPattern {
    /// Same stem (the stem, the word in lower case).
    Stem(String, String),
    /// Lower-case word begins with this.
    Prefix(String),
    /// Exactly this word (an abbreviation in capitals).
    Exact(String),
    /// This word in any case (a word of up to three letters: "of", «по»).
    Short(String),
}

pub(super) fn parse_term(term: &str) -> Vec<WordPattern> {
    let mut out = Vec::new();
    for (start, word) in crate::text::alnum_runs(term) {
        let prefix = term[start + word.len()..].starts_with('*');
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if prefix {
            out.push(WordPattern::Prefix(lower(word)));
        } else if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
            out.push(WordPattern::Exact(word.to_string()));
        } else if word.chars().count() <= 3 {
            out.push(WordPattern::Short(lower(word)));
        } else {
            let lower = lower(word);
            out.push(WordPattern::Stem(stem(&lower).into_owned(), lower));
        }
    }
    out
}

fn lower(word: &str) -> String {
    crate::text::with_lower(word, str::to_string)
}

fn stem(lower: &str) -> Cow<'_, str> {
    caricc_search::stem_word(lower)
}

/// A word of a text, ready to compare with term words.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// Byte range in the text: its start...
    pub start: usize,
    /// ...and its end (exclusive).
    pub end: usize,
    /// As written.
    pub text: &'a str,
    /// Its lower case, stem and candidate terms: the same for every
    /// occurrence of the word, so computed once per thread.
    info: Rc<WordInfo>,
}

/// What matching needs of a word as written.
#[derive(Debug)]
struct WordInfo {
    lower: String,
    /// Empty when no term's stem can be this word's.
    stem: String,
    /// The terms of the compiled-in thesaurus whose first word matches
    /// this word, sorted, each once.
    candidates: Box<[usize]>,
}

impl Word<'_> {
    fn lower(&self) -> &str {
        &self.info.lower
    }
    fn stem(&self) -> &str {
        &self.info.stem
    }
}

/// How many first letters of a stem the stemming filter keeps.
const HEAD: usize = 4;

/// The words of `text`, each with its lower case and stem.
pub fn text_words(text: &str) -> Vec<Word<'_>> {
    runs_words(crate::text::alnum_runs(text))
}

/// [`text_words`] from the runs of letters and digits of a text
/// ([`crate::text::alnum_runs`]), each with its byte offset.
pub fn runs_words<'a>(runs: impl Iterator<Item = (usize, &'a str)>) -> Vec<Word<'a>> {
    thread_local! {
        static CACHE: std::cell::RefCell<FxHashMap<String, Rc<WordInfo>>> = Default::default();
    }
    let t = thesaurus();
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        runs.map(|(start, w)| {
            let info = match cache.get(w) {
                Some(info) => Rc::clone(info),
                None => {
                    if cache.len() >= 50_000 {
                        cache.clear();
                    }
                    let info = Rc::new(t.word_info(w));
                    cache.insert(w.to_string(), Rc::clone(&info));
                    info
                }
            };
            Word {
                start,
                end: start + w.len(),
                text: w,
                info,
            }
        })
        .collect()
    })
}

/// `!c.is_uppercase() && c != 'ё'`, without the Unicode tables for ASCII
/// and basic Cyrillic.
#[inline]
fn is_lower_letter_or_other(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A => false,
        0..=0x7F => true,
        0x451 => false, // ё
        0x430..=0x45F => true,
        0x400..=0x42F => false,
        _ => !c.is_uppercase(),
    }
}

/// True when `word` is `term` plus a Russian ending of up to three letters
/// («Кыргызстан», «Кыргызстане»: the Snowball stemmer cuts the nominative
/// of some names shorter than their other forms).
fn inflects(term: &str, word: &str) -> bool {
    word.strip_prefix(term).is_some_and(|rest| {
        !rest.is_empty()
            && rest.chars().count() <= 3
            && rest.chars().all(is_cyrillic)
            && term.chars().any(is_cyrillic)
    })
}

impl WordPattern {
    fn matches(&self, w: &Word<'_>) -> bool {
        self.matches_parts(w.text, w.lower(), w.stem())
    }

    /// [`WordPattern::matches`] for a word as written, its lower case and
    /// its stem.
    fn matches_parts(&self, text: &str, lower: &str, stem: &str) -> bool {
        match self {
            WordPattern::Stem(s, whole) => stem == s || inflects(whole, lower),
            WordPattern::Prefix(p) => lower.starts_with(p.as_str()),
            WordPattern::Exact(x) => text == x,
            WordPattern::Short(x) => lower == x,
        }
    }
}

struct Term {
    entry: usize,
    words: Vec<WordPattern>,
}

/// The terms by their first word: its stem, its lower case
/// (for short words and the Russian endings rule), its exact form; prefix
/// terms by the first letter of their prefix.
#[derive(Default)]
struct KindIndex {
    by_stem: FxHashMap<String, Vec<usize>>,
    by_lower: FxHashMap<String, Vec<usize>>,
    by_exact: FxHashMap<String, Vec<usize>>,
    by_prefix: FxHashMap<char, Vec<usize>>,
}

/// The thesaurus and its terms, ready to match.
pub struct Compiled {
    /// The thesaurus as read, whose entries the matches point into.
    pub thesaurus: Thesaurus,
    terms: Vec<Term>,
    /// Terms by their first word: its stem, its lower case (for the Russian
    /// endings rule), its exact form; and the terms whose first word is a
    /// prefix, tried everywhere.
    /// Terms by first word.
    index: KindIndex,
    /// The first four letters of every stem of four letters or more of
    /// every term word, and the shorter stems: a text word that begins
    /// with none of these is not stemmed.
    stem_heads: FxHashSet<String>,
    short_stems: FxHashSet<String>,
}

/// A term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'t> {
    /// The concept the words name.
    pub entry: &'t Entry,
    /// Byte range of the matched words in the text: its start...
    pub start: usize,
    /// ...and its end (exclusive).
    pub end: usize,
    /// Range of the matched words among the text's words: the first...
    pub first_word: usize,
    /// ...and how many.
    pub words: usize,
}

impl Compiled {
    /// Compiles the terms of `thesaurus` (the file must have passed
    /// [`super::parse`]).
    pub fn new(thesaurus: Thesaurus) -> Compiled {
        let mut terms = Vec::new();
        // Regions and cities are the gazetteer's: its own matcher declines
        // their Russian names and wants a region word beside some of them.
        for (i, e) in thesaurus.entries.iter().enumerate() {
            if e.kind.is_place() {
                continue;
            }
            for t in e.en.iter().chain(&e.ru) {
                let words = parse_term(t);
                if !words.is_empty() {
                    terms.push(Term { entry: i, words });
                }
            }
        }
        let mut c = Compiled {
            thesaurus,
            terms,
            index: Default::default(),
            stem_heads: FxHashSet::default(),
            short_stems: FxHashSet::default(),
        };
        for t in &c.terms {
            for w in &t.words {
                if let WordPattern::Stem(stem, _) = w {
                    match stem.char_indices().nth(HEAD) {
                        Some((cut, _)) => {
                            c.stem_heads.insert(stem[..cut].to_string());
                        }
                        None if stem.chars().count() == HEAD => {
                            c.stem_heads.insert(stem.clone());
                        }
                        None => {
                            c.short_stems.insert(stem.clone());
                        }
                    }
                }
            }
        }
        for (k, t) in c.terms.iter().enumerate() {
            let ix = &mut c.index;
            match &t.words[0] {
                WordPattern::Stem(stem, lower) => {
                    ix.by_stem.entry(stem.clone()).or_default().push(k);
                    ix.by_lower.entry(lower.clone()).or_default().push(k);
                }
                WordPattern::Exact(x) => ix.by_exact.entry(x.clone()).or_default().push(k),
                WordPattern::Short(x) => ix.by_lower.entry(x.clone()).or_default().push(k),
                WordPattern::Prefix(p) => {
                    if let Some(first) = p.chars().next() {
                        ix.by_prefix.entry(first).or_default().push(k);
                    }
                }
            }
        }
        c
    }

    /// False when no term word's stem can be the stem of the lower-case
    /// `word` (a Snowball stem keeps the word's first letters).
    fn may_stem(&self, word: &str) -> bool {
        let head = word
            .char_indices()
            .nth(HEAD)
            .map_or(word, |(cut, _)| &word[..cut]);
        if self.stem_heads.contains(head) {
            return true;
        }
        // A short stem is a prefix of the word of fewer than HEAD letters.
        word.char_indices()
            .skip(1)
            .take(HEAD - 1)
            .map(|(cut, _)| &word[..cut])
            .chain((word.chars().count() < HEAD).then_some(word))
            .any(|prefix| self.short_stems.contains(prefix))
            || self.short_stems.contains("")
    }

    /// What matching needs of the word `text` (as written): its lower
    /// case, its stem and its candidate terms.
    fn word_info(&self, text: &str) -> WordInfo {
        // Most words are in lower case already.
        let lower = if text.chars().all(is_lower_letter_or_other) {
            text.to_string()
        } else {
            lower(text)
        };
        // Stemming is the costly part: only words that begin as some
        // term's stem does can share its stem (a Snowball stem keeps the
        // word's first letters).
        let stem = if self.may_stem(&lower) {
            stem(&lower).into_owned()
        } else {
            String::new()
        };
        let mut candidates = Vec::new();
        self.candidates(text, &lower, &stem, &mut candidates);
        // Only the terms whose first word this word is: whether it is
        // depends on the word alone, so it is settled once here rather than
        // at every occurrence (the index's superset is wide: every word
        // that starts with a prefix term's first letter is in it).
        candidates.retain(|&k| self.terms[k].words[0].matches_parts(text, &lower, &stem));
        candidates.sort_unstable();
        candidates.dedup();
        WordInfo {
            lower,
            stem,
            candidates: candidates.into_boxed_slice(),
        }
    }

    /// The terms whose first word may match the word `text` with this lower
    /// case and stem (a superset).
    fn candidates(&self, text: &str, lower: &str, stem: &str, out: &mut Vec<usize>) {
        out.clear();
        let ix = &self.index;
        let none: &[usize] = &[];
        if !stem.is_empty() {
            out.extend(ix.by_stem.get(stem).map_or(none, Vec::as_slice));
        }
        if text.chars().nth(1).is_some_and(char::is_uppercase) {
            out.extend(ix.by_exact.get(text).map_or(none, Vec::as_slice));
        }
        if let Some(first) = lower.chars().next() {
            out.extend(ix.by_prefix.get(&first).map_or(none, Vec::as_slice));
        }
        // A short word as it is (a longer one equal to a term's word has
        // its stem), and «Кыргызстане»: a term's word and up to three
        // letters.
        if lower.chars().nth(3).is_none() {
            out.extend(ix.by_lower.get(lower).map_or(none, Vec::as_slice));
        }
        if lower.is_ascii() {
            return;
        }
        for (cut, _) in lower.char_indices().rev().take(3) {
            if cut > 0 {
                out.extend(ix.by_lower.get(&lower[..cut]).map_or(none, Vec::as_slice));
            }
        }
    }

    /// The entry with id `id`.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.thesaurus.entries.iter().find(|e| e.id == id)
    }

    /// Every term of an entry of kind `kind` in `words` (from
    /// [`text_words`]), in text order; at each word the longest term wins
    /// and the match goes on after it.
    pub fn find<'t>(&'t self, words: &[Word<'_>], kind: EntryKind) -> Vec<Found<'t>> {
        self.find_kinds(words, &[kind]).pop().unwrap_or_default()
    }

    /// [`Compiled::find`] for each of `kinds` (one list per kind, in the
    /// same order), in one pass over the words.
    pub fn find_kinds<'t>(
        &'t self,
        words: &[Word<'_>],
        kinds: &[EntryKind],
    ) -> Vec<Vec<Found<'t>>> {
        let mut out: Vec<Vec<Found<'t>>> = vec![Vec::new(); kinds.len()];
        // Per kind, the first word its next match may start at.
        let mut next = vec![0; kinds.len()];
        // The words' candidates are the compiled-in thesaurus's terms.
        let compiled_in = std::ptr::eq(self, thesaurus());
        let mut own = Vec::new();
        for i in 0..words.len() {
            let w = &words[i];
            // Most words start no term: ruled out first, by their cached
            // candidates.
            if compiled_in && w.info.candidates.is_empty() {
                continue;
            }
            if next.iter().all(|&n| n > i) {
                continue;
            }
            let candidates: &[usize] = if compiled_in {
                &w.info.candidates
            } else {
                self.candidates(w.text, w.lower(), w.stem(), &mut own);
                // The thesaurus's order decides between terms of one length.
                own.sort_unstable();
                own.dedup();
                &own
            };
            if candidates.is_empty() {
                continue;
            }
            for (slot, &kind) in kinds.iter().enumerate() {
                if next[slot] > i {
                    continue;
                }
                let mut best: Option<(usize, usize)> = None; // (words, entry)
                for &k in candidates {
                    let t = &self.terms[k];
                    let n = t.words.len();
                    if self.thesaurus.entries[t.entry].kind != kind
                        || i + n > words.len()
                        || best.is_some_and(|(b, _)| b >= n)
                    {
                        continue;
                    }
                    if t.words.iter().zip(&words[i..]).all(|(p, w)| p.matches(w)) {
                        best = Some((n, t.entry));
                    }
                }
                if let Some((n, entry)) = best {
                    out[slot].push(Found {
                        entry: &self.thesaurus.entries[entry],
                        start: words[i].start,
                        end: words[i + n - 1].end,
                        first_word: i,
                        words: n,
                    });
                    next[slot] = i + n;
                }
            }
        }
        out
    }

    /// The ids of the entries of kind `kind` that `text` names, in the
    /// thesaurus's order, each once.
    pub fn ids_in(&self, text: &str, kind: EntryKind) -> Vec<&str> {
        let words = text_words(text);
        let found = self.find(&words, kind);
        self.thesaurus
            .entries
            .iter()
            .filter(|e| e.kind == kind && found.iter().any(|f| std::ptr::eq(f.entry, *e)))
            .map(|e| e.id.as_str())
            .collect()
    }
}
