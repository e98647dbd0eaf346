//! A small gazetteer of the member states' regions and main cities, in
//! their Latin and Cyrillic spellings, and the matcher that finds the first
//! place a text names ("in Zhambyl region", "в Ашхабаде", "Тверской
//! области", "область Жетысу").
//!
//! The data is the thesaurus's `region` and `city` entries
//! (`data/thesaurus.json`, `schema/README.md#thesaurus`): per place its
//! English name (`label.en`, the spelling the archive stores), Russian name
//! (`label.ru`), country, English forms and Russian forms. Russian forms are
//! declined when the matcher is built, so the file lists each name once, in
//! the nominative. A region's form matches only beside a region word
//! ("region", "oblast", «область» ...) unless the entry lists it in `alone`.
//!
//! Native code and the portable build (title casing in the browser) use
//! it; the published app does not link it (a region's or a place's Russian
//! name travels in the pieces the publisher writes).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::model::Event;
use crate::names::{ru_adjective_forms, ru_noun_forms};
use crate::text::{is_capitalized, with_lower, words};
use crate::thesaurus::{self, EntryKind};

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A city or town.
    City,
    /// A region (oblast, province, krai, republic within a state).
    Region,
}

/// A place the gazetteer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The English name stored in the archive, e.g. "Zhambyl Region".
    pub name: &'static str,
    /// Its Russian name, nominative: «Жамбылская область», «Алматы».
    pub ru: &'static str,
    /// The ISO code of its country.
    pub country: &'static str,
    /// City or region.
    pub kind: PlaceKind,
}

/// Words that make a preceding (or, in Russian, following) name a region.
const EN_REGION_WORDS: &[&str] = &[
    "region",
    "oblast",
    "province",
    "krai",
    "kray",
    "territory",
    "velayat",
    "viloyat",
    "oblys",
    "okrug",
    "republic",
];

fn is_region_word(lower: &str) -> bool {
    EN_REGION_WORDS.contains(&lower)
        || [
            "област",
            "облыс",
            "регион",
            "республик",
            "автономн",
            "велаят",
            "вилоят",
            "округ",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
        || matches!(lower, "край" | "края" | "краю" | "краем" | "крае")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// The name alone names the place.
    Nothing,
    /// A region word must follow ("Zhambyl region", "Жамбылской области").
    RegionAfter,
    /// A region word must precede ("области Жетысу").
    RegionBefore,
}

#[derive(Debug)]
struct Pattern {
    /// Lower-case words after the first.
    rest: Vec<String>,
    needs: Needs,
    place: usize,
}

struct Matcher {
    places: Vec<Place>,
    /// English name → index into `places`.
    by_name: HashMap<String, usize>,
    by_first_word: HashMap<String, Vec<Pattern>>,
    /// Every word of every name, for [`is_place_word`]: the title casing
    /// asks it for each word of each title the list shows.
    words: HashSet<String>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(build)
}

/// Every place of the thesaurus, in its order.
pub fn places() -> &'static [Place] {
    &matcher().places
}

/// The place whose English name (as the archive stores it) is `name`.
pub fn place_named(name: &str) -> Option<Place> {
    let m = matcher();
    m.by_name.get(name).map(|&i| m.places[i])
}

/// The Russian names of the places `events` name (their [`Event::place`]),
/// `(name as stored, Russian name)`, each once, in the order first met:
/// what the published pieces carry for the app, which has no gazetteer.
/// Names the gazetteer does not know (a partner's archive) are left out.
pub fn russian_names<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for name in events.into_iter().filter_map(|e| e.place.as_deref()) {
        if out.iter().any(|(n, _)| n == name) {
            continue;
        }
        if let Some(p) = place_named(name) {
            out.push((name.to_string(), p.ru.to_string()));
        }
    }
    out
}

fn build() -> Matcher {
    let entries = || {
        thesaurus::file()
            .entries
            .iter()
            .filter(|e| e.kind.is_place())
    };
    let mut m = Matcher {
        places: Vec::with_capacity(entries().count()),
        by_name: HashMap::default(),
        by_first_word: HashMap::default(),
        words: HashSet::default(),
    };
    for (index, e) in entries().enumerate() {
        let kind = if e.kind == EntryKind::Region {
            PlaceKind::Region
        } else {
            PlaceKind::City
        };
        m.places.push(Place {
            name: &e.label.en,
            ru: &e.label.ru,
            country: e.country.as_deref().unwrap_or_default(),
            kind,
        });
        m.by_name.entry(e.label.en.clone()).or_insert(index);
        let alone = |form: &String| e.alone.contains(form);
        for form in &e.en {
            let needs = if kind == PlaceKind::Region && !alone(form) {
                Needs::RegionAfter
            } else {
                Needs::Nothing
            };
            let seq: Vec<String> = form.to_lowercase().split(' ').map(str::to_string).collect();
            add(&mut m, seq, needs, index);
        }
        for form in &e.ru {
            let bare = alone(form);
            let lower = form.to_lowercase().replace('ё', "е");
            let parts: Vec<&str> = lower.split(' ').collect();
            let region_word_at = parts.iter().position(|p| is_region_word(p));
            match (parts.as_slice(), region_word_at) {
                ([adjective], None) if is_adjective(adjective) => {
                    // "Рудный", "Грозный" are cities; a region adjective
                    // alone needs its region word unless marked bare.
                    let needs = if bare || kind == PlaceKind::City {
                        Needs::Nothing
                    } else {
                        Needs::RegionAfter
                    };
                    for f in adjective_forms(adjective) {
                        add(&mut m, vec![f], needs, index);
                    }
                }
                ([noun], None) => {
                    for f in ru_noun_forms(noun) {
                        add(&mut m, vec![f], Needs::Nothing, index);
                    }
                }
                ([_region, name], Some(0)) => {
                    // "Республика Коми", "область Жетысу".
                    let needs = if kind == PlaceKind::Region && !bare {
                        Needs::RegionBefore
                    } else {
                        Needs::Nothing
                    };
                    for f in ru_noun_forms(name) {
                        add(&mut m, vec![f], needs, index);
                    }
                }
                ([adjective, ..], Some(_)) => {
                    for f in adjective_forms(adjective) {
                        add(&mut m, vec![f], Needs::RegionAfter, index);
                    }
                }
                ([first, second], None) => {
                    // A two-word name: "Нижний Новгород", "Марий Эл".
                    let firsts = if is_adjective(first) {
                        adjective_forms(first)
                    } else {
                        vec![first.to_string()]
                    };
                    for a in &firsts {
                        for b in ru_noun_forms(second) {
                            add(&mut m, vec![a.clone(), b], Needs::Nothing, index);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    m
}

fn add(m: &mut Matcher, mut seq: Vec<String>, needs: Needs, place: usize) {
    if seq.is_empty() {
        return;
    }
    m.words.extend(seq.iter().cloned());
    let first = seq.remove(0);
    m.by_first_word.entry(first).or_default().push(Pattern {
        rest: seq,
        needs,
        place,
    });
}

fn is_adjective(word: &str) -> bool {
    ["ая", "яя", "ий", "ый", "ой"]
        .iter()
        .any(|e| word.ends_with(e))
        && word.chars().count() > 4
}

fn adjective_forms(word: &str) -> Vec<String> {
    let masculine = if let Some(stem) = word.strip_suffix("ая") {
        format!("{stem}ий")
    } else if let Some(stem) = word.strip_suffix("яя") {
        format!("{stem}ий")
    } else {
        word.to_string()
    };
    ru_adjective_forms(&masculine)
}

/// True when a lower-case word is a word of a known place name.
pub fn is_place_word(lower: &str) -> bool {
    matcher().words.contains(lower)
}

/// A place named in `text`, with the byte offset of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The byte offset of the place's first word in the text.
    pub offset: usize,
    /// The place.
    pub place: Place,
}

/// Every place `text` names, in text order. At one position a region
/// (the name followed by a region word) wins over a city of the same name,
/// and a city over a bare region name.
pub fn find_all(text: &str) -> Vec<Found> {
    let tokens: Vec<(usize, &str)> = words(text).collect();
    find_all_in(&tokens)
}

/// [`find_all`] in a text already cut into [`words`] (with their byte
/// offsets).
pub fn find_all_in(tokens: &[(usize, &str)]) -> Vec<Found> {
    let m = matcher();
    let region_word = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|(_, w)| with_lower(w, is_region_word))
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Place names are capitalised: other words are not looked up.
        if !is_capitalized(tokens[i].1) {
            i += 1;
            continue;
        }
        let mut best: Option<(u8, usize, usize)> = None; // (rank, place, words used)
        with_lower(tokens[i].1, |first| {
            let Some(patterns) = m.by_first_word.get(first) else {
                return;
            };
            for p in patterns {
                let n = 1 + p.rest.len();
                if i + n > tokens.len() {
                    continue;
                }
                let rest_matches = p
                    .rest
                    .iter()
                    .zip(&tokens[i + 1..])
                    .all(|(want, (_, got))| with_lower(got, |g| g == want));
                if !rest_matches {
                    continue;
                }
                let rank = match p.needs {
                    Needs::RegionAfter if region_word(i + n) => 3,
                    Needs::RegionBefore if i > 0 && region_word(i - 1) => 3,
                    Needs::Nothing => match m.places[p.place].kind {
                        PlaceKind::Region if region_word(i + n) => 3,
                        PlaceKind::City => 2,
                        PlaceKind::Region => 1,
                    },
                    _ => continue,
                };
                if best.is_none_or(|(r, _, used)| (rank, n) > (r, used)) {
                    best = Some((rank, p.place, n));
                }
            }
        });
        match best {
            Some((_, place, used)) => {
                found.push(Found {
                    offset: tokens[i].0,
                    place: m.places[place],
                });
                i += used;
            }
            None => i += 1,
        }
    }
    found
}

/// The first place named in `text` (title first, then body, as the caller
/// orders it), preferring one in `country` when given.
pub fn first_place(texts: &[&str], country: Option<&str>) -> Option<Place> {
    let found: Vec<Vec<Found>> = texts.iter().map(|t| find_all(t)).collect();
    first_place_in(&found, country)
}

/// [`first_place`] from what [`find_all`] found in each text, in order
/// (the ingest reads the places of an event's texts once, for this and for
/// its facts).
pub fn first_place_in(found: &[Vec<Found>], country: Option<&str>) -> Option<Place> {
    let mut any = None;
    for text in found {
        for &f in text {
            match country {
                Some(c) if f.place.country != c => {
                    any.get_or_insert(f.place);
                }
                _ => return Some(f.place),
            }
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        find_all(text).into_iter().map(|f| f.place.name).collect()
    }

    #[test]
    fn english_regions_and_cities() {
        assert_eq!(
            names("MONTH AGAINST DRUGS STARTED IN PAVLODAR REGION"),
            ["Pavlodar Region"]
        );
        assert_eq!(
            names("OPERATION “KARASORA-2025” CONTINUES IN ALMATY"),
            ["Almaty"]
        );
        assert_eq!(
            names("DRUG INSCRIPTIONS PAINTED OVER IN ALMATY REGION"),
            ["Almaty Region"]
        );
        assert_eq!(
            names("CULTURE AGAINST DRUGS: ZHETYSU COMBATS DRUG THREAT"),
            ["Zhetysu Region"]
        );
        assert_eq!(
            names("Police officers in Tver region and in the city of Tver"),
            ["Tver Region", "Tver"]
        );
        assert_eq!(names("IN THE REPUBLIC OF MARI EL"), ["Mari El"]);
        assert_eq!(
            names("POLICE OFFICERS IN PRIMORSKY KRAI"),
            ["Primorsky Krai"]
        );
        assert_eq!(names("Abay Kunanbayev wrote poems"), Vec::<&str>::new());
        assert_eq!(names("held in Ust-Kamenogorsk"), ["Oskemen"]);
    }

    #[test]
    fn russian_declined_forms() {
        assert_eq!(
            names("27-28 ноября 2024 г. в Ашхабаде (Туркменистан) прошла"),
            ["Ashgabat"]
        );
        assert_eq!(
            names("департамента полиции Алматы Мурат Жумабаев"),
            ["Almaty"]
        );
        assert_eq!(
            names("полиции Жамбылской области совместно с акиматом города Тараз"),
            ["Zhambyl Region", "Taraz"]
        );
        assert_eq!(names("В Таразе прошел турнир"), ["Taraz"]);
        assert_eq!(
            names("в области Жетысу и в Тверской области"),
            ["Zhetysu Region", "Tver Region"]
        );
        assert_eq!(names("В Жетысуском районе города"), Vec::<&str>::new());
        assert_eq!(
            names("в Приморском крае, в Нижнем Новгороде"),
            ["Primorsky Krai", "Nizhny Novgorod"]
        );
        assert_eq!(
            names("тверская область в нижнем регистре"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn first_place_prefers_the_country() {
        let p = first_place(&["Talks in Moscow", "then in Bishkek"], Some("KG")).unwrap();
        assert_eq!(p.name, "Bishkek");
        let p = first_place(&["Talks in Moscow"], Some("KG")).unwrap();
        assert_eq!(p.name, "Moscow");
        assert_eq!(first_place(&["nothing here"], None), None);
    }

    #[test]
    fn every_place_has_a_valid_country_and_names() {
        assert!(places().len() > 200);
        for p in places() {
            assert!(crate::country::is_iso_code(p.country), "{}", p.name);
            assert!(!p.name.is_empty() && !p.ru.is_empty(), "{}", p.name);
            assert_eq!(place_named(p.name), Some(*p));
        }
        let almaty = place_named("Almaty").unwrap();
        assert_eq!((almaty.ru, almaty.country), ("Алматы", "KZ"));
        assert_eq!(
            place_named("Zhambyl Region").unwrap().ru,
            "Жамбылская область"
        );
        assert_eq!(place_named("Atlantis"), None);
    }
}
