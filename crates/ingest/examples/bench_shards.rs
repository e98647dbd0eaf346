//! What the split search index costs a cold page, natively: its pieces and
//! their sizes, and per query class (those of `bench_search`) the pieces a
//! query fetches (raw and gzipped, as a host serves each piece), the rounds
//! of fetches, and query times against the in-memory engine.
//!
//! `cargo run --release -p caricc-ingest --example bench_shards -- --archive FILE [--archive FILE]... [--seed S] [--shard-bytes N] [--postings-bytes N]`
//!
//! e.g. with `cargo synth --events N --seed 1 -o /tmp/synthN.json` for N =
//! 1000, 10000, 100000. Prints figures; asserts nothing but that both
//! engines agree. Gzip at level 9, each piece on its own.
//!
//! `--explain QUERY` (repeatable) prints the pieces each query fetches,
//! round by round, instead.
//!
//! Times: "memory" is `SearchIndex::search_with_text` (as the app calls it,
//! phrases checked against the text) on the index the browser builds today; "split warm" is `ShardedSearch::execute` with the pieces already
//! loaded; "split cold" is a fresh query from nothing loaded to results,
//! with the pieces in memory: planning, checking and decoding every piece
//! (what the browser does on top of fetching), and ranking.

#[allow(dead_code)]
#[path = "../src/bin/bench_search/queries.rs"]
mod queries;

use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

use caricc_core::search::{
    DocId, Family, LoadedShards, SearchDoc, SearchIndex, ShardId, ShardMeta, ShardOptions,
    ShardedIndex, ShardedSearch,
};
use flate2::{write::GzEncoder, Compression};
use queries::{from_archive, percentile, query_classes, Rng};

fn gz(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(bytes).expect("gzip in memory");
    e.finish().expect("gzip in memory").len()
}

fn kb(n: usize) -> String {
    format!("{:.1}", n as f64 / 1024.0)
}

/// Fetches for one cold query: (rounds, raw bytes, gzipped bytes, pieces).
fn cold(
    ix: &ShardedIndex,
    meta: &ShardMeta,
    gz_of: &HashMap<ShardId, usize>,
    plan: &ShardedSearch,
) -> (usize, usize, usize, usize, LoadedShards) {
    let mut loaded = LoadedShards::new();
    let (mut rounds, mut raw, mut packed, mut n) = (0, 0, 0, 0);
    loop {
        let needs = plan.needs(meta, &loaded);
        if needs.is_empty() {
            return (rounds, raw, packed, n, loaded);
        }
        rounds += 1;
        for id in needs {
            let bytes = ix.piece(id).expect("piece exists");
            raw += bytes.len();
            packed += gz_of[&id];
            n += 1;
            loaded.insert(meta, id, bytes).expect("piece loads");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut archives = Vec::new();
    let mut seed = 1;
    let mut options = ShardOptions::default();
    let mut explain: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--archive" => archives.push(value),
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            "--shard-bytes" => options.shard_bytes = value.parse().expect("a number"),
            "--postings-bytes" => options.postings_bytes = value.parse().expect("a number"),
            // Print the pieces this query fetches, by round, and stop.
            "--explain" => explain.push(value),
            other => panic!("unknown argument {other}; see the doc comment of bench_shards.rs"),
        }
        i += 2;
    }
    assert!(!archives.is_empty(), "give --archive FILE");
    for path in archives {
        let docs = from_archive(&path);
        println!("== {path}: {} events, {options:?}", docs.len());
        let search_docs = || {
            docs.iter().map(|d| SearchDoc {
                title: &d.title,
                body: &d.body,
            })
        };
        let t = Instant::now();
        let memory = SearchIndex::build(search_docs());
        let build_memory = t.elapsed();
        let t = Instant::now();
        let ix = ShardedIndex::build(search_docs(), &options);
        let build_split = t.elapsed();
        let meta = ShardMeta::decode(&ix.meta).expect("meta decodes");
        if !explain.is_empty() {
            for q in &explain {
                let Some(plan) = ShardedSearch::plan(&meta, q) else {
                    continue;
                };
                let mut loaded = LoadedShards::new();
                let mut round = 0;
                loop {
                    let needs = plan.needs(&meta, &loaded);
                    if needs.is_empty() {
                        break;
                    }
                    round += 1;
                    for id in needs {
                        let bytes = ix.piece(id).expect("piece exists");
                        println!(
                            "{q:?} round {round}: {} {} B raw, {} B gz",
                            id.short(),
                            bytes.len(),
                            gz(bytes)
                        );
                        loaded.insert(&meta, id, bytes).expect("piece loads");
                    }
                }
                let hits = plan.execute(&meta, &loaded).expect("executes");
                println!("{q:?}: {} hits, terms {:?}", hits.hits.len(), hits.terms);
            }
            continue;
        }
        let gz_of: HashMap<ShardId, usize> = ix.pieces.iter().map(|(id, b)| (*id, gz(b))).collect();
        let meta_gz = gz(&ix.meta);
        let total_raw: usize = ix.meta.len() + ix.pieces.iter().map(|p| p.1.len()).sum::<usize>();
        let total_gz: usize = meta_gz + gz_of.values().sum::<usize>();
        println!(
            "build: in-memory {:.0} ms, split {:.0} ms | all pieces {:.1} MB raw, {:.1} MB gz | meta {} KB raw, {} KB gz",
            build_memory.as_secs_f64() * 1e3,
            build_split.as_secs_f64() * 1e3,
            total_raw as f64 / 1e6,
            total_gz as f64 / 1e6,
            kb(ix.meta.len()),
            kb(meta_gz),
        );
        for family in [
            Family::Terms,
            Family::Suffixes,
            Family::Keys,
            Family::Typos,
            Family::Postings,
            Family::Positions,
        ] {
            let mut sizes: Vec<f64> = ix
                .pieces
                .iter()
                .filter(|p| p.0.family == family)
                .map(|p| gz_of[&p.0] as f64)
                .collect();
            sizes.sort_by(f64::total_cmp);
            let raw: usize = ix
                .pieces
                .iter()
                .filter(|p| p.0.family == family)
                .map(|p| p.1.len())
                .sum();
            println!(
                "  {:<9} {:>6} pieces, {:>8} KB raw; gz per piece KB: min {} median {} p95 {} max {}",
                format!("{family:?}"),
                sizes.len(),
                kb(raw),
                kb(*sizes.first().unwrap_or(&0.0) as usize),
                kb(percentile(&sizes, 0.5) as usize),
                kb(percentile(&sizes, 0.95) as usize),
                kb(*sizes.last().unwrap_or(&0.0) as usize),
            );
        }
        println!(
            "{:<16} {:>3} {:>6} {:>9} {:>9} {:>9} {:>7} | {:>8} {:>8} | {:>8} {:>8} | {:>8} {:>8}",
            "query class",
            "n",
            "rounds",
            "KB gz med",
            "KB gz p95",
            "KB gz max",
            "KB raw",
            "mem med",
            "mem p95",
            "warm med",
            "warm p95",
            "cold med",
            "cold p95"
        );
        let text = |d: DocId| {
            docs.get(d.0 as usize).map(|d| SearchDoc {
                title: &d.title,
                body: &d.body,
            })
        };
        let mut rng = Rng(seed ^ 0x5eed);
        for (class, queries) in query_classes(&docs, &mut rng) {
            let (mut rounds, mut gzs, mut raws) = (Vec::new(), Vec::new(), Vec::new());
            let (mut t_mem, mut t_warm, mut t_cold) = (Vec::new(), Vec::new(), Vec::new());
            for q in &queries {
                let Some(plan) = ShardedSearch::plan(&meta, q) else {
                    continue;
                };
                let (r, raw, packed, _, loaded) = cold(&ix, &meta, &gz_of, &plan);
                rounds.push(r as f64);
                gzs.push(packed as f64);
                raws.push(raw as f64);
                let want = memory.search_with_text(q, text).unwrap_or_default();
                let got = plan.execute(&meta, &loaded).expect("executes").hits;
                assert_eq!(
                    want.iter().map(|h| h.doc).collect::<Vec<_>>(),
                    got.iter().map(|h| h.doc).collect::<Vec<_>>(),
                    "{q:?}: the engines disagree"
                );
                for _ in 0..3 {
                    let t = Instant::now();
                    std::hint::black_box(memory.search_with_text(q, text));
                    t_mem.push(t.elapsed().as_secs_f64() * 1e3);
                    let t = Instant::now();
                    std::hint::black_box(plan.execute(&meta, &loaded).ok());
                    t_warm.push(t.elapsed().as_secs_f64() * 1e3);
                    let t = Instant::now();
                    let plan = ShardedSearch::plan(&meta, q).expect("planned");
                    let (_, _, _, _, fresh) = cold(&ix, &meta, &gz_of, &plan);
                    std::hint::black_box(plan.execute(&meta, &fresh).ok());
                    t_cold.push(t.elapsed().as_secs_f64() * 1e3);
                }
            }
            for v in [
                &mut rounds,
                &mut gzs,
                &mut raws,
                &mut t_mem,
                &mut t_warm,
                &mut t_cold,
            ] {
                v.sort_by(f64::total_cmp);
            }
            println!(
                "{:<16} {:>3} {:>6.1} {:>9} {:>9} {:>9} {:>7} | {:>8.3} {:>8.3} | {:>8.3} {:>8.3} | {:>8.3} {:>8.3}",
                class,
                gzs.len(),
                rounds.iter().sum::<f64>() / rounds.len().max(1) as f64,
                kb(percentile(&gzs, 0.5) as usize),
                kb(percentile(&gzs, 0.95) as usize),
                kb(*gzs.last().unwrap_or(&0.0) as usize),
                kb(percentile(&raws, 0.5) as usize),
                percentile(&t_mem, 0.5),
                percentile(&t_mem, 0.95),
                percentile(&t_warm, 0.5),
                percentile(&t_warm, 0.95),
                percentile(&t_cold, 0.5),
                percentile(&t_cold, 0.95),
            );
        }
        println!("(KB gz: the pieces a cold query fetches after the meta; times in ms)");
    }
}
