//! Facts per event, read from its English or Russian text: what happened
//! (topics), which drugs (substances), how much was seized (quantities in
//! kilograms, each with the sentence it came from), non-weight counts
//! (plants, tablets) and the places named. The vocabulary is the
//! thesaurus's ([`caricc_core::thesaurus`]), the places the gazetteer's
//! ([`caricc_core::gazetteer`]); this module owns the reading of quantities and
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
use std::sync::OnceLock;

use caricc_core::model::{Count, Facts, Seized};
use caricc_core::thesaurus::{self, EntryKind, Found, SUBSTANCES, TOPICS};

use caricc_core::gazetteer;
use caricc_core::text::{alnum_runs, words_vec};

mod number;
mod read;
#[cfg(test)]
mod tests;

use read::read_sentence;

/// The facts of an event with this title and body.
pub fn extract(title: &str, body: &[String]) -> Facts {
    let tokens: Vec<Vec<(usize, &str)>> = std::iter::once(title)
        .chain(body.iter().map(String::as_str))
        .map(words_vec)
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
        // The bytes of the joiners (hyphen, apostrophes: `’` starts with
        // 0xE2) in the text, found by memchr, and the words in the same
        // order: a word none falls in is one run.
        let mut joiners = memchr::memchr3_iter(b'-', b'\'', 0xE2, text.as_bytes()).peekable();
        for &(offset, word) in words {
            while joiners.next_if(|&j| j < offset).is_some() {}
            if joiners.peek().is_none_or(|&j| j >= offset + word.len()) {
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

/// The beginnings of the words of weight and plants, by which a text with
/// no digit may still state a quantity (numbers written as words, "two
/// kilograms", «полторы тонны»).
const QUANTITY_WORDS: [&str; 9] = [
    "kilo",
    "ton",
    "gram",
    "plant",
    "кило",
    "куст",
    "грамм",
    "тонн",
    "растени",
];

/// A searcher for each of [`QUANTITY_WORDS`], built once: memchr's
/// vectorised substring search. The byte-by-byte test it replaces
/// branched on every byte's value and mispredicted often (a tenth of the
/// ingest's time by a sampling profile, though few instructions).
fn quantity_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    FINDERS.get_or_init(|| {
        QUANTITY_WORDS
            .iter()
            .map(memchr::memmem::Finder::new)
            .collect()
    })
}

/// True when `b` has an ASCII digit: 32 bytes at a time with no early exit
/// inside a block, which the compiler turns into vector instructions.
fn has_digit(b: &[u8]) -> bool {
    b.chunks(32)
        .any(|block| block.iter().fold(false, |any, x| any | x.is_ascii_digit()))
}

/// The byte offsets of the [`QUANTITY_WORDS`] in `text`, sorted: one
/// search of the whole text, which each sentence then asks by its range
/// (a word of letters never spans a sentence's stop or line break).
fn quantity_word_starts(text: &str) -> Vec<usize> {
    let mut starts: Vec<usize> = quantity_finders()
        .iter()
        .flat_map(|f| f.find_iter(text.as_bytes()))
        .collect();
    starts.sort_unstable();
    starts
}

/// True when `text` may state a quantity: it has a digit, or a word of
/// weight or a plant (for numbers written as words, "two kilograms").
fn may_quantify(text: &str) -> bool {
    let b = text.as_bytes();
    has_digit(b) || quantity_finders().iter().any(|f| f.find(b).is_some())
}

/// [`sentences`], only those that may state a quantity when
/// `with_digits`.
fn split_sentences(body: &[String], with_digits: bool) -> Vec<String> {
    // Paragraphs joined by '\n', other white space runs as one space.
    let mut text = String::with_capacity(body.iter().map(|p| p.len() + 1).sum());
    for p in body {
        if !text.is_empty() {
            text.push('\n');
        }
        // Runs of other characters copied whole. Read by bytes: a
        // character other than ASCII is decoded only when its first byte
        // may start white space (U+0085, U+00A0: 0xC2; U+1680: 0xE1;
        // U+2000.., U+205F: 0xE2; U+3000: 0xE3), the others (Cyrillic
        // letters among them) are stepped over.
        let p = p.trim();
        let bytes = p.as_bytes();
        // The ingest's paragraphs have their white space collapsed
        // already: copied whole when no run of it is found, 32 bytes at a
        // time, the bytes that may start white space other than ' ' read
        // one by one.
        let may_collapse = |x: &u8| matches!(x, 0x09..=0x0D | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        let plain = !p.contains("  ")
            && bytes.chunks(32).enumerate().all(|(k, block)| {
                !block.iter().fold(false, |any, x| any | may_collapse(x))
                    || (k * 32..k * 32 + block.len()).all(|i| !collapses_at(p, i))
            });
        if plain {
            text.push_str(p);
            continue;
        }
        let mut run = 0; // start of the current run
        let mut space = false;
        let mut i = 0;
        while let Some(&x) = bytes.get(i) {
            let (collapses, len) = match x {
                0..0x80 => (x.is_ascii_whitespace() || x == 0x0B, 1),
                0xC2 | 0xE1 | 0xE2 | 0xE3 => match p.get(i..).and_then(|r| r.chars().next()) {
                    Some(c) => (
                        c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}'),
                        c.len_utf8(),
                    ),
                    None => (false, 1),
                },
                _ => (false, 1),
            };
            if collapses {
                if !space {
                    text.push_str(&p[run..i]);
                    space = true;
                }
            } else if space {
                text.push(' ');
                space = false;
                run = i;
            }
            i += len;
        }
        if !space {
            text.push_str(&p[run..]);
        }
    }
    // Whether a sentence may state a quantity ([`may_quantify`]): its
    // digits tested on the spot, its words of weight looked up among those
    // found in the whole text at once. The same as testing each paragraph
    // and then each sentence: joining and collapsing white space makes or
    // breaks no digit or word.
    let words = if with_digits {
        let words = quantity_word_starts(&text);
        if words.is_empty() && !has_digit(text.as_bytes()) {
            return Vec::new();
        }
        words
    } else {
        Vec::new()
    };
    let quantifies = |from: usize, to: usize| {
        let k = words.partition_point(|&w| w < from);
        words.get(k).is_some_and(|&w| w < to) || has_digit(&text.as_bytes()[from..to])
    };
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<String>| {
        let s = text[from..to].trim();
        let keep = !with_digits || {
            let q = quantifies(from, to);
            debug_assert_eq!(q, may_quantify(s));
            q
        };
        if !s.is_empty() && keep {
            out.push(s.replace('\n', " "));
        }
    };
    let bytes = text.as_bytes();
    for i in stops(bytes) {
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

/// True when a character other than ' ' that [`split_sentences`]
/// collapses into one space starts at byte `i` of `p` (white space, not
/// the no-break ones).
fn collapses_at(p: &str, i: usize) -> bool {
    match p.as_bytes()[i] {
        0x09..=0x0D => true,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => p
            .get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')),
        _ => false,
    }
}

/// The positions of the bytes that may be a sentence's stop or a line
/// break (`\n`, `.`, `!`, `?`, or the first byte of `…`), in order: memchr's
/// vectorised searches for three and for two bytes, merged. (A test of 32
/// bytes at a time compiled to a branch per byte, and mispredicted.)
fn stops(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut three = memchr::memchr3_iter(b'\n', b'.', b'!', bytes).peekable();
    let mut two = memchr::memchr2_iter(b'?', 0xE2, bytes).peekable();
    std::iter::from_fn(move || match (three.peek(), two.peek()) {
        (Some(a), Some(b)) if a < b => three.next(),
        (_, Some(_)) => two.next(),
        _ => three.next(),
    })
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
