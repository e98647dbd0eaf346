//! Chart rendering: the SVG is a well-formed standalone document, the marks
//! and the regions agree with the aggregate and with each other, text is
//! escaped, and the legend names what is drawn. (The axes, sizes and
//! colours: `chart_axes.rs`.)

mod chart_common;

use caricc_core::aggregate::{aggregate, Period};
use caricc_core::chart::{render, text_width, ChartKind, ChartOptions, Region};
use caricc_core::{country, Date, Lang};
use chart_common::*;

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
