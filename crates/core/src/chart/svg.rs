//! Writing a [`Layout`] as a standalone SVG document, and the XML escaping
//! every piece of text in it goes through ([`push_text`], also used by the
//! app for the markup it writes itself).
//!
//! Everything written is escaped, attribute values included: country
//! codes, titles and even colours come from partner archives or callers.

use std::fmt::Write as _;

use super::layout::{Body, Label, Layout, Marks, Plot, XTick, EMPTY_FONT, SWATCH};
use super::text::{FONT, TITLE_FONT};
use super::{marks, ChartKind, ChartOptions, SCALE};

const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";
/// The outline of bars and swatches on light backgrounds: black at 60 %,
/// 5.7:1 on white.
const OUTLINE: &str = "stroke=\"#000\" stroke-opacity=\"0.6\" stroke-width=\"1\"";

/// The SVG document of `layout`, in the colours of `opts`.
pub(super) fn write(layout: &Layout, opts: &ChartOptions) -> String {
    let (width, height) = (layout.width, layout.height);
    let series = match &layout.body {
        Body::Plot(plot) => plot.colours.len(),
        Body::Empty { .. } => 0,
    };
    let mut svg = String::with_capacity(4096 + layout.buckets() * series.min(32) * 96);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" font-family=\"{FONT_FAMILY}\" font-size=\"{FONT}\">\n<title>"
    );
    push_text(&mut svg, layout.name);
    svg.push_str("</title>\n<desc>");
    push_text(&mut svg, &layout.description);
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

    for line in &layout.title {
        text(&mut svg, line, "start", Some(("title", TITLE_FONT, true)));
    }
    text(
        &mut svg,
        &layout.caption,
        "start",
        Some(("caption", FONT, false)),
    );

    match &layout.body {
        Body::Empty { x0, x1, y, message } => {
            let _ = writeln!(
                svg,
                "<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"1\" stroke-opacity=\"0.5\"/>",
                num(*x0),
                num(*y),
                num(*x1),
                num(*y)
            );
            text(
                &mut svg,
                message,
                "middle",
                Some(("empty", EMPTY_FONT, false)),
            );
        }
        Body::Plot(plot) => write_plot(&mut svg, layout, plot, opts),
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// The axes, the marks and the legend of a non-empty chart.
fn write_plot(svg: &mut String, layout: &Layout, plot: &Plot, opts: &ChartOptions) {
    let g = &plot.scales;
    let (left, right, bottom) = (num(g.left), num(g.right), num(g.bottom));

    // Grid and value labels, under the marks.
    svg.push_str("<g class=\"y-axis\" text-anchor=\"end\">\n");
    for tick in &plot.y_ticks {
        if tick.value > 0 {
            let _ = writeln!(
                svg,
                "<line x1=\"{left}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke-width=\"1\" stroke-opacity=\"0.15\"/>",
                y = num(tick.y)
            );
        }
        text(svg, &tick.label, "end", None);
    }
    svg.push_str("</g>\n");

    // Crisp edges only where bars are wide enough not to jitter.
    let crisp = if layout.kind != ChartKind::Lines && g.step() >= 6.0 {
        " shape-rendering=\"crispEdges\""
    } else {
        ""
    };
    let _ = writeln!(
        svg,
        "<g class=\"marks\" transform=\"scale({})\"{crisp} stroke-width=\"0\">",
        1.0 / f64::from(SCALE)
    );
    marks::draw(layout, svg);
    svg.push_str("</g>\n");
    // Light colour-blind-safe hues (yellow, sky blue) fall below 3:1 against
    // white: on light backgrounds a dark outline gives every bar and segment
    // wide enough for one an edge that reaches it (WCAG 1.4.11).
    if let (false, Marks::Bars(_)) = (opts.dark, &plot.marks) {
        // One path, a closed subpath per outline: one element, not one
        // per bar (see `marks::draw`).
        let mut d = String::new();
        for r in plot.regions.iter().filter(|r| r.w >= 4.0 && r.h >= 1.0) {
            let w = num(f64::from(r.w));
            let _ = write!(
                d,
                "M{} {}h{w}v{}h-{w}z",
                num(f64::from(r.x)),
                num(f64::from(r.y)),
                num(f64::from(r.h))
            );
        }
        if !d.is_empty() {
            let _ = writeln!(
                svg,
                "<g class=\"outlines\" fill=\"none\" {OUTLINE}><path d=\"{d}\"/></g>"
            );
        }
    }

    // The time axis over the marks' feet.
    let _ = writeln!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke-width=\"1\"/>",
    );
    svg.push_str("<g class=\"x-axis\" text-anchor=\"middle\">\n");
    let tick_end = num(g.bottom + XTick::LENGTH);
    for tick in &plot.x_ticks {
        let _ = writeln!(
            svg,
            "<line x1=\"{x}\" y1=\"{bottom}\" x2=\"{x}\" y2=\"{tick_end}\" stroke-width=\"1\"/>",
            x = num(tick.x)
        );
        text(svg, &tick.label, "middle", None);
    }
    svg.push_str("</g>\n");

    // The legend: one swatch per country, in series order.
    svg.push_str("<g class=\"legend\">\n");
    for entry in &plot.legend {
        if let Some(series) = entry.series {
            let colour = plot.colours[series];
            if layout.kind == ChartKind::Lines {
                let _ = writeln!(
                    svg,
                    "<rect x=\"{}\" y=\"{}\" width=\"{SWATCH}\" height=\"3\" fill=\"{colour}\"/>",
                    num(entry.x),
                    num(entry.y + 5.5)
                );
            } else {
                // Outlined on light backgrounds, as the bars are.
                let _ = write!(
                    svg,
                    "<rect x=\"{}\" y=\"{}\" width=\"{SWATCH}\" height=\"{SWATCH}\" fill=\"{colour}\"",
                    num(entry.x),
                    num(entry.y + 2.0)
                );
                if !opts.dark {
                    let _ = write!(svg, " {OUTLINE}");
                }
                svg.push_str("/>\n");
            }
        }
        text(svg, &entry.label, "start", None);
    }
    svg.push_str("</g>\n");
}

/// Writes a `<text>` element; `class` is (name, font size, bold) when the text
/// differs from the body text.
fn text(svg: &mut String, label: &Label, anchor: &str, class: Option<(&str, f64, bool)>) {
    let _ = write!(svg, "<text x=\"{}\" y=\"{}\"", num(label.x), num(label.y));
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
    push_text(svg, &label.text);
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

/// A coordinate written with at most two decimals. Written in place, not
/// through a `String`: a chart writes thousands of them.
#[derive(Clone, Copy)]
struct Num(f64);

impl std::fmt::Display for Num {
    /// In whole hundredths, with integer arithmetic: the shortest decimal
    /// of a number of hundredths is its digits, so this writes what `{}`
    /// of the rounded `f64` writes, without the float formatting code
    /// (about 2 KB of the app's gzipped wasm).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0 * 100.0).round() as i64;
        let (sign, h) = if hundredths < 0 {
            ("-", -hundredths)
        } else {
            ("", hundredths)
        };
        let (whole, cents) = (h / 100, h % 100);
        match cents {
            0 => write!(f, "{sign}{whole}"),
            c if c % 10 == 0 => write!(f, "{sign}{whole}.{}", c / 10),
            c => write!(f, "{sign}{whole}.{c:02}"),
        }
    }
}

/// `v` written as the chart writes coordinates: rounded to hundredths,
/// without float formatting (what the app's overlay of the marks uses too).
pub fn num(v: f64) -> impl std::fmt::Display {
    Num(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        let mut out = String::new();
        push_text(&mut out, "<a href='x'>\"R&D\"</a>\u{1}\u{FFFE}\t\u{202E}");
        assert_eq!(
            out,
            "&lt;a href=&apos;x&apos;&gt;&quot;R&amp;D&quot;&lt;/a&gt;\u{FFFD}\u{FFFD}\t\u{202E}"
        );
    }

    #[test]
    fn coordinates_have_at_most_two_decimals() {
        assert_eq!(num(12.0).to_string(), "12");
        assert_eq!(num(12.345).to_string(), "12.35");
        assert_eq!(num(-0.001).to_string(), "0");
        assert_eq!(num(0.1).to_string(), "0.1");
    }
}
