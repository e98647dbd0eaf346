//! Russian digests, and the English and Russian versions of one release
//! paired into one release with a translation. The fixtures in
//! `tests/fixtures/` are written for these tests (they are not in the
//! corpus); every expectation below is read off them by hand.

use std::collections::BTreeMap;
use std::path::PathBuf;

use caricc_core::model::{self, Kind, Lang};
use caricc_ingest::{self as ingest, Input, What};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const RU: &str = "digest_ru_2025_07.txt";
const EN: &str = "digest_en_2025_07.txt";

fn input(file: &str, text: &str) -> Input {
    Input {
        file: file.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

#[test]
fn a_russian_digest() {
    let p = ingest::parse_text(RU, &fixture(RU)).unwrap();
    let r = &p.release;
    assert_eq!(r.kind, Kind::InformationRelease);
    assert_eq!(
        (r.id.as_str(), r.number, r.year, r.language),
        ("ir-2025-07", Some(7), Some(2025), Lang::Ru)
    );
    assert_eq!(
        (r.period.start.to_string(), r.period.end.to_string()),
        ("2025-04-01".into(), "2025-04-15".into())
    );
    assert_eq!(
        r.title,
        "ИНФОРМАЦИОННЫЙ ВЫПУСК о прошедших событиях в антинаркотической сфере"
    );
    // «освещено 4 события … (Казахстан – 2, Кыргызстан – 1, Россия – 1)»
    assert_eq!(
        r.declared_counts,
        Some(BTreeMap::from([
            ("KZ".to_string(), 2),
            ("KG".to_string(), 1),
            ("RU".to_string(), 1)
        ]))
    );
    assert_eq!(p.report.differences(), 0);
    assert_eq!(r.summary.len(), 2);
    assert!(r.summary[0].starts_with("В период с 1 по 15 апреля 2025 года"));

    let got: Vec<(&str, &str, String, Option<&str>)> = r
        .events
        .iter()
        .map(|e| {
            (
                e.country.as_str(),
                e.title.as_str(),
                format!("{}..{}", e.date.start, e.date.end),
                e.source_url.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "KZ",
                // Over two lines on the page.
                "СТУДЕНТЫ КОЛЛЕДЖЕЙ КАРАГАНДЫ ПРИСОЕДИНИЛИСЬ К АКЦИИ «ВЫБИРАЮ ЖИЗНЬ»",
                "2025-04-08..2025-04-08".to_string(),
                // Split over two lines on the page.
                Some("https://polisia.kz/ru/studenty-kolledzhej-karagandy-prisoedinilis-k-aktsii-vybirayu-zhizn/")
            ),
            (
                "KZ",
                "В ШЫМКЕНТЕ ЗАКРАСИЛИ БОЛЕЕ 300 НАДПИСЕЙ С РЕКЛАМОЙ НАРКОТИКОВ",
                "2025-04-02..2025-04-04".to_string(),
                Some("https://polisia.kz/ru/v-shymkente-zakrasili-bolee-300-nadpisej/")
            ),
            (
                "KG",
                "В ЧУЙСКОЙ ОБЛАСТИ ЛИКВИДИРОВАНА НАРКОЛАБОРАТОРИЯ",
                "2025-04-10..2025-04-10".to_string(),
                Some("https://mvd.gov.kg/rus/news/4107")
            ),
            (
                "RU",
                "В ОМСКЕ ОБСУДИЛИ МЕРЫ ПРОФИЛАКТИКИ НАРКОМАНИИ СРЕДИ МОЛОДЕЖИ",
                "2025-04-14..2025-04-14".to_string(),
                Some("https://omskportal.ru/news/2025/04/14/antinarkoticheskaya-komissiya")
            ),
        ]
    );
    let karaganda = &r.events[0];
    assert_eq!(karaganda.language, Lang::Ru);
    assert_eq!(karaganda.place.as_deref(), Some("Karaganda"));
    assert_eq!(karaganda.body.len(), 3, "{:?}", karaganda.body);
    assert!(karaganda.body[1].ends_with("как распознать вербовщиков в мессенджерах."));
    // The contents list Uzbekistan, which has no section.
    assert!(p.report.issues.iter().any(|i| i.line == Some(41)
        && i.what
            == What::ContentsWithoutSection {
                country: "UZ".into()
            }));
}

#[test]
fn english_and_russian_versions_become_one_release() {
    let (archive, report) = ingest::ingest(&[input(RU, &fixture(RU)), input(EN, &fixture(EN))]);
    assert!(report.errors.is_empty(), "{report}");
    assert_eq!(report.differences(), 0, "{report}");
    let archive = archive.unwrap();
    assert_eq!(archive.releases.len(), 1);
    let r = &archive.releases[0];
    // The English version holds the Russian one.
    assert_eq!((r.id.as_str(), r.language), ("ir-2025-07", Lang::En));
    assert_eq!(r.source_file, EN);
    assert_eq!(r.events.len(), 4);
    assert_eq!(r.translations.len(), 1);
    let t = &r.translations[0];
    assert_eq!(
        (t.id.as_str(), t.language, t.source_file.as_str()),
        ("ir-2025-07-ru", Lang::Ru, RU)
    );
    assert_eq!(t.events.len(), 4);
    // Paired by position in each country section.
    let english_of = |ru_title: &str| -> &str {
        let e = t.events.iter().find(|e| e.title == ru_title).unwrap();
        let id = e.counterpart.as_deref().expect("paired");
        &r.events.iter().find(|x| x.id == id).unwrap().title
    };
    assert_eq!(
        english_of("В ШЫМКЕНТЕ ЗАКРАСИЛИ БОЛЕЕ 300 НАДПИСЕЙ С РЕКЛАМОЙ НАРКОТИКОВ"),
        "MORE THAN 300 DRUG ADVERTISEMENTS PAINTED OVER IN SHYMKENT"
    );
    assert_eq!(
        english_of("В ЧУЙСКОЙ ОБЛАСТИ ЛИКВИДИРОВАНА НАРКОЛАБОРАТОРИЯ"),
        "DRUG LABORATORY DISMANTLED IN CHUI REGION"
    );
    assert_eq!(
        english_of("В ОМСКЕ ОБСУДИЛИ МЕРЫ ПРОФИЛАКТИКИ НАРКОМАНИИ СРЕДИ МОЛОДЕЖИ"),
        "MEASURES TO PREVENT DRUG ADDICTION AMONG YOUNG PEOPLE DISCUSSED IN OMSK"
    );
    // The versions of an event, both ways.
    let omsk_en = &r.events[3];
    let omsk_ru = &t.events[3];
    assert_eq!(
        r.event_version(&omsk_en.id),
        Some((omsk_ru.id.as_str(), Lang::Ru))
    );
    assert_eq!(
        r.event_version(&omsk_ru.id),
        Some((omsk_en.id.as_str(), Lang::En))
    );
    assert_eq!(r.other_version(Lang::En), Some(("ir-2025-07-ru", Lang::Ru)));
    assert_eq!(r.other_version(Lang::Ru), Some(("ir-2025-07", Lang::En)));
    // The release page of the Russian version: the release as it reads.
    let (ru, others) = archive.release_version("ir-2025-07-ru").unwrap();
    assert_eq!(
        (
            ru.id.as_str(),
            ru.language,
            ru.number,
            ru.period,
            ru.events.len()
        ),
        ("ir-2025-07-ru", Lang::Ru, Some(7), r.period, 4)
    );
    assert!(ru.title.starts_with("ИНФОРМАЦИОННЫЙ ВЫПУСК"));
    assert_eq!(others, Some(("ir-2025-07", Lang::En)));
    let (_, others) = archive.release_version("ir-2025-07").unwrap();
    assert_eq!(others, Some(("ir-2025-07-ru", Lang::Ru)));
    assert!(archive.release_version("ir-2025-07-kz").is_none());
    // The report names each file with its version's id, in input order.
    let files: Vec<(&str, &str)> = report
        .files
        .iter()
        .map(|f| (f.file.as_str(), f.release.as_str()))
        .collect();
    assert_eq!(files, [(RU, "ir-2025-07-ru"), (EN, "ir-2025-07")]);

    // The archive reads back whole through the app's decoder.
    let json = ingest::archive_json(&archive);
    let (decoded, warnings) = model::decode(&json).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(decoded, archive);
    // Same input, same bytes.
    let (again, _) = ingest::ingest(&[input(RU, &fixture(RU)), input(EN, &fixture(EN))]);
    assert_eq!(ingest::archive_json(&again.unwrap()), json);
}

#[test]
fn a_pairing_that_does_not_check_out_is_reported_not_guessed() {
    // The English version loses its Shymkent event: Kazakhstan has 1 event
    // there against 2 in Russian, and both declare 2.
    let en = fixture(EN);
    let from = en.find("MORE THAN 300 DRUG").unwrap();
    let to = en.find("KYRGYZ REPUBLIC\n").unwrap();
    let cut = format!("{}{}", &en[..from], &en[to..]);
    let (archive, report) = ingest::ingest(&[input(EN, &cut), input(RU, &fixture(RU))]);
    let archive = archive.expect("a difference is reported, not an error");
    let t = &archive.releases[0].translations[0];
    let paired: Vec<(&str, bool)> = t
        .events
        .iter()
        .map(|e| (e.country.as_str(), e.counterpart.is_some()))
        .collect();
    assert_eq!(
        paired,
        [("KZ", false), ("KZ", false), ("KG", true), ("RU", true)]
    );
    let ru_report = report.files.iter().find(|f| f.file == RU).unwrap();
    let unpaired: Vec<&What> = ru_report
        .issues
        .iter()
        .map(|i| &i.what)
        .filter(|w| matches!(w, What::UnpairedSection { .. }))
        .collect();
    assert_eq!(
        unpaired,
        [&What::UnpairedSection {
            country: "KZ".into(),
            events: 1,
            other_events: 2,
            declared: Some(2),
            other_declared: Some(2),
            reason: "the counts do not agree".into()
        }]
    );
    // The English file's own count difference is reported too.
    let en_report = report.files.iter().find(|f| f.file == EN).unwrap();
    assert!(en_report.issues.iter().any(|i| i.what
        == What::CountMismatch {
            country: "KZ".into(),
            declared: 2,
            parsed: 1
        }));
    let printed = report.to_string();
    assert!(
        printed.contains(
            "Kazakhstan (KZ): not paired with the other version (the counts do not agree)"
        ),
        "{printed}"
    );

    // A section whose paired events cite different sources is not paired.
    let ru = fixture(RU).replace("news/4107", "news/4108");
    let (archive, report) =
        ingest::ingest(&[input(EN, &fixture(EN)), input(&format!("x{RU}"), &ru)]);
    let t = &archive.unwrap().releases[0].translations[0];
    assert_eq!(
        t.events
            .iter()
            .filter(|e| e.counterpart.is_none())
            .map(|e| e.country.as_str())
            .collect::<Vec<_>>(),
        ["KG"]
    );
    assert!(report
        .to_string()
        .contains("event 1 of the section cites another source in each version"));
}

#[test]
fn one_number_two_periods_is_an_error_naming_both_files() {
    let other_period = fixture(RU).replace("1-15.04.2025", "16-30.04.2025");
    let (archive, report) =
        ingest::ingest(&[input(EN, &fixture(EN)), input("late.txt", &other_period)]);
    assert!(archive.is_none());
    assert_eq!(report.errors.len(), 1);
    let e = &report.errors[0];
    assert_eq!((e.file.as_str(), e.line), ("late.txt", Some(10)));
    assert_eq!(
        e.to_string(),
        "late.txt:10: release No. 7 of 2025 covers 2025-04-16..2025-04-30 here, but \
         digest_en_2025_07.txt (line 10) gives it the period 2025-04-01..2025-04-15: two \
         documents claim the same number for different periods"
    );
    // The same language twice.
    let (archive, report) =
        ingest::ingest(&[input(RU, &fixture(RU)), input("copy.txt", &fixture(RU))]);
    assert!(archive.is_none());
    assert_eq!(
        report.errors[0].to_string(),
        "copy.txt:10: release No. 7 of 2025 in Russian was already read from \
         digest_ru_2025_07.txt (line 10); one release, one file per language"
    );
}
