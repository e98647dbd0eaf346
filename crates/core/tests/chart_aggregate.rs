//! Aggregation: buckets, counts, labels and the CSV download.

use caricc_core::aggregate::{aggregate, aggregate_days, to_csv, Bucket, Period};
use caricc_core::Date;
use proptest::prelude::*;

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn next_day(d: Date) -> Date {
    Date::from_day_number(d.day_number() + 1).unwrap()
}

fn period_strategy() -> impl Strategy<Value = Period> {
    prop::sample::select(Period::ALL.to_vec())
}

/// Country codes as partner archives might send them, hostile ones included.
fn code_strategy() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "KZ", "RU", "KG", "TJ", "UZ", "=1+1", "<b>", "a,\"b", "",
    ])
    .prop_map(str::to_string)
}

fn date_strategy() -> impl Strategy<Value = Date> {
    let first = d("2010-01-01").day_number();
    let last = d("2027-12-31").day_number();
    (first..=last).prop_map(|n| Date::from_day_number(n).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The fast path the app takes (code indices and day numbers) counts exactly as `aggregate`.
    #[test]
    fn aggregating_by_day_numbers_gives_the_same_table(
        events in prop::collection::vec((0usize..6, date_strategy()), 0..300),
        sorted in any::<bool>(),
        period in period_strategy(),
    ) {
        let codes: Vec<String> = ["KZ", "RU", "KG", "=1+1", "<b>", ""].map(String::from).to_vec();
        let mut events = events;
        if sorted {
            events.sort_by_key(|e| std::cmp::Reverse(e.1));
        }
        let expected = aggregate(events.iter().map(|(c, d)| (codes[*c].as_str(), *d)), period);
        let fast = aggregate_days(&codes, events.iter().map(|(c, d)| (*c, d.day_number())), period);
        prop_assert_eq!(fast, expected);
    }

    /// Totals always agree, and every event lands in exactly one bucket that contains its date.
    #[test]
    fn every_event_is_counted_once_in_the_bucket_holding_its_date(
        events in prop::collection::vec((code_strategy(), date_strategy()), 0..300),
        period in period_strategy(),
    ) {
        let agg = aggregate(events.iter().map(|(c, d)| (c.as_str(), *d)), period);
        prop_assert_eq!(agg.total as usize, events.len());
        prop_assert_eq!(agg.series.iter().map(|s| s.total as usize).sum::<usize>(), events.len());

        // The axis is continuous: each bucket starts the day after the previous one ends.
        for pair in agg.buckets.windows(2) {
            prop_assert_eq!(next_day(pair[0].end), pair[1].start);
        }
        for b in &agg.buckets {
            prop_assert!(b.start <= b.end);
        }

        for (code, date) in &events {
            let holding: Vec<usize> = (0..agg.buckets.len()).filter(|&b| agg.buckets[b].contains(*date)).collect();
            prop_assert_eq!(holding.len(), 1, "{} is in buckets {:?}", date, holding);
            prop_assert_eq!(agg.bucket_of(*date), Some(holding[0]));
            prop_assert!(agg.series_index(code).is_some());
        }
        if let (Some(first), Some(last)) = (events.iter().map(|e| e.1).min(), events.iter().map(|e| e.1).max()) {
            prop_assert!(agg.buckets[0].contains(first), "the axis starts at the first event");
            prop_assert!(agg.buckets.last().unwrap().contains(last), "the axis ends at the last event");
        }

        // Per bucket and per country, the counts are those of a naive count by date.
        for (b, bucket) in agg.buckets.iter().enumerate() {
            let in_bucket = events.iter().filter(|(_, d)| bucket.contains(*d)).count();
            prop_assert_eq!(agg.series.iter().map(|s| s.counts[b] as usize).sum::<usize>(), in_bucket);
            prop_assert_eq!(agg.bucket_total(b) as usize, in_bucket);
            for (si, series) in agg.series.iter().enumerate() {
                let naive = events.iter().filter(|(c, d)| *c == series.country && bucket.contains(*d)).count();
                prop_assert_eq!(agg.count(si, b) as usize, naive);
            }
        }
        for series in &agg.series {
            prop_assert_eq!(series.counts.len(), agg.buckets.len());
            prop_assert_eq!(series.counts.iter().sum::<u32>(), series.total);
        }
        // Largest first, ties by code.
        for pair in agg.series.windows(2) {
            prop_assert!(
                pair[0].total > pair[1].total || (pair[0].total == pair[1].total && pair[0].country < pair[1].country),
                "{:?} before {:?}", (&pair[0].country, pair[0].total), (&pair[1].country, pair[1].total)
            );
        }
    }
}

#[test]
fn half_months_split_on_the_sixteenth_and_end_with_the_month() {
    let agg = aggregate(
        [
            ("KZ", d("2024-02-15")),
            ("KZ", d("2024-02-16")),
            ("RU", d("2024-02-29")),
        ],
        Period::HalfMonth,
    );
    assert_eq!(
        agg.buckets,
        vec![
            Bucket {
                start: d("2024-02-01"),
                end: d("2024-02-15")
            },
            Bucket {
                start: d("2024-02-16"),
                end: d("2024-02-29")
            },
        ]
    );
    assert_eq!(agg.series[0].country, "KZ");
    assert_eq!(agg.series[0].counts, vec![1, 1]);
    assert_eq!(agg.series[1].counts, vec![0, 1]);
    assert_eq!(agg.bucket_total(1), 2);
    assert_eq!(agg.bucket_of(d("2024-03-01")), None);
    assert_eq!(agg.bucket_of(d("2024-01-31")), None);
}

#[test]
fn empty_periods_between_events_count_zero() {
    let agg = aggregate(
        [
            ("KZ", d("2025-01-20")),
            ("KZ", d("2025-04-02")),
            ("TJ", d("2025-04-30")),
        ],
        Period::Month,
    );
    let labels: Vec<String> = agg
        .buckets
        .iter()
        .map(|b| b.label(Period::Month, caricc_core::model::Lang::En))
        .collect();
    assert_eq!(labels, ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025"]);
    assert_eq!(agg.series[0].counts, vec![1, 0, 0, 1]);
    assert_eq!(agg.series[1].counts, vec![0, 0, 0, 1]);
    assert_eq!(
        (0..4).map(|b| agg.bucket_total(b)).collect::<Vec<_>>(),
        vec![1, 0, 0, 2]
    );
    // Out-of-range indices are zero, not a panic.
    assert_eq!(agg.count(5, 0), 0);
    assert_eq!(agg.count(0, 9), 0);
    assert_eq!(agg.bucket_total(9), 0);
}

#[test]
fn quarters_and_years_cover_whole_calendar_units() {
    let agg = aggregate(
        [("KZ", d("2023-12-31")), ("KZ", d("2024-05-10"))],
        Period::Quarter,
    );
    assert_eq!(agg.buckets.len(), 3);
    assert_eq!(
        agg.buckets[0],
        Bucket {
            start: d("2023-10-01"),
            end: d("2023-12-31")
        }
    );
    assert_eq!(
        agg.buckets[2],
        Bucket {
            start: d("2024-04-01"),
            end: d("2024-06-30")
        }
    );
    assert_eq!(agg.series[0].counts, vec![1, 0, 1]);

    let agg = aggregate(
        [("KZ", d("2012-07-01")), ("RU", d("2014-01-01"))],
        Period::Year,
    );
    assert_eq!(agg.buckets.len(), 3);
    assert_eq!(
        agg.buckets[1],
        Bucket {
            start: d("2013-01-01"),
            end: d("2013-12-31")
        }
    );
}

#[test]
fn no_events_give_no_buckets() {
    for period in Period::ALL {
        let agg = aggregate(std::iter::empty(), period);
        assert!(agg.is_empty());
        assert!(agg.series.is_empty());
        assert_eq!(agg.total, 0);
        assert_eq!(agg.bucket_of(d("2025-01-01")), None);
        assert_eq!(
            to_csv(&agg, caricc_core::model::Lang::En),
            "period,start,end,total\r\n"
        );
        assert_eq!(
            to_csv(&agg, caricc_core::model::Lang::Ru),
            "период;начало;конец;всего\r\n"
        );
    }
}

#[test]
fn bucket_labels_in_both_languages() {
    let first_half = Bucket {
        start: d("2025-06-01"),
        end: d("2025-06-15"),
    };
    let second_half = Bucket {
        start: d("2024-02-16"),
        end: d("2024-02-29"),
    };
    let month = Bucket {
        start: d("2025-06-01"),
        end: d("2025-06-30"),
    };
    let quarter = Bucket {
        start: d("2025-04-01"),
        end: d("2025-06-30"),
    };
    let year = Bucket {
        start: d("2025-01-01"),
        end: d("2025-12-31"),
    };
    assert_eq!(
        first_half.label(Period::HalfMonth, caricc_core::model::Lang::En),
        "1–15 Jun 2025"
    );
    assert_eq!(
        first_half.label(Period::HalfMonth, caricc_core::model::Lang::Ru),
        "1–15 июня 2025"
    );
    assert_eq!(
        second_half.label(Period::HalfMonth, caricc_core::model::Lang::En),
        "16–29 Feb 2024"
    );
    assert_eq!(
        second_half.label(Period::HalfMonth, caricc_core::model::Lang::Ru),
        "16–29 февраля 2024"
    );
    assert_eq!(
        month.label(Period::Month, caricc_core::model::Lang::En),
        "Jun 2025"
    );
    assert_eq!(
        month.label(Period::Month, caricc_core::model::Lang::Ru),
        "июн 2025"
    );
    assert_eq!(
        quarter.label(Period::Quarter, caricc_core::model::Lang::En),
        "Q2 2025"
    );
    assert_eq!(
        quarter.label(Period::Quarter, caricc_core::model::Lang::Ru),
        "2 кв. 2025"
    );
    assert_eq!(
        year.label(Period::Year, caricc_core::model::Lang::En),
        "2025"
    );
    assert_eq!(
        year.label(Period::Year, caricc_core::model::Lang::Ru),
        "2025"
    );
}

#[test]
fn periods_round_trip_through_their_names() {
    for period in Period::ALL {
        assert_eq!(Period::parse(period.as_str()), Some(period));
    }
    assert_eq!(Period::parse("week"), None);
    assert_eq!(Period::parse("Month"), None);
}

/// Splits RFC 4180 CSV, cells separated by `sep`, into rows of cells (what a spreadsheet reads).
fn parse_csv(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted cell");
    assert!(
        cell.is_empty() && row.is_empty(),
        "the CSV must end with a line break"
    );
    rows
}

#[test]
fn csv_has_the_table_and_defuses_formulas() {
    let hostile = [
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "\tT",
        "\rR",
        "a,\"b\"\nc",
        "KZ",
    ];
    let mut events = vec![];
    for (i, code) in hostile.iter().enumerate() {
        for _ in 0..=i {
            events.push((*code, d("2025-06-03")));
        }
    }
    events.push(("KZ", d("2025-07-20")));
    let agg = aggregate(events.iter().copied(), Period::Month);
    // English with `,`; Russian with Russian column names and `;`, as a
    // spreadsheet in a Russian locale splits a CSV it opens.
    for (lang, sep, names, total, june, july) in [
        (
            "en",
            ',',
            ["period", "start", "end"],
            "total",
            "Jun 2025",
            "Jul 2025",
        ),
        (
            "ru",
            ';',
            ["период", "начало", "конец"],
            "всего",
            "июн 2025",
            "июл 2025",
        ),
    ] {
        let csv = to_csv(&agg, caricc_core::model::Lang::parse(lang).unwrap());
        assert!(csv.ends_with("\r\n"));
        let rows = parse_csv(&csv, sep);
        assert_eq!(rows.len(), 3);

        let header = &rows[0];
        assert_eq!(&header[..3], names);
        assert_eq!(header.last().unwrap(), total);
        // Columns in series order; hostile codes neutralised, the rest verbatim.
        let codes: Vec<&str> = header[3..header.len() - 1]
            .iter()
            .map(String::as_str)
            .collect();
        let expected: Vec<String> = agg
            .series
            .iter()
            .map(|s| {
                if s.country.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{}", s.country)
                } else {
                    s.country.clone()
                }
            })
            .collect();
        assert_eq!(codes, expected);
        assert!(
            codes.contains(&"KZ")
                && codes.contains(&"a,\"b\"\nc")
                && codes.contains(&"'=HYPERLINK(\"http://x\")")
                && codes.contains(&"'\rR")
        );
        for cell in rows.iter().flatten() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would be read as a formula"
            );
        }

        assert_eq!(&rows[1][..3], [june, "2025-06-01", "2025-06-30"]);
        assert_eq!(&rows[2][..3], [july, "2025-07-01", "2025-07-31"]);
        for (b, row) in rows[1..].iter().enumerate() {
            assert_eq!(row.len(), header.len());
            let counts: Vec<u32> = row[3..].iter().map(|c| c.parse().unwrap()).collect();
            for (si, series) in agg.series.iter().enumerate() {
                assert_eq!(counts[si], series.counts[b]);
            }
            assert_eq!(*counts.last().unwrap(), agg.bucket_total(b));
            assert_eq!(
                counts[..counts.len() - 1].iter().sum::<u32>(),
                agg.bucket_total(b)
            );
        }
    }
}

#[test]
fn aggregating_by_day_numbers_leaves_out_what_is_not_an_event() {
    let codes: Vec<String> = vec!["KZ".into()];
    let day = d("2025-06-03").day_number();
    let agg = aggregate_days(
        &codes,
        [(0, day), (1, day), (0, i32::MAX), (0, i32::MIN)],
        Period::Month,
    );
    assert_eq!(agg.total, 1);
    assert_eq!(agg.buckets.len(), 1);
    assert!(aggregate_days(&codes, [], Period::Year).is_empty());
}
