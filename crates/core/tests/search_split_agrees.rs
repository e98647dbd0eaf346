//! The split search index (what a published site fetches piece by piece)
//! answers exactly as the in-memory engine on real text: the bundled
//! archive's events and the paragraphs of the release texts in `corpus/`,
//! for words of the texts, their prefixes, typos, phrases, exclusions and
//! spellings in the other script.

use std::path::Path;

use caricc_core::search::{
    Hit, LoadedShards, SearchDoc, SearchIndex, ShardMeta, ShardOptions, ShardedIndex, ShardedSearch,
};

struct Doc {
    title: String,
    body: Vec<String>,
}

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
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap_or_default()).into_owned();
        let mut paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
        if let Some(title) = paragraphs.next() {
            docs.push(Doc {
                title: title.to_string(),
                body: paragraphs.map(str::to_string).collect(),
            });
        }
    }
    docs
}

fn bundled_archive() -> Option<Vec<Doc>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/archive.json");
    let json = std::fs::read_to_string(path).ok()?;
    let (archive, _) = caricc_core::model::decode(&json).ok()?;
    Some(
        archive
            .releases
            .into_iter()
            .flat_map(|r| r.events)
            .map(|e| Doc {
                title: e.title,
                body: e.body,
            })
            .collect(),
    )
}

/// Queries from the documents' own words, deterministically.
fn queries(docs: &[Doc]) -> Vec<String> {
    let words: Vec<String> = docs
        .iter()
        .flat_map(|d| std::iter::once(&d.title).chain(&d.body))
        .flat_map(|p| {
            p.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out: Vec<String> = [
        "karasora",
        "qarasora",
        "карасора",
        "kostanay",
        "алматы",
        "laboratory",
        "нарколаборатория",
        "dismant",
        "\"synthetic drugs\"",
        "heroin -cocaine",
        "labratory ",
        "-\"drug trafficking\"",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (i, w) in words.iter().enumerate().step_by(7).take(120) {
        let chars: Vec<char> = w.chars().collect();
        let next = words.get(i + 1).cloned().unwrap_or_default();
        out.push(format!("{w} "));
        out.push(chars.iter().take(3 + i % 3).collect());
        if chars.len() >= 6 {
            let mut c = chars.clone();
            c.swap(2, 3);
            out.push(c.into_iter().collect::<String>() + " ");
        }
        out.push(format!("\"{w} {next}\""));
        out.push(format!("{next} -{w}"));
    }
    out
}

fn check(docs: &[Doc], options: &ShardOptions) {
    let search_docs = || {
        docs.iter().map(|d| SearchDoc {
            title: &d.title,
            body: &d.body,
        })
    };
    let memory = SearchIndex::build(search_docs());
    let split = ShardedIndex::build(search_docs(), options);
    let meta = ShardMeta::decode(&split.meta).expect("meta");
    let mut loaded = LoadedShards::new();
    let text = |d: caricc_core::search::DocId| {
        docs.get(d.0 as usize).map(|d| SearchDoc {
            title: &d.title,
            body: &d.body,
        })
    };
    let mut found = 0;
    for q in queries(docs) {
        let want: Option<Vec<Hit>> = memory.search_with_text(&q, text);
        let got = ShardedSearch::plan(&meta, &q).map(|plan| {
            let mut rounds = 0;
            loop {
                let needs = plan.needs(&meta, &loaded);
                if needs.is_empty() {
                    break;
                }
                rounds += 1;
                assert!(rounds <= 2, "{q:?}: a third round");
                for id in needs {
                    loaded
                        .insert(&meta, id, split.piece(id).expect("piece"))
                        .expect("loads");
                }
            }
            plan.execute(&meta, &loaded).expect("executes").hits
        });
        assert_eq!(got, want, "{q:?}");
        found += want.map_or(0, |h| h.len().min(1));
    }
    assert!(found > 100, "only {found} queries found anything");
}

#[test]
fn split_index_agrees_on_the_corpus() {
    let docs = corpus_paragraphs();
    check(&docs, &ShardOptions::default());
    check(
        &docs,
        &ShardOptions {
            shard_bytes: 512,
            postings_bytes: 256,
        },
    );
}

#[test]
fn split_index_agrees_on_the_bundled_archive() {
    let Some(docs) = bundled_archive() else {
        eprintln!("skipped: data/archive.json is missing or does not decode");
        return;
    };
    check(&docs, &ShardOptions::default());
}
