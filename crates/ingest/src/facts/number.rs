//! The tokens of a sentence: numbers as written (digit groups and their
//! separators, numbers written as words), words in lower case and
//! punctuation; the words of units, multipliers and count nouns.

use super::*;

/// A token of a sentence.
#[derive(Debug, Clone)]
pub(super) enum Tok<'a> {
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
    pub(super) fn start(&self) -> usize {
        match self {
            Tok::Num(n) => n.start,
            Tok::Word { start, .. } => *start,
            Tok::Punct { start, .. } => *start,
        }
    }
    pub(super) fn end(&self) -> usize {
        match self {
            Tok::Num(n) => n.end,
            Tok::Word { end, .. } => *end,
            Tok::Punct { start, c } => start + c.len_utf8(),
        }
    }
    pub(super) fn word(&self) -> Option<&str> {
        match self {
            Tok::Word { lower, .. } => Some(lower),
            _ => None,
        }
    }
}

/// A number as written: digit groups and the separators between them
/// (`' '` for any space).
#[derive(Debug, Clone)]
pub(super) struct Number<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) groups: Vec<&'a str>,
    pub(super) seps: Vec<char>,
    /// The value of a number written as a word ("two", «полтора»).
    pub(super) word: Option<f64>,
}

impl Number<'_> {
    /// Its value, reading `,` and `.` as an English (`cyrillic` false) or
    /// Russian text does.
    pub(super) fn value(&self, cyrillic: bool) -> Option<f64> {
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

pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

pub(super) fn leading_digits(s: &str) -> &str {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    &s[..n]
}

/// `word` in lower case with `ё` as `е`; no copy when it already is
/// (ASCII and basic Cyrillic lower case, the usual case).
pub(super) fn lower_word(word: &str) -> Cow<'_, str> {
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
        // One string, lowered without Unicode's case tables for Russian
        // and Latin letters (not `to_lowercase` and then `replace`).
        Cow::Owned(caricc_core::text::with_lower(word, str::to_string))
    }
}

pub(super) fn tokens(s: &str) -> Vec<Tok<'_>> {
    // Sized for a token per five bytes (a word and its space): the vector
    // grown from empty was a tenth of the sentence reader's allocations.
    let mut out = Vec::with_capacity(s.len() / 5 + 4);
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
        } else if is_alphabetic(c) {
            let len: usize = s[i..]
                .chars()
                .take_while(|&c| is_alphanumeric(c) && !c.is_ascii_digit())
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

/// `char::is_alphabetic`, ASCII and the Russian letters (U+0400..U+045F,
/// all letters) without the Unicode tables.
pub(super) fn is_alphabetic(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{400}'..='\u{45F}').contains(&c)
        || (!c.is_ascii() && c.is_alphabetic())
}

/// `char::is_alphanumeric` with the fast paths of [`is_alphabetic`].
pub(super) fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{400}'..='\u{45F}').contains(&c)
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// The value of a small number written as a word ("two kilograms",
/// «полторы тонны»).
pub(super) fn number_word(word: &str) -> Option<f64> {
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
pub(super) fn unit(word: &str) -> Option<(f64, bool)> {
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

pub(super) fn multiplier(word: &str) -> Option<f64> {
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
pub(super) fn count_noun(word: &str) -> Option<&'static str> {
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
