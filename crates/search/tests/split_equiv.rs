//! The split index answers as the in-memory engine does: on generated
//! documents and queries (words of the documents, prefixes, typos, phrases,
//! exclusions, Latin/Cyrillic spellings), the same documents in the same
//! order with the same scores; and its pieces hold up to damage.

use caricc_search::{
    Concept, CrossLanguage, Family, Hit, LoadedShards, SearchDoc, SearchIndex, ShardId, ShardMeta,
    ShardOptions, ShardProblem, ShardedIndex, ShardedSearch,
};
use proptest::prelude::*;

/// Words the generated documents are made of: inflected English and
/// Russian, compounds, names in both scripts, numbers.
const VOCAB: &[&str] = &[
    "laboratory",
    "laboratories",
    "labratory",
    "phytolaboratories",
    "dismantled",
    "dismantling",
    "dismantle",
    "heroin",
    "heroine",
    "cocaine",
    "seized",
    "seizure",
    "seizes",
    "police",
    "border",
    "borders",
    "guards",
    "karasora",
    "qarasora",
    "kostanay",
    "almaty",
    "synthetic",
    "drugs",
    "drug",
    "operation",
    "operations",
    "hashish",
    "hashishes",
    "tramadol",
    "training",
    "trained",
    "customs",
    "region",
    "регион",
    "лаборатория",
    "лаборатории",
    "нарколаборатория",
    "нарколаборатории",
    "карасора",
    "карасоры",
    "костанайской",
    "алматы",
    "наркотиков",
    "наркотики",
    "изъято",
    "изъяли",
    "героин",
    "героина",
    "полиция",
    "полиции",
    "операция",
    "операции",
    "гашиш",
    "гашиша",
    "2025",
    "12",
    "kg",
    "кг",
    "the",
    "of",
    "a",
    "в",
    "и",
    "на",
];

type Docs = Vec<(String, Vec<String>)>;

fn docs_strategy() -> impl Strategy<Value = Docs> {
    let word = prop::sample::select(VOCAB);
    let sentence = prop::collection::vec(word, 0..12).prop_map(|w| w.join(" "));
    let title = sentence.clone().prop_map(|s| s.to_uppercase());
    prop::collection::vec((title, prop::collection::vec(sentence, 0..3)), 1..40)
}

/// A query made from the documents' words: exact, cut to a prefix, with a
/// typo, quoted as a phrase, excluded, or a plain vocabulary word.
fn query_strategy() -> impl Strategy<Value = Vec<(u8, usize, usize)>> {
    prop::collection::vec((0u8..8, any::<usize>(), any::<usize>()), 1..4)
}

fn make_query(docs: &Docs, parts: &[(u8, usize, usize)]) -> String {
    let words: Vec<&str> = docs
        .iter()
        .flat_map(|(t, b)| std::iter::once(t).chain(b))
        .flat_map(|s| s.split_whitespace())
        .collect();
    let mut q = String::new();
    for &(kind, a, b) in parts {
        let w = if words.is_empty() {
            VOCAB[a % VOCAB.len()]
        } else {
            words[a % words.len()]
        };
        let w = w.to_lowercase();
        let chars: Vec<char> = w.chars().collect();
        let part = match kind {
            0 | 1 => w.clone(),
            2 => chars[..1 + b % chars.len()].iter().collect(),
            3 if chars.len() >= 5 => {
                // Swap two letters after the first, or drop one.
                let mut c = chars.clone();
                let i = 1 + b % (c.len() - 2);
                if b % 2 == 0 {
                    c.swap(i, i + 1);
                } else {
                    c.remove(i);
                }
                c.into_iter().collect()
            }
            4 => {
                let next = words
                    .get(a % words.len().max(1) + 1)
                    .copied()
                    .unwrap_or("x");
                format!("\"{w} {}\"", next.to_lowercase())
            }
            5 if b % 2 == 0 => format!("-{w}"),
            5 => {
                let next = words
                    .get(a % words.len().max(1) + 1)
                    .copied()
                    .unwrap_or("x");
                format!("-\"{w} {}\"", next.to_lowercase())
            }
            6 => VOCAB[b % VOCAB.len()].to_string(),
            _ => format!("\"{w}\""),
        };
        q.push_str(&part);
        q.push(' ');
    }
    if parts.iter().any(|p| p.0 == 2) {
        // The prefix being typed is the last word, without a space.
        q.pop();
    }
    q
}

/// Fetches what the query needs from `ix`, round by round, like the app.
fn load_for(
    ix: &ShardedIndex,
    meta: &ShardMeta,
    plan: &ShardedSearch,
    loaded: &mut LoadedShards,
) -> usize {
    let mut rounds = 0;
    loop {
        let needs = plan.needs(meta, loaded);
        if needs.is_empty() {
            return rounds;
        }
        rounds += 1;
        assert!(rounds <= 2, "more than two rounds");
        for id in needs {
            let bytes = ix.piece(id).expect("the piece exists");
            loaded.insert(meta, id, bytes).expect("the piece loads");
        }
    }
}

fn split_search(
    ix: &ShardedIndex,
    docs: &Docs,
    q: &str,
    loaded: &mut LoadedShards,
) -> Option<Vec<Hit>> {
    let meta = ShardMeta::decode(&ix.meta).expect("meta decodes");
    let plan = ShardedSearch::plan(&meta, q)?;
    load_for(ix, &meta, &plan, loaded);
    assert!(ix.decoded.docs() == docs.len());
    Some(plan.execute(&meta, loaded).expect("executes").hits)
}

fn memory_search(docs: &Docs, q: &str) -> Option<Vec<Hit>> {
    memory_search_with(docs, q, CrossLanguage::default())
}

fn memory_search_with(docs: &Docs, q: &str, cross: CrossLanguage) -> Option<Vec<Hit>> {
    let ix = SearchIndex::build(docs.iter().map(|(t, b)| SearchDoc { title: t, body: b }))
        .with_thesaurus(cross);
    ix.search_with_text(q, |d| {
        docs.get(d.0 as usize)
            .map(|(t, b)| SearchDoc { title: t, body: b })
    })
}

fn same(a: &Option<Vec<Hit>>, b: &Option<Vec<Hit>>, q: &str) -> Result<(), TestCaseError> {
    match (a, b) {
        (None, None) => Ok(()),
        (Some(a), Some(b)) => {
            let ids = |h: &[Hit]| h.iter().map(|h| h.doc).collect::<Vec<_>>();
            prop_assert_eq!(ids(a), ids(b), "{:?}", q);
            for (x, y) in a.iter().zip(b) {
                prop_assert!(
                    (x.score - y.score).abs() <= 1e-5 * x.score.abs().max(1.0),
                    "{:?}: {:?} vs {:?}",
                    q,
                    x,
                    y
                );
            }
            Ok(())
        }
        _ => Err(TestCaseError::fail(format!("{q:?}: {a:?} vs {b:?}"))),
    }
}

/// A thesaurus over the vocabulary: one-word terms, prefixes, capitals,
/// and a term of two words, so that queries cross languages every way.
fn doc((t, b): &(String, Vec<String>)) -> SearchDoc<'_> {
    SearchDoc { title: t, body: b }
}

fn thesaurus() -> CrossLanguage {
    let c = |id: &str, en: &[&str], ru: &[&str]| Concept {
        id: id.into(),
        en: en.iter().map(|s| s.to_string()).collect(),
        ru: ru.iter().map(|s| s.to_string()).collect(),
    };
    CrossLanguage::new(vec![
        c("heroin", &["heroin"], &["героин"]),
        c("hashish", &["hashish"], &["гашиш"]),
        c("seizure", &["seize", "seized", "seizure"], &["изъя*"]),
        c(
            "laboratory",
            &["laboratory", "drug laboratory", "phytolab*"],
            &["нарколаб*", "лаборатория"],
        ),
        c("police", &["police", "KG"], &["полиция", "КГ"]),
        c("drugs", &["drug", "drugs"], &["наркотик*"]),
    ])
}

const TINY: ShardOptions = ShardOptions {
    shard_bytes: 64,
    postings_bytes: 48,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn split_answers_as_the_in_memory_engine(docs in docs_strategy(), queries in prop::collection::vec(query_strategy(), 1..6)) {
        // Tiny pieces: every range crosses shard boundaries.
        let tiny = ShardedIndex::build_with_thesaurus(docs.iter().map(doc), &TINY, thesaurus());
        let normal = ShardedIndex::build_with_thesaurus(docs.iter().map(doc), &ShardOptions::default(), thesaurus());
        // One set of loaded pieces across queries, as in the app.
        let mut loaded_tiny = LoadedShards::new();
        let mut loaded_normal = LoadedShards::new();
        for parts in &queries {
            let q = make_query(&docs, parts);
            let want = memory_search_with(&docs, &q, thesaurus());
            same(&want, &split_search(&tiny, &docs, &q, &mut loaded_tiny), &q)?;
            same(&want, &split_search(&normal, &docs, &q, &mut LoadedShards::new()), &q)?;
            same(&want, &split_search(&normal, &docs, &q, &mut loaded_normal), &q)?;
        }
    }
}

/// Documents over a dense made-up vocabulary (few letters, short words),
/// so that a word has dozens of typo neighbours and a prefix dozens of
/// completions with equal frequencies: the cuts to the best 24 or 40, and
/// their ties, must fall the same way.
fn dense_docs_strategy() -> impl Strategy<Value = Docs> {
    let word = prop_oneof![
        "[abcdk]{1,7}",
        "[абвгк]{1,7}",
        "[ab]{5,7}",
        "[ab]{8,9}",
        "(ab|ka|ко|ла)[abk]{3,6}(s|es|ies|ing)?",
        "[абк]{5,7}(ии|ой|ами)?",
        "[abk]{0,3}kabak(s|es|ing)?",
        "[абк]{0,3}кабак(ии|ой|ами|а)?",
    ];
    let sentence = prop::collection::vec(word, 0..30).prop_map(|w| w.join(" "));
    prop::collection::vec(
        (sentence.clone(), prop::collection::vec(sentence, 0..3)),
        1..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn split_answers_as_the_in_memory_engine_on_a_dense_vocabulary(docs in dense_docs_strategy(), queries in prop::collection::vec(query_strategy(), 1..6)) {
        let tiny = ShardedIndex::build(docs.iter().map(|(t, b)| SearchDoc { title: t, body: b }), &TINY);
        let mut loaded = LoadedShards::new();
        for parts in &queries {
            let q = make_query(&docs, parts);
            let want = memory_search(&docs, &q);
            same(&want, &split_search(&tiny, &docs, &q, &mut loaded), &q)?;
        }
    }
}

fn sample_docs() -> Docs {
    vec![
        (
            "Drug laboratory dismantled in Kostanay region".into(),
            vec!["Police dismantled a clandestine laboratory producing synthetic drugs.".into()],
        ),
        (
            "В Костанайской области ликвидирована нарколаборатория".into(),
            vec!["Изъято более 5 кг синтетических наркотиков.".into()],
        ),
        (
            "OPERATION KARASORA-2025 CONTINUES IN ALMATY".into(),
            vec![
                "Police officers seized 12 kg of hashish.".into(),
                "Second paragraph".into(),
            ],
        ),
        (
            "Операция «Карасора-2025» продолжается в Алматы".into(),
            vec!["Сотрудники полиции изъяли 12 кг гашиша.".into()],
        ),
    ]
}

fn build(docs: &Docs, o: &ShardOptions) -> ShardedIndex {
    ShardedIndex::build(docs.iter().map(|(t, b)| SearchDoc { title: t, body: b }), o)
}

#[test]
fn the_same_documents_give_the_same_bytes() {
    let docs = sample_docs();
    let (a, b) = (build(&docs, &TINY), build(&docs, &TINY));
    assert_eq!(a.meta, b.meta);
    assert_eq!(a.pieces, b.pieces);
    assert!(a.pieces.len() > 10, "{} pieces", a.pieces.len());
    // Any change shows in the version, so in every name.
    let mut other = docs.clone();
    other[0].0.push('!');
    other[0].0.push_str(" more");
    let c = build(&other, &TINY);
    assert_ne!(a.decoded.version(), c.decoded.version());
    let id = ShardId {
        family: Family::Terms,
        index: 0,
    };
    assert_ne!(a.name(id), c.name(id));
}

#[test]
fn a_query_in_one_language_finds_the_other_ranked_below() {
    let docs = sample_docs();
    let ix = ShardedIndex::build_with_thesaurus(docs.iter().map(doc), &TINY, thesaurus());
    let meta = ShardMeta::decode(&ix.meta).unwrap();
    assert_eq!(
        meta, ix.decoded,
        "the thesaurus round-trips through the meta"
    );
    assert_eq!(**meta.cross_language(), thesaurus());
    let ids = |q: &str| {
        let plan = ShardedSearch::plan(&meta, q).unwrap();
        let mut loaded = LoadedShards::new();
        load_for(&ix, &meta, &plan, &mut loaded);
        let hits = plan.execute(&meta, &loaded).unwrap().hits;
        hits.iter().map(|h| h.doc.0).collect::<Vec<u32>>()
    };
    // «гашиша»: the Russian event first, then the English one (hashish).
    assert_eq!(ids("гашиша "), [3, 2]);
    assert_eq!(ids("hashish "), [2, 3]);
    // «нарколаборатория»: the English laboratory below the Russian one.
    assert_eq!(ids("нарколаборатория "), [1, 0]);
    // Without the thesaurus, each language finds only its own.
    let plain = build(&docs, &TINY);
    let meta = ShardMeta::decode(&plain.meta).unwrap();
    let plan = ShardedSearch::plan(&meta, "гашиша ").unwrap();
    let mut loaded = LoadedShards::new();
    load_for(&plain, &meta, &plan, &mut loaded);
    let hits = plan.execute(&meta, &loaded).unwrap().hits;
    assert_eq!(hits.iter().map(|h| h.doc.0).collect::<Vec<u32>>(), [3]);
}

#[test]
fn meta_and_pieces_round_trip() {
    let docs = sample_docs();
    let ix = build(&docs, &TINY);
    let meta = ShardMeta::decode(&ix.meta).unwrap();
    assert_eq!(meta, ix.decoded);
    assert_eq!(meta.docs(), docs.len());
    assert_eq!(
        meta.all(),
        ix.pieces.iter().map(|p| p.0).collect::<Vec<_>>()
    );
    let mut loaded = LoadedShards::new();
    for (id, bytes) in &ix.pieces {
        loaded.insert(&meta, *id, bytes).unwrap();
        assert!(loaded.contains(*id));
    }
    assert_eq!(loaded.len(), ix.pieces.len());
    // Everything loaded: no query needs more.
    for q in [
        "karasora",
        "laborat",
        "\"police officers\"",
        "-police",
        "лабаратория ",
    ] {
        let plan = ShardedSearch::plan(&meta, q).unwrap();
        assert!(plan.needs(&meta, &loaded).is_empty(), "{q}");
        let got = plan.execute(&meta, &loaded).unwrap();
        assert_eq!(Some(got.hits), memory_search(&docs, q), "{q}");
    }
    assert!(ShardedSearch::plan(&meta, " -  ").is_none());
}

#[test]
fn phrases_are_checked_from_positions_without_text() {
    let docs: Docs = vec![
        (
            "Heroin seized".into(),
            vec!["police seized heroin at the border".into()],
        ),
        (
            "Cocaine seized".into(),
            vec!["customs seized cocaine and heroin".into()],
        ),
        (
            "Training".into(),
            vec!["border guards trained".into(), "seized. Heroin".into()],
        ),
        ("x".into(), vec!["a a b".into()]),
    ];
    let ix = build(&docs, &TINY);
    let meta = ShardMeta::decode(&ix.meta).unwrap();
    let ids = |q: &str| {
        let plan = ShardedSearch::plan(&meta, q).unwrap();
        let mut loaded = LoadedShards::new();
        load_for(&ix, &meta, &plan, &mut loaded);
        plan.execute(&meta, &loaded)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.doc.0)
            .collect::<Vec<_>>()
    };
    // Punctuation does not break a phrase, a field does.
    assert_eq!(ids("\"seized heroin\""), [0, 2]);
    assert_eq!(ids("\"heroin police\""), Vec::<u32>::new());
    assert_eq!(ids("\"seized heroin\" -\"heroin seized\""), [2]);
    assert_eq!(ids("\"a a b\""), [3]);
    assert_eq!(ids("\"a b b\""), Vec::<u32>::new());
    for q in [
        "seized -\"seized cocaine\"",
        "-\"border guards\"",
        "\"heroin\" \"at the\"",
    ] {
        let want = memory_search(&docs, q).unwrap();
        assert_eq!(
            ids(q),
            want.iter().map(|h| h.doc.0).collect::<Vec<_>>(),
            "{q}"
        );
    }
    // A phrase fetches positions pieces; a plain query none.
    let fetched = |q: &str| {
        let plan = ShardedSearch::plan(&meta, q).unwrap();
        let mut loaded = LoadedShards::new();
        let mut all = Vec::new();
        loop {
            let needs = plan.needs(&meta, &loaded);
            if needs.is_empty() {
                return all;
            }
            for id in needs {
                loaded.insert(&meta, id, ix.piece(id).unwrap()).unwrap();
                all.push(id.family);
            }
        }
    };
    assert!(fetched("\"seized heroin\"").contains(&Family::Positions));
    assert!(!fetched("seized heroin").contains(&Family::Positions));
}

#[test]
fn a_cross_script_query_finds_both_spellings_in_two_rounds() {
    let docs = sample_docs();
    let ix = build(&docs, &ShardOptions::default());
    let meta = ShardMeta::decode(&ix.meta).unwrap();
    let plan = ShardedSearch::plan(&meta, "qarasora ").unwrap();
    let mut loaded = LoadedShards::new();
    let first = plan.needs(&meta, &loaded);
    assert!(first.iter().all(|id| id.family != Family::Postings));
    assert!(plan
        .execute(&meta, &loaded)
        .is_err_and(|e| e.problem == ShardProblem::Missing));
    for id in first {
        loaded.insert(&meta, id, ix.piece(id).unwrap()).unwrap();
    }
    assert_eq!(
        load_for(&ix, &meta, &plan, &mut loaded),
        1,
        "the dictionaries are in: one more round"
    );
    let mut loaded = LoadedShards::new();
    assert_eq!(load_for(&ix, &meta, &plan, &mut loaded), 2);
    let got = plan.execute(&meta, &loaded).unwrap();
    let mut ids: Vec<u32> = got.hits.iter().map(|h| h.doc.0).collect();
    ids.sort();
    assert_eq!(ids, [2, 3]);
    assert!(
        got.terms.contains(&"карасора".to_string()),
        "{:?}",
        got.terms
    );
}

#[test]
fn damaged_pieces_are_refused_by_name() {
    let docs = sample_docs();
    let ix = build(&docs, &TINY);
    let meta = ShardMeta::decode(&ix.meta).unwrap();
    let other = build(&docs[..3].to_vec(), &TINY);
    for (id, bytes) in &ix.pieces {
        let name = meta.name(*id);
        let check = |b: &[u8], want: ShardProblem| {
            let err = LoadedShards::new().insert(&meta, *id, b).unwrap_err();
            assert_eq!(
                (err.piece.as_str(), err.problem),
                (name.as_str(), want),
                "{err}"
            );
            assert!(err.to_string().contains(&name));
        };
        // Every truncation, every flipped byte.
        for n in 0..bytes.len() {
            let err = LoadedShards::new()
                .insert(&meta, *id, &bytes[..n])
                .unwrap_err();
            assert_eq!(err.piece, name);
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x55;
            let err = LoadedShards::new().insert(&meta, *id, &b).unwrap_err();
            assert_eq!(err.piece, name);
        }
        check(b"<html>not found</html>", ShardProblem::NotAPiece);
        check(&bytes[..bytes.len().min(10)], ShardProblem::Truncated);
        if let Some(o) = other.piece(*id) {
            check(o, ShardProblem::OtherVersion);
        }
        let wrong = ix.pieces.iter().find(|(i, _)| i != id).unwrap();
        check(&wrong.1, ShardProblem::WrongPiece);
    }
    // The meta too.
    for n in 0..ix.meta.len() {
        assert!(ShardMeta::decode(&ix.meta[..n]).is_err_and(|e| e.piece == "meta"));
    }
    for i in 0..ix.meta.len() {
        let mut b = ix.meta.clone();
        b[i] ^= 0x01;
        assert!(ShardMeta::decode(&b).is_err_and(|e| e.piece == "meta"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any bytes as any piece: an error or a loaded piece, never a panic;
    /// and a query over whatever loaded runs.
    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200), which in any::<prop::sample::Index>()) {
        let docs = sample_docs();
        let ix = build(&docs, &TINY);
        let meta = ShardMeta::decode(&ix.meta).unwrap();
        let id = ix.pieces[which.index(ix.pieces.len())].0;
        let mut loaded = LoadedShards::new();
        let _ = loaded.insert(&meta, id, &bytes);
        let _ = ShardMeta::decode(&bytes);
        let plan = ShardedSearch::plan(&meta, "karasora laborat").unwrap();
        let _ = plan.execute(&meta, &loaded);
    }
}

#[test]
fn empty_index() {
    let ix = ShardedIndex::build(std::iter::empty(), &ShardOptions::default());
    let meta = ShardMeta::decode(&ix.meta).unwrap();
    let plan = ShardedSearch::plan(&meta, "x").unwrap();
    let mut loaded = LoadedShards::new();
    load_for(&ix, &meta, &plan, &mut loaded);
    assert_eq!(plan.execute(&meta, &loaded).unwrap().hits, vec![]);
    let plan = ShardedSearch::plan(&meta, "-x").unwrap();
    load_for(&ix, &meta, &plan, &mut loaded);
    assert_eq!(plan.execute(&meta, &loaded).unwrap().hits, vec![]);
}
