//! Snippets: a piece of a text around the first word that matches a query,
//! split into segments with the matched words flagged for highlighting.
//!
//! A word of the text matches when the index would have matched it: the
//! same exact, stem, transliteration, prefix and typo rules, checked word by
//! word, so no index is needed.

use std::borrow::Cow;

use super::cross::{CrossLanguage, Pattern};
use super::expand::{typo_budget, within, MIN_COMPOUND_STEM};
use super::fold::{for_each_word, script, Script};
use super::query::{parse, Word};
use super::rank::positive_words;
use super::stem::stem;
use super::translit::{keys, lead};
use super::Segment;

/// Checks folded words against the required words of a query.
pub(crate) struct Matcher {
    words: Vec<Target>,
}

struct Target {
    text: String,
    chars: Vec<char>,
    prefix: bool,
    exact: bool,
    stem: Option<String>,
    keys: Vec<String>,
    typos: u8,
    /// The other language's terms it searched (thesaurus).
    cross: Vec<Pattern>,
}

impl Matcher {
    pub fn new(words: &[Word]) -> Matcher {
        let words = words
            .iter()
            .map(|w| {
                let chars: Vec<char> = w.text.chars().collect();
                let sc = script(&w.text);
                let stemmable = !w.exact && matches!(sc, Script::Latin | Script::Cyrillic);
                let stem = stemmable.then(|| stem(&w.text).into_owned());
                let keys = if stemmable { keys(&w.text) } else { Vec::new() };
                let typos = if w.exact || sc == Script::Number {
                    0
                } else {
                    typo_budget(chars.len())
                };
                Target {
                    text: w.text.clone(),
                    chars,
                    prefix: w.prefix,
                    exact: w.exact,
                    stem,
                    keys,
                    typos,
                    cross: w.cross.clone(),
                }
            })
            .collect();
        Matcher { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn matches(&self, word: &str) -> bool {
        let first = word.chars().next();
        let mut word_stem: Option<Cow<'_, str>> = None;
        let mut word_keys: Option<Vec<String>> = None;
        let mut word_chars: Option<Vec<char>> = None;
        let stemmable = matches!(script(word), Script::Latin | Script::Cyrillic);
        for t in &self.words {
            if word == t.text || (t.prefix && word.starts_with(&t.text)) {
                return true;
            }
            if t.exact {
                continue;
            }
            if t.cross
                .iter()
                .any(|p| p.matches_stemmed(word, &mut word_stem))
            {
                return true;
            }
            if let Some(ts) = &t.stem {
                // A stem keeps the word's first letter, so others cannot match.
                if stemmable && first == t.chars.first().copied() {
                    let s = word_stem.get_or_insert_with(|| stem(word));
                    if s.as_ref() == ts {
                        return true;
                    }
                }
                // A compound contains the stem (and its stem ends with it).
                if stemmable
                    && ts.chars().count() >= MIN_COMPOUND_STEM
                    && word.len() > ts.len()
                    && word.contains(ts.as_str())
                {
                    let s = word_stem.get_or_insert_with(|| stem(word));
                    if s.len() > ts.len() && s.ends_with(ts.as_str()) {
                        return true;
                    }
                }
            }
            for tk in &t.keys {
                let may = stemmable && lead(word).is_none_or(|l| Some(&l) == tk.as_bytes().first());
                if may && word_keys.get_or_insert_with(|| keys(word)).contains(tk) {
                    return true;
                }
            }
            if t.typos > 0 && first == t.chars.first().copied() {
                let wc = word_chars.get_or_insert_with(|| word.chars().collect());
                if within(wc, &t.chars, t.typos) {
                    return true;
                }
            }
        }
        false
    }
}

struct Span {
    start: usize,
    end: usize,
    matched: bool,
}

pub(crate) fn snippet(
    query: &str,
    text: &str,
    max_chars: usize,
    cross: &CrossLanguage,
) -> Vec<Segment> {
    if max_chars == 0 || text.is_empty() {
        return Vec::new();
    }
    let mut q = parse(query);
    cross.annotate(&mut q);
    let matcher = Matcher::new(&positive_words(&q));
    let mut spans = Vec::new();
    let mut buf = String::new();
    let mut first_match = None;
    for_each_word(text, &mut buf, &mut |w, start, end| {
        let matched = !matcher.is_empty() && matcher.matches(w);
        if matched && first_match.is_none() {
            first_match = Some(spans.len());
        }
        spans.push(Span {
            start,
            end,
            matched,
        });
    });

    let (start, end) = window(text, &spans, first_match, max_chars);
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |text: &str, matched: bool| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if !last.matched && !matched => last.text.push_str(text),
            _ => out.push(Segment {
                text: text.to_string(),
                matched,
            }),
        }
    };
    if start > 0 {
        push("…", false);
    }
    let mut cursor = start;
    for s in spans
        .iter()
        .filter(|s| s.matched && s.start >= start && s.end <= end)
    {
        push(&text[cursor..s.start], false);
        push(&text[s.start..s.end], true);
        cursor = s.end;
    }
    push(&text[cursor..end], false);
    if end < text.len() {
        push("…", false);
    }
    out
}

/// The byte range to show: about `max_chars` characters, starting a little
/// before the first match, cut at word boundaries.
fn window(
    text: &str,
    spans: &[Span],
    first_match: Option<usize>,
    max_chars: usize,
) -> (usize, usize) {
    let total = text.chars().count();
    if total <= max_chars {
        return (0, text.len());
    }
    // Character index -> byte offset.
    let byte_at = |ci: usize| text.char_indices().nth(ci).map_or(text.len(), |(b, _)| b);
    let anchor = first_match.map(|i| &spans[i]);
    let mut start_char = match anchor {
        Some(a) => text[..a.start]
            .chars()
            .count()
            .saturating_sub(max_chars / 4),
        None => 0,
    };
    start_char = start_char.min(total - max_chars);
    let (raw_start, raw_end) = (byte_at(start_char), byte_at(start_char + max_chars));
    // Start at the first word wholly inside, end at the last one; the
    // anchor stays in whatever happens.
    let mut start = if start_char == 0 {
        0
    } else {
        spans
            .iter()
            .find(|s| s.start >= raw_start)
            .map_or(raw_start, |s| s.start)
    };
    let mut end = spans
        .iter()
        .rev()
        .find(|s| s.end <= raw_end && s.start >= start)
        .map_or(raw_end, |s| s.end);
    if let Some(a) = anchor {
        start = start.min(a.start);
        end = end.max(a.end);
    }
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cross::Concept;

    /// Without a thesaurus.
    fn snippet(query: &str, text: &str, max_chars: usize) -> Vec<Segment> {
        super::snippet(query, text, max_chars, &CrossLanguage::default())
    }

    #[test]
    fn the_other_languages_terms_are_flagged() {
        let cross = CrossLanguage::new(vec![Concept {
            id: "heroin".into(),
            en: vec!["heroin".into()],
            ru: vec!["героин".into()],
        }]);
        let text = "Police seized 2 kg of heroin and cocaine.";
        let m = marked(&super::snippet("героина", text, 500, &cross));
        assert_eq!(m, "Police seized 2 kg of [heroin] and cocaine.");
        // Without the thesaurus, nothing matches.
        assert!(!marked(&snippet("героина", text, 500)).contains('['));
    }

    fn marked(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.matched {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_every_kind_of_match() {
        let text = "Police dismantled a laboratory; the Laboratories of Karasora (Карасоре) were labratory-like phytolaboratories.";
        let s = snippet("dismantling laboratory карасора", text, 500);
        assert_eq!(
            marked(&s),
            "Police [dismantled] a [laboratory]; the [Laboratories] of [Karasora] ([Карасоре]) were [labratory]-like [phytolaboratories]."
        );
        assert!(!marked(&snippet("lab ", text, 500)).contains('['));
        assert_eq!(marked(&snippet("lab", text, 500)).matches('[').count(), 3);
        assert_eq!(
            marked(&snippet(
                "нарколаборатория",
                "две нарколаборатории и лаборатория",
                500
            )),
            "две [нарколаборатории] и лаборатория"
        );
        assert_eq!(
            marked(&snippet(
                "лаборатория",
                "две нарколаборатории и лаборатория",
                500
            )),
            "две [нарколаборатории] и [лаборатория]"
        );
        assert!(marked(&snippet("labo", text, 500)).contains("[laboratory]"));
        assert!(!marked(&snippet("-laboratory", text, 500)).contains('['));
        // The whole text fits: segments are the text.
        let joined: String = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn cuts_around_the_first_match() {
        let before = "word ".repeat(200);
        let after = " tail".repeat(200);
        let text = format!("{before}the heroin seizure{after}");
        let s = snippet("heroin", &text, 80);
        let m = marked(&s);
        assert!(m.starts_with('…') && m.ends_with('…'), "{m}");
        assert!(m.contains("[heroin]"));
        let shown = m.chars().count();
        assert!((60..=90).contains(&shown), "{shown}: {m}");
        // Without a match: the start of the text.
        let m = marked(&snippet("cocaine", &text, 80));
        assert!(
            m.starts_with("word word") && m.ends_with('…') && !m.contains('['),
            "{m}"
        );
    }

    #[test]
    fn odd_inputs() {
        assert!(snippet("x", "", 10).is_empty());
        assert!(snippet("x", "abc", 0).is_empty());
        let m = marked(&snippet("ёлка", "Ёлка-ЁЛКА", 3));
        assert!(m.contains("[Ёлка]"), "{m}");
    }
}
