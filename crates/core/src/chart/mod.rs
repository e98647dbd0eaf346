//! Charts of an [`Aggregate`]: stacked bars, grouped bars or lines, rendered
//! to a standalone SVG document, plus the screen rectangle of every mark so
//! the app can lay focusable, hoverable targets over it.
//!
//! [`render`] computes a [`layout::Layout`], then writes it. The parts:
//! - [`mod@layout`]: where everything goes (plot area and scales, value and time
//!   axes, legend, bar rectangles and line points, the regions), pure
//!   arithmetic on the aggregate and the options, tested without SVG;
//! - `axes`: the value axis's round steps and the time axis's labels, as
//!   finely as they fit;
//! - `marks`: the data marks of a layout drawn by plotters' SVG backend;
//! - [`svg`]: the document around them (title, axes, legend, outlines) and
//!   the XML escaping everything written goes through, shared with the app;
//! - [`text`]: the chart's localised words, number formatting, and text
//!   widths estimated per character, with cutting and wrapping to a width.
//!
//! Plotters draws only the data marks. The text and the axes around it are
//! written by [`svg`], because plotters lays text out with font metrics it
//! takes, on wasm32, from a `<span>` it appends to the live document and
//! measures: that needs a DOM (it panics without one), forces a layout per
//! label, and natively falls back to a guess or to system fonts. Widths are
//! estimated instead ([`text_width`]), generously, and the real glyphs are
//! left to the SVG viewer.

mod axes;
pub mod interact;
pub mod layout;
mod marks;
pub mod svg;
pub mod text;

use crate::aggregate::Aggregate;
use crate::country::Palette;
use crate::model::Lang;

pub use layout::layout;
pub use text::text_width;

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
    /// Every kind, in the order the chart switch offers them.
    pub const ALL: [ChartKind; 3] = [ChartKind::Stacked, ChartKind::Grouped, ChartKind::Lines];

    /// The spelling used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Stacked => "stacked",
            ChartKind::Grouped => "grouped",
            ChartKind::Lines => "lines",
        }
    }

    /// The kind [`ChartKind::as_str`] spells `s`, `None` for anything else.
    pub fn parse(s: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What to draw and how.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ChartOptions<'a> {
    /// How the counts are drawn.
    pub kind: ChartKind,
    /// Size of the document in SVG user units (CSS pixels at 100%), clamped
    /// to [`MIN_SIZE`]..=[`MAX_SIZE`].
    pub width: u32,
    /// The document's height before the title's extra lines, clamped as
    /// `width` is.
    pub height: u32,
    /// The language of the chart's own words (caption, axes, legend).
    pub lang: Lang,
    /// Colour of text and axes, any CSS colour: `"#222"` on light, `"#ddd"` on dark backgrounds.
    pub foreground: &'a str,
    /// A CSS colour to fill the background with; `None` leaves it transparent.
    pub background: Option<&'a str>,
    /// Shown above the chart; empty for none.
    pub title: &'a str,
    /// The country colours of the archive; `None` for [`crate::country::color`].
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
/// The largest width or height [`render`] draws: a bound on the work and
/// the document's size whatever a caller asks for.
pub const MAX_SIZE: u32 = 8192;

/// Backend units per SVG user unit for the marks plotters draws.
pub const SCALE: i32 = 4;

/// Where one mark is drawn: a bar segment, or a point of a line (then a small
/// square centred on it). In SVG user units, origin top left.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Region {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
    /// Index into [`Aggregate::series`].
    pub series: usize,
    /// Index into [`Aggregate::buckets`].
    pub bucket: usize,
    /// The count the mark shows, for its label and tooltip.
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
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
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

/// Renders `agg` as [`ChartOptions::kind`] says. Never fails: an empty
/// aggregate gives a chart saying there are no events.
pub fn render(agg: &Aggregate, opts: &ChartOptions) -> Chart {
    let layout = layout(agg, opts);
    let svg = svg::write(&layout, opts);
    let (plot, buckets, height) = (layout.plot_area(), layout.buckets(), layout.height);
    Chart {
        svg,
        regions: layout.into_regions(),
        plot,
        buckets,
        height: height as u32,
    }
}
