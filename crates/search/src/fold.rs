//! Folding text into search terms: the one tokenizer shared by indexing,
//! queries and snippets, so that the three always agree on what a word is.
//!
//! A word is a run of letters and digits. Case is folded, `ё` becomes `е`,
//! diacritics are stripped from Latin letters (`é` -> `e`, `ı` -> `i`),
//! compatibility forms are decomposed (`ﬁ` -> `fi`, full-width letters),
//! apostrophes inside a word join it (`don't` -> `dont`, `kul'tura` ->
//! `kultura`), and invisible characters (soft hyphen, zero-width space,
//! combining marks) never split one. ASCII and the basic Cyrillic block take a
//! table-free fast path; everything else goes through the tables of `unicode`.

use super::unicode::{fold as fold_unicode, is_combining_mark};

/// Longer words are cut to this many characters, in the index and in queries
/// alike, so that a pathological token costs no more than a normal one.
pub(crate) const MAX_TERM_CHARS: usize = 40;

/// What one input character contributes to the current word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Pushed one or more folded characters.
    Word,
    /// Ends the word.
    Separator,
    /// Joins two word parts when it stands between them.
    Apostrophe,
    /// Neither ends the word nor adds to it.
    Ignorable,
}

/// Folds `c`, appending the folded characters of a word character to `out`.
#[inline(always)]
fn fold_char(c: char, out: &mut String) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            Class::Word
        } else if c == '\'' {
            Class::Apostrophe
        } else {
            Class::Separator
        }
    } else if ('\u{0400}'..='\u{045F}').contains(&c) {
        out.push(fold_basic_cyrillic(c));
        Class::Word
    } else {
        fold_other(c, out)
    }
}

/// The basic Cyrillic block U+0400..U+045F: all letters.
#[inline(always)]
fn fold_basic_cyrillic(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x0410..=0x042F => u + 0x20,
        0x0400..=0x040F => u + 0x50,
        _ => u,
    };
    match lower {
        // ё and ѐ are е for every reader of Russian; ѝ is и.
        0x0451 | 0x0450 => 'е',
        0x045D => 'и',
        _ => char::from_u32(lower).unwrap_or(c),
    }
}

#[cold]
fn fold_other(c: char, out: &mut String) -> Class {
    match c {
        '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '\u{2018}' => return Class::Apostrophe,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => return Class::Ignorable,
        // A combining breve after и spells й in decomposed text.
        '\u{0306}' if out.ends_with('и') => {
            out.pop();
            out.push('й');
            return Class::Ignorable;
        }
        _ => {}
    }
    if is_combining_mark(c) {
        return Class::Ignorable;
    }
    if !c.is_alphanumeric() {
        return Class::Separator;
    }
    if ('\u{0400}'..='\u{04FF}').contains(&c) {
        // Extended Cyrillic (Kazakh, Tajik, Uzbek, Ukrainian letters): keep
        // the letter, fold only the case; decomposing would turn ї into і.
        out.extend(c.to_lowercase());
        return Class::Word;
    }
    let before = out.len();
    fold_unicode(c, out);
    if out.len() == before {
        Class::Separator
    } else {
        Class::Word
    }
}

/// Calls `f(term, start, end)` for every word of `text`, in order: `term` is
/// the folded word (at most [`MAX_TERM_CHARS`] characters) and
/// `text[start..end]` the original word. `buf` is scratch space.
///
/// One copy of the tokenizer shared by queries and snippets; indexing, where
/// speed matters, has its own inlined one ([`for_each_word_inlined`]).
#[inline(never)]
pub(crate) fn for_each_word(text: &str, buf: &mut String, f: &mut dyn FnMut(&str, usize, usize)) {
    for_each_word_inlined(text, buf, f)
}

/// [`for_each_word`], generic over `f` so that the index builder's closure
/// is inlined into it. Each caller gets its own copy of the whole tokenizer:
/// the app's wasm has one, for indexing.
///
/// This loop is most of the cost of indexing. Most words are already folded
/// (lowercase ASCII, or lowercase Cyrillic without `ё`) and end at ASCII
/// punctuation or space: those are recognised byte by byte and passed on
/// without copying. Any other word is folded character by character.
#[inline]
pub(crate) fn for_each_word_inlined(
    text: &str,
    buf: &mut String,
    mut f: impl FnMut(&str, usize, usize),
) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 && ASCII_SEP[b as usize] {
            i += 1;
            continue;
        }
        let Some((end, fold)) = plain_word(bytes, i) else {
            i = slow_word(text, i, buf, &mut f);
            continue;
        };
        // A plain word is ASCII and whole two-byte characters, so the slice
        // is on char boundaries; `get` cannot fail.
        let word = if fold {
            fold_plain(&bytes[i..end], buf);
            Some(buf.as_str())
        } else {
            text.get(i..end)
        };
        // One call of `f` here, so that it can be inlined.
        if let Some(word) = word {
            f(word, i, end);
        }
        i = end;
    }
}

/// Which ASCII bytes separate words (all but letters, digits and `'`).
static ASCII_SEP: [bool; 128] = {
    let mut t = [true; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = !(c.is_ascii_alphanumeric() || c == b'\'');
        b += 1;
    }
    t
};

/// The word starting at `i` if it is plain: ASCII letters and digits and
/// basic Cyrillic letters (U+0400..U+045F, two bytes each), followed by the
/// end of the text or an ASCII separator, at most [`MAX_TERM_CHARS`] long.
/// Returns its end and whether it needs folding (not already lowercase а-я/a-z).
#[inline(always)]
fn plain_word(bytes: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i;
    let mut fold = false;
    let mut two_byte = 0;
    // Eight bytes at a time over a run of lowercase ASCII letters.
    while let Some(chunk) = bytes.get(j..j + 8) {
        let v = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let others = !lowercase_ascii(v) & HIGH_BITS;
        if others == 0 {
            j += 8;
        } else {
            j += (others.trailing_zeros() / 8) as usize;
            break;
        }
    }
    while j < bytes.len() {
        let b = bytes[j];
        // Lowercase letters and digits first: they are most of any text.
        if b.wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10 {
            j += 1;
        } else if b.wrapping_sub(b'A') < 26 {
            fold = true;
            j += 1;
        } else if b < 0x80 {
            if b == b'\'' {
                return None;
            }
            break;
        } else {
            let next = *bytes.get(j + 1)?;
            match (b, next) {
                // а-п is D0 B0..BF, р-я is D1 80..8F: already folded.
                (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x8F) => {}
                // The rest of U+0400..U+045F: capitals, ё, ѐ, ѝ, і, ї, ў...
                (0xD0, 0x80..=0xAF) | (0xD1, 0x90..=0x9F) => fold = true,
                _ => return None,
            }
            j += 2;
            two_byte += 1;
        }
    }
    // Characters: bytes, less one per two-byte character.
    (j > i && j - i - two_byte <= MAX_TERM_CHARS).then_some((j, fold))
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `v` that is a lowercase ASCII letter.
#[inline(always)]
fn lowercase_ascii(v: u64) -> u64 {
    // On 7-bit values these sums cannot carry into the next byte.
    let low7 = v & !HIGH_BITS;
    let from_a = low7 + (0x80 - b'a' as u64) * ONES;
    let past_z = low7 + (0x80 - b'z' as u64 - 1) * ONES;
    from_a & !past_z & !v & HIGH_BITS
}

/// Folds a plain word (see [`plain_word`]) into `buf`.
#[inline]
fn fold_plain(word: &[u8], buf: &mut String) {
    buf.clear();
    let mut j = 0;
    while j < word.len() {
        let b = word[j];
        if b < 0x80 {
            buf.push(b.to_ascii_lowercase() as char);
            j += 1;
        } else {
            let u =
                ((b as u32 & 0x1f) << 6) | (word.get(j + 1).copied().unwrap_or(0) as u32 & 0x3f);
            buf.push(char::from_u32(u).map_or(' ', fold_basic_cyrillic));
            j += 2;
        }
    }
}

/// Folds the word starting at `i` character by character, calls `f` with
/// it, and returns where to go on: after the character that ended it.
#[cold]
fn slow_word(
    text: &str,
    i: usize,
    buf: &mut String,
    f: &mut dyn FnMut(&str, usize, usize),
) -> usize {
    buf.clear();
    let mut start = usize::MAX; // byte offset of the word, MAX until it starts
    let mut end = 0;
    let mut chars = 0;
    let mut apostrophe = false;
    let mut sink = String::new();
    let Some(rest) = text.get(i..) else {
        return text.len();
    };
    for (k, c) in rest.char_indices() {
        let at = i + k;
        let class = if chars < MAX_TERM_CHARS {
            fold_char(c, buf)
        } else {
            // The word is full: classify without keeping what is folded.
            sink.clear();
            fold_char(c, &mut sink)
        };
        match class {
            Class::Word => {
                if start == usize::MAX {
                    start = at;
                }
                apostrophe = false;
                chars += 1;
                end = at + c.len_utf8();
            }
            Class::Ignorable => {}
            Class::Apostrophe if start != usize::MAX && !apostrophe => apostrophe = true,
            Class::Apostrophe | Class::Separator => {
                if start != usize::MAX {
                    f(buf, start, end);
                }
                return at + c.len_utf8();
            }
        }
    }
    if start != usize::MAX {
        f(buf, start, end);
    }
    text.len()
}

/// The folded words of `text`.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_word(text, &mut buf, &mut |w, _, _| out.push(w.to_string()));
    out
}

/// The writing system of a folded term, which picks its stemmer and
/// transliteration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    /// ASCII letters only (digits allowed).
    Latin,
    /// Cyrillic letters only (digits allowed).
    Cyrillic,
    /// Digits only.
    Number,
    /// Anything else, or a mix of scripts.
    Other,
}

pub(crate) fn script(term: &str) -> Script {
    let (mut latin, mut cyrillic, mut other) = (false, false, false);
    for c in term.chars() {
        if c.is_ascii_lowercase() {
            latin = true;
        } else if c.is_ascii_digit() {
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic = true;
        } else {
            other = true;
        }
    }
    match (latin, cyrillic, other) {
        (false, false, false) => Script::Number,
        (true, false, false) => Script::Latin,
        (false, true, false) => Script::Cyrillic,
        _ => Script::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for_each_word(text, &mut buf, &mut |w, s, e| {
            out.push((w.to_string(), &text[s..e]))
        });
        out
    }

    #[test]
    fn folds_case_yo_and_diacritics() {
        assert_eq!(words("ЁЛКА Ёлка ёлка"), ["елка", "елка", "елка"]);
        assert_eq!(
            words("Café NAÏVE Straße İstanbul Łódź"),
            ["cafe", "naive", "strasse", "istanbul", "lodz"]
        );
        assert_eq!(words("ﬁne Ｆｕｌｌ"), ["fine", "full"]);
        assert_eq!(words("Қарасора ӘЛЕМ"), ["қарасора", "әлем"]);
        // й survives, in composed and decomposed form alike.
        assert_eq!(words("Костанай Костанаи\u{306}"), ["костанай", "костанай"]);
    }

    #[test]
    fn splits_on_punctuation_but_not_inside_words() {
        assert_eq!(
            words("«Карасора-2025», (drugs)!"),
            ["карасора", "2025", "drugs"]
        );
        assert_eq!(
            words("don't kul’tura 'quoted' it''s"),
            ["dont", "kultura", "quoted", "it", "s"]
        );
        assert_eq!(
            words("nar\u{AD}cotics zero\u{200B}width"),
            ["narcotics", "zerowidth"]
        );
        assert_eq!(words("🙂 emoji🙂test ——"), ["emoji", "test"]);
        assert!(words("").is_empty() && words("  ,.;!  ").is_empty());
    }

    #[test]
    fn spans_cover_the_original_word() {
        assert_eq!(
            spans("Ёж, don't!"),
            [("еж".to_string(), "Ёж"), ("dont".to_string(), "don't")]
        );
        assert_eq!(spans("it' s")[0].1, "it");
    }

    #[test]
    fn long_words_are_cut() {
        let long = "я".repeat(1000);
        let w = words(&format!("{long} b"));
        assert_eq!(w[0].chars().count(), MAX_TERM_CHARS);
        assert_eq!(w[1], "b");
    }

    #[test]
    fn words_of_every_length_and_mix() {
        // Runs of lowercase letters around the eight-byte steps.
        for n in 1..20 {
            let w = "abcdefghijklmnopqrstuvwxyz"[..n].to_string();
            for text in [
                w.clone(),
                format!("{w} x"),
                format!("{w}Q"),
                format!("{w}1 {w}"),
                format!("{w}ё"),
                format!("{w}'s"),
            ] {
                let mut want: Vec<String> = Vec::new();
                for part in text.split(' ') {
                    let folded: String = part
                        .chars()
                        .filter(|c| *c != '\'')
                        .flat_map(char::to_lowercase)
                        .map(|c| if c == 'ё' { 'е' } else { c })
                        .collect();
                    want.push(folded);
                }
                assert_eq!(words(&text), want, "{text:?}");
            }
        }
        assert_eq!(
            lowercase_ascii(u64::from_le_bytes(*b"az`{AZ\x80\xff")),
            0x0000_0000_0000_8080
        );
    }

    #[test]
    fn scripts() {
        assert_eq!(script("karasora"), Script::Latin);
        assert_eq!(script("карасора2025"), Script::Cyrillic);
        assert_eq!(script("2025"), Script::Number);
        assert_eq!(script("kарасора"), Script::Other);
    }
}
