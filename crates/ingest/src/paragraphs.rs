//! Lines and paragraphs of a release text, and the repair of paragraphs
//! that a PDF page break split mid-sentence ("…to remind them of the" +
//! "value of life, …" is one paragraph).

use super::links::opens_wrapped_link;
use caricc_core::text::{collapse_spaces, ends_sentence, first_alnum, last_word, strip_markup};

/// One line of a document: its 1-based number and its text without the
/// line break and surrounding white space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The 1-based line number.
    pub no: usize,
    /// The line's text.
    pub text: String,
}

impl Line {
    /// True for a line with no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits text into trimmed lines (`\n`, `\r\n`, `\r`; a form feed is a
/// page break, so a line of its own), and joins a link the PDF wrapped over
/// several lines (`<https://…-` + `…/>`) back into one line.
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut no = 0;
    // Most texts have no \r and no form feed: their lines are not split
    // again (one memchr over the text instead of two scans of each line).
    let only_line_feeds = memchr::memchr2(b'\r', 0x0C, text.as_bytes()).is_none();
    for raw in text.split('\n') {
        if only_line_feeds {
            no += 1;
            out.push(Line {
                no,
                text: raw.trim().to_string(),
            });
            continue;
        }
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // A lone \r (old Mac line ends) is a line break too.
        for mac_line in raw.split('\r') {
            no += 1;
            // A form feed breaks the page inside the line's number.
            for piece in mac_line.split('\u{c}') {
                out.push(Line {
                    no,
                    text: piece.trim().to_string(),
                });
            }
        }
    }
    join_wrapped_links(out)
}

fn join_wrapped_links(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut it = lines.into_iter().peekable();
    while let Some(mut line) = it.next() {
        if opens_wrapped_link(&line.text) {
            // Up to three continuation lines, the last ending in `>`.
            let mut pending: Vec<Line> = Vec::new();
            let mut closed = false;
            while pending.len() < 3 {
                match it.peek() {
                    Some(next) if !next.is_blank() && !next.text.contains(char::is_whitespace) => {
                        let next = it.next().expect("peeked");
                        closed = next.text.ends_with('>');
                        pending.push(next);
                        if closed {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            if closed {
                for p in &pending {
                    line.text.push_str(&p.text);
                }
                out.push(line);
                // Keep numbering honest: the joined lines become blanks.
                out.extend(pending.into_iter().map(|p| Line {
                    no: p.no,
                    text: String::new(),
                }));
                continue;
            }
            out.push(line);
            out.extend(pending);
            continue;
        }
        out.push(line);
    }
    out
}

/// A paragraph and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The 1-based line the paragraph starts on.
    pub line: usize,
    /// The paragraph's text, its lines joined.
    pub text: String,
}

/// Groups lines into paragraphs: consecutive non-blank lines are one
/// paragraph (soft-wrapped), blank lines separate paragraphs. Markup is
/// stripped and spaces collapsed.
pub fn paragraphs<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for line in lines {
        if line.is_blank() {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        let text = strip_markup(&line.text);
        match &mut current {
            Some(p) => join_into(&mut p.text, &text),
            None => {
                current = Some(Paragraph {
                    line: line.no,
                    text: text.into_owned(),
                })
            }
        }
    }
    out.extend(current);
    out.into_iter()
        .map(|p| Paragraph {
            line: p.line,
            text: collapse_spaces(&p.text),
        })
        .filter(|p| !p.text.is_empty())
        .collect()
}

/// Appends `next` to `text` with a space, or without one after a word
/// broken at a hyphen ("anti-" + "drug").
fn join_into(text: &mut String, next: &str) {
    let hyphen_break =
        text.ends_with('-') && text.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    if !hyphen_break && !text.is_empty() {
        text.push(' ');
    }
    text.push_str(next.trim());
}

/// True when `next` continues the sentence `prev` leaves unfinished: `prev`
/// has no closing punctuation, and `next` starts in lower case, or `prev`
/// ends on a lower-case word or a number (a page break, not a name cut
/// short: "…вратарем — Кенесар" + "Призеры…" stay apart). A dialogue dash
/// always opens a new paragraph, and so does the text under a subheading
/// (see [`is_subheading`]).
pub fn continues(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) {
        return false;
    }
    let next = next.trim_start();
    if next.starts_with(['-', '—', '–']) || is_subheading(prev, next) {
        return false;
    }
    match first_alnum(next) {
        Some(c) if c.is_lowercase() => true,
        Some(_) => last_word(prev)
            .and_then(|w| w.chars().next())
            .is_some_and(|c| c.is_lowercase() || c.is_numeric()),
        None => false,
    }
}

/// True when `prev`, a paragraph of its own, is a subheading over `next`:
/// a few words (at most eight) starting in capitals, without closing
/// punctuation, above a capitalised paragraph with more words than it
/// ("Challenges met by the experts" + "One of the speakers…"). The tail of a
/// sentence cut by a page break is either longer or followed by lower case.
pub fn is_subheading(prev: &str, next: &str) -> bool {
    let prev = prev.trim();
    let prev_words = prev.split_whitespace().count();
    let capital = |t: &str| first_alnum(t).is_some_and(char::is_uppercase);
    (1..=8).contains(&prev_words)
        && prev.chars().count() <= 80
        && capital(prev)
        && capital(next)
        && next.split_whitespace().count() > prev_words
}

/// Merges paragraphs that [`continues`] says belong together.
pub fn repair(paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        match out.last_mut() {
            Some(prev) if continues(&prev.text, &p.text) => join_into(&mut prev.text, &p.text),
            _ => out.push(p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        split_lines(text)
    }

    #[test]
    fn line_numbers_follow_the_file() {
        let l = lines("a\r\nb\n\n c \u{c}d");
        let got: Vec<_> = l.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, [(1, "a"), (2, "b"), (3, ""), (4, "c"), (4, "d")]);
    }

    #[test]
    fn line_numbers_follow_the_file_with_line_feeds_only() {
        let l = lines("a\n b \n\n\tc");
        let got: Vec<_> = l.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, [(1, "a"), (2, "b"), (3, ""), (4, "c")]);
    }

    #[test]
    fn wrapped_links_are_joined() {
        let l = lines("<https://polisia.kz/ru/kul-tura-\nprotiv-narkotikov/>\nNext");
        assert_eq!(
            l[0].text,
            "<https://polisia.kz/ru/kul-tura-protiv-narkotikov/>"
        );
        assert_eq!(l[1].text, "");
        assert_eq!((l[2].no, l[2].text.as_str()), (3, "Next"));
        // An unclosed link stays as it was.
        let l = lines("<https://a.kz/x-\nmore words here");
        assert_eq!(l[0].text, "<https://a.kz/x-");
    }

    #[test]
    fn page_break_splits_are_repaired() {
        let ps = |texts: &[&str]| -> Vec<String> {
            let input: Vec<Paragraph> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| Paragraph {
                    line: i,
                    text: t.to_string(),
                })
                .collect();
            repair(input).into_iter().map(|p| p.text).collect()
        };
        assert_eq!(
            ps(&[
                "to remind them of the",
                "value of life, importance of knowledge."
            ]),
            ["to remind them of the value of life, importance of knowledge."]
        );
        assert_eq!(
            ps(&["Participants were given", "T-shirts and caps."]),
            ["Participants were given T-shirts and caps."]
        );
        assert_eq!(
            ps(&["акимата города", "Тараз. Турнир стал частью"]),
            ["акимата города Тараз. Турнир стал частью"]
        );
        assert_eq!(
            ps(&["лучшим вратарем — Кенесар", "Призеры получили грамоты."]).len(),
            2
        );
        assert_eq!(
            ps(&[
                "emphasized the importance of prevention:",
                "- Young people need to know."
            ])
            .len(),
            2
        );
        assert_eq!(ps(&["he said", "- Quote."]).len(), 2);
        assert_eq!(
            ps(&["First sentence.", "second starts lower but prev ended."]).len(),
            2
        );
        // A subheading over its text stays apart; a page break does not.
        assert_eq!(
            ps(&[
                "Problems the laboratories face",
                "The speakers named three of them at the meeting."
            ])
            .len(),
            2
        );
        assert_eq!(
            ps(&[
                "Итоги рейда в Оше",
                "Сотрудники милиции провели рейд по торговым точкам города."
            ])
            .len(),
            2
        );
        assert_eq!(
            ps(&[
                "The meeting ended late. Officers were thanked by the",
                "Minister of Internal Affairs for their work."
            ]),
            ["The meeting ended late. Officers were thanked by the Minister of Internal Affairs for their work."]
        );
        assert_eq!(
            ps(&["about 200 drug signs", "were destroyed."]),
            ["about 200 drug signs were destroyed."]
        );
    }

    #[test]
    fn paragraphs_from_lines() {
        let l = lines("one\ntwo\n\n \nthree anti-\ndrug\n");
        let p = paragraphs(&l);
        let got: Vec<_> = p.iter().map(|p| (p.line, p.text.as_str())).collect();
        assert_eq!(got, [(1, "one two"), (5, "three anti-drug")]);
    }
}
