//! Release files as bytes -> text: UTF-8 (a byte-order mark is dropped),
//! UTF-16 with a byte-order mark, and Windows-1251 Russian text that is not
//! valid UTF-8. Anything else is refused with the line and column of the
//! first byte that is not text.

use std::fmt;

/// Text decoded from a release file, and the encoding it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE` or `windows-1251`.
    pub encoding: &'static str,
}

impl Decoded {
    /// True when the file was not plain UTF-8 and the report should say so.
    pub fn is_notable(&self) -> bool {
        self.encoding != "UTF-8"
    }
}

/// Why a file's bytes are not a release text.
#[derive(Debug, Clone, PartialEq, Eq)]
// The variants are documented; where the problem is (1-based line and column) and what.
#[allow(missing_docs)]
pub enum TextError {
    /// No bytes, or only white space.
    Empty,
    /// A NUL byte: a binary file, not text.
    Binary { line: usize, column: usize },
    /// Not UTF-8, and not Windows-1251 Cyrillic text either.
    NotText {
        line: usize,
        column: usize,
        byte: u8,
    },
    /// A byte-order mark announced UTF-16 but the data is malformed.
    BadUtf16 { encoding: &'static str },
    /// UTF-8 that ends inside a character: the file was cut short.
    Truncated { line: usize, column: usize },
}

impl TextError {
    /// The 1-based line of the problem, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            TextError::Binary { line, .. }
            | TextError::NotText { line, .. }
            | TextError::Truncated { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Empty => write!(f, "the file is empty"),
            TextError::Binary { line, column } => {
                write!(f, "a NUL byte at line {line}, column {column}: this is a binary file, not release text")
            }
            TextError::NotText { line, column, byte } => write!(
                f,
                "byte 0x{byte:02X} at line {line}, column {column} is not UTF-8, and the file does not read as \
                 Windows-1251 Russian text either; save it as UTF-8"
            ),
            TextError::Truncated { line, column } => write!(
                f,
                "the file ends inside a character at line {line}, column {column}: it was cut short \
                 (truncated); copy it again whole"
            ),
            TextError::BadUtf16 { encoding } => {
                write!(f, "the file starts with a {encoding} byte-order mark but is not valid {encoding}")
            }
        }
    }
}

/// 1-based line and byte column of `offset` in `bytes`.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, column)
}

/// Decodes a release file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, TextError> {
    let (text, encoding) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let name = match enc.name() {
            "UTF-8" => "UTF-8 with BOM",
            "UTF-16LE" => "UTF-16LE",
            _ => "UTF-16BE",
        };
        match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(t) => (t.into_owned(), name),
            None if name == "UTF-8 with BOM" => return Err(not_utf8(bytes, bom_len)),
            None => return Err(TextError::BadUtf16 { encoding: name }),
        }
    } else {
        // simdutf8 validates the usual case, valid UTF-8, with vector
        // instructions; std's error says where a text is not.
        let utf8 = simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes));
        match utf8 {
            Ok(t) => (t.to_string(), "UTF-8"),
            // Valid UTF-8 up to a character the end cuts in two.
            Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => {
                let (line, column) = position(bytes, e.valid_up_to());
                return Err(TextError::Truncated { line, column });
            }
            Err(_) => match windows_1251(bytes) {
                Some(t) => (t, "windows-1251"),
                None => return Err(not_utf8(bytes, 0)),
            },
        }
    };
    if let Some(nul) = text.find('\0') {
        let (line, column) = position(text.as_bytes(), nul);
        return Err(TextError::Binary { line, column });
    }
    if text.trim().is_empty() {
        return Err(TextError::Empty);
    }
    // Other control characters (except tab, line feed, carriage return,
    // form feed) are debris from the text layer: make them spaces.
    let text = if has_debris(&text) {
        text.chars()
            .map(|c| if is_debris(c) { ' ' } else { c })
            .collect()
    } else {
        text
    };
    Ok(Decoded { text, encoding })
}

fn is_debris(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')
}

/// `text.chars().any(is_debris)` by bytes: the control characters are
/// U+0000..U+001F, U+007F (one byte each) and U+0080..U+009F (0xC2 and
/// 0x80..=0x9F). Blocks of 32 bytes with none of those first bytes are
/// passed over whole (vector instructions): every document is asked.
fn has_debris(text: &str) -> bool {
    let b = text.as_bytes();
    let may_be = |x: &u8| {
        *x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r' | 0x0C) || matches!(x, 0x7F | 0xC2)
    };
    let at = |i: usize| match b[i] {
        0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
        x => may_be(&x),
    };
    b.chunks(32).enumerate().any(|(k, block)| {
        block.iter().fold(false, |any, x| any | may_be(x)) && (k * 32..k * 32 + block.len()).any(at)
    })
}

fn not_utf8(bytes: &[u8], skip: usize) -> TextError {
    let bad = match std::str::from_utf8(&bytes[skip..]) {
        Ok(_) => skip,
        Err(e) => skip + e.valid_up_to(),
    };
    let (line, column) = position(bytes, bad);
    TextError::NotText {
        line,
        column,
        byte: bytes.get(bad).copied().unwrap_or(0),
    }
}

/// The bytes as Windows-1251, when they read as Russian text: the non-ASCII
/// characters are mostly Cyrillic letters, the words that have Cyrillic
/// letters rarely mix them with Latin ones (Latin-1 "café" would read as
/// "cafй"), and there is no stray control character. Random bytes fail
/// this.
fn windows_1251(bytes: &[u8]) -> Option<String> {
    use caricc_core::text::is_cyrillic;
    let text =
        encoding_rs::WINDOWS_1251.decode_without_bom_handling_and_without_replacement(bytes)?;
    let mut non_ascii = 0usize;
    let mut cyrillic = 0usize;
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            return None;
        }
        if !c.is_ascii() {
            non_ascii += 1;
            if is_cyrillic(c) && c.is_alphabetic() {
                cyrillic += 1;
            }
        }
    }
    let (mut cyrillic_words, mut mixed_words) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.chars().any(is_cyrillic) {
            cyrillic_words += 1;
            if word.chars().any(|c| c.is_ascii_alphabetic()) {
                mixed_words += 1;
            }
        }
    }
    let plausible =
        non_ascii > 0 && cyrillic * 10 >= non_ascii * 9 && mixed_words * 10 <= cyrillic_words;
    plausible.then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_cut_inside_a_character_is_truncated() {
        let text = "date 2025-03-04\nВ Оше задержали курьера";
        let cut = &text.as_bytes()[..text.len() - 1];
        assert_eq!(
            decode(cut).unwrap_err(),
            // Byte column: 41 bytes of "В Оше задержали курьер" before the cut letter.
            TextError::Truncated {
                line: 2,
                column: 42
            }
        );
        assert!(decode(cut).unwrap_err().to_string().contains("cut short"));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("date 2026-01-20 Текст".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.is_notable());
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Текст".as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Текст", "UTF-8 with BOM"));
    }

    #[test]
    fn windows_1251_russian_is_decoded_and_named() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("date 2026-01-20\nВ Алматы задержали закладчика.");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("Алматы"));
        assert!(d.is_notable());
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Пресс-релиз".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Пресс-релиз", "UTF-16LE"));
    }

    #[test]
    fn refusals_say_where() {
        assert_eq!(decode(b""), Err(TextError::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(TextError::Empty));
        assert_eq!(
            decode(b"ab\ncd\0e"),
            Err(TextError::Binary { line: 2, column: 3 })
        );
        // Latin-1 accented text is neither UTF-8 nor Cyrillic.
        let err = decode(b"line one\ncaf\xE9 cr\xE8me br\xFBl\xE9e").unwrap_err();
        assert_eq!(
            err,
            TextError::NotText {
                line: 2,
                column: 4,
                byte: 0xE9
            }
        );
        assert!(err.to_string().contains("line 2, column 4"), "{err}");
    }

    #[test]
    fn control_debris_becomes_space() {
        assert_eq!(decode(b"a\x07b\x0cc").unwrap().text, "a b\x0cc");
    }

    proptest::proptest! {
        /// The byte-level test for control characters is the
        /// character-level one.
        #[test]
        fn debris_is_found_as_by_characters(s in proptest::prop_oneof![
            "[a-zа-я \t\n\r\u{b}\u{c}\u{0}-\u{1f}\u{7f}-\u{a0}«»—…]{0,80}",
            proptest::prelude::any::<String>(),
        ]) {
            proptest::prop_assert_eq!(has_debris(&s), s.chars().any(is_debris));
        }
    }
}
