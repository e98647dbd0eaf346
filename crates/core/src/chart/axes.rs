//! The axes' scales and labels: the value axis in round steps that reach
//! just above the tallest mark, and the time axis labelled as finely as its
//! labels fit without overlapping (every bucket, then months, then years).

use super::text::{text_width, Label, FONT};
use crate::aggregate::{Aggregate, Bucket, Period};
use crate::locale::period_label_short;
use crate::model::Lang;

/// Free space required between two neighbouring x labels.
const LABEL_GAP: f64 = 8.0;
/// Length of the time axis's tick marks.
pub(super) const TICK: f64 = 4.0;

/// A labelled point of the time axis.
#[derive(Clone, PartialEq, Debug)]
pub struct XTick {
    /// Where the tick mark is drawn, from the plot's bottom down [`XTick::LENGTH`].
    pub x: f64,
    /// Centred on the tick, pulled inside the document at the edges.
    pub label: Label,
}

impl XTick {
    /// How far the tick mark reaches below the plot.
    pub const LENGTH: f64 = TICK;
}

/// The step (1, 2 or 5 times a power of ten) and top of a value axis for
/// marks up to `max` with at most `max_ticks` steps: the lowest top, then
/// the fewest steps; and at least half of `max_ticks` steps where that is
/// possible, so the axis has enough labels to read values by.
pub(super) fn value_axis(max: u64, max_ticks: u64) -> (u64, u64) {
    let max = max.max(1);
    let max_ticks = max_ticks.max(1);
    let candidates = |min_ticks: u64| {
        let mut best: Option<(u64, u64)> = None;
        let mut magnitude = 1u64;
        'search: loop {
            for m in [1, 2, 5] {
                let Some(step) = magnitude.checked_mul(m) else {
                    break 'search;
                };
                let ticks = max.div_ceil(step);
                if (min_ticks..=max_ticks).contains(&ticks) {
                    if let Some(top) = ticks.checked_mul(step) {
                        if best.is_none_or(|(_, best_top)| top < best_top) {
                            best = Some((step, top));
                        }
                    }
                }
                if ticks <= 1 {
                    break 'search;
                }
            }
            match magnitude.checked_mul(10) {
                Some(next) => magnitude = next,
                None => break,
            }
        }
        best
    };
    candidates((max_ticks / 2).max(2))
        .or_else(|| candidates(1))
        .unwrap_or((max, max))
}

/// A bucket's label without its year ("Jun", "16–30 Jun", "16–30 июня", "Q2", "2 кв."),
/// unless `with_year`: [`crate::locale`]'s period labels.
fn short_label(b: &Bucket, period: Period, lang: Lang, with_year: bool) -> String {
    if with_year {
        return b.label(period, lang);
    }
    period_label_short(b, period, lang)
}

/// How far apart the time-axis labels are.
#[derive(Clone, Copy)]
enum Spacing {
    /// Every bucket, with its full label ("1-15 Jun 2025") or a short one
    /// ("1-15 Jun", the year only on the first label and each January).
    EachBucket { short: bool },
    /// Every `k` months, at the month's start: "Jun", the year as above.
    Months(u8),
    /// Every `k` years: "2025".
    Years(i32),
}

/// Picks the finest spacing of time-axis labels that does not overlap:
/// every bucket, then every 1, 2, 3 or 6 months, then every 1, 2, 5, 10...
/// years. A label naming a whole bucket sits under its middle; one naming a
/// longer unit (a month on a half-month axis, a year) marks where it starts.
/// The ticks for buckets `step` wide from `left`, labels on the baseline
/// `label_y`, pulled inside the document (`width`) at the edges.
pub(super) fn x_ticks(
    agg: &Aggregate,
    lang: Lang,
    (left, step): (f64, f64),
    width: f64,
    label_y: f64,
) -> Vec<XTick> {
    let period = agg.period;
    let mut spacings = vec![Spacing::EachBucket { short: false }];
    match period {
        Period::HalfMonth => spacings.extend([
            Spacing::EachBucket { short: true },
            Spacing::Months(1),
            Spacing::Months(2),
            Spacing::Months(3),
            Spacing::Months(6),
        ]),
        Period::Month => spacings.extend([
            Spacing::EachBucket { short: true },
            Spacing::Months(2),
            Spacing::Months(3),
            Spacing::Months(6),
        ]),
        Period::Quarter => spacings.push(Spacing::EachBucket { short: true }),
        Period::Year => {}
    }
    let mut k = 1;
    while k <= 1000 {
        spacings.extend([
            Spacing::Years(k),
            Spacing::Years(2 * k),
            Spacing::Years(5 * k),
        ]);
        k *= 10;
    }

    let year_start = |b: &Bucket| b.start.month() == 1 && b.start.day() == 1;
    let ticks_for = |spacing: Spacing| -> Vec<(f64, String)> {
        let mut first = true;
        let mut out = Vec::new();
        for (i, b) in agg.buckets.iter().enumerate() {
            let (keep, whole_bucket) = match spacing {
                Spacing::EachBucket { .. } => (true, true),
                Spacing::Months(k) => (
                    b.start.day() == 1 && (b.start.month() - 1) % k == 0,
                    period == Period::Month,
                ),
                Spacing::Years(k) => (
                    year_start(b) && b.start.year().rem_euclid(k) == 0,
                    period == Period::Year,
                ),
            };
            if !keep {
                continue;
            }
            let with_year = first || year_start(b);
            let label = match spacing {
                Spacing::EachBucket { short: false } => b.label(period, lang),
                Spacing::EachBucket { short: true } => short_label(b, period, lang, with_year),
                Spacing::Months(_) => short_label(b, Period::Month, lang, with_year),
                Spacing::Years(_) => b.start.year().to_string(),
            };
            out.push((
                if whole_bucket {
                    i as f64 + 0.5
                } else {
                    i as f64
                },
                label,
            ));
            first = false;
        }
        out
    };

    let fits = |ticks: &[(f64, String)]| {
        ticks.windows(2).all(|w| {
            (w[1].0 - w[0].0) * step
                >= (text_width(&w[0].1, FONT) + text_width(&w[1].1, FONT)) / 2.0 + LABEL_GAP
        })
    };
    let mut coarsest = Vec::new();
    let mut chosen = None;
    for spacing in spacings {
        let ticks = ticks_for(spacing);
        if ticks.is_empty() {
            continue;
        }
        if fits(&ticks) {
            chosen = Some(ticks);
            break;
        }
        coarsest = ticks;
    }
    let chosen = chosen.unwrap_or(coarsest);

    // Pull edge labels inside the document; drop one that then collides.
    let mut out = Vec::with_capacity(chosen.len());
    let mut last_right = f64::NEG_INFINITY;
    for (at, label) in chosen {
        let tick_x = left + at * step;
        let half = text_width(&label, FONT) / 2.0;
        let label_x = tick_x.clamp(half + 2.0, (width - half - 2.0).max(half + 2.0));
        if label_x - half < last_right + LABEL_GAP / 2.0 {
            continue;
        }
        last_right = label_x + half;
        out.push(XTick {
            x: tick_x,
            label: Label {
                x: label_x,
                y: label_y,
                text: label,
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_axes_are_round_and_tight() {
        assert_eq!(value_axis(0, 5), (1, 1));
        assert_eq!(value_axis(1, 8), (1, 1));
        assert_eq!(value_axis(7, 8), (1, 7));
        assert_eq!(value_axis(7, 3), (5, 10));
        assert_eq!(value_axis(60, 3), (20, 60));
        assert_eq!(value_axis(66, 8), (10, 70));
        assert_eq!(value_axis(480, 6), (100, 500));
        // 0-50 in one step would be tighter, but 0-20-40-60 is readable.
        assert_eq!(value_axis(50, 4), (20, 60));
        assert!(value_axis(u64::MAX, 2).1 >= u64::MAX / 2);
    }
}
