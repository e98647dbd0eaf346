//! Relevance: the events that must come first for real queries, in both
//! languages and across scripts.
//!
//! Three sources: small hand-written events (always run); the paragraphs of
//! the release texts in `corpus/` (always run); and `data/archive.json`
//! through the archive decoder, when the ingest has produced it (skipped
//! with a note otherwise).

use std::path::Path;

use caricc_core::search::{Hit, SearchDoc, SearchIndex};

struct Doc {
    title: String,
    body: Vec<String>,
}

fn index(docs: &[Doc]) -> SearchIndex {
    SearchIndex::build(docs.iter().map(|d| SearchDoc {
        title: &d.title,
        body: &d.body,
    }))
}

fn doc(title: &str, body: &str) -> Doc {
    Doc {
        title: title.into(),
        body: body.split("\n\n").map(str::to_string).collect(),
    }
}

fn hits(ix: &SearchIndex, q: &str) -> Vec<Hit> {
    ix.search(q).unwrap_or_else(|| panic!("{q:?} is a query"))
}

fn ids(ix: &SearchIndex, q: &str) -> Vec<u32> {
    hits(ix, q).iter().map(|h| h.doc.0).collect()
}

/// The first `want.len()` hits are exactly `want`, in any order.
fn first_are(ix: &SearchIndex, q: &str, want: &[u32]) {
    let got = ids(ix, q);
    let mut head = got[..want.len().min(got.len())].to_vec();
    head.sort();
    let mut want = want.to_vec();
    want.sort();
    assert_eq!(head, want, "{q:?} gave {got:?}");
}

fn hand_written() -> Vec<Doc> {
    vec![
        // 0
        doc(
            "OPERATION “KARASORA-2025” CONTINUES IN ALMATY",
            "Police officers of Almaty seized 12 kg of hashish during the operation.",
        ),
        // 1
        doc(
            "Операция «Карасора-2025» продолжается в Алматы",
            "Сотрудники полиции изъяли 12 кг гашиша в ходе операции.",
        ),
        // 2
        doc(
            "Qarasora: hemp fields destroyed in Zhambyl region",
            "Wild hemp was destroyed on 40 hectares near Taraz.",
        ),
        // 3
        doc(
            "Drug laboratory dismantled in Kostanay region",
            "Police dismantled a clandestine laboratory producing synthetic drugs.",
        ),
        // 4
        doc(
            "Measures to curb drug crime discussed",
            "Protection of employees involved in dismantling of drug laboratories was raised.",
        ),
        // 5
        doc(
            "В Костанайской области ликвидирована нарколаборатория",
            "Изъято более 5 кг синтетических наркотиков.",
        ),
        // 6
        doc(
            "Наркотики изъяты в Таразе",
            "Полицейские изъяли наркотики у жителя Тараза.",
        ),
        // 7
        doc(
            "Anti-drug marathon in Kyzylorda",
            "More than 300 people ran against drugs in Kyzylorda.",
        ),
        // 8
        doc(
            "Молодежь Кызылорды против наркотиков",
            "Студенты провели акцию против наркотиков.",
        ),
        // 9
        doc(
            "Culture against drugs: Zhetysu",
            "Schoolchildren of Zhetysu region visited museums.",
        ),
        // 10
        doc(
            "Жетысуская область: профилактика",
            "В области Жетысу прошли профилактические беседы.",
        ),
        // 11
        doc(
            "Heroin seized at the border",
            "Customs officers seized heroin and cocaine.",
        ),
        // 12
        doc(
            "Border guards trained",
            "Training on heroin detection; no seizures this month.",
        ),
    ]
}

#[test]
fn hand_written_events() {
    let ix = index(&hand_written());
    // The operation, whatever the script or romanisation.
    for q in ["карасора", "Karasora", "qarasora", "КАРАСОРА "] {
        let got = ids(&ix, q);
        assert!([0, 1, 2].iter().all(|d| got.contains(d)), "{q:?}: {got:?}");
        assert!(got.len() <= 3, "{q:?}: {got:?}");
    }
    // Cyrillic spelling ranks the Cyrillic event first, Latin the Latin one.
    assert_eq!(ids(&ix, "карасора ")[0], 1);
    assert_eq!(ids(&ix, "karasora ")[0], 0);
    // Stems in both languages and compounds.
    first_are(&ix, "laboratory dismantled", &[3, 4]);
    first_are(&ix, "наркотиков", &[5, 6, 8]);
    first_are(&ix, "нарколаборатория", &[5]);
    // `лаборатория` is also `laboratory` spelt in Cyrillic.
    first_are(&ix, "лаборатория", &[3, 4, 5]);
    // Places across scripts.
    for (q, want) in [
        ("Kostanay", &[3, 5][..]),
        ("костанай", &[3, 5]),
        ("Алматы", &[0, 1]),
        ("Taraz", &[2, 6]),
        ("тараз", &[2, 6]),
        ("Жетысу", &[9, 10]),
        ("zhetysu", &[9, 10]),
        ("Kyzylorda", &[7, 8]),
        ("Кызылорда", &[7, 8]),
    ] {
        first_are(&ix, q, want);
    }
    // Titles first; exclusions; phrases; typing.
    assert_eq!(ids(&ix, "heroin ")[0], 11);
    assert_eq!(ids(&ix, "heroin -cocaine"), [12]);
    let docs = hand_written();
    let text = |d: caricc_core::search::DocId| {
        docs.get(d.0 as usize).map(|d| SearchDoc {
            title: &d.title,
            body: &d.body,
        })
    };
    let phrase = |q: &str| -> Vec<u32> {
        ix.search_with_text(q, text)
            .unwrap_or_default()
            .iter()
            .map(|h| h.doc.0)
            .collect()
    };
    assert_eq!(phrase("\"heroin and cocaine\""), [11]);
    assert_eq!(phrase("\"cocaine and heroin\""), Vec::<u32>::new());
    assert_eq!(phrase("heroin -\"heroin and cocaine\""), [12]);
    // Without the text, the phrase's words are required in any order.
    assert_eq!(ids(&ix, "\"cocaine and heroin\""), [11]);
    assert_eq!(ids(&ix, "hero")[0], 11);
    assert_eq!(ids(&ix, "herion ")[..2], [11, 12]);
}

#[test]
fn match_classes_rank_in_order() {
    // One document per way of matching `laboratory`, each otherwise alike.
    let docs: Vec<Doc> = [
        "laboratory",        // exact
        "laboratories",      // stem
        "лаборатори",        // transliteration (Cyrillic spelling)
        "phytolaboratories", // compound
        "labratory",         // typo
    ]
    .iter()
    .map(|w| doc("Report", &format!("a {w} was found")))
    .collect();
    let ix = index(&docs);
    assert_eq!(ids(&ix, "laboratory "), [0, 1, 2, 3, 4]);
    // Prefix (being typed) ranks below all but typos.
    let docs: Vec<Doc> = ["laborant", "labrador"]
        .iter()
        .map(|w| doc("Report", &format!("a {w} was found")))
        .collect();
    let ix = index(&docs);
    assert_eq!(ids(&ix, "labor"), [0]);
}

/// The release texts, one document per paragraph: no structure assumed
/// beyond blank lines between paragraphs.
fn corpus_paragraphs() -> Vec<Doc> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            docs.push(Doc {
                title: String::new(),
                body: vec![p.to_string()],
            });
        }
    }
    docs
}

/// Lowercase words with doubled letters collapsed (the sources misspell
/// `Karaasora` too) and `q` read as `k`: an oracle independent of the engine.
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .replace('q', "k")
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| {
            let mut out = String::new();
            for c in w.chars() {
                if !out.ends_with(c) {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

#[test]
fn corpus_paragraphs_across_scripts() {
    let docs = corpus_paragraphs();
    assert!(docs.len() > 50, "corpus has {} paragraphs", docs.len());
    let ix = index(&docs);
    let mentions = |d: &Doc, stems: &[&str]| {
        d.body.iter().any(|p| {
            words_of(p)
                .iter()
                .any(|w| stems.iter().any(|s| w.starts_with(s)))
        })
    };
    // Every paragraph naming the operation, in any script, and no other.
    let operation = ["karasor", "карасор"];
    let want: Vec<u32> = (0..docs.len() as u32)
        .filter(|&i| mentions(&docs[i as usize], &operation))
        .collect();
    assert!(want.len() >= 3, "{want:?}");
    for q in ["карасора", "qarasora", "Karasora"] {
        let mut got = ids(&ix, q);
        got.sort();
        assert_eq!(got, want, "{q:?}");
    }
    // Both words, by stem or inside a compound (phytolaboratories).
    let got = ids(&ix, "laboratory dismantled");
    assert!(got.len() >= 2, "{got:?}");
    for &d in &got {
        assert!(
            mentions(&docs[d as usize], &["dismantl"]),
            "{:?}",
            docs[d as usize].body
        );
        let p = docs[d as usize].body.join(" ").to_lowercase();
        assert!(p.contains("laborator"), "{p}");
    }
    // Russian inflection.
    let got = ids(&ix, "наркотиков");
    assert!(!got.is_empty());
    for &d in &got {
        // The same word in Latin letters: English `narcotic`, romanised `narkotikov`.
        let p = docs[d as usize].body.join(" ").to_lowercase();
        assert!(
            ["наркотик", "narcotic", "narkotik"]
                .iter()
                .any(|w| p.contains(w)),
            "{p}"
        );
    }
}

/// The events of `data/archive.json` as documents, and each one's title
/// and text in lower case (the oracle's view); `None`, with a note, before
/// the ingest has made the file.
fn archive_docs() -> Option<(Vec<Doc>, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/archive.json");
    let Ok(json) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipped: {} does not exist yet (run `cargo ingest`)",
            path.display()
        );
        return None;
    };
    let (archive, _) =
        caricc_core::model::decode(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let events: Vec<_> = archive.releases.iter().flat_map(|r| &r.events).collect();
    let docs = events
        .iter()
        .map(|e| Doc {
            title: e.title.clone(),
            body: e.body.clone(),
        })
        .collect();
    let texts = events
        .iter()
        .map(|e| format!("{} {}", e.title, e.body.join(" ")).to_lowercase())
        .collect();
    Some((docs, texts))
}

#[test]
fn archive_events_when_ingested() {
    let Some((docs, texts)) = archive_docs() else {
        return;
    };
    let ix = index(&docs);
    let text = |d: u32| texts[d as usize].clone();
    let titled = |stem: &str| -> Vec<u32> {
        (0..docs.len() as u32)
            .filter(|&d| docs[d as usize].title.to_lowercase().contains(stem))
            .collect()
    };

    // The operation's events lead in every spelling, those naming it in the title first.
    let in_title = titled("karasora");
    if !in_title.is_empty() {
        for q in ["карасора", "qarasora", "Karasora"] {
            let got = ids(&ix, q);
            let mut head = got[..in_title.len().min(got.len())].to_vec();
            head.sort();
            assert_eq!(head, in_title, "{q:?}: {got:?}");
            assert!(
                got.iter()
                    .all(|&d| text(d).contains("karasora") || text(d).contains("карасор")),
                "{q:?}"
            );
        }
    }
    // Every hit has both words (by stem or in a compound).
    let got = ids(&ix, "laboratory dismantled");
    for &d in &got {
        assert!(
            text(d).contains("laborator") && text(d).contains("dismantl"),
            "{}",
            text(d)
        );
    }
    let with_both = (0..docs.len() as u32)
        .filter(|&d| text(d).contains("laborator") && text(d).contains("dismantl"))
        .count();
    assert_eq!(got.len(), with_both);
    // Russian inflections find each other.
    let got = ids(&ix, "наркотиков");
    let with = (0..docs.len() as u32)
        .filter(|&d| text(d).contains("наркотик"))
        .count();
    assert!(got.len() >= with, "{got:?} vs {with}");
}

/// A query in one language finds the events of the other through the
/// thesaurus (`data/thesaurus.json`): on the bundled archive, «синтетика» finds the English events about synthetic
/// drugs, and "heroin" the Russian ones about «героин». The oracle reads the
/// texts for the words of both languages.
#[test]
fn queries_cross_languages_through_the_thesaurus() {
    let Some((docs, texts)) = archive_docs() else {
        return;
    };
    let plain = index(&docs);
    let ix = index(&docs).with_thesaurus(caricc_core::thesaurus::cross_language());
    let text = |d: u32| texts[d as usize].clone();
    // Events with a word that begins with one of `words`.
    let with = |words: &[&str]| -> Vec<u32> {
        (0..docs.len() as u32)
            .filter(|&d| {
                text(d)
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| words.iter().any(|w| t.starts_with(w)))
            })
            .collect()
    };

    for (q, own, other) in [
        ("синтетика", &["синтетик"][..], &["synthetic"][..]),
        (
            "марихуана",
            &["марихуан"][..],
            &["cannabis", "marijuana", "hemp"][..],
        ),
        (
            "treatment",
            &["treatment"][..],
            &["лечени", "реабилитаци", "ресоциализаци"][..],
        ),
        ("таможня", &["таможн"][..], &["customs"][..]),
    ] {
        let mut got = ids(&ix, q);
        let alone = ids(&plain, q);
        let want_other = with(other);
        assert!(
            !want_other.is_empty(),
            "{q:?}: the archive has events in the other language"
        );
        // Every event naming it in either language, and no other.
        let mut want = with(own);
        want.extend(&want_other);
        want.sort();
        want.dedup();
        let ranked = got.clone();
        got.sort();
        assert_eq!(got, want, "{q:?}");
        // More than the query finds in its own language alone.
        assert!(alone.len() < ranked.len(), "{q:?}: {alone:?} vs {ranked:?}");
    }
    assert_eq!(
        ix.cross_language()
            .added("синтетика")
            .iter()
            .map(|a| a.term.as_str())
            .collect::<Vec<_>>(),
        ["synthetic"]
    );
}
