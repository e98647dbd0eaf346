//! Date phrases in English and Russian release text: `1-15.06.2025`,
//! `27-28 ноября 2024 г.`, `on 10 June 2025`, `on 11 June this year`,
//! `June 3, 2025`, `from 1 June to 31 October`, `2026-01-20`.
//!
//! [`find`] returns the phrases as written (a year may be missing);
//! [`Phrase::resolve`] fills a missing year from an anchor date (the
//! release period), taking the year that puts the day nearest before it.

use caricc_core::date::{Date, DateRange};

use caricc_core::text::{is_letter, with_lower};

/// A day as a phrase writes it; the year may be left to the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    /// The year, when the phrase states it.
    pub year: Option<i32>,
    /// The month, 1-12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
}

/// A date or an inclusive range of dates found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Byte offset of the phrase's first token.
    pub offset: usize,
    /// Byte offset just past the phrase's last token.
    pub end_offset: usize,
    /// The first day of the phrase.
    pub start: Day,
    /// The last day (the first for a single day).
    pub end: Day,
}

impl Phrase {
    /// The phrase as dates; a missing year is the one that puts the day on
    /// or before `anchor` plus two months (news report the past and the
    /// near future, not next year). `None` for impossible days.
    pub fn resolve(&self, anchor: Date) -> Option<DateRange> {
        let start_first = (self.start.month, self.start.day) <= (self.end.month, self.end.day);
        let (start_year, end_year) = match (self.start.year, self.end.year) {
            (Some(s), Some(e)) => (s, e),
            (Some(s), None) => (s, if start_first { s } else { s + 1 }),
            (None, Some(e)) => (if start_first { e } else { e - 1 }, e),
            (None, None) => {
                let s = infer_year(self.start, anchor);
                (s, if start_first { s } else { s + 1 })
            }
        };
        let start = Date::from_ymd(start_year, self.start.month, self.start.day)?;
        let end = Date::from_ymd(end_year, self.end.month, self.end.day)?;
        let range = DateRange { start, end };
        range.is_ordered().then_some(range)
    }

    /// True when the phrase names a single day.
    pub fn is_day(&self) -> bool {
        self.start == self.end
    }
}

fn infer_year(day: Day, anchor: Date) -> i32 {
    let y = anchor.year();
    match Date::from_ymd(y, day.month, day.day.clamp(1, 28)) {
        Some(d) if d.day_number() > anchor.day_number() + 62 => y - 1,
        _ => y,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Num { value: u32, digits: usize },
    Word(Tag),
    Dash,
    Dot,
    Comma,
    Other,
}

/// What a word means to a date phrase; read once, when tokenizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Month(u8),
    /// "г", "гг", "года", "году", "год" after a year.
    YearSuffix,
    /// "st", "nd", "rd", "th", "го" after a day.
    Ordinal,
    /// "to", "till", "until", "through", "по", "до": joins a range.
    Range,
    /// "and", "и": joins two days of one month.
    And,
    Other,
}

fn tag_of(word: &str) -> Tag {
    // Every word a date phrase needs is short.
    if word.len() > 20 {
        return Tag::Other;
    }
    with_lower(word, |w| {
        if let Some(m) = month_of(w) {
            Tag::Month(m)
        } else if ["г", "гг", "года", "году", "год"].contains(&w) {
            Tag::YearSuffix
        } else if ["st", "nd", "rd", "th", "го"].contains(&w) {
            Tag::Ordinal
        } else if ["to", "till", "until", "through", "по", "до"].contains(&w) {
            Tag::Range
        } else if ["and", "и"].contains(&w) {
            Tag::And
        } else {
            Tag::Other
        }
    })
}

fn tokenize(text: &str) -> Vec<(usize, usize, Tok)> {
    // Sized for a token per five bytes, not grown from empty.
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            let digits = &text[i..end];
            // Long digit runs are not dates; keep them as a number that
            // matches nothing.
            let value = if digits.len() <= 4 {
                digits.parse().unwrap_or(0)
            } else {
                u32::MAX
            };
            out.push((
                i,
                end,
                Tok::Num {
                    value,
                    digits: digits.len(),
                },
            ));
        } else if is_letter(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_letter(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push((i, end, Tok::Word(tag_of(&text[i..end]))));
        } else if c.is_whitespace() {
            continue;
        } else {
            let tok = match c {
                '-' | '–' | '—' | '‑' | '−' => Tok::Dash,
                '.' => Tok::Dot,
                ',' => Tok::Comma,
                _ => Tok::Other,
            };
            out.push((i, i + c.len_utf8(), tok));
        }
    }
    out
}

/// The month a word names, 1-12 (English names and abbreviations; Russian
/// in every case form and the usual abbreviations), given in lower case.
/// A `match`: the compiler compares by length first, which keeps this
/// cheap on the hot path of every word near a number.
fn month_of(word: &str) -> Option<u8> {
    let m = match word {
        "january" | "jan" | "января" | "январь" | "январе" | "январю" | "январем" | "январём"
        | "янв" => 1,
        "february" | "feb" | "февраля" | "февраль" | "феврале" | "февралю" | "февралем"
        | "февралём" | "фев" | "февр" => 2,
        "march" | "mar" | "марта" | "март" | "марте" | "марту" | "мартом" | "мар" => {
            3
        }
        "april" | "apr" | "апреля" | "апрель" | "апреле" | "апрелю" | "апрелем" | "апр" => {
            4
        }
        "may" | "мая" | "май" | "мае" | "маю" | "маем" => 5,
        "june" | "jun" | "июня" | "июнь" | "июне" | "июню" | "июнем" | "июн" => {
            6
        }
        "july" | "jul" | "июля" | "июль" | "июле" | "июлю" | "июлем" | "июл" => {
            7
        }
        "august" | "aug" | "августа" | "август" | "августе" | "августу" | "августом" | "авг" => {
            8
        }
        "september" | "sep" | "sept" | "сентября" | "сентябрь" | "сентябре" | "сентябрю"
        | "сентябрем" | "сентябрём" | "сен" | "сент" => 9,
        "october" | "oct" | "октября" | "октябрь" | "октябре" | "октябрю" | "октябрем"
        | "октябрём" | "окт" => 10,
        "november" | "nov" | "ноября" | "ноябрь" | "ноябре" | "ноябрю" | "ноябрем" | "ноябрём"
        | "ноя" | "нояб" => 11,
        "december" | "dec" | "декабря" | "декабрь" | "декабре" | "декабрю" | "декабрем"
        | "декабрём" | "дек" => 12,
        _ => return None,
    };
    Some(m)
}

fn day_num(t: Option<&(usize, usize, Tok)>) -> Option<u8> {
    match t {
        Some((_, _, Tok::Num { value, digits })) if *digits <= 2 && (1..=31).contains(value) => {
            Some(*value as u8)
        }
        _ => None,
    }
}

fn month_num(t: Option<&(usize, usize, Tok)>) -> Option<u8> {
    match t {
        Some((_, _, Tok::Num { value, digits })) if *digits <= 2 && (1..=12).contains(value) => {
            Some(*value as u8)
        }
        _ => None,
    }
}

fn year_num(t: Option<&(usize, usize, Tok)>) -> Option<i32> {
    match t {
        Some((_, _, Tok::Num { value, digits: 4 })) if (1900..=2100).contains(value) => {
            Some(*value as i32)
        }
        _ => None,
    }
}

fn month_word(t: Option<&(usize, usize, Tok)>) -> Option<u8> {
    match t {
        Some((_, _, Tok::Word(Tag::Month(m)))) => Some(*m),
        _ => None,
    }
}

fn is(t: Option<&(usize, usize, Tok)>, want: &Tok) -> bool {
    matches!(t, Some((_, _, tok)) if tok == want)
}

fn is_word(t: Option<&(usize, usize, Tok)>, tag: Tag) -> bool {
    matches!(t, Some((_, _, Tok::Word(w))) if *w == tag)
}

const RANGE_WORDS: Tag = Tag::Range;
const AND_WORDS: Tag = Tag::And;
const ORDINALS: Tag = Tag::Ordinal;

/// Every date phrase in `text`, in text order.
pub fn find(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    each_phrase(text, |phrase| {
        out.push(phrase);
        false
    });
    out
}

/// Calls `f` with the phrases of [`find`] in order until it returns true
/// (then true): who wants the first phrase of some kind reads no further.
fn each_phrase(text: &str, mut f: impl FnMut(Phrase) -> bool) -> bool {
    // Every phrase has a number in it: only the text around digits is
    // tokenized (a month name stands at most a few words from its day).
    for (from, to) in digit_windows(text) {
        let toks = tokenize(&text[from..to]);
        let mut i = 0;
        while i < toks.len() {
            match match_at(&toks, i) {
                Some((mut phrase, used)) => {
                    phrase.offset += from;
                    phrase.end_offset += from;
                    if f(phrase) {
                        return true;
                    }
                    i += used.max(1);
                }
                None => i += 1,
            }
        }
    }
    false
}

/// Byte ranges of `text` around its digit runs, merged where they overlap,
/// each starting and ending at white space (or the text's ends).
fn digit_windows(text: &str) -> Vec<(usize, usize)> {
    const BEFORE: usize = 40;
    const AFTER: usize = 48;
    let bytes = text.as_bytes();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut scanned = 0;
    while let Some(i) = next_digit(bytes, scanned) {
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        let mut from = i.saturating_sub(BEFORE);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if from > 0 {
            // Forward to white space, so no word is cut.
            from = text[from..i]
                .find(char::is_whitespace)
                .map_or(i, |k| from + k);
        }
        let mut to = (j + AFTER).min(bytes.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        if to < bytes.len() {
            to = text[j..to].rfind(char::is_whitespace).map_or(j, |k| j + k);
        }
        match windows.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => windows.push((from, to)),
        }
        scanned = j;
    }
    windows
}

/// The first ASCII digit at or after `from`. Blocks of 32 bytes are tested
/// whole first, with no early exit inside a block (vector instructions):
/// every paragraph of every event is read for dates, and most of a text
/// is not digits.
fn next_digit(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(block) = bytes.get(from..from + 32) {
        if block.iter().fold(false, |any, x| any | x.is_ascii_digit()) {
            break;
        }
        from += 32;
    }
    let rest = bytes.get(from..)?;
    rest.iter().position(u8::is_ascii_digit).map(|k| from + k)
}

/// A date phrase starting at token `i`, and the number of tokens it uses.
fn match_at(t: &[(usize, usize, Tok)], i: usize) -> Option<(Phrase, usize)> {
    let at = |k: usize| t.get(i + k);
    let offset = t[i].0;
    let phrase = |used: usize, start: Day, end: Day| {
        let end_offset = t[i + used - 1].1;
        Some((
            Phrase {
                offset,
                end_offset,
                start,
                end,
            },
            used,
        ))
    };
    // ISO: 2026-01-20.
    if let (Some(y), true, Some(m), true, Some(d)) = (
        year_num(at(0)),
        is(at(1), &Tok::Dash),
        month_num(at(2)),
        is(at(3), &Tok::Dash),
        day_num(at(4)),
    ) {
        let day = Day {
            year: Some(y),
            month: m,
            day: d,
        };
        return phrase(5, day, day);
    }
    // Numeric forms starting with a day number.
    if let Some(d0) = day_num(at(0)) {
        // 1-15.06.2025
        if let (true, Some(d1), true, Some(m), true, Some(y)) = (
            is(at(1), &Tok::Dash),
            day_num(at(2)),
            is(at(3), &Tok::Dot),
            month_num(at(4)),
            is(at(5), &Tok::Dot),
            year_num(at(6)),
        ) {
            return phrase(
                7,
                Day {
                    year: Some(y),
                    month: m,
                    day: d0,
                },
                Day {
                    year: Some(y),
                    month: m,
                    day: d1,
                },
            );
        }
        if let (true, Some(m0), true) = (
            is(at(1), &Tok::Dot),
            month_num(at(2)),
            is(at(3), &Tok::Dash),
        ) {
            // 16.06-30.06.2025
            if let (Some(d1), true, Some(m1), true, Some(y)) = (
                day_num(at(4)),
                is(at(5), &Tok::Dot),
                month_num(at(6)),
                is(at(7), &Tok::Dot),
                year_num(at(8)),
            ) {
                let start = Day {
                    year: Some(if m0 <= m1 { y } else { y - 1 }),
                    month: m0,
                    day: d0,
                };
                return phrase(
                    9,
                    start,
                    Day {
                        year: Some(y),
                        month: m1,
                        day: d1,
                    },
                );
            }
        }
        if let (true, Some(m0), true, Some(y0)) = (
            is(at(1), &Tok::Dot),
            month_num(at(2)),
            is(at(3), &Tok::Dot),
            year_num(at(4)),
        ) {
            let start = Day {
                year: Some(y0),
                month: m0,
                day: d0,
            };
            // 01.06.2025-15.06.2025
            if let (true, Some(d1), true, Some(m1), true, Some(y1)) = (
                is(at(5), &Tok::Dash),
                day_num(at(6)),
                is(at(7), &Tok::Dot),
                month_num(at(8)),
                is(at(9), &Tok::Dot),
                year_num(at(10)),
            ) {
                return phrase(
                    11,
                    start,
                    Day {
                        year: Some(y1),
                        month: m1,
                        day: d1,
                    },
                );
            }
            return phrase(5, start, start);
        }
        // Day-month-word forms: "27-28 ноября 2024 г.", "10 and 11 June",
        // "1 June to 31 October", "3rd June".
        let mut k = 1;
        if is_word(at(k), ORDINALS) {
            k += 1;
        }
        let mut start_day = d0;
        let mut end_day = None;
        if (is(at(k), &Tok::Dash) || is_word(at(k), AND_WORDS) || is_word(at(k), RANGE_WORDS))
            && day_num(at(k + 1)).is_some()
        {
            end_day = day_num(at(k + 1));
            k += 2;
            if is_word(at(k), ORDINALS) {
                k += 1;
            }
        }
        if let Some(m) = month_word(at(k)) {
            k += 1;
            // An abbreviated month's dot: "3 мар. 2025".
            if is(at(k), &Tok::Dot) && year_num(at(k + 1)).is_some() {
                k += 1;
            }
            let mut year = year_num(at(k));
            if year.is_some() {
                k += 1;
                k += year_suffix(t, i + k);
            }
            if let Some(d1) = end_day {
                let end = Day {
                    year,
                    month: m,
                    day: d1,
                };
                return phrase(
                    k,
                    Day {
                        year,
                        month: m,
                        day: start_day,
                    },
                    end,
                );
            }
            // "1 June to 31 October [2025]", "1 June - 31 October".
            if is(at(k), &Tok::Dash) || is_word(at(k), RANGE_WORDS) {
                let mut j = k + 1;
                if let Some(d1) = day_num(at(j)) {
                    j += 1;
                    if is_word(at(j), ORDINALS) {
                        j += 1;
                    }
                    if let Some(m1) = month_word(at(j)) {
                        j += 1;
                        let y1 = year_num(at(j));
                        if y1.is_some() {
                            j += 1;
                            j += year_suffix(t, i + j);
                        }
                        if year.is_none() {
                            year = y1.map(|y| if m <= m1 { y } else { y - 1 });
                        }
                        return phrase(
                            j,
                            Day {
                                year,
                                month: m,
                                day: start_day,
                            },
                            Day {
                                year: y1.or(year),
                                month: m1,
                                day: d1,
                            },
                        );
                    }
                }
            }
            start_day = start_day.max(1);
            let day = Day {
                year,
                month: m,
                day: start_day,
            };
            return phrase(k, day, day);
        }
        return None;
    }
    // Month first: "June 3, 2025", "June 3-4".
    if let Some(m) = month_word(at(0)) {
        // "Mar. 3, 2025"
        let dot = usize::from(is(at(1), &Tok::Dot));
        if let Some(d0) = day_num(at(1 + dot)) {
            let mut k = 2 + dot;
            if is_word(at(k), ORDINALS) {
                k += 1;
            }
            let mut d1 = d0;
            if is(at(k), &Tok::Dash) && day_num(at(k + 1)).is_some() {
                d1 = day_num(at(k + 1)).unwrap_or(d0);
                k += 2;
            }
            let mut year = None;
            if is(at(k), &Tok::Comma) && year_num(at(k + 1)).is_some() {
                year = year_num(at(k + 1));
                k += 2;
            } else if year_num(at(k)).is_some() {
                year = year_num(at(k));
                k += 1;
            }
            return phrase(
                k,
                Day {
                    year,
                    month: m,
                    day: d0,
                },
                Day {
                    year,
                    month: m,
                    day: d1,
                },
            );
        }
    }
    None
}

/// Tokens after a year that belong to it: "г.", "года".
fn year_suffix(t: &[(usize, usize, Tok)], i: usize) -> usize {
    match t.get(i) {
        Some((_, _, Tok::Word(Tag::YearSuffix))) => {
            if matches!(t.get(i + 1), Some((_, _, Tok::Dot))) {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// A line that is nothing but a period, as a digest cover prints it
/// (`1-15.06.2025`, `16.06-30.06.2025`, `01.06.2025 - 15.06.2025`).
pub fn period_line(line: &str) -> Option<DateRange> {
    let t = line.trim();
    // A cover period is short and starts with its first day.
    if t.is_empty() || t.len() > 40 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let phrases = find(t);
    let [p] = phrases.as_slice() else { return None };
    if p.offset != 0
        || t[p.end_offset..].trim().trim_end_matches('.').trim() != ""
        || p.start.year.is_none()
    {
        return None;
    }
    let anchor = Date::from_ymd(p.end.year.unwrap_or(2000), 12, 31)?;
    p.resolve(anchor)
}

/// The first phrase in `texts` (in order) that resolves against `anchor`
/// to dates inside `window`: the date an event text states.
pub fn first_in_window(texts: &[&str], anchor: Date, window: DateRange) -> Option<DateRange> {
    let mut first = None;
    for text in texts {
        let found = each_phrase(text, |phrase| {
            first = phrase
                .resolve(anchor)
                .filter(|range| range.start >= window.start && range.end <= window.end);
            first.is_some()
        });
        if found {
            break;
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn resolved(text: &str, anchor: &str) -> Vec<String> {
        find(text)
            .iter()
            .filter_map(|p| p.resolve(d(anchor)))
            .map(|r| {
                if r.start == r.end {
                    r.start.to_string()
                } else {
                    format!("{}..{}", r.start, r.end)
                }
            })
            .collect()
    }

    #[test]
    fn cover_periods() {
        let p = period_line("1-15.06.2025").unwrap();
        assert_eq!(
            (p.start.to_string(), p.end.to_string()),
            ("2025-06-01".into(), "2025-06-15".into())
        );
        let p = period_line(" 16.06-30.06.2025 ").unwrap();
        assert_eq!(
            (p.start.to_string(), p.end.to_string()),
            ("2025-06-16".into(), "2025-06-30".into())
        );
        let p = period_line("16.12.2024 - 31.12.2024").unwrap();
        assert_eq!(p.end.to_string(), "2024-12-31");
        assert!(period_line("1-15.06.2025 and more").is_none());
        assert!(period_line("#11").is_none());
        assert!(period_line("31-32.06.2025").is_none());
        assert!(
            period_line("15-1.06.2025").is_none(),
            "an inverted range is no period"
        );
    }

    #[test]
    fn russian_phrases() {
        assert_eq!(
            resolved("27-28 ноября 2024 г. в Ашхабаде", "2024-12-01"),
            ["2024-11-27..2024-11-28"]
        );
        assert_eq!(
            resolved("В канун Нового года, 28 декабря", "2026-01-20"),
            ["2025-12-28"]
        );
        assert_eq!(
            resolved("с 1 по 15 июня", "2025-06-15"),
            ["2025-06-01..2025-06-15"]
        );
        assert_eq!(
            resolved("на 2023–2025 годы", "2026-01-20"),
            Vec::<String>::new()
        );
        assert_eq!(
            resolved("от 14 до 35 лет", "2026-01-20"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn english_phrases() {
        assert_eq!(
            resolved("held in Kostanay region on 3 June.", "2025-06-15"),
            ["2025-06-03"]
        );
        assert_eq!(
            resolved(
                "A meeting was held on 10 June 2025 in Bishkek",
                "2025-06-15"
            ),
            ["2025-06-10"]
        );
        assert_eq!(
            resolved("on 11 June this year", "2025-06-15"),
            ["2025-06-11"]
        );
        assert_eq!(
            resolved("annually from 1 June to 31 October", "2025-06-15"),
            ["2025-06-01..2025-10-31"]
        );
        assert_eq!(
            resolved("on June 3, 2025 and June 4-5", "2025-06-15"),
            ["2025-06-03", "2025-06-04..2025-06-05"]
        );
        assert_eq!(
            resolved("on the 10th and 11th of nothing", "2025-06-15"),
            Vec::<String>::new()
        );
        assert_eq!(resolved("date 2026-01-20", "2026-01-20"), ["2026-01-20"]);
        assert_eq!(
            resolved("3 мар. 2025, Mar. 4, 2025, 5 ФЕВРАЛЮ, 6 Jan", "2025-06-15"),
            ["2025-03-03", "2025-03-04", "2025-02-05", "2025-01-06"]
        );
        assert_eq!(
            resolved("on 31 February", "2025-06-15"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn phrases_far_apart_in_long_text() {
        let filler = "слово ".repeat(50);
        let text = format!("{filler}27-28 ноября 2024 г.{filler}on June 3, 2025{filler}");
        let found = find(&text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &text[found[0].offset..found[0].end_offset],
            "27-28 ноября 2024 г."
        );
        assert_eq!(&text[found[1].offset..found[1].end_offset], "June 3, 2025");
    }

    #[test]
    fn window_picks_the_first_plausible_date() {
        let window = DateRange {
            start: d("2025-05-01"),
            end: d("2025-06-15"),
        };
        let got = first_in_window(
            &["held annually from 1 June to 31 October; on 5 June a meeting"],
            d("2025-06-15"),
            window,
        );
        assert_eq!(got.map(|r| r.start.to_string()), Some("2025-06-05".into()));
        assert_eq!(
            first_in_window(&["On 26 June the city will hold"], d("2025-06-15"), window),
            None
        );
    }
}
