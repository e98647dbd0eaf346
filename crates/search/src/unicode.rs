//! The Unicode facts `fold` needs beyond what `core` knows, in small tables.
//!
//! Folding a character outside ASCII and basic Cyrillic means: compatibility
//! decomposition (NFKD), dropping combining marks, lower-casing. The
//! `unicode-normalization` crate answers that from hash tables of every
//! decomposition (about 110 KB in the wasm, half of what gzip cannot shrink),
//! though a search word only needs the end result. So the folded form of every
//! character is computed once, at development time, from that crate, and kept
//! here as runs: a character without a run folds to its lowercase; a run maps
//! a range of characters to one string (`é`, `è`, `ê` -> `e`) or to
//! consecutive characters (`Ａ`..`Ｚ` -> `a`..`z`). Hangul syllables decompose
//! by formula. The runs are stored as columns (gaps between their starts,
//! lengths, rules), which gzip shrinks to half of a table of pairs, and
//! their starts are added up once, on first use. About a tenth of the size,
//! same answers.
//!
//! The tables live in `unicode_tables.rs`, written by
//! `CARICC_WRITE_TABLES=1 cargo test -p caricc-search unicode_tables`. Tests
//! check that they are current and that [`fold`] and [`is_combining_mark`]
//! agree with `unicode-normalization` (a dev-dependency) on every character.

use std::sync::OnceLock;

use super::unicode_tables::{COMBINING_MARKS, FOLD_GAPS, FOLD_LENGTHS, FOLD_POOL, FOLD_RULES};

/// True for the characters of general category Mn, Mc and Me.
pub(super) fn is_combining_mark(c: char) -> bool {
    let c = c as u32;
    // Ranges are sorted and disjoint: the last one starting at or before `c`.
    let i = COMBINING_MARKS.partition_point(|&(start, _)| start <= c);
    i > 0 && c <= COMBINING_MARKS[i - 1].1
}

/// The first character of each folding run.
fn fold_starts() -> &'static [u32] {
    static STARTS: OnceLock<Vec<u32>> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut at = 0u32;
        FOLD_GAPS
            .iter()
            .map(|&gap| {
                at += gap as u32;
                at
            })
            .collect()
    })
}

/// Appends the folded form of `c`, an alphanumeric character that is not a
/// combining mark: its compatibility decomposition without combining marks
/// and lower-cased, with the letters `fold` spells out (`ß` -> `ss`, `ø` -> `o`...).
/// Appends nothing when nothing of it is a letter or digit.
pub(super) fn fold(c: char, out: &mut String) {
    let u = c as u32;
    if (HANGUL_FIRST..HANGUL_FIRST + HANGUL_COUNT).contains(&u) {
        return hangul(u - HANGUL_FIRST, out);
    }
    let starts = fold_starts();
    let i = starts.partition_point(|&start| start <= u);
    if i > 0 {
        let start = starts[i - 1];
        let (len, rule) = (FOLD_LENGTHS.get(i - 1), FOLD_RULES.get(i - 1));
        if let (Some(&len), Some(&rule)) = (len, rule) {
            if u < start + len as u32 {
                if rule & CONSECUTIVE != 0 {
                    out.extend(char::from_u32((rule & !CONSECUTIVE) + (u - start)));
                } else {
                    let (at, len) = ((rule >> 8) as usize, (rule & 0xFF) as usize);
                    out.push_str(FOLD_POOL.get(at..at + len).unwrap_or_default());
                }
                return;
            }
        }
    }
    out.extend(c.to_lowercase());
}

/// Set in a run's rule when it maps to consecutive characters from the
/// character in the other bits; else those bits are `pool offset << 8 | byte length`.
const CONSECUTIVE: u32 = 1 << 31;

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_COUNT: u32 = 11172;

/// A Hangul syllable's jamo (Unicode's algorithmic decomposition), each of
/// which folds to itself.
fn hangul(s: u32, out: &mut String) {
    const T_COUNT: u32 = 28;
    const N_COUNT: u32 = 21 * T_COUNT;
    let jamo = [
        0x1100 + s / N_COUNT,
        0x1161 + (s % N_COUNT) / T_COUNT,
        0x11A7 + s % T_COUNT,
    ];
    for (k, j) in jamo.into_iter().enumerate() {
        if k == 2 && j == 0x11A7 {
            break; // no final consonant
        }
        out.extend(char::from_u32(j));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;
    use unicode_normalization::char as un;

    /// The folding `fold` stands for, from `unicode-normalization`.
    fn reference(c: char) -> String {
        let mut out = String::new();
        un::decompose_compatible(c, |d| {
            if un::is_combining_mark(d) {
                return;
            }
            for l in d.to_lowercase() {
                match l {
                    'ß' => out.push_str("ss"),
                    'æ' => out.push_str("ae"),
                    'œ' => out.push_str("oe"),
                    'þ' => out.push_str("th"),
                    'ø' => out.push('o'),
                    'ł' => out.push('l'),
                    'đ' | 'ð' => out.push('d'),
                    'ı' => out.push('i'),
                    'ё' => out.push('е'),
                    l if l.is_alphanumeric() => out.push(l),
                    _ => {}
                }
            }
        });
        out
    }

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=char::MAX as u32).filter_map(char::from_u32)
    }

    /// Characters [`fold`] is asked about.
    fn folded_here(c: char) -> bool {
        c.is_alphanumeric() && !un::is_combining_mark(c)
    }

    enum Rule {
        /// Every character of the run folds to this string.
        Same(String),
        /// The run's characters fold to consecutive characters from this one.
        Consecutive(char),
    }

    /// Longest run a length (u8) can hold.
    const MAX_RUN: u32 = u8::MAX as u32;

    /// The source of `unicode_tables.rs`.
    fn generate() -> String {
        // Combining marks as inclusive ranges.
        let mut marks: Vec<(u32, u32)> = Vec::new();
        for c in all_chars().filter(|&c| un::is_combining_mark(c)) {
            let u = c as u32;
            match marks.last_mut() {
                Some((_, end)) if *end + 1 == u => *end = u,
                _ => marks.push((u, u)),
            }
        }
        // Characters whose folding is not their lowercase, as runs.
        let hangul = HANGUL_FIRST..HANGUL_FIRST + HANGUL_COUNT;
        let mut pool = String::new();
        let mut runs: Vec<(u32, u32, Rule)> = Vec::new();
        for c in all_chars().filter(|&c| folded_here(c) && !hangul.contains(&(c as u32))) {
            let want = reference(c);
            if want.chars().eq(c.to_lowercase()) {
                continue;
            }
            let u = c as u32;
            let mut chars = want.chars();
            let single = match (chars.next(), chars.next()) {
                (Some(f), None) => Some(f),
                _ => None,
            };
            if let Some((start, len, rule)) = runs.last_mut() {
                if *start + *len == u && *len < MAX_RUN {
                    match rule {
                        Rule::Same(s) if *s == want => {
                            *len += 1;
                            continue;
                        }
                        Rule::Consecutive(f) if single == char::from_u32(*f as u32 + *len) => {
                            *len += 1;
                            continue;
                        }
                        // `x` then `x`: a run of one character turns constant.
                        Rule::Consecutive(f) if *len == 1 && single == Some(*f) => {
                            *rule = Rule::Same(want);
                            *len += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
            }
            runs.push((u, 1, single.map_or(Rule::Same(want), Rule::Consecutive)));
        }
        let mut strings: Vec<(String, u32)> = Vec::new();
        let (mut gaps, mut lengths, mut rules) = (Vec::new(), Vec::new(), Vec::new());
        let mut previous = 0;
        for (start, len, rule) in &runs {
            let gap = start - previous;
            assert!(
                gap <= u16::MAX as u32,
                "a gap of {gap} between folding runs does not fit a u16"
            );
            previous = *start;
            gaps.push(gap);
            lengths.push(*len);
            rules.push(match rule {
                Rule::Consecutive(f) => CONSECUTIVE | *f as u32,
                Rule::Same(s) => {
                    let at = match strings.iter().find(|(t, _)| t == s) {
                        Some((_, at)) => *at,
                        None => {
                            let at = pool.len() as u32;
                            pool.push_str(s);
                            strings.push((s.clone(), at));
                            at
                        }
                    };
                    assert!(s.len() < 256 && at < (1 << 23));
                    (at << 8) | s.len() as u32
                }
            });
        }
        let mut mark_rows = String::new();
        for (a, b) in &marks {
            writeln!(mark_rows, "    ({a:#x}, {b:#x}),").unwrap();
        }
        format!(
            "// Generated by `CARICC_WRITE_TABLES=1 cargo test -p caricc-search unicode_tables` from the\n\
             // unicode-normalization crate in Cargo.lock. Do not edit; see unicode.rs.\n\
             #![cfg_attr(rustfmt, rustfmt_skip)]\n\n\
             /// Combining marks (Mn, Mc, Me) as inclusive ranges.\n\
             pub(super) static COMBINING_MARKS: &[(u32, u32)] = &[\n{mark_rows}];\n\n\
             /// Folding runs, in order of their first character: the distance of each\n\
             /// from the one before (the first from 0), its length, its rule.\n\
             pub(super) static FOLD_GAPS: &[u16] = &[\n{}];\n\n\
             pub(super) static FOLD_LENGTHS: &[u8] = &[\n{}];\n\n\
             pub(super) static FOLD_RULES: &[u32] = &[\n{}];\n\n\
             /// The strings of the constant runs.\n\
             pub(super) static FOLD_POOL: &str = {:?};\n",
            columns(&gaps, |g| format!("{g}")),
            columns(&lengths, |l| format!("{l}")),
            columns(&rules, |r| format!("{r:#x}")),
            pool
        )
    }

    /// `values` written 16 to a line.
    fn columns(values: &[u32], show: impl Fn(u32) -> String) -> String {
        let mut out = String::new();
        for line in values.chunks(16) {
            let items: Vec<String> = line.iter().map(|&v| show(v)).collect();
            writeln!(out, "    {},", items.join(", ")).unwrap();
        }
        out
    }

    #[test]
    fn unicode_tables_are_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/unicode_tables.rs");
        let want = generate();
        if std::env::var_os("CARICC_WRITE_TABLES").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "src/unicode_tables.rs is out of date: CARICC_WRITE_TABLES=1 cargo test -p caricc-search unicode_tables"
        );
    }

    #[test]
    fn agrees_with_unicode_normalization_on_every_character() {
        let mut out = String::new();
        for c in all_chars() {
            assert_eq!(
                is_combining_mark(c),
                un::is_combining_mark(c),
                "is_combining_mark({c:?})"
            );
            if folded_here(c) {
                out.clear();
                fold(c, &mut out);
                assert_eq!(out, reference(c), "fold({c:?} U+{:04X})", c as u32);
            }
        }
    }

    #[test]
    fn examples() {
        let f = |c: char| {
            let mut s = String::new();
            fold(c, &mut s);
            s
        };
        assert_eq!(f('É'), "e");
        assert_eq!(f('ﬁ'), "fi");
        assert_eq!(f('Ｚ'), "z");
        assert_eq!(f('𝐀'), "a");
        assert_eq!(f('ß'), "ss");
        assert_eq!(f('Ω'), "ω");
        assert_eq!(f('한'), "\u{1112}\u{1161}\u{11AB}");
        assert_eq!(f('가'), "\u{1100}\u{1161}");
    }
}
