//! The map view's pure part: its geodata ([`Geo`], read from the published
//! geodata piece), the events of a selection per country ([`count`]), a
//! colour scale of five classes ([`Scale`]) and the map as a standalone SVG
//! ([`render`]) with, beside it, what the geodata cannot show.
//!
//! The geodata is projected and simplified when it is made
//! (`scripts/make-geo.mjs`): every area is an SVG path string already in the
//! map's view box, so rendering only concatenates text and whole numbers (no
//! float formatting in the app's wasm).

pub mod outlines;
pub mod regions;

use crate::chart::svg::push_text;
use crate::country;
use crate::locale::group_digits;
use crate::model::Lang;
use outlines::RegionGeo;

/// The map's geodata: its view box and one outline per country.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geo {
    /// The view box's width.
    pub width: u32,
    /// The view box's height.
    pub height: u32,
    /// `(ISO code, SVG path)` per country, in code order.
    pub areas: Vec<(String, String)>,
    /// The part of the view box a narrow screen shows, `[x, y, width,
    /// height]`: the member states and their neighbours, not all Russia.
    pub narrow: Option<[u32; 4]>,
}

impl Geo {
    /// Reads the geodata's text: a first line `W H` or `W H X Y FW FH`
    /// (with the narrow frame), then one line `CODE PATH` per country.
    /// `None` when it is not of this form.
    pub fn parse(text: &str) -> Option<Geo> {
        let mut lines = text.lines();
        let mut head = [0u32; 7];
        let mut count = 0;
        for n in lines.next()?.split(' ') {
            *head.get_mut(count)? = n.parse().ok()?;
            count += 1;
        }
        let [width, height, x, y, w, h, _] = head;
        let mut geo = Geo {
            width,
            height,
            areas: Vec::new(),
            narrow: match count {
                2 => None,
                6 => Some([x, y, w, h]),
                _ => return None,
            },
        };
        for line in lines.filter(|l| !l.is_empty()) {
            let (code, path) = line.split_once(' ')?;
            if !country::is_iso_code(code) || !is_path(path) {
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

/// True when `d` is an SVG path of the form the geodata writes: a first
/// `M`, then whole numbers, commas, minus signs and the commands `M L Z`
/// (absolute) or `l z` (relative). The paths go into the SVG as they are,
/// so nothing else (a quote, a `<`) may reach it.
fn is_path(d: &str) -> bool {
    d.starts_with('M')
        && d.bytes().all(|b| {
            matches!(
                b,
                b'0'..=b'9' | b',' | b'-' | b'M' | b'L' | b'Z' | b'l' | b'z'
            )
        })
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

/// A sequential blue scale for countries, light then dark theme: the
/// lightest class is the fewest events; on a dark page the scale runs from
/// dark to bright.
const COLOURS: [[&str; CLASSES]; 2] = [
    ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    ["#16365c", "#1f5a94", "#2f7fc1", "#63a6e0", "#a9d0f5"],
];

/// The regions' scale, orange, drawn over their country's blue: a second
/// scale with its own legend row, since a region's count is part of its
/// country's and the two are never compared.
const REGION_COLOURS: [[&str; CLASSES]; 2] = [
    ["#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"],
    ["#5a2a0c", "#8a3f10", "#c4561a", "#f08a3e", "#fdbf85"],
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

/// A region's events: `(English name as the outlines and facts have it,
/// name shown, count)`.
pub type RegionCount<'a> = (&'a str, &'a str, u32);

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
    /// The regions' outlines and the events per region, drawn inside
    /// their countries; `None` while the region geodata is on its way. (The
    /// names shown come from the regions piece, so the app's wasm carries
    /// no gazetteer.)
    pub regions: Option<(&'a RegionGeo, &'a [RegionCount<'a>])>,
    /// Only the geodata's narrow frame ([`Geo::narrow`]), for a phone.
    pub narrow: bool,
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
/// Height of the legend band below it (one row).
const BOTTOM: u32 = 56;
/// Height of a legend row.
const ROW: u32 = 32;

/// "27 events" after `name`: "Kazakhstan: 27 events", "Zhambyl Region:
/// 5 events".
pub fn count_label(name: &str, n: u32, lang: Lang) -> String {
    let word = match lang {
        Lang::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => "событие",
            (2..=4, r) if !(12..=14).contains(&r) => "события",
            _ => "событий",
        },
        Lang::En if n == 1 => "event",
        Lang::En => "events",
    };
    format!("{name}: {} {word}", group_digits(n, lang))
}

/// The label of a country's area: "Kazakhstan: 27 events".
pub fn area_label(code: &str, n: u32, lang: Lang) -> String {
    count_label(country::name(code, lang), n, lang)
}

/// One area's path: its fill, its label as its title, and for one with
/// events the attribute `key` naming it (`data-country="KZ"`,
/// `data-region="KZ Zhambyl Region"`: its country, then its name) and, on
/// the page, what makes it a button.
fn area(
    out: &mut String,
    d: &str,
    fill: &str,
    (key, value, n): (&str, &str, u32),
    label: &str,
    interactive: bool,
) {
    out.push_str("<path d=\"");
    out.push_str(d);
    out.push_str("\" fill=\"");
    out.push_str(fill);
    out.push('"');
    if n > 0 {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        push_text(out, value);
        out.push('"');
        if interactive {
            out.push_str(" tabindex=\"0\" role=\"button\" aria-label=\"");
            push_text(out, label);
            out.push('"');
        }
    }
    out.push_str("><title>");
    push_text(out, label);
    out.push_str("</title></path>");
}

/// The map of `counts` (per country code) over `geo`: every area filled by
/// its class, with its name and count as its title; a legend of the classes
/// that hold counts; areas with events carry `data-country` for the page.
/// With [`MapOptions::regions`], the regions inside their countries: those
/// with events filled on the regions' scale and carrying `data-region`, the
/// others only outlined (a click there is the country's).
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
    let [fx, fy, fw, fh] = match (opts.narrow, geo.narrow) {
        (true, Some(f)) => f,
        _ => [0, 0, geo.width, geo.height],
    };
    let regions = opts.regions.filter(|(r, _)| !r.areas.is_empty());
    let region_scale = Scale {
        max: regions.map_or(0, |(_, c)| c.iter().map(|r| r.2).max().unwrap_or(0)),
    };
    let dark = opts.dark as usize;
    // The legends first: their rows decide the height.
    let mut legends = String::new();
    let mut y = legend(
        &mut legends,
        scale,
        &COLOURS[dark],
        "",
        (fw, fh + TOP + 18),
        opts,
    );
    if region_scale.max > 0 {
        let word = match opts.lang {
            Lang::En => "Regions named:",
            Lang::Ru => "Названные регионы:",
        };
        y = legend(
            &mut legends,
            region_scale,
            &REGION_COLOURS[dark],
            word,
            (fw, y),
            opts,
        );
    }
    let (width, height) = (fw, y + BOTTOM - 18 - ROW);
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
    // A nested view box: the frame shown, what lies outside it clipped.
    out.push_str(&format!(
        "<svg y=\"{TOP}\" width=\"{fw}\" height=\"{fh}\" viewBox=\"{fx} {fy} {fw} {fh}\" stroke=\"{fg}\" stroke-width=\"0.6\" stroke-linejoin=\"round\">"
    ));
    for (code, d) in &geo.areas {
        let n = count_of(code);
        let label = area_label(code, n, opts.lang);
        area(
            &mut out,
            d,
            scale.colour(n, opts.dark),
            ("data-country", code, n),
            &label,
            opts.interactive,
        );
    }
    if let Some((rg, rc)) = regions {
        // Each country's regions clipped to its outline (the region
        // geodata is another generalisation of the same borders), then the
        // outline again on top, so the border stays the country's.
        let mut i = 0;
        while let Some(first) = rg.areas.get(i) {
            let code = first.country.as_str();
            let end = rg.areas[i..]
                .iter()
                .position(|a| a.country != code)
                .map_or(rg.areas.len(), |k| i + k);
            let Some((_, outline)) = geo.areas.iter().find(|(c, _)| c == code) else {
                i = end;
                continue;
            };
            out.push_str(&format!("<clipPath id=\"map-clip-{code}\"><path d=\"{outline}\"/></clipPath><g clip-path=\"url(#map-clip-{code})\" stroke-width=\"0.4\">"));
            for a in &rg.areas[i..end] {
                let found = rc.iter().find(|r| r.0 == a.name);
                let (shown, n) = found.map_or(("", 0), |r| (r.1, r.2));
                let fill = match region_scale.class(n) {
                    Some(k) => REGION_COLOURS[dark][k],
                    None => "none",
                };
                let label = count_label(shown, n, opts.lang);
                if n == 0 {
                    // Only an outline: the pointer goes through to the country.
                    out.push_str(
                        "<path pointer-events=\"none\" stroke-opacity=\"0.5\" fill=\"none\" d=\"",
                    );
                    out.push_str(&a.path);
                    out.push_str("\"/>");
                } else {
                    area(
                        &mut out,
                        &a.path,
                        fill,
                        ("data-region", &format!("{code} {}", a.name), n),
                        &label,
                        opts.interactive,
                    );
                }
            }
            out.push_str("</g><path pointer-events=\"none\" fill=\"none\" d=\"");
            out.push_str(outline);
            out.push_str("\"/>");
            i = end;
        }
    }
    if opts.interactive {
        // The outline of the area under the pointer or focus, drawn last so
        // that no neighbour covers it (the page sets its `d`).
        out.push_str(
            "<path class=\"map-focus\" d=\"M0,0\" fill=\"none\" pointer-events=\"none\"/>",
        );
    }
    out.push_str("</svg>");
    out.push_str(&legends);
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

/// A legend: `word`, then a swatch and its range of counts per class that
/// holds any, from `y` on, in rows no wider than `width`. Returns the `y`
/// below it.
fn legend(
    out: &mut String,
    scale: Scale,
    colours: &[&str; CLASSES],
    word: &str,
    (width, mut y): (u32, u32),
    opts: &MapOptions,
) -> u32 {
    let mut x = 10u32;
    out.push_str("<g class=\"legend\" font-size=\"20\">");
    if !word.is_empty() {
        out.push_str(&format!("<text x=\"{x}\" y=\"{}\">", y + 17));
        push_text(out, word);
        out.push_str("</text>");
        x += 12 * word.chars().count() as u32 + 12;
    }
    for (k, colour) in colours.iter().enumerate() {
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
        // Estimated width: 12 units a character, at 20 units a letter.
        let w = 34 + 12 * text.chars().count() as u32;
        if x > 10 && x + w > width {
            (x, y) = (10, y + ROW);
        }
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"28\" height=\"20\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.6\"/><text x=\"{}\" y=\"{}\">",
            colour,
            opts.foreground,
            x + 34,
            y + 17
        ));
        push_text(out, &text);
        out.push_str("</text>");
        x += w + 24;
    }
    out.push_str("</g>");
    y + ROW
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEO: &str = "1000 50\nKZ M0,0L10,0L10,10Z\nRU M20,0L30,0L30,10Z\n";

    fn opts(title: &str) -> MapOptions<'_> {
        MapOptions {
            lang: Lang::En,
            title,
            foreground: "currentColor",
            background: None,
            dark: false,
            interactive: true,
            regions: None,
            narrow: false,
        }
    }

    #[test]
    fn parses_geodata_and_refuses_other_text() {
        let g = Geo::parse(GEO).unwrap();
        assert_eq!((g.width, g.height, g.areas.len()), (1000, 50, 2));
        assert!(g.has("RU") && !g.has("US"));
        assert_eq!(Geo::parse("<html>"), None);
        assert_eq!(Geo::parse("1 1\nkz M0,0"), None);
        assert_eq!(Geo::parse("1 1\nKZ <script>"), None);
        assert_eq!(Geo::parse("1 1\nKZ M0,0\"/><script>"), None);
        assert_eq!(Geo::parse("1 1 2\n"), None);
        let framed = Geo::parse("100 50 10 5 40 30\nKZ M0,0L10,0L10,10Z\n").unwrap();
        assert_eq!(framed.narrow, Some([10, 5, 40, 30]));
        assert_eq!(g.narrow, None);
    }

    const REGIONS: &str =
        "1000 50\nKZ\tZhambyl Region\tM1,1L5,1L5,5Z\nKZ\tAbay Region\tM6,1l3,0,0,4z\n";

    #[test]
    fn regions_are_drawn_inside_their_country_on_their_own_scale() {
        let g = Geo::parse(GEO).unwrap();
        let r = outlines::RegionGeo::parse(REGIONS).unwrap();
        let counts = [
            ("Zhambyl Region", "Zhambyl Region", 4),
            ("Tver Region", "Tver Region", 2),
        ];
        let m = render(
            &g,
            &[("KZ", 7), ("RU", 2)],
            &MapOptions {
                regions: Some((&r, &counts)),
                ..opts("t")
            },
        );
        let svg = &m.svg;
        // The region with events is a button with its own label and the
        // regions' darkest class; the one without is only an outline.
        assert!(svg.contains("data-region=\"KZ Zhambyl Region\" tabindex=\"0\" role=\"button\" aria-label=\"Zhambyl Region: 4 events\""));
        assert!(svg.contains(&format!("fill=\"{}\" data-region", REGION_COLOURS[0][4])));
        assert!(!svg.contains("Abay Region\" tabindex"));
        assert_eq!(svg.matches("data-region").count(), 1);
        // Clipped to Kazakhstan's outline, which is drawn again above them.
        let clip = svg
            .find("<clipPath id=\"map-clip-KZ\"><path d=\"M0,0L10,0L10,10Z\"/>")
            .unwrap();
        let region = svg.find("Zhambyl").unwrap();
        let border = svg.rfind("fill=\"none\" d=\"M0,0L10,0L10,10Z\"").unwrap();
        assert!(clip < region && region < border);
        // The focus outline comes after every area, so nothing covers it.
        let focus = svg.find("class=\"map-focus\"").unwrap();
        assert!(svg.rfind("<path d=").unwrap() < focus && border < focus);
        // A second legend row, on the regions' scale.
        assert!(svg.contains("Regions named:"));
        assert_eq!(m.height, 50 + TOP + BOTTOM + ROW);
        // Without regions named, no second row.
        let none = render(
            &g,
            &[("KZ", 7)],
            &MapOptions {
                regions: Some((&r, &[])),
                ..opts("t")
            },
        );
        assert!(!none.svg.contains("Regions named") && !none.svg.contains("data-region"));
        assert_eq!(none.height, 50 + TOP + BOTTOM);
        // Russian labels.
        let ru_counts = [("Zhambyl Region", "Жамбылская область", 4)];
        let ru = render(
            &g,
            &[("KZ", 7)],
            &MapOptions {
                lang: Lang::Ru,
                regions: Some((&r, &ru_counts)),
                ..opts("t")
            },
        );
        assert!(ru
            .svg
            .contains("aria-label=\"Жамбылская область: 4 события\""));
    }

    #[test]
    fn a_narrow_map_shows_its_frame_and_wraps_its_legend() {
        let g = Geo::parse("1000 50 10 5 40 30\nKZ M0,0L10,0L10,10Z\n").unwrap();
        let m = render(
            &g,
            &[("KZ", 12_000)],
            &MapOptions {
                narrow: true,
                ..opts("t")
            },
        );
        assert_eq!(m.width, 40);
        assert!(m.svg.contains("viewBox=\"10 5 40 30\""));
        // Five classes, each on its own row at this width.
        assert_eq!(m.height, 30 + TOP + BOTTOM + 4 * ROW);
        let wide = render(&g, &[("KZ", 12_000)], &opts("t"));
        assert_eq!((wide.width, wide.height), (1000, 50 + TOP + BOTTOM));
        assert!(wide.svg.contains("viewBox=\"0 0 1000 50\""));
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
        assert!(!download.svg.contains("tabindex") && !download.svg.contains("map-focus"));
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(area_label("KZ", 1, Lang::En), "Kazakhstan: 1 event");
        assert_eq!(area_label("KZ", 21, Lang::Ru), "Казахстан: 21 событие");
        assert_eq!(area_label("KZ", 3, Lang::Ru), "Казахстан: 3 события");
        assert_eq!(area_label("KZ", 12, Lang::Ru), "Казахстан: 12 событий");
    }
}
