//! What the app's chart does with its reader: its size in a frame, the text
//! of a bar, and which bar a key moves to. Pure, so tested here; the app
//! (`src/events/chart_view.rs`) wires them to the DOM.

use super::Region;
use crate::aggregate::{Aggregate, Measure};
use crate::model::Lang;

/// The chart's size for a frame `frame_width` wide: as wide as the frame
/// (so text keeps its size on a phone), between 320 and 960 units; on a
/// narrow screen taller than wide enough, as the legend takes more rows there.
pub fn chart_size(frame_width: u32) -> (u32, u32) {
    let width = frame_width.clamp(320, 960);
    let height = if width < 600 {
        420
    } else {
        (width as f64 * 0.45).clamp(360.0, 420.0) as u32
    };
    (width, height)
}

/// The text of a bar: "Kazakhstan, Jun 2025: 12" (or "…: 12 kg").
pub fn bar_label(agg: &Aggregate, series: usize, bucket: usize, lang: Lang) -> String {
    let unit = match (agg.measure, lang) {
        (Measure::Events, _) => "",
        (Measure::Kg, Lang::En) => " kg",
        (Measure::Kg, Lang::Ru) => "\u{a0}кг",
    };
    match (agg.series.get(series), agg.buckets.get(bucket)) {
        (Some(_), Some(b)) => format!(
            "{}, {}: {}{unit}",
            agg.series_name(series, lang),
            b.label(agg.period, lang),
            agg.count(series, bucket)
        ),
        _ => String::new(),
    }
}

/// The region a key moves to from `from`: arrows left and right to the
/// previous or next period with a mark (the same country where it has one),
/// up and down to the next or previous country within the period, Home and
/// End to the first and last mark.
pub fn next_region(regions: &[Region], from: usize, key: &str) -> Option<usize> {
    let here = regions.get(from)?;
    match key {
        "ArrowRight" | "ArrowLeft" => {
            let forward = key == "ArrowRight";
            let next_bucket = if forward {
                regions[from..]
                    .iter()
                    .find(|r| r.bucket > here.bucket)?
                    .bucket
            } else {
                regions[..from]
                    .iter()
                    .rev()
                    .find(|r| r.bucket < here.bucket)?
                    .bucket
            };
            let in_bucket = || {
                regions
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.bucket == next_bucket)
            };
            in_bucket()
                .find(|(_, r)| r.series == here.series)
                .or_else(|| in_bucket().next())
                .map(|(i, _)| i)
        }
        "ArrowUp" => (from + 1 < regions.len() && regions[from + 1].bucket == here.bucket)
            .then_some(from + 1),
        "ArrowDown" => (from > 0 && regions[from - 1].bucket == here.bucket).then(|| from - 1),
        "Home" => Some(0),
        "End" => Some(regions.len() - 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{aggregate, Period};
    use crate::Date;

    #[test]
    fn the_chart_fills_its_frame_within_bounds() {
        // Narrow frames get the narrowest chart, tall for its legend.
        assert_eq!(chart_size(0), (320, 420));
        assert_eq!(chart_size(390), (390, 420));
        assert_eq!(chart_size(599), (599, 420));
        // From 600 wide: 45 % of the width, between 360 and 420.
        assert_eq!(chart_size(600), (600, 360));
        assert_eq!(chart_size(900), (900, 405));
        assert_eq!(chart_size(960), (960, 420));
        assert_eq!(chart_size(4000), (960, 420));
    }

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn a_bar_says_country_period_and_count() {
        let agg = aggregate(
            [
                ("KZ", d("2025-06-02")),
                ("KZ", d("2025-06-20")),
                ("KG", d("2025-07-01")),
            ],
            Period::Month,
        );
        let kz = agg.series.iter().position(|s| s.country == "KZ").unwrap();
        let june = agg
            .buckets
            .iter()
            .position(|b| b.start == d("2025-06-01"))
            .unwrap();
        assert_eq!(
            bar_label(&agg, kz, june, Lang::En),
            "Kazakhstan, Jun 2025: 2"
        );
        assert_eq!(
            bar_label(&agg, kz, june, Lang::Ru),
            "Казахстан, июн 2025: 2"
        );
        assert_eq!(bar_label(&agg, 99, june, Lang::En), "");
    }

    fn region(bucket: usize, series: usize) -> Region {
        Region {
            x: 0.0,
            y: 0.0,
            w: 1.0,
            h: 1.0,
            series,
            bucket,
            count: 1,
        }
    }

    #[test]
    fn keys_move_between_periods_and_countries() {
        // Period 0: countries 0 and 1; period 1: country 1; period 3: countries 0 and 2.
        let r = [
            region(0, 0),
            region(0, 1),
            region(1, 1),
            region(3, 0),
            region(3, 2),
        ];
        // Right keeps the country where the next period has it, else its first.
        assert_eq!(next_region(&r, 1, "ArrowRight"), Some(2));
        assert_eq!(next_region(&r, 0, "ArrowRight"), Some(2));
        assert_eq!(next_region(&r, 2, "ArrowRight"), Some(3));
        assert_eq!(next_region(&r, 4, "ArrowRight"), None);
        assert_eq!(next_region(&r, 4, "ArrowLeft"), Some(2));
        assert_eq!(next_region(&r, 2, "ArrowLeft"), Some(1));
        assert_eq!(next_region(&r, 0, "ArrowLeft"), None);
        // Up and down stay within the period.
        assert_eq!(next_region(&r, 0, "ArrowUp"), Some(1));
        assert_eq!(next_region(&r, 1, "ArrowUp"), None);
        assert_eq!(next_region(&r, 1, "ArrowDown"), Some(0));
        assert_eq!(next_region(&r, 3, "ArrowDown"), None);
        assert_eq!(
            (next_region(&r, 2, "Home"), next_region(&r, 2, "End")),
            (Some(0), Some(4))
        );
        assert_eq!(next_region(&r, 2, "Enter"), None);
        assert_eq!(next_region(&[], 0, "End"), None);
    }
}
