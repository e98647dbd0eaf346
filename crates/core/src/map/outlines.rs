//! The regions' outlines ([`RegionGeo`]): the member states' regions in the
//! map's view box, named as the gazetteer names them, read from the region
//! geodata piece (`data/geo/regions.txt`, written by `scripts/make-geo.mjs`
//! through the name table `data/geo/region-names.tsv`). A piece of its own,
//! fetched when the map opens, so the countries' map never waits for it
//! and the first load never carries it.

/// One region's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionArea {
    /// Its country's ISO code.
    pub country: String,
    /// Its English name as events' facts store it ("Zhambyl Region"); empty
    /// for an outline the gazetteer has no region for (a capital city):
    /// drawn, never counted.
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
    /// `CODE<tab>NAME<tab>PATH` per outline. `None` when it is not of this
    /// form.
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
            if !crate::country::is_iso_code(country) || !path.starts_with('M') {
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
    /// The member states whose regions the map draws.
    const MEMBERS: [&str; 6] = ["KZ", "KG", "TJ", "UZ", "TM", "AZ"];

    #[test]
    fn parses_and_refuses_other_text() {
        let g =
            RegionGeo::parse("10 10\nKZ\tA Region\tM0,0L1,0L1,1Z\nKZ\t\tM2,2L3,2L3,3Z\n").unwrap();
        assert_eq!(g.areas.len(), 2);
        assert!(g.has("A Region") && !g.has("") && !g.has("B Region"));
        assert_eq!(RegionGeo::parse("<html>"), None);
        assert_eq!(RegionGeo::parse("1 1\nKZ\tA\t<script>"), None);
        assert_eq!(RegionGeo::parse("1 1\nkz\tA\tM0,0"), None);
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

    #[test]
    fn every_region_of_the_member_states_is_drawn_or_missing_with_a_reason() {
        let geo = RegionGeo::parse(REGIONS).expect("the committed region geodata");
        let countries = super::super::Geo::parse(MAP).expect("the committed geodata");
        assert_eq!((geo.width, geo.height), (countries.width, countries.height));
        let rows = table();
        // The gazetteer, the oracle: its regions of the member states.
        let gazetteer: Vec<(&str, &str)> = crate::gazetteer::places()
            .iter()
            .filter(|p| {
                p.kind == crate::gazetteer::PlaceKind::Region && MEMBERS.contains(&p.country)
            })
            .map(|p| (p.country, p.name))
            .collect();
        assert!(gazetteer.len() >= 40, "{}", gazetteer.len());
        for (country, name) in &gazetteer {
            let row = rows
                .iter()
                .find(|r| r[1] == *name)
                .unwrap_or_else(|| panic!("{name} ({country}) is not in region-names.tsv"));
            assert_eq!(row[0], *country, "{name}");
            if row[2] == "-" {
                assert!(row[3].len() > 10, "{name}: missing without a reason");
                assert!(!geo.has(name), "{name}");
            } else {
                let area = geo.areas.iter().find(|a| a.name == *name);
                let area = area.unwrap_or_else(|| panic!("{name}: no outline in regions.txt"));
                assert_eq!(area.country, *country, "{name}");
            }
        }
        // And nothing else: every named outline is a gazetteer region of its
        // country, every table row one of the gazetteer's.
        for a in geo.areas.iter().filter(|a| !a.name.is_empty()) {
            assert!(
                gazetteer.contains(&(a.country.as_str(), a.name.as_str())),
                "{}",
                a.name
            );
        }
        for r in &rows {
            assert!(gazetteer.contains(&(r[0], r[1])), "{}", r[1]);
        }
        // Every member state is divided.
        for c in MEMBERS {
            assert!(geo.areas.iter().any(|a| a.country == c), "{c}");
        }
    }
}
