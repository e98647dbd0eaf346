//! The chart and table downloads: what their files are called and what the
//! CSV file holds; "Download events" (`events`).

pub mod cite;
pub mod events;

use crate::aggregate::{to_csv, Aggregate, Measure, SeriesOf};
use crate::chart::ChartKind;
use crate::model::Lang;
use crate::state::{DateBound, ViewState};

/// Starts the CSV download, so that spreadsheet programs (Excel above all)
/// read it as UTF-8 and show Russian month names and partner codes intact.
pub const UTF8_BOM: char = '\u{FEFF}';

/// The CSV download of `agg`: [`to_csv`] after a [`UTF8_BOM`].
pub fn csv_file(agg: &Aggregate, lang: Lang) -> String {
    let mut out = String::from(UTF8_BOM);
    out.push_str(&to_csv(agg, lang));
    out
}

/// Longest piece of the query kept in a file name, in characters.
const MAX_QUERY_CHARS: usize = 32;

/// A file name, without extension, that says what a download of the current
/// view holds: events per period, the chart kind for images, then every
/// filter that narrows the events, e.g.
/// `caricc-events-by-month-stacked-KZ-KG-2025-01_2025-06-q-heroin`.
///
/// Only ASCII letters, digits, `-`, `_` and the letters of the query appear
/// (no path separators, dots or spaces); the query is cut to 32 characters.
pub fn file_stem(state: &ViewState, chart: Option<ChartKind>) -> String {
    let what = match state.show.measure {
        Measure::Events => "events",
        Measure::Kg => "kg-seized",
    };
    let mut name = format!("caricc-{what}");
    if state.show.series == SeriesOf::Substance {
        name.push_str("-per-substance");
    }
    name.push_str("-by-");
    name.push_str(state.show.by.as_str());
    if let Some(kind) = chart {
        name.push('-');
        name.push_str(kind.as_str());
    }
    push_filters(&mut name, state);
    name
}

/// Appends every filter that narrows the events: countries, dates, topics,
/// substances, kinds, languages, then the query's words.
fn push_filters(name: &mut String, state: &ViewState) {
    for code in &state.filter.countries {
        push_part(name, code);
    }
    let bound = |b: &DateBound| b.to_string();
    match (&state.filter.from, &state.filter.to) {
        (Some(f), Some(t)) => name.push_str(&format!("-{}_{}", bound(f), bound(t))),
        (Some(f), None) => name.push_str(&format!("-from-{}", bound(f))),
        (None, Some(t)) => name.push_str(&format!("-to-{}", bound(t))),
        (None, None) => {}
    }
    for id in state.filter.topics.iter().chain(&state.filter.substances) {
        push_part(name, id);
    }
    for kind in &state.filter.kinds {
        push_part(name, kind.as_str());
    }
    for lang in &state.filter.langs {
        push_part(name, lang.as_str());
    }
    let words: Vec<String> = state
        .filter
        .q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if !words.is_empty() {
        let q: String = words.join("_").chars().take(MAX_QUERY_CHARS).collect();
        name.push_str("-q-");
        name.push_str(q.trim_end_matches('_'));
    }
}

/// Appends `-part`, keeping only what is safe in a file name.
fn push_part(name: &mut String, part: &str) {
    let safe: String = part
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if !safe.is_empty() {
        name.push('-');
        name.push_str(&safe);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{aggregate, Period};
    use crate::Date;

    fn state(fragment: &str) -> ViewState {
        ViewState::parse(fragment).0
    }

    #[test]
    fn file_names_say_what_the_download_holds() {
        assert_eq!(
            file_stem(&state("#/events"), None),
            "caricc-events-by-month"
        );
        assert_eq!(
            file_stem(
                &state("#/events?country=KZ,KG&from=2025-01&to=2025-06&by=month"),
                None
            ),
            "caricc-events-by-month-KG-KZ-2025-01_2025-06"
        );
        assert_eq!(
            file_stem(
                &state("#/events?country=RU&from=2025-06-01&by=release"),
                Some(ChartKind::Grouped)
            ),
            "caricc-events-by-release-grouped-RU-from-2025-06-01"
        );
        assert_eq!(
            file_stem(
                &state("#/events?to=2024-12&kind=news&lang=ru&by=year"),
                Some(ChartKind::Lines)
            ),
            "caricc-events-by-year-lines-to-2024-12-news-ru"
        );
        assert_eq!(
            file_stem(
                &state("#/events?q=%22Laboratory%20dismantled%22%20-heroin"),
                None
            ),
            "caricc-events-by-month-q-laboratory_dismantled_heroin"
        );
        assert_eq!(
            file_stem(
                &state("#/events?country=KZ&by=year&measure=kg&series=substance"),
                Some(ChartKind::Stacked)
            ),
            "caricc-kg-seized-per-substance-by-year-stacked-KZ"
        );
        assert_eq!(
            file_stem(&state("#/events?measure=kg"), None),
            "caricc-kg-seized-by-month"
        );
        assert_eq!(
            file_stem(&state("#/events?q=../../etc/passwd"), None),
            "caricc-events-by-month-q-etc_passwd"
        );
        let long = file_stem(
            &state(&format!("#/events?q={}", "наркотики ".repeat(20))),
            None,
        );
        assert!(
            long.starts_with("caricc-events-by-month-q-наркотики_"),
            "{long}"
        );
        assert!(
            long.chars().count() <= "caricc-events-by-month-q-".len() + 32,
            "{long}"
        );
        assert!(!long.ends_with('_'));
        for name in [
            long,
            file_stem(&state("#/events?q=%3C%3E%3A%22%2F%5C%7C%3F*"), None),
        ] {
            assert!(
                !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|', '.', ' ']),
                "{name}"
            );
        }
    }

    #[test]
    fn the_csv_file_starts_with_a_byte_order_mark() {
        let d = Date::parse_iso("2025-06-03").unwrap();
        let agg = aggregate([("=KZ", d), ("RU", d)], Period::Month);
        let file = csv_file(&agg, crate::model::Lang::Ru);
        assert!(file.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(&file[3..], to_csv(&agg, crate::model::Lang::Ru));
        assert!(file.contains("июн 2025"));
        assert!(file.contains(";'=KZ;"), "formulas stay neutralised: {file}");
        assert!(
            file[3..].starts_with("период;начало;конец;"),
            "a Russian header, split by ';': {file}"
        );
        let en = csv_file(&agg, crate::model::Lang::En);
        assert!(en[3..].starts_with("period,start,end,"), "{en}");
        assert!(en.contains(",'=KZ,"), "{en}");
    }
}
