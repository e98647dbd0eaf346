//! The data marks of a [`Layout`] as SVG: filled rectangles for bars (one
//! path per series, a subpath per bar), polylines (and dots where there is
//! room) for lines, at the backend coordinates the layout gives them, as
//! plotters' SVG backend draws them (the same rectangles, and for lines the
//! same elements and attributes byte for byte: the layout maps data to
//! backend units with plotters' own arithmetic, and the tests below check
//! it against plotters). Written here rather than by
//! plotters itself so that the app's wasm carries no plotters backend (its
//! file output, I/O errors and colour formatting: about 1 KB gzipped).
//!
//! Coordinates are whole backend units, [`SCALE`] times the document's
//! size (the writer scales them back), so that a dense axis (hundreds of
//! half-months on a phone, under a pixel per bar) keeps every bar visible
//! and evenly spaced.

use std::fmt::Write as _;

use super::layout::{Body, Layout, Marks};
use super::SCALE;

/// Appends the SVG of the marks of `layout` to `svg`, to nest in the
/// chart's document; nothing for an empty chart.
pub(super) fn draw(layout: &Layout, svg: &mut String) {
    let Body::Plot(plot) = &layout.body else {
        return;
    };
    let g = &plot.scales;
    let s = f64::from(SCALE);
    // Parsed where used: a few thousand bars at most, and one list fewer in the wasm.
    let colour = |series: usize| hex(parse_hex(plot.colours.get(series).copied().unwrap_or("")));
    match &plot.marks {
        Marks::Bars(bars) => {
            // One path per series, each bar a closed subpath: a chart of
            // ten years by month is over a thousand bars, and on a slow
            // phone (CPU 4x slower) the chart's SVG with an element per bar
            // and per outline took 204 ms to set and lay out, with paths 44.
            let mut paths: Vec<(usize, String)> = Vec::new();
            for (bar, region) in bars.iter().zip(&plot.regions) {
                let d = match paths.iter_mut().find(|(s, _)| *s == region.series) {
                    Some((_, d)) => d,
                    None => {
                        paths.push((region.series, String::new()));
                        &mut paths.last_mut().expect("just pushed").1
                    }
                };
                bar_subpath(d, bar.top_left, bar.bottom_right);
            }
            for (series, d) in &paths {
                let _ = writeln!(
                    svg,
                    "<path d=\"{d}\" opacity=\"1\" fill=\"{}\" stroke=\"none\"/>",
                    colour(*series)
                );
            }
        }
        Marks::Lines(lines) => {
            let step_px = g.step();
            // Dots only where they stand apart; thinner lines on a dense axis.
            let markers = step_px >= 12.0 || g.buckets < 2;
            let thin = step_px < 4.0;
            let radius = (2.5 * s) as u32;
            for line in lines {
                let colour = colour(line.series);
                let width = (if thin { 1.5 } else { 2.0 } * s) as u32;
                let _ = write!(
                    svg,
                    "<polyline fill=\"none\" opacity=\"1\" stroke=\"{colour}\" stroke-width=\"{width}\" points=\""
                );
                for (x, y) in &line.points {
                    let _ = write!(svg, "{x},{y} ");
                }
                svg.push_str("\"/>\n");
                if markers {
                    for (x, y) in &line.points {
                        let _ = writeln!(
                            svg,
                            "<circle cx=\"{x}\" cy=\"{y}\" r=\"{radius}\" opacity=\"1\" fill=\"{colour}\" stroke=\"none\" stroke-width=\"1\"/>"
                        );
                    }
                }
            }
        }
    }
}

/// Appends the rectangle between corners `a` and `b` (in any order, as
/// plotters' `Rectangle` takes them) as a closed subpath: the rectangle
/// plotters' backend writes as `<rect x y width height>`.
fn bar_subpath(d: &mut String, a: (i32, i32), b: (i32, i32)) {
    let (x0, y0) = (a.0.min(b.0), a.1.min(b.1));
    let (x1, y1) = (a.0.max(b.0), a.1.max(b.1));
    let _ = write!(d, "M{x0} {y0}h{}v{}h-{}z", x1 - x0, y1 - y0, x1 - x0);
}

/// `#RRGGBB` (or `#RGB`) as red, green and blue; grey for anything else.
fn parse_hex(hex: &str) -> (u8, u8, u8) {
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
    parsed.unwrap_or((0x88, 0x88, 0x88))
}

/// A colour as `#RRGGBB`, upper-case digits, as plotters writes it.
fn hex((r, g, b): (u8, u8, u8)) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(7);
    out.push('#');
    for c in [r, g, b] {
        out.push(char::from(DIGITS[usize::from(c >> 4)]));
        out.push(char::from(DIGITS[usize::from(c & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::layout::Scales;
    use super::*;
    use plotters::coord::types::RangedCoordf64;
    use plotters::prelude::{Cartesian2d, IntoDrawingArea, SVGBackend};

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#0072B2"), (0x00, 0x72, 0xB2));
        assert_eq!(parse_hex("#fff"), (255, 255, 255));
        assert_eq!(parse_hex("#12345é"), (0x88, 0x88, 0x88));
        assert_eq!(parse_hex("red"), (0x88, 0x88, 0x88));
        assert_eq!(parse_hex("#aébcd"), (0x88, 0x88, 0x88));
        assert_eq!(hex(parse_hex("#0a7d5a")), "#0A7D5A");
    }

    /// The marks are written as plotters' SVG backend writes them.
    #[test]
    fn marks_are_written_as_plotters_writes_them() {
        use plotters::prelude::{DrawingBackend, RGBColor, SVGBackend, ShapeStyle};
        let mut doc = String::new();
        {
            let mut b = SVGBackend::with_string(&mut doc, (100, 100));
            let red = ShapeStyle::from(RGBColor(0xD5, 0x5E, 0x00)).filled();
            let _ = b.draw_rect((3, 4), (10, 20), &red, true);
            let line = ShapeStyle {
                color: RGBColor(0, 0x72, 0xB2).into(),
                filled: false,
                stroke_width: 8,
            };
            let _ = b.draw_path([(1, 2), (3, 4)], &line);
            let _ = b.draw_circle((1, 2), 10, &red, true);
            let _ = b.present();
        }
        assert!(doc.contains(
            "<rect x=\"3\" y=\"4\" width=\"7\" height=\"16\" opacity=\"1\" fill=\"#D55E00\" stroke=\"none\"/>\n"
        ), "{doc}");
        // Bars are subpaths of their series' path: the same rectangle,
        // from its top left corner, whatever the order of the corners.
        for (a, b) in [((3, 4), (10, 20)), ((10, 20), (3, 4)), ((10, 4), (3, 20))] {
            let mut d = String::new();
            bar_subpath(&mut d, a, b);
            assert_eq!(d, "M3 4h7v16h-7z");
        }
        assert!(doc.contains(
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#0072B2\" stroke-width=\"8\" points=\"1,2 3,4 \"/>\n"
        ), "{doc}");
        assert!(doc.contains(
            "<circle cx=\"1\" cy=\"2\" r=\"10\" opacity=\"1\" fill=\"#D55E00\" stroke=\"none\" stroke-width=\"1\"/>\n"
        ), "{doc}");
    }

    /// The layout computes the regions with its own copy of plotters'
    /// mapping; it must agree with plotters' to the backend unit.
    #[test]
    fn the_layout_maps_data_to_backend_units_as_plotters_does() {
        for (buckets, y_max, left, right, top, bottom) in [
            (1usize, 1.0, 30.0, 774.0, 36.0, 350.0),
            (7, 60.0, 41.37, 333.9, 55.5, 301.25),
            (351, 500.0, 47.1, 1884.0, 62.0, 540.33),
            (2000, 7.0, 10.0, 230.0, 40.0, 100.0),
        ] {
            let g = Scales {
                left,
                right,
                top,
                bottom,
                buckets,
                y_max,
            };
            let (across, up) = g.backend();
            let spec = Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
                0.0..buckets as f64,
                0.0..y_max,
                (across.0..across.1, up.0..up.1),
            );
            let mut doc = String::new();
            let root = SVGBackend::with_string(&mut doc, (8000, 3000)).into_drawing_area();
            let area = root.apply_coord_spec(spec);
            for i in 0..=200 {
                let x = i as f64 / 200.0 * buckets as f64;
                let v = (200 - i) as f64 / 200.0 * y_max;
                for p in [
                    (x, v),
                    (x + 0.1, 0.0),
                    (x.floor() + 0.5, y_max),
                    (x, v * 0.37),
                ] {
                    assert_eq!(g.to_backend(p), area.map_coordinate(&p), "{p:?}");
                }
            }
        }
    }
}
