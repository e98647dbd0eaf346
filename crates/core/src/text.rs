//! Character-level facts about a piece of release text: letter case and
//! script shares, sentence ends, PDF/markdown markup, words, and the display
//! form of an upper-case title.
//!
//! Everything here is pure and total: any `&str` in, no panic.

use std::borrow::Cow;

use crate::model::Lang;

/// Letter counts of a text, by case and by script.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Letters {
    /// Upper-case letters.
    pub upper: usize,
    /// Lower-case letters.
    pub lower: usize,
    /// Cyrillic letters.
    pub cyrillic: usize,
    /// Latin letters (ASCII and Latin-1/Extended-A/B).
    pub latin: usize,
}

impl Letters {
    /// The counts of `text`'s letters.
    pub fn of(text: &str) -> Letters {
        // By bytes: ASCII counted without branches (runs of it vectorise)
        // and the Russian letters (U+0400..U+045F: 0xD0 and any second
        // byte, 0xD1 and 0x80..=0x9F) read from their two bytes; only
        // other characters are decoded. Every paragraph of every event is
        // counted, for its language and its case.
        let b = text.as_bytes();
        let mut l = Letters::default();
        let (mut ascii_upper, mut ascii_lower) = (0usize, 0usize);
        let mut i = 0;
        while i < b.len() {
            // A block of 32 ASCII bytes (most of an English text) is tested
            // and counted with no branch inside it, which the compiler turns
            // into vector instructions; any other block is read character
            // by character below, to its end (or the end of the character
            // across it).
            let block_end = match b.get(i..i + 32) {
                Some(block) if block.iter().fold(true, |all, &x| all & (x < 0x80)) => {
                    let count = |lo: u8| {
                        block
                            .iter()
                            .fold(0u8, |n, &x| n + u8::from(x.wrapping_sub(lo) < 26))
                    };
                    ascii_upper += usize::from(count(b'A'));
                    ascii_lower += usize::from(count(b'a'));
                    i += 32;
                    continue;
                }
                Some(_) => i + 32,
                None => b.len(),
            };
            // A block of ASCII, Russian letters (U+0400..U+045F, two bytes
            // each: 0xD0 and any second byte, 0xD1 and 0x80..=0x9F) and the
            // punctuation of Russian text («», no-break space: 0xC2 0xAB,
            // 0xBB, 0xA0; dashes, quotes, …: 0xE2 0x80, U+2000..U+203F, no
            // letters), most of a Russian text, is counted the same way,
            // each byte with the byte after it (the 33rd, when the 32nd
            // starts a character): the loop below branched on every
            // letter's case. Any other first byte leaves the block to it.
            if let Some(window) = b.get(i..i + 33) {
                let (block, next) = (&window[..32], &window[1..]);
                let simple = block.iter().zip(next).fold(true, |all, (&x, &y)| {
                    all & ((x < 0xC0)
                        | (x == 0xD0)
                        | ((x == 0xD1) & (y < 0xA0))
                        | ((x == 0xC2) & ((y == 0xAB) | (y == 0xBB) | (y == 0xA0)))
                        | ((x == 0xE2) & (y == 0x80)))
                });
                if simple {
                    let (mut upper, mut lower, mut cyrillic) = (0u8, 0u8, 0u8);
                    let (mut a_upper, mut a_lower) = (0u8, 0u8);
                    for (&x, &y) in block.iter().zip(next) {
                        let (d0, d1) = (x == 0xD0, x == 0xD1);
                        upper += u8::from(d0 & (y < 0xB0));
                        lower += u8::from((d0 & (y >= 0xB0)) | d1);
                        cyrillic += u8::from(d0 | d1);
                        a_upper += u8::from(x.wrapping_sub(b'A') < 26);
                        a_lower += u8::from(x.wrapping_sub(b'a') < 26);
                    }
                    l.upper += usize::from(upper);
                    l.lower += usize::from(lower);
                    l.cyrillic += usize::from(cyrillic);
                    ascii_upper += usize::from(a_upper);
                    ascii_lower += usize::from(a_lower);
                    // Past the rest of a character across the block's end.
                    i += 32;
                    while b.get(i).is_some_and(|x| (0x80..0xC0).contains(x)) {
                        i += 1;
                    }
                    continue;
                }
            }
            while i < block_end {
                i = l.step(text, i, &mut ascii_upper, &mut ascii_lower);
            }
        }
        l.upper += ascii_upper;
        l.lower += ascii_lower;
        l.latin += ascii_upper + ascii_lower;
        l
    }

    /// Counts the character at byte `i` of `text` (ASCII into the two
    /// counters given) and returns the byte after it.
    #[inline(always)]
    fn step(
        &mut self,
        text: &str,
        i: usize,
        ascii_upper: &mut usize,
        ascii_lower: &mut usize,
    ) -> usize {
        let b = text.as_bytes();
        let l = self;
        {
            let x = b[i];
            if x < 0x80 {
                *ascii_upper += usize::from(x.wrapping_sub(b'A') < 26);
                *ascii_lower += usize::from(x.wrapping_sub(b'a') < 26);
                return i + 1;
            }
            match (x, b.get(i + 1)) {
                // U+0400..=U+042F: 0xD0 0x80..=0xAF; U+0430..=U+043F: 0xD0 0xB0..
                (0xD0, Some(&y)) => {
                    if y < 0xB0 {
                        l.upper += 1;
                    } else {
                        l.lower += 1;
                    }
                    l.cyrillic += 1;
                    i + 2
                }
                // U+0440..=U+045F, lower case.
                (0xD1, Some(0x80..=0x9F)) => {
                    l.lower += 1;
                    l.cyrillic += 1;
                    i + 2
                }
                _ => {
                    // `i` is on a character boundary: ASCII and whole
                    // characters were stepped over.
                    let c = text[i..].chars().next().unwrap_or_default();
                    l.add(c);
                    i + c.len_utf8()
                }
            }
        }
    }

    /// [`Letters::of`] character by character: the oracle of its byte
    /// level reading.
    #[cfg(test)]
    fn of_chars(text: &str) -> Letters {
        let mut l = Letters::default();
        for c in text.chars() {
            l.add(c);
        }
        l
    }

    #[inline]
    fn add(&mut self, c: char) {
        // Fast paths for the two scripts of the archive; the Unicode tables
        // only for the rest.
        if c.is_ascii() {
            if c.is_ascii_uppercase() {
                self.upper += 1;
                self.latin += 1;
            } else if c.is_ascii_lowercase() {
                self.lower += 1;
                self.latin += 1;
            }
            return;
        }
        match c as u32 {
            0x400..=0x42F => {
                self.upper += 1;
                self.cyrillic += 1;
                return;
            }
            0x430..=0x45F => {
                self.lower += 1;
                self.cyrillic += 1;
                return;
            }
            _ => {}
        }
        if !c.is_alphabetic() {
            return;
        }
        if c.is_uppercase() {
            self.upper += 1;
        } else if c.is_lowercase() {
            self.lower += 1;
        }
        if is_cyrillic(c) {
            self.cyrillic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) {
            self.latin += 1;
        }
    }

    /// Letters that have a case (upper plus lower).
    pub fn total(&self) -> usize {
        self.upper + self.lower
    }

    /// The script most letters are in; `None` when there are no letters of
    /// either script.
    pub fn language(&self) -> Option<Lang> {
        if self.cyrillic == 0 && self.latin == 0 {
            None
        } else if self.cyrillic >= self.latin {
            Some(Lang::Ru)
        } else {
            Some(Lang::En)
        }
    }
}

impl std::ops::AddAssign for Letters {
    fn add_assign(&mut self, other: Letters) {
        self.upper += other.upper;
        self.lower += other.lower;
        self.cyrillic += other.cyrillic;
        self.latin += other.latin;
    }
}

/// `char::is_alphabetic` with fast paths for ASCII and basic Cyrillic.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{400}'..='\u{45F}').contains(&c) {
        true
    } else if (c as u32) < 0xC0 || ('\u{2000}'..='\u{206F}').contains(&c) {
        // Latin-1 punctuation and general punctuation (quotes, dashes).
        false
    } else {
        c.is_alphabetic()
    }
}

/// `char::is_alphanumeric` with the fast paths of [`is_letter`].
#[inline]
pub fn is_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// True for a letter of the Cyrillic blocks (U+0400 to U+052F).
pub fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52F}').contains(&c)
}

/// The language of `text` by Cyrillic vs Latin letter share, `fallback`
/// when it has letters of neither script.
pub fn language(text: &str, fallback: Lang) -> Lang {
    Letters::of(text).language().unwrap_or(fallback)
}

/// True for an English word so common that any English text of some
/// length has many of them (and text in another language written in Latin
/// letters few); `word` in lower case.
fn is_common_english(word: &[u8]) -> bool {
    matches!(
        word,
        b"the"
            | b"of"
            | b"and"
            | b"in"
            | b"to"
            | b"a"
            | b"on"
            | b"for"
            | b"with"
            | b"was"
            | b"were"
            | b"is"
            | b"by"
            | b"at"
            | b"from"
            | b"that"
            | b"as"
            | b"an"
            | b"are"
            | b"be"
            | b"has"
            | b"have"
            | b"this"
            | b"which"
    )
}

/// The letters of a text by script, for [`unknown_language`].
#[derive(Debug, Default, PartialEq, Eq)]
struct ScriptCounts {
    /// ASCII letters and those of Latin-1 to Latin Extended-B.
    latin: usize,
    /// Letters of the Cyrillic blocks (not its signs, U+0482..U+0489).
    cyrillic: usize,
    /// Letters of other scripts.
    other: usize,
    /// The Cyrillic letters Russian does not have (all but А-я, Ё, ё).
    non_russian: usize,
}

impl ScriptCounts {
    /// The counts of `text`'s letters. By bytes: ASCII, and the letters
    /// U+0400..U+047F from their two bytes (0xD0 or 0xD1 and the second),
    /// without decoding; other characters are decoded. Every document is
    /// asked, its first 16 KiB.
    fn of(text: &str) -> ScriptCounts {
        let mut n = ScriptCounts::default();
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            if x < 0x80 {
                n.latin += usize::from(x.is_ascii_alphabetic());
                i += 1;
                continue;
            }
            if let (0xD0 | 0xD1, Some(&y)) = (x, b.get(i + 1)) {
                // 0xD0: U+0400..U+043F, Russian from U+0410, and Ё (U+0401);
                // 0xD1: U+0440..U+047F, Russian to U+044F, and ё (U+0451).
                let russian = if x == 0xD0 {
                    y >= 0x90 || y == 0x81
                } else {
                    y <= 0x8F || y == 0x91
                };
                n.cyrillic += 1;
                n.non_russian += usize::from(!russian);
                i += 2;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            n.count_char(c);
        }
        n
    }

    /// Counts one character.
    fn count_char(&mut self, c: char) {
        if c.is_ascii() {
            self.latin += usize::from(c.is_ascii_alphabetic());
        } else if is_cyrillic(c) {
            // Letters only: the block's few signs (U+0482-U+0489) are not
            // counted. Russian's letters are А-я, Ё and ё; the rest of the
            // block are other languages' letters.
            if !('\u{482}'..='\u{489}').contains(&c) {
                self.cyrillic += 1;
                self.non_russian += usize::from(!matches!(c, '\u{410}'..='\u{44F}' | 'Ё' | 'ё'));
            }
        } else if c.is_alphabetic() {
            if ('\u{C0}'..='\u{24F}').contains(&c) {
                self.latin += 1;
            } else {
                self.other += 1;
            }
        }
    }
}

/// Why `text` is in no language the ingest reads (English, Russian), or
/// `None` when it is in one of them (or too short to tell): most of its
/// letters in another script, Cyrillic text with many letters Russian does
/// not have (Kazakh, Ukrainian…), or Latin text with almost none of the
/// commonest English words (Uzbek, Turkish…).
pub fn unknown_language(text: &str) -> Option<String> {
    // The first 16 KiB (some 2,500 words) tell the language of a release
    // as well as all of it.
    let mut end = text.len().min(16 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let ScriptCounts {
        latin,
        cyrillic,
        other,
        non_russian,
    } = ScriptCounts::of(text);
    let total = latin + cyrillic + other;
    if total < 200 {
        return None;
    }
    if other * 2 > total {
        return Some(format!(
            "{} % of its letters are neither Latin nor Cyrillic",
            other * 100 / total
        ));
    }
    if cyrillic >= latin {
        // Russian text quotes Kazakh and Kyrgyz names now and then.
        return (non_russian * 25 > cyrillic).then(|| {
            format!(
                "it is in Cyrillic letters but not in Russian: {} % of them are letters Russian does not have (ә, қ, ү, і…)",
                non_russian * 100 / cyrillic
            )
        });
    }
    let (mut latin_words, mut english) = (0usize, 0usize);
    // Runs of ASCII letters (a word with other letters splits into pieces,
    // which only makes the English share look smaller).
    for w in text
        .as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        latin_words += 1;
        if w.len() <= 5 {
            let mut lower = [0u8; 5];
            lower[..w.len()].copy_from_slice(w);
            lower.make_ascii_lowercase();
            let lower = &lower[..w.len()];
            english += usize::from(is_common_english(lower));
        }
    }
    (latin_words >= 40 && english * 25 < latin_words).then(|| {
        format!(
            "it is in Latin letters but not in English: {english} of its {latin_words} words are common English words"
        )
    })
}

/// True for a line printed in capitals, as titles and headings are: at least
/// four letters, and at most one letter in ten in lower case (units such as
/// "kg" and mis-cased letters from the PDF are tolerated).
pub fn is_upper_line(text: &str) -> bool {
    let mut l = Letters::default();
    for c in text.chars() {
        l.add(c);
        // Running text shows its lower case early: stop there.
        if l.lower > 3 && l.lower * 10 > l.total() {
            return false;
        }
    }
    l.total() >= 4 && l.lower * 10 <= l.total()
}

/// Removes what the PDF-to-text conversion adds around words: inline HTML
/// tags (`<i>`, `</b>` ...), leading markdown heading marks, and paired
/// `*`/`**`/`__` emphasis. A lone asterisk (a footnote mark) stays.
pub fn strip_markup(text: &str) -> Cow<'_, str> {
    let t = text.trim();
    // A markdown heading mark is `#`s and a space; `#11` is a number.
    let hashes = t.trim_start_matches('#');
    let t = if hashes.len() < t.len() && hashes.starts_with(' ') {
        hashes.trim_start()
    } else {
        t
    };
    // Blocks of 32 bytes with no early exit inside one: vector
    // instructions, as every line of every document passes here.
    let marked = |x: &u8| matches!(x, b'<' | b'*' | b'_');
    if !t
        .as_bytes()
        .chunks(32)
        .any(|block| block.iter().fold(false, |any, x| any | marked(x)))
    {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match inline_tag_len(after) {
            Some(n) => rest = &after[n..],
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    let out = strip_emphasis(&out);
    Cow::Owned(out.trim().to_string())
}

/// Length of a simple inline tag such as `<i>`, `</b>`, `<br/>` at the start
/// of `s`, or `None` when `s` does not start with one.
fn inline_tag_len(s: &str) -> Option<usize> {
    let close = s.find('>')?;
    let name = s[1..close]
        .trim_start_matches('/')
        .trim_end_matches('/')
        .trim();
    let known = [
        "i", "b", "u", "em", "strong", "br", "sup", "sub", "span", "p",
    ];
    known
        .iter()
        .any(|k| name.eq_ignore_ascii_case(k))
        .then_some(close + 1)
}

/// Removes `*`, `**`, `__` runs that open before a non-space and close after
/// a non-space (markdown emphasis); unpaired marks stay.
fn strip_emphasis(text: &str) -> String {
    let mut s = text.to_string();
    for mark in ["**", "__", "*"] {
        let count = s.matches(mark).count();
        if count >= 2 {
            // Pair marks left to right; an odd last mark stays.
            let mut out = String::with_capacity(s.len());
            let mut pieces = s.split(mark).peekable();
            let mut index = 0;
            let pairs = count / 2 * 2;
            while let Some(p) = pieces.next() {
                out.push_str(p);
                if pieces.peek().is_some() {
                    if index >= pairs {
                        out.push_str(mark);
                    }
                    index += 1;
                }
            }
            s = out;
        }
    }
    // A single mark hugging the start or end of the text (`**TITLE` split
    // over lines) is markup too.
    let trimmed = s.trim().trim_matches('*').trim();
    trimmed.to_string()
}

/// Closing quotes and brackets that may follow a sentence's final mark.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '“', '*'];

/// True when `text` ends like a finished sentence or a lead-in: `.`, `!`,
/// `?`, `…`, `:` or `;`, possibly followed by closing quotes or brackets.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(CLOSERS);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// The last word of `text` (letters, digits, hyphens), if any.
pub fn last_word(text: &str) -> Option<&str> {
    text.trim_end()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .filter(|w| !w.is_empty())
}

/// The first letter or digit of `text`, skipping quotes and brackets.
pub fn first_alnum(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_alphanumeric())
}

/// Collapses runs of white space (including no-break spaces) to one space.
pub fn collapse_spaces(text: &str) -> String {
    // By bytes: a character other than ASCII is decoded only when its
    // first byte may start white space (U+0085, U+00A0: 0xC2; U+1680:
    // 0xE1; U+2000.., U+3000: 0xE2, 0xE3).
    let b = text.as_bytes();
    // Blocks of 32 bytes with no early exit inside one (vector
    // instructions) rule out most of a paragraph at once: only a block
    // with an ASCII space other than ' ' or such a first byte is read
    // byte by byte.
    let may_space = |x: &u8| matches!(x, 0x09..=0x0D | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let no_space_at = |i: usize| match b[i] {
        0x09..=0x0D => false,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text
            .get(i..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !c.is_whitespace()),
        _ => true,
    };
    let plain = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && b.chunks(32).enumerate().all(|(k, block)| {
            !block.iter().fold(false, |any, x| any | may_space(x))
                || (k * 32..k * 32 + block.len()).all(no_space_at)
        });
    if plain {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words of `text`: runs of letters and digits, with inner hyphens and
/// apostrophes kept (`Ust-Kamenogorsk`, `Kazakhstan's`), each with its byte
/// offset.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    runs(text, true)
}

/// Runs of letters and digits, each with its byte offset: [`words`]
/// without the joiners (`Ust-Kamenogorsk` is two runs).
pub fn alnum_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    runs(text, false)
}

/// [`words`] in a vector: the scanner's loop with the pushes inside it
/// (no call per word), the vector sized for words of some six bytes.
pub fn words_vec(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    while let Some((start, end)) = next_run(text, i, true) {
        out.push((start, &text[start..end]));
        i = end;
    }
    out
}

/// Runs of letters and digits; with `joined`, an inner hyphen or apostrophe
/// followed by a letter or digit does not end one.
fn runs(text: &str, joined: bool) -> impl Iterator<Item = (usize, &str)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_run(text, i, joined)?;
        i = end;
        Some((start, &text[start..end]))
    })
}

/// The byte range of the first run of [`runs`] at or after byte `i`.
///
/// Byte offsets, ASCII read from a table and the Russian letters
/// (U+0400..U+045F: 0xD0 and any second byte, 0xD1 and 0x80..=0x9F) from
/// their first bytes; other characters are decoded. The scanner every
/// matcher runs over every text: the ingest's hottest loop.
#[inline(always)]
fn next_run(text: &str, mut i: usize, joined: bool) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let russian = |i: usize| match bytes.get(i) {
        Some(0xD0) => true,
        Some(0xD1) => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        _ => false,
    };
    // The length of the letter or digit at `i`, 0 for anything else.
    let alnum_len = |i: usize| -> usize {
        match bytes.get(i) {
            None => 0,
            Some(&b) if b < 0x80 => usize::from(ASCII_ALNUM[usize::from(b)]),
            Some(_) if russian(i) => 2,
            Some(_) => char_at(text, i).map_or(0, |(c, n)| if is_alnum(c) { n } else { 0 }),
        }
    };
    // Skip to the next word start.
    let start = loop {
        while bytes
            .get(i)
            .is_some_and(|&b| b < 0x80 && !ASCII_ALNUM[usize::from(b)])
        {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        if alnum_len(i) > 0 {
            break i;
        }
        i += char_at(text, i).map_or(1, |(_, n)| n);
    };
    loop {
        while bytes
            .get(i)
            .is_some_and(|&b| b < 0x80 && ASCII_ALNUM[usize::from(b)])
        {
            i += 1;
        }
        if russian(i) {
            i += 2;
            continue;
        }
        let n = match bytes.get(i) {
            None => break,
            Some(b'-' | b'\'') => 1,
            // ’ (U+2019)
            Some(0xE2) if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => 3,
            Some(&b) if b < 0x80 => break,
            Some(_) => match alnum_len(i) {
                0 => break,
                n => {
                    i += n;
                    continue;
                }
            },
        };
        // An inner joiner only when a letter or digit follows.
        if joined && alnum_len(i + n) > 0 {
            i += n;
            continue;
        }
        break;
    }
    Some((start, i))
}

/// The ASCII letters and digits, by byte.
static ASCII_ALNUM: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The character starting at byte `i` of `text` and its length in bytes,
/// `None` at the end (`i` is always on a character boundary).
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    if b & 0xE0 == 0xC0 {
        if let Some(&b1) = bytes.get(i + 1) {
            let c = (u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F);
            return char::from_u32(c).map(|c| (c, 2));
        }
    }
    text[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// Calls `f` with `word` in lower case (and `ё` as `е`), without a heap
/// allocation for words of up to 64 bytes: the hot path of the name and
/// place matchers.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    // An ASCII word (most words of an English text) lowered byte by byte:
    // the same as the loop below, which decodes and encodes each character.
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // SAFETY: the bytes of an ASCII word, lowered as ASCII: ASCII,
        // which is UTF-8. (Validating them again was 2 % of the ingest's
        // instructions: this runs for most words of every text.)
        return f(unsafe { std::str::from_utf8_unchecked(lower) });
    }
    let mut len = 0;
    for c in word.chars() {
        // ASCII and basic Cyrillic without the Unicode case tables.
        let simple = match c as u32 {
            0x41..=0x5A | 0x410..=0x42F => Some(char::from_u32(c as u32 + 0x20)),
            0x400..=0x40F => Some(char::from_u32(c as u32 + 0x50)),
            0..=0x7F | 0x430..=0x45F => Some(Some(c)),
            _ => None,
        };
        if let Some(Some(l)) = simple {
            let l = if l == 'ё' { 'е' } else { l };
            let n = l.len_utf8();
            if len + n > buf.len() {
                let owned: String = word.to_lowercase().replace('ё', "е");
                return f(&owned);
            }
            l.encode_utf8(&mut buf[len..len + n]);
            len += n;
            continue;
        }
        for l in c.to_lowercase() {
            let l = if l == 'ё' { 'е' } else { l };
            let n = l.len_utf8();
            if len + n > buf.len() {
                let owned: String = word.to_lowercase().replace('ё', "е");
                return f(&owned);
            }
            l.encode_utf8(&mut buf[len..len + n]);
            len += n;
        }
    }
    // SAFETY: `buf[..len]` holds whole characters only, each written by
    // `char::encode_utf8`: UTF-8.
    f(unsafe { std::str::from_utf8_unchecked(&buf[..len]) })
}

/// `text.to_lowercase()`, with the Latin and Russian letters (U+0400 to
/// U+045F) lowered by arithmetic and the punctuation of Latin-1 and of
/// General Punctuation («», —, “”) copied, rather than looked up in
/// Unicode's case tables, which `str::to_lowercase` searches for every
/// character beyond ASCII: the ingest lowers many lines of Russian text to
/// compare them. Other characters are lowered one by one as
/// `str::to_lowercase` does, but for a capital sigma, whose lower case
/// depends on its neighbours: then the whole text is left to it.
pub fn to_lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c as u32 {
            0x41..=0x5A | 0x410..=0x42F => out.extend(char::from_u32(c as u32 + 0x20)),
            0x400..=0x40F => out.extend(char::from_u32(c as u32 + 0x50)),
            0..=0x7F | 0xA0..=0xBF | 0x430..=0x45F | 0x2000..=0x206F => out.push(c),
            0x3A3 => return text.to_lowercase(),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// True when `word` starts with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The first sentence of `text`: up to the first `.`, `!`, `?` or `…` that
/// is followed by white space and an upper-case letter (or ends the text),
/// and does not close an initial or a short abbreviation (`Sh.`, `им.`).
pub fn first_sentence(text: &str) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = &text[end..];
        let next = rest.trim_start_matches(CLOSERS).trim_start();
        if next.is_empty() {
            return text[..end].trim();
        }
        let spaced = rest
            .trim_start_matches(CLOSERS)
            .starts_with(char::is_whitespace);
        let starts_upper = next
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric());
        if !spaced || !starts_upper {
            continue;
        }
        if c == '.' {
            // The word before the period: an initial or short abbreviation
            // does not end a sentence.
            let before: String = chars[..k]
                .iter()
                .rev()
                .map(|&(_, c)| c)
                .take_while(|c| c.is_alphabetic())
                .collect();
            let n = before.chars().count();
            if (1..=2).contains(&n)
                && !chars[..k]
                    .iter()
                    .rev()
                    .nth(n)
                    .is_some_and(|&(_, c)| c.is_numeric())
            {
                continue;
            }
        }
        return text[..end].trim();
    }
    text.trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Text of the archive's scripts and every kind of white space.
    const MIXED: &str =
        "[a-zA-Zа-яА-ЯёЁѐ-џѠ-ѿ0-9 .,\\t\\n\\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}«»…—]{0,40}";

    /// [`words`] and [`alnum_runs`] as their documentation says, character
    /// by character: the oracle of the byte-level scanner.
    fn runs_by_chars(text: &str, joined: bool) -> Vec<(usize, &str)> {
        let cs: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < cs.len() {
            if !is_alnum(cs[k].1) {
                k += 1;
                continue;
            }
            let start = cs[k].0;
            while k < cs.len()
                && (is_alnum(cs[k].1)
                    || (joined
                        && matches!(cs[k].1, '-' | '\'' | '’')
                        && cs.get(k + 1).is_some_and(|c| is_alnum(c.1))))
            {
                k += 1;
            }
            let end = cs.get(k).map_or(text.len(), |c| c.0);
            out.push((start, &text[start..end]));
        }
        out
    }

    proptest! {
        /// The scanner cuts words where the characters say.
        #[test]
        fn words_are_cut_as_by_characters(s in prop_oneof![
            "[a-zA-Zа-яА-ЯёЁѐ-џѠ-ѿ0-9٣ '’\\-.«»]{0,40}",
            any::<String>(),
        ]) {
            prop_assert_eq!(words(&s).collect::<Vec<_>>(), runs_by_chars(&s, true));
            prop_assert_eq!(words_vec(&s), runs_by_chars(&s, true));
            prop_assert_eq!(alnum_runs(&s).collect::<Vec<_>>(), runs_by_chars(&s, false));
        }

        /// The byte-level count of letters is the character-level one.
        #[test]
        fn letters_are_counted_as_by_characters(s in prop_oneof![
            "[a-zA-Zа-яА-ЯёЁѐ-џѠ-ѿ0-9µªÀ-ɏ٣ '’\\-.«»]{0,40}",
            any::<String>(),
        ]) {
            prop_assert_eq!(Letters::of(&s), Letters::of_chars(&s));
        }

        /// Also in texts long enough for blocks of 32 bytes, ASCII ones and
        /// mixed ones, with characters across a block's end.
        #[test]
        fn letters_of_long_texts_are_counted_as_by_characters(
            s in "([a-zA-Z0-9 .,]{0,70}[а-яА-ЯёЁѐ-џµªÀ-ɏ٣’«»]{0,3}){0,6}"
        ) {
            prop_assert_eq!(Letters::of(&s), Letters::of_chars(&s));
        }

        /// And in long Russian texts, whose blocks of Russian letters are
        /// counted whole, with letters of other Cyrillic blocks and other
        /// characters between them.
        #[test]
        fn letters_of_long_russian_texts_are_counted_as_by_characters(
            s in "([а-яА-ЯёЁѐ-џa-zA-Z0-9 .,«»\u{a0}—–“”…]{0,70}[Ѡ-ѿҐґµªºÀ-ɏ٣’\u{2070}-\u{2090}№]{0,2}){0,6}"
        ) {
            prop_assert_eq!(Letters::of(&s), Letters::of_chars(&s));
        }

        /// White space collapsed is the words split at white space, joined
        /// by one space.
        #[test]
        fn collapse_spaces_joins_the_words(s in prop_oneof![MIXED, any::<String>()]) {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse_spaces(&s), want);
        }
    }

    #[test]
    fn languages_the_ingest_does_not_read() {
        let english =
            "The police of the region held a raid in the markets and seized drugs from a dealer. "
                .repeat(5);
        assert_eq!(unknown_language(&english), None);
        let russian = "Сотрудники полиции области провели рейд на рынках и изъяли наркотики у продавца, жителя Шымкента. ".repeat(5);
        assert_eq!(unknown_language(&russian), None);
        // A Kazakh name in Russian text is fine; Kazakh text is not Russian.
        assert_eq!(
            unknown_language(&format!("{russian} Проект «Әділет».")),
            None
        );
        let kazakh =
            "Облыс полициясы базарларда рейд өткізіп, есірткі сатушыдан есірткі тәркіледі. "
                .repeat(5);
        assert!(
            unknown_language(&kazakh)
                .unwrap()
                .contains("not in Russian"),
            "{:?}",
            unknown_language(&kazakh)
        );
        let uzbek = "Viloyat militsiyasi bozorlarda reyd o'tkazib, sotuvchidan giyohvand moddalarni musodara qildi. ".repeat(5);
        assert!(unknown_language(&uzbek).unwrap().contains("not in English"));
        let arabic =
            "ضبطت الشرطة كمية من المخدرات في السوق المركزي بالمدينة بعد عملية مراقبة طويلة. "
                .repeat(5);
        assert!(unknown_language(&arabic)
            .unwrap()
            .contains("neither Latin nor Cyrillic"));
        assert_eq!(unknown_language("Ceci est court."), None);
    }

    #[test]
    fn upper_lines() {
        assert!(is_upper_line(
            "CULTURE AGAINST DRUGS: ZHETYSU COMBATS DRUG THREAT"
        ));
        assert!(is_upper_line("**DRUG POLICE OFFICERS IN TVER REGION**"));
        assert!(is_upper_line(
            "OVER 2 kg OF HEROIN SEIZED IN THE SOUTHERN REGIONS"
        ));
        assert!(!is_upper_line(
            "MVD held a meeting on launching the measure"
        ));
        assert!(!is_upper_line("#11"));
        assert!(!is_upper_line("1-15.06.2025"));
    }

    #[test]
    fn markup_is_stripped_but_lone_marks_stay() {
        assert_eq!(
            strip_markup("<i>REPUBLIC OF KAZAKHSTAN</i>\t2"),
            "REPUBLIC OF KAZAKHSTAN\t2"
        );
        assert_eq!(strip_markup("**DRUG POLICE**"), "DRUG POLICE");
        assert_eq!(
            strip_markup("### **Усиление профилактики**"),
            "Усиление профилактики"
        );
        assert_eq!(
            strip_markup("(*Kazakhstan - 21, Russia - 8*)."),
            "(Kazakhstan - 21, Russia - 8)."
        );
        assert_eq!(
            strip_markup("seized 5 kg* of heroin"),
            "seized 5 kg* of heroin"
        );
        assert_eq!(
            strip_markup("**FIRST LINE OF A TITLE"),
            "FIRST LINE OF A TITLE"
        );
        assert_eq!(
            strip_markup("a < b and <unknown> tag"),
            "a < b and <unknown> tag"
        );
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("the value of life."));
        assert!(ends_sentence("the country”."));
        assert!(ends_sentence("said Aigul Eradilova:"));
        assert!(ends_sentence("«Clean City! Healthy City!»"));
        assert!(!ends_sentence("to remind them of the"));
        assert!(!ends_sentence("campaign “Time of the Independent”"));
        assert!(!ends_sentence("Participants were given"));
    }

    #[test]
    fn words_keep_inner_hyphens() {
        let w: Vec<_> = words("In Ust-Kamenogorsk, the All-Russian -- month; «Karasora-2025»")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            w,
            [
                "In",
                "Ust-Kamenogorsk",
                "the",
                "All-Russian",
                "month",
                "Karasora-2025"
            ]
        );
        assert_eq!(last_word("of the "), Some("the"));
        assert_eq!(last_word("вратарем — Кенесар"), Some("Кенесар"));
        assert_eq!(last_word("..."), None);
    }

    #[test]
    fn first_sentences_skip_initials() {
        assert_eq!(
            first_sentence("Academy named after Sh. Kabyldaev hosted cadets. Then more."),
            "Academy named after Sh. Kabyldaev hosted cadets."
        );
        assert_eq!(
            first_sentence("Изъято 15 тыс. граффити. Далее."),
            "Изъято 15 тыс. граффити."
        );
        assert_eq!(first_sentence("No end at all"), "No end at all");
        assert_eq!(
            first_sentence("Seized 2.5 kg in 2025. Next"),
            "Seized 2.5 kg in 2025."
        );
    }

    /// [`with_lower`] as its documentation says: the oracle of its fast
    /// paths.
    fn lower_by_chars(word: &str) -> String {
        word.to_lowercase().replace('ё', "е")
    }

    proptest! {
        #[test]
        fn with_lower_is_lower_case_with_e_for_yo(s in prop_oneof![
            "[a-zA-Z0-9'\\-]{0,80}",
            "[a-zA-Zа-яА-ЯёЁѐ-џµªÀ-ɏİ]{0,40}",
            any::<String>(),
        ]) {
            prop_assert_eq!(with_lower(&s, str::to_string), lower_by_chars(&s));
        }

        #[test]
        fn script_counts_by_bytes_are_by_characters(s in prop_oneof![
            "[a-zA-Zа-яА-ЯёЁѐ-ӿ҂-҉әқүі «»—.]{0,60}",
            any::<String>(),
        ]) {
            let mut by_chars = ScriptCounts::default();
            for c in s.chars() {
                by_chars.count_char(c);
            }
            prop_assert_eq!(ScriptCounts::of(&s), by_chars);
        }

        #[test]
        fn to_lower_is_to_lowercase(s in prop_oneof![
            "[a-zA-Z0-9 .,'\\-]{0,80}",
            "[a-zA-Zа-яА-ЯёЁѐ-џ «»—]{0,40}",
            "[a-zA-Zа-яА-ЯёЁѐ-џµªÀ-ɏİΣσ ]{0,40}",
            "[a-zA-Zа-яА-Я\u{a0}-\u{bf}\u{2000}-\u{206f}ΣσΑ-ω№ ]{0,40}",
            any::<String>(),
        ]) {
            prop_assert_eq!(to_lower(&s), s.to_lowercase());
        }
    }

    #[test]
    fn lower_case_without_allocation() {
        assert_eq!(with_lower("ЁЛКА Tree", str::to_string), "елка tree");
        let long = "Щ".repeat(40);
        assert_eq!(with_lower(&long, |l| l.chars().count()), 40);
    }

    #[test]
    fn languages() {
        assert_eq!(language("В Таразе прошел турнир", Lang::En), Lang::Ru);
        assert_eq!(language("Held in Taraz (Тараз)", Lang::Ru), Lang::En);
        assert_eq!(language("2025", Lang::Ru), Lang::Ru);
    }
}
