//! The query language: words (all must match), `"quoted phrases"`, `-word`
//! and `-"phrase"` to exclude, and the last word, when the query does not
//! end in a space, read as a prefix still being typed.
//!
//! Parsing never fails: a lone `-` or unbalanced quote is read as well as it
//! can be, and input past the limits below is ignored rather than refused.

use super::fold::for_each_word;

/// At most this many required words and phrases, and this many exclusions:
/// enough for any real query, and it bounds the work of a pasted page.
pub(crate) const MAX_REQUIRED: usize = 16;
pub(crate) const MAX_EXCLUDED: usize = 16;
/// Words in one phrase beyond this are dropped.
pub(crate) const MAX_PHRASE_WORDS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The folded word.
    pub text: String,
    /// The word being typed: also matches words it begins.
    pub prefix: bool,
    /// Quoted alone: only the exact folded form matches.
    pub exact: bool,
    /// Terms of the other language it also searches (see `cross`), filled
    /// in after parsing by [`crate::CrossLanguage`].
    pub cross: Vec<crate::cross::Pattern>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    /// Each must match.
    pub words: Vec<Word>,
    /// Each must occur as consecutive words (two words or more).
    pub phrases: Vec<Vec<String>>,
    /// No result may contain one of these (exactly or by stem).
    pub excluded_words: Vec<String>,
    /// No result may contain one of these phrases.
    pub excluded_phrases: Vec<Vec<String>>,
}

impl Query {
    /// True when nothing is asked for: no word to find and none to exclude.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && !self.has_exclusions()
    }

    pub fn has_exclusions(&self) -> bool {
        !self.excluded_words.is_empty() || !self.excluded_phrases.is_empty()
    }

    fn required(&self) -> usize {
        self.words.len() + self.phrases.len()
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '＂')
}

pub(crate) fn parse(input: &str) -> Query {
    let mut q = Query::default();
    let mut buf = String::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let mut negated = false;
        if let Some(after) = rest.strip_prefix('-') {
            // `-` only negates what follows it directly; `- x` and `--` are noise.
            match after.chars().next() {
                Some(c) if !c.is_whitespace() && c != '-' => {
                    negated = true;
                    rest = after;
                }
                _ => {
                    rest = after;
                    continue;
                }
            }
        }
        let first = rest.chars().next().unwrap_or(' ');
        if is_quote(first) {
            let body = &rest[first.len_utf8()..];
            let (inside, after) = match body.find(is_quote) {
                Some(end) => {
                    let close = body[end..].chars().next().map_or(1, char::len_utf8);
                    (&body[..end], &body[end + close..])
                }
                None => (body, ""),
            };
            let mut words = Vec::new();
            for_each_word(inside, &mut buf, &mut |w, _, _| {
                if words.len() < MAX_PHRASE_WORDS {
                    words.push(w.to_string());
                }
            });
            add_group(&mut q, words, negated, true, false);
            rest = after;
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || is_quote(c))
                .unwrap_or(rest.len());
            let chunk = &rest[..end];
            rest = &rest[end..];
            let mut words = Vec::new();
            for_each_word(chunk, &mut buf, &mut |w, _, _| words.push(w.to_string()));
            words.truncate(MAX_PHRASE_WORDS);
            add_group(&mut q, words, negated, false, rest.is_empty());
        }
    }
    q
}

/// Adds the words of one chunk (`Karasora-2025`) or one quoted phrase.
fn add_group(q: &mut Query, mut words: Vec<String>, negated: bool, quoted: bool, at_end: bool) {
    if negated {
        if q.excluded_words.len() + q.excluded_phrases.len() >= MAX_EXCLUDED {
            return;
        }
        match words.len() {
            0 => {}
            1 => push_new(&mut q.excluded_words, words.pop().unwrap_or_default()),
            // `-Karasora-2025` excludes that phrase, not each of its words.
            _ => push_new(&mut q.excluded_phrases, words),
        }
        return;
    }
    if quoted && words.len() >= 2 {
        if q.required() < MAX_REQUIRED {
            push_new(&mut q.phrases, words);
        }
        return;
    }
    let n = words.len();
    for (i, text) in words.into_iter().enumerate() {
        let prefix = at_end && i + 1 == n && !quoted;
        if let Some(same) = q
            .words
            .iter_mut()
            .find(|w| w.text == text && w.exact == quoted)
        {
            same.prefix |= prefix;
        } else if q.required() < MAX_REQUIRED {
            q.words.push(Word {
                text,
                prefix,
                exact: quoted,
                cross: Vec::new(),
            });
        }
    }
}

fn push_new<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, prefix: bool) -> Word {
        Word {
            text: text.into(),
            prefix,
            exact: false,
            cross: Vec::new(),
        }
    }

    #[test]
    fn words_and_the_prefix_being_typed() {
        let q = parse("Laboratory DISMANT");
        assert_eq!(q.words, [w("laboratory", false), w("dismant", true)]);
        let q = parse("laboratory dismant ");
        assert_eq!(q.words, [w("laboratory", false), w("dismant", false)]);
        assert_eq!(
            parse("Karasora-2025").words,
            [w("karasora", false), w("2025", true)]
        );
    }

    #[test]
    fn phrases_and_exclusions() {
        let q = parse(r#""dismantled laboratory" -heroin -"synthetic drugs" «Карасора» x"#);
        assert_eq!(
            q.phrases,
            [vec!["dismantled".to_string(), "laboratory".into()]]
        );
        assert_eq!(q.excluded_words, ["heroin"]);
        assert_eq!(
            q.excluded_phrases,
            [vec!["synthetic".to_string(), "drugs".into()]]
        );
        assert_eq!(
            q.words,
            [
                Word {
                    text: "карасора".into(),
                    prefix: false,
                    exact: true,
                    cross: Vec::new(),
                },
                w("x", true)
            ]
        );
    }

    #[test]
    fn noise_is_no_query() {
        for input in [
            "",
            "   ",
            "-",
            " - ",
            "--",
            "\"",
            "\"\"",
            "«»",
            "!!! ,,, ...",
            "-\"\"",
            "🙂",
        ] {
            assert!(parse(input).is_empty(), "{input:?}: {:?}", parse(input));
        }
    }

    #[test]
    fn unbalanced_quote_reads_to_the_end() {
        let q = parse("\"dismantled labor");
        assert_eq!(q.phrases, [vec!["dismantled".to_string(), "labor".into()]]);
        let q = parse("heroin \"cocaine");
        assert_eq!(
            q.words,
            [
                w("heroin", false),
                Word {
                    text: "cocaine".into(),
                    prefix: false,
                    exact: true,
                    cross: Vec::new(),
                }
            ]
        );
    }

    #[test]
    fn limits_bound_the_work() {
        let q = parse(&"a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(400));
        assert_eq!(q.words.len(), MAX_REQUIRED);
        let q = parse(&format!("{} b", "a ".repeat(100)));
        assert_eq!(q.words, [w("a", false), w("b", true)]);
        let q = parse(&"-x ".repeat(1000));
        assert_eq!(q.excluded_words, ["x"]);
    }
}
