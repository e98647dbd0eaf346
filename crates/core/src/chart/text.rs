//! The chart's words and their widths: localised captions and messages
//! (numbers grouped by [`crate::locale`]), text widths estimated from per-character
//! advances, with cutting and wrapping to a width, and [`Label`], a line of
//! text placed in the document.
//!
//! Widths are estimated rather than measured because measuring needs a DOM
//! (plotters, on wasm32, appends a `<span>` to the live document for every
//! label); the estimates are generous so labels get enough room whatever
//! font the viewer picks from the list.

use crate::aggregate::{Aggregate, Measure, Period, SeriesOf};
use crate::locale::group_digits;
use crate::model::Lang;

/// Body text size (axis labels, legend, caption), in SVG user units.
pub(super) const FONT: f64 = 12.0;
/// The title's size.
pub(super) const TITLE_FONT: f64 = 15.0;
/// How much wider bold text runs than [`text_width`] says (DejaVu Sans Bold vs regular: 1.09-1.12).
pub(super) const BOLD_WIDTH: f64 = 1.12;

/// A line of text and where it goes: `x` is its anchor (start, middle or
/// end, as each kind of label is written), `y` its baseline.
#[derive(Clone, PartialEq, Debug)]
pub struct Label {
    /// Where the text is anchored, horizontally.
    pub x: f64,
    /// Its baseline.
    pub y: f64,
    /// The text, already cut to fit.
    pub text: String,
}

/// What the value axis counts, e.g. "Events per month", "Kilograms seized per month".
pub(super) fn caption(measure: Measure, period: Period, lang: Lang) -> &'static str {
    use Measure::{Events, Kg};
    match (measure, period, lang) {
        (Events, Period::HalfMonth, Lang::En) => "Events per half-month",
        (Events, Period::Month, Lang::En) => "Events per month",
        (Events, Period::Quarter, Lang::En) => "Events per quarter",
        (Events, Period::Year, Lang::En) => "Events per year",
        (Events, Period::HalfMonth, Lang::Ru) => "Событий за полмесяца",
        (Events, Period::Month, Lang::Ru) => "Событий за месяц",
        (Events, Period::Quarter, Lang::Ru) => "Событий за квартал",
        (Events, Period::Year, Lang::Ru) => "Событий за год",
        (Kg, Period::HalfMonth, Lang::En) => "Kilograms seized per half-month",
        (Kg, Period::Month, Lang::En) => "Kilograms seized per month",
        (Kg, Period::Quarter, Lang::En) => "Kilograms seized per quarter",
        (Kg, Period::Year, Lang::En) => "Kilograms seized per year",
        (Kg, Period::HalfMonth, Lang::Ru) => "Изъято, кг за полмесяца",
        (Kg, Period::Month, Lang::Ru) => "Изъято, кг за месяц",
        (Kg, Period::Quarter, Lang::Ru) => "Изъято, кг за квартал",
        (Kg, Period::Year, Lang::Ru) => "Изъято, кг за год",
    }
}

/// The caption with the total counted, e.g. "Events per month, total 1,234".
pub(super) fn caption_with_total(agg: &Aggregate, lang: Lang) -> String {
    let head = caption(agg.measure, agg.period, lang);
    if agg.is_empty() {
        return head.to_string();
    }
    let word = match lang {
        Lang::En => "total",
        Lang::Ru => "всего",
    };
    let total = group_digits(agg.total, lang);
    format!("{head}, {word} {total}")
}

/// The chart in one sentence, for screen readers (`<desc>`).
pub(super) fn describe(agg: &Aggregate, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let what = match (agg.measure, ru) {
        (Measure::Events, false) => "Events",
        (Measure::Events, true) => "Событий",
        (Measure::Kg, false) => "Kilograms seized",
        (Measure::Kg, true) => "Изъято, кг",
    };
    let series = match (agg.of, ru) {
        (SeriesOf::Country, false) => "countries",
        (SeriesOf::Country, true) => "стран",
        (SeriesOf::Substance, false) => "substances",
        (SeriesOf::Substance, true) => "веществ",
    };
    match (agg.buckets.first(), agg.buckets.last()) {
        (Some(first), Some(last)) => format!(
            "{what}: {}; {series}: {}; {} – {}",
            group_digits(agg.total, lang),
            agg.series.len(),
            first.label(agg.period, lang),
            last.label(agg.period, lang),
        ),
        _ => (if ru {
            "Нет событий"
        } else {
            "No events"
        })
        .to_string(),
    }
}

/// What an empty chart says in place of marks.
pub(super) fn no_events(measure: Measure, lang: Lang) -> &'static str {
    match (measure, lang) {
        (Measure::Events, Lang::En) => "No events in the current selection",
        (Measure::Events, Lang::Ru) => "Нет событий в текущей выборке",
        (Measure::Kg, Lang::En) => "No seized quantities in the current selection",
        (Measure::Kg, Lang::Ru) => "Нет изъятий в текущей выборке",
    }
}

/// The legend's closing entry for the `hidden` countries it has no room for.
pub(super) fn more_countries(hidden: usize, lang: Lang) -> String {
    // The number goes after the Russian words, before the English one.
    let (before, after) = match lang {
        Lang::En => ("+", " more"),
        Lang::Ru => ("и ещё ", ""),
    };
    format!("{before}{hidden}{after}")
}

/// Advance widths in thousandths of an em of U+0020..=U+007E, the larger of
/// DejaVu Sans and Liberation Sans (metric twin of Arial), the fallbacks a
/// browser most likely picks from the font list, so labels get enough room.
const ASCII_ADVANCE: [u16; 95] = [
    317, 400, 459, 837, 636, 950, 779, 274, 390, 390, 500, 837, 317, 360, 317, 336, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 336, 336, 837, 837, 837, 556, 1015, 684, 686, 722, 770, 666,
    610, 777, 751, 294, 500, 666, 557, 862, 748, 787, 666, 787, 722, 666, 610, 731, 684, 988, 685,
    666, 685, 390, 336, 390, 837, 556, 500, 612, 634, 549, 634, 615, 352, 634, 633, 277, 277, 579,
    277, 974, 633, 611, 634, 634, 411, 520, 392, 633, 591, 817, 591, 591, 524, 636, 336, 636, 837,
];
/// The same for the Russian alphabet, U+0410..=U+044F.
const CYRILLIC_ADVANCE: [u16; 64] = [
    684, 686, 686, 609, 781, 666, 1077, 641, 748, 748, 709, 751, 862, 751, 787, 751, 666, 722, 610,
    635, 860, 685, 776, 685, 1069, 1093, 832, 885, 686, 718, 1079, 722, 612, 616, 589, 525, 691,
    615, 900, 531, 649, 649, 604, 639, 754, 653, 611, 653, 634, 549, 582, 591, 854, 591, 680, 590,
    915, 941, 706, 789, 589, 548, 841, 601,
];

/// Estimated advance of `text` at font `size`, from the per-character advances of
/// Latin and Cyrillic letters; other scripts are guessed wide.
pub fn text_width(text: &str, size: f64) -> f64 {
    let thousandths: u32 = text.chars().map(advance).sum();
    f64::from(thousandths) / 1000.0 * size
}

/// [`text_width`] of the one character `c`.
fn char_width(c: char, size: f64) -> f64 {
    f64::from(advance(c)) / 1000.0 * size
}

/// The advance of `c` in thousandths of an em.
fn advance(c: char) -> u32 {
    match c as u32 {
        n @ 0x20..=0x7E => u32::from(ASCII_ADVANCE[(n - 0x20) as usize]),
        n @ 0x410..=0x44F => u32::from(CYRILLIC_ADVANCE[(n - 0x410) as usize]),
        0x401 => 667,  // Ё
        0x451 => 615,  // ё
        0xA0 => 317,   // no-break space
        0x2013 => 556, // en dash
        0x2026 => 1000,
        _ if c.is_control() => 0,
        n if n < 0x2E80 => 800,
        // CJK and other full-width scripts.
        _ => 1000,
    }
}

/// `text` cut with an ellipsis to fit `max_width` at `size`.
pub(super) fn fit_text(text: &str, size: f64, max_width: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let budget = max_width - text_width("…", size);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = char_width(c, size);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` broken into lines no wider than `max_width` at `size`: between
/// words where it can, inside a word too long for a line of its own.
pub(super) fn wrap_text(text: &str, size: f64, max_width: f64) -> Vec<String> {
    let space = text_width(" ", size);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = text_width(word, size);
        if !line.is_empty() && used + space + w <= max_width {
            line.push(' ');
            line.push_str(word);
            used += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        for c in word.chars() {
            let cw = char_width(c, size);
            if !line.is_empty() && used + cw > max_width {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut with an ellipsis to at most `max` characters.
pub(super) fn fit_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}
