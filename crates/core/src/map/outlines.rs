//! The regions' outlines ([`RegionGeo`]): the gazetteer's regions of the
//! member states, Russia and Nakhchivan in the map's view box, named as the
//! gazetteer names them (and only those: an outline the gazetteer has no
//! region for, a capital city, would be drawn and never counted), read from the region
//! geodata piece (`data/geo/regions.txt`, written by `scripts/make-geo.mjs`
//! through the name table `data/geo/region-names.tsv`). A piece of its own,
//! fetched when the map opens, so the countries' map never waits for it
//! and the first load never carries it.

/// One region's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionArea {
    /// Its country's ISO code.
    pub country: String,
    /// Its English name as events' facts store it ("Zhambyl Region").
    pub name: String,
    /// Its SVG path in the map's view box.
    pub path: String,
}

/// The region geodata: the view box it was made for and its outlines,
/// grouped by country.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegionGeo {
    /// The view box's width (the countries' geodata's).
    pub width: u32,
    /// The view box's height.
    pub height: u32,
    /// The outlines, those of one country next to each other.
    pub areas: Vec<RegionArea>,
}

impl RegionGeo {
    /// Reads the region geodata's text: a first line `W H`, then one line
    /// `CODE<tab>NAME<tab>PATH` per outline (a name never empty, a path of
    /// the geodata's form, absolute or relative). `None` when it is not of
    /// this form.
    pub fn parse(text: &str) -> Option<RegionGeo> {
        let mut lines = text.lines();
        let (w, h) = lines.next()?.split_once(' ')?;
        let mut geo = RegionGeo {
            width: w.parse().ok()?,
            height: h.parse().ok()?,
            areas: Vec::new(),
        };
        for line in lines.filter(|l| !l.is_empty()) {
            let mut parts = line.splitn(3, '\t');
            let (country, name, path) = (parts.next()?, parts.next()?, parts.next()?);
            if !crate::country::is_iso_code(country) || name.is_empty() || !super::is_path(path) {
                return None;
            }
            geo.areas.push(RegionArea {
                country: country.to_string(),
                name: name.to_string(),
                path: path.to_string(),
            });
        }
        Some(geo)
    }

    /// True when the geodata has an outline for the region called `name`.
    pub fn has(&self, name: &str) -> bool {
        !name.is_empty() && self.areas.iter().any(|a| a.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGIONS: &str = include_str!("../../../../data/geo/regions.txt");
    const TABLE: &str = include_str!("../../../../data/geo/region-names.tsv");
    const MAP: &str = include_str!("../../../../data/geo/map.txt");
    /// The countries whose regions the map draws: the member states,
    /// Azerbaijan (Nakhchivan) and Russia.
    const DIVIDED: [&str; 7] = ["KZ", "KG", "TJ", "UZ", "TM", "AZ", "RU"];

    #[test]
    fn parses_and_refuses_other_text() {
        let g =
            RegionGeo::parse("10 10\nKZ\tA Region\tM0,0L1,0L1,1Z\nRU\tB\tM2,2l1,0-1,1z\n").unwrap();
        assert_eq!(g.areas.len(), 2);
        assert!(g.has("A Region") && g.has("B") && !g.has("") && !g.has("C Region"));
        assert_eq!(RegionGeo::parse("<html>"), None);
        assert_eq!(RegionGeo::parse("1 1\nKZ\tA\t<script>"), None);
        assert_eq!(RegionGeo::parse("1 1\nKZ\tA\tM0,0\" onload=\"x"), None);
        assert_eq!(RegionGeo::parse("1 1\nkz\tA\tM0,0"), None);
        // An outline without a name (drawn, never counted) is not of the form.
        assert_eq!(RegionGeo::parse("1 1\nKZ\t\tM0,0l1,0,0,1z"), None);
    }

    /// The table's rows: (country, gazetteer name, geodata name or `-`, note).
    fn table() -> Vec<[&'static str; 4]> {
        TABLE
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut p = l.split('\t');
                [0; 4].map(|_| p.next().unwrap_or(""))
            })
            .collect()
    }

    /// The rings of an SVG path of the geodata's form, as absolute points:
    /// `M` starts a ring at absolute coordinates, `L` pairs are absolute,
    /// `l` pairs relative to the previous point (SVG's rules, read here
    /// independently of the script that writes them).
    fn rings(d: &str) -> Vec<Vec<(i64, i64)>> {
        // Numbers (`Ok`) and commands (`Err`).
        let mut tokens: Vec<Result<i64, u8>> = Vec::new();
        let mut num = String::new();
        for b in d.bytes().chain([b' ']) {
            if b.is_ascii_digit() {
                num.push(b as char);
                continue;
            }
            if !num.is_empty() {
                tokens.push(Ok(num.parse().unwrap_or_else(|_| panic!("{num} in {d}"))));
                num.clear();
            }
            match b {
                b'-' => num.push('-'),
                b',' | b' ' => {}
                b'M' | b'L' | b'l' | b'Z' | b'z' => tokens.push(Err(b)),
                other => panic!("{} in a path", other as char),
            }
        }
        let mut out: Vec<Vec<(i64, i64)>> = Vec::new();
        let (mut cmd, mut pair) = (0u8, Vec::<i64>::new());
        for t in tokens {
            match t {
                Err(c) => {
                    assert!(pair.is_empty(), "half a point in {d}");
                    cmd = c;
                }
                Ok(n) => {
                    pair.push(n);
                    if pair.len() < 2 {
                        continue;
                    }
                    let (x, y) = (pair[0], pair[1]);
                    pair.clear();
                    match cmd {
                        // After `M`, further pairs are lines (SVG's rule).
                        b'M' => {
                            out.push(vec![(x, y)]);
                            cmd = b'L';
                        }
                        b'L' => out.last_mut().unwrap().push((x, y)),
                        b'l' => {
                            let ring = out.last_mut().unwrap();
                            let &(px, py) = ring.last().unwrap();
                            ring.push((px + x, py + y));
                        }
                        _ => panic!("a point after {} in {d}", cmd as char),
                    }
                }
            }
        }
        assert!(pair.is_empty(), "half a point in {d}");
        out
    }

    /// True when `p` is inside the shape of `rings` (even-odd, as the map
    /// fills it).
    fn inside(rings: &[Vec<(i64, i64)>], (x, y): (f64, f64)) -> bool {
        let mut odd = false;
        for ring in rings {
            for (i, &(x1, y1)) in ring.iter().enumerate() {
                let (x0, y0) = ring[(i + ring.len() - 1) % ring.len()];
                let (x0, y0, x1, y1) = (x0 as f64, y0 as f64, x1 as f64, y1 as f64);
                if (y0 > y) != (y1 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0) {
                    odd = !odd;
                }
            }
        }
        odd
    }

    #[test]
    fn relative_and_absolute_paths_read_alike() {
        assert_eq!(rings("M1,2L4,2L4,6Z"), rings("M1,2l3,0,0,4z"));
        assert_eq!(
            rings("M10,10l-3-2,5,1z"),
            vec![vec![(10, 10), (7, 8), (12, 9)]]
        );
        assert!(inside(&rings("M0,0l10,0,0,10-10,0z"), (5.0, 5.0)));
        assert!(!inside(&rings("M0,0l10,0,0,10-10,0z"), (15.0, 5.0)));
    }

    #[test]
    fn every_region_of_the_divided_countries_is_drawn_or_missing_with_a_reason() {
        let geo = RegionGeo::parse(REGIONS).expect("the committed region geodata");
        let countries = super::super::Geo::parse(MAP).expect("the committed geodata");
        assert_eq!((geo.width, geo.height), (countries.width, countries.height));
        let rows = table();
        // The gazetteer, the oracle: its regions of these countries.
        let gazetteer: Vec<(&str, &str)> = crate::gazetteer::places()
            .iter()
            .filter(|p| {
                p.kind == crate::gazetteer::PlaceKind::Region && DIVIDED.contains(&p.country)
            })
            .map(|p| (p.country, p.name))
            .collect();
        assert!(gazetteer.len() >= 115, "{}", gazetteer.len());
        let outline_of = |code: &str| {
            let (_, d) = countries.areas.iter().find(|(c, _)| c == code).unwrap();
            rings(d)
        };
        let (mut drawn, mut missing) = (0, 0);
        for (country, name) in &gazetteer {
            let row = rows
                .iter()
                .find(|r| r[1] == *name)
                .unwrap_or_else(|| panic!("{name} ({country}) is not in region-names.tsv"));
            assert_eq!(row[0], *country, "{name}");
            if row[2] == "-" {
                assert!(row[3].len() > 10, "{name}: missing without a reason");
                assert!(!geo.has(name), "{name}");
                missing += 1;
                continue;
            }
            let area = geo.areas.iter().find(|a| a.name == *name);
            let area = area.unwrap_or_else(|| panic!("{name}: no outline in regions.txt"));
            assert_eq!(area.country, *country, "{name}");
            drawn += 1;
            // In the frame: every point in the view box.
            let shape = rings(&area.path);
            let points: Vec<(i64, i64)> = shape.iter().flatten().copied().collect();
            assert!(points.len() >= 3, "{name}");
            for &(x, y) in &points {
                assert!(
                    (0..=geo.width as i64).contains(&x) && (0..=geo.height as i64).contains(&y),
                    "{name}: ({x}, {y}) outside the frame"
                );
            }
            // In its country: of a grid of points over the region's own
            // area, most inside its country's outline (another, coarser
            // generalisation of the same borders: the least is Nakhchivan's,
            // a few units across, at two thirds), and few in any other.
            let (x0, x1) = (
                points.iter().map(|p| p.0).min().unwrap(),
                points.iter().map(|p| p.0).max().unwrap(),
            );
            let (y0, y1) = (
                points.iter().map(|p| p.1).min().unwrap(),
                points.iter().map(|p| p.1).max().unwrap(),
            );
            let step = ((x1 - x0).max(y1 - y0) as f64 / 24.0).max(0.5);
            let mut samples = Vec::new();
            let mut y = y0 as f64 + step / 2.0;
            while y < y1 as f64 {
                let mut x = x0 as f64 + step / 2.0;
                while x < x1 as f64 {
                    if inside(&shape, (x, y)) {
                        samples.push((x, y));
                    }
                    x += step;
                }
                y += step;
            }
            assert!(
                samples.len() >= 4,
                "{name}: {} points inside",
                samples.len()
            );
            let share = |code: &str| {
                let o = outline_of(code);
                samples.iter().filter(|&&p| inside(&o, p)).count() as f64 / samples.len() as f64
            };
            let own = share(country);
            assert!(own >= 0.6, "{name}: {own:.2} of it in {country}");
            for (other, _) in countries.areas.iter().filter(|(c, _)| c != country) {
                let theirs = share(other);
                assert!(
                    theirs < own && theirs < 0.3,
                    "{name}: {theirs:.2} in {other}"
                );
            }
        }
        // Russia's regions among them: each drawn (in the frame) or listed
        // as missing with its reason, as above.
        let russia = gazetteer.iter().filter(|(c, _)| *c == "RU").count();
        let russia_drawn = geo.areas.iter().filter(|a| a.country == "RU").count();
        assert!(russia >= 70 && russia_drawn > 0, "{russia} {russia_drawn}");
        assert_eq!(drawn + missing, gazetteer.len());
        // And nothing else: every outline is a gazetteer region of its
        // country, drawn once; every table row one of the gazetteer's.
        for (i, a) in geo.areas.iter().enumerate() {
            assert!(
                gazetteer.contains(&(a.country.as_str(), a.name.as_str())),
                "{}",
                a.name
            );
            assert!(
                !geo.areas[..i].iter().any(|b| b.name == a.name),
                "{}",
                a.name
            );
        }
        for r in &rows {
            assert!(gazetteer.contains(&(r[0], r[1])), "{}", r[1]);
        }
        // Every such country is divided.
        for c in DIVIDED {
            assert!(geo.areas.iter().any(|a| a.country == c), "{c}");
        }
    }
}
