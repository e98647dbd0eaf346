//! Archive text on screen: pieces a browser can lay out.
//!
//! Browsers stop breaking lines somewhere in a single paragraph of a few
//! million characters (Chromium lays the rest of a 5 MB paragraph out as one
//! line millions of pixels wide). The app shows a long paragraph as blocks of
//! at most [`BLOCK_BYTES`], cut at white space where there is some, so each is
//! laid out on its own; together they hold exactly the paragraph's text.

/// The most bytes of text the app puts into one block of a paragraph.
pub const BLOCK_BYTES: usize = 64 * 1024;

/// Cuts `text` into consecutive pieces of at most `max_bytes` bytes (at least
/// one character each), each ending after the last white space that fits when
/// there is one, else at a character boundary. Concatenated, the pieces are
/// `text`; an empty text gives no piece.
pub fn blocks(text: &str, max_bytes: usize) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / max_bytes.max(1) + 1);
    let mut rest = text;
    while !rest.is_empty() {
        if rest.len() <= max_bytes {
            out.push(rest);
            break;
        }
        let mut end = max_bytes;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        if end == 0 {
            // max_bytes is smaller than the first character: take it whole.
            end = rest.chars().next().map_or(rest.len(), char::len_utf8);
        } else if let Some((i, c)) = rest[..end]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
        {
            end = i + c.len_utf8();
        }
        let (piece, tail) = rest.split_at(end);
        out.push(piece);
        rest = tail;
    }
    out
}

/// A weight in kilograms as a reader writes it: digits grouped, at most
/// two decimals, a decimal comma in Russian ("1,208 kg", "2.5 kg";
/// "1 208 кг", "2,5 кг").
pub fn kilograms(kg: f64, lang: crate::model::Lang) -> String {
    // At most u32::MAX kilograms (four million tonnes: far past any
    // plausible seizure) and a non-negative, finite number of hundredths.
    let hundredths = (kg.max(0.0) * 100.0)
        .round()
        .min(f64::from(u32::MAX) * 100.0) as u64;
    let mut out = crate::locale::group_digits((hundredths / 100) as u32, lang);
    crate::locale::push_hundredths(&mut out, hundredths % 100, lang);
    out.push_str(match lang {
        crate::model::Lang::En => " kg",
        crate::model::Lang::Ru => "\u{a0}кг",
    });
    out
}

/// `text` cut into consecutive parts, each flagged when it lies within one
/// of `quotes` (the first place each occurs; overlapping ones join): the
/// sentences an event's facts were read from, marked in its text. The parts
/// together are exactly `text`; a quote that is not in it marks nothing.
pub fn marked<'t>(text: &'t str, quotes: &[String]) -> Vec<(&'t str, bool)> {
    let mut spans: Vec<(usize, usize)> = quotes
        .iter()
        .filter(|q| !q.is_empty())
        .filter_map(|q| text.find(q.as_str()).map(|at| (at, at + q.len())))
        .collect();
    spans.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        if end <= at {
            continue;
        }
        let start = start.max(at);
        if start > at {
            out.push((&text[at..start], false));
        }
        out.push((&text[start..end], true));
        at = end;
    }
    if at < text.len() || out.is_empty() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_parts_hold_the_text_and_flag_each_quote() {
        let text = "Police seized 5 kg. Then 2 kg more were found. End.";
        let q = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let flagged = |parts: &[(&str, bool)]| {
            parts
                .iter()
                .filter(|p| p.1)
                .map(|p| p.0.to_string())
                .collect::<Vec<_>>()
        };
        let join = |parts: &[(&str, bool)]| parts.iter().map(|p| p.0).collect::<String>();
        let parts = marked(
            text,
            &q(&["Then 2 kg more were found.", "Police seized 5 kg."]),
        );
        assert_eq!(join(&parts), text);
        assert_eq!(
            flagged(&parts),
            ["Police seized 5 kg.", "Then 2 kg more were found."]
        );
        // Overlapping quotes join; the same quote twice marks once.
        let parts = marked(text, &q(&["seized 5 kg. Then", "Then 2 kg", "Then 2 kg"]));
        assert_eq!(join(&parts), text);
        assert_eq!(flagged(&parts), ["seized 5 kg. Then", " 2 kg"]);
        // Absent or empty quotes mark nothing; Cyrillic cuts on characters.
        assert_eq!(marked(text, &q(&["absent", ""])), [(text, false)]);
        let ru = "Изъято 536 кг. Всё.";
        assert_eq!(
            marked(ru, &q(&["Изъято 536 кг."])),
            [("Изъято 536 кг.", true), (" Всё.", false)]
        );
        assert_eq!(marked("", &q(&["x"])), [("", false)]);
    }

    #[test]
    fn kilograms_read_as_written() {
        use crate::model::Lang::{En, Ru};
        assert_eq!(kilograms(570.0, En), "570 kg");
        assert_eq!(kilograms(1208.0, En), "1,208 kg");
        assert_eq!(kilograms(2.5, En), "2.5 kg");
        assert_eq!(kilograms(0.05, En), "0.05 kg");
        assert_eq!(kilograms(30000.0, Ru), "30\u{a0}000\u{a0}кг");
        assert_eq!(kilograms(2.5, Ru), "2,5\u{a0}кг");
        assert_eq!(kilograms(1.999, En), "2 kg");
    }
    use proptest::prelude::*;

    #[test]
    fn short_text_is_one_block() {
        assert_eq!(blocks("a b", 10), ["a b"]);
        assert!(blocks("", 10).is_empty());
    }

    #[test]
    fn cuts_after_white_space_else_at_a_character() {
        assert_eq!(blocks("aaa bbb ccc", 8), ["aaa bbb ", "ccc"]);
        assert_eq!(blocks("aaaaaaaaaa", 4), ["aaaa", "aaaa", "aa"]);
        // Never inside a character: Cyrillic letters are two bytes.
        assert_eq!(blocks("жжжжж", 3), ["ж", "ж", "ж", "ж", "ж"]);
        assert_eq!(blocks("🙂🙂", 1), ["🙂", "🙂"]);
    }

    #[test]
    fn five_megabytes_stay_within_the_limit() {
        let text = "heroin <b>seized</b> ".repeat(250_000);
        let pieces = blocks(&text, BLOCK_BYTES);
        assert!(pieces.len() > 70);
        assert!(pieces
            .iter()
            .all(|p| p.len() <= BLOCK_BYTES && p.ends_with(' ')));
        assert_eq!(pieces.concat(), text);
    }

    proptest! {
        #[test]
        fn pieces_make_up_the_text(text in "\\PC{0,200}", max in 1usize..40) {
            let pieces = blocks(&text, max);
            prop_assert_eq!(pieces.concat(), text.clone());
            for p in &pieces {
                prop_assert!(!p.is_empty());
                prop_assert!(p.len() <= max || p.chars().count() == 1);
            }
        }
    }
}
