//! Facts per event, read from its English or Russian text: what happened
//! (topics), which drugs (substances), how much was seized (quantities in
//! kilograms, each with the sentence it came from), non-weight counts
//! (plants, tablets) and the places named. The vocabulary is the
//! thesaurus's ([`crate::thesaurus`]), the places the gazetteer's
//! ([`super::gazetteer`]); this module owns the reading of quantities and
//! their attribution, by rules on the structure of sentences:
//!
//! - Sentences: the body's paragraphs joined, white space normalised, cut
//!   at `.`/`!`/`?`/`…` before a capital, a quote or a dash, or before a
//!   digit unless the stop follows a digit (`2. 5 kilograms` is a number a
//!   line break split, not two sentences).
//! - Numbers: `1 030` and `1,200` (English) or `1.300` (Russian) group
//!   thousands; `2.5` (English) and `2,5` (Russian) are decimals; a stop or
//!   comma and one space between digits (`2. 5`) is a number a line break
//!   split; `thousand`/`тыс.`/`million`/`млн` multiply; small numbers
//!   written as words count ("two kilograms", «полторы тонны»). The
//!   script of the unit tells the language of the number.
//! - Weights: a number and a unit (kg, tons, grams, milligrams in both
//!   languages), and a smaller one after it (`1 ton 208 kg` = 1208 kg).
//!   A year and `г.` (the Russian for "year") is no weight.
//! - Seized: a weight in a sentence that says something was seized, found
//!   or stopped (seized, confiscated, intercepted, found, detained with;
//!   изъято, обнаружено, выявлено, задержан, выведено из оборота,
//!   пресечено), unless a word of destruction (destroyed, eradicated,
//!   уничтожено) is nearer to it than any word of seizure.
//! - Substance: the drug named right after the weight (`570 kilograms of
//!   cocaine`, `55 кг «синтетики»`), else right before it (`героина массой
//!   5 кг`), else the nearest in the sentence; right after, a drug named
//!   wins over a generic word before it; a generic word (`drugs`,
//!   `наркотических средств`) or none gives `unspecified`.
//! - Parts: after "including", "of which", «в том числе», «из них», the
//!   weights of the sentence are `part_of` the last weight before the word.
//! - Counts: a number followed within four words by a count noun (plants,
//!   bushes, tablets, doses, ampoules, pieces), in a sentence of seizure or
//!   destruction; never in `seized`.
//!
//! Hedges (`about`, `more than`, «почти», «свыше») are read past: the
//! figure is the number written. A weight above
//! [`Seized::PLAUSIBLE_KG`], or a compound whose smaller part is not
//! smaller (`1 ton 2083 kg`: a page number glued on), is kept but marked
//! `doubtful`, and the ingest report lists it.

use std::borrow::Cow;

use crate::model::{Count, Facts, Seized};
use crate::thesaurus::{self, EntryKind, Found, SUBSTANCES, TOPICS};

use super::gazetteer;
use super::text::{alnum_runs, words};

/// The facts of an event with this title and body.
pub fn extract(title: &str, body: &[String]) -> Facts {
    let tokens: Vec<Vec<(usize, &str)>> = std::iter::once(title)
        .chain(body.iter().map(String::as_str))
        .map(|t| words(t).collect())
        .collect();
    let places: Vec<Vec<gazetteer::Found>> =
        tokens.iter().map(|t| gazetteer::find_all_in(t)).collect();
    extract_with(title, body, &tokens, &places)
}

/// [`extract`] with the title and each paragraph of the body, in that
/// order, already cut into [`words`] and with the places
/// [`gazetteer::find_all_in`] found in them (the ingest reads them once
/// for the event's place and country too).
pub fn extract_with(
    title: &str,
    body: &[String],
    tokens: &[Vec<(usize, &str)>],
    places_found: &[Vec<gazetteer::Found>],
) -> Facts {
    let t = thesaurus::thesaurus();
    // The thesaurus matches over the title and paragraphs as one text (a
    // line break between them), word by word: the runs of letters and
    // digits, which are the words cut at their inner joiners.
    let mut runs = Vec::with_capacity(tokens.iter().map(Vec::len).sum());
    let mut base = 0;
    for (text, words) in std::iter::once(title)
        .chain(body.iter().map(String::as_str))
        .zip(tokens)
    {
        for &(offset, word) in words {
            // A word without a joiner (hyphen, apostrophe: their bytes) is
            // one run.
            if !word.bytes().any(|b| matches!(b, b'-' | b'\'' | 0xE2)) {
                runs.push((base + offset, word));
            } else {
                runs.extend(alnum_runs(word).map(|(o, run)| (base + offset + o, run)));
            }
        }
        base += text.len() + 1;
    }
    let words = thesaurus::runs_words(runs.into_iter());

    let mut seized = Vec::new();
    let mut counts = Vec::new();
    for sentence in split_sentences(body, true) {
        read_sentence(&sentence, &mut seized, &mut counts);
    }

    let mut found = t.find_kinds(&words, &[EntryKind::Topic, EntryKind::Substance]);
    let substance_found = found.pop().unwrap_or_default();
    let topic_found = found.pop().unwrap_or_default();
    let topics: Vec<String> = TOPICS
        .iter()
        .filter(|id| {
            topic_found.iter().any(|f| f.entry.id == **id)
                || (**id == "seizure" && !seized.is_empty())
        })
        .map(|id| id.to_string())
        .collect();
    let substances: Vec<String> = SUBSTANCES
        .iter()
        .filter(|id| {
            (**id != "unspecified" && substance_found.iter().any(|f| f.entry.id == **id))
                || seized.iter().any(|s: &Seized| s.substance == **id)
        })
        .map(|id| id.to_string())
        .collect();

    let mut places: Vec<String> = Vec::new();
    for found in places_found.iter().flatten() {
        if !places.iter().any(|p| p == found.place.name) {
            places.push(found.place.name.to_string());
        }
    }
    Facts {
        topics,
        substances,
        seized,
        places,
        counts,
    }
}

/// The sentences of the body, white space normalised (paragraph breaks
/// are sentence breaks unless they split a number).
pub fn sentences(body: &[String]) -> Vec<String> {
    split_sentences(body, false)
}

/// True when `text` may state a quantity: it has a digit, or a word of
/// weight or a plant (for numbers written as words, "two kilograms").
fn may_quantify(text: &str) -> bool {
    // One pass over the bytes: a digit, or a word's first letter (its
    // bytes) and then the word.
    let b = text.as_bytes();
    let at = |i: usize, w: &str| b[i..].starts_with(w.as_bytes());
    (0..b.len()).any(|i| match (b[i], b.get(i + 1)) {
        (b'0'..=b'9', _) => true,
        (b'k', _) => at(i, "kilo"),
        (b't', _) => at(i, "ton"),
        (b'g', _) => at(i, "gram"),
        (b'p', _) => at(i, "plant"),
        (0xD0, Some(0xBA)) => at(i, "кило") || at(i, "куст"), // к
        (0xD1, Some(0x82)) => at(i, "тонн"),                  // т
        (0xD0, Some(0xB3)) => at(i, "грамм"),                 // г
        (0xD1, Some(0x80)) => at(i, "растени"),               // р
        _ => false,
    })
}

/// [`sentences`], only those that may state a quantity when
/// `with_digits`.
fn split_sentences(body: &[String], with_digits: bool) -> Vec<String> {
    if with_digits && !body.iter().any(|p| may_quantify(p)) {
        return Vec::new();
    }
    // Paragraphs joined by '\n', other white space runs as one space.
    let mut text = String::with_capacity(body.iter().map(|p| p.len() + 1).sum());
    for p in body {
        if !text.is_empty() {
            text.push('\n');
        }
        // Runs of other characters copied whole.
        let p = p.trim();
        let mut run = 0; // start of the current run
        let mut space = false;
        for (i, c) in p.char_indices() {
            let collapses = if c.is_ascii() {
                c.is_ascii_whitespace() || c == '\u{b}'
            } else {
                c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
            };
            if collapses {
                if !space {
                    text.push_str(&p[run..i]);
                    space = true;
                }
                continue;
            }
            if space {
                text.push(' ');
                space = false;
                run = i;
            }
        }
        if !space {
            text.push_str(&p[run..]);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<String>| {
        let s = text[from..to].trim();
        if !s.is_empty() && (!with_digits || may_quantify(s)) {
            out.push(s.replace('\n', " "));
        }
    };
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        // Only the stops and line breaks matter: found by their bytes.
        let c = match bytes[i] {
            b'\n' => '\n',
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            0xE2 if text[i..].starts_with('…') => '…',
            _ => continue,
        };
        let mut before = text[..i].chars().rev();
        let (p, p2) = (before.next(), before.next());
        let mut rest = text[i + c.len_utf8()..].chars();
        let next = rest.next();
        if c == '\n' {
            // A break inside a number ("2." / "5 kilograms") is a space.
            let splits_number = next.is_some_and(|n| n.is_ascii_digit())
                && match p {
                    Some(p) if p.is_ascii_digit() => true,
                    Some('.' | ',') => p2.is_some_and(|d| d.is_ascii_digit()),
                    _ => false,
                };
            if !splits_number {
                push(start, i, &mut out);
                start = i + 1;
            }
            continue;
        }
        if next != Some(' ') {
            continue;
        }
        let Some(a) = rest.next() else { continue };
        let ends = if a.is_ascii_digit() {
            !p.is_some_and(|p| p.is_ascii_digit()) && !abbreviation(&text[start..i])
        } else {
            (a.is_uppercase() || matches!(a, '«' | '"' | '“' | '—' | '–' | '-' | '('))
                && !abbreviation(&text[start..i])
        };
        if ends {
            push(start, i + c.len_utf8(), &mut out);
            start = i + c.len_utf8();
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// True when `before` (the text before a stop) ends in an initial or a
/// short abbreviation (`Sh.`, `им.`, `г.`, `ст.`), which a stop does not end a
/// sentence after.
fn abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let n = last.chars().count();
    let mut cs = last.chars();
    let initial = match (cs.next(), cs.next()) {
        // "A.", "Sh." (a transliterated initial: Ш.), «в т.ч.».
        (Some(a), None) => a.is_alphabetic(),
        (Some(a), Some(b)) => n == 2 && a.is_uppercase() && b.is_lowercase(),
        _ => false,
    };
    initial
        || matches!(
            last,
            "им" | "г"
                | "гг"
                | "ул"
                | "ст"
                | "тыс"
                | "млн"
                | "млрд"
                | "см"
                | "т"
                | "напр"
                | "св"
                | "Mr"
                | "Dr"
                | "St"
                | "No"
                | "vs"
        )
}

/// A token of a sentence.
#[derive(Debug, Clone)]
enum Tok<'a> {
    Num(Number<'a>),
    Word {
        start: usize,
        end: usize,
        lower: Cow<'a, str>,
    },
    Punct {
        start: usize,
        c: char,
    },
}

impl Tok<'_> {
    fn start(&self) -> usize {
        match self {
            Tok::Num(n) => n.start,
            Tok::Word { start, .. } => *start,
            Tok::Punct { start, .. } => *start,
        }
    }
    fn end(&self) -> usize {
        match self {
            Tok::Num(n) => n.end,
            Tok::Word { end, .. } => *end,
            Tok::Punct { start, c } => start + c.len_utf8(),
        }
    }
    fn word(&self) -> Option<&str> {
        match self {
            Tok::Word { lower, .. } => Some(lower),
            _ => None,
        }
    }
}

/// A number as written: digit groups and the separators between them
/// (`' '` for any space).
#[derive(Debug, Clone)]
struct Number<'a> {
    start: usize,
    end: usize,
    groups: Vec<&'a str>,
    seps: Vec<char>,
    /// The value of a number written as a word ("two", «полтора»).
    word: Option<f64>,
}

impl Number<'_> {
    /// Its value, reading `,` and `.` as an English (`cyrillic` false) or
    /// Russian text does.
    fn value(&self, cyrillic: bool) -> Option<f64> {
        if let Some(v) = self.word {
            return Some(v);
        }
        let mut int = String::from(self.groups[0]);
        let mut frac = String::new();
        let commas = self.seps.iter().filter(|&&s| s == ',').count();
        let stops = self.seps.iter().filter(|&&s| s == '.').count();
        let spaced = self.seps.contains(&' ');
        for (k, &sep) in self.seps.iter().enumerate() {
            let g = self.groups[k + 1];
            if !frac.is_empty() {
                return None; // digits after a decimal part: not one number
            }
            let thousands = match sep {
                ' ' => true,
                _ if commas > 0 && stops > 0 => {
                    // The last kind of separator is the decimal one.
                    sep != *self.seps.iter().rev().find(|&&s| s != ' ').unwrap_or(&sep)
                }
                ',' if commas > 1 => true,
                '.' if stops > 1 => true,
                _ => {
                    let grouping = if cyrillic { '.' } else { ',' };
                    !spaced && sep == grouping && g.len() == 3 && int != "0"
                }
            };
            if thousands {
                if g.len() != 3 {
                    return None;
                }
                int.push_str(g);
            } else {
                frac.push_str(g);
            }
        }
        let text = if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        };
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn leading_digits(s: &str) -> &str {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    &s[..n]
}

/// `word` in lower case with `ё` as `е`; no copy when it already is
/// (ASCII and basic Cyrillic lower case, the usual case).
fn lower_word(word: &str) -> Cow<'_, str> {
    let lower_already = word.chars().all(|c| match c as u32 {
        0x41..=0x5A => false,
        0..=0x7F => true,
        0x451 => false, // ё
        0x430..=0x45F => true,
        _ => false,
    });
    if lower_already {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase().replace('ё', "е"))
    }
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_ascii_digit() {
            let first = leading_digits(&s[i..]);
            let mut n = Number {
                start: i,
                end: i + first.len(),
                groups: vec![first],
                seps: Vec::new(),
                word: None,
            };
            loop {
                let rest = &s[n.end..];
                let Some(sep) = rest.chars().next() else {
                    break;
                };
                let after = &rest[sep.len_utf8()..];
                if is_space(sep) {
                    // "1 030": a group of three after groups of up to three.
                    let d = leading_digits(after);
                    let grouped = n.groups[0].len() <= 3 && n.seps.iter().all(|&s| s == ' ');
                    let next = after[d.len()..].chars().next();
                    if d.len() == 3 && grouped && !next.is_some_and(|c| c.is_ascii_digit()) {
                        n.groups.push(d);
                        n.seps.push(' ');
                        n.end += sep.len_utf8() + 3;
                        continue;
                    }
                    break;
                }
                if sep != '.' && sep != ',' {
                    break;
                }
                let d = leading_digits(after);
                if !d.is_empty() {
                    n.groups.push(d);
                    n.seps.push(sep);
                    n.end += 1 + d.len();
                    continue;
                }
                // "2. 5": a number a line break split.
                if let Some(after_space) = after.strip_prefix(' ') {
                    let d = leading_digits(after_space);
                    if n.seps.is_empty() && n.groups[0].len() <= 3 && (1..=3).contains(&d.len()) {
                        n.groups.push(d);
                        n.seps.push(sep);
                        n.end += 2 + d.len();
                        continue;
                    }
                }
                break;
            }
            i = n.end;
            out.push(Tok::Num(n));
        } else if c.is_alphabetic() {
            let len: usize = s[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() && !c.is_ascii_digit())
                .map(char::len_utf8)
                .sum();
            let lower = lower_word(&s[i..i + len]);
            match number_word(&lower) {
                Some(v) => out.push(Tok::Num(Number {
                    start: i,
                    end: i + len,
                    groups: vec![""],
                    seps: Vec::new(),
                    word: Some(v),
                })),
                None => out.push(Tok::Word {
                    start: i,
                    end: i + len,
                    lower,
                }),
            }
            i += len;
        } else {
            if !c.is_whitespace() {
                out.push(Tok::Punct { start: i, c });
            }
            i += c.len_utf8();
        }
    }
    out
}

/// The value of a small number written as a word ("two kilograms",
/// «полторы тонны»).
fn number_word(word: &str) -> Option<f64> {
    Some(match word {
        "one" | "один" | "одна" | "одну" | "одного" | "одной" => 1.0,
        "two" | "два" | "две" | "двух" => 2.0,
        "three" | "три" | "трех" => 3.0,
        "four" | "четыре" | "четырех" => 4.0,
        "five" | "пять" | "пяти" => 5.0,
        "six" | "шесть" | "шести" => 6.0,
        "seven" | "семь" | "семи" => 7.0,
        "eight" | "восемь" | "восьми" => 8.0,
        "nine" | "девять" | "девяти" => 9.0,
        "ten" | "десять" | "десяти" => 10.0,
        "полтора" | "полторы" | "полутора" => 1.5,
        _ => return None,
    })
}

/// Kilograms per unit, and whether the unit is written in Cyrillic.
fn unit(word: &str) -> Option<(f64, bool)> {
    Some(match word {
        "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramme"
        | "kilogrammes" => (1.0, false),
        "кг"
        | "килограмм"
        | "килограмма"
        | "килограммов"
        | "килограммами"
        | "килограммах"
        | "килограмму" => (1.0, true),
        "ton" | "tons" | "tonne" | "tonnes" | "t" => (1000.0, false),
        "т" | "тонна" | "тонны" | "тонне" | "тонну" | "тонной" | "тонн" | "тоннами" | "тоннах"
        | "тоннам" => (1000.0, true),
        "g" | "gr" | "gram" | "grams" | "gramme" | "grammes" => (0.001, false),
        "г" | "гр" | "грамм" | "грамма" | "граммов" | "граммами" | "граммах" => {
            (0.001, true)
        }
        "mg" | "milligram" | "milligrams" => (1e-6, false),
        "мг" | "миллиграмм" | "миллиграмма" | "миллиграммов" => {
            (1e-6, true)
        }
        _ => return None,
    })
}

fn multiplier(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" | "thousands" | "тыс" | "тысяча" | "тысячи" | "тысяч" | "тысячами" => {
            1e3
        }
        "million" | "millions" | "mln" | "млн" | "миллион" | "миллиона" | "миллионов" => {
            1e6
        }
        "billion" | "billions" | "bln" | "млрд" | "миллиард" | "миллиарда" | "миллиардов" => {
            1e9
        }
        _ => return None,
    })
}

/// The count nouns: what a number of them is recorded as.
fn count_noun(word: &str) -> Option<&'static str> {
    let starts = |p: &[&str]| p.iter().any(|p| word.starts_with(p));
    Some(match word {
        "plant" | "plants" | "bush" | "bushes" | "seedling" | "seedlings" => "plants",
        "tablet" | "tablets" | "pill" | "pills" | "capsule" | "capsules" => "tablets",
        "dose" | "doses" => "doses",
        "ampoule" | "ampoules" | "ampule" | "ampules" | "vial" | "vials" => "ampoules",
        "piece" | "pieces" | "pcs" | "шт" => "pieces",
        "штук" | "штука" | "штуки" => "pieces",
        "доз" | "доза" | "дозы" | "дозами" => "doses",
        _ if starts(&["растени", "куст", "саженц"]) => "plants",
        _ if starts(&["таблет", "капсул"]) => "tablets",
        _ if starts(&["ампул"]) => "ampoules",
        _ => return None,
    })
}

/// True when `toks` say that what follows is part of what came before
/// ("including", "of which", «в том числе», «из них», «включая»).
fn includes(toks: &[Tok<'_>]) -> bool {
    let words: Vec<&str> = toks.iter().filter_map(Tok::word).collect();
    words.iter().enumerate().any(|(k, w)| {
        let next = words.get(k + 1).copied();
        matches!(*w, "including" | "incl" | "включая")
            || (*w == "of" && matches!(next, Some("which" | "them" | "these")))
            || (*w == "among" && matches!(next, Some("them" | "which")))
            || (*w == "в" && next == Some("том") && words.get(k + 2) == Some(&"числе"))
            || (*w == "в" && next == Some("т") && words.get(k + 2) == Some(&"ч"))
            || (*w == "из" && matches!(next, Some("них" | "которых" | "этого" | "общего")))
    })
}

/// Words after which a count is of something else ("17 cases of
/// cultivation of plants", «17 фактов культивирования растений»).
fn counts_something_else(word: &str) -> bool {
    matches!(word, "of" | "из" | "people" | "человек")
        || [
            "case",
            "fact",
            "crime",
            "offen",
            "group",
            "person",
            "факт",
            "случа",
            "преступлен",
            "правонаруш",
            "групп",
            "лиц",
        ]
        .iter()
        .any(|p| word.starts_with(p))
}

fn is_seizure_word(word: &str) -> bool {
    matches!(
        word,
        "found"
            | "discovered"
            | "uncovered"
            | "seized"
            | "confiscated"
            | "intercepted"
            | "withdrawn"
            | "removed"
            | "find"
            | "finds"
    ) || [
        "seiz",
        "confisc",
        "intercept",
        "изъя",
        "изъят",
        "конфиск",
        "обнаруж",
        "выявлен",
        "выявил",
        "изым",
        // Detained with it, taken out of circulation, a smuggling stopped.
        "discover",
        "detect",
        "reveal",
        "detain",
        "arrest",
        "apprehend",
        "thwart",
        "foil",
        "задерж",
        "арестов",
        "выведен",
        "пресеч",
    ]
    .iter()
    .any(|p| word.starts_with(p))
}

fn is_destruction_word(word: &str) -> bool {
    [
        "destr",
        "eradicat",
        "burn",
        "уничтож",
        "сожж",
        "сожг",
        "ликвидирован",
    ]
    .iter()
    .any(|p| word.starts_with(p))
}

/// An amount: a number, maybe multiplied (`7.5 thousand`, `1 million 218
/// thousand`), and the index of the token after it.
fn amount(toks: &[Tok<'_>], i: usize, cyrillic: bool) -> Option<(f64, usize)> {
    let Tok::Num(n) = &toks[i] else { return None };
    let mut value = n.value(cyrillic)?;
    let mut j = i + 1;
    let skip_stop = |j: &mut usize| {
        if matches!(toks.get(*j), Some(Tok::Punct { c: '.', .. })) {
            *j += 1;
        }
    };
    // The multiplier word, maybe abbreviated with a stop ("тыс.").
    if let Some(m) = toks.get(j).and_then(Tok::word).and_then(multiplier) {
        value *= m;
        j += 1;
        skip_stop(&mut j);
        // "1 million 218 thousand": a number with a smaller multiplier.
        if let (Some(Tok::Num(n2)), Some(m2)) = (
            toks.get(j),
            toks.get(j + 1).and_then(Tok::word).and_then(multiplier),
        ) {
            if m2 < m {
                value += n2.value(cyrillic)? * m2;
                j += 2;
                skip_stop(&mut j);
            }
        }
    }
    Some((value, j))
}

/// The script of the unit after an amount, looking past the number.
fn unit_after(toks: &[Tok<'_>], mut j: usize) -> Option<(f64, bool, usize)> {
    while let Some(t) = toks.get(j) {
        match t {
            Tok::Word { lower, .. } => {
                if multiplier(lower).is_some() {
                    j += 1;
                    continue;
                }
                return unit(lower).map(|(f, c)| (f, c, j));
            }
            Tok::Punct { c: '.', .. } => j += 1,
            // "a 5-kilogram bag".
            Tok::Punct { c: '-', .. } if j > 0 && matches!(toks[j - 1], Tok::Num(_)) => j += 1,
            _ => return None,
        }
    }
    None
}

/// A weight found in a sentence: kilograms and its token span.
struct Weight {
    kg: f64,
    /// A compound whose smaller part is not smaller ("1 ton 2083 kg").
    glued: bool,
    first: usize,
    /// The token after the weight.
    next: usize,
}

/// The weight that starts at token `i`, if one does.
fn weight_at(toks: &[Tok<'_>], i: usize) -> Option<Weight> {
    let Tok::Num(_) = &toks[i] else { return None };
    let (_, cyrillic, _) = unit_after(toks, i + 1)?;
    let (value, mut j) = amount(toks, i, cyrillic)?;
    if matches!(toks.get(j), Some(Tok::Punct { c: '-', .. })) {
        j += 1;
    }
    let (factor, _) = toks.get(j).and_then(Tok::word).and_then(unit)?;
    // "2024 г." is a year.
    if factor == 0.001 && cyrillic && value.fract() == 0.0 && (1900.0..=2100.0).contains(&value) {
        return None;
    }
    let mut kg = value * factor;
    let mut next = j + 1;
    if matches!(toks.get(next), Some(Tok::Punct { c: '.', .. }))
        && matches!(toks.get(next + 1), Some(Tok::Num(_)))
    {
        next += 1;
    }
    // "1 ton 208 kg", «1 т 208 кг», "2 kg and 300 g".
    let mut smaller = factor;
    let mut glued = false;
    loop {
        let mut k = next;
        if toks
            .get(k)
            .and_then(Tok::word)
            .is_some_and(|w| w == "and" || w == "и")
        {
            k += 1;
        }
        if !matches!(toks.get(k), Some(Tok::Num(_))) {
            break;
        }
        let Some((v2, j2)) = amount(toks, k, cyrillic) else {
            break;
        };
        let Some((f2, _)) = toks.get(j2).and_then(Tok::word).and_then(unit) else {
            break;
        };
        if f2 >= smaller {
            break;
        }
        glued |= v2 * f2 >= smaller;
        kg += v2 * f2;
        smaller = f2;
        next = j2 + 1;
    }
    Some(Weight {
        kg,
        glued,
        first: i,
        next,
    })
}

fn round(kg: f64) -> f64 {
    // Grams and milligrams to kg without binary noise: 6 decimals.
    (kg * 1e6).round() / 1e6
}

/// Reads the seized weights and the counts of one sentence.
fn read_sentence(sentence: &str, seized: &mut Vec<Seized>, counts: &mut Vec<Count>) {
    if !may_quantify(sentence) {
        return;
    }
    let toks = tokens(sentence);
    let seize_at: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].word().is_some_and(is_seizure_word))
        .collect();
    let destroy_at: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].word().is_some_and(is_destruction_word))
        .collect();
    if seize_at.is_empty() && destroy_at.is_empty() {
        return;
    }
    let distance = |at: &[usize], from: usize, to: usize| {
        at.iter()
            .map(|&k| {
                if k < from {
                    from - k
                } else {
                    k.saturating_sub(to)
                }
            })
            .min()
            .unwrap_or(usize::MAX)
    };
    // The drugs the sentence names, read when it has a weight seized.
    let mut drugs: Option<Vec<Found<'static>>> = None;

    // "6 tons of drugs, including 2 kg of synthetics": after a word of
    // inclusion, the weights are parts of the last weight before it.
    let mut outer: Option<usize> = None; // index in `seized`
    let mut within: Option<usize> = None;
    let mut last_end = 0; // token after the last weight seized
    let mut i = 0;
    while i < toks.len() {
        if let Some(w) = weight_at(&toks, i) {
            if within.is_none() && outer.is_some() && includes(&toks[last_end..w.first]) {
                within = outer;
            }
            let is_seized = !seize_at.is_empty()
                && distance(&seize_at, w.first, w.next) <= distance(&destroy_at, w.first, w.next);
            if is_seized && w.kg > 0.0 {
                let start = toks[w.first].start();
                let end = toks[w.next - 1].end();
                let kg = round(w.kg);
                let doubtful = if w.glued {
                    Some("glued".to_string())
                } else if kg > Seized::PLAUSIBLE_KG {
                    Some("implausible".to_string())
                } else {
                    None
                };
                seized.push(Seized {
                    substance: substance_for(
                        sentence,
                        drugs.get_or_insert_with(|| {
                            let words = thesaurus::text_words(sentence);
                            thesaurus::thesaurus().find(&words, EntryKind::Substance)
                        }),
                        start,
                        end,
                    )
                    .to_string(),
                    kg,
                    quote: sentence.to_string(),
                    doubtful,
                    part_of: within,
                });
                if within.is_none() {
                    outer = Some(seized.len() - 1);
                }
                last_end = w.next;
            }
            i = w.next;
            continue;
        }
        if let Tok::Num(n) = &toks[i] {
            let cyrillic = sentence[n.end..].chars().any(super::text::is_cyrillic);
            if let Some((value, j)) = amount(&toks, i, cyrillic) {
                // Up to four words (adjectives, a drug's name) before the noun.
                let what = toks[j..]
                    .iter()
                    .take(5)
                    .take_while(|t| {
                        matches!(
                            t,
                            Tok::Word { .. }
                                | Tok::Punct {
                                    c: '-' | '«' | '»' | '"',
                                    ..
                                }
                        )
                    })
                    .take_while(|t| !t.word().is_some_and(counts_something_else))
                    .filter_map(|t| t.word().and_then(count_noun))
                    // "1000 штук таблеток": the thing, not the pieces.
                    .reduce(|a, b| if a == "pieces" { b } else { a });
                if let Some(what) = what {
                    counts.push(Count {
                        what: what.to_string(),
                        n: value,
                        quote: sentence.to_string(),
                    });
                }
                i = j.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
}

/// The substance a weight at `start..end` of `sentence` is of: the drug
/// named right after it, else right before it, else the nearest.
fn substance_for<'t>(sentence: &str, drugs: &[Found<'t>], start: usize, end: usize) -> &'t str {
    let close = |between: &str, stops: &[char]| {
        !between
            .chars()
            .any(|c| c.is_ascii_digit() || stops.contains(&c))
            && between.split_whitespace().count() <= 4
    };
    // Right after: a drug named within four words, no stop between; a
    // specific one before a generic word ("1,5 кг наркотиков
    // синтетического происхождения" is synthetic).
    let after_stops = [',', '.', ';', ':', '(', ')', '!', '?'];
    let mut after_all = drugs
        .iter()
        .filter(|f| f.start >= end)
        .take_while(|f| close(&sentence[end..f.start], &after_stops));
    let first_after = after_all.next();
    let after = match first_after {
        Some(f) if f.entry.id == "unspecified" => {
            after_all.find(|g| g.entry.id != "unspecified").or(Some(f))
        }
        other => other,
    };
    let before = || {
        drugs.iter().rev().find(|f| f.end <= start).filter(|f| {
            close(
                &sentence[f.end..start],
                &['.', ';', ':', '(', ')', '!', '?'],
            )
        })
    };
    let nearest = || {
        drugs.iter().min_by_key(|f| {
            if f.start >= end {
                f.start - end
            } else {
                start.saturating_sub(f.end)
            }
        })
    };
    after
        .or_else(before)
        .or_else(nearest)
        .map(|f| f.entry.id.as_str())
        .unwrap_or("unspecified")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `(substance, kg)` of the weights seized in a body of paragraphs.
    fn seized_in(paragraphs: &[&str]) -> Vec<(String, f64)> {
        let body: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
        extract("", &body)
            .seized
            .into_iter()
            .map(|s| (s.substance, s.kg))
            .collect()
    }

    fn seized(text: &str) -> Vec<(String, f64)> {
        seized_in(&[text])
    }

    fn pairs(want: &[(&str, f64)]) -> Vec<(String, f64)> {
        want.iter().map(|&(s, kg)| (s.to_string(), kg)).collect()
    }

    fn counts(text: &str) -> Vec<(String, f64)> {
        extract("", &[text.to_string()])
            .counts
            .into_iter()
            .map(|c| (c.what, c.n))
            .collect()
    }

    #[test]
    fn english_weights_seized() {
        for (text, want) in [
            (
                "About 6 tons of drugs, including more than 2 kg of synthetic substances, were seized.",
                &[("unspecified", 6000.0), ("synthetic", 2.0)][..],
            ),
            (
                "Earlier, the Federal Security Service together with customs seized a shipment of 570 kilograms of cocaine.",
                &[("cocaine", 570.0)],
            ),
            (
                "Law enforcement agencies detected 366 drug crimes, 1 ton 208 kg of narcotic drugs were seized.",
                &[("unspecified", 1208.0)],
            ),
            ("Customs officers seized 1,200 kg of hashish at the border.", &[("hashish", 1200.0)]),
            (
                "In 2024, 15 kg of methamphetamine and 300 g of mephedrone were seized in Osh.",
                &[("methamphetamine", 15.0), ("mephedrone", 0.3)],
            ),
            ("Heroin weighing 5.2 kg was found in the car.", &[("heroin", 5.2)]),
            (
                "A courier was detained with 350 grams of heroin in his luggage, which was seized.",
                &[("heroin", 0.35)],
            ),
            ("Police seized 12 kg and 500 g of raw opium.", &[("opium", 12.5)]),
            ("Since January 3.3 tons of drugs were seized.", &[("unspecified", 3300.0)]),
            ("Officers confiscated 1,250,000 grams of poppy straw.", &[("opium", 1250.0)]),
            ("Police seized about 7.5 thousand kg of precursors.", &[("precursors", 7500.0)]),
        ] {
            assert_eq!(seized(text), pairs(want), "{text}");
        }
    }

    #[test]
    fn russian_weights_seized() {
        for (text, want) in [
            (
                "Изъято свыше 536 кг наркотических средств, в том числе почти 55 кг «синтетики».",
                &[("unspecified", 536.0), ("synthetic", 55.0)][..],
            ),
            (
                "В ходе обыска было изъято 3 кг гашиша и 2,5 кг сушеной марихуаны.",
                &[("hashish", 3.0), ("cannabis", 2.5)],
            ),
            (
                "Пограничники изъяли 30 тонн прекурсоров.",
                &[("precursors", 30000.0)],
            ),
            (
                "За 3 года и 10 месяцев было изъято 260 кг синтетических наркотиков.",
                &[("synthetic", 260.0)],
            ),
            (
                "У задержанного обнаружено 1,5 кг героина.",
                &[("heroin", 1.5)],
            ),
            ("Изъято 1 т 208 кг опия.", &[("opium", 1208.0)]),
            (
                "Сотрудники таможни изъяли героин массой 2,35 кг.",
                &[("heroin", 2.35)],
            ),
            ("Всего изъято 12 500 кг гашиша.", &[("hashish", 12500.0)]),
            // A stop before three digits groups thousands in Russian.
            (
                "Было изъято 1.300 кг наркотических веществ.",
                &[("unspecified", 1300.0)],
            ),
            (
                "При досмотре изъято 450 граммов мефедрона.",
                &[("mephedrone", 0.45)],
            ),
            // «г.» after a year is the year, not grams.
            (
                "27-28 ноября 2024 г. в Ашхабаде изъято 5 кг кокаина.",
                &[("cocaine", 5.0)],
            ),
            (
                "В машине нашли и изъяли 2 килограмма амфетамина.",
                &[("amphetamine", 2.0)],
            ),
        ] {
            assert_eq!(seized(text), pairs(want), "{text}");
        }
    }

    #[test]
    fn small_numbers_written_as_words() {
        assert_eq!(
            seized("Police seized two kilograms of heroin."),
            pairs(&[("heroin", 2.0)])
        );
        assert_eq!(
            seized("Изъято полторы тонны гашиша."),
            pairs(&[("hashish", 1500.0)])
        );
        assert_eq!(
            seized("Изъято два килограмма кокаина."),
            pairs(&[("cocaine", 2.0)])
        );
        assert_eq!(
            counts("Police destroyed five plants."),
            pairs(&[("plants", 5.0)])
        );
        // Other words stay words.
        assert_eq!(
            seized("One of the couriers was detained; no drugs were seized."),
            []
        );
    }

    #[test]
    fn parts_of_a_weight_say_so() {
        let parts = |text: &str| -> Vec<(f64, Option<usize>)> {
            let body = vec![
                "Police seized 5 kg of heroin in Osh.".to_string(),
                text.to_string(),
            ];
            extract("", &body)
                .seized
                .into_iter()
                .map(|s| (s.kg, s.part_of))
                .collect()
        };
        assert_eq!(
            parts("About 6 tons of drugs, including more than 2 kg of synthetic substances, were seized."),
            [(5.0, None), (6000.0, None), (2.0, Some(1))]
        );
        assert_eq!(
            parts(
                "Изъято свыше 536 кг наркотических средств, в том числе почти 55 кг «синтетики»."
            ),
            [(5.0, None), (536.0, None), (55.0, Some(1))]
        );
        assert_eq!(
            parts("Изъято более 15 тонн наркотиков, из них 1,2 тонны героина и 350 кг гашиша."),
            [
                (5.0, None),
                (15000.0, None),
                (1200.0, Some(1)),
                (350.0, Some(1))
            ]
        );
        assert_eq!(
            parts("Изъято 536 кг наркотиков, в т.ч. 55 кг синтетики."),
            [(5.0, None), (536.0, None), (55.0, Some(1))]
        );
        // Weights side by side are not parts of each other.
        assert_eq!(
            parts("В ходе обыска было изъято 3 кг гашиша и 2,5 кг сушеной марихуаны."),
            [(5.0, None), (3.0, None), (2.5, None)]
        );
    }

    #[test]
    fn several_weights_in_one_sentence() {
        for (text, want) in [
            (
                "Police seized over 1.2 tonnes of drugs, including 800 kg of hashish, 300 kg of heroin and 100 kg of synthetic drugs.",
                &[("unspecified", 1200.0), ("hashish", 800.0), ("heroin", 300.0), ("synthetic", 100.0)][..],
            ),
            (
                "Всего с начала года изъято более 15 тонн наркотиков, из них 1,2 тонны героина и 350 кг гашиша.",
                &[("unspecified", 15000.0), ("heroin", 1200.0), ("hashish", 350.0)],
            ),
            ("В ходе операции изъято 10 кг 500 г гашиша.", &[("hashish", 10.5)]),
            ("During the operation police seized 2 kilograms 300 grams of hashish.", &[("hashish", 2.3)]),
            ("A total of 125.5 kg of narcotics were withdrawn from illicit circulation.", &[("unspecified", 125.5)]),
            ("Изъято 1,5 кг наркотиков синтетического происхождения.", &[("synthetic", 1.5)]),
            ("У него обнаружены 2 свертка с героином массой 5 г.", &[("heroin", 0.005)]),
            ("Officers seized 3 packages containing 1,5 kg of heroin.", &[("heroin", 1.5)]),
        ] {
            assert_eq!(seized(text), pairs(want), "{text}");
        }
        assert_eq!(
            counts("Изъято 1000 штук таблеток трамадола."),
            pairs(&[("tablets", 1000.0)])
        );
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        for (text, kg) in [
            ("Police seized 2,345 kg of heroin.", 2345.0),
            ("Police seized 0.5 kg of heroin.", 0.5),
            ("Police seized 5000 kg of heroin.", 5000.0),
            ("Police seized 1.5 tons of heroin.", 1500.0),
            ("Police seized a 5-kilogram bag of heroin.", 5.0),
            ("Police seized 5-6 kg of heroin.", 6.0),
            ("Изъято 0,5 кг героина.", 0.5),
            ("Изъято 1,5 тонны героина.", 1500.0),
            ("Изъято 12.000 кг героина.", 12000.0),
            ("Изъято 1 200,5 кг героина.", 1200.5),
            ("Изъято 5\u{a0}000 кг героина.", 5000.0),
            ("Изъято 1,2 тыс. кг героина.", 1200.0),
            ("Изъято 250 мг героина.", 0.00025),
        ] {
            assert_eq!(seized(text), pairs(&[("heroin", kg)]), "{text}");
        }
    }

    #[test]
    fn doubtful_quantities_are_marked() {
        let doubtful = |text: &str| -> Vec<(f64, Option<String>)> {
            extract("", &[text.to_string()])
                .seized
                .into_iter()
                .map(|s| (s.kg, s.doubtful))
                .collect()
        };
        assert_eq!(
            doubtful("Police seized 1 ton 208 kg of heroin."),
            [(1208.0, None)]
        );
        assert_eq!(
            doubtful("Police seized 1 ton 2083 kg of heroin."),
            [(3083.0, Some("glued".to_string()))]
        );
        assert_eq!(
            doubtful("Изъято 250 тонн гашиша."),
            [(250_000.0, Some("implausible".to_string()))]
        );
        assert_eq!(doubtful("Изъято 30 тонн гашиша."), [(30_000.0, None)]);
    }

    #[test]
    fn words_of_seizure_in_both_languages() {
        for text in [
            "A man was detained with 2 kg of heroin in Osh.",
            "Customs officers found 2 kg of heroin in a truck.",
            "В Бишкеке задержан гражданин, у которого при себе было 2 кг героина.",
            "Из незаконного оборота выведено 2 кг героина.",
            "Пресечена попытка контрабанды 2 кг героина.",
        ] {
            assert_eq!(seized(text), pairs(&[("heroin", 2.0)]), "{text}");
        }
        for text in [
            "The court sentenced him for selling 2 kg of heroin last year.",
            "Уничтожено 2 кг героина, изъятого ранее по уголовным делам.",
        ] {
            assert_eq!(seized(text), [], "{text}");
        }
    }

    #[test]
    fn a_number_split_by_a_line_break_is_one_number() {
        let want = pairs(&[("unspecified", 47.0), ("synthetic", 2.5)]);
        // Across paragraphs (a page break), and within one.
        assert_eq!(
            seized_in(&[
                "Since the beginning of the year, almost 47 kilograms of drugs, including 2.",
                "5 kilograms of synthetics, have been seized."
            ]),
            want
        );
        assert_eq!(
            seized("Almost 47 kilograms of drugs, including 2. 5 kilograms of synthetics, have been seized."),
            want
        );
        assert_eq!(
            seized("Изъято почти 47 кг наркотиков, в том числе 2,\n5 кг «синтетики»."),
            want
        );
        // The quote is the whole sentence, white space normalised.
        let body = vec![
            "Police seized 2.".to_string(),
            "5 kilograms of   heroin. Then more.".to_string(),
        ];
        let facts = extract("", &body);
        assert_eq!(
            facts.seized[0].quote,
            "Police seized 2. 5 kilograms of heroin."
        );
        assert_eq!(facts.seized[0].kg, 2.5);
    }

    #[test]
    fn counts_and_destroyed_crops_are_not_weights_seized() {
        assert_eq!(seized("Police destroyed 3,500 cannabis plants."), []);
        assert_eq!(
            counts("Police destroyed 3,500 cannabis plants."),
            pairs(&[("plants", 3500.0)])
        );
        assert_eq!(
            seized("More than 1000 tons of wild cannabis were destroyed."),
            []
        );
        assert_eq!(
            seized("Police destroyed 3,500 cannabis plants and seized 12 kg of marijuana."),
            pairs(&[("cannabis", 12.0)])
        );
        assert_eq!(
            counts("Also, 1 million 218 thousand wild growing narcotic plants were destroyed by burning."),
            pairs(&[("plants", 1_218_000.0)])
        );
        assert_eq!(
            counts("Уничтожено 1 200 кустов дикорастущей конопли."),
            pairs(&[("plants", 1200.0)])
        );
        assert_eq!(
            counts("Изъято 12 000 таблеток трамадола."),
            pairs(&[("tablets", 12000.0)])
        );
        assert_eq!(seized("Изъято 12 000 таблеток трамадола."), []);
        // Cases, crimes and people are no counts of things.
        assert_eq!(
            counts("Кроме того, выявлено 17 фактов культивирования наркосодержащих растений."),
            []
        );
        assert_eq!(
            seized("Выявлено 629 правонарушений, задержано 92 человека."),
            []
        );
        // Weights without a word of seizure are not reported seized.
        assert_eq!(
            seized("The laboratory could produce up to 100 kg of mephedrone a month."),
            []
        );
        assert_eq!(seized("A fine of 4 to 5 thousand rubles."), []);
    }

    #[test]
    fn topics_substances_and_places() {
        let f = extract(
            "POLICE DISMANTLED A DRUG LABORATORY IN OSH REGION",
            &["Police in Osh region detained two men and dismantled a clandestine laboratory producing mephedrone in Bishkek. 3 kg of mephedrone were seized.".to_string()],
        );
        assert_eq!(f.topics, ["seizure", "arrest", "laboratory"]);
        assert_eq!(f.substances, ["mephedrone"]);
        assert_eq!(f.places, ["Osh Region", "Bishkek"]);

        let f = extract(
            "Контролируемая поставка",
            &["В ходе контролируемой поставки в Душанбе задержан курьер, у которого изъято 4 кг гашиша. В Хатлонской области проведены профилактические лекции.".to_string()],
        );
        assert_eq!(
            f.topics,
            ["seizure", "arrest", "controlled-delivery", "prevention"]
        );
        assert_eq!(f.substances, ["hashish"]);
        assert_eq!(f.places, ["Dushanbe", "Khatlon Region"]);
        assert_eq!(f.seized[0].kg, 4.0);

        let f = extract(
            "",
            &["В Согдийской области уничтожено 1 200 кустов дикорастущей конопли, ликвидирована лаборатория по производству мефедрона.".to_string()],
        );
        assert_eq!(f.topics, ["laboratory", "eradication"]);
        assert_eq!(f.substances, ["cannabis", "mephedrone"]);
        assert_eq!(f.places, ["Sughd Region"]);

        // Nothing to find.
        let f = extract("", &[]);
        assert_eq!(f, Facts::default());
    }

    #[test]
    fn sentences_are_cut_at_stops_before_capitals_not_in_numbers_or_initials() {
        let body = vec![
            "Named after Sh. Kabyldaev. 3.3 tons were seized! Next one? Yes.".to_string(),
            "It cost 2.5 million. Им. аль-Фараби.".to_string(),
        ];
        assert_eq!(
            sentences(&body),
            [
                "Named after Sh. Kabyldaev.",
                "3.3 tons were seized!",
                "Next one?",
                "Yes.",
                "It cost 2.5 million.",
                "Им. аль-Фараби."
            ]
        );
    }

    proptest! {
        #[test]
        fn extraction_never_panics(
            title in "\\PC{0,40}",
            body in proptest::collection::vec(
                "([0-9]{1,4}|[ .,\u{a0}\n]|kg|tons?|g|кг|тонн|г\\.|тыс\\.|million|of|heroin|героина|seized|изъято|destroyed|plants|«|»|Osh|[a-zа-я]{1,6}|\\PC)*",
                0..4
            ),
        ) {
            let facts = extract(&title, &body);
            for s in &facts.seized {
                prop_assert!(s.kg.is_finite() && s.kg > 0.0);
                prop_assert!(SUBSTANCES.contains(&s.substance.as_str()));
            }
        }
    }
}
