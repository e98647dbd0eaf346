//! The map view's pure part: its geodata ([`Geo`], read from the published
//! geodata piece), the events of a selection per country ([`count`]), a
//! colour scale of five classes ([`Scale`]) and the map as a standalone SVG
//! ([`render`]) with, beside it, what the geodata cannot show.
//!
//! The geodata is projected and simplified when it is made
//! (`scripts/make-geo.mjs`): every area is an SVG path string already in the
//! map's view box, so rendering only concatenates text and whole numbers (no
//! float formatting in the app's wasm).

pub mod regions;

use crate::chart::svg::push_text;
use crate::country;
use crate::locale::group_digits;
use crate::model::Lang;

/// The map's geodata: its view box and one outline per country.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geo {
    /// The view box's width.
    pub width: u32,
    /// The view box's height.
    pub height: u32,
    /// `(ISO code, SVG path)` per country, in code order.
    pub areas: Vec<(String, String)>,
}

impl Geo {
    /// Reads the geodata's text: a first line `W H`, then one line
    /// `CODE PATH` per country. `None` when it is not of this form.
    pub fn parse(text: &str) -> Option<Geo> {
        let mut lines = text.lines();
        let (w, h) = lines.next()?.split_once(' ')?;
        let mut geo = Geo {
            width: w.parse().ok()?,
            height: h.parse().ok()?,
            areas: Vec::new(),
        };
        for line in lines.filter(|l| !l.is_empty()) {
            let (code, path) = line.split_once(' ')?;
            if !country::is_iso_code(code) || !path.starts_with('M') {
                return None;
            }
            geo.areas.push((code.to_string(), path.to_string()));
        }
        Some(geo)
    }

    /// True when the map has an outline for `code`.
    pub fn has(&self, code: &str) -> bool {
        self.areas.iter().any(|(c, _)| c == code)
    }
}

/// Events per country: `counts[i]` is the number of `rows` whose country
/// index is `i` (an index at or past `countries` is not counted).
pub fn count(countries: usize, rows: impl IntoIterator<Item = usize>) -> Vec<u32> {
    let mut counts = vec![0u32; countries];
    for c in rows {
        if let Some(n) = counts.get_mut(c) {
            *n += 1;
        }
    }
    counts
}

/// The number of colour classes.
pub const CLASSES: usize = 5;

/// A sequential blue scale, light then dark theme: the lightest class is the
/// fewest events; on a dark page the scale runs from dark to bright.
const COLOURS: [[&str; CLASSES]; 2] = [
    ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    ["#16365c", "#1f5a94", "#2f7fc1", "#63a6e0", "#a9d0f5"],
];

/// An area without events (or one the archive names nothing in).
const EMPTY: [&str; 2] = ["#eceff1", "#262d35"];

/// Five classes of equal width from 1 to the largest count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// The largest count.
    pub max: u32,
}

impl Scale {
    /// The class of `n` (`None` for 0): class `k` holds the counts above
    /// `k * max / 5` up to `(k + 1) * max / 5`.
    pub fn class(self, n: u32) -> Option<usize> {
        (n > 0 && self.max > 0).then(|| {
            let k = (u64::from(n.min(self.max)) * CLASSES as u64 - 1) / u64::from(self.max);
            k as usize
        })
    }

    /// The counts class `k` holds, `(lowest, highest)`; `None` when no
    /// whole number falls in it (a largest count below 5).
    pub fn range(self, k: usize) -> Option<(u32, u32)> {
        let bound = |k: usize| (u64::from(self.max) * k as u64 / CLASSES as u64) as u32;
        let (lo, hi) = (bound(k) + 1, bound(k + 1));
        (lo <= hi).then_some((lo, hi))
    }

    /// The colour of `n` events, in the light or dark theme.
    pub fn colour(self, n: u32, dark: bool) -> &'static str {
        match self.class(n) {
            Some(k) => COLOURS[dark as usize][k],
            None => EMPTY[dark as usize],
        }
    }
}

/// What a map shows and how.
pub struct MapOptions<'a> {
    /// The language of its words and numbers.
    pub lang: Lang,
    /// Its title (what the selection is).
    pub title: &'a str,
    /// The colour of text and outlines (`currentColor` on screen).
    pub foreground: &'a str,
    /// A background filling the document, for a download.
    pub background: Option<&'a str>,
    /// The dark theme's colours.
    pub dark: bool,
    /// Areas with events made focusable buttons (`tabindex`, `role`), for
    /// the page; a download has none.
    pub interactive: bool,
}

/// A rendered map.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    /// The SVG document.
    pub svg: String,
    /// Its height (the geodata's, and the title and legend bands).
    pub height: u32,
    /// Its width.
    pub width: u32,
    /// Countries with events that the geodata has no outline for, with
    /// their counts, most first: listed beside the map.
    pub unmapped: Vec<(String, u32)>,
}

/// Height of the title band above the geodata.
const TOP: u32 = 48;
/// Height of the legend band below it.
const BOTTOM: u32 = 56;

/// The label of a country's area: "Kazakhstan: 27 events".
pub fn area_label(code: &str, n: u32, lang: Lang) -> String {
    let (one, many) = match lang {
        Lang::En => ("event", "events"),
        Lang::Ru => ("событие", "событий"),
    };
    let word = match lang {
        Lang::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => one,
            (2..=4, r) if !(12..=14).contains(&r) => "события",
            _ => many,
        },
        Lang::En if n == 1 => one,
        Lang::En => many,
    };
    format!(
        "{}: {} {word}",
        country::name(code, lang),
        group_digits(n, lang)
    )
}

/// The map of `counts` (per country code) over `geo`: every area filled by
/// its class, with its name and count as its title; a legend of the classes
/// that hold counts; areas with events carry `data-country` for the page.
pub fn render(geo: &Geo, counts: &[(&str, u32)], opts: &MapOptions) -> Map {
    let scale = Scale {
        max: counts.iter().map(|&(_, n)| n).max().unwrap_or(0),
    };
    let count_of = |code: &str| {
        counts
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0, |&(_, n)| n)
    };
    let (width, height) = (geo.width, geo.height + TOP + BOTTOM);
    let mut out =
        String::with_capacity(geo.areas.iter().map(|(_, d)| d.len() + 160).sum::<usize>() + 1200);
    let fg = opts.foreground;
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    out.push_str(&format!("{width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" fill=\"{fg}\">"));
    if let Some(bg) = opts.background {
        out.push_str(&format!(
            "<rect width=\"{width}\" height=\"{height}\" fill=\"{bg}\"/>"
        ));
    }
    out.push_str("<text x=\"10\" y=\"30\" font-size=\"24\" font-weight=\"bold\">");
    push_text(&mut out, opts.title);
    out.push_str("</text>");
    out.push_str(&format!(
        "<g transform=\"translate(0 {TOP})\" stroke=\"{fg}\" stroke-width=\"0.6\" stroke-linejoin=\"round\">"
    ));
    for (code, d) in &geo.areas {
        let n = count_of(code);
        out.push_str("<path class=\"area\" d=\"");
        out.push_str(d);
        out.push_str("\" fill=\"");
        out.push_str(scale.colour(n, opts.dark));
        out.push('"');
        let label = area_label(code, n, opts.lang);
        if n > 0 {
            out.push_str(" data-country=\"");
            push_text(&mut out, code);
            out.push('"');
            if opts.interactive {
                out.push_str(" tabindex=\"0\" role=\"button\" aria-label=\"");
                push_text(&mut out, &label);
                out.push('"');
            }
        }
        out.push_str("><title>");
        push_text(&mut out, &label);
        out.push_str("</title></path>");
    }
    out.push_str("</g>");
    legend(&mut out, scale, geo.height + TOP + 18, opts);
    out.push_str("</svg>");

    let mut unmapped: Vec<(String, u32)> = counts
        .iter()
        .filter(|&&(c, n)| n > 0 && !geo.has(c))
        .map(|&(c, n)| (c.to_string(), n))
        .collect();
    crate::search::sort::sort_by(&mut unmapped, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
    });
    Map {
        svg: out,
        width,
        height,
        unmapped,
    }
}

/// The legend: a swatch and its range of counts per class that holds any.
fn legend(out: &mut String, scale: Scale, y: u32, opts: &MapOptions) {
    let mut x = 10u32;
    out.push_str("<g class=\"legend\" font-size=\"20\">");
    for (k, colour) in COLOURS[opts.dark as usize].iter().enumerate() {
        let Some((lo, hi)) = scale.range(k) else {
            continue;
        };
        let text = if lo == hi {
            group_digits(lo, opts.lang)
        } else {
            format!(
                "{}–{}",
                group_digits(lo, opts.lang),
                group_digits(hi, opts.lang)
            )
        };
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"28\" height=\"20\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.6\"/><text x=\"{}\" y=\"{}\">",
            colour,
            opts.foreground,
            x + 34,
            y + 17
        ));
        push_text(out, &text);
        out.push_str("</text>");
        // Estimated width: 12 units a character, at 20 units a letter.
        x += 34 + 12 * text.chars().count() as u32 + 24;
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEO: &str = "100 50\nKZ M0,0L10,0L10,10Z\nRU M20,0L30,0L30,10Z\n";

    fn opts(title: &str) -> MapOptions<'_> {
        MapOptions {
            lang: Lang::En,
            title,
            foreground: "currentColor",
            background: None,
            dark: false,
            interactive: true,
        }
    }

    #[test]
    fn parses_geodata_and_refuses_other_text() {
        let g = Geo::parse(GEO).unwrap();
        assert_eq!((g.width, g.height, g.areas.len()), (100, 50, 2));
        assert!(g.has("RU") && !g.has("US"));
        assert_eq!(Geo::parse("<html>"), None);
        assert_eq!(Geo::parse("1 1\nkz M0,0"), None);
        assert_eq!(Geo::parse("1 1\nKZ <script>"), None);
    }

    #[test]
    fn counts_match_a_naive_count() {
        let rows = [0usize, 2, 2, 1, 0, 2, 7];
        let got = count(3, rows);
        for (i, &n) in got.iter().enumerate() {
            assert_eq!(n as usize, rows.iter().filter(|&&r| r == i).count());
        }
    }

    #[test]
    fn every_count_falls_in_the_range_of_its_class() {
        for max in 1..60u32 {
            let s = Scale { max };
            for n in 1..=max {
                let k = s.class(n).unwrap();
                let (lo, hi) = s.range(k).unwrap();
                assert!(lo <= n && n <= hi, "max {max} n {n} class {k} {lo}-{hi}");
            }
            assert_eq!(s.class(max), Some(CLASSES - 1));
            assert_eq!(s.class(0), None);
            // The classes that hold numbers cover 1..=max without overlap.
            let covered: u32 = (0..CLASSES)
                .filter_map(|k| s.range(k))
                .map(|(l, h)| h - l + 1)
                .sum();
            assert_eq!(covered, max);
        }
    }

    #[test]
    fn the_map_names_every_area_and_lists_what_it_cannot_show() {
        let g = Geo::parse(GEO).unwrap();
        let m = render(
            &g,
            &[("KZ", 3), ("US", 2), ("RU", 0), ("DE", 5)],
            &opts("<T>"),
        );
        assert!(m.svg.contains("&lt;T&gt;"));
        assert!(m.svg.contains("data-country=\"KZ\" tabindex=\"0\""));
        assert!(m.svg.contains("<title>Kazakhstan: 3 events</title>"));
        assert!(m.svg.contains("<title>Russia: 0 events</title>"));
        assert!(!m.svg.contains("data-country=\"RU\""));
        assert_eq!(m.unmapped, vec![("DE".into(), 5), ("US".into(), 2)]);
        assert_eq!(m.height, 50 + TOP + BOTTOM);
        let download = render(
            &g,
            &[("KZ", 3)],
            &MapOptions {
                interactive: false,
                ..opts("t")
            },
        );
        assert!(!download.svg.contains("tabindex"));
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(area_label("KZ", 1, Lang::En), "Kazakhstan: 1 event");
        assert_eq!(area_label("KZ", 21, Lang::Ru), "Казахстан: 21 событие");
        assert_eq!(area_label("KZ", 3, Lang::Ru), "Казахстан: 3 события");
        assert_eq!(area_label("KZ", 12, Lang::Ru), "Казахстан: 12 событий");
    }
}
