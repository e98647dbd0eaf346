//! Events per region: the regions the events' facts name (`facts.places`
//! entries the gazetteer knows as regions, the thesaurus's `region`
//! entries: [`crate::gazetteer::place_named`]). They are counted, drawn
//! where the regions' outlines have them ([`super::outlines`]) and listed
//! beside the map, each with its country. Published as a piece of its own
//! ([`RegionRows`], fetched with the map), built from the events in memory
//! in the portable file.

use serde::{Deserialize, Serialize};

use crate::gazetteer::{self, PlaceKind};
use crate::model::{Event, Lang};

/// The regions the events name, as parallel columns sorted by row: row
/// `rows[i]` names region `names[regions[i]]` (an event naming two regions
/// has two entries).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionRows {
    /// Always [`crate::catalogue::FORMAT`].
    pub format: u32,
    /// The regions' English names as the facts store them, in the order
    /// they were first met.
    pub names: Vec<String>,
    /// Per name: its Russian name and its country's ISO code, from the
    /// gazetteer when the piece is made (so the app carries no gazetteer).
    pub about: Vec<(String, String)>,
    /// Row positions, ascending.
    pub rows: Vec<u32>,
    /// Per entry of `rows`: the index into `names`.
    pub regions: Vec<u16>,
}

/// The gazetteer's entry for the region called `name`, if it is one:
/// `(country, Russian nominative name)`.
fn region_entry(name: &str) -> Option<(&'static str, &'static str)> {
    gazetteer::place_named(name)
        .filter(|p| p.kind == PlaceKind::Region)
        .map(|p| (p.country, p.ru))
}

/// `name` in `lang` (the gazetteer's Russian name, or the name as stored).
pub fn region_name(name: &str, lang: Lang) -> &str {
    match (lang, region_entry(name)) {
        (Lang::Ru, Some((_, ru))) => ru,
        _ => name,
    }
}

impl RegionRows {
    /// The regions `events` (in row order) name in their facts.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> RegionRows {
        let mut out = RegionRows {
            format: crate::catalogue::FORMAT,
            ..RegionRows::default()
        };
        for (row, e) in events.into_iter().enumerate() {
            let Some(facts) = &e.facts else { continue };
            for place in facts.places.iter().filter(|p| region_entry(p).is_some()) {
                let i = match out.names.iter().position(|n| n == place) {
                    Some(i) => i,
                    None => {
                        let country = region_entry(place).map_or("", |(c, _)| c);
                        // "область Жетысу" in a list of its own: «Область Жетысу».
                        let ru = region_name(place, Lang::Ru);
                        let mut chars = ru.chars();
                        let ru: String = chars
                            .next()
                            .into_iter()
                            .flat_map(char::to_uppercase)
                            .chain(chars)
                            .collect();
                        out.about.push((ru, country.to_string()));
                        out.names.push(place.clone());
                        out.names.len() - 1
                    }
                };
                out.rows.push(row as u32);
                out.regions.push(i as u16);
            }
        }
        out
    }

    /// The label of region number `i` in `lang`, with its country:
    /// "Kostanay Region (KZ)".
    pub fn label(&self, i: usize, lang: Lang) -> String {
        let name = self.names.get(i).map_or("", String::as_str);
        match self.about.get(i) {
            Some((ru, country)) => {
                let shown = if lang == Lang::Ru && !ru.is_empty() {
                    ru
                } else {
                    name
                };
                if country.is_empty() {
                    shown.to_string()
                } else {
                    format!("{shown} ({country})")
                }
            }
            None => name.to_string(),
        }
    }

    /// Events per region among the `selected` rows (of `rows` in all):
    /// `(region number, count)`, most first, then by number; regions
    /// without any left out.
    pub fn count(&self, selected: impl IntoIterator<Item = u32>, rows: usize) -> Vec<(usize, u32)> {
        let mut chosen = vec![false; rows];
        for r in selected {
            if let Some(c) = chosen.get_mut(r as usize) {
                *c = true;
            }
        }
        let mut counts = vec![0u32; self.names.len()];
        for (&row, &region) in self.rows.iter().zip(&self.regions) {
            if chosen.get(row as usize).copied().unwrap_or(false) {
                if let Some(n) = counts.get_mut(usize::from(region)) {
                    *n += 1;
                }
            }
        }
        let mut out: Vec<(usize, u32)> = counts
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .collect();
        crate::search::sort::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Facts;

    fn event(places: &[&str]) -> Event {
        let mut e: Event = serde_json::from_str(
            r#"{"id":"e","country":"KZ","date":{"start":"2025-01-01","end":"2025-01-01"},"title":"t","body":[],"language":"en"}"#,
        )
        .unwrap();
        e.facts = Some(Facts {
            places: places.iter().map(|p| p.to_string()).collect(),
            ..Facts::default()
        });
        e
    }

    #[test]
    fn counts_regions_of_the_selected_rows_as_a_naive_count_does() {
        let events = vec![
            event(&["Kostanay Region", "Kostanay"]),
            event(&["Tver Region", "Kostanay Region"]),
            event(&["Bishkek"]),
            event(&["Kostanay Region"]),
        ];
        let r = RegionRows::from_events(&events);
        // Cities are not regions.
        assert_eq!(r.names, vec!["Kostanay Region", "Tver Region"]);
        let selected = [0u32, 1, 2];
        let got = r.count(selected, events.len());
        for &(i, n) in &got {
            let name = r.names[i].as_str();
            let naive = selected
                .iter()
                .filter(|&&i| {
                    events[i as usize]
                        .facts
                        .as_ref()
                        .unwrap()
                        .places
                        .iter()
                        .any(|p| p == name)
                })
                .count();
            assert_eq!(n as usize, naive, "{name}");
        }
        assert_eq!(got, vec![(0, 2), (1, 1)]);
        assert_eq!(r.label(0, Lang::En), "Kostanay Region (KZ)");
        assert_eq!(r.label(0, Lang::Ru), "Костанайская область (KZ)");
        assert_eq!(r.count([9u32], 4), vec![]);
        let z = RegionRows::from_events(&[event(&["Zhetysu Region"])]);
        assert_eq!(z.label(0, Lang::Ru), "Область Жетысу (KZ)");
    }

    #[test]
    fn names_in_both_languages_and_their_country() {
        assert_eq!(
            region_name("Zhambyl Region", Lang::Ru),
            "Жамбылская область"
        );
        assert_eq!(
            region_name("Gorno-Badakhshan", Lang::Ru),
            "Горно-Бадахшанская"
        );
        assert_eq!(region_name("Zhambyl Region", Lang::En), "Zhambyl Region");
        assert_eq!(region_name("Atlantis Region", Lang::Ru), "Atlantis Region");
    }
}
