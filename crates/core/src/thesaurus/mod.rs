//! The bilingual thesaurus (`data/thesaurus.json`): English and Russian
//! terms for substances, topics (what happened), agencies, countries, and
//! the countries' regions and main cities, grouped under stable ids
//! (`heroin`, `seizure`, `mvd`, `kazakhstan`, `zhambyl-region`, `almaty`),
//! and the matcher that finds its terms in text, inflected forms included
//! (regions and cities have their own, [`crate::gazetteer`]).
//!
//! The file is data a partner reads and extends (format:
//! `schema/README.md#thesaurus`); it is compiled in with `include_str!` and
//! read once. A term is one or more words; a text matches it where
//! consecutive words match its words:
//! - a word ending in `*` matches every word beginning with it
//!   (`нарколаб*`: «нарколаборатория», «нарколабораторий»);
//! - a word written in capitals, two letters or more (`МВД`, `NPS`),
//!   matches only itself, in capitals;
//! - any other word matches every word with the same Snowball stem
//!   (English for Latin, Russian for Cyrillic words: «героин» matches
//!   «героина», «героином»; "seize" matches "seized", "seizes"), and a
//!   Russian word that is the term's word plus an ending of up to three
//!   letters («Кыргызстан»: «Кыргызстане»).
//!
//! Words are runs of letters and digits: a hyphen or an apostrophe
//! separates them, in terms as in text, and case and `ё`/`е` do not
//! count. Where terms of one kind overlap, the longest wins
//! ("synthetic cannabinoid" is `nps`, not `synthetic`).
//!
//! Native code (the ingest) uses the matcher. Search takes the terms alone
//! ([`cross_language`]): the published index carries them, and the
//! portable build compiles them in.

use std::collections::HashMap;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::search::{Concept, CrossLanguage};

mod matcher;

use matcher::{is_cyrillic, parse_term};
pub use matcher::{runs_words, text_words, Compiled, Found, Word};

/// The thesaurus file, as compiled in.
pub const THESAURUS_JSON: &str = include_str!("../../../../data/thesaurus.json");

/// The substance ids the archive's `facts` may name (the thesaurus's
/// `substance` entries, in its order).
pub const SUBSTANCES: &[&str] = &[
    "heroin",
    "opium",
    "hashish",
    "cannabis",
    "cocaine",
    "methamphetamine",
    "mephedrone",
    "amphetamine",
    "synthetic",
    "nps",
    "precursors",
    "medicines",
    "unspecified",
];

/// The topic ids the archive's `facts` may name (the thesaurus's `topic`
/// entries, in its order).
pub const TOPICS: &[&str] = &[
    "seizure",
    "arrest",
    "laboratory",
    "eradication",
    "controlled-delivery",
    "prevention",
    "training",
    "cooperation",
    "policy",
    "treatment",
];

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thesaurus {
    /// Format version of the file (1).
    pub version: u32,
    /// What the file is, for a reader of the JSON.
    #[serde(default)]
    pub about: String,
    /// The concepts, each with its terms.
    pub entries: Vec<Entry>,
}

/// What an entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A drug or a group of drugs; ids in [`SUBSTANCES`].
    Substance,
    /// What happened; ids in [`TOPICS`].
    Topic,
    /// A law-enforcement or drug-control body.
    Agency,
    /// A country of the region (with its ISO code).
    Country,
    /// A region of a country (oblast, krai, republic within a state), with
    /// its country's ISO code: the gazetteer's places
    /// ([`crate::gazetteer`]), not matched by the thesaurus's matcher.
    Region,
    /// A city or town, with its country's ISO code (as for regions).
    City,
}

impl EntryKind {
    /// True for the gazetteer's kinds, [`EntryKind::Region`] and
    /// [`EntryKind::City`].
    pub fn is_place(self) -> bool {
        matches!(self, EntryKind::Region | EntryKind::City)
    }
}

/// A display name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// The English name.
    pub en: String,
    /// The Russian name.
    pub ru: String,
}

/// One concept and its terms in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id, lower case (`heroin`, `controlled-delivery`).
    pub id: String,
    /// What it names: how its matches are used (facets, places...).
    pub kind: EntryKind,
    /// How the app names it (the facets' labels).
    pub label: Label,
    /// ISO 3166-1 alpha-2 code, for countries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country a region or city is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// For a region: the forms of `en` and `ru` (written the same) that
    /// name it by themselves ("Zhetysu", "Kuban"). Its other forms name it
    /// only beside a region word ("Zhambyl region", «Жамбылской области»).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alone: Vec<String>,
    /// A remark for people extending the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// English terms.
    pub en: Vec<String>,
    /// Russian terms, in the nominative.
    pub ru: Vec<String>,
}

/// Reads and checks a thesaurus file: JSON of the shape above, ids unique
/// and lower case, a label and at least one term in each language for
/// every entry, English terms in Latin letters and Russian ones with
/// Cyrillic letters, every term with a word, and every id of [`SUBSTANCES`]
/// and [`TOPICS`] present with its kind.
pub fn parse(json: &str) -> Result<Thesaurus, String> {
    let t: Thesaurus = serde_json::from_str(json).map_err(|e| e.to_string())?;
    if t.version != 1 {
        return Err(format!("unknown thesaurus version {}", t.version));
    }
    let mut seen: HashMap<&str, EntryKind> = HashMap::new();
    for e in &t.entries {
        let id_ok = !e.id.is_empty()
            && e.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return Err(format!(
                "entry id {:?}: lower-case letters, digits and '-' only",
                e.id
            ));
        }
        if seen.insert(&e.id, e.kind).is_some() {
            return Err(format!("entry id {:?} appears twice", e.id));
        }
        if e.label.en.trim().is_empty() || e.label.ru.trim().is_empty() {
            return Err(format!("entry {:?}: a label in both languages", e.id));
        }
        if e.en.is_empty() || e.ru.is_empty() {
            return Err(format!("entry {:?}: terms in both languages", e.id));
        }
        for term in &e.en {
            if term.chars().any(is_cyrillic) || parse_term(term).is_empty() {
                return Err(format!(
                    "entry {:?}: English term {term:?} is empty or has Cyrillic letters",
                    e.id
                ));
            }
        }
        for term in &e.ru {
            if !term.chars().any(is_cyrillic) || parse_term(term).is_empty() {
                return Err(format!(
                    "entry {:?}: Russian term {term:?} has no Cyrillic letters",
                    e.id
                ));
            }
        }
        if e.kind == EntryKind::Country
            && e.code
                .as_deref()
                .is_none_or(|c| crate::country::find(c).is_none())
        {
            return Err(format!(
                "entry {:?}: a country needs a known ISO code",
                e.id
            ));
        }
        let known_country = e
            .country
            .as_deref()
            .is_some_and(|c| crate::country::find(c).is_some());
        if e.kind.is_place() != known_country {
            return Err(format!(
                "entry {:?}: a region or a city, and only they, names the known ISO code of its country",
                e.id
            ));
        }
        for form in &e.alone {
            if e.kind != EntryKind::Region || !e.en.iter().chain(&e.ru).any(|t| t == form) {
                return Err(format!(
                    "entry {:?}: `alone` lists forms of a region's `en` or `ru`, not {form:?}",
                    e.id
                ));
            }
        }
    }
    for (ids, kind) in [
        (SUBSTANCES, EntryKind::Substance),
        (TOPICS, EntryKind::Topic),
    ] {
        for id in ids {
            if seen.get(id) != Some(&kind) {
                return Err(format!("entry {id:?} ({kind:?}) is missing"));
            }
        }
    }
    Ok(t)
}

/// The compiled-in thesaurus file, read once.
pub fn file() -> &'static Thesaurus {
    static T: OnceLock<Thesaurus> = OnceLock::new();
    T.get_or_init(|| {
        parse(THESAURUS_JSON).expect("data/thesaurus.json is checked by the thesaurus tests")
    })
}

/// The compiled-in thesaurus with its matcher, read once.
pub fn thesaurus() -> &'static Compiled {
    static T: OnceLock<Compiled> = OnceLock::new();
    T.get_or_init(|| Compiled::new(file().clone()))
}

/// The thesaurus as search takes it: every entry's terms in both
/// languages (but the regions' and cities'), compiled by the search crate, so that a query word of one
/// language also searches the other's terms («героин» finds "heroin"). The
/// publish step writes it into the split search index's meta; the portable
/// build gives it to its in-memory index.
pub fn cross_language() -> CrossLanguage {
    let t = parse(THESAURUS_JSON).expect("data/thesaurus.json is checked by the thesaurus tests");
    CrossLanguage::new(
        t.entries
            .into_iter()
            // Not the places: the transliteration already links most of
            // their spellings (Алматы, Almaty), and 229 more concepts
            // scanned for every query cost search far more than the 20 %
            // issue 14 allows (bench_search: medians up by 30-120 µs).
            .filter(|e| !e.kind.is_place())
            .map(|e| Concept {
                id: e.id,
                en: e.en,
                ru: e.ru,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_well_formed_and_bilingual() {
        let t = parse(THESAURUS_JSON).unwrap();
        assert!(t.entries.len() >= SUBSTANCES.len() + TOPICS.len());
        for e in &t.entries {
            assert!(!e.en.is_empty() && !e.ru.is_empty(), "{}", e.id);
        }
        for kind in [EntryKind::Agency, EntryKind::Country] {
            assert!(
                t.entries.iter().filter(|e| e.kind == kind).count() >= 5,
                "{kind:?}"
            );
        }
        // The JSON schema describes the same file.
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../../schema/thesaurus.schema.json")).unwrap();
        let kinds = &schema["$defs"]["entry"]["properties"]["kind"]["enum"];
        assert_eq!(kinds.as_array().map(Vec::len), Some(6));
        // Regions and cities: each names its country, and a region's
        // `alone` forms are among its own.
        for (kind, at_least) in [(EntryKind::Region, 80), (EntryKind::City, 100)] {
            let places: Vec<&Entry> = t.entries.iter().filter(|e| e.kind == kind).collect();
            assert!(places.len() >= at_least, "{kind:?}: {}", places.len());
            for e in places {
                let country = e.country.as_deref().unwrap_or_default();
                assert!(crate::country::is_iso_code(country), "{}", e.id);
            }
        }
    }

    /// Search does not cross languages through the places' names (the
    /// transliteration links most): their concepts are left out.
    #[test]
    fn place_names_are_not_search_concepts() {
        let cross = cross_language();
        assert!(cross.concepts().iter().any(|c| c.id == "kazakhstan"));
        assert!(!cross.concepts().iter().any(|c| c.id == "almaty"));
        assert!(cross.added("Ашхабад").is_empty());
    }

    #[test]
    fn broken_files_are_refused() {
        let good = r#"{"version":1,"entries":[{"id":"x","kind":"agency","label":{"en":"X","ru":"Х"},"en":["x"],"ru":["х"]}]}"#;
        // Not a full thesaurus: the required ids are missing.
        assert!(parse(good).unwrap_err().contains("missing"));
        for bad in [
            good.replace(r#""ru":["х"]"#, r#""ru":[]"#),
            good.replace(r#""ru":["х"]"#, r#""ru":["x"]"#),
            good.replace(r#""en":["x"]"#, r#""en":["х"]"#),
            good.replace(r#""id":"x""#, r#""id":"X Y""#),
            good.replace(r#""kind":"agency""#, r#""kind":"drug""#),
            good.replace(r#""version":1"#, r#""version":2"#),
            good.replace(r#""en":["x"]"#, r#""en":["x"],"extra":1"#),
            // A place without its country, or with an unknown one.
            good.replace(r#""kind":"agency""#, r#""kind":"city""#),
            good.replace(r#""kind":"agency""#, r#""kind":"city","country":"XX""#),
            // A country of an agency; a form alone that is not its own.
            good.replace(r#""kind":"agency""#, r#""kind":"agency","country":"KZ""#),
            good.replace(
                r#""kind":"agency""#,
                r#""kind":"region","country":"KZ","alone":["y"]"#,
            ),
            good.replace(
                r#""kind":"agency""#,
                r#""kind":"city","country":"KZ","alone":["x"]"#,
            ),
        ] {
            let err = parse(&bad).unwrap_err();
            assert!(!err.contains("missing"), "{bad}: {err}");
        }
    }

    fn ids(text: &str, kind: EntryKind) -> Vec<&'static str> {
        thesaurus().ids_in(text, kind)
    }

    #[test]
    fn russian_terms_match_inflected_forms() {
        use EntryKind::*;
        for (text, want) in [
            ("изъято 5 кг героина", vec!["heroin"]),
            ("торговал героином", vec!["heroin"]),
            ("почти 55 кг «синтетики»", vec!["synthetic"]),
            ("260 кг синтетических наркотиков", vec!["synthetic"]),
            ("синтетических каннабиноидов", vec!["nps"]),
            ("партия кокаина", vec!["cocaine"]),
            (
                "3 кг гашиша и 2,5 кг сушеной марихуаны",
                vec!["hashish", "cannabis"],
            ),
            ("контроль за прекурсорами", vec!["precursors"]),
            ("536 кг наркотических средств", vec!["unspecified"]),
        ] {
            assert_eq!(ids(text, Substance), want, "{text}");
        }
        for (text, want) in [
            ("ликвидированы две нарколаборатории", vec!["laboratory"]),
            ("задержали курьера", vec!["arrest"]),
            (
                "в ходе контролируемой поставки",
                vec!["controlled-delivery"],
            ),
            ("профилактических мероприятий", vec!["prevention"]),
            ("на лечении и реабилитации", vec!["treatment"]),
        ] {
            assert_eq!(ids(text, Topic), want, "{text}");
        }
        assert_eq!(
            ids("сотрудники МВД и ФСБ, таможенники", Agency),
            ["mvd", "fsb", "customs"]
        );
        assert_eq!(
            ids("в Кыргызстане и Таджикистане", Country),
            ["kyrgyzstan", "tajikistan"]
        );
    }

    #[test]
    fn english_terms_match_inflected_forms_and_the_longest_wins() {
        use EntryKind::*;
        assert_eq!(
            ids("570 kilograms of cocaine were seized", Topic),
            ["seizure"]
        );
        assert_eq!(
            ids("8 clandestine phytolaboratories were dismantled", Topic),
            ["laboratory"]
        );
        assert_eq!(
            ids("the dismantling of drug laboratories", Topic),
            ["laboratory"]
        );
        // A forensic laboratory is no drug laboratory.
        assert!(ids("the forensic laboratory of the Ministry of Justice", Topic).is_empty());
        assert_eq!(ids("growth of synthetic cannabinoids", Substance), ["nps"]);
        assert_eq!(ids("2.5 kilograms of synthetics", Substance), ["synthetic"]);
        assert_eq!(ids("new psychoactive substances", Substance), ["nps"]);
        assert_eq!(ids("officers of the MVD", Agency), ["mvd"]);
        // Abbreviations match in capitals only.
        assert!(ids("mvd", Agency).is_empty());
        assert_eq!(
            ids("Kyrgyz police met Tajik colleagues", Country),
            ["kyrgyzstan", "tajikistan"]
        );
    }
}
