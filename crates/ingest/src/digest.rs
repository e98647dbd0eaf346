//! The CARICC information release (the bi-weekly digest): a cover with the
//! period, number and year; an edition line; contents in English and
//! Russian; summary paragraphs that declare the events per country; then
//! country sections under capitalised headings, each a run of events:
//! a capitalised title (possibly over several lines, possibly in `**`), a
//! lead and body paragraphs, and a source link line.
//!
//! Each line is classified ([`Class`]) and a state machine walks the
//! sections: a title opens an event, text fills it, a link closes it;
//! anything outside an event (logo text, page numbers, running headers
//! that repeat the masthead) is skipped and reported.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use caricc_core::date::DateRange;
use caricc_core::model::{Kind, Lang, Release};

use super::dates::period_line;
use super::detect::{country_heading, number_line};
use super::links::line_link;
use super::paragraphs::{paragraphs, repair, Line, Paragraph};
use super::report::What;
use super::{days_before, finish_event, DocError, Draft, EventContext, Notes};
use caricc_core::names::country_of_name;
use caricc_core::text::{
    collapse_spaces, ends_sentence, is_upper_line, strip_markup, words, Letters,
};

/// What a line of a digest is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Blank,
    /// Only a link.
    Link,
    /// A country section heading.
    Heading(&'static str),
    /// A contents entry: a country name and a page number.
    Contents(&'static str),
    /// Only a page number.
    Page,
    /// Capitals: a title, or furniture.
    Upper,
    Text,
}

fn classify(text: &str) -> Class {
    if text.is_empty() {
        return Class::Blank;
    }
    if line_link(text).is_some() {
        return Class::Link;
    }
    if let Some((code, page)) = country_heading(text) {
        return if page {
            Class::Contents(code)
        } else {
            Class::Heading(code)
        };
    }
    let t = text.trim();
    if t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Class::Page;
    }
    if is_upper_line(&strip_markup(t)) {
        Class::Upper
    } else {
        Class::Text
    }
}

/// Lines compared as furniture: lower case, single spaces.
fn furniture_key(text: &str) -> String {
    caricc_core::text::to_lower(&collapse_spaces(&strip_markup(text)))
}

/// Per-country counts a release declares, e.g. "covered 33 events
/// (*Kazakhstan - 21, Kyrgyzstan - 2, Russia - 8, Tajikistan - 2*)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub counts: BTreeMap<String, u32>,
    /// Names in the list that are no known country, with their counts.
    pub unknown: Vec<(String, u32)>,
    /// The stated total ("33 events"), when there is one.
    pub total: Option<u32>,
}

/// Words that say what a stated total counts.
const COUNTED_THINGS: &[&str] = &[
    "event",
    "событ",
    "мероприят",
    "материал",
    "публикац",
    "publication",
    "article",
    "стат",
];

/// Finds a declared count list in a paragraph: a bracketed list of
/// `Country - N` items, most of which name known countries.
pub fn parse_declared(text: &str) -> Option<Declared> {
    let mut search_from = 0;
    while let Some(open_rel) = text[search_from..].find('(') {
        let open = search_from + open_rel;
        let Some(close_rel) = text[open..].find(')') else {
            break;
        };
        let close = open + close_rel;
        let group = &text[open + 1..close];
        search_from = close;
        let mut counts = BTreeMap::new();
        let mut unknown = Vec::new();
        let mut items = 0;
        for item in group.split([',', ';']) {
            let item = item.trim().trim_matches(['*', '_', ' ']);
            let Some(sep) = item.rfind(['-', '–', '—', ':']) else {
                continue;
            };
            let number = item[sep..]
                .trim_start_matches(['-', '–', '—', ':'])
                .trim()
                .trim_matches(['*', '_']);
            let Ok(n) = number.parse::<u32>() else {
                continue;
            };
            let name = item[..sep].trim().trim_matches(['*', '_', ' ']);
            items += 1;
            match country_of_name(name) {
                Some(code) => {
                    let c = counts.entry(code.to_string()).or_insert(0u32);
                    *c = c.saturating_add(n);
                }
                None => unknown.push((name.to_string(), n)),
            }
        }
        if !counts.is_empty() && counts.len() * 2 >= items {
            let total = stated_total(&text[..open]);
            return Some(Declared {
                counts,
                unknown,
                total,
            });
        }
    }
    None
}

/// The last "N events" (or "N событий") in `text`.
fn stated_total(text: &str) -> Option<u32> {
    let ws: Vec<&str> = words(text).map(|(_, w)| w).collect();
    ws.windows(2)
        .filter(|w| {
            let next = caricc_core::text::to_lower(w[1]);
            w[0].bytes().all(|b| b.is_ascii_digit())
                && COUNTED_THINGS.iter().any(|t| next.starts_with(t))
        })
        .filter_map(|w| w[0].parse().ok())
        .next_back()
}

/// The number an edition line gives (`«Information Release …», #110, 2025`).
fn edition_number(text: &str) -> Option<u32> {
    let at = text.find(['#', '№'])?;
    let rest = text[at..].trim_start_matches(['#', '№']).trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between a heading and the first title.
    Idle,
    /// Reading title lines.
    Title,
    /// Reading the lead and body.
    Body,
    /// The event's link closed it.
    AfterLink,
}

pub(super) fn parse(lines: &[Line], notes: &mut Notes) -> Result<Release, DocError> {
    let classes: Vec<Class> = lines.iter().map(|l| classify(&l.text)).collect();
    let first_text_line = lines.iter().find(|l| !l.is_blank()).map(|l| l.no);
    let front_end = classes
        .iter()
        .position(|c| matches!(c, Class::Heading(_)))
        .unwrap_or(lines.len());
    let front = &lines[..front_end];

    // Cover: period (required), number, title.
    let Some((period_idx, period)) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| period_line(&l.text).map(|p| (i, p)))
    else {
        return Err(DocError::at(
            first_text_line,
            "an information release needs its period on the cover (a line such as `1-15.06.2025`); none found",
        ));
    };
    let number_at = front
        .iter()
        .enumerate()
        .chain(lines.iter().enumerate().skip(front_end))
        .find_map(|(i, l)| number_line(&l.text).map(|n| (i, n)));
    let edition = front
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            Some(*i) != number_at.map(|(n, _)| n) && !l.is_blank() && number_line(&l.text).is_none()
        })
        .find_map(|(_, l)| edition_number(&l.text).map(|n| (l.no, n)));
    let number = match (number_at, edition) {
        (Some((_, cover)), Some((line, ed))) => {
            if cover != ed {
                notes.add(line, What::NumberMismatch { cover, edition: ed });
            }
            Some(cover)
        }
        (Some((_, cover)), None) => Some(cover),
        (None, Some((_, ed))) => Some(ed),
        (None, None) => None,
    };
    let year = period.end.year();
    let release_id = match number {
        Some(n) => format!("ir-{year}-{n:02}"),
        None => format!("ir-{}", period.start),
    };
    notes.period_line = Some(lines[period_idx].no);
    // The cover's title: its lines above the period, from the first in
    // capitals ("INFORMATION RELEASE", "ИНФОРМАЦИОННЫЙ ВЫПУСК") on, the
    // ones in lower case too ("о прошедших событиях…"), up to a line in
    // brackets ("(according to the media)").
    let cover_title: Vec<(usize, String)> = lines[..period_idx.min(front_end)]
        .iter()
        .zip(&classes)
        .skip_while(|(_, c)| **c != Class::Upper)
        .filter(|(_, c)| matches!(c, Class::Upper | Class::Text))
        .map(|(l, _)| (l.no, strip_markup(&l.text).into_owned()))
        .take_while(|(_, t)| !t.starts_with('('))
        .collect();
    let title = if cover_title.is_empty() {
        "INFORMATION RELEASE".to_string()
    } else {
        let texts: Vec<&str> = cover_title.iter().map(|(_, t)| t.as_str()).collect();
        collapse_spaces(&texts.join(" "))
    };

    // Contents, summary and masthead in the front matter.
    let mut contents: Vec<(usize, &'static str)> = Vec::new();
    for (l, c) in front.iter().zip(&classes) {
        if let Class::Contents(code) = c {
            if !contents.iter().any(|(_, k)| k == code) {
                contents.push((l.no, code));
            }
        }
    }
    let summary_from = front
        .iter()
        .zip(&classes)
        .enumerate()
        .filter(|(_, (_, c))| matches!(c, Class::Contents(_)))
        .map(|(i, _)| i + 1)
        .next_back()
        .unwrap_or_else(|| {
            number_at
                .map_or(period_idx, |(n, _)| n.max(period_idx))
                .min(front_end)
                + 1
        })
        .min(front_end);
    let text_only = |range: &[Line], classes: &[Class]| -> Vec<Line> {
        range
            .iter()
            .zip(classes)
            .map(|(l, c)| {
                if *c == Class::Text {
                    l.clone()
                } else {
                    Line {
                        no: l.no,
                        text: String::new(),
                    }
                }
            })
            .collect()
    };
    let summary: Vec<Paragraph> = repair(
        paragraphs(&text_only(
            &front[summary_from..],
            &classes[summary_from..front_end],
        ))
        .into_iter()
        .filter(|p| ends_sentence(&p.text) && Letters::of(&p.text).total() >= 40)
        .collect(),
    );
    let summary_lines: HashSet<usize> = {
        // Every line of a summary paragraph (paragraphs span consecutive lines).
        let firsts: HashSet<usize> = summary.iter().map(|p| p.line).collect();
        let mut set = HashSet::new();
        let mut inside = false;
        for l in front {
            if l.is_blank() {
                inside = false;
            } else if firsts.contains(&l.no) || inside {
                inside = true;
                set.insert(l.no);
            }
        }
        set
    };
    let masthead: HashSet<String> = front
        .iter()
        .zip(&classes)
        .filter(|(l, c)| {
            // Short lines ("#11", "2025") are too common to call furniture.
            matches!(c, Class::Upper | Class::Text)
                && !summary_lines.contains(&l.no)
                && l.text.chars().count() >= 8
        })
        .map(|(l, _)| furniture_key(&l.text))
        .collect();

    // The front matter's lines the release is not read from (the rest of
    // the cover, the imprint, the contents heading): reported as dropped.
    {
        let mut read: HashSet<usize> = cover_title.iter().map(|(no, _)| *no).collect();
        read.insert(lines[period_idx].no);
        read.extend(number_at.and_then(|(i, _)| lines.get(i)).map(|l| l.no));
        // The edition line with the lines of its paragraph above it.
        if let Some((no, _)) = edition {
            let at = front.iter().position(|l| l.no == no).unwrap_or(0);
            for l in front[..=at].iter().rev().take_while(|l| !l.is_blank()) {
                read.insert(l.no);
            }
        }
        read.extend(summary_lines.iter().copied());
        for (l, c) in front.iter().zip(&classes) {
            if !l.is_blank() && !matches!(c, Class::Contents(_)) && !read.contains(&l.no) {
                notes.skip(l, "front matter: cover, imprint or contents heading");
            }
        }
    }

    let furniture_max = masthead.iter().map(String::len).max().unwrap_or(0);
    let is_furniture =
        |text: &str| text.len() <= furniture_max + 16 && masthead.contains(&furniture_key(text));

    // Declared counts: in the summary, else anywhere (a shuffled text).
    let declared = summary
        .iter()
        .find_map(|p| parse_declared(&p.text).map(|d| (p.line, d)))
        .or_else(|| {
            paragraphs(&text_only(lines, &classes))
                .into_iter()
                .find_map(|p| parse_declared(&p.text).map(|d| (p.line, d)))
        });
    if let Some((line, d)) = &declared {
        for (name, count) in &d.unknown {
            notes.add(
                *line,
                What::UnknownCountryName {
                    name: name.clone(),
                    count: *count,
                },
            );
        }
        if let Some(total) = d.total {
            // Saturating: a misread number must not overflow.
            let listed = d
                .counts
                .values()
                .chain(d.unknown.iter().map(|(_, n)| n))
                .fold(0u32, |a, &n| a.saturating_add(n));
            if listed != total {
                notes.add(
                    *line,
                    What::TotalMismatch {
                        declared: total,
                        listed,
                    },
                );
            }
        }
    }

    // The release's language: its summary's, else its titles' and
    // headings'; what an event without letters of its own falls back to.
    let release_language = {
        let mut letters = Letters::default();
        if summary.is_empty() {
            for (l, c) in lines.iter().zip(&classes) {
                if matches!(c, Class::Upper | Class::Heading(_)) {
                    letters += Letters::of(&l.text);
                }
            }
        } else {
            for p in &summary {
                letters += Letters::of(&p.text);
            }
        }
        letters.language().unwrap_or(Lang::En)
    };

    // Sections.
    let ctx_window = DateRange {
        start: days_before(period.start, 45),
        end: period.end,
    };
    let mut events = Vec::new();
    let mut sections: BTreeSet<&'static str> = BTreeSet::new();
    let mut country: Option<&'static str> = None;
    let mut state = State::Idle;
    let mut title_lines: Vec<&Line> = Vec::new();
    let mut body_lines: Vec<Line> = Vec::new();
    let mut link: Option<(usize, String)> = None;

    let mut finish = |title_lines: &mut Vec<&Line>,
                      body_lines: &mut Vec<Line>,
                      link: &mut Option<(usize, String)>,
                      country: Option<&'static str>,
                      notes: &mut Notes|
     -> Result<(), DocError> {
        if title_lines.is_empty() {
            body_lines.clear();
            *link = None;
            return Ok(());
        }
        let mut title = String::new();
        for l in title_lines.iter() {
            let piece = strip_markup(&l.text);
            if !title.is_empty() && !title.ends_with('-') {
                title.push(' ');
            }
            title.push_str(piece.trim_matches('*').trim());
        }
        let draft = Draft {
            line: title_lines[0].no,
            title: collapse_spaces(title.trim_matches('*')),
            title_line: title_lines[0].no,
            paragraphs: paragraphs(body_lines.iter()),
            link: link.take(),
        };
        title_lines.clear();
        body_lines.clear();
        let ctx = EventContext {
            release_id: &release_id,
            country,
            default_date: period,
            window: ctx_window,
            fallback_language: release_language,
        };
        events.push(finish_event(draft, &ctx, notes)?);
        Ok(())
    };

    for (line, class) in lines.iter().zip(&classes).skip(front_end) {
        match *class {
            Class::Blank => {
                if state == State::Body {
                    body_lines.push(line.clone());
                }
            }
            Class::Heading(code) => {
                finish(&mut title_lines, &mut body_lines, &mut link, country, notes)?;
                country = Some(code);
                sections.insert(code);
                state = State::Idle;
            }
            Class::Contents(_) => notes.skip(line, "a contents entry outside the contents"),
            Class::Page => notes.skip(line, "page number"),
            Class::Link => match state {
                State::Title | State::Body => {
                    link = Some((
                        line.no,
                        line_link(&line.text).unwrap_or_default().to_string(),
                    ));
                    finish(&mut title_lines, &mut body_lines, &mut link, country, notes)?;
                    state = State::AfterLink;
                }
                State::Idle | State::AfterLink => notes.skip(line, "a link outside any event"),
            },
            Class::Upper | Class::Text if is_furniture(&line.text) => {
                notes.skip(line, "page furniture: repeats the masthead")
            }
            Class::Upper => match state {
                State::Title => title_lines.push(line),
                State::Body | State::Idle | State::AfterLink => {
                    if state == State::Body {
                        finish(&mut title_lines, &mut body_lines, &mut link, country, notes)?;
                    }
                    if words(&line.text).count() < 2 {
                        notes.skip(
                            line,
                            "a single capitalised word between events (logo or stray text)",
                        );
                        state = State::Idle;
                    } else {
                        title_lines.push(line);
                        state = State::Title;
                    }
                }
            },
            Class::Text => match state {
                State::Title | State::Body => {
                    body_lines.push(line.clone());
                    state = State::Body;
                }
                State::Idle | State::AfterLink => notes.skip(line, "text outside any event"),
            },
        }
    }
    // A document that stops inside an event, mid-sentence, on its last
    // line: cut short.
    if matches!(state, State::Title | State::Body) {
        let last_event_line = body_lines
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .or(title_lines.last().copied());
        let last_line = lines.iter().rev().find(|l| !l.is_blank());
        if let (Some(e), Some(l)) = (last_event_line, last_line) {
            if e.no == l.no && !ends_sentence(&strip_markup(&l.text)) {
                notes.add(l.no, What::EndsMidText);
            }
        }
    }
    finish(&mut title_lines, &mut body_lines, &mut link, country, notes)?;

    for (line, code) in &contents {
        if !sections.contains(code) {
            notes.add(
                *line,
                What::ContentsWithoutSection {
                    country: code.to_string(),
                },
            );
        }
    }

    let summary_text: Vec<String> = summary.into_iter().map(|p| p.text).collect();
    Ok(Release {
        id: release_id,
        kind: Kind::InformationRelease,
        number,
        year: Some(year),
        title,
        period,
        language: release_language,
        declared_counts: declared.map(|(_, d)| d.counts),
        source_file: String::new(),
        summary: summary_text,
        events,
        translations: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_counts_in_english_and_russian() {
        let d = parse_declared(
            "covered 33 events in the anti-narcotics field (*Kazakhstan - 21, Kyrgyzstan - 2, Russia - 8, Tajikistan - 2*).",
        )
        .unwrap();
        assert_eq!(d.counts.get("KZ"), Some(&21));
        assert_eq!(d.counts.len(), 4);
        assert_eq!(d.total, Some(33));
        let d = parse_declared(
            "освещено 5 событий (Казахстан – 3; Российская Федерация – 1; Атлантида – 1)",
        )
        .unwrap();
        assert_eq!(
            d.counts,
            BTreeMap::from([("KZ".to_string(), 3), ("RU".to_string(), 1)])
        );
        assert_eq!(d.unknown, [("Атлантида".to_string(), 1)]);
        assert_eq!(d.total, Some(5));
        assert!(parse_declared("(in Kazakhstan), (see page 4)").is_none());
        assert!(parse_declared("unclosed (Kazakhstan - 2").is_none());
        // Absurd numbers saturate instead of overflowing.
        let d = parse_declared("covered 5 events (Russia - 4294967295, Российская Федерация - 7)")
            .unwrap();
        assert_eq!(d.counts.get("RU"), Some(&u32::MAX));
    }

    #[test]
    fn edition_numbers() {
        assert_eq!(edition_number("sphere», #110, 2025"), Some(110));
        assert_eq!(edition_number("№ 7, 2024"), Some(7));
        assert_eq!(edition_number("no number"), None);
    }

    #[test]
    fn classes() {
        assert_eq!(classify("<https://a.kz/x>"), Class::Link);
        assert_eq!(classify("REPUBLIC OF KAZAKHSTAN"), Class::Heading("KZ"));
        assert_eq!(
            classify("<i>KYRGYZ REPUBLIC</i>\t15"),
            Class::Contents("KG")
        );
        assert_eq!(classify("17"), Class::Page);
        assert_eq!(
            classify("**DRUG POLICE OFFICERS IN TVER REGION**"),
            Class::Upper
        );
        assert_eq!(
            classify("Officers of the Drug Control Department"),
            Class::Text
        );
    }

    fn parse_str(text: &str) -> (Release, Notes) {
        let mut notes = Notes::default();
        let r = parse(&super::super::paragraphs::split_lines(text), &mut notes).unwrap();
        (r, notes)
    }

    #[test]
    fn a_small_digest() {
        let text = "\
INFORMATION RELEASE

16-31.05.2024

#10

CARICC MASTHEAD LINE

In the period 16-31 May 2024 the media covered 3 events (*Kazakhstan - 2, Russia - 1*).

REPUBLIC OF KAZAKHSTAN

**FIRST TITLE OVER
TWO LINES**

Lead of the first event, held on 20 May.

Body that breaks at a page

break and goes on.

<https://polisia.kz/ru/a/>

CARICC

SECOND TITLE IN ALMATY

Second lead.

RUSSIAN FEDERATION

THIRD TITLE IN TVER REGION

Third lead.

<https://xn--b1aew.xn--plai/news/item/1>

CARICC MASTHEAD LINE
";
        let (r, notes) = parse_str(text);
        assert_eq!(r.id, "ir-2024-10");
        assert_eq!(r.title, "INFORMATION RELEASE");
        assert_eq!(r.summary.len(), 1);
        let titles: Vec<_> = r.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "FIRST TITLE OVER TWO LINES",
                "SECOND TITLE IN ALMATY",
                "THIRD TITLE IN TVER REGION"
            ]
        );
        let e = &r.events[0];
        assert_eq!(
            e.body,
            [
                "Lead of the first event, held on 20 May.",
                "Body that breaks at a page break and goes on."
            ]
        );
        assert_eq!(e.date.start.to_string(), "2024-05-20");
        assert_eq!(r.events[1].source_url, None);
        assert_eq!(r.events[1].place.as_deref(), Some("Almaty"));
        assert_eq!(r.events[1].date, r.period);
        assert_eq!(
            r.events[2].source_url.as_deref(),
            Some("https://xn--b1aew.xn--p1ai/news/item/1")
        );
        assert_eq!(r.events[2].country, "RU");
        let kinds: Vec<String> = notes
            .issues
            .iter()
            .map(|i| {
                format!(
                    "{}:{:?}",
                    i.line.unwrap_or(0),
                    std::mem::discriminant(&i.what)
                )
            })
            .collect();
        assert!(notes.issues.iter().any(|i| matches!(&i.what, What::EventWithoutSource { title } if title == "SECOND TITLE IN ALMATY")), "{kinds:?}");
        assert!(notes
            .issues
            .iter()
            .any(|i| matches!(&i.what, What::SkippedLine { text, .. } if text == "CARICC")));
        assert!(notes.issues.iter().any(|i| i.line == Some(38)
            && matches!(&i.what, What::SkippedLine { reason, .. } if reason.contains("masthead"))));
        assert!(notes
            .issues
            .iter()
            .any(|i| matches!(&i.what, What::RepairedLink { .. })));
    }
}
