//! Search never panics and keeps its promises on any input: arbitrary
//! queries against a small index, arbitrary documents, arbitrary snippets.

use caricc_search::{snippet, Hit, SearchDoc, SearchIndex};
use proptest::prelude::*;

fn small_index() -> (SearchIndex, usize) {
    let docs: Vec<(&str, Vec<String>)> = vec![
        (
            "OPERATION “KARASORA - 2025” CONTINUES IN ALMATY",
            vec!["Police dismantled a drug laboratory.".into()],
        ),
        (
            "Операция «Карасора-2025» в Таразе",
            vec!["Изъято 5 кг наркотиков, ликвидирована нарколаборатория.".into()],
        ),
        (
            "Qarasora in Zhetysu",
            vec![
                "Ёлка, café, naïve; don't stop.".into(),
                "Second paragraph 🙂".into(),
            ],
        ),
        ("", vec![]),
        ("Empty body", vec![String::new(), "   ".into()]),
    ];
    let n = docs.len();
    let ix = SearchIndex::build(docs.iter().map(|(t, b)| SearchDoc { title: t, body: b }));
    (ix, n)
}

fn check_hits(hits: &[Hit], n: usize) -> Result<(), TestCaseError> {
    let mut seen = vec![false; n];
    for w in hits.windows(2) {
        prop_assert!(
            w[0].score > w[1].score || (w[0].score == w[1].score && w[0].doc < w[1].doc),
            "not best first, ties by id: {w:?}"
        );
    }
    for h in hits {
        prop_assert!((h.doc.0 as usize) < n, "doc {} out of range", h.doc.0);
        prop_assert!(!seen[h.doc.0 as usize], "doc {} twice", h.doc.0);
        seen[h.doc.0 as usize] = true;
        prop_assert!(h.score.is_finite() && h.score >= 0.0, "score {}", h.score);
    }
    Ok(())
}

/// Query-like strings: words from the index, operators, quotes, noise.
fn query_strategy() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("karasora".to_string()),
        Just("Карасора".to_string()),
        Just("qarasora".to_string()),
        Just("laboratory".to_string()),
        Just("нарколаборатория".to_string()),
        Just("dismant".to_string()),
        Just("-".to_string()),
        Just("\"".to_string()),
        Just("«".to_string()),
        Just("-\"".to_string()),
        Just(" ".to_string()),
        "\\PC{0,12}",
        "[a-zа-яё0-9]{1,12}",
    ];
    prop::collection::vec(atom, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn any_query_gives_well_formed_results(q in query_strategy()) {
        let (ix, n) = small_index();
        if let Some(hits) = ix.search(&q) {
            check_hits(&hits, n)?;
        }
        let _ = ix.snippet(&q, "OPERATION “KARASORA - 2025” CONTINUES IN ALMATY; нарколаборатория", 20);
    }

    #[test]
    fn arbitrary_text_queries(q in "\\PC{0,200}") {
        let (ix, n) = small_index();
        if let Some(hits) = ix.search(&q) {
            check_hits(&hits, n)?;
        }
    }

    /// Any document is found by any of its words, whatever the text around it.
    #[test]
    fn documents_are_found_by_their_words(
        docs in prop::collection::vec(("\\PC{0,40}", prop::collection::vec("\\PC{0,80}", 0..3)), 1..8),
        pick in any::<prop::sample::Index>(),
    ) {
        let ix = SearchIndex::build(docs.iter().map(|(t, b)| SearchDoc { title: t, body: b }));
        prop_assert_eq!(ix.len(), docs.len());
        // A word made of ASCII letters and digits is a word to the engine too.
        let words: Vec<(usize, String)> = docs
            .iter()
            .enumerate()
            .flat_map(|(i, (t, b))| {
                std::iter::once(t.clone()).chain(b.iter().cloned()).flat_map(move |text| {
                    text.split(|c: char| !c.is_ascii_alphanumeric())
                        .filter(|w| !w.is_empty() && w.len() <= 40)
                        .map(|w| (i, w.to_string()))
                        .collect::<Vec<_>>()
                })
            })
            .filter(|(i, w)| {
                // Only words that stand alone in the text (not glued to other letters).
                let (t, b) = &docs[*i];
                std::iter::once(t).chain(b.iter()).any(|text| {
                    text.match_indices(w.as_str()).any(|(at, _)| {
                        let before = text[..at].chars().next_back();
                        let after = text[at + w.len()..].chars().next();
                        let free = |c: Option<char>| c.is_none_or(|c| c.is_ascii_whitespace() || ",.;:!?()".contains(c));
                        free(before) && free(after)
                    })
                })
            })
            .collect();
        if !words.is_empty() {
            let (doc, word) = &words[pick.index(words.len())];
            let hits = ix.search(&format!("{word} ")).unwrap_or_default();
            prop_assert!(hits.iter().any(|h| h.doc.0 as usize == *doc), "{word:?} did not find doc {doc}: {hits:?}");
            check_hits(&hits, docs.len())?;
        }
    }

    #[test]
    fn snippets_never_panic_and_stay_within_the_text(
        text in "\\PC{0,300}",
        q in query_strategy(),
        max in 0usize..120,
    ) {
        let segments = snippet(&q, &text, max);
        for s in &segments {
            prop_assert!(!s.text.is_empty());
            let core = s.text.trim_matches('…');
            prop_assert!(text.contains(core), "{core:?} not in {text:?}");
        }
        for w in segments.windows(2) {
            prop_assert!(w[0].matched || w[1].matched, "unmatched segments not merged");
        }
    }
}

#[test]
fn pathological_queries() {
    let (ix, n) = small_index();
    let long_word = "a".repeat(10_000);
    let many_words = "karasora ".repeat(2_000);
    let many_excluded = "-x ".repeat(3_000);
    let quotes = "\"".repeat(999);
    let mixed = "-\"\"-«»-„“”-".repeat(100);
    for q in [
        long_word.as_str(),
        &many_words,
        &many_excluded,
        &quotes,
        &mixed,
        "\u{0}",
        "\u{306}",
        "\u{FEFF}-",
    ] {
        if let Some(hits) = ix.search(q) {
            let mut seen = std::collections::HashSet::new();
            assert!(
                hits.iter()
                    .all(|h| (h.doc.0 as usize) < n && seen.insert(h.doc)),
                "{q:.40}"
            );
        }
        let _ = ix.snippet(q, &many_words, 50);
    }
    assert_eq!(ix.search(&quotes), None);
    assert_eq!(ix.search(&many_words).map(|h| h.len()), Some(3));
}

#[test]
fn empty_index() {
    let ix = SearchIndex::build(std::iter::empty());
    assert_eq!(ix.len(), 0);
    assert_eq!(ix.search("x"), Some(vec![]));
    assert_eq!(ix.search("-x"), Some(vec![]));
    assert_eq!(ix.search(""), None);
}
