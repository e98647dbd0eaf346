//! Chart rendering: the SVG is a well-formed standalone document, the marks
//! and the regions agree with the aggregate and with each other, text is
//! escaped, and dense axes stay readable.

use std::collections::HashSet;

use caricc_core::aggregate::{aggregate, Aggregate, Bucket, Period, Series};
use caricc_core::chart::{render, text_width, Chart, ChartKind, ChartOptions, Region, SCALE};
use caricc_core::{country, Date, Lang};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

/// A deterministic, archive-like selection: KZ and RU dominate, dates spread over `from..=to`.
fn sample(n: usize, from: &str, to: &str) -> Vec<(&'static str, Date)> {
    const CODES: [&str; 10] = ["KZ", "KZ", "KZ", "RU", "RU", "KG", "TJ", "UZ", "AF", "TM"];
    let (first, last) = (d(from).day_number(), d(to).day_number());
    let mut state = 12345u64;
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (state >> 33) as i32;
            let code = CODES[(r as usize) % CODES.len()];
            (
                code,
                Date::from_day_number(first + (r / 16) % (last - first + 1)).unwrap(),
            )
        })
        .collect()
}

fn opts(kind: ChartKind) -> ChartOptions<'static> {
    ChartOptions {
        kind,
        width: 800,
        height: 400,
        ..ChartOptions::default()
    }
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}\n{svg}"))
}

fn group<'a, 'i>(doc: &'a roxmltree::Document<'i>, class: &str) -> roxmltree::Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.attribute("class") == Some(class))
        .unwrap_or_else(|| panic!("no element of class {class}"))
}

fn texts<'a>(node: roxmltree::Node<'a, '_>) -> Vec<(f64, &'a str)> {
    node.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            (
                n.attribute("x").unwrap().parse().unwrap(),
                n.text().unwrap_or(""),
            )
        })
        .collect()
}

fn attr_f64(n: roxmltree::Node, name: &str) -> f64 {
    n.attribute(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .parse()
        .unwrap()
}

/// The filled rectangles plotters drew, in SVG user units, with their fill.
fn mark_rects(doc: &roxmltree::Document) -> HashSet<(i64, i64, i64, i64, String)> {
    let marks = group(doc, "marks");
    assert_eq!(
        marks.attribute("transform"),
        Some(format!("scale({})", 1.0 / SCALE as f64).as_str())
    );
    marks
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| {
            (
                attr_f64(n, "x") as i64,
                attr_f64(n, "y") as i64,
                attr_f64(n, "width") as i64,
                attr_f64(n, "height") as i64,
                n.attribute("fill").unwrap().to_ascii_uppercase(),
            )
        })
        .collect()
}

fn as_backend(r: &Region) -> (i64, i64, i64, i64) {
    let s = SCALE as f32;
    (
        (r.x * s).round() as i64,
        (r.y * s).round() as i64,
        (r.w * s).round() as i64,
        (r.h * s).round() as i64,
    )
}

fn check_document(chart: &Chart, width: u32, height: u32) {
    let doc = parse(&chart.svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("width"), Some(width.to_string().as_str()));
    assert_eq!(root.attribute("height"), Some(height.to_string().as_str()));
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {width} {height}").as_str())
    );
    assert_eq!(
        root.first_element_child().map(|n| n.tag_name().name()),
        Some("title"),
        "an accessible name first"
    );
    for r in &chart.regions {
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= width as f32 && r.y + r.h <= height as f32,
            "{r:?} is off the chart"
        );
        // The marks lie in the plot area, in the column of their bucket (lines' point squares may overhang).
        let centre = (r.x + r.w / 2.0, r.y + r.h / 2.0);
        let p = chart.plot;
        assert!(
            centre.0 >= p.x
                && centre.0 <= p.x + p.w
                && centre.1 >= p.y - 0.5
                && centre.1 <= p.y + p.h + 0.5,
            "{r:?} outside {p:?}"
        );
        // Marks under a backend unit wide, or columns under two (a point at a column's
        // middle then floors into the next), cannot be told apart.
        if chart.plot.w * SCALE as f32 >= 2.0 * chart.buckets as f32 && r.w * SCALE as f32 >= 1.0 {
            assert_eq!(chart.bucket_at(centre.0), Some(r.bucket), "{r:?}");
        }
    }
    assert_eq!(chart.bucket_at(chart.plot.x - 1.0), None);
    assert_eq!(chart.bucket_at(chart.plot.x + chart.plot.w + 1.0), None);
}

#[test]
fn stacked_bars_match_the_aggregate_and_the_regions() {
    let agg = aggregate(sample(3000, "2023-01-01", "2025-12-31"), Period::Month);
    let chart = render(&agg, &opts(ChartKind::Stacked));
    check_document(&chart, 800, 400);
    let doc = parse(&chart.svg);

    // One region per non-zero cell, carrying that cell's count.
    let cells = agg
        .series
        .iter()
        .flat_map(|s| s.counts.iter())
        .filter(|&&c| c > 0)
        .count();
    assert_eq!(chart.regions.len(), cells);
    for r in &chart.regions {
        assert!(r.count > 0);
        assert_eq!(r.count, agg.count(r.series, r.bucket));
    }

    // Every region is exactly a bar segment plotters drew, in its country's colour.
    let rects = mark_rects(&doc);
    assert_eq!(rects.len(), chart.regions.len());
    for r in &chart.regions {
        let (x, y, w, h) = as_backend(r);
        let fill = country::color(&agg.series[r.series].country).to_ascii_uppercase();
        assert!(
            rects.contains(&(x, y, w, h, fill.clone())),
            "no mark for {r:?} ({fill})"
        );
    }

    // Within a bucket the segments stack without gaps, in series order, and
    // heights are proportional to counts (to the quarter unit plotters rounds to).
    let scale = chart.regions.iter().map(|r| r.h).sum::<f32>() / agg.total as f32;
    let mut previous_x = f32::NEG_INFINITY;
    for b in 0..agg.buckets.len() {
        let segs: Vec<&Region> = chart.regions.iter().filter(|r| r.bucket == b).collect();
        if segs.is_empty() {
            assert_eq!(agg.bucket_total(b), 0);
            continue;
        }
        assert!(segs.windows(2).all(|w| w[0].series < w[1].series));
        for w in segs.windows(2) {
            assert_eq!(w[1].y + w[1].h, w[0].y, "segments of bucket {b} must touch");
            assert_eq!((w[1].x, w[1].w), (w[0].x, w[0].w));
        }
        let height: f32 = segs.iter().map(|r| r.h).sum();
        assert!(
            (height - agg.bucket_total(b) as f32 * scale).abs() <= 0.5,
            "bucket {b}: {height} for {}",
            agg.bucket_total(b)
        );
        for r in &segs {
            assert!((r.h - r.count as f32 * scale).abs() <= 0.5);
        }
        // Buckets run left to right, and all rest on the same baseline.
        assert!(segs[0].x > previous_x);
        previous_x = segs[0].x;
        assert_eq!(
            segs[0].y + segs[0].h,
            chart.regions[0].y + chart.regions[0].h
        );
    }
}

#[test]
fn grouped_bars_sit_side_by_side() {
    let agg = aggregate(sample(800, "2024-01-01", "2025-12-31"), Period::Quarter);
    let chart = render(&agg, &opts(ChartKind::Grouped));
    check_document(&chart, 800, 400);
    let rects = mark_rects(&parse(&chart.svg));
    let baseline = chart.regions[0].y + chart.regions[0].h;
    let scale = chart.regions.iter().map(|r| r.h).sum::<f32>() / agg.total as f32;
    for r in &chart.regions {
        assert_eq!(r.count, agg.count(r.series, r.bucket));
        assert_eq!(r.y + r.h, baseline, "every bar stands on the axis");
        assert!((r.h - r.count as f32 * scale).abs() <= 0.5);
        let (x, y, w, h) = as_backend(r);
        assert!(rects.contains(&(
            x,
            y,
            w,
            h,
            country::color(&agg.series[r.series].country).to_ascii_uppercase()
        )));
    }
    for b in 0..agg.buckets.len() {
        let bars: Vec<&Region> = chart.regions.iter().filter(|r| r.bucket == b).collect();
        for w in bars.windows(2) {
            assert!(w[0].x + w[0].w <= w[1].x, "bars of bucket {b} overlap");
        }
    }
}

#[test]
fn lines_have_a_point_per_country_and_bucket() {
    let agg = aggregate(sample(800, "2015-01-01", "2025-12-31"), Period::Year);
    let chart = render(&agg, &opts(ChartKind::Lines));
    check_document(&chart, 800, 400);
    let doc = parse(&chart.svg);
    assert_eq!(chart.regions.len(), agg.series.len() * agg.buckets.len());
    let polylines: Vec<_> = group(&doc, "marks")
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .collect();
    assert_eq!(polylines.len(), agg.series.len());
    for line in &polylines {
        assert_eq!(
            line.attribute("points").unwrap().split_whitespace().count(),
            agg.buckets.len()
        );
    }
    let centre_y = |r: &Region| r.y + r.h / 2.0;
    for b in 0..agg.buckets.len() {
        let points: Vec<&Region> = chart.regions.iter().filter(|r| r.bucket == b).collect();
        assert_eq!(points.len(), agg.series.len());
        for p in &points {
            assert_eq!(p.count, agg.count(p.series, b));
            for q in &points {
                if p.count > q.count {
                    assert!(centre_y(p) < centre_y(q), "a larger count is drawn higher");
                }
            }
        }
    }
}

#[test]
fn an_empty_selection_says_so() {
    let agg = aggregate(std::iter::empty(), Period::Month);
    for kind in ChartKind::ALL {
        for (lang, message) in [
            (Lang::En, "No events in the current selection"),
            (Lang::Ru, "Нет событий в текущей выборке"),
        ] {
            let chart = render(
                &agg,
                &ChartOptions {
                    kind,
                    lang,
                    ..opts(kind)
                },
            );
            check_document(&chart, 800, 400);
            assert!(chart.regions.is_empty());
            let doc = parse(&chart.svg);
            assert!(
                texts(doc.root_element()).iter().any(|(_, t)| *t == message),
                "{lang:?}: {}",
                chart.svg
            );
            assert_eq!(group(&doc, "empty").text(), Some(message));
        }
    }
}

#[test]
fn text_from_the_archive_is_escaped() {
    let hostile = "<script>alert(1)</script>";
    let agg = aggregate(
        [
            (hostile, d("2025-01-02")),
            ("A&B", d("2025-01-03")),
            ("x\u{0}\u{1b}y", d("2025-02-03")),
        ],
        Period::Month,
    );
    let title = "Tom & Jerry's <b>\"chart\"</b>";
    let foreground = "#222\" onload=\"alert(1)";
    for kind in ChartKind::ALL {
        let chart = render(
            &agg,
            &ChartOptions {
                kind,
                title,
                foreground,
                background: Some("<x>"),
                ..opts(kind)
            },
        );
        assert!(
            !chart.svg.contains("<script")
                && !chart.svg.contains("<b>")
                && !chart.svg.contains("<x>")
        );
        check_document(&chart, 800, 400);
        let doc = parse(&chart.svg);
        assert!(doc.descendants().all(|n| n.attribute("onload").is_none()));
        assert_eq!(group(&doc, "chrome").attribute("fill"), Some(foreground));
        assert_eq!(group(&doc, "title").text(), Some(title));
        assert_eq!(
            doc.root_element().first_element_child().unwrap().text(),
            Some(title)
        );
        let legend: Vec<&str> = texts(group(&doc, "legend"))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(
            legend.contains(&"<script>alert(1)</script> (1)"),
            "{legend:?}"
        );
        assert!(legend.contains(&"A&B (1)"), "{legend:?}");
        // Characters XML cannot hold are replaced, not passed through.
        assert!(legend.contains(&"x\u{FFFD}\u{FFFD}y (1)"), "{legend:?}");
    }
}

#[test]
fn the_legend_names_each_country_in_the_chart_language_with_its_colour() {
    let agg = aggregate(sample(500, "2025-01-01", "2025-06-30"), Period::Month);
    for lang in Lang::ALL {
        let chart = render(
            &agg,
            &ChartOptions {
                lang,
                ..opts(ChartKind::Stacked)
            },
        );
        let doc = parse(&chart.svg);
        let legend = group(&doc, "legend");
        let swatches: Vec<&str> = legend
            .children()
            .filter(|n| n.has_tag_name("rect"))
            .map(|n| n.attribute("fill").unwrap())
            .collect();
        let labels: Vec<&str> = texts(legend).into_iter().map(|(_, t)| t).collect();
        assert_eq!(labels.len(), agg.series.len());
        assert_eq!(swatches.len(), agg.series.len());
        for (i, series) in agg.series.iter().enumerate() {
            let total = caricc_core::locale::group_digits(series.total, lang);
            assert_eq!(
                labels[i],
                format!("{} ({total})", country::name(&series.country, lang))
            );
            assert_eq!(swatches[i], country::color(&series.country));
        }
    }
}

#[test]
fn a_legend_too_long_for_the_chart_ends_with_a_count_of_the_rest() {
    // 60 distinct codes, more than a small chart can list.
    let codes: Vec<String> = (0..60).map(|i| format!("C{i:02}")).collect();
    let events: Vec<(&str, Date)> = codes
        .iter()
        .map(|c| (c.as_str(), d("2025-03-01")))
        .collect();
    let agg = aggregate(events, Period::Month);
    let chart = render(
        &agg,
        &ChartOptions {
            width: 400,
            height: 300,
            ..opts(ChartKind::Stacked)
        },
    );
    check_document(&chart, 400, 300);
    let doc = parse(&chart.svg);
    let legend = group(&doc, "legend");
    let swatches = legend.children().filter(|n| n.has_tag_name("rect")).count();
    let labels = texts(legend);
    let last = labels.last().unwrap().1;
    let hidden: usize = last
        .trim_start_matches('+')
        .trim_end_matches(" more")
        .parse()
        .unwrap_or_else(|_| panic!("{last}"));
    assert!(swatches < 60);
    assert_eq!(swatches + hidden, 60);
    // The legend leaves the plot most of the height: the one bar, 60 segments high, stays tall.
    let bar: f32 = chart.regions.iter().map(|r| r.h).sum();
    assert!(bar >= 0.4 * 300.0, "plot squeezed to {bar}");
    // All texts stay inside the document.
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor").is_none())
    {
        assert!(
            attr_f64(n, "x") + text_width(n.text().unwrap(), 12.0) <= 400.0 + 1.0,
            "{:?} overflows",
            n.text()
        );
    }
}

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
            .flat_map(|g| g.children().filter(|n| n.has_tag_name("rect")))
            .map(|n| {
                (
                    attr_f64(n, "x"),
                    attr_f64(n, "y"),
                    attr_f64(n, "width"),
                    attr_f64(n, "height"),
                )
            })
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
