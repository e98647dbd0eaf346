//! Charts of an [`Aggregate`]: stacked bars, grouped bars or lines, rendered
//! to a standalone SVG document, plus the screen rectangle of every mark so
//! the app can lay focusable, hoverable targets over it.
//!
//! Plotters draws the data marks. The text (title, axis labels, legend) and
//! the axes around it are written here, because plotters lays text out with
//! font metrics it takes, on wasm32, from a `<span>` it appends to the live
//! document and measures: that needs a DOM (it panics without one), forces a
//! layout per label, and natively falls back to a guess or to system fonts.
//! Instead this module estimates text widths from per-character advances of
//! a common sans-serif ([`text_width`]), generously, and leaves the real
//! glyphs to the SVG viewer. Everything written into the SVG is XML-escaped:
//! country codes and titles come from partner archives.
//!
//! Plotters works in whole backend units; the marks are drawn at
//! [`SCALE`] times the document's size and scaled back, so that a dense axis
//! (hundreds of half-months on a phone, under a pixel per bar) keeps every
//! bar visible and evenly spaced.

use std::fmt::Write as _;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::{
    Cartesian2d, Circle, IntoDrawingArea, PathElement, RGBColor, Rectangle, SVGBackend, ShapeStyle,
};

use crate::aggregate::{month_abbr, month_genitive, Aggregate, Bucket, Period};
use crate::country::{self, Palette};
use crate::model::Lang;

/// How the series are drawn.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum ChartKind {
    /// One bar per bucket, the countries stacked: shows totals and shares.
    Stacked,
    /// One bar per country side by side in each bucket.
    Grouped,
    /// One line per country.
    Lines,
}

impl ChartKind {
    pub const ALL: [ChartKind; 3] = [ChartKind::Stacked, ChartKind::Grouped, ChartKind::Lines];

    /// The spelling used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Stacked => "stacked",
            ChartKind::Grouped => "grouped",
            ChartKind::Lines => "lines",
        }
    }

    pub fn parse(s: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What to draw and how.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ChartOptions<'a> {
    pub kind: ChartKind,
    /// Size of the document in SVG user units (CSS pixels at 100%), clamped
    /// to [`MIN_SIZE`]..=[`MAX_SIZE`].
    pub width: u32,
    pub height: u32,
    /// The language of the chart's own words (caption, axes, legend).
    pub lang: Lang,
    /// Colour of text and axes, any CSS colour: `"#222"` on light, `"#ddd"` on dark backgrounds.
    pub foreground: &'a str,
    /// A CSS colour to fill the background with; `None` leaves it transparent.
    pub background: Option<&'a str>,
    /// Shown above the chart; empty for none.
    pub title: &'a str,
    /// The country colours of the archive; `None` for [`country::color`].
    pub palette: Option<&'a Palette>,
    /// Draws the countries in their variants for a dark background.
    pub dark: bool,
}

impl ChartOptions<'_> {
    /// The colour of the series of `code`.
    fn colour(&self, code: &str) -> &'static str {
        match self.palette {
            Some(p) => p.colour(code, self.dark),
            None => Palette::default().colour(code, self.dark),
        }
    }
}

impl Default for ChartOptions<'static> {
    fn default() -> Self {
        ChartOptions {
            kind: ChartKind::Stacked,
            width: 800,
            height: 400,
            lang: Lang::En,
            foreground: "#222",
            background: None,
            title: "",
            palette: None,
            dark: false,
        }
    }
}

/// The smallest and largest document sides [`render`] draws.
pub const MIN_SIZE: (u32, u32) = (240, 160);
pub const MAX_SIZE: u32 = 8192;

/// Backend units per SVG user unit for the marks plotters draws.
pub const SCALE: i32 = 4;

/// Where one mark is drawn: a bar segment, or a point of a line (then a small
/// square centred on it). In SVG user units, origin top left.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Region {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// Index into [`Aggregate::series`].
    pub series: usize,
    /// Index into [`Aggregate::buckets`].
    pub bucket: usize,
    pub count: u32,
}

/// A rendered chart.
#[derive(Clone, PartialEq, Debug)]
pub struct Chart {
    /// A complete SVG document.
    pub svg: String,
    /// One per mark, bucket by bucket in time order and, within a bucket, in
    /// series order. Bars have a region only where the count is above zero;
    /// lines have one for every point.
    pub regions: Vec<Region>,
    /// The plot area, where the marks are, in SVG user units (zero-sized for an empty chart).
    pub plot: PlotArea,
    /// Buckets across the plot area, each `plot.w / buckets` wide.
    pub buckets: usize,
    /// The document's height in user units: the height asked for, plus a
    /// line for each line of the title past its first.
    pub height: u32,
}

/// A rectangle in SVG user units, origin top left.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct PlotArea {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Chart {
    /// The bucket whose column holds `x` (SVG user units), for hovering or
    /// clicking anywhere in a column; `None` outside the plot area.
    pub fn bucket_at(&self, x: f32) -> Option<usize> {
        let n = self.buckets;
        if n == 0 || !(self.plot.x..self.plot.x + self.plot.w).contains(&x) {
            return None;
        }
        // Column edges exactly as plotters maps them to backend units.
        let units = f64::from(self.plot.w) * f64::from(SCALE);
        let start = |b: usize| (b as f64 / n as f64 * units + 1e-3).floor();
        let at = (f64::from(x - self.plot.x) * f64::from(SCALE)).floor();
        let mut b = ((at / units * n as f64) as usize).min(n - 1);
        while b + 1 < n && start(b + 1) <= at {
            b += 1;
        }
        while b > 0 && start(b) > at {
            b -= 1;
        }
        Some(b)
    }
}

const PAD: f64 = 10.0;
const FONT: f64 = 12.0;
const TITLE_FONT: f64 = 15.0;
/// From one title line's baseline to the next.
const TITLE_LINE: f64 = 19.0;
/// How much wider bold text runs than [`text_width`] says (DejaVu Sans Bold vs regular: 1.09-1.12).
const BOLD_WIDTH: f64 = 1.12;
const LEGEND_ROW: f64 = 18.0;
const SWATCH: f64 = 10.0;
const TICK: f64 = 4.0;
/// Room below the plot for the x tick marks and their labels.
const X_AXIS_H: f64 = TICK + 17.0;
/// Free space required between two neighbouring x labels.
const LABEL_GAP: f64 = 8.0;
const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";
/// The outline of bars and swatches on light backgrounds: black at 60 %,
/// 5.7:1 on white.
const OUTLINE: &str = "stroke=\"#000\" stroke-opacity=\"0.6\" stroke-width=\"1\"";

/// Longest legend entry, in characters, before it is cut with an ellipsis.
const MAX_LEGEND_CHARS: usize = 40;

/// Renders `agg` as [`ChartOptions::kind`] says. Never fails: an empty
/// aggregate gives a chart saying there are no events.
pub fn render(agg: &Aggregate, opts: &ChartOptions) -> Chart {
    let width = f64::from(opts.width.clamp(MIN_SIZE.0, MAX_SIZE));
    let title_lines = if opts.title.is_empty() {
        Vec::new()
    } else {
        wrap_text(opts.title, TITLE_FONT * BOLD_WIDTH, width - 2.0 * PAD)
    };
    // Each title line past the first adds its height to the document.
    let extra = title_lines.len().saturating_sub(1) as f64 * TITLE_LINE;
    let height = f64::from(opts.height.clamp(MIN_SIZE.1, MAX_SIZE)) + extra;
    let ru = opts.lang == Lang::Ru;
    let lang = opts.lang;
    let mut svg = String::with_capacity(4096 + agg.buckets.len() * agg.series.len().min(32) * 96);

    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\">\n<title>"
    );
    push_text(
        &mut svg,
        if opts.title.is_empty() {
            caption(agg.period, lang)
        } else {
            opts.title
        },
    );
    svg.push_str("</title>\n<desc>");
    push_text(&mut svg, &describe(agg, lang));
    svg.push_str("</desc>\n");
    if let Some(bg) = opts.background {
        let _ = write!(
            svg,
            "<rect class=\"background\" width=\"{width}\" height=\"{height}\" fill=\""
        );
        push_text(&mut svg, bg);
        svg.push_str("\"/>\n");
    }
    svg.push_str("<g class=\"chrome\" fill=\"");
    push_text(&mut svg, opts.foreground);
    svg.push_str("\" stroke=\"");
    push_text(&mut svg, opts.foreground);
    svg.push_str("\" stroke-width=\"0\">\n");

    // Top: title, then the caption naming what is counted. The title wraps
    // onto as many lines as it needs (a saved chart must say all it counts);
    // lines past the first make the document taller, not the plot smaller.
    let mut top = PAD;
    if !title_lines.is_empty() {
        for line in &title_lines {
            text(
                &mut svg,
                PAD,
                top + TITLE_FONT,
                "start",
                Some(("title", TITLE_FONT, true)),
                line,
            );
            top += TITLE_LINE;
        }
        top += TITLE_FONT + 8.0 - TITLE_LINE;
    }
    let caption_text = if agg.is_empty() {
        caption(agg.period, lang).to_string()
    } else if ru {
        format!(
            "{}, всего {}",
            caption(agg.period, lang),
            group_digits(agg.total, lang)
        )
    } else {
        format!(
            "{}, total {}",
            caption(agg.period, lang),
            group_digits(agg.total, lang)
        )
    };
    let caption_text = fit_text(&caption_text, FONT, width - 2.0 * PAD);
    text(
        &mut svg,
        PAD,
        top + FONT,
        "start",
        Some(("caption", FONT, false)),
        &caption_text,
    );
    top += FONT + 14.0;

    // Bottom: the legend, above it the x axis.
    let legend = layout_legend(agg, lang, width - 2.0 * PAD, max_legend_rows(height, top));
    let legend_h = legend.rows as f64 * LEGEND_ROW;
    let legend_top = height - PAD - legend_h;
    let plot_bottom = legend_top - if legend.rows > 0 { 8.0 } else { 0.0 } - X_AXIS_H;

    if agg.is_empty() {
        let (x0, x1) = (PAD, width - PAD);
        let _ = writeln!(
            svg,
            "<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"1\" stroke-opacity=\"0.5\"/>",
            num(x0),
            num(plot_bottom),
            num(x1),
            num(plot_bottom)
        );
        let message = if ru {
            "Нет событий в текущей выборке"
        } else {
            "No events in the current selection"
        };
        text(
            &mut svg,
            width / 2.0,
            (top + plot_bottom) / 2.0,
            "middle",
            Some(("empty", FONT * 1.25, false)),
            &fit_text(message, FONT * 1.25, width - 2.0 * PAD),
        );
        svg.push_str("</g>\n</svg>\n");
        return Chart {
            svg,
            regions: Vec::new(),
            plot: PlotArea::default(),
            buckets: 0,
            height: height as u32,
        };
    }

    // The value axis: round steps, at least 32 units apart, reaching as little above the tallest mark as they can.
    let plot_top = top;
    let max_value = match opts.kind {
        ChartKind::Stacked => agg.max_bucket_total(),
        ChartKind::Grouped | ChartKind::Lines => agg.max_count(),
    };
    let max_ticks = ((plot_bottom - plot_top) / 32.0).clamp(2.0, 10.0) as u64;
    let (step, y_max) = value_axis(u64::from(max_value), max_ticks);
    let y_labels: Vec<(u64, String)> = (0..=y_max / step)
        .map(|i| (i * step, group_digits_u64(i * step, lang)))
        .collect();
    let y_label_w = y_labels
        .iter()
        .map(|(_, l)| text_width(l, FONT))
        .fold(0.0, f64::max);
    let plot_left = PAD + y_label_w + 8.0;
    let plot_right = width - PAD - 6.0;

    let n = agg.buckets.len();
    let geometry = Geometry {
        left: plot_left,
        right: plot_right,
        top: plot_top,
        bottom: plot_bottom,
        n,
        y_max: y_max as f64,
    };

    // Grid and value labels, under the marks.
    svg.push_str("<g class=\"y-axis\" text-anchor=\"end\">\n");
    for (value, label) in &y_labels {
        let y = geometry.y(*value as f64);
        if *value > 0 {
            let _ = writeln!(
                svg,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke-width=\"1\" stroke-opacity=\"0.15\"/>",
                num(plot_left),
                num(plot_right),
                y = num(y)
            );
        }
        text(
            &mut svg,
            plot_left - 6.0,
            y + FONT * 0.35,
            "end",
            None,
            label,
        );
    }
    svg.push_str("</g>\n");

    // The marks, by plotters.
    let step_px = geometry.step();
    let (marks, regions) = draw_marks(agg, opts, &geometry, width, height);
    let crisp = if opts.kind != ChartKind::Lines && step_px >= 6.0 {
        " shape-rendering=\"crispEdges\""
    } else {
        ""
    };
    let _ = writeln!(
        svg,
        "<g class=\"marks\" transform=\"scale({})\"{crisp} stroke-width=\"0\">",
        1.0 / f64::from(SCALE)
    );
    svg.push_str(marks_body(&marks));
    svg.push_str("</g>\n");
    // Light colour-blind-safe hues (yellow, sky blue) fall below 3:1 against
    // white: on light backgrounds a dark outline gives every bar and segment
    // wide enough for one an edge that reaches it (WCAG 1.4.11).
    if !opts.dark && opts.kind != ChartKind::Lines {
        let _ = writeln!(svg, "<g class=\"outlines\" fill=\"none\" {OUTLINE}>");
        for r in regions.iter().filter(|r| r.w >= 4.0 && r.h >= 1.0) {
            let _ = writeln!(
                svg,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                num(f64::from(r.x)),
                num(f64::from(r.y)),
                num(f64::from(r.w)),
                num(f64::from(r.h))
            );
        }
        svg.push_str("</g>\n");
    }

    // The time axis over the marks' feet.
    let _ = writeln!(
        svg,
        "<line class=\"axis\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke-width=\"1\"/>",
        num(plot_left),
        num(plot_right),
        y = num(plot_bottom)
    );
    svg.push_str("<g class=\"x-axis\" text-anchor=\"middle\">\n");
    for tick in x_ticks(agg, lang, &geometry, width) {
        let _ = writeln!(
            svg,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke-width=\"1\"/>",
            num(plot_bottom),
            num(plot_bottom + TICK),
            x = num(tick.tick_x)
        );
        text(
            &mut svg,
            tick.label_x,
            plot_bottom + TICK + FONT + 1.0,
            "middle",
            None,
            &tick.label,
        );
    }
    svg.push_str("</g>\n");

    // The legend: one swatch per country, in series order.
    svg.push_str("<g class=\"legend\">\n");
    for item in &legend.items {
        let y = legend_top + item.row as f64 * LEGEND_ROW;
        if let Some(series) = item.series {
            let colour = opts.colour(&agg.series[series].country);
            if opts.kind == ChartKind::Lines {
                let _ = writeln!(
                    svg,
                    "<rect x=\"{}\" y=\"{}\" width=\"{SWATCH}\" height=\"3\" fill=\"{colour}\"/>",
                    num(PAD + item.x),
                    num(y + 5.5)
                );
            } else {
                // Outlined on light backgrounds, as the bars are.
                let _ = write!(
                    svg,
                    "<rect x=\"{}\" y=\"{}\" width=\"{SWATCH}\" height=\"{SWATCH}\" fill=\"{colour}\"",
                    num(PAD + item.x),
                    num(y + 2.0)
                );
                if !opts.dark {
                    let _ = write!(svg, " {OUTLINE}");
                }
                svg.push_str("/>\n");
            }
        }
        text(
            &mut svg,
            PAD + item.x + SWATCH + 5.0,
            y + FONT - 0.5,
            "start",
            None,
            &item.label,
        );
    }
    svg.push_str("</g>\n</g>\n</svg>\n");
    // The plot area as plotters placed it: edges on whole backend units.
    let s = f64::from(SCALE);
    let snap = |v: f64| ((v * s).round() / s) as f32;
    let plot = PlotArea {
        x: snap(plot_left),
        y: snap(plot_top),
        w: snap(plot_right) - snap(plot_left),
        h: snap(plot_bottom) - snap(plot_top),
    };
    Chart {
        svg,
        regions,
        plot,
        buckets: n,
        height: height as u32,
    }
}

/// The plot area and its scales, in SVG user units.
struct Geometry {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    /// Buckets on the time axis.
    n: usize,
    y_max: f64,
}

impl Geometry {
    /// Width of one bucket.
    fn step(&self) -> f64 {
        (self.right - self.left) / self.n.max(1) as f64
    }

    /// The user-unit x of bucket position `b` (0 = left edge of the first bucket).
    fn x(&self, b: f64) -> f64 {
        self.left + b * self.step()
    }

    fn y(&self, value: f64) -> f64 {
        self.bottom - value / self.y_max * (self.bottom - self.top)
    }
}

/// Draws the marks with plotters at [`SCALE`] and returns plotters' SVG and
/// the regions, computed from the same coordinate mapping plotters used.
fn draw_marks(
    agg: &Aggregate,
    opts: &ChartOptions,
    g: &Geometry,
    width: f64,
    height: f64,
) -> (String, Vec<Region>) {
    let mut out = String::new();
    let mut regions = Vec::new();
    let s = f64::from(SCALE);
    let size = ((width * s) as u32, (height * s) as u32);
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        // Plotters maps the y range's start to the first backend coordinate: bottom up.
        let area = root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
            0.0..g.n as f64,
            0.0..g.y_max,
            (
                (g.left * s).round() as i32..(g.right * s).round() as i32,
                (g.bottom * s).round() as i32..(g.top * s).round() as i32,
            ),
        ));
        let to_user = |(x, y): (i32, i32)| (x as f32 / SCALE as f32, y as f32 / SCALE as f32);
        let colours: Vec<RGBColor> = agg
            .series
            .iter()
            .map(|series| parse_hex(opts.colour(&series.country)))
            .collect();
        let step_px = g.step();
        // Gaps between bars only where there is room for them.
        let gap = if step_px >= 6.0 {
            0.2
        } else if step_px >= 3.0 {
            0.1
        } else {
            0.0
        };
        let mut rect = |x0: f64,
                        v0: f64,
                        x1: f64,
                        v1: f64,
                        colour: RGBColor,
                        series: usize,
                        bucket: usize,
                        count: u32| {
            let _ = area.draw(&Rectangle::new(
                [(x0, v1), (x1, v0)],
                ShapeStyle::from(colour).filled(),
            ));
            let (ax, ay) = to_user(area.map_coordinate(&(x0, v1)));
            let (bx, by) = to_user(area.map_coordinate(&(x1, v0)));
            regions.push(Region {
                x: ax,
                y: ay,
                w: bx - ax,
                h: by - ay,
                series,
                bucket,
                count,
            });
        };
        match opts.kind {
            ChartKind::Stacked => {
                for b in 0..g.n {
                    let mut base = 0u64;
                    for (si, colour) in colours.iter().enumerate() {
                        let count = agg.count(si, b);
                        if count == 0 {
                            continue;
                        }
                        let top = base + u64::from(count);
                        rect(
                            b as f64 + gap / 2.0,
                            base as f64,
                            b as f64 + 1.0 - gap / 2.0,
                            top as f64,
                            *colour,
                            si,
                            b,
                            count,
                        );
                        base = top;
                    }
                }
            }
            ChartKind::Grouped => {
                let k = colours.len().max(1) as f64;
                let sub = (1.0 - gap) / k;
                for b in 0..g.n {
                    for (si, colour) in colours.iter().enumerate() {
                        let count = agg.count(si, b);
                        if count == 0 {
                            continue;
                        }
                        let x0 = b as f64 + gap / 2.0 + si as f64 * sub;
                        rect(x0, 0.0, x0 + sub, f64::from(count), *colour, si, b, count);
                    }
                }
            }
            ChartKind::Lines => {
                let markers = step_px >= 12.0 || g.n < 2;
                let thin = step_px < 4.0;
                let stroke = ShapeStyle {
                    color: RGBColor(0, 0, 0).into(),
                    filled: false,
                    stroke_width: (if thin { 1.5 } else { 2.0 } * s) as u32,
                };
                // Smallest first, so the countries with most events are drawn on top.
                for (si, colour) in colours.iter().enumerate().rev() {
                    let points: Vec<(f64, f64)> = (0..g.n)
                        .map(|b| (b as f64 + 0.5, f64::from(agg.count(si, b))))
                        .collect();
                    let _ = area.draw(&PathElement::new(
                        points.clone(),
                        ShapeStyle {
                            color: (*colour).into(),
                            ..stroke
                        },
                    ));
                    if markers {
                        for p in &points {
                            let _ = area.draw(&Circle::new(
                                *p,
                                (2.5 * s) as u32,
                                ShapeStyle::from(*colour).filled(),
                            ));
                        }
                    }
                }
                let side = step_px.clamp(6.0, 14.0) as f32;
                for b in 0..g.n {
                    for si in 0..colours.len() {
                        let count = agg.count(si, b);
                        let (x, y) =
                            to_user(area.map_coordinate(&(b as f64 + 0.5, f64::from(count))));
                        regions.push(Region {
                            x: x - side / 2.0,
                            y: y - side / 2.0,
                            w: side,
                            h: side,
                            series: si,
                            bucket: b,
                            count,
                        });
                    }
                }
            }
        }
        let _ = root.present();
    }
    (out, regions)
}

/// Plotters' document without its own `<svg>` root, to nest in ours.
fn marks_body(doc: &str) -> &str {
    let start = doc.find('>').map_or(0, |i| i + 1);
    let end = doc.rfind("</svg>").unwrap_or(doc.len()).max(start);
    doc[start..end].trim_start_matches('\n')
}

/// A bucket's label without its year ("Jun", "16–30 Jun", "16–30 июня", "Q2", "2 кв."),
/// unless `with_year`.
fn short_label(b: &Bucket, period: Period, lang: Lang, with_year: bool) -> String {
    let lang = lang.as_str();
    if with_year || period == Period::Year {
        return b.label(period, lang);
    }
    let month = month_abbr(b.start.month(), lang);
    let quarter = (b.start.month() - 1) / 3 + 1;
    match period {
        Period::Release => format!(
            "{}–{} {}",
            b.start.day(),
            b.end.day(),
            month_genitive(b.start.month(), lang)
        ),
        Period::Month => month.to_string(),
        Period::Quarter if lang == "ru" => format!("{quarter} кв."),
        Period::Quarter => format!("Q{quarter}"),
        Period::Year => b.start.year().to_string(),
    }
}

/// A labelled point of the time axis.
struct XTick {
    /// Where the tick mark is drawn.
    tick_x: f64,
    /// Where the label is centred: the tick, pulled inside the document at the edges.
    label_x: f64,
    label: String,
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
fn x_ticks(agg: &Aggregate, lang: Lang, g: &Geometry, width: f64) -> Vec<XTick> {
    let period = agg.period;
    let mut spacings = vec![Spacing::EachBucket { short: false }];
    match period {
        Period::Release => spacings.extend([
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
                Spacing::EachBucket { short: false } => b.label(period, lang.as_str()),
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

    let step = g.step();
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
    let mut out: Vec<XTick> = Vec::with_capacity(chosen.len());
    let mut last_right = f64::NEG_INFINITY;
    for (at, label) in chosen {
        let tick_x = g.x(at);
        let half = text_width(&label, FONT) / 2.0;
        let label_x = tick_x.clamp(half + 2.0, (width - half - 2.0).max(half + 2.0));
        if label_x - half < last_right + LABEL_GAP / 2.0 {
            continue;
        }
        last_right = label_x + half;
        out.push(XTick {
            tick_x,
            label_x,
            label,
        });
    }
    out
}

/// The laid-out legend.
struct Legend {
    items: Vec<LegendItem>,
    rows: usize,
}

struct LegendItem {
    /// `None` for the closing "+N more" entry.
    series: Option<usize>,
    row: usize,
    /// Offset of the swatch from the left padding.
    x: f64,
    label: String,
}

fn max_legend_rows(height: f64, top: f64) -> usize {
    // The legend gets at most 30% of the height, and leaves the plot at least 60 units.
    let room = (height - top - PAD - X_AXIS_H - 8.0 - 60.0).min(height * 0.3);
    (room / LEGEND_ROW).floor().max(1.0) as usize
}

/// Flows the legend entries into rows of `width`; entries past `max_rows`
/// become one "+N more" entry.
fn layout_legend(agg: &Aggregate, lang: Lang, width: f64, max_rows: usize) -> Legend {
    let entry_width = |label: &str| SWATCH + 5.0 + text_width(label, FONT) + 16.0;
    let mut items: Vec<LegendItem> = Vec::new();
    let (mut row, mut x) = (0usize, 0.0f64);
    let mut overflow = false;
    for (si, series) in agg.series.iter().enumerate() {
        let name = country::name(&series.country, lang.as_str());
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
        items.push(LegendItem {
            series: Some(si),
            row,
            x,
            label,
        });
        x += w;
    }
    if overflow {
        // Make room on the last row for the "+N more" entry.
        let last_row = max_rows - 1;
        loop {
            let hidden = agg.series.len() - items.len();
            let label = match lang {
                Lang::En => format!("+{hidden} more"),
                Lang::Ru => format!("и ещё {hidden}"),
            };
            let end = items
                .iter()
                .filter(|i| i.row == last_row)
                .map(|i| i.x + entry_width(&i.label))
                .fold(0.0, f64::max);
            if end + entry_width(&label) <= width || items.iter().all(|i| i.row != last_row) {
                items.push(LegendItem {
                    series: None,
                    row: last_row,
                    x: end - SWATCH - 5.0,
                    label,
                });
                break;
            }
            items.pop();
        }
    }
    let rows = items.iter().map(|i| i.row + 1).max().unwrap_or(0);
    Legend { items, rows }
}

/// What the value axis counts, e.g. "Events per month".
fn caption(period: Period, lang: Lang) -> &'static str {
    match (period, lang) {
        (Period::Release, Lang::En) => "Events per half-month",
        (Period::Month, Lang::En) => "Events per month",
        (Period::Quarter, Lang::En) => "Events per quarter",
        (Period::Year, Lang::En) => "Events per year",
        (Period::Release, Lang::Ru) => "Событий за полмесяца",
        (Period::Month, Lang::Ru) => "Событий за месяц",
        (Period::Quarter, Lang::Ru) => "Событий за квартал",
        (Period::Year, Lang::Ru) => "Событий за год",
    }
}

/// The chart in one sentence, for screen readers (`<desc>`).
fn describe(agg: &Aggregate, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match (agg.buckets.first(), agg.buckets.last()) {
        (Some(first), Some(last)) => format!(
            "{}: {}; {}: {}; {} – {}",
            if ru { "Событий" } else { "Events" },
            group_digits(agg.total, lang),
            if ru { "стран" } else { "countries" },
            agg.series.len(),
            first.label(agg.period, lang.as_str()),
            last.label(agg.period, lang.as_str()),
        ),
        _ => (if ru {
            "Нет событий"
        } else {
            "No events"
        })
        .to_string(),
    }
}

/// The step (1, 2 or 5 times a power of ten) and top of a value axis for
/// marks up to `max` with at most `max_ticks` steps: the lowest top, then
/// the fewest steps; and at least half of `max_ticks` steps where that is
/// possible, so the axis has enough labels to read values by.
fn value_axis(max: u64, max_ticks: u64) -> (u64, u64) {
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

/// `12345` as "12,345" (English) or "12 345" (Russian, no-break space).
pub fn group_digits(n: u32, lang: Lang) -> String {
    group_digits_u64(u64::from(n), lang)
}

fn group_digits_u64(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::En => ',',
        Lang::Ru => '\u{a0}',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Advance widths in thousandths of an em of U+0020..=U+007E, the larger of
/// DejaVu Sans and Liberation Sans (metric twin of Arial), the fallbacks a
/// browser most likely picks from the font list, so labels get enough room.
const ASCII_ADVANCE: [u16; 95] = [
    317, 400, 459, 837, 636, 950, 779, 274, 390, 390, 500, 837, 317, 360, 317, 336, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 336, 336, 837, 837, 837, 556, 1015, 684, 686, 722, 770, 666,
    610, 777, 751, 294, 500, 666, 557, 862, 748, 787, 666, 787, 722, 666, 610, 731, 684, 988, 685,
    666, 685, 390, 336, 390, 837, 556, 500, 612, 634, 549, 634, 615, 352, 634, 633, 277, 277, 579,
    277, 974, 633, 611, 634, 634, 411, 520, 392, 633, 591, 817, 591, 591, 524, 636, 336, 636, 837,
];
/// The same for the Russian alphabet, U+0410..=U+044F.
const CYRILLIC_ADVANCE: [u16; 64] = [
    684, 686, 686, 609, 781, 666, 1077, 641, 748, 748, 709, 751, 862, 751, 787, 751, 666, 722, 610,
    635, 860, 685, 776, 685, 1069, 1093, 832, 885, 686, 718, 1079, 722, 612, 616, 589, 525, 691,
    615, 900, 531, 649, 649, 604, 639, 754, 653, 611, 653, 634, 549, 582, 591, 854, 591, 680, 590,
    915, 941, 706, 789, 589, 548, 841, 601,
];

/// Estimated advance of `text` at font `size`, from [`ASCII_ADVANCE`] and
/// [`CYRILLIC_ADVANCE`]; other scripts are guessed wide.
pub fn text_width(text: &str, size: f64) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| match c as u32 {
            n @ 0x20..=0x7E => u32::from(ASCII_ADVANCE[(n - 0x20) as usize]),
            n @ 0x410..=0x44F => u32::from(CYRILLIC_ADVANCE[(n - 0x410) as usize]),
            0x401 => 667,  // Ё
            0x451 => 615,  // ё
            0xA0 => 317,   // no-break space
            0x2013 => 556, // en dash
            0x2026 => 1000,
            _ if c.is_control() => 0,
            n if n < 0x2E80 => 800,
            // CJK and other full-width scripts.
            _ => 1000,
        })
        .sum();
    f64::from(thousandths) / 1000.0 * size
}

/// `text` cut with an ellipsis to fit `max_width` at `size`.
fn fit_text(text: &str, size: f64, max_width: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let budget = max_width - text_width("…", size);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` broken into lines no wider than `max_width` at `size`: between
/// words where it can, inside a word too long for a line of its own.
fn wrap_text(text: &str, size: f64, max_width: f64) -> Vec<String> {
    let space = text_width(" ", size);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = text_width(word, size);
        if !line.is_empty() && used + space + w <= max_width {
            line.push(' ');
            line.push_str(word);
            used += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        for c in word.chars() {
            let cw = text_width(c.encode_utf8(&mut [0; 4]), size);
            if !line.is_empty() && used + cw > max_width {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut with an ellipsis to at most `max` characters.
fn fit_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Writes a `<text>` element; `class` is (name, font size, bold) when the text
/// differs from the body text.
fn text(
    svg: &mut String,
    x: f64,
    y: f64,
    anchor: &str,
    class: Option<(&str, f64, bool)>,
    content: &str,
) {
    let _ = write!(svg, "<text x=\"{}\" y=\"{}\"", num(x), num(y));
    if anchor != "start" {
        let _ = write!(svg, " text-anchor=\"{anchor}\"");
    }
    if let Some((name, size, bold)) = class {
        let _ = write!(svg, " class=\"{name}\"");
        if size != FONT {
            let _ = write!(svg, " font-size=\"{}\"", num(size));
        }
        if bold {
            svg.push_str(" font-weight=\"bold\"");
        }
    }
    svg.push('>');
    push_text(svg, content);
    svg.push_str("</text>\n");
}

/// Appends `text` escaped for XML text and attribute values. Characters XML
/// cannot carry at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, so
/// a hostile code cannot make the document unreadable either.
pub fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A coordinate with at most two decimals.
fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// `#RRGGBB` (or `#RGB`) as a plotters colour; grey for anything else.
fn parse_hex(hex: &str) -> RGBColor {
    let digits = hex.trim_start_matches('#');
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    let parsed = match digits.len() {
        _ if !digits.is_ascii() => None,
        6 => (|| {
            Some((
                channel(&digits[0..2])?,
                channel(&digits[2..4])?,
                channel(&digits[4..6])?,
            ))
        })(),
        3 => (|| {
            let c = |i: usize| channel(&digits[i..i + 1]).map(|v| v * 17);
            Some((c(0)?, c(1)?, c(2)?))
        })(),
        _ => None,
    };
    let (r, g, b) = parsed.unwrap_or((0x88, 0x88, 0x88));
    RGBColor(r, g, b)
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

    #[test]
    fn digits_group_by_language() {
        assert_eq!(group_digits(0, Lang::En), "0");
        assert_eq!(group_digits(999, Lang::En), "999");
        assert_eq!(group_digits(1000, Lang::En), "1,000");
        assert_eq!(group_digits(1234567, Lang::Ru), "1\u{a0}234\u{a0}567");
    }

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#0072B2"), RGBColor(0x00, 0x72, 0xB2));
        assert_eq!(parse_hex("#fff"), RGBColor(255, 255, 255));
        assert_eq!(parse_hex("#12345é"), RGBColor(0x88, 0x88, 0x88));
        assert_eq!(parse_hex("red"), RGBColor(0x88, 0x88, 0x88));
        assert_eq!(parse_hex("#aébcd"), RGBColor(0x88, 0x88, 0x88));
    }
}
