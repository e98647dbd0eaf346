//! The chart and the event list always agree: for any archive and any
//! filter, the bars of a period add up to the events the list shows for that
//! period, a bar to the events the list shows when it is narrowed to the
//! bar's country and period (what a click on the bar does), and all bars to
//! the result count.
//!
//! Both place an event on its first day, whatever its span: the events here
//! last up to 60 days, so many cross half-month, month and year boundaries.

use caricc_core::aggregate::{aggregate, aggregate_days, Period};
use caricc_core::chart::{render, ChartKind, ChartOptions};
use caricc_core::index::{ArchiveIndex, EventTable, Filter};
use caricc_core::model::{Archive, Event, Kind, Lang, Release};
use caricc_core::{Date, DateRange};
use proptest::prelude::*;

const CODES: [&str; 5] = ["KZ", "RU", "KG", "TJ", "XK"];

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

/// An event from `day` (days after 2023-01-01), lasting `extra` more days.
fn event(id: usize, code: usize, day: i32, extra: i32, lang: Lang) -> Event {
    let start = Date::from_day_number(d("2023-01-01").day_number() + day).unwrap();
    let end = Date::from_day_number(start.day_number() + extra).unwrap();
    Event {
        id: format!("e{id}"),
        country: CODES[code].to_string(),
        date: DateRange { start, end },
        title: format!("Event {id}"),
        body: vec!["text".into()],
        language: lang,
        source_url: None,
        place: None,
        mentioned_countries: vec![],
        counterpart: None,
        facts: None,
    }
}

fn archive(events: Vec<(usize, i32, i32, bool, usize)>) -> (ArchiveIndex, EventTable) {
    // Three releases, one per kind; events go to the release their last field picks.
    let mut releases: Vec<Release> = Kind::ALL
        .iter()
        .map(|&kind| Release {
            id: kind.as_str().to_string(),
            kind,
            number: None,
            year: None,
            title: kind.as_str().to_string(),
            period: DateRange::day(d("2023-01-01")),
            language: Lang::En,
            declared_counts: None,
            source_file: "x".into(),
            summary: vec![],
            events: vec![],
            translations: Vec::new(),
        })
        .collect();
    for (i, (code, day, extra, ru, release)) in events.into_iter().enumerate() {
        let lang = if ru { Lang::Ru } else { Lang::En };
        releases[release]
            .events
            .push(event(i, code, day, extra, lang));
    }
    ArchiveIndex::new(Archive {
        schema_version: 1,
        releases,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn bars_add_up_to_the_list(
        events in prop::collection::vec((0usize..CODES.len(), 0i32..1200, prop_oneof![Just(0i32), 0i32..16, 0i32..60], any::<bool>(), 0usize..3), 0..150),
        countries in prop::collection::vec(0usize..CODES.len(), 0..3),
        from in prop::option::of(0i32..1200),
        span in 0i32..600,
        kinds in prop::collection::vec(0usize..3, 0..2),
        period in prop::sample::select(Period::ALL.to_vec()),
        kind in prop::sample::select(ChartKind::ALL.to_vec()),
    ) {
        let (ix, ev) = archive(events);
        let base = d("2023-01-01").day_number();
        let filter = Filter {
            countries: countries.iter().map(|&i| CODES[i].to_string()).collect(),
            from: from.map(|f| Date::from_day_number(base + f).unwrap()),
            to: from.map(|f| Date::from_day_number(base + f + span).unwrap()),
            kinds: kinds.iter().map(|&i| Kind::ALL[i]).collect(),
            ..Filter::default()
        };
        // What the app does: the selection, then the aggregate of its rows.
        let selection = ix.select(&filter, None);
        let agg = aggregate_days(
            &ix.countries,
            selection.rows.iter().map(|&p| (usize::from(ix.rows[p.index()].country), ix.rows[p.index()].start)),
            period,
        );
        // The same as counting the events' codes and first days.
        prop_assert_eq!(&agg, &aggregate(selection.rows.iter().map(|&p| (ev.get(p).unwrap().country.as_str(), ev.get(p).unwrap().date.start)), period));
        prop_assert_eq!(agg.total as usize, selection.rows.len(), "all bars add up to the result count");

        let chart = render(&agg, &ChartOptions { kind, ..ChartOptions::default() });
        for (b, bucket) in agg.buckets.iter().enumerate() {
            // The list for this period, under the same filters.
            let period_filter = Filter {
                from: Some(filter.from.map_or(bucket.start, |f| f.max(bucket.start))),
                to: Some(filter.to.map_or(bucket.end, |t| t.min(bucket.end))),
                ..filter.clone()
            };
            let in_period = ix.select(&period_filter, None).rows.len();
            prop_assert_eq!(agg.bucket_total(b) as usize, in_period, "bucket {}", b);
            for (s, series) in agg.series.iter().enumerate() {
                // A click narrows the list to the bar's country and period (within the reader's dates).
                let clicked = Filter { countries: vec![series.country.clone()], ..period_filter.clone() };
                prop_assert_eq!(agg.count(s, b) as usize, ix.select(&clicked, None).rows.len());
                // The chart's marks carry the same count.
                let marked: u32 = chart.regions.iter().filter(|r| r.series == s && r.bucket == b).map(|r| r.count).sum();
                prop_assert_eq!(marked, agg.count(s, b));
            }
        }
    }
}
