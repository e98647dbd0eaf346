//! Cross-language search: a bilingual thesaurus groups English and Russian
//! terms under one concept (`heroin`: "heroin", "smack"; «героин»,
//! «герыч»), and a query word that is one of a concept's terms in one
//! language also searches the concept's terms in the other, at a weight
//! below every same-language match ([`crate::expand`]'s `CROSS`): «героин»
//! finds the English events about heroin, ranked after the Russian ones that
//! say «героин».
//!
//! The thesaurus itself is data (`data/thesaurus.json`, read by
//! `caricc_core::thesaurus`); this module takes its terms as written and
//! compiles them with the index's own folding and stemmers, so that a term
//! matches the words the index holds. A split index carries the terms in its
//! meta ([`crate::ShardMeta::cross_language`]), so the browser gets them
//! with the first query and no thesaurus is compiled into the app.
//!
//! A term is one or more words: a word ending in `*` matches every word
//! beginning with it; a word written in capitals (`MVD`, `РК`) matches only
//! itself (in a query, in any case: a reader types lower case); any other
//! word matches every word with the same Snowball stem. A query matches a
//! term where consecutive query words match its words; each of those words
//! then also searches the other language's one-word terms (a term of
//! several words, "poppy straw", would need its words in order, which an
//! expansion of one word cannot ask: it is matched in queries, not added).

use std::borrow::Cow;
use std::sync::OnceLock;

use super::fold::{for_each_word, script, Script};
use super::query::{Query, Word};
use super::stem::stem;

/// One concept of the thesaurus: its id and its terms in each language, as
/// written in the thesaurus (`"opiat*"`, `"MVD"`, `"poppy straw"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// The concept's stable id (`heroin`, `customs`).
    pub id: String,
    /// English terms.
    pub en: Vec<String>,
    /// Russian terms.
    pub ru: Vec<String>,
}

/// How one word of a term matches a folded word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// The same Snowball stem (or the word itself).
    Stem { word: String, stem: String },
    /// Every word beginning with it (`opiat*`).
    Prefix(String),
    /// Only the word itself (written in capitals: `MVD`).
    Exact(String),
}

impl Pattern {
    /// True when the folded word `word` matches; `word_stem` keeps the
    /// word's stem, computed at most once for all the patterns a word is
    /// checked against.
    pub(crate) fn matches_stemmed<'w>(
        &self,
        word: &'w str,
        word_stem: &mut Option<Cow<'w, str>>,
    ) -> bool {
        match self {
            Pattern::Stem { word: w, stem: s } => {
                word == w
                    || (word.starts_with(first_char(s))
                        && matches!(script(word), Script::Latin | Script::Cyrillic)
                        && word_stem.get_or_insert_with(|| stem(word)) == s.as_str())
            }
            Pattern::Prefix(p) => word.starts_with(p.as_str()),
            Pattern::Exact(w) => word == w,
        }
    }
}

fn first_char(s: &str) -> &str {
    s.char_indices().nth(1).map_or(s, |(i, _)| &s[..i])
}

/// A term compiled: its words' patterns, in order.
type Term = Vec<Pattern>;

/// What a query added: a word of one language that also searched a
/// concept's terms in the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossAdded {
    /// The concept's id.
    pub concept: String,
    /// The concept's first term in the other language, as written in the
    /// thesaurus (what "also searched: heroin" shows).
    pub term: String,
}

/// The thesaurus compiled for search (see the module documentation). Empty
/// by default: then nothing crosses languages.
#[derive(Debug, Clone, Default)]
pub struct CrossLanguage {
    concepts: Vec<Concept>,
    /// Per concept, its terms compiled: `[English, Russian]`, on first use.
    /// Not in `new`: the web app decodes a split index's meta (and with it
    /// this) in its main wasm, and compiling there would pull the folding
    /// tables and both stemmers into every first screen's download, where
    /// only the search chunk, which runs the queries, needs them.
    compiled: OnceLock<Vec<[Vec<Term>; 2]>>,
}

/// Two thesauri are equal when their concepts are: the compiled terms
/// follow from them.
impl PartialEq for CrossLanguage {
    fn eq(&self, other: &Self) -> bool {
        self.concepts == other.concepts
    }
}

impl Eq for CrossLanguage {}

impl CrossLanguage {
    /// The thesaurus of `concepts`. Its terms are compiled when first
    /// matched: terms with no word (only punctuation) are left out; so is
    /// a concept's word pattern that would match everything.
    pub fn new(concepts: Vec<Concept>) -> CrossLanguage {
        CrossLanguage {
            concepts,
            compiled: OnceLock::new(),
        }
    }

    /// Per concept, its terms compiled: `[English, Russian]`.
    fn compiled(&self) -> &[[Vec<Term>; 2]] {
        self.compiled.get_or_init(|| {
            self.concepts
                .iter()
                .map(|c| [compile_all(&c.en), compile_all(&c.ru)])
                .collect()
        })
    }

    /// The concepts, as given to [`CrossLanguage::new`].
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// True when there is no concept: nothing crosses languages.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// Gives each word of `q` the patterns of the other language's terms of
    /// every concept it is (part of) a term of, and says what was added.
    pub(crate) fn annotate(&self, q: &mut Query) -> Vec<CrossAdded> {
        let mut added: Vec<CrossAdded> = Vec::new();
        if self.concepts.is_empty() {
            return added;
        }
        for (c, langs) in self.concepts.iter().zip(self.compiled()) {
            // Which words each language's terms cover.
            let covered: [Vec<usize>; 2] = [
                covered_words(&q.words, &langs[0]),
                covered_words(&q.words, &langs[1]),
            ];
            for (lang, words) in covered.iter().enumerate() {
                let other = 1 - lang;
                if words.is_empty() {
                    continue;
                }
                let singles: Vec<&Pattern> = langs[other]
                    .iter()
                    .filter(|t| t.len() == 1)
                    .map(|t| &t[0])
                    .collect();
                let mut grew = false;
                for &i in words {
                    // A word that is also a term of the other language (a
                    // name spelled alike) needs nothing from it.
                    if covered[other].contains(&i) {
                        continue;
                    }
                    for p in &singles {
                        if !q.words[i].cross.contains(p) {
                            q.words[i].cross.push((*p).clone());
                            grew = true;
                        }
                    }
                }
                let terms = if other == 0 { &c.en } else { &c.ru };
                if let (true, Some(first)) = (grew, terms.first()) {
                    if !added.iter().any(|a| a.concept == c.id) {
                        added.push(CrossAdded {
                            concept: c.id.clone(),
                            term: first.clone(),
                        });
                    }
                }
            }
        }
        added
    }

    /// What a query searches in the other language, concept by concept in
    /// the thesaurus's order (for "also searched: heroin").
    pub fn added(&self, query: &str) -> Vec<CrossAdded> {
        let mut q = super::query::parse(query);
        self.annotate(&mut q)
    }
}

/// The positions of the query words that some term of `terms` covers: a
/// run of consecutive words matching the term's words. Quoted words ask for
/// themselves only, and never match.
fn covered_words(words: &[Word], terms: &[Term]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    // Each word's stem once, whatever the number of terms.
    let mut stems: Vec<Option<Cow<'_, str>>> = vec![None; words.len()];
    for term in terms {
        if term.is_empty() || term.len() > words.len() {
            continue;
        }
        for start in 0..=words.len() - term.len() {
            let hit = (start..start + term.len())
                .zip(term)
                .all(|(i, p)| !words[i].exact && p.matches_stemmed(&words[i].text, &mut stems[i]));
            if hit {
                for i in start..start + term.len() {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
            }
        }
    }
    out
}

fn compile_all(terms: &[String]) -> Vec<Term> {
    terms
        .iter()
        .map(|t| compile(t))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A term's words as patterns: folded as the index folds them; `*` after a
/// word makes it a prefix, capitals (two letters or more) an exact word.
fn compile(term: &str) -> Term {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_word(term, &mut buf, &mut |folded, start, end| {
        let original = &term[start..end];
        let starred = term[end..].starts_with('*');
        let capitals = original.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !original.chars().any(char::is_lowercase);
        out.push(if starred {
            Pattern::Prefix(folded.to_string())
        } else if capitals {
            Pattern::Exact(folded.to_string())
        } else {
            let s: Cow<'_, str> = stem(folded);
            Pattern::Stem {
                word: folded.to_string(),
                stem: s.into_owned(),
            }
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::super::query::parse;
    use super::*;

    fn concept(id: &str, en: &[&str], ru: &[&str]) -> Concept {
        Concept {
            id: id.into(),
            en: en.iter().map(|s| s.to_string()).collect(),
            ru: ru.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn thesaurus() -> CrossLanguage {
        CrossLanguage::new(vec![
            concept("heroin", &["heroin", "smack"], &["героин", "герыч"]),
            concept(
                "opium",
                &["opium", "poppy straw"],
                &["опий", "маковая солома", "опиат*"],
            ),
            concept("mvd", &["MVD", "Ministry of Internal Affairs"], &["МВД"]),
            concept("kazakhstan", &["Kazakhstan"], &["Казахстан", "РК"]),
        ])
    }

    fn cross_of(query: &str) -> Vec<Vec<Pattern>> {
        let mut q = parse(query);
        thesaurus().annotate(&mut q);
        q.words.into_iter().map(|w| w.cross).collect()
    }

    fn stem_of(w: &str) -> Pattern {
        Pattern::Stem {
            word: w.into(),
            stem: stem(w).into_owned(),
        }
    }

    #[test]
    fn terms_compile_to_stems_prefixes_and_exact_words() {
        assert_eq!(compile("героин"), [stem_of("героин")]);
        assert_eq!(compile("опиат*"), [Pattern::Prefix("опиат".into())]);
        assert_eq!(compile("MVD"), [Pattern::Exact("mvd".into())]);
        assert_eq!(
            compile("маковая солома"),
            [stem_of("маковая"), stem_of("солома")]
        );
        // A hyphen separates words, in terms as in text.
        assert_eq!(
            compile("alpha-PVP"),
            [stem_of("alpha"), Pattern::Exact("pvp".into())]
        );
        assert!(compile("* -").is_empty());
    }

    #[test]
    fn an_inflected_word_searches_the_other_language() {
        // «героина» has the stem of «героин»: the English terms are added.
        assert_eq!(
            cross_of("героина"),
            [vec![stem_of("heroin"), stem_of("smack")]]
        );
        // And back: one-word Russian terms, the prefix term as a prefix.
        assert_eq!(
            cross_of("opium"),
            [vec![stem_of("опий"), Pattern::Prefix("опиат".into())]]
        );
        // A capitals-only term matches a query typed in lower case.
        assert_eq!(cross_of("mvd"), [vec![Pattern::Exact("мвд".into())]]);
        assert_eq!(cross_of("рк"), [vec![stem_of("kazakhstan")]]);
        // An unrelated word gets nothing, nor does a quoted one.
        assert_eq!(cross_of("border"), [Vec::<Pattern>::new()]);
        assert_eq!(cross_of("\"heroin\""), [Vec::<Pattern>::new()]);
    }

    #[test]
    fn a_term_of_several_words_matches_consecutive_query_words() {
        let opium_en = vec![stem_of("opium")];
        // Both words of «маковая солома» search the English one-word terms.
        assert_eq!(
            cross_of("маковая солома"),
            [opium_en.clone(), opium_en.clone()]
        );
        // Out of order, or one word alone, is not the term.
        assert_eq!(cross_of("солома маковая"), [vec![], vec![]]);
        assert_eq!(cross_of("солома"), [Vec::<Pattern>::new()]);
        // "Ministry of Internal Affairs": `of` is a word of the term too.
        let mvd_ru = vec![Pattern::Exact("мвд".into())];
        assert_eq!(
            cross_of("ministry of internal affairs"),
            [mvd_ru.clone(), mvd_ru.clone(), mvd_ru.clone(), mvd_ru]
        );
    }

    #[test]
    fn added_names_the_first_term_of_the_other_language() {
        let t = thesaurus();
        let added = t.added("героин казахстан");
        assert_eq!(
            added,
            [
                CrossAdded {
                    concept: "heroin".into(),
                    term: "heroin".into()
                },
                CrossAdded {
                    concept: "kazakhstan".into(),
                    term: "Kazakhstan".into()
                }
            ]
        );
        assert_eq!(t.added("smack")[0].term, "героин");
        assert!(t.added("border guards").is_empty());
        assert!(CrossLanguage::default().added("героин").is_empty());
    }
}
