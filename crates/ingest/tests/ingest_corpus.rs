//! The ingest on the real corpus: exact results per document, and the
//! committed `data/archive.json` is what the ingest makes of `corpus/` today.

use std::collections::BTreeMap;
use std::path::PathBuf;

use caricc_core::model::{self, Kind, Lang, Release};
use caricc_core::text::is_upper_line;
use caricc_ingest::{self as ingest, paragraphs::continues, What};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_file(name: &str) -> ingest::Parsed {
    let path = root().join("corpus").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ingest::parse_bytes(name, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

const DIGEST: &str = "000_b91b7f1020883290.txt";
const DIGEST_DEC_2024: &str = "001_4807bf773420fa9f.txt";
const PRESS: &str = "002_996ddf5eb1bae401.txt";
const NEWS: &str = "003_6111b93bad5493f5.txt";

fn counts(r: &Release) -> BTreeMap<&str, u32> {
    let mut c = BTreeMap::new();
    for e in &r.events {
        *c.entry(e.country.as_str()).or_insert(0) += 1;
    }
    c
}

#[test]
fn committed_archive_is_current_and_reproducible() {
    let inputs = ingest::read_inputs(&[root().join("corpus")]).unwrap();
    let (archive, report) = ingest::ingest(&inputs);
    assert!(report.errors.is_empty(), "{report}");
    let json = ingest::archive_json(&archive.unwrap());
    let (again, _) = ingest::ingest(&inputs);
    assert_eq!(
        json,
        ingest::archive_json(&again.unwrap()),
        "two runs must give the same bytes"
    );
    let committed = std::fs::read_to_string(root().join("data/archive.json"))
        .expect("data/archive.json exists");
    assert!(
        committed == json,
        "data/archive.json is stale: regenerate it with `cargo ingest corpus -o data/archive.json`"
    );
    // The app's checked decoder accepts every record.
    let (decoded, warnings) = model::decode(&committed).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    // Newest first.
    let ends: Vec<_> = decoded.releases.iter().map(|r| r.period.end).collect();
    assert!(ends.windows(2).all(|w| w[0] >= w[1]), "{ends:?}");
}

#[test]
fn digest_of_june_2025() {
    let p = corpus_file(DIGEST);
    let r = &p.release;
    assert_eq!(r.kind, Kind::InformationRelease);
    assert_eq!(
        (r.id.as_str(), r.number, r.year),
        ("ir-2025-11", Some(11), Some(2025))
    );
    assert_eq!(
        (r.period.start.to_string(), r.period.end.to_string()),
        ("2025-06-01".into(), "2025-06-15".into())
    );
    assert_eq!(r.language, Lang::En);
    assert_eq!(
        r.title,
        "INFORMATION RELEASE ABOUT PAST EVENTS IN THE ANTI-DRUG SPHERE"
    );
    assert_eq!(r.events.len(), 33);
    assert_eq!(
        counts(r),
        BTreeMap::from([("KZ", 21), ("KG", 2), ("RU", 8), ("TJ", 2)])
    );
    let declared = r.declared_counts.as_ref().unwrap();
    assert_eq!(
        declared,
        &BTreeMap::from([
            ("KZ".into(), 21),
            ("KG".into(), 2),
            ("RU".into(), 8),
            ("TJ".into(), 2)
        ])
    );
    assert_eq!(r.summary.len(), 2);
    assert!(r.summary[0].starts_with("In the period from 1 to 15 June 2025"));
    assert!(
        r.summary[0].ends_with("(Kazakhstan - 21, Kyrgyzstan - 2, Russia - 8, Tajikistan - 2)."),
        "{}",
        r.summary[0]
    );

    assert_eq!(
        r.events[0].title,
        "CULTURE AGAINST DRUGS: ZHETYSU COMBATS DRUG THREAT AMONG YOUNG PEOPLE"
    );
    assert_eq!(
        r.events[32].title,
        "DRUG PREVENTION EVENT AMONG YOUNG PEOPLE"
    );
    // The title in ** is read without its markup.
    let tver = r
        .events
        .iter()
        .find(|e| e.title.starts_with("DRUG POLICE OFFICERS IN TVER"))
        .unwrap();
    assert_eq!(tver.title, "DRUG POLICE OFFICERS IN TVER REGION JOINED THE CAMPAIGN OF THE RUSSIAN ARMED FORCES “ARMY AGAINST DRUGS”");
    assert_eq!(tver.country, "RU");
    assert_eq!(tver.body[0], "Officers of the Drug Control Department of UMVD of Russia in Tver region joined the anti-drug campaign “Army against Drugs” held in the Armed Forces.");

    for e in &r.events {
        let url = e
            .source_url
            .as_deref()
            .unwrap_or_else(|| panic!("no source for {}", e.title));
        assert!(model::is_web_url(url) && !url.contains("xn--plai"), "{url}");
        // A title is the capitalised heading only, never body text.
        assert!(
            is_upper_line(&e.title) && !e.title.ends_with('.') && e.title.len() < 200,
            "{}",
            e.title
        );
        assert!(!e.body.is_empty());
        for pair in e.body.windows(2) {
            assert!(
                !continues(&pair[0], &pair[1]),
                "split paragraph in {}: {:?} + {:?}",
                e.title,
                pair[0],
                pair[1]
            );
        }
        for p in &e.body {
            assert!(
                !p.contains("caricc.org") && !p.contains("Central Asian Regional Information"),
                "footer in {}",
                e.title
            );
        }
    }

    let body = |title_start: &str| -> Vec<String> {
        r.events
            .iter()
            .find(|e| e.title.starts_with(title_start))
            .unwrap()
            .body
            .clone()
    };
    let zhetysu = body("CULTURE AGAINST DRUGS");
    assert_eq!(zhetysu.len(), 7);
    assert!(zhetysu[2].contains(
        "to remind them of the value of life, importance of knowledge and informed choice."
    ));
    let kostanay = body("ANTI-DRUG MARATHON");
    assert!(kostanay
        .iter()
        .any(|p| p.ends_with("Participants were given T-shirts and caps with anti-drug symbols.")));
    // A stray " " line inside a page break.
    let astana = body("MEASURES TO CURB DRUG CRIME");
    assert!(astana[1].ends_with("to detect and prevent illegal cultivation of narcotic plants, eliminate channels of transit and distribution of narcotic drugs."));
    assert_eq!(astana.len(), 4);
    let kg = body("KYRGYZ AND RUSSIAN MVD");
    assert!(kg[1].ends_with("he called for further cooperation in this direction."));

    // The Russian event inside the English digest.
    let taraz = r
        .events
        .iter()
        .find(|e| e.title.contains("MINI-FOOTBALL"))
        .unwrap();
    assert_eq!(taraz.language, Lang::Ru);
    assert_eq!(taraz.place.as_deref(), Some("Taraz"));
    assert!(taraz.body[1].contains("акимата города Тараз. Турнир стал частью"));
    assert_eq!(
        r.events.iter().filter(|e| e.language == Lang::Ru).count(),
        1
    );

    // Dates the text states, else the period.
    let date = |title_start: &str| {
        let e = r
            .events
            .iter()
            .find(|e| e.title.starts_with(title_start))
            .unwrap();
        format!("{}..{}", e.date.start, e.date.end)
    };
    assert_eq!(date("KYRGYZ AND RUSSIAN MVD"), "2025-06-10..2025-06-10");
    assert_eq!(
        date("MINISTER OF INTERNAL AFFAIRS"),
        "2025-06-11..2025-06-11"
    );
    assert_eq!(date("ANTI-DRUG MARATHON"), "2025-06-03..2025-06-03");
    assert_eq!(date("ENCOURAGING HEALTHY"), "2025-06-11..2025-06-11");
    assert_eq!(date("DRUG PREVENTION EVENT"), "2025-06-12..2025-06-12");
    // "held annually from 1 June to 31 October" is not the meeting's date.
    assert_eq!(date("MVD HELD A MEETING"), "2025-06-01..2025-06-15");

    let places: Vec<Option<&str>> = r.events.iter().map(|e| e.place.as_deref()).collect();
    assert_eq!(places[0], Some("Zhetysu Region"));
    assert_eq!(places[2], Some("Pavlodar Region"));
    let kg_meeting = r
        .events
        .iter()
        .find(|e| e.title.starts_with("MINISTER OF INTERNAL AFFAIRS"))
        .unwrap();
    assert_eq!(
        (
            kg_meeting.place.as_deref(),
            kg_meeting.mentioned_countries.clone()
        ),
        (Some("Bishkek"), vec!["IR".to_string()])
    );

    // The report: the cover's number is trusted, the mismatch reported; the
    // contents list Azerbaijan without a section; links repaired; the
    // footer skipped; no count differences.
    let issues = &p.report.issues;
    assert!(issues.iter().any(|i| i.line == Some(33)
        && i.what
            == What::NumberMismatch {
                cover: 11,
                edition: 110
            }));
    assert!(issues.iter().any(|i| i.what
        == What::ContentsWithoutSection {
            country: "AZ".into()
        }));
    assert_eq!(
        issues
            .iter()
            .filter(|i| matches!(i.what, What::RepairedLink { .. }))
            .count(),
        4
    );
    let skipped: Vec<usize> = issues
        .iter()
        .filter(|i| matches!(i.what, What::SkippedLine { .. }))
        .filter_map(|i| i.line)
        .collect();
    // The cover's place line, the imprint, "Circulation in PDF format" and
    // the two contents headings; then the closing imprint.
    assert_eq!(
        skipped,
        [
            9, 15, 19, 21, 22, 23, 25, 27, 28, 29, 30, 35, 37, 45, 726, 727, 728, 730, 731, 732,
            733
        ]
    );
    assert_eq!(p.report.differences(), 0);
    assert!(!issues
        .iter()
        .any(|i| matches!(i.what, What::EventWithoutSource { .. })));
}

/// Digest No. 21, 16-31 December 2024: expectations read off the document
/// by hand (its contents, summary, headings, titles and link lines).
#[test]
fn digest_of_december_2024() {
    let p = corpus_file(DIGEST_DEC_2024);
    let r = &p.release;
    assert_eq!(r.kind, Kind::InformationRelease);
    assert_eq!(
        (r.id.as_str(), r.number, r.year),
        ("ir-2024-21", Some(21), Some(2024))
    );
    assert_eq!(
        (r.period.start.to_string(), r.period.end.to_string()),
        ("2024-12-16".into(), "2024-12-31".into())
    );
    assert_eq!(r.language, Lang::En);
    assert_eq!(
        r.title,
        "INFORMATION RELEASE ABOUT PAST EVENTS IN THE ANTI-DRUG SPHERE"
    );
    // "13 counter-narcotics activities ... (Kazakhstan - 5, Kyrgyzstan - 4,
    // Russia - 2, Tajikistan - 2)": declared and found agree.
    let expected = BTreeMap::from([("KZ", 5), ("KG", 4), ("RU", 2), ("TJ", 2)]);
    assert_eq!(counts(r), expected);
    let declared = r.declared_counts.as_ref().unwrap();
    assert_eq!(
        declared
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<BTreeMap<_, _>>(),
        expected
    );
    assert_eq!(p.report.differences(), 0);
    assert_eq!(r.events.len(), 13);
    assert_eq!(r.summary.len(), 2);
    assert!(r.summary[0]
        .starts_with("In the period from 16 to 31 December 2024, 13 counter-narcotics activities"));

    let titles: Vec<(&str, &str)> = r
        .events
        .iter()
        .map(|e| (e.country.as_str(), e.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("KZ", "ANTI-DRUG LECTURE HELD FOR SCHOOLCHILDREN AND STUDENTS OF AKMOLA REGION"),
            ("KZ", "MORE THAN 150 TEENAGERS TOOK PART IN ANTI-DRUG COMPETITION IN SKO"),
            ("KZ", "MORE THAN 200 DED MOROZS SUPPORTED EFFORTS TO COMBAT DRUG ADDICTION IN RIDDER"),
            ("KZ", "FAMOUS YOUTH OF THE COUNTRY TOOK PART IN A STAR MATCH AGAINST DRUGS IN TURKESTAN"),
            // Three lines in ** on the page.
            ("KZ", "REGIONAL MEETING ON FORENSIC ANALYSIS OF NARCOTIC DRUGS IN ASTANA: NEW CHALLENGES AND SOLUTIONS"),
            ("KG", "LECTURE BY CNS OF THE MINISTRY OF INTERNAL AFFAIRS OF THE KYRGYZ REPUBLIC AT THE KYRGYZ AVIATION INSTITUTE"),
            ("KG", "QUESTIONS ON DEVELOPMENT OF KYRGYZ-RUSSIAN COOPERATION IN DRUG CONTROL DISCUSSED IN ST. PETERSBURG"),
            ("KG", "ULANBEK SULTANOV HELD A MEETING WITH REPRESENTATIVES OF THE MINISTRY OF INTERNAL AFFAIRS OF RUSSIA AND THE MINISTRY OF INTERNAL AFFAIRS OF THE REPUBLIC OF KAZAKHSTAN IN THE KYRGYZ REPUBLIC"),
            ("KG", "MIA: A REGULAR MEETING OF THE STATE COORDINATION COMMITTEE FOR THE CONTROL OF DRUGS, PSYCHOTROPIC SUBSTANCES AND PRECURSORS (GKKN) HELD IN BISHKEK"),
            // The newspaper's logo above it («Забайкальский Рабочий») is no title.
            ("RU", "DRUG CONTROL MEASURES DISCUSSED IN ZABAİKALYE GOVERNMENT"),
            ("RU", "HEAD OF THE INTERIOR MINISTRY VLADIMIR KOLOKOLTSEV HELD A MEETING OF THE ANTI-DRUG COMMITTEE"),
            ("TJ", "CONCLUDING MEETING OF THE REPUBLICAN OPERATIONAL AND PREVENTIVE OPERATION “MAK-2024”"),
            ("TJ", "COMBATING DRUGS: CHALLENGES OF THE NATIONAL STRATEGY DISCUSSED IN TAJIKISTAN"),
        ]
    );
    let sources: Vec<&str> = r
        .events
        .iter()
        .map(|e| e.source_url.as_deref().unwrap_or("none"))
        .collect();
    assert_eq!(sources[0], "https://polisia.kz/ru/antinarkoticheskuyu-lektsiyu-proveli-dlya-shkol-nikov-i-studentov-akmolinskoj-oblasti/");
    assert_eq!(
        sources[4],
        "https://www.news-asia.ru/view/kz/interview/16660"
    );
    assert_eq!(
        &sources[5..9],
        [
            "https://mvd.gov.kg/rus/news/3982",
            "https://mvd.gov.kg/rus/news/3992",
            "https://mvd.gov.kg/rus/news/3991",
            "https://mvd.gov.kg/rus/news/3999"
        ]
    );
    assert_eq!(
        sources[10],
        "https://russian.rt.com/russia/news/1412193-kolokolcev-antinarkoticheskii-komitet"
    );
    assert_eq!(sources[12], "https://tj.mir24.tv/news/16481010/borba-s-narkotikami-zadachi-nacionalnoi-strategii-obsudili-v-tadzhikistane");

    // Dates the text states ("on 18 December", "on 19 December 2024"),
    // else the release period.
    let dates: Vec<String> = r
        .events
        .iter()
        .map(|e| format!("{}..{}", e.date.start, e.date.end))
        .collect();
    assert_eq!(dates[0], "2024-12-18..2024-12-18");
    assert_eq!(dates[2], "2024-12-19..2024-12-19");
    assert_eq!(dates[3], "2024-12-16..2024-12-31");
    assert_eq!(dates[8], "2024-12-19..2024-12-19");
    assert_eq!(
        r.events
            .iter()
            .map(|e| e.place.as_deref())
            .collect::<Vec<_>>()[..4],
        [
            Some("Akmola Region"),
            Some("Petropavl"),
            Some("East Kazakhstan Region"),
            Some("Turkestan")
        ]
    );
    assert!(r.events[4]
        .body
        .iter()
        .any(|p| p == "Challenges encountered by experts"));
    assert!(r
        .events
        .iter()
        .all(|e| e.language == Lang::En && !e.body.is_empty()));

    // Every line dropped is reported with its rule: the cover's
    // "(according to the media)" and place, the imprint, the contents
    // heading; the newspaper logo; the closing imprint.
    let skipped: Vec<(usize, &str)> = p
        .report
        .issues
        .iter()
        .filter_map(|i| match &i.what {
            What::SkippedLine { reason, .. } => Some((i.line.unwrap_or(0), reason.as_str())),
            _ => None,
        })
        .collect();
    let front = "front matter: cover, imprint or contents heading";
    let masthead = "page furniture: repeats the masthead";
    let outside = "text outside any event";
    assert_eq!(
        skipped,
        [
            (9, front),
            (15, front),
            (19, front),
            (21, front),
            (22, front),
            (23, front),
            (25, front),
            (27, front),
            (29, front),
            (31, front),
            (33, front),
            (38, front),
            (40, front),
            (266, outside),
            (267, outside),
            (349, masthead),
            (350, masthead),
            (351, masthead),
            (353, masthead),
            (354, masthead),
            (355, masthead),
            (356, masthead),
        ]
    );
    // Two links carry letters the PDF extraction mis-read ("podroستkov",
    // "turkeстане"): reported, kept as written.
    let mixed: Vec<usize> = p
        .report
        .issues
        .iter()
        .filter(|i| matches!(i.what, What::MixedScriptLink { .. }))
        .filter_map(|i| i.line)
        .collect();
    assert_eq!(mixed, [99, 133]);
}

#[test]
fn press_release_of_the_cadap_conference() {
    let p = corpus_file(PRESS);
    let r = &p.release;
    assert_eq!(r.kind, Kind::PressRelease);
    assert_eq!(r.events.len(), 1);
    let e = &r.events[0];
    assert_eq!(e.country, "TM");
    assert_eq!(
        (e.date.start.to_string(), e.date.end.to_string()),
        ("2024-11-27".into(), "2024-11-28".into())
    );
    assert_eq!(r.period, e.date);
    assert_eq!(e.place.as_deref(), Some("Ashgabat"));
    assert_eq!(e.language, Lang::Ru);
    assert!(e
        .title
        .starts_with("Усиление профилактики употребления психоактивных веществ"));
    assert!(e.title.ends_with("в Центральной Азии"));
    for c in ["KZ", "KG", "TJ", "UZ"] {
        assert!(
            e.mentioned_countries.contains(&c.to_string()),
            "{c}: {:?}",
            e.mentioned_countries
        );
    }
    assert!(!e.mentioned_countries.contains(&"TM".to_string()));
    assert_eq!(e.body.len(), 9);
    assert!(e.body[4].contains("с наличием синтетических наркотиков"));
    for p in &e.body {
        assert!(
            !p.contains("FIIAPP") && !p.contains("European Union") && !p.contains('@'),
            "boilerplate in body: {p}"
        );
    }
    assert!(e
        .body
        .last()
        .unwrap()
        .starts_with("По результатам международной конференции"));
}

#[test]
fn news_item_from_almaty() {
    let p = corpus_file(NEWS);
    let r = &p.release;
    assert_eq!(r.kind, Kind::News);
    assert_eq!(r.events.len(), 1);
    let e = &r.events[0];
    assert_eq!(e.country, "KZ");
    assert_eq!(
        (e.date.start.to_string(), e.date.end.to_string()),
        ("2026-01-20".into(), "2026-01-20".into())
    );
    assert_eq!(e.place.as_deref(), Some("Almaty"));
    assert_eq!(e.language, Lang::Ru);
    // No title line: one made from the first sentence, without its
    // attribution clause, cut at a clause boundary.
    assert_eq!(
        e.title,
        "За 2025 год на территории города выявлено 629 правонарушений"
    );
    assert!(p
        .report
        .issues
        .iter()
        .any(|i| matches!(i.what, What::DerivedTitle { .. })));
    assert_eq!(e.body.len(), 14);
    assert!(e.body[0].starts_with("Как сообщил начальник управления"));
    assert!(!e.body[0].contains("date"));
}

#[test]
fn event_ids_are_unique_and_survive_reingest() {
    let a = corpus_file(DIGEST);
    let b = corpus_file(DIGEST);
    let ids: Vec<_> = a.release.events.iter().map(|e| e.id.clone()).collect();
    assert_eq!(
        ids,
        b.release
            .events
            .iter()
            .map(|e| e.id.clone())
            .collect::<Vec<_>>()
    );
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    // Ids come from content, not position: moving an event does not change it.
    let text = std::fs::read_to_string(root().join("corpus").join(DIGEST)).unwrap();
    let first_event = text.find("CULTURE AGAINST DRUGS").unwrap();
    let second_event = text.find("MVD HELD A MEETING").unwrap();
    let moved = format!(
        "{}{}{}",
        &text[..first_event],
        &text[second_event..text.find("MONTH AGAINST DRUGS STARTED").unwrap()],
        &text[first_event..second_event]
    ) + &text[text.find("MONTH AGAINST DRUGS STARTED").unwrap()..];
    let c = ingest::parse_text(DIGEST, &moved).unwrap();
    assert_eq!(c.release.events[0].id, ids[1]);
    assert_eq!(c.release.events[1].id, ids[0]);
}
