//! The kilograms the chart and table show (`measure=kg`) are the sums a
//! reader would make by hand from the archive: every quantity the events'
//! facts report seized, except the doubtful ones and the parts already
//! counted in their whole, per country (or per substance) per period, for
//! the selected events only. The oracles here add the archive's numbers up
//! directly, in floating point, without the index, the grams or the
//! buckets' arithmetic.

use caricc_core::aggregate::{Measure, Period, SeriesOf};
use caricc_core::catalogue::SeizedPiece;
use caricc_core::index::{ArchiveIndex, Filter, RowPos};
use caricc_core::model::{Archive, Event, Facts, Kind, Lang, Release, Seized};
use caricc_core::seized::selection_aggregate;
use caricc_core::{Date, DateRange};
use proptest::prelude::*;

const CODES: [&str; 3] = ["KZ", "RU", "TJ"];
const SUBSTANCES: [&str; 4] = ["heroin", "hashish", "unspecified", "glue"];

/// One generated quantity: substance, whole grams, doubtful, part of the first.
type Quantity = (usize, u32, bool, bool);

fn archive(events: &[(usize, i32, Vec<Quantity>)]) -> Archive {
    let start = Date::parse_iso("2024-01-01").unwrap().day_number();
    let events = events
        .iter()
        .enumerate()
        .map(|(i, (code, day, quantities))| {
            let seized: Vec<Seized> = quantities
                .iter()
                .enumerate()
                .map(|(k, &(s, grams, doubtful, part))| Seized {
                    substance: SUBSTANCES[s].into(),
                    kg: f64::from(grams) / 1000.0,
                    quote: String::new(),
                    doubtful: doubtful.then(|| "implausible".into()),
                    part_of: (part && k > 0).then_some(0),
                })
                .collect();
            Event {
                id: format!("e{i}"),
                country: CODES[*code].into(),
                date: DateRange::day(Date::from_day_number(start + day).unwrap()),
                title: format!("Event {i}"),
                body: vec!["text".into()],
                language: Lang::En,
                source_url: None,
                place: None,
                mentioned_countries: vec![],
                counterpart: None,
                facts: (!seized.is_empty()).then(|| Facts {
                    seized,
                    ..Facts::default()
                }),
            }
        })
        .collect();
    Archive {
        schema_version: 1,
        releases: vec![Release {
            id: "r".into(),
            kind: Kind::News,
            number: None,
            year: None,
            title: "r".into(),
            period: DateRange::day(Date::parse_iso("2024-01-01").unwrap()),
            language: Lang::En,
            declared_counts: None,
            source_file: "x".into(),
            summary: vec![],
            events,
            translations: vec![],
        }],
    }
}

/// What one event adds to the sum over all substances, by hand: its
/// quantities that are not doubtful, less the parts of a whole that counts
/// (a whole is never smaller than its parts here).
fn event_kg(e: &Event) -> f64 {
    let Some(f) = &e.facts else { return 0.0 };
    f.seized
        .iter()
        .filter(|s| s.doubtful.is_none())
        .filter(|s| match s.part_of {
            Some(w) => f.seized[w].doubtful.is_some(),
            None => true,
        })
        .map(|s| s.kg)
        .sum()
}

/// The same for one substance: its own quantities that count, less what
/// its wholes hold of other substances' parts (those count under theirs).
fn event_kg_of(e: &Event, substance: &str) -> f64 {
    let Some(f) = &e.facts else { return 0.0 };
    fn known(s: &str) -> &str {
        if SUBSTANCES[..3].contains(&s) {
            s
        } else {
            "unspecified"
        }
    }
    let mut kg = 0.0;
    for (i, s) in f.seized.iter().enumerate() {
        if s.doubtful.is_some() || known(&s.substance) != substance {
            continue;
        }
        let parts: f64 = f
            .seized
            .iter()
            .filter(|p| p.part_of == Some(i) && p.doubtful.is_none())
            .map(|p| p.kg)
            .sum();
        kg += s.kg - parts;
    }
    kg
}

fn arb_events() -> impl Strategy<Value = Vec<(usize, i32, Vec<Quantity>)>> {
    let quantity = (
        0..SUBSTANCES.len(),
        1u32..5_000_000,
        proptest::bool::weighted(0.15),
        any::<bool>(),
    );
    proptest::collection::vec(
        (
            0..CODES.len(),
            0i32..400,
            proptest::collection::vec(quantity, 0..4),
        ),
        0..40,
    )
    .prop_map(|mut events| {
        // A whole holds its parts: the first quantity at least their sum.
        for (_, _, q) in &mut events {
            let parts: u32 = q.iter().skip(1).filter(|x| x.3).map(|x| x.1).sum();
            if let Some(first) = q.first_mut() {
                first.1 = first.1.max(parts);
                first.3 = false;
            }
        }
        events
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn kilograms_are_the_hand_made_sums(events in arb_events(), country in 0..CODES.len()) {
        let archive = archive(&events);
        let (ix, table) = ArchiveIndex::new(archive.clone());
        // The selection: the events of one country.
        let sel = ix.select(&Filter { countries: vec![CODES[country].into()], ..Filter::default() }, None);
        let per_country = selection_aggregate(&ix, &sel.rows, Period::Year, Measure::Kg, SeriesOf::Country);
        let expected: f64 = table.events().iter().filter(|e| e.country == CODES[country]).map(event_kg).sum();
        let got = per_country.series.iter().find(|s| s.country == CODES[country]).map_or(0, |s| s.total);
        // Each cell is rounded to the kilogram: at most half a kg per year off.
        let slack = 0.5 * per_country.buckets.len() as f64 + 1e-6;
        prop_assert!((f64::from(got) - expected).abs() <= slack, "{got} vs {expected}");
        prop_assert!(per_country.series.iter().all(|s| s.country == CODES[country]));

        // Per substance, over every event.
        let all: Vec<RowPos> = (0..ix.len() as u32).map(RowPos).collect();
        let per_substance = selection_aggregate(&ix, &all, Period::Year, Measure::Kg, SeriesOf::Substance);
        for substance in &SUBSTANCES[..3] {
            let expected: f64 = table.events().iter().map(|e| event_kg_of(e, substance)).sum();
            let got = per_substance.series.iter().find(|s| s.country == *substance).map_or(0, |s| s.total);
            let slack = 0.5 * per_substance.buckets.len() as f64 + 1e-6;
            prop_assert!((f64::from(got) - expected).abs() <= slack, "{substance}: {got} vs {expected}");
        }
        prop_assert!(per_substance.series.iter().all(|s| s.country != "glue"));

        // The published seized piece carries the same amounts.
        let json = serde_json::to_string(&SeizedPiece::of(&ix.seized)).unwrap();
        let back: SeizedPiece = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.seizures(ix.rows.len()).unwrap(), ix.seized.clone());
    }

    #[test]
    fn events_per_substance_count_each_substance_an_event_names(
        events in proptest::collection::vec((0..CODES.len(), 0i32..400, 0u16..(1 << 13)), 0..40),
    ) {
        let mut archive = archive(&events.iter().map(|&(c, d, _)| (c, d, vec![])).collect::<Vec<_>>());
        for (e, &(_, _, bits)) in archive.releases[0].events.iter_mut().zip(&events) {
            let substances: Vec<String> = caricc_core::index::SUBSTANCES
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, s)| s.to_string())
                .collect();
            e.facts = Some(Facts { substances, ..Facts::default() });
        }
        let (ix, table) = ArchiveIndex::new(archive);
        let all: Vec<RowPos> = (0..ix.len() as u32).map(RowPos).collect();
        let agg = selection_aggregate(&ix, &all, Period::Month, Measure::Events, SeriesOf::Substance);
        for id in caricc_core::index::SUBSTANCES {
            let expected = table
                .events()
                .iter()
                .filter(|e| e.facts.as_ref().is_some_and(|f| f.substances.iter().any(|s| s == id)))
                .count() as u32;
            let got = agg.series.iter().find(|s| s.country == *id).map_or(0, |s| s.total);
            prop_assert_eq!(got, expected, "{}", id);
        }
        prop_assert_eq!(agg.total, agg.series.iter().map(|s| s.total).sum::<u32>());
    }
}

/// The bundled archive: Kazakhstan's kilograms, summed here from the JSON
/// file itself, are what the chart and the CSV say.
#[test]
fn the_bundled_archive_sums_as_read_by_hand() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/archive.json"
    ))
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut by_country: std::collections::BTreeMap<String, f64> = Default::default();
    for r in json["releases"].as_array().unwrap() {
        for e in r["events"].as_array().unwrap() {
            let seized = e["facts"]["seized"].as_array().cloned().unwrap_or_default();
            let counts = |s: &serde_json::Value| s.get("doubtful").is_none();
            let kg: f64 = seized
                .iter()
                .filter(|s| counts(s))
                .filter(|s| {
                    s.get("part_of")
                        .and_then(|w| w.as_u64())
                        .is_none_or(|w| !counts(&seized[w as usize]))
                })
                .map(|s| s["kg"].as_f64().unwrap())
                .sum();
            *by_country
                .entry(e["country"].as_str().unwrap().into())
                .or_default() += kg;
        }
    }
    let archive = caricc_core::model::decode(&text).unwrap().0;
    let (ix, _) = ArchiveIndex::new(archive);
    let all: Vec<RowPos> = (0..ix.len() as u32).map(RowPos).collect();
    let agg = selection_aggregate(&ix, &all, Period::Year, Measure::Kg, SeriesOf::Country);
    assert!(
        by_country.values().any(|&kg| kg > 0.0),
        "the bundled archive reports seizures"
    );
    for (code, kg) in &by_country {
        let got = agg
            .series
            .iter()
            .find(|s| &s.country == code)
            .map_or(0, |s| s.total);
        assert!(
            (f64::from(got) - kg).abs() <= 0.5 * agg.buckets.len() as f64,
            "{code}: {got} vs {kg}"
        );
    }
    let csv = caricc_core::aggregate::to_csv(&agg, Lang::En);
    assert!(csv.starts_with("period,start,end,"), "{csv}");
    assert!(
        csv.lines().next().unwrap().ends_with(",total (kg)"),
        "{csv}"
    );
}
