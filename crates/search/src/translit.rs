//! The phonetic skeleton key that lets a Latin spelling find a Cyrillic one
//! and back: `Karasora`, `Qarasora`, `Карасора` and `Карасоры` all fold to
//! `karasor`.
//!
//! Both scripts are spelled into one small alphabet: Cyrillic letter by
//! letter, Latin through its digraphs, so that the usual romanisations of
//! Russian and Kazakh meet (`zh`/`j`/`dzh` = ж, `kh`/`h` = х, `sh`/`sch` = ш,
//! `ts`/`ch` = ц/ч, `q` = қ = к, `w` = в, `y`/`i`/`й`/`ы`/`і` = и, `x` = кс).
//! Latin `c` reads as `s` before `e`/`i`/`y` and as `k` elsewhere. Double
//! letters collapse, and a final vowel is dropped.
//!
//! A term has up to three keys (see [`keys`]), and two terms match when any
//! of their keys agree: the keys of whole words meet where nothing is
//! inflected (`Kazakhstan`/`Казахстан`), the keys without endings where one
//! is (`Карасорой` -> `карасор`).

use super::fold::{script, Script, MAX_TERM_CHARS};

/// Keys shorter than this are too ambiguous to match across scripts.
const MIN_KEY: usize = 3;

/// The keys of a folded term: of the word; of the word without its
/// inflection ([`bare`]); and for a Russian adjective made from a place
/// name (`Костанайской`, `Алматинской`), of the name (`костанай`, `алмат`),
/// so that it meets `Kostanay` and `Almaty`. Empty for numbers, other
/// scripts and very short words; no duplicates.
pub(crate) fn keys(term: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_key(term, &mut KeyScratch::default(), |k| {
        out.push(k.to_string())
    });
    out
}

/// Reusable buffers for [`for_each_key`].
#[derive(Default)]
pub(crate) struct KeyScratch {
    keys: [Vec<u8>; 3],
}

/// Calls `f` with each of [`keys`] of `term`, without allocating once
/// `scratch` has grown: the index computes keys for every distinct word.
pub(crate) fn for_each_key(term: &str, scratch: &mut KeyScratch, mut f: impl FnMut(&str)) {
    match script(term) {
        Script::Latin | Script::Cyrillic => {}
        Script::Number | Script::Other => return,
    }
    if term.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let bare = bare(term);
    let place = bare
        .strip_suffix("инск")
        .or_else(|| bare.strip_suffix("ск"))
        .filter(|p| p.chars().count() >= 4);
    let mut n = 0;
    for word in [Some(term), (bare != term).then_some(bare), place]
        .into_iter()
        .flatten()
    {
        let (done, rest) = scratch.keys.split_at_mut(n);
        let out = &mut rest[0];
        if skeleton_into(word, out) && !done.contains(out) {
            n += 1;
        }
    }
    for k in &scratch.keys[..n] {
        // Only ASCII bytes are written.
        if let Ok(k) = std::str::from_utf8(k) {
            f(k);
        }
    }
}

/// Russian inflectional endings, longest first.
pub(crate) const ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "иям", "иях", "ием", "ого", "его", "ому", "ему", "ыми", "ими", "ией",
    "ьей", "ьям", "ьях", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ии", "ую",
    "юю", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ых", "их", "ию", "ия", "ье", "ья", "ью",
    "ьи", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
];

/// A word without its inflection, for transliteration keys only: the
/// longest Russian ending that leaves at least three letters, or an English
/// plural or possessive `s`. Far cruder than a stemmer, and far cheaper, as
/// it runs on every distinct word of the archive; a key only has to bring
/// the spellings of one name together, and Snowball still does the stemming.
pub(crate) fn bare(term: &str) -> &str {
    let letters = term.chars().count();
    if term.bytes().all(|b| b.is_ascii_lowercase()) {
        return match term.strip_suffix('s') {
            Some(rest) if letters >= 5 && !rest.ends_with('s') => rest,
            _ => term,
        };
    }
    // Only the endings that end in the word's last byte can match.
    let last = term.as_bytes().last().copied();
    for e in ENDINGS
        .iter()
        .filter(|e| e.as_bytes().last().copied() == last)
    {
        if let Some(rest) = term.strip_suffix(e) {
            if letters - e.chars().count() >= 3 {
                return rest;
            }
        }
    }
    term
}

/// The key of an already stemmed, folded, Latin or Cyrillic word.
#[cfg(test)]
pub(crate) fn skeleton(word: &str) -> Option<String> {
    let mut out = Vec::new();
    skeleton_into(word, &mut out)
        .then(|| String::from_utf8(out).ok())
        .flatten()
}

/// Writes the key of `word` (see [`skeleton`]) into `out`, ASCII only;
/// false when it has none.
fn skeleton_into(word: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    // Keys are computed for every distinct word of an archive: no
    // allocation. Words are at most MAX_TERM_CHARS long,
    // a little more after folding; longer ones get no key.
    let mut chars = [' '; 2 * MAX_TERM_CHARS + 4];
    let mut n = 0;
    for c in word.chars() {
        // Three spaces stay after the last char for the look-ahead below.
        if n + 3 >= chars.len() {
            return false;
        }
        chars[n] = c;
        n += 1;
    }
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let (next, next2, next3) = (chars[i + 1], chars[i + 2], chars[i + 3]);
        let (sym, used): (&[u8], usize) = if c.is_ascii_lowercase() {
            latin(c, next, next2, next3)
        } else {
            match (c, next) {
                // As romanised: дж is dzh (= j), тс is ts (= ц).
                ('д', 'ж') => (b"J", 2),
                ('т', 'с') => (b"C", 2),
                _ => match cyrillic(c) {
                    Some(s) => (s, 1),
                    None => return false,
                },
            }
        };
        for &b in sym {
            if out.last() != Some(&b) {
                out.push(b);
            }
        }
        i += used;
    }
    // One final vowel is an inflection more often than not (Алматы/Almaty,
    // Карасора/Карасоры); more would make `dismay` into `dism`.
    if out.len() > MIN_KEY && matches!(out.last(), Some(b'a' | b'e' | b'i' | b'o' | b'u')) {
        out.pop();
    }
    out.len() >= MIN_KEY
}

/// The first symbol of the key of any word beginning with `word`'s first
/// letters, when that does not depend on what follows (a cheap filter
/// before stemming a word to compare keys).
pub(crate) fn lead(word: &str) -> Option<u8> {
    let mut it = word.chars();
    let c = it.next()?;
    if c.is_ascii_lowercase() {
        if matches!(c, 'c' | 's' | 'd' | 'z' | 'k' | 'g' | 'p' | 't') {
            return None; // digraphs: the next letters decide
        }
        latin(c, ' ', ' ', ' ').0.first().copied()
    } else if matches!(c, 'д' | 'т') {
        None
    } else {
        cyrillic(c)?.first().copied()
    }
}

/// Symbols: lowercase letters stand for themselves; `J` is ж, `S` is ш/щ,
/// `C` is ц/ч.
fn latin(c: char, n: char, n2: char, n3: char) -> (&'static [u8], usize) {
    match (c, n, n2, n3) {
        ('s', 'h', 'c', 'h') => (b"S", 4),
        ('s', 'c', 'h', _) => (b"S", 3),
        ('s', 'h', _, _) => (b"S", 2),
        ('d', 'z', 'h', _) => (b"J", 3),
        ('d', 'j', _, _) | ('z', 'h', _, _) => (b"J", 2),
        ('j', _, _, _) => (b"J", 1),
        ('k', 'h', _, _)
        | ('g', 'h', _, _)
        | ('p', 'h', _, _)
        | ('c', 'h', _, _)
        | ('t', 's', _, _)
        | ('t', 'z', _, _)
        | ('c', 'k', _, _) => match c {
            'k' => (b"h", 2),
            'g' => (b"g", 2),
            'p' => (b"f", 2),
            'c' if n == 'k' => (b"k", 2),
            _ => (b"C", 2),
        },
        ('c', 'e' | 'i' | 'y', _, _) => (b"s", 1),
        ('c', _, _, _) | ('q', _, _, _) => (b"k", 1),
        ('w', _, _, _) => (b"v", 1),
        ('x', _, _, _) => (b"ks", 1),
        ('y', _, _, _) => (b"i", 1),
        _ => (latin_self(c), 1),
    }
}

fn latin_self(c: char) -> &'static [u8] {
    const LETTERS: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
    let i = (c as u8 - b'a') as usize;
    &LETTERS[i..i + 1]
}

/// Folded (lowercase) Cyrillic letters of Russian, Kazakh, Kyrgyz, Tajik,
/// Uzbek, Ukrainian and Belarusian.
fn cyrillic(c: char) -> Option<&'static [u8]> {
    Some(match c {
        'а' | 'ә' => b"a",
        'б' => b"b",
        'в' | 'ў' => b"v",
        'г' | 'ғ' | 'ґ' => b"g",
        'д' => b"d",
        'е' | 'э' | 'є' => b"e",
        'ж' | 'ҷ' | 'џ' | 'ј' => b"J",
        'з' => b"z",
        'и' | 'й' | 'ы' | 'і' | 'ї' | 'ӣ' => b"i",
        'к' | 'қ' => b"k",
        'л' => b"l",
        'м' => b"m",
        'н' | 'ң' => b"n",
        'о' | 'ө' => b"o",
        'п' => b"p",
        'р' => b"r",
        'с' => b"s",
        'т' => b"t",
        'у' | 'ұ' | 'ү' | 'ӯ' => b"u",
        'ф' => b"f",
        'х' | 'һ' | 'ҳ' => b"h",
        'ц' | 'ч' | 'ћ' => b"C",
        'ш' | 'щ' => b"S",
        'ъ' | 'ь' => b"",
        'ю' => b"iu",
        'я' => b"ia",
        'ђ' => b"J",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two terms share a key.
    fn meet(a: &str, b: &str) -> bool {
        let kb = keys(b);
        keys(a).iter().any(|k| kb.contains(k))
    }

    #[test]
    fn place_names_meet_across_scripts() {
        for (latin, cyrillic) in [
            ("kostanay", "костанай"),
            ("almaty", "алматы"),
            ("taraz", "тараз"),
            ("zhetysu", "жетысу"),
            ("jetisu", "жетысу"),
            ("kyzylorda", "кызылорда"),
            ("karasora", "карасора"),
            ("qarasora", "карасора"),
            ("qarasora", "қарасора"),
            ("kazakhstan", "казахстан"),
            ("tajikistan", "таджикистан"),
            ("shymkent", "шымкент"),
            ("sovetskiy", "советский"),
            ("cocaine", "кокаин"),
        ] {
            assert!(
                meet(latin, cyrillic),
                "{latin} / {cyrillic}: {:?} {:?}",
                keys(latin),
                keys(cyrillic)
            );
        }
        // Inflected forms share the key of the stem.
        assert!(meet("карасорой", "karasora"));
        assert!(meet("таразе", "taraz"));
        assert!(meet("kostanai", "kostanay"));
        // Adjectives made from place names.
        for (latin, cyrillic) in [
            ("kostanay", "костанайской"),
            ("almaty", "алматинской"),
            ("kyzylorda", "кызылординская"),
            ("zhambyl", "жамбылской"),
            ("taraz", "таразский"),
            ("zhetysu", "жетысуской"),
        ] {
            assert!(
                meet(latin, cyrillic),
                "{latin} / {cyrillic}: {:?} {:?}",
                keys(latin),
                keys(cyrillic)
            );
        }
    }

    #[test]
    fn different_words_keep_different_keys() {
        for (a, b) in [
            ("taraz", "almaty"),
            ("karasora", "kostanay"),
            ("heroin", "кокаин"),
            ("dism", "dismay"),
            ("russia", "российской"),
        ] {
            assert!(!meet(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn lead_agrees_with_the_key() {
        for w in [
            "almaty",
            "алматы",
            "таджикистан",
            "тсар",
            "жетысу",
            "jetisu",
            "qarasora",
            "яблоко",
            "шымкент",
            "elka",
            "ъьб",
        ] {
            if let (Some(l), Some(k)) = (lead(w), keys(w).first()) {
                assert_eq!(l, k.as_bytes()[0], "{w}");
            }
        }
        assert_eq!(lead("qarasora"), Some(b'k'));
        assert_eq!(lead("shymkent"), None);
    }

    #[test]
    fn bare_words() {
        assert_eq!(bare("карасорой"), "карасор");
        assert_eq!(bare("костанайской"), "костанайск");
        assert_eq!(bare("лаборатория"), "лаборатор");
        assert_eq!(bare("где"), "где");
        assert_eq!(bare("kazakhstans"), "kazakhstan");
        assert_eq!(bare("access"), "access");
        assert_eq!(bare("bus"), "bus");
    }

    #[test]
    fn long_words_have_no_key_and_no_panic() {
        assert!(skeleton(&"аб".repeat(40)).is_some());
        assert_eq!(skeleton(&"аб".repeat(41)), None);
        assert_eq!(skeleton(&"b".repeat(500)), None);
    }

    #[test]
    fn no_key_for_numbers_short_words_and_other_scripts() {
        for w in ["2025", "в", "αβγδε", "covid19"] {
            assert!(keys(w).is_empty(), "{w}");
        }
    }
}
