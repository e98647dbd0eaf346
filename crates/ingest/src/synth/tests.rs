use super::*;

fn model() -> Model {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    Model::from_corpus_dir(&dir).unwrap()
}

#[test]
fn rare_words_are_names_in_both_scripts() {
    let en = rare_word(12, Lang::En);
    let ru = rare_word(12, Lang::Ru);
    assert!(
        en.chars().next().unwrap().is_uppercase() && en.is_ascii(),
        "{en}"
    );
    assert!(ru.chars().all(crate::text::is_cyrillic), "{ru}");
    assert_ne!(rare_word(12, Lang::En), rare_word(13, Lang::En));
    assert_ne!(rare_word(60_001, Lang::En), rare_word(110_001, Lang::En));
}

#[test]
fn link_prefixes() {
    assert_eq!(
        link_prefix("https://polisia.kz/ru/a-b/").as_deref(),
        Some("https://polisia.kz/ru")
    );
    assert_eq!(
        link_prefix("https://mvd.gov.kg/rus/news/4336").as_deref(),
        Some("https://mvd.gov.kg/rus/news")
    );
    assert_eq!(
        link_prefix("https://www.vkd.tj/4368-x.html").as_deref(),
        Some("https://www.vkd.tj")
    );
}

#[test]
fn small_archive_has_the_contract_shape() {
    let m = model();
    let params = Params {
        events: 2000,
        seed: 7,
        ..Params::default()
    };
    let a = generate(&m, &params);
    let events: usize = a.releases.iter().map(|r| r.events.len()).sum();
    assert_eq!(events, 2000);
    let digests = a
        .releases
        .iter()
        .filter(|r| r.kind == Kind::InformationRelease)
        .count();
    assert_eq!(
        digests,
        14 * 24 + 12,
        "every half-month from 2012-01 to 2026-06"
    );
    let json = crate::archive_json(&a);
    let (decoded, warnings) = caricc_core::model::decode(&json).unwrap();
    assert!(
        warnings.is_empty(),
        "{:?}",
        &warnings[..warnings.len().min(3)]
    );
    assert_eq!(decoded.releases.len(), a.releases.len());
    for r in &a.releases {
        if let Some(declared) = &r.declared_counts {
            let sum: u32 = declared.values().sum();
            assert_eq!(sum as usize, r.events.len());
        }
        for e in &r.events {
            assert!((3..=8).contains(&e.body.len()));
            assert!(r.period.start <= e.date.start && e.date.end <= r.period.end);
        }
    }
    let mut by_country: BTreeMap<&str, usize> = BTreeMap::new();
    for e in a.releases.iter().flat_map(|r| &r.events) {
        *by_country.entry(&e.country).or_insert(0) += 1;
    }
    assert!(
        by_country["KZ"] > by_country["RU"] && by_country["RU"] > by_country["KG"],
        "{by_country:?}"
    );
    let ru = a
        .releases
        .iter()
        .flat_map(|r| &r.events)
        .filter(|e| e.language == Lang::Ru)
        .count();
    assert!(ru > 150 && ru < 600, "{ru}");
}

#[test]
fn same_seed_same_archive_other_seed_other_archive() {
    let m = model();
    let p = Params {
        events: 300,
        seed: 3,
        ..Params::default()
    };
    assert_eq!(
        crate::archive_json(&generate(&m, &p)),
        crate::archive_json(&generate(&m, &p))
    );
    let q = Params {
        seed: 4,
        ..p.clone()
    };
    assert_ne!(
        crate::archive_json(&generate(&m, &p)),
        crate::archive_json(&generate(&m, &q))
    );
}

#[test]
fn vocabulary_keeps_growing_with_the_archive() {
    let m = model();
    let distinct = |events: usize| {
        let a = generate(
            &m,
            &Params {
                events,
                seed: 1,
                ..Params::default()
            },
        );
        let mut words = std::collections::HashSet::new();
        for e in a.releases.iter().flat_map(|r| &r.events) {
            for p in &e.body {
                for w in p.split_whitespace() {
                    words.insert(
                        w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase(),
                    );
                }
            }
        }
        words.len()
    };
    let (small, large) = (distinct(500), distinct(5000));
    // Heaps' law: ten times the text, clearly more (but not ten times
    // more) distinct words.
    assert!(large as f64 > small as f64 * 1.8, "{small} -> {large}");
    assert!((large as f64) < small as f64 * 10.0, "{small} -> {large}");
}
