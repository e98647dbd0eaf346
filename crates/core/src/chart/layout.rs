//! Where everything in a chart goes, computed without drawing anything:
//! the document's size, the title and caption lines, the plot area and its
//! scales, the value and time axes' ticks and labels, the legend, and every
//! mark (bar rectangles, line points) with the screen region the app lays a
//! target over. [`super::svg`] writes a [`Layout`] out, `marks` draws its
//! marks with plotters.
//!
//! All positions are in SVG user units, origin top left, except the marks':
//! those are in plotters' backend units ([`SCALE`] per user unit, whole
//! numbers), as plotters draws them, mapped from data (buckets across,
//! counts up) by [`Scales::to_backend`] with plotters' own arithmetic. The
//! regions are those backend rectangles in user units, so they are exactly
//! where the marks are drawn.

pub use super::axes::XTick;
use super::axes::TICK;
use super::axes::{value_axis, x_ticks};
pub use super::text::Label;
use super::text::{
    caption, caption_with_total, describe, fit_chars, fit_text, more_countries, no_events,
    text_width, wrap_text, BOLD_WIDTH, FONT, TITLE_FONT,
};
use super::{ChartKind, ChartOptions, PlotArea, Region, MAX_SIZE, MIN_SIZE, SCALE};
use crate::aggregate::{Aggregate, SeriesOf};
use crate::locale::{group_digits, group_digits_u64};
use crate::model::Lang;

/// Margin around everything.
const PAD: f64 = 10.0;
/// From one title line's baseline to the next.
const TITLE_LINE: f64 = 19.0;
/// Height of a legend row.
const LEGEND_ROW: f64 = 18.0;
/// Side of a legend swatch.
pub(super) const SWATCH: f64 = 10.0;
/// Room below the plot for the x tick marks and their labels.
const X_AXIS_H: f64 = TICK + 17.0;
/// Longest legend entry, in characters, before it is cut with an ellipsis.
const MAX_LEGEND_CHARS: usize = 40;

/// A whole chart laid out.
#[derive(Clone, PartialEq, Debug)]
pub struct Layout<'a> {
    /// How the series are drawn (the writer outlines bars, not lines).
    pub kind: ChartKind,
    /// The document's size: the width asked for and the height asked for
    /// plus a line for each title line past the first, both clamped.
    pub width: f64,
    /// The document's height (see `width`).
    pub height: f64,
    /// The document's accessible name (`<title>`): the title, or the caption without one.
    pub name: &'a str,
    /// The chart in one sentence (`<desc>`).
    pub description: String,
    /// The title, one label per line (anchored at the start, bold).
    pub title: Vec<Label>,
    /// What is counted and the total (anchored at the start).
    pub caption: Label,
    /// The plot, or the message of an empty chart.
    pub body: Body,
}

/// What is under the caption.
#[derive(Clone, PartialEq, Debug)]
pub enum Body {
    /// No events: a time axis from `x0` to `x1` at `y`, and a message
    /// centred above it.
    Empty {
        /// Where the axis starts.
        x0: f64,
        /// Where it ends.
        x1: f64,
        /// Its height in the document.
        y: f64,
        /// "No events…", centred above the axis.
        message: Label,
    },
    /// Events: axes, marks and legend.
    Plot(Plot),
}

/// The plot of a non-empty aggregate.
#[derive(Clone, PartialEq, Debug)]
pub struct Plot {
    /// The plot area and its scales.
    pub scales: Scales,
    /// The value axis, bottom up, from zero to [`Scales::y_max`]; labels
    /// anchored at their end.
    pub y_ticks: Vec<YTick>,
    /// The time axis's labelled ticks, left to right; labels centred.
    pub x_ticks: Vec<XTick>,
    /// The colour of each series, by index into [`Aggregate::series`].
    pub colours: Vec<&'static str>,
    /// The bars or lines.
    pub marks: Marks,
    /// Where the app lays its targets, in user units, bucket by bucket in
    /// time order and, within a bucket, in series order: each bar (only
    /// counts above zero have one), or a square around each point of a line.
    pub regions: Vec<Region>,
    /// The legend under the time axis, in series order.
    pub legend: Vec<LegendEntry>,
}

/// The plot area and how data maps onto it: buckets `0..buckets` across
/// from `left` to `right`, counts `0..y_max` up from `bottom` to `top`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Scales {
    /// The plot area's left edge, in user units.
    pub left: f64,
    /// Its right edge.
    pub right: f64,
    /// Its top edge: where the value axis reaches `y_max`.
    pub top: f64,
    /// Its bottom edge: the time axis, where counts are 0.
    pub bottom: f64,
    /// Buckets on the time axis.
    pub buckets: usize,
    /// The count at the top of the value axis (its last tick).
    pub y_max: f64,
}

/// A value-axis tick: a grid line across the plot at `y` (none at zero)
/// and its label.
#[derive(Clone, PartialEq, Debug)]
pub struct YTick {
    /// The count it marks.
    pub value: u64,
    /// Where that count is.
    pub y: f64,
    /// The count, digits grouped (anchored at its end, left of the plot).
    pub label: Label,
}

/// The data marks, in backend units.
#[derive(Clone, PartialEq, Debug)]
pub enum Marks {
    /// One rectangle per count above zero, in the order of (and drawing)
    /// [`Plot::regions`].
    Bars(Vec<Bar>),
    /// One polyline per series, in drawing order: the smallest series
    /// first, so the countries with most events are drawn on top.
    Lines(Vec<SeriesLine>),
}

/// A bar or a stacked segment: its top left and bottom right corners, in
/// backend units.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Bar {
    /// Left edge and top.
    pub top_left: (i32, i32),
    /// Right edge and bottom.
    pub bottom_right: (i32, i32),
}

/// The points of one series' line: the middle of each bucket, its count.
#[derive(Clone, PartialEq, Debug)]
pub struct SeriesLine {
    /// Index into [`Aggregate::series`].
    pub series: usize,
    /// In backend units, one per bucket.
    pub points: Vec<(i32, i32)>,
}

/// One legend entry: a swatch and a label.
#[derive(Clone, PartialEq, Debug)]
pub struct LegendEntry {
    /// The series, `None` for the closing "+N more" entry (no swatch).
    pub series: Option<usize>,
    /// The legend's row, from 0 at the top.
    pub row: usize,
    /// Left edge of the swatch.
    pub x: f64,
    /// Top of its row.
    pub y: f64,
    /// The country and its total (anchored at the start).
    pub label: Label,
}

impl Layout<'_> {
    /// The [`Plot::regions`]; none for an empty chart.
    pub fn regions(&self) -> &[Region] {
        match &self.body {
            Body::Empty { .. } => &[],
            Body::Plot(plot) => &plot.regions,
        }
    }

    /// The [`Plot::regions`], moved out.
    pub fn into_regions(self) -> Vec<Region> {
        match self.body {
            Body::Empty { .. } => Vec::new(),
            Body::Plot(plot) => plot.regions,
        }
    }

    /// The plot area as plotters places it, edges on whole backend units;
    /// zero-sized for an empty chart.
    pub fn plot_area(&self) -> PlotArea {
        match &self.body {
            Body::Empty { .. } => PlotArea::default(),
            Body::Plot(plot) => plot.scales.area(),
        }
    }

    /// Buckets across the plot area; zero for an empty chart.
    pub fn buckets(&self) -> usize {
        match &self.body {
            Body::Empty { .. } => 0,
            Body::Plot(plot) => plot.scales.buckets,
        }
    }
}

impl Scales {
    /// Width of one bucket.
    pub fn step(&self) -> f64 {
        (self.right - self.left) / self.buckets.max(1) as f64
    }

    /// The user-unit x of bucket position `b` (0 = left edge of the first bucket).
    pub fn x(&self, b: f64) -> f64 {
        self.left + b * self.step()
    }

    /// The user-unit y of `value`.
    pub fn y(&self, value: f64) -> f64 {
        self.bottom - value / self.y_max * (self.bottom - self.top)
    }

    /// The plot area in backend units ([`SCALE`] per user unit), across
    /// and then bottom up, as plotters' coordinate system takes it.
    pub fn backend(&self) -> ((i32, i32), (i32, i32)) {
        let s = f64::from(SCALE);
        (
            (
                (self.left * s).round() as i32,
                (self.right * s).round() as i32,
            ),
            (
                (self.bottom * s).round() as i32,
                (self.top * s).round() as i32,
            ),
        )
    }

    /// Where plotters puts the data point `(x, v)`, in backend units: its
    /// own arithmetic (`Ranged::map` of `RangedCoordf64`), so regions land
    /// on the marks to the unit.
    pub fn to_backend(&self, (x, v): (f64, f64)) -> (i32, i32) {
        let (across, up) = self.backend();
        (
            plotters_map(x, (0.0, self.buckets as f64), across),
            plotters_map(v, (0.0, self.y_max), up),
        )
    }

    /// The plot area with its edges on whole backend units.
    pub fn area(&self) -> PlotArea {
        let s = f64::from(SCALE);
        let snap = |v: f64| ((v * s).round() / s) as f32;
        PlotArea {
            x: snap(self.left),
            y: snap(self.top),
            w: snap(self.right) - snap(self.left),
            h: snap(self.bottom) - snap(self.top),
        }
    }
}

/// Plotters' mapping of `v` in the range `from` to the backend range `to`
/// (plotters 0.3, `coord::ranged1d::types::numeric`), kept step for step.
fn plotters_map(v: f64, from: (f64, f64), to: (i32, i32)) -> i32 {
    if from.1 == from.0 {
        return (to.1 - to.0) / 2;
    }
    let logic_length = (v - from.0) / (from.1 - from.0);
    let actual_length = to.1 - to.0;
    if actual_length == 0 {
        return to.1;
    }
    if logic_length.is_infinite() {
        return if logic_length.is_sign_positive() {
            to.1
        } else {
            to.0
        };
    }
    if actual_length > 0 {
        to.0 + (f64::from(actual_length) * logic_length + 1e-3).floor() as i32
    } else {
        to.0 + (f64::from(actual_length) * logic_length - 1e-3).ceil() as i32
    }
}

/// A backend point in user units.
fn to_user((x, y): (i32, i32)) -> (f32, f32) {
    (x as f32 / SCALE as f32, y as f32 / SCALE as f32)
}

/// Lays out `agg` as `opts` asks. Never fails: an empty aggregate gives a
/// layout saying there are no events.
pub fn layout<'a>(agg: &Aggregate, opts: &ChartOptions<'a>) -> Layout<'a> {
    let lang = opts.lang;
    let width = f64::from(opts.width.clamp(MIN_SIZE.0, MAX_SIZE));
    let title_lines = if opts.title.is_empty() {
        Vec::new()
    } else {
        wrap_text(opts.title, TITLE_FONT * BOLD_WIDTH, width - 2.0 * PAD)
    };
    // Each title line past the first adds its height to the document: a
    // saved chart must say all it counts, and the plot keeps its room.
    let extra = title_lines.len().saturating_sub(1) as f64 * TITLE_LINE;
    let height = f64::from(opts.height.clamp(MIN_SIZE.1, MAX_SIZE)) + extra;

    // Top: the title, then the caption naming what is counted.
    let mut top = PAD;
    let mut title = Vec::with_capacity(title_lines.len());
    if !title_lines.is_empty() {
        for line in title_lines {
            title.push(Label {
                x: PAD,
                y: top + TITLE_FONT,
                text: line,
            });
            top += TITLE_LINE;
        }
        top += TITLE_FONT + 8.0 - TITLE_LINE;
    }
    let caption_label = Label {
        x: PAD,
        y: top + FONT,
        text: fit_text(&caption_with_total(agg, lang), FONT, width - 2.0 * PAD),
    };
    top += FONT + 14.0;

    // Bottom: the legend, above it the time axis.
    let legend = layout_legend(agg, lang, width - 2.0 * PAD, max_legend_rows(height, top));
    let legend_rows = legend.iter().map(|e| e.row + 1).max().unwrap_or(0);
    let legend_h = legend_rows as f64 * LEGEND_ROW;
    let legend_top = height - PAD - legend_h;
    let plot_bottom = legend_top - if legend_rows > 0 { 8.0 } else { 0.0 } - X_AXIS_H;

    let name = if opts.title.is_empty() {
        caption(agg.measure, agg.period, lang)
    } else {
        opts.title
    };
    let body = if agg.is_empty() {
        Body::Empty {
            x0: PAD,
            x1: width - PAD,
            y: plot_bottom,
            message: Label {
                x: width / 2.0,
                y: (top + plot_bottom) / 2.0,
                text: fit_text(no_events(agg.measure, lang), EMPTY_FONT, width - 2.0 * PAD),
            },
        }
    } else {
        Body::Plot(layout_plot(
            agg,
            opts,
            width,
            (top, plot_bottom),
            legend,
            legend_top,
        ))
    };
    Layout {
        kind: opts.kind,
        width,
        height,
        name,
        description: describe(agg, lang),
        title,
        caption: caption_label,
        body,
    }
}

/// The size of the empty chart's message.
pub(super) const EMPTY_FONT: f64 = FONT * 1.25;

/// The plot of a non-empty `agg` between `top` and `bottom`, with the
/// legend (rows from `legend_top`) under its time axis.
fn layout_plot(
    agg: &Aggregate,
    opts: &ChartOptions,
    width: f64,
    (top, bottom): (f64, f64),
    mut legend: Vec<LegendEntry>,
    legend_top: f64,
) -> Plot {
    let lang = opts.lang;
    // The value axis: round steps, at least 32 units apart, reaching as
    // little above the tallest mark as they can.
    let max_value = match opts.kind {
        ChartKind::Stacked => agg.max_bucket_total(),
        ChartKind::Grouped | ChartKind::Lines => agg.max_count(),
    };
    let max_ticks = ((bottom - top) / 32.0).clamp(2.0, 10.0) as u64;
    let (step, y_max) = value_axis(u64::from(max_value), max_ticks);
    // The labels first: their width places the plot's left edge, and that the ticks.
    let mut y_ticks: Vec<YTick> = (0..=y_max / step)
        .map(|i| YTick {
            value: i * step,
            y: 0.0,
            label: Label {
                x: 0.0,
                y: 0.0,
                text: group_digits_u64(i * step, lang),
            },
        })
        .collect();
    let y_label_w = y_ticks
        .iter()
        .map(|tick| text_width(&tick.label.text, FONT))
        .fold(0.0, f64::max);
    let left = PAD + y_label_w + 8.0;
    let scales = Scales {
        left,
        right: width - PAD - 6.0,
        top,
        bottom,
        buckets: agg.buckets.len(),
        y_max: y_max as f64,
    };
    for tick in &mut y_ticks {
        tick.y = scales.y(tick.value as f64);
        tick.label.x = left - 6.0;
        tick.label.y = tick.y + FONT * 0.35;
    }
    let x_ticks = x_ticks(
        agg,
        lang,
        (left, scales.step()),
        width,
        bottom + TICK + FONT + 1.0,
    );
    let colours: Vec<&'static str> = agg
        .series
        .iter()
        .map(|series| match agg.of {
            SeriesOf::Country => opts.colour(&series.country),
            SeriesOf::Substance => crate::seized::substance_colour(&series.country, opts.dark),
        })
        .collect();
    let (marks, regions) = layout_marks(agg, opts.kind, &scales);
    // Placed now that the plot is: entries were flowed with `x` from the
    // legend's left edge.
    for entry in &mut legend {
        entry.y = legend_top + entry.row as f64 * LEGEND_ROW;
        entry.label.x = PAD + entry.x + SWATCH + 5.0;
        entry.label.y = entry.y + FONT - 0.5;
        entry.x += PAD;
    }
    Plot {
        scales,
        y_ticks,
        x_ticks,
        colours,
        marks,
        regions,
        legend,
    }
}

/// The marks of `agg` drawn as `kind` on `scales`, and their regions.
fn layout_marks(agg: &Aggregate, kind: ChartKind, scales: &Scales) -> (Marks, Vec<Region>) {
    let n = scales.buckets;
    let k = agg.series.len();
    let step_px = scales.step();
    let mut regions = Vec::new();
    let mut bar = |x0: f64, v0: f64, x1: f64, v1: f64, series, bucket, count| {
        let top_left = scales.to_backend((x0, v1));
        let bottom_right = scales.to_backend((x1, v0));
        let (ax, ay) = to_user(top_left);
        let (bx, by) = to_user(bottom_right);
        regions.push(Region {
            x: ax,
            y: ay,
            w: bx - ax,
            h: by - ay,
            series,
            bucket,
            count,
        });
        Bar {
            top_left,
            bottom_right,
        }
    };
    // Gaps between bars only where there is room for them.
    let gap = if step_px >= 6.0 {
        0.2
    } else if step_px >= 3.0 {
        0.1
    } else {
        0.0
    };
    let marks = match kind {
        ChartKind::Stacked => {
            let mut bars = Vec::new();
            for b in 0..n {
                let mut base = 0u64;
                for si in 0..k {
                    let count = agg.count(si, b);
                    if count == 0 {
                        continue;
                    }
                    let top = base + u64::from(count);
                    bars.push(bar(
                        b as f64 + gap / 2.0,
                        base as f64,
                        b as f64 + 1.0 - gap / 2.0,
                        top as f64,
                        si,
                        b,
                        count,
                    ));
                    base = top;
                }
            }
            Marks::Bars(bars)
        }
        ChartKind::Grouped => {
            let sub = (1.0 - gap) / k.max(1) as f64;
            let mut bars = Vec::new();
            for b in 0..n {
                for si in 0..k {
                    let count = agg.count(si, b);
                    if count == 0 {
                        continue;
                    }
                    let x0 = b as f64 + gap / 2.0 + si as f64 * sub;
                    bars.push(bar(x0, 0.0, x0 + sub, f64::from(count), si, b, count));
                }
            }
            Marks::Bars(bars)
        }
        ChartKind::Lines => {
            let lines: Vec<SeriesLine> = (0..k)
                .rev()
                .map(|si| SeriesLine {
                    series: si,
                    points: (0..n)
                        .map(|b| scales.to_backend((b as f64 + 0.5, f64::from(agg.count(si, b)))))
                        .collect(),
                })
                .collect();
            let side = step_px.clamp(6.0, 14.0) as f32;
            regions.reserve_exact(n * k);
            for b in 0..n {
                for si in 0..k {
                    // The lines are in reverse series order.
                    let (x, y) = to_user(lines[k - 1 - si].points[b]);
                    regions.push(Region {
                        x: x - side / 2.0,
                        y: y - side / 2.0,
                        w: side,
                        h: side,
                        series: si,
                        bucket: b,
                        count: agg.count(si, b),
                    });
                }
            }
            Marks::Lines(lines)
        }
    };
    (marks, regions)
}

fn max_legend_rows(height: f64, top: f64) -> usize {
    // The legend gets at most 30% of the height, and leaves the plot at least 60 units.
    let room = (height - top - PAD - X_AXIS_H - 8.0 - 60.0).min(height * 0.3);
    (room / LEGEND_ROW).floor().max(1.0) as usize
}

/// Flows the legend entries into rows of `width`; entries past `max_rows`
/// become one "+N more" entry. Each entry's `x` is from the legend's left
/// edge; [`layout_plot`] places them.
fn layout_legend(agg: &Aggregate, lang: Lang, width: f64, max_rows: usize) -> Vec<LegendEntry> {
    let entry_width = |label: &str| SWATCH + 5.0 + text_width(label, FONT) + 16.0;
    let mut items: Vec<LegendEntry> = Vec::new();
    let entry = |series, row, x, text| LegendEntry {
        series,
        row,
        x,
        y: 0.0,
        label: Label {
            x: 0.0,
            y: 0.0,
            text,
        },
    };
    let (mut row, mut x) = (0usize, 0.0f64);
    let mut overflow = false;
    for (si, series) in agg.series.iter().enumerate() {
        let name = agg.series_name(si, lang);
        let label = fit_chars(
            &format!("{name} ({})", group_digits(series.total, lang)),
            MAX_LEGEND_CHARS,
        );
        let w = entry_width(&label);
        if x > 0.0 && x + w > width {
            row += 1;
            x = 0.0;
        }
        if row >= max_rows {
            overflow = true;
            break;
        }
        items.push(entry(Some(si), row, x, label));
        x += w;
    }
    if overflow {
        // Make room on the last row for the "+N more" entry.
        let last_row = max_rows - 1;
        loop {
            let hidden = agg.series.len() - items.len();
            let label = more_countries(hidden, lang);
            let end = items
                .iter()
                .filter(|i| i.row == last_row)
                .map(|i| i.x + entry_width(&i.label.text))
                .fold(0.0, f64::max);
            if end + entry_width(&label) <= width || items.iter().all(|i| i.row != last_row) {
                items.push(entry(None, last_row, end - SWATCH - 5.0, label));
                break;
            }
            items.pop();
        }
    }
    items
}

#[cfg(test)]
mod tests;
