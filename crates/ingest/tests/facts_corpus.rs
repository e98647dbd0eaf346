//! The facts the ingest extracts from the real corpus, against labels
//! written by hand from reading each event's text (not from the
//! extractor's output): topics and substances by precision and recall over
//! all events, every seized quantity exact. And the archive contract:
//! `facts` is optional, an archive without it decodes as before.

use std::collections::BTreeSet;
use std::path::PathBuf;

use caricc_core::model::{self, Event};
use caricc_ingest as ingest;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One event's labels: the start of its title, topics, substances, and
/// the weights seized `(substance, kg)`.
struct Label {
    title: &'static str,
    topics: &'static [&'static str],
    substances: &'static [&'static str],
    seized: &'static [(&'static str, f64)],
}

const fn l(
    title: &'static str,
    topics: &'static [&'static str],
    substances: &'static [&'static str],
    seized: &'static [(&'static str, f64)],
) -> Label {
    Label {
        title,
        topics,
        substances,
        seized,
    }
}

const P: &[&str] = &["prevention"];

#[rustfmt::skip]
const LABELS: &[Label] = &[
    // 003: the Almaty police's year 2025 (news, Russian).
    l("За 2025 год на территории города",
      &["seizure", "arrest", "laboratory", "eradication", "prevention", "training", "policy", "treatment"],
      &["hashish", "cannabis", "synthetic", "unspecified"],
      &[("unspecified", 536.0), ("synthetic", 55.0), ("hashish", 3.0), ("cannabis", 2.5)]),
    // 000: digest #11 of 2025 (English).
    l("CULTURE AGAINST DRUGS", P, &[], &[]),
    l("MVD HELD A MEETING ON LAUNCHING", &["eradication", "prevention", "cooperation"], &[], &[]),
    l("MONTH AGAINST DRUGS STARTED IN PAVLODAR", P, &[], &[]),
    l("POLICE OFFICERS AND VOLUNTEERS PAINTED OVER 80", P, &[], &[]),
    l("ANTI-DRUG MARATHON", P, &[], &[]),
    l("FRONT AGAINST DRUGS", &["seizure", "eradication", "prevention"], &["cannabis", "synthetic", "unspecified"],
      &[("unspecified", 6000.0), ("synthetic", 2.0)]),
    l("MEASURES TO CURB DRUG CRIME DISCUSSED IN ASTANA", &["eradication", "prevention", "cooperation"], &[], &[]),
    l("MONTH TO COMBAT DRUG ABUSE STARTED IN ABAY", P, &[], &[]),
    l("ANTI-DRUG GOLF TOURNAMENT", P, &[], &[]),
    l("COMPETITION OF YOUNG ARTISTS", P, &[], &[]),
    l("ANTI-DRUG FLASH MOB", P, &[], &[]),
    l("OPERATION “KARASORA-2025” CONTINUES IN ALMATY", &["eradication", "prevention", "cooperation"], &["cannabis"], &[]),
    l("TAEKWONDO TOURNAMENT", P, &[], &[]),
    l("DRUG INSCRIPTIONS PAINTED OVER", P, &[], &[]),
    l("NEW THREATS AND JOINT SOLUTIONS", &["seizure", "laboratory", "prevention", "cooperation"], &["synthetic", "unspecified"],
      &[("unspecified", 47.0), ("synthetic", 2.5)]),
    l("ABOUT DRUGS AND YOUTH", P, &[], &[]),
    l("KOSTANAY ACADEMY OF MVD", P, &[], &[]),
    l("NEW FORMATS OF DRUG PREVENTION", &["seizure", "laboratory", "prevention", "cooperation"], &["unspecified"],
      &[("unspecified", 3300.0), ("unspecified", 46.0)]),
    l("ANTI-DRUG SEMINAR ORGANIZED BY POLICE", P, &[], &[]),
    l("YOUTH OF ULYTAU REGION", P, &[], &[]),
    l("A MINI-FOOTBALL TOURNAMENT", P, &[], &[]),
    l("KYRGYZ AND RUSSIAN MVD DISCUSS COOPERATION", &["cooperation"], &["synthetic", "nps"], &[]),
    l("MINISTER OF INTERNAL AFFAIRS OF KYRGYZSTAN MET", &["cooperation"], &[], &[]),
    l("DRUG POLICE OFFICERS IN TVER REGION", P, &[], &[]),
    l("POLICE OFFICERS AND PUBLIC ACTIVISTS IN STAVROPOL", P, &[], &[]),
    l("AN EVENT FOR SCHOOLCHILDREN AND STUDENTS", P, &[], &[]),
    l("POLICE OFFICERS AND PUBLIC ACTIVISTS IN MORDOVIA", P, &[], &[]),
    l("POLICE OFFICERS AND PUBLIC ACTIVISTS IN LIPETSK", P, &[], &[]),
    l("PREVENTIVE ACTIVITIES WERE CARRIED OUT IN THE REPUBLIC OF MARI EL", P, &[], &[]),
    l("POLICE AND PUBLIC ACTIVISTS IN PRIMORSKY KRAI", P, &[], &[]),
    l("DRUG CONTROL OFFICERS OF UMVD", P, &[], &[]),
    l("ENCOURAGING HEALTHY LIFESTYLES", &["prevention", "training", "cooperation"], &[], &[]),
    l("DRUG PREVENTION EVENT AMONG YOUNG PEOPLE", &["prevention", "training", "cooperation"], &[], &[]),
    // 001: digest #21 of 2024 (English).
    l("ANTI-DRUG LECTURE HELD FOR SCHOOLCHILDREN", &["laboratory", "prevention"], &[], &[]),
    l("MORE THAN 150 TEENAGERS", P, &[], &[]),
    l("MORE THAN 200 DED MOROZS", P, &[], &[]),
    l("FAMOUS YOUTH OF THE COUNTRY", P, &[], &[]),
    l("REGIONAL MEETING ON FORENSIC ANALYSIS", &["training", "cooperation"], &["synthetic", "nps"], &[]),
    l("LECTURE BY CNS", P, &[], &[]),
    l("QUESTIONS ON DEVELOPMENT OF KYRGYZ-RUSSIAN", &["prevention", "training", "cooperation"], &[], &[]),
    l("ULANBEK SULTANOV HELD A MEETING", &["prevention", "training", "cooperation"], &[], &[]),
    l("MIA: A REGULAR MEETING", &["prevention", "cooperation", "policy"], &["synthetic", "nps", "precursors", "medicines"], &[]),
    l("DRUG CONTROL MEASURES DISCUSSED", &["prevention", "cooperation"], &[], &[]),
    l("HEAD OF THE INTERIOR MINISTRY", &["seizure", "cooperation"], &["cocaine", "synthetic"], &[("cocaine", 570.0)]),
    l("CONCLUDING MEETING OF THE REPUBLICAN", &["seizure", "eradication", "prevention", "cooperation", "policy"], &["unspecified"],
      &[("unspecified", 1208.0)]),
    l("COMBATING DRUGS: CHALLENGES", &["prevention", "cooperation", "policy", "treatment"], &[], &[]),
    // 002: press release on a conference in Ashgabat (Russian).
    l("Усиление профилактики", &["seizure", "prevention", "cooperation", "policy", "treatment"],
      &["synthetic", "nps", "precursors", "unspecified"],
      &[("synthetic", 260.0), ("unspecified", 1300.0)]),
];

fn events() -> Vec<Event> {
    let inputs = ingest::read_inputs(&[root().join("corpus")]).unwrap();
    let (archive, report) = ingest::ingest(&inputs);
    assert!(report.errors.is_empty(), "{report}");
    archive
        .unwrap()
        .releases
        .into_iter()
        .flat_map(|r| {
            let translated: Vec<Event> =
                r.translations.into_iter().flat_map(|t| t.events).collect();
            r.events.into_iter().chain(translated)
        })
        .collect()
}

fn label_of(e: &Event) -> &'static Label {
    let matching: Vec<&Label> = LABELS
        .iter()
        .filter(|l| e.title.starts_with(l.title))
        .collect();
    assert_eq!(matching.len(), 1, "one label for {:?}", e.title);
    matching[0]
}

/// (true positives, extracted, labelled).
fn tally(got: &[String], want: &[&str], t: &mut (usize, usize, usize)) {
    let got: BTreeSet<&str> = got.iter().map(String::as_str).collect();
    let want: BTreeSet<&str> = want.iter().copied().collect();
    t.0 += got.intersection(&want).count();
    t.1 += got.len();
    t.2 += want.len();
}

#[test]
fn facts_of_the_corpus_match_the_hand_labels() {
    let events = events();
    assert_eq!(events.len(), LABELS.len(), "every event is labelled");
    let (mut topics, mut substances) = ((0, 0, 0), (0, 0, 0));
    let mut misses = Vec::new();
    for e in &events {
        let label = label_of(e);
        let facts = e.facts.as_ref().expect("the ingest extracts facts");
        tally(&facts.topics, label.topics, &mut topics);
        tally(&facts.substances, label.substances, &mut substances);
        if facts.topics != label.topics || facts.substances != label.substances {
            misses.push(format!(
                "{}: topics {:?} (labelled {:?}), substances {:?} (labelled {:?})",
                label.title, facts.topics, label.topics, facts.substances, label.substances
            ));
        }
        // Every quantity exact, in text order, with its sentence.
        let got: Vec<(&str, f64)> = facts
            .seized
            .iter()
            .map(|s| (s.substance.as_str(), s.kg))
            .collect();
        assert_eq!(got, label.seized, "{}", label.title);
        for (k, s) in facts.seized.iter().enumerate() {
            if let Some(outer) = s.part_of {
                assert!(
                    outer < k && facts.seized[outer].part_of.is_none(),
                    "{}",
                    label.title
                );
            }
            assert!(
                e.body.iter().any(|p| p.contains(&s.quote)),
                "{}: quote {:?} is in the body",
                label.title,
                s.quote
            );
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let report = format!(
        "topics: precision {:.3} recall {:.3}; substances: precision {:.3} recall {:.3}\n{}",
        ratio(topics.0, topics.1),
        ratio(topics.0, topics.2),
        ratio(substances.0, substances.1),
        ratio(substances.0, substances.2),
        misses.join("\n")
    );
    println!("{report}");
    assert!(
        ratio(topics.0, topics.1) >= 0.9 && ratio(topics.0, topics.2) >= 0.85,
        "{report}"
    );
    assert!(
        ratio(substances.0, substances.1) >= 0.9 && ratio(substances.0, substances.2) >= 0.85,
        "{report}"
    );
}

#[test]
fn parts_of_reported_totals_are_marked() {
    let events = events();
    let parts = |title: &str| -> Vec<Option<usize>> {
        let e = events.iter().find(|e| e.title.starts_with(title)).unwrap();
        e.facts
            .as_ref()
            .unwrap()
            .seized
            .iter()
            .map(|s| s.part_of)
            .collect()
    };
    // Read from the texts: "including", «в том числе».
    assert_eq!(parts("FRONT AGAINST DRUGS"), [None, Some(0)]);
    assert_eq!(parts("NEW THREATS AND JOINT SOLUTIONS"), [None, Some(0)]);
    assert_eq!(
        parts("За 2025 год на территории города"),
        [None, Some(0), None, None]
    );
    assert_eq!(parts("NEW FORMATS OF DRUG PREVENTION"), [None, None]);
}

#[test]
fn places_are_every_known_place_named_once_in_order() {
    let events = events();
    let find = |title: &str| events.iter().find(|e| e.title.starts_with(title)).unwrap();
    let places = |title: &str| find(title).facts.clone().unwrap().places;
    // Read from the texts: the first place is the event's `place`.
    assert_eq!(
        places("POLICE OFFICERS AND VOLUNTEERS PAINTED OVER 80"),
        ["Turkestan Region", "Turkestan", "Kentau"]
    );
    assert_eq!(
        places("TAEKWONDO TOURNAMENT"),
        ["Abay Region", "Zhetysu Region", "Pavlodar"]
    );
    assert_eq!(
        places("DRUG PREVENTION EVENT AMONG YOUNG PEOPLE"),
        ["Bokhtar", "Dushanbe", "Khatlon Region"]
    );
    assert_eq!(places("За 2025 год на территории города"), ["Almaty"]);
    assert_eq!(places("Усиление профилактики"), ["Ashgabat"]);
    for e in &events {
        let p = &e.facts.as_ref().unwrap().places;
        let unique: BTreeSet<&String> = p.iter().collect();
        assert_eq!(unique.len(), p.len(), "{}", e.title);
        if let Some(place) = &e.place {
            assert!(p.contains(place), "{}: {place} among {p:?}", e.title);
        }
    }
}

#[test]
fn facts_are_optional_in_the_archive() {
    let committed = std::fs::read_to_string(root().join("data/archive.json")).unwrap();
    let (archive, warnings) = model::decode(&committed).unwrap();
    assert!(warnings.is_empty());
    let all = || archive.releases.iter().flat_map(|r| &r.events);
    assert!(all().all(|e| e.facts.is_some()));
    // Whole numbers of kilograms are written as integers.
    assert!(committed.contains("\"kg\": 570,"), "570 kg written as 570");

    // The same archive without facts (an older or a partner's file).
    let mut value: serde_json::Value = serde_json::from_str(&committed).unwrap();
    for r in value["releases"].as_array_mut().unwrap() {
        for e in r["events"].as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("facts");
        }
    }
    let older = serde_json::to_string(&value).unwrap();
    assert!(!older.contains("\"facts\""));
    let (archive, warnings) = model::decode(&older).unwrap();
    assert!(warnings.is_empty());
    assert!(archive
        .releases
        .iter()
        .flat_map(|r| &r.events)
        .all(|e| e.facts.is_none()));
    // And it is written back without them.
    assert!(!serde_json::to_string(&archive)
        .unwrap()
        .contains("\"facts\""));
}
