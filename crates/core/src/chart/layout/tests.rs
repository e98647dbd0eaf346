//! The layout checked directly (no SVG), against expectations computed
//! here from the aggregate: bar heights, the value axis, the legend, every
//! mark and label inside its area, the empty chart.

use super::*;
use crate::aggregate::{aggregate, Period};
use crate::Date;

/// Deterministic events over `days` days from 2023-01-01, skewed towards
/// the first of `codes` as the archive is towards KZ and RU.
fn aggregate_of(n: usize, codes: &[&str], days: i32, period: Period) -> Aggregate {
    let first = Date::parse_iso("2023-01-01").unwrap().day_number();
    let mut state = 7u64;
    let events: Vec<(&str, Date)> = (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (state >> 33) as usize;
            // Squaring a uniform pick favours the low indices.
            let pick = (r % 1000) * (r % 1000) / 1000 * codes.len() / 1000;
            let day = ((r / 1000) % days as usize) as i32;
            (codes[pick], Date::from_day_number(first + day).unwrap())
        })
        .collect();
    aggregate(events, period)
}

const CODES: [&str; 8] = ["KZ", "RU", "KG", "TJ", "UZ", "AF", "TM", "AZ"];

fn options(kind: ChartKind, width: u32, height: u32, lang: Lang) -> ChartOptions<'static> {
    ChartOptions {
        kind,
        width,
        height,
        lang,
        ..ChartOptions::default()
    }
}

fn plot<'l>(layout: &'l Layout) -> &'l Plot {
    match &layout.body {
        Body::Plot(plot) => plot,
        Body::Empty { .. } => panic!("an empty layout for a non-empty aggregate"),
    }
}

fn bars(plot: &Plot) -> &[Bar] {
    match &plot.marks {
        Marks::Bars(bars) => bars,
        Marks::Lines { .. } => panic!("lines where bars were asked for"),
    }
}

/// The tallest mark of `kind`, computed from the counts.
fn tallest(agg: &Aggregate, kind: ChartKind) -> u32 {
    (0..agg.buckets.len())
        .map(|b| {
            let counts = agg.series.iter().map(|s| s.counts[b]);
            match kind {
                ChartKind::Stacked => counts.sum(),
                ChartKind::Grouped | ChartKind::Lines => counts.max().unwrap_or(0),
            }
        })
        .max()
        .unwrap_or(0)
}

/// Every aggregate and option the checks below run over.
fn cases() -> Vec<(Aggregate, ChartOptions<'static>)> {
    let mut out = Vec::new();
    for (n, days) in [(1, 1), (40, 60), (3000, 3 * 365), (800, 12 * 365)] {
        for period in Period::ALL {
            let agg = aggregate_of(n, &CODES, days, period);
            for kind in ChartKind::ALL {
                for (width, height, lang) in [
                    (800, 400, Lang::En),
                    (340, 360, Lang::Ru),
                    (240, 160, Lang::En),
                    (1600, 500, Lang::Ru),
                ] {
                    out.push((agg.clone(), options(kind, width, height, lang)));
                }
            }
        }
    }
    out
}

#[test]
fn bar_heights_are_proportional_to_the_counts() {
    for (agg, opts) in cases() {
        if opts.kind == ChartKind::Lines {
            continue;
        }
        let layout = layout(&agg, &opts);
        let plot = plot(&layout);
        let g = plot.scales;
        let unit = (g.bottom - g.top) / g.y_max;
        // One bar per count above zero, bucket by bucket, in series order.
        let expected: Vec<(usize, usize, u32)> = (0..agg.buckets.len())
            .flat_map(|b| {
                let agg = &agg;
                (0..agg.series.len())
                    .map(move |s| (b, s, agg.series[s].counts[b]))
                    .filter(|&(_, _, c)| c > 0)
            })
            .collect();
        let got: Vec<(usize, usize, u32)> = plot
            .regions
            .iter()
            .map(|r| (r.bucket, r.series, r.count))
            .collect();
        assert_eq!(got, expected);
        let bars = bars(plot);
        assert_eq!(bars.len(), plot.regions.len());
        let baseline = g.to_backend((0.0, 0.0)).1;
        // Where the next segment of each bucket starts, in backend units.
        let mut stacked_to = vec![baseline; agg.buckets.len()];
        for (bar, r) in bars.iter().zip(&plot.regions) {
            // The region is the bar, in user units.
            let s = SCALE as f32;
            assert_eq!(
                (r.x * s, r.y * s),
                (bar.top_left.0 as f32, bar.top_left.1 as f32)
            );
            assert_eq!(
                (r.w * s, r.h * s),
                (
                    (bar.bottom_right.0 - bar.top_left.0) as f32,
                    (bar.bottom_right.1 - bar.top_left.1) as f32
                )
            );
            // Within a backend unit for each end's flooring and one for
            // the scale's ends, rounded to whole units.
            let height = f64::from(r.count) * unit;
            assert!(
                (f64::from(r.h) - height).abs() <= 3.0 / f64::from(SCALE),
                "{r:?}: {height} expected"
            );
            // Inside its bucket's column.
            let column = (
                g.to_backend((r.bucket as f64, 0.0)).0,
                g.to_backend((r.bucket as f64 + 1.0, 0.0)).0,
            );
            assert!(bar.top_left.0 >= column.0 && bar.bottom_right.0 <= column.1);
            if opts.kind == ChartKind::Stacked {
                // Each segment starts where the one below it ends.
                assert_eq!(bar.bottom_right.1, stacked_to[r.bucket]);
                stacked_to[r.bucket] = bar.top_left.1;
            } else {
                assert_eq!(bar.bottom_right.1, baseline);
            }
        }
        if opts.kind == ChartKind::Stacked {
            // And the stack reaches the bucket's total.
            let totals: Vec<i32> = (0..agg.buckets.len())
                .map(|b| {
                    let total = f64::from(agg.bucket_total(b));
                    if total == 0.0 {
                        baseline
                    } else {
                        g.to_backend((0.0, total)).1
                    }
                })
                .collect();
            assert_eq!(stacked_to, totals);
        }
    }
}

#[test]
fn the_value_axis_covers_the_tallest_mark_in_equal_steps() {
    for (agg, opts) in cases() {
        let layout = layout(&agg, &opts);
        let plot = plot(&layout);
        let g = plot.scales;
        let values: Vec<u64> = plot.y_ticks.iter().map(|t| t.value).collect();
        assert_eq!(values[0], 0);
        let step = values[1] - values[0];
        assert!(values.windows(2).all(|w| w[1] - w[0] == step), "{values:?}");
        assert!(
            [1, 2, 5].contains(&(step / 10u64.pow(step.ilog10()))),
            "{step}"
        );
        let top = *values.last().unwrap();
        assert_eq!(top as f64, g.y_max);
        assert!(top >= u64::from(tallest(&agg, opts.kind)), "{values:?}");
        assert!(values.len() <= 11);
        for tick in &plot.y_ticks {
            assert_eq!(tick.label.text, group_digits_u64(tick.value, opts.lang));
            assert!(tick.y >= g.top - 1e-9 && tick.y <= g.bottom + 1e-9);
            // Labels end left of the plot and start inside the document.
            assert!(tick.label.x < g.left);
            assert!(tick.label.x - text_width(&tick.label.text, FONT) >= 0.0);
        }
        assert!((plot.y_ticks.last().unwrap().y - g.top).abs() < 1e-9);
        assert!((plot.y_ticks[0].y - g.bottom).abs() < 1e-9);
    }
}

#[test]
fn every_mark_is_inside_the_plot_area() {
    for (agg, opts) in cases() {
        let layout = layout(&agg, &opts);
        let area = layout.plot_area();
        assert!(area.x > 0.0 && area.y > 0.0 && area.w > 0.0 && area.h > 0.0);
        assert!(f64::from(area.x + area.w) <= layout.width);
        assert!(f64::from(area.y + area.h) <= layout.height);
        // A thousandth of a unit for f32 sums.
        let inside = |x: f32, y: f32| {
            x >= area.x - 1e-3
                && x <= area.x + area.w + 1e-3
                && y >= area.y - 1e-3
                && y <= area.y + area.h + 1e-3
        };
        let regions = layout.regions();
        assert_eq!(layout.buckets(), agg.buckets.len());
        match opts.kind {
            ChartKind::Lines => {
                // A target for every point, centred on it.
                assert_eq!(regions.len(), agg.buckets.len() * agg.series.len());
                for r in regions {
                    assert!(
                        inside(r.x + r.w / 2.0, r.y + r.h / 2.0),
                        "{r:?} outside {area:?}"
                    );
                    assert_eq!(r.count, agg.series[r.series].counts[r.bucket]);
                }
            }
            ChartKind::Stacked | ChartKind::Grouped => {
                for r in regions {
                    assert!(
                        inside(r.x, r.y) && inside(r.x + r.w, r.y + r.h),
                        "{r:?} outside {area:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn labels_stay_inside_the_document_and_apart() {
    for (agg, opts) in cases() {
        let layout = layout(&agg, &opts);
        let plot = plot(&layout);
        assert!(!plot.x_ticks.is_empty());
        let mut right = f64::NEG_INFINITY;
        for tick in &plot.x_ticks {
            let half = text_width(&tick.label.text, FONT) / 2.0;
            assert!(tick.x >= plot.scales.left && tick.x <= plot.scales.right);
            assert!(tick.label.x - half >= 0.0 && tick.label.x + half <= layout.width);
            assert!(tick.label.x - half > right, "{:?}", plot.x_ticks);
            right = tick.label.x + half;
            assert!(tick.label.y > plot.scales.bottom && tick.label.y < layout.height);
        }
        let caption = &layout.caption;
        assert!(caption.x + text_width(&caption.text, FONT) <= layout.width - PAD + 1e-9);
        for entry in &plot.legend {
            // The "+N more" entry has no swatch: only its label must fit.
            if entry.series.is_some() {
                assert!(entry.x >= PAD);
            }
            assert!(entry.label.x >= PAD && entry.y > plot.scales.bottom);
            assert!(entry.label.y <= layout.height);
        }
    }
}

#[test]
fn the_legend_has_an_entry_per_series_while_there_is_room() {
    for lang in Lang::ALL {
        let agg = aggregate_of(2000, &CODES, 365, Period::Month);
        let layout = layout(&agg, &options(ChartKind::Stacked, 800, 400, lang));
        let legend = &plot(&layout).legend;
        let series: Vec<Option<usize>> = legend.iter().map(|e| e.series).collect();
        let all: Vec<Option<usize>> = (0..agg.series.len()).map(Some).collect();
        assert_eq!(series, all);
        for (entry, s) in legend.iter().zip(&agg.series) {
            let name = crate::country::name(&s.country, lang);
            assert_eq!(
                entry.label.text,
                format!("{name} ({})", group_digits(s.total, lang))
            );
        }
    }
}

#[test]
fn a_legend_without_room_ends_with_a_count_of_the_rest() {
    // More countries than any chart has legend room for (codes the
    // gazetteer does not know are shown as they are).
    let names: Vec<String> = (0..40).map(|i| format!("Partner state {i}")).collect();
    let many: Vec<&str> = names.iter().map(String::as_str).collect();
    let agg = aggregate_of(4000, &many, 365, Period::Quarter);
    assert!(agg.series.len() > 30);
    for (width, height) in [(340, 300), (800, 400), (240, 160)] {
        let layout = layout(&agg, &options(ChartKind::Grouped, width, height, Lang::En));
        let legend = &plot(&layout).legend;
        let (last, shown) = legend.split_last().unwrap();
        assert_eq!(last.series, None);
        let listed: Vec<Option<usize>> = shown.iter().map(|e| e.series).collect();
        let first: Vec<Option<usize>> = (0..shown.len()).map(Some).collect();
        assert_eq!(listed, first);
        assert_eq!(
            last.label.text,
            format!("+{} more", agg.series.len() - shown.len())
        );
        // The legend keeps to at most 30% of the document.
        let rows_top = legend.iter().map(|e| e.y).fold(f64::INFINITY, f64::min);
        assert!(layout.height - rows_top <= layout.height * 0.3 + PAD + LEGEND_ROW);
    }
}

#[test]
fn an_empty_aggregate_has_a_message_and_no_plot() {
    let agg = aggregate(std::iter::empty(), Period::Month);
    for kind in ChartKind::ALL {
        for (lang, message) in [
            (Lang::En, "No events in the current selection"),
            (Lang::Ru, "Нет событий в текущей выборке"),
        ] {
            let layout = layout(&agg, &options(kind, 500, 300, lang));
            let Body::Empty {
                x0,
                x1,
                y,
                message: label,
            } = &layout.body
            else {
                panic!("a plot for no events");
            };
            assert_eq!((*x0, *x1), (PAD, 500.0 - PAD));
            assert!(*y > layout.caption.y && *y < layout.height);
            assert_eq!(label.text, message);
            assert!(label.y > layout.caption.y && label.y < *y);
            assert!(layout.regions().is_empty());
            assert_eq!(layout.plot_area(), PlotArea::default());
            assert_eq!(layout.buckets(), 0);
            assert_eq!(
                layout.name,
                caption(crate::aggregate::Measure::Events, Period::Month, lang)
            );
        }
    }
}

#[test]
fn a_long_title_adds_a_line_of_height_per_line() {
    let agg = aggregate_of(300, &CODES, 365, Period::Month);
    let title = "CARICC: events per country, all releases from 2012 to 2026, in both languages";
    let mut compared = 0;
    for width in [240, 400, 800, 2000] {
        let layout = layout(
            &agg,
            &ChartOptions {
                title,
                ..options(ChartKind::Stacked, width, 400, Lang::En)
            },
        );
        let lines = layout.title.len();
        assert!(lines >= 1);
        assert_eq!(layout.height, 400.0 + (lines - 1) as f64 * TITLE_LINE);
        let words: Vec<&str> = layout
            .title
            .iter()
            .flat_map(|l| l.text.split(' '))
            .collect();
        assert_eq!(words.join(" "), title);
        for line in &layout.title {
            assert!(line.x + text_width(&line.text, TITLE_FONT * BOLD_WIDTH) <= layout.width - PAD);
        }
        assert_eq!(layout.name, title);
        // Lines past the first make the document taller, not the plot
        // smaller: it loses only the first line's room (with the same legend).
        let untitled = super::layout(&agg, &options(ChartKind::Stacked, width, 400, Lang::En));
        let (g, g0) = (plot(&layout).scales, plot(&untitled).scales);
        let legend_rows = |l: &Layout| {
            let rows: Vec<(Option<usize>, f64)> = plot(l)
                .legend
                .iter()
                .map(|e| (e.series, e.y - l.height))
                .collect();
            rows
        };
        if legend_rows(&layout) == legend_rows(&untitled) {
            let lost = (g0.bottom - g0.top) - (g.bottom - g.top);
            assert!((lost - (TITLE_FONT + 8.0)).abs() < 1e-9, "{lost}");
            compared += 1;
        }
    }
    assert!(compared >= 2, "{compared}");
}
