//! The reader's language in numbers and dates: month names, digit grouping
//! and the labels of calendar periods, in English and Russian
//! ([`Lang`]). The one place these are spelled: the chart, the table, the
//! CSV download, the weights on an event page and the app's dates all come
//! here.
//!
//! Russian needs two forms of a month's name. Standing alone, as the caption
//! of a month ("янв 2025", «Январь 2025»), it is in the nominative:
//! [`month_abbr`]. After a day number ("5 января", "1–15 мая 2025") the day
//! is "the fifth *of* January", so the month takes the genitive:
//! [`month_genitive`]. The two differ for every month ("май" / "мая"), so
//! one list cannot serve both. English has one form; it is abbreviated in
//! both places ("Jan 2025", "5 Jan"). Where a month is written out in full,
//! as in running prose ("from 1 to 15 January 2025"), [`month_name`] gives
//! the whole word.

use crate::aggregate::{Bucket, Period};
use crate::model::Lang;

/// English month abbreviations, January first: the caption and the date form.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// English month names in full, January first.
const MONTHS_EN_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Russian month names in full, in the nominative (lower case, as Russian
/// writes them inside a sentence).
const MONTHS_RU_FULL: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
/// Russian month abbreviations in the nominative, for a month standing alone.
const MONTHS_RU: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];
/// Russian month names in the genitive, as a date with a day needs them
/// ("1–15 мая 2025").
const MONTHS_RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// The short name of `month` (1-12, clamped) standing alone, as a month's
/// caption has it: "Jun" / "июн" (Russian in the nominative).
pub fn month_abbr(month: u8, lang: Lang) -> &'static str {
    let i = usize::from(month.clamp(1, 12) - 1);
    match lang {
        Lang::En => MONTHS_EN[i],
        Lang::Ru => MONTHS_RU[i],
    }
}

/// The name of `month` (1-12, clamped) after a day number: Russian in the
/// genitive ("мая"), English abbreviated ("May").
pub fn month_genitive(month: u8, lang: Lang) -> &'static str {
    let i = usize::from(month.clamp(1, 12) - 1);
    match lang {
        Lang::En => MONTHS_EN[i],
        Lang::Ru => MONTHS_RU_GENITIVE[i],
    }
}

/// The full name of `month` (1-12, clamped), unabbreviated: "June" /
/// "июнь" (Russian in the nominative, lower case). English uses it after a
/// day number too ("1 to 15 June"); Russian there needs the genitive,
/// [`month_genitive`].
pub fn month_name(month: u8, lang: Lang) -> &'static str {
    let i = usize::from(month.clamp(1, 12) - 1);
    match lang {
        Lang::En => MONTHS_EN_FULL[i],
        Lang::Ru => MONTHS_RU_FULL[i],
    }
}

/// Appends the fraction of `cents` hundredths (0-99) in `lang`'s way: a
/// decimal point (a comma in Russian) and one or two digits, trailing zeros
/// dropped; nothing for 0. Integer arithmetic: the web build carries no
/// float formatting.
pub fn push_hundredths(out: &mut String, cents: u64, lang: Lang) {
    let cents = cents % 100;
    if cents == 0 {
        return;
    }
    out.push(match lang {
        Lang::En => '.',
        Lang::Ru => ',',
    });
    out.push(char::from(b'0' + (cents / 10) as u8));
    if cents % 10 > 0 {
        out.push(char::from(b'0' + (cents % 10) as u8));
    }
}

/// `12345` as "12,345" (English) or "12 345" (Russian, no-break space).
pub fn group_digits(n: u32, lang: Lang) -> String {
    group_digits_u64(u64::from(n), lang)
}

/// [`group_digits`] for numbers past `u32::MAX` (the top of a chart's value
/// axis can be).
pub fn group_digits_u64(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Ru => '\u{a0}',
    };
    // The decimal digits, least significant first (a u64 has at most 20).
    let mut reversed = [0u8; 20];
    let (mut len, mut rest) = (0, n);
    for slot in reversed.iter_mut() {
        *slot = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(len + len / 3 * 2);
    for (i, digit) in reversed[..len].iter().rev().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(char::from(*digit));
    }
    out
}

/// A period's name for a reader, as tables, the CSV and the chart's
/// tooltips show it: "1–15 Jun 2025" / "1–15 июня 2025" (en dash, the month
/// in the genitive after days), "Jun 2025" / "июн 2025", "Q2 2025" /
/// "2 кв. 2025", "2025".
pub fn period_label(b: &Bucket, period: Period, lang: Lang) -> String {
    let year = b.start.year();
    match period {
        Period::Year => year.to_string(),
        _ => format!("{} {year}", period_label_short(b, period, lang)),
    }
}

/// [`period_label`] without its year, as the chart's time axis writes most
/// labels: "16–30 Jun", "16–30 июня", "Jun", "июн", "Q2", "2 кв."; a year
/// is its own label ("2025").
pub fn period_label_short(b: &Bucket, period: Period, lang: Lang) -> String {
    let month = b.start.month();
    let quarter = (month - 1) / 3 + 1;
    match period {
        Period::HalfMonth => format!(
            "{}–{} {}",
            b.start.day(),
            b.end.day(),
            month_genitive(month, lang)
        ),
        Period::Month => month_abbr(month, lang).to_string(),
        Period::Quarter => match lang {
            Lang::En => format!("Q{quarter}"),
            Lang::Ru => format!("{quarter} кв."),
        },
        Period::Year => b.start.year().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn digits_group_by_language() {
        assert_eq!(group_digits(0, Lang::En), "0");
        assert_eq!(group_digits(999, Lang::En), "999");
        assert_eq!(group_digits(1000, Lang::En), "1,000");
        assert_eq!(group_digits(1234567, Lang::Ru), "1\u{a0}234\u{a0}567");
        for n in [0, 7, 10, 999, 1000, 65_536, 4_294_967_295, u64::MAX] {
            let plain = group_digits_u64(n, Lang::En).replace(',', "");
            assert_eq!(plain, n.to_string());
        }
        assert_eq!(
            group_digits_u64(u64::MAX, Lang::En),
            "18,446,744,073,709,551,615"
        );
    }

    #[test]
    fn russian_months_alone_and_after_a_day() {
        assert_eq!(month_abbr(5, Lang::Ru), "май");
        assert_eq!(month_genitive(5, Lang::Ru), "мая");
        assert_eq!(month_abbr(5, Lang::En), month_genitive(5, Lang::En));
        assert_eq!(month_abbr(0, Lang::En), "Jan");
        assert_eq!(month_genitive(13, Lang::Ru), "декабря");
    }

    #[test]
    fn full_month_names() {
        assert_eq!(month_name(1, Lang::En), "January");
        assert_eq!(month_name(9, Lang::En), "September");
        assert_eq!(month_name(12, Lang::Ru), "декабрь");
        // Clamped like the other month functions.
        assert_eq!(month_name(0, Lang::En), "January");
        assert_eq!(month_name(13, Lang::Ru), "декабрь");
        for m in 1..=12 {
            for lang in Lang::ALL {
                // Each abbreviation is the start of its full name.
                assert!(
                    month_name(m, lang).starts_with(month_abbr(m, lang)),
                    "{m} {lang:?}"
                );
            }
        }
    }

    #[test]
    fn period_labels() {
        let d = |s| Date::parse_iso(s).unwrap();
        let half = Bucket {
            start: d("2025-06-16"),
            end: d("2025-06-30"),
        };
        assert_eq!(
            period_label(&half, Period::HalfMonth, Lang::En),
            "16–30 Jun 2025"
        );
        assert_eq!(
            period_label(&half, Period::HalfMonth, Lang::Ru),
            "16–30 июня 2025"
        );
        assert_eq!(
            period_label_short(&half, Period::HalfMonth, Lang::Ru),
            "16–30 июня"
        );
        let quarter = Bucket {
            start: d("2025-04-01"),
            end: d("2025-06-30"),
        };
        assert_eq!(period_label(&quarter, Period::Quarter, Lang::En), "Q2 2025");
        assert_eq!(
            period_label(&quarter, Period::Quarter, Lang::Ru),
            "2 кв. 2025"
        );
        assert_eq!(period_label(&quarter, Period::Month, Lang::Ru), "апр 2025");
        assert_eq!(period_label(&quarter, Period::Year, Lang::Ru), "2025");
        assert_eq!(period_label_short(&quarter, Period::Year, Lang::Ru), "2025");
    }
}
