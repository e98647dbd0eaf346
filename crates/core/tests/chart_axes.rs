//! Chart rendering: dense time axes stay readable, the value axis covers the
//! tallest mark in round steps, sizes are clamped, colours follow the
//! theme, a long title wraps. (The marks, text and legend: `chart_render.rs`.)

mod chart_common;

use std::collections::HashSet;

use caricc_core::aggregate::{aggregate, Aggregate, Bucket, Period, Series};
use caricc_core::chart::{render, text_width, Chart, ChartKind, ChartOptions};
use caricc_core::{country, Date, Lang};
use chart_common::*;
use proptest::prelude::*;

/// The x labels of a chart: (centre, text), checked not to overlap by their estimated widths.
fn x_labels(chart: &Chart, width: f64) -> Vec<(f64, String)> {
    let doc = parse(&chart.svg);
    let labels: Vec<(f64, String)> = texts(group(&doc, "x-axis"))
        .into_iter()
        .map(|(x, t)| (x, t.to_string()))
        .collect();
    for w in labels.windows(2) {
        let gap =
            (w[1].0 - text_width(&w[1].1, 12.0) / 2.0) - (w[0].0 + text_width(&w[0].1, 12.0) / 2.0);
        assert!(gap >= 4.0, "{:?} and {:?} overlap", w[0], w[1]);
    }
    for (x, t) in &labels {
        let half = text_width(t, 12.0) / 2.0;
        assert!(
            x - half >= 0.0 && x + half <= width,
            "{t} at {x} leaves the chart"
        );
    }
    labels
}

#[test]
fn a_dense_time_axis_stays_readable() {
    // Half-months 2012 to mid-2026: ~350 buckets.
    let agg = aggregate(
        sample(20_000, "2012-01-01", "2026-06-30"),
        Period::HalfMonth,
    );
    assert!(agg.buckets.len() >= 340);
    for (width, kind) in [
        (900, ChartKind::Stacked),
        (900, ChartKind::Lines),
        (320, ChartKind::Stacked),
    ] {
        let chart = render(
            &agg,
            &ChartOptions {
                width,
                height: 360,
                ..opts(kind)
            },
        );
        check_document(&chart, width, 360);
        let labels = x_labels(&chart, width as f64);
        assert!(labels.len() >= 3, "{width}: only {labels:?}");
        assert!(labels.len() <= 20, "{width}: {} labels", labels.len());
        // On a time axis the labels are years, in order.
        let years: Vec<i32> = labels.iter().map(|(_, t)| t.parse().unwrap()).collect();
        assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
        if kind == ChartKind::Stacked {
            // Under a pixel per half-month on a phone, still every bar is drawn.
            assert!(chart.regions.iter().all(|r| r.w > 0.0 && r.h > 0.0));
            let buckets: HashSet<usize> = chart.regions.iter().map(|r| r.bucket).collect();
            assert_eq!(
                buckets.len(),
                (0..agg.buckets.len())
                    .filter(|&b| agg.bucket_total(b) > 0)
                    .count()
            );
        }
    }
}

#[test]
fn the_whole_contract_span_in_half_months_renders_readably() {
    // The archive allows 1990-2100: 2,664 half-months, under a pixel each.
    let mut events = sample(5000, "1990-01-01", "2100-12-31");
    events.push(("KZ", d("1990-01-01")));
    events.push(("RU", d("2100-12-31")));
    let agg = aggregate(events, Period::HalfMonth);
    assert_eq!(agg.buckets.len(), 2664);
    for kind in ChartKind::ALL {
        let chart = render(
            &agg,
            &ChartOptions {
                width: 1000,
                ..opts(kind)
            },
        );
        check_document(&chart, 1000, 400);
        let years: Vec<i32> = x_labels(&chart, 1000.0)
            .iter()
            .map(|(_, t)| t.parse().unwrap())
            .collect();
        assert!((5..=30).contains(&years.len()), "{years:?}");
        assert!(
            years.iter().all(|y| y % 5 == 0),
            "round years on a century: {years:?}"
        );
    }
}

#[test]
fn a_short_time_axis_labels_every_bucket() {
    let agg = aggregate(sample(400, "2025-01-01", "2025-12-31"), Period::Month);
    let full: Vec<String> = agg
        .buckets
        .iter()
        .map(|b| b.label(Period::Month, caricc_core::model::Lang::En))
        .collect();
    // Room for "Aug 2025" under every month.
    let chart = render(
        &agg,
        &ChartOptions {
            width: 1000,
            ..opts(ChartKind::Grouped)
        },
    );
    let labels: Vec<String> = x_labels(&chart, 1000.0)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(labels, full);
    // Less room: the year only where it starts, and on the first label.
    for (lang, first, june) in [(Lang::En, "Jan 2025", "Jun"), (Lang::Ru, "янв 2025", "июн")]
    {
        let chart = render(
            &agg,
            &ChartOptions {
                width: 700,
                lang,
                ..opts(ChartKind::Grouped)
            },
        );
        let labels: Vec<String> = x_labels(&chart, 700.0)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(labels.len(), 12, "{labels:?}");
        assert_eq!(labels[0], first);
        assert_eq!(labels[5], june);
    }
    // Labels of whole buckets sit under the middle of their bars.
    let chart = render(
        &agg,
        &ChartOptions {
            width: 1000,
            ..opts(ChartKind::Stacked)
        },
    );
    for (b, (x, _)) in x_labels(&chart, 1000.0).into_iter().enumerate() {
        let bar = chart.regions.iter().find(|r| r.bucket == b).unwrap();
        assert!(
            (x as f32 - (bar.x + bar.w / 2.0)).abs() <= 1.0,
            "label {b} at {x}, bar at {bar:?}"
        );
    }
}

#[test]
fn the_value_axis_covers_the_tallest_mark_in_round_steps() {
    let agg = aggregate(sample(2000, "2020-01-01", "2025-12-31"), Period::Quarter);
    for (kind, max) in [
        (ChartKind::Stacked, agg.max_bucket_total()),
        (ChartKind::Lines, agg.max_count()),
    ] {
        let chart = render(&agg, &opts(kind));
        let doc = parse(&chart.svg);
        let labels: Vec<_> = group(&doc, "y-axis")
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        let values: Vec<u64> = labels
            .iter()
            .map(|n| n.text().unwrap().replace(',', "").parse().unwrap())
            .collect();
        assert_eq!(values[0], 0);
        let step = values[1];
        assert!(
            [1, 2, 5]
                .iter()
                .any(|m| (0..6).any(|e| m * 10u64.pow(e) == step)),
            "step {step}"
        );
        assert!(values.windows(2).all(|w| w[1] - w[0] == step));
        assert!(
            *values.last().unwrap() >= u64::from(max)
                && *values.last().unwrap() < u64::from(max) + step
        );
        assert!(values.len() >= 3, "{values:?}");
        // Labels are at least 32 units apart, bottom up.
        let ys: Vec<f64> = labels.iter().map(|n| attr_f64(*n, "y")).collect();
        assert!(ys.windows(2).all(|w| w[0] - w[1] >= 32.0), "{ys:?}");
    }
}

#[test]
fn dark_mode_uses_the_given_colours() {
    let agg = aggregate(sample(100, "2025-01-01", "2025-03-31"), Period::Month);
    let chart = render(
        &agg,
        &ChartOptions {
            foreground: "#ddd",
            background: Some("#121212"),
            ..opts(ChartKind::Stacked)
        },
    );
    let doc = parse(&chart.svg);
    assert_eq!(group(&doc, "chrome").attribute("fill"), Some("#ddd"));
    assert_eq!(group(&doc, "background").attribute("fill"), Some("#121212"));
    // The marks and the legend take the dark variants of the country colours.
    let palette = country::Palette::for_codes(agg.series.iter().map(|s| s.country.as_str()));
    let dark = render(
        &agg,
        &ChartOptions {
            palette: Some(&palette),
            dark: true,
            ..opts(ChartKind::Stacked)
        },
    );
    let fills: HashSet<String> = mark_rects(&parse(&dark.svg))
        .into_iter()
        .map(|r| r.4)
        .collect();
    let af = agg.series_index("AF").expect("the sample has AF");
    assert_ne!(palette.colour("AF", true), palette.colour("AF", false));
    assert!(
        fills.contains(&palette.colour("AF", true).to_ascii_uppercase()),
        "{fills:?}"
    );
    assert!(
        !fills.contains(&palette.colour("AF", false).to_ascii_uppercase()),
        "{fills:?}"
    );
    let legend = group(&parse(&dark.svg), "legend")
        .children()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| n.attribute("fill").unwrap().to_string())
        .collect::<Vec<_>>();
    assert_eq!(legend[af], palette.colour("AF", true));
    let transparent = render(&agg, &opts(ChartKind::Stacked));
    assert!(!parse(&transparent.svg)
        .descendants()
        .any(|n| n.attribute("class") == Some("background")));
}

#[test]
fn a_long_title_wraps_onto_more_lines_and_makes_the_chart_taller() {
    let agg = aggregate(sample(200, "2025-01-01", "2025-06-30"), Period::Month);
    let title = "CARICC archive: Kyrgyzstan, Kazakhstan, Russia, Tajikistan, Turkmenistan · \
                 2024-01 – 2025-12 · Information release, News · “a long query of several words”";
    for (width, kind) in [(320, ChartKind::Stacked), (800, ChartKind::Lines)] {
        let chart = render(
            &agg,
            &ChartOptions {
                width,
                height: 400,
                title,
                ..opts(kind)
            },
        );
        let doc = parse(&chart.svg);
        let lines: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some("title"))
            .map(|n| n.text().unwrap_or(""))
            .collect();
        assert!(lines.len() > 1, "{width}: {lines:?}");
        assert_eq!(lines.join(" "), title, "{width}: every word, nothing cut");
        for line in &lines {
            assert!(
                text_width(line, 15.0 * 1.12) <= f64::from(width) - 20.0,
                "{width}: {line} is too wide"
            );
        }
        // Each line past the first adds to the height; the plot keeps its room.
        let height = 400 + 19 * (lines.len() as u32 - 1);
        assert_eq!(chart.height, height);
        check_document(&chart, width, height);
    }
    // A word longer than a line is broken, not cut.
    let word = "x".repeat(120);
    let chart = render(
        &agg,
        &ChartOptions {
            width: 320,
            title: &word,
            ..opts(ChartKind::Stacked)
        },
    );
    let doc = parse(&chart.svg);
    let joined: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some("title"))
        .map(|n| n.text().unwrap_or(""))
        .collect();
    assert_eq!(joined, word);
}

#[test]
fn sizes_are_clamped_and_odd_aggregates_do_not_panic() {
    let agg = aggregate(sample(50, "2025-01-01", "2025-03-31"), Period::Month);
    let chart = render(
        &agg,
        &ChartOptions {
            width: 10,
            height: 0,
            ..opts(ChartKind::Stacked)
        },
    );
    check_document(&chart, 240, 160);

    // Hand-made and inconsistent: short count vectors, no series, a zero total.
    let bucket = Bucket {
        start: d("2025-01-01"),
        end: d("2025-01-31"),
    };
    let odd = Aggregate {
        period: Period::Month,
        buckets: vec![bucket; 3],
        series: vec![
            Series {
                country: "KZ".into(),
                counts: vec![4],
                total: 4,
            },
            Series {
                country: "RU".into(),
                counts: vec![],
                total: 0,
            },
        ],
        total: 4,
        ..Aggregate::empty(Period::Month)
    };
    for kind in ChartKind::ALL {
        check_document(&render(&odd, &opts(kind)), 800, 400);
        let no_series = Aggregate {
            series: vec![],
            ..odd.clone()
        };
        check_document(&render(&no_series, &opts(kind)), 800, 400);
    }
}

#[test]
fn chart_kinds_round_trip_through_their_names() {
    for kind in ChartKind::ALL {
        assert_eq!(ChartKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(ChartKind::parse("pie"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any selection renders to a well-formed document whose regions carry the aggregate's counts.
    #[test]
    fn any_selection_renders(
        events in prop::collection::vec((prop::sample::select(vec!["KZ", "RU", "<&>", "TJ"]), 0i32..6000), 0..200),
        period in prop::sample::select(Period::ALL.to_vec()),
        kind in prop::sample::select(ChartKind::ALL.to_vec()),
        width in 0u32..2000,
        height in 0u32..1200,
    ) {
        let base = d("2010-01-01").day_number();
        let agg = aggregate(events.iter().map(|(c, n)| (*c, Date::from_day_number(base + n).unwrap())), period);
        let chart = render(&agg, &ChartOptions { kind, width, height, ..ChartOptions::default() });
        let (w, h) = (width.clamp(240, 8192), height.clamp(160, 8192));
        check_document(&chart, w, h);
        if !agg.is_empty() {
            prop_assert!(!x_labels(&chart, w as f64).is_empty(), "the time axis has labels");
        }
        let marked: u32 = chart.regions.iter().map(|r| r.count).sum();
        match kind {
            ChartKind::Lines => prop_assert_eq!(chart.regions.len(), agg.series.len() * agg.buckets.len()),
            _ => prop_assert!(chart.regions.iter().all(|r| r.count > 0)),
        }
        prop_assert_eq!(marked, agg.total);
    }
}

#[test]
fn bars_are_outlined_on_light_backgrounds_only() {
    let agg = aggregate(sample(3000, "2023-01-01", "2025-12-31"), Period::Quarter);
    let outlines = |dark: bool| {
        let chart = render(
            &agg,
            &ChartOptions {
                dark,
                ..opts(ChartKind::Stacked)
            },
        );
        let doc = parse(&chart.svg);
        let outlined: Vec<(f64, f64, f64, f64)> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("outlines"))
            .flat_map(|g| g.children().filter(|n| n.has_tag_name("path")))
            .flat_map(|n| path_rects(n.attribute("d").unwrap()))
            .collect();
        (chart, outlined)
    };
    let (chart, outlined) = outlines(false);
    // Quarterly bars are wide: every segment has its outline, on its edges.
    assert!(!chart.regions.is_empty());
    assert_eq!(outlined.len(), chart.regions.len());
    for r in &chart.regions {
        let edge = (
            f64::from(r.x),
            f64::from(r.y),
            f64::from(r.w),
            f64::from(r.h),
        );
        assert!(
            outlined
                .iter()
                .any(|o| [o.0 - edge.0, o.1 - edge.1, o.2 - edge.2, o.3 - edge.3]
                    .iter()
                    .all(|d| d.abs() <= 0.01)),
            "no outline for {r:?}"
        );
    }
    let (_, outlined) = outlines(true);
    assert!(outlined.is_empty(), "the dark theme draws no outlines");
}
