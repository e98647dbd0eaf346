//! The data marks of a [`Layout`] drawn by plotters' SVG backend: filled
//! rectangles for bars, polylines (and dots where there is room) for lines,
//! at the backend coordinates the layout gives them.
//!
//! Plotters works in whole backend units; the marks are drawn at [`SCALE`]
//! times the document's size (the writer scales them back), so that a dense
//! axis (hundreds of half-months on a phone, under a pixel per bar) keeps
//! every bar visible and evenly spaced. Only marks are drawn here: plotters
//! lays text out with font metrics that need a DOM on wasm32 (see
//! [`super::text`]).

use plotters::prelude::{DrawingBackend, RGBColor, SVGBackend, ShapeStyle};

use super::layout::{Body, Layout, Marks};
use super::SCALE;

/// Appends plotters' SVG of the marks of `layout` to `svg`, without its
/// own `<svg>` root, to nest in the chart's document; nothing for an empty chart.
pub(super) fn draw(layout: &Layout, svg: &mut String) {
    let Body::Plot(plot) = &layout.body else {
        return;
    };
    let g = &plot.scales;
    let mut out = String::new();
    let s = f64::from(SCALE);
    let size = ((layout.width * s) as u32, (layout.height * s) as u32);
    {
        // The layout has mapped the marks to backend units already, so they
        // go straight to the backend, as plotters' elements would send them.
        let mut backend = SVGBackend::with_string(&mut out, size);
        // Parsed where used: a few thousand bars at most, and one list fewer in the wasm.
        let colour = |series: usize| parse_hex(plot.colours.get(series).copied().unwrap_or(""));
        match &plot.marks {
            Marks::Bars(bars) => {
                for (bar, region) in bars.iter().zip(&plot.regions) {
                    let style = ShapeStyle::from(colour(region.series)).filled();
                    // Corners ordered as `Rectangle` orders them.
                    let (a, b) = (bar.top_left, bar.bottom_right);
                    let _ = backend.draw_rect(
                        (a.0.min(b.0), a.1.min(b.1)),
                        (a.0.max(b.0), a.1.max(b.1)),
                        &style,
                        true,
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
                    let stroke = ShapeStyle {
                        color: colour.into(),
                        filled: false,
                        stroke_width: (if thin { 1.5 } else { 2.0 } * s) as u32,
                    };
                    let _ = backend.draw_path(line.points.iter().copied(), &stroke);
                    if markers {
                        let dot = ShapeStyle::from(colour).filled();
                        for p in &line.points {
                            let _ = backend.draw_circle(*p, radius, &dot, true);
                        }
                    }
                }
            }
        }
        let _ = backend.present();
    }
    svg.push_str(without_root(&out));
}

/// Plotters' document without its own `<svg>` root.
fn without_root(doc: &str) -> &str {
    let start = doc.find('>').map_or(0, |i| i + 1);
    let end = doc.rfind("</svg>").unwrap_or(doc.len()).max(start);
    doc[start..end].trim_start_matches('\n')
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
    use super::super::layout::Scales;
    use super::*;
    use plotters::coord::types::RangedCoordf64;
    use plotters::prelude::{Cartesian2d, IntoDrawingArea};

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#0072B2"), RGBColor(0x00, 0x72, 0xB2));
        assert_eq!(parse_hex("#fff"), RGBColor(255, 255, 255));
        assert_eq!(parse_hex("#12345é"), RGBColor(0x88, 0x88, 0x88));
        assert_eq!(parse_hex("red"), RGBColor(0x88, 0x88, 0x88));
        assert_eq!(parse_hex("#aébcd"), RGBColor(0x88, 0x88, 0x88));
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
