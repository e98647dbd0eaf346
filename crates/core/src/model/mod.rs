//! The archive model: releases and their events, exactly as `archive.json`
//! stores them (the public contract documented in `schema/`).
//!
//! This module owns the types and their JSON form, and [`decode`], which
//! turns untrusted archive text into a checked [`Archive`]: fatal problems
//! become a [`DecodeError`] naming the JSON path, recoverable ones leave the
//! bad record out and are counted as [`Warning`]s.
//!
//! The types and their small lookups are here; the decoding, its errors and
//! the checks of each record are in `decode.rs` (re-exported here, so a
//! caller never names that file).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::DateRange;

mod decode;
pub use decode::{archive_days, decode, is_web_url, range_problem, DecodeError, Warning};

/// The `schema_version` this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Dates outside this span are refused as misreadings, not history: the
/// first year an archive may hold (CARICC's work began after it).
pub const EARLIEST_YEAR: i32 = 1990;
/// The last year an archive may hold; a later date is a misreading.
pub const LATEST_YEAR: i32 = 2100;

/// A whole archive, as `archive.json` holds it: the public contract
/// (`schema/archive.schema.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    /// The contract's version; [`decode`] reads only [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Every release, in the order the ingest wrote them.
    pub releases: Vec<Release>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
/// What sort of document a release is: it decides how the ingest parsed
/// it and is one of the reader's filters.
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A bi-weekly digest of events by country, with declared counts.
    InformationRelease,
    /// A press release: one dated announcement.
    PressRelease,
    /// A news page saved from a web site.
    News,
}

impl Kind {
    /// Every kind, in the order filters and counts list them (their slots).
    pub const ALL: [Kind; 3] = [Kind::InformationRelease, Kind::PressRelease, Kind::News];

    /// The contract's spelling, also used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::InformationRelease => "information-release",
            Kind::PressRelease => "press-release",
            Kind::News => "news",
        }
    }

    /// The kind [`Kind::as_str`] spells `s`, `None` for anything else.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Its place in [`Kind::ALL`]: the slot counts are kept in and the
    /// number the catalogue writes for it.
    pub fn slot(self) -> usize {
        self as usize
    }

    /// The kind in slot `slot` of [`Kind::ALL`], `None` past the end.
    pub fn from_slot(slot: usize) -> Option<Kind> {
        Kind::ALL.get(slot).copied()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
/// A language the archive and the reader use: of an event's text, of a
/// release, and of the interface (the app, charts and downloads follow it).
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// Both languages, in the order filters and counts list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    /// The ISO 639-1 code, as the contract and URLs spell it (`en`, `ru`).
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language [`Lang::as_str`] spells `s`, `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Its place in [`Lang::ALL`] (0 English, 1 Russian): the slot counts
    /// are kept in and the number the catalogue writes for it.
    pub fn slot(self) -> usize {
        self as usize
    }

    /// The language in slot `slot` of [`Lang::ALL`], `None` past the end.
    pub fn from_slot(slot: usize) -> Option<Lang> {
        Lang::ALL.get(slot).copied()
    }
}

/// One published document (a digest, a press release, a news page) and the
/// events it reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    /// Stable identifier, e.g. `ir-2025-11` or `press-2024-11-27-…`.
    pub id: String,
    /// What sort of document it is.
    pub kind: Kind,
    /// The digest's own number within its year, when it prints one.
    pub number: Option<u32>,
    /// The year its number counts in, when it has a number.
    pub year: Option<i32>,
    /// The title as printed (often in capitals: the app shows it in
    /// display case, `crate::title`).
    pub title: String,
    /// The days it covers (a digest: its half-month; a news item: its day).
    pub period: DateRange,
    /// The language it is written in.
    pub language: Lang,
    /// Events per country as the release itself declares them, when it does.
    pub declared_counts: Option<BTreeMap<String, u32>>,
    /// The corpus file this release was read from.
    pub source_file: String,
    /// The release's own summary paragraphs (empty when it has none).
    #[serde(default)]
    pub summary: Vec<String>,
    /// Its events, in document order.
    pub events: Vec<Event>,
    /// The same release in other languages (a digest published in English
    /// and in Russian), each once: releases of the same kind, number, year
    /// and period, with their own id, language, title, counts, summary and
    /// events, and no translations of their own. Optional in the archive:
    /// readers that do not know it see the release in its own language only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Release>,
}

/// One reported event (a seizure, an arrest, a meeting...) of a release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable across re-ingests of the same text.
    pub id: String,
    /// ISO 3166-1 alpha-2 code of the country the release counts it under.
    pub country: String,
    /// The days it happened on; the chart and the date filters count it on
    /// its first day.
    pub date: DateRange,
    /// Its headline as printed.
    pub title: String,
    /// Its text, paragraph by paragraph.
    pub body: Vec<String>,
    /// The language its text is in.
    pub language: Lang,
    /// The page the release cites for it, when it cites one (an
    /// `http(s)` URL: [`is_web_url`]).
    pub source_url: Option<String>,
    /// Region or city named in the text, in English, when the gazetteer knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Other countries the text mentions besides `country`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentioned_countries: Vec<String>,
    /// In a translation's events: the id of the same event in the events of
    /// the release holding the translation, when the two were paired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<String>,
    /// What the ingest extracted from the text (topics, substances, seized
    /// quantities, places); absent in archives made before it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Facts>,
}

/// Facts the ingest extracted from an event's text, automatically: ids of
/// the thesaurus (`data/thesaurus.json`). Readers ignore ids they do not
/// know (the vocabulary may grow within schema version 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// What happened: ids of the thesaurus's `topic` entries, in its order.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Drugs named: ids of its `substance` entries, in its order;
    /// `unspecified` when a seized quantity names no drug.
    #[serde(default)]
    pub substances: Vec<String>,
    /// Every quantity reported as seized, in text order.
    #[serde(default)]
    pub seized: Vec<Seized>,
    /// Regions and cities named, in English, each once, in text order.
    #[serde(default)]
    pub places: Vec<String>,
    /// Quantities that are not weights (plants, tablets, ...), when the
    /// text reports them seized or destroyed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<Count>,
}

/// A quantity reported as seized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seized {
    /// A substance id (`unspecified` when the sentence names no drug).
    pub substance: String,
    /// In kilograms (a whole number is written without a fraction).
    #[serde(serialize_with = "whole_or_fraction")]
    pub kg: f64,
    /// The sentence it was read from.
    pub quote: String,
    /// Set when the quantity is doubtful and must be left out of sums:
    /// `implausible` (above [`Seized::PLAUSIBLE_KG`]) or `glued` (a
    /// compound whose smaller part is not smaller, "1 ton 2083 kg": most
    /// likely a number the PDF extraction glued to another).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doubtful: Option<String>,
    /// Set when the quantity is part of an earlier one of the same list
    /// ("6 tons of drugs, including 2 kg of synthetics": the 2 kg are part
    /// of the 6 tons): its index in `seized`. Leave it out of totals over
    /// all substances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<usize>,
}

impl Seized {
    /// The largest quantity one report plausibly seizes (100 tonnes); above
    /// it the figure is marked `implausible`.
    pub const PLAUSIBLE_KG: f64 = 100_000.0;
}

/// A number of things that are not a weight, reported seized or destroyed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// What was counted: `plants`, `tablets`, `pieces`, `doses`, ...
    pub what: String,
    /// How many (written without a fraction when it is whole).
    #[serde(serialize_with = "whole_or_fraction")]
    pub n: f64,
    /// The sentence it was read from.
    pub quote: String,
}

/// Writes a whole number as an integer (`570`, not `570.0`).
fn whole_or_fraction<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

impl Release {
    /// The translation with id `id`.
    pub fn translation(&self, id: &str) -> Option<&Release> {
        self.translations.iter().find(|t| t.id == id)
    }

    /// The version of the release in the other language than `language`
    /// (the archive holds English and Russian): `(id, language)` of the
    /// release itself or of a translation.
    pub fn other_version(&self, language: Lang) -> Option<(&str, Lang)> {
        std::iter::once(self)
            .chain(&self.translations)
            .find(|r| r.language != language)
            .map(|r| (r.id.as_str(), r.language))
    }

    /// The version of event `id` (an event of the release or of one of its
    /// translations) in the other language: `(event id, language)`, when
    /// the two were paired.
    pub fn event_version<'a>(&'a self, id: &str) -> Option<(&'a str, Lang)> {
        // An event of the release: the translated event that names it. (The
        // reading index keeps a release's own events apart from it, so this
        // does not look for `id` in `events`.)
        let translated = self.translations.iter().find_map(|t| {
            t.events
                .iter()
                .find(|e| e.counterpart.as_deref() == Some(id))
                .map(|e| (e.id.as_str(), t.language))
        });
        if translated.is_some() {
            return translated;
        }
        // A translated event: the release's event it names (the decoder
        // checked that it exists).
        self.translations
            .iter()
            .flat_map(|t| &t.events)
            .find(|e| e.id == id)?
            .counterpart
            .as_deref()
            .map(|own| (own, self.language))
    }
}

/// An event of a translation by id, with the release that holds it and the
/// translation (events of releases themselves are found through the index).
pub fn translated_event<'a>(
    releases: &'a [Release],
    id: &str,
) -> Option<(&'a Release, &'a Release, &'a Event)> {
    releases.iter().find_map(|r| {
        r.translations
            .iter()
            .find_map(|t| t.events.iter().find(|e| e.id == id).map(|e| (r, t, e)))
    })
}

/// The release as its version `id` reads it (the release itself, or one of
/// its translations), and the id and language of its other version.
pub fn release_version<'a>(
    releases: &'a [Release],
    id: &str,
) -> Option<(&'a Release, Option<(&'a str, Lang)>)> {
    if let Some(r) = releases.iter().find(|r| r.id == id) {
        return Some((r, r.other_version(r.language)));
    }
    let (r, t) = releases
        .iter()
        .find_map(|r| r.translation(id).map(|t| (r, t)))?;
    Some((t, r.other_version(t.language)))
}

impl Archive {
    /// An event of a translation by id: see [`translated_event`].
    pub fn translated_event(&self, id: &str) -> Option<(&Release, &Release, &Event)> {
        translated_event(&self.releases, id)
    }

    /// The release as its version `id` reads it: see [`release_version`].
    pub fn release_version(&self, id: &str) -> Option<(&Release, Option<(&str, Lang)>)> {
        release_version(&self.releases, id)
    }

    /// A translation by id, with the release that holds it.
    pub fn translation(&self, id: &str) -> Option<(&Release, &Release)> {
        self.releases
            .iter()
            .find_map(|r| r.translation(id).map(|t| (r, t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A slot is a place in `ALL`, and back: the catalogue's numbers and
    /// the selection's counts both rely on it.
    #[test]
    fn kinds_and_languages_have_the_slots_of_their_place_in_all() {
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(k.slot(), i);
            assert_eq!(Kind::from_slot(i), Some(k));
        }
        for (i, l) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(l.slot(), i);
            assert_eq!(Lang::from_slot(i), Some(l));
        }
        assert_eq!(Kind::from_slot(Kind::ALL.len()), None);
        assert_eq!(Lang::from_slot(Lang::ALL.len()), None);
        // The catalogue's format writes English as 0 and Russian as 1.
        assert_eq!((Lang::En.slot(), Lang::Ru.slot()), (0, 1));
    }
}
