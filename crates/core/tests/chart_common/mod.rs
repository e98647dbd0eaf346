//! What the chart tests share: sample aggregates, options, and reading
//! the SVG back (each test file uses its part of it).
#![allow(dead_code)]

use std::collections::HashSet;

use caricc_core::chart::{Chart, ChartKind, ChartOptions, Region, SCALE};
use caricc_core::Date;

pub fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

/// A deterministic, archive-like selection: KZ and RU dominate, dates spread over `from..=to`.
pub fn sample(n: usize, from: &str, to: &str) -> Vec<(&'static str, Date)> {
    const CODES: [&str; 10] = ["KZ", "KZ", "KZ", "RU", "RU", "KG", "TJ", "UZ", "AF", "TM"];
    let (first, last) = (d(from).day_number(), d(to).day_number());
    let mut state = 12345u64;
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (state >> 33) as i32;
            let code = CODES[(r as usize) % CODES.len()];
            (
                code,
                Date::from_day_number(first + (r / 16) % (last - first + 1)).unwrap(),
            )
        })
        .collect()
}

pub fn opts(kind: ChartKind) -> ChartOptions<'static> {
    ChartOptions {
        kind,
        width: 800,
        height: 400,
        ..ChartOptions::default()
    }
}

pub fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}\n{svg}"))
}

pub fn group<'a, 'i>(doc: &'a roxmltree::Document<'i>, class: &str) -> roxmltree::Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.attribute("class") == Some(class))
        .unwrap_or_else(|| panic!("no element of class {class}"))
}

pub fn texts<'a>(node: roxmltree::Node<'a, '_>) -> Vec<(f64, &'a str)> {
    node.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            (
                n.attribute("x").unwrap().parse().unwrap(),
                n.text().unwrap_or(""),
            )
        })
        .collect()
}

pub fn attr_f64(n: roxmltree::Node, name: &str) -> f64 {
    n.attribute(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .parse()
        .unwrap()
}

/// The rectangles a path draws, each a closed subpath `M x y h w v h h -w z`
/// (how the chart writes bars and outlines: one element for many), as
/// (x, y, width, height); panics on any other path.
pub fn path_rects(d: &str) -> Vec<(f64, f64, f64, f64)> {
    let mut out = Vec::new();
    for sub in d.split('z').filter(|s| !s.is_empty()) {
        let num = |s: &str| -> f64 {
            s.parse()
                .unwrap_or_else(|_| panic!("not a number {s:?} in {sub:?}"))
        };
        let rest = sub
            .strip_prefix('M')
            .unwrap_or_else(|| panic!("a subpath not starting with M: {sub:?}"));
        let (xy, rest) = rest
            .split_once('h')
            .unwrap_or_else(|| panic!("no h in {sub:?}"));
        let (x, y) = xy
            .split_once(' ')
            .unwrap_or_else(|| panic!("no x y in {sub:?}"));
        let (w, rest) = rest
            .split_once('v')
            .unwrap_or_else(|| panic!("no v in {sub:?}"));
        let (h, back) = rest
            .split_once('h')
            .unwrap_or_else(|| panic!("no second h in {sub:?}"));
        assert_eq!(
            num(back),
            -num(w),
            "subpath {sub:?} does not close its rectangle"
        );
        out.push((num(x), num(y), num(w), num(h)));
    }
    out
}

/// The filled rectangles plotters would draw, in backend units, with their
/// fill: the subpaths of the marks' paths (one path per series).
pub fn mark_rects(doc: &roxmltree::Document) -> HashSet<(i64, i64, i64, i64, String)> {
    let marks = group(doc, "marks");
    assert_eq!(
        marks.attribute("transform"),
        Some(format!("scale({})", 1.0 / SCALE as f64).as_str())
    );
    assert!(
        !marks.descendants().any(|n| n.has_tag_name("rect")),
        "bars are subpaths, not one element each"
    );
    marks
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .flat_map(|n| {
            let fill = n.attribute("fill").unwrap().to_ascii_uppercase();
            path_rects(n.attribute("d").unwrap())
                .into_iter()
                .map(move |(x, y, w, h)| (x as i64, y as i64, w as i64, h as i64, fill.clone()))
        })
        .collect()
}

pub fn as_backend(r: &Region) -> (i64, i64, i64, i64) {
    let s = SCALE as f32;
    (
        (r.x * s).round() as i64,
        (r.y * s).round() as i64,
        (r.w * s).round() as i64,
        (r.h * s).round() as i64,
    )
}

pub fn check_document(chart: &Chart, width: u32, height: u32) {
    let doc = parse(&chart.svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("width"), Some(width.to_string().as_str()));
    assert_eq!(root.attribute("height"), Some(height.to_string().as_str()));
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {width} {height}").as_str())
    );
    assert_eq!(
        root.first_element_child().map(|n| n.tag_name().name()),
        Some("title"),
        "an accessible name first"
    );
    for r in &chart.regions {
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= width as f32 && r.y + r.h <= height as f32,
            "{r:?} is off the chart"
        );
        // The marks lie in the plot area, in the column of their bucket (lines' point squares may overhang).
        let centre = (r.x + r.w / 2.0, r.y + r.h / 2.0);
        let p = chart.plot;
        assert!(
            centre.0 >= p.x
                && centre.0 <= p.x + p.w
                && centre.1 >= p.y - 0.5
                && centre.1 <= p.y + p.h + 0.5,
            "{r:?} outside {p:?}"
        );
        // Marks under a backend unit wide, or columns under two (a point at a column's
        // middle then floors into the next), cannot be told apart.
        if chart.plot.w * SCALE as f32 >= 2.0 * chart.buckets as f32 && r.w * SCALE as f32 >= 1.0 {
            assert_eq!(chart.bucket_at(centre.0), Some(r.bucket), "{r:?}");
        }
    }
    assert_eq!(chart.bucket_at(chart.plot.x - 1.0), None);
    assert_eq!(chart.bucket_at(chart.plot.x + chart.plot.w + 1.0), None);
}
