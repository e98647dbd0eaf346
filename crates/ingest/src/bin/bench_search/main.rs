//! Times the search engine natively: index build, query latency per query
//! class (median and p95), and memory (index heap, and peak allocation while
//! building, from a counting allocator).
//!
//! `cargo run --release -p caricc-ingest --bin bench_search -- [--docs N]... [--archive FILE] [--seed S]`
//!
//! Without `--archive`, documents are synthetic: words drawn Zipf-style from
//! the English and Russian vocabulary of `corpus/*.txt`, followed by a long
//! tail of made-up rare words; bodies of 300-600 words in 3-6 paragraphs.
//! With `--archive` (e.g. the output of `cargo synth`), its events are used.
//! `--docs` may be repeated (default: 10000 and 100000).
//! `--print-queries FILE` writes the query classes as JSON (`[[class,
//! [query, ...]], ...]`) for the browser benchmark in `bench/search/`, and
//! stops.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use caricc_core::search::{SearchDoc, SearchIndex};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

mod queries;

use queries::{cpu_seconds, from_archive, percentile, query_classes, synthetic, Doc, Rng};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes = Vec::new();
    let mut archive = None;
    let mut seed = 1;
    let mut build_only = 0;
    let mut print_queries = None;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--docs" => sizes.push(value.parse::<usize>().expect("--docs takes a number")),
            "--archive" => archive = Some(value),
            "--seed" => seed = value.parse().expect("--seed takes a number"),
            // For profiling: build this many times, print the times, stop.
            "--build-only" => build_only = value.parse().expect("--build-only takes a number"),
            "--print-queries" => print_queries = Some(value),
            other => panic!("unknown argument {other}; see the doc comment of bench_search.rs"),
        }
        i += 2;
    }
    let runs: Vec<(String, Vec<Doc>)> = match archive {
        Some(path) => vec![(path.clone(), from_archive(&path))],
        None => {
            if sizes.is_empty() {
                sizes = vec![10_000, 100_000];
            }
            sizes
                .iter()
                .map(|&n| (format!("synthetic {n}"), synthetic(n, seed)))
                .collect()
        }
    };
    for (name, docs) in runs {
        let words: usize = docs
            .iter()
            .map(|d| {
                d.body
                    .iter()
                    .map(|p| p.split_whitespace().count())
                    .sum::<usize>()
            })
            .sum();
        println!(
            "== {name}: {} docs, {:.1} M body words",
            docs.len(),
            words as f64 / 1e6
        );
        if let Some(path) = &print_queries {
            let mut rng = Rng(seed ^ 0x5eed);
            let classes = query_classes(&docs, &mut rng);
            let json = serde_json::to_string(&classes).expect("queries serialise");
            std::fs::write(path, json).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
            println!("wrote {} query classes to {path}", classes.len());
            continue;
        }
        if build_only > 0 {
            for _ in 0..build_only {
                let (t, cpu) = (Instant::now(), cpu_seconds());
                let index = SearchIndex::build(docs.iter().map(|d| SearchDoc {
                    title: &d.title,
                    body: &d.body,
                }));
                let cpu = cpu
                    .zip(cpu_seconds())
                    .map_or(f64::NAN, |(a, b)| (b - a) * 1e3);
                println!(
                    "build {:.0} ms (cpu {cpu:.0} ms, {} docs)",
                    t.elapsed().as_secs_f64() * 1e3,
                    index.len()
                );
            }
            continue;
        }
        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let (t, cpu) = (Instant::now(), cpu_seconds());
        let index = SearchIndex::build(docs.iter().map(|d| SearchDoc {
            title: &d.title,
            body: &d.body,
        }));
        let build = t.elapsed();
        let build_cpu = cpu
            .zip(cpu_seconds())
            .map_or(f64::NAN, |(a, b)| (b - a) * 1e3);
        let after = CURRENT.load(Ordering::Relaxed);
        let peak = PEAK.load(Ordering::Relaxed);
        let st = index.stats();
        println!(
            "build {:.0} ms (cpu {build_cpu:.0} ms) | index {:.1} MB (allocator: {:.1} MB, peak during build {:.1} MB) | terms {} keys {} | postings {:.1} MB",
            build.as_secs_f64() * 1e3,
            st.heap_bytes as f64 / 1e6,
            (after - before) as f64 / 1e6,
            (peak - before) as f64 / 1e6,
            st.terms,
            st.keys,
            st.postings_bytes as f64 / 1e6,
        );
        let mut classes: Vec<(String, Vec<String>)> = query_classes(&docs, &mut Rng(seed ^ 0x5eed))
            .into_iter()
            .map(|(c, q)| (c.to_string(), q))
            .collect();
        // The thesaurus's own terms, each concept's first in both
        // languages: the queries that cross languages most.
        let thesaurus = caricc_core::thesaurus::cross_language();
        let terms = thesaurus
            .concepts()
            .iter()
            .flat_map(|c| [c.en[0].to_lowercase(), c.ru[0].to_lowercase()])
            .collect();
        classes.push(("thesaurus".to_string(), terms));
        let p95 = time_queries(&index, &classes);
        // The same queries crossing languages through the thesaurus.
        let index = index.with_thesaurus(thesaurus);
        println!("-- with the thesaurus (queries also search the other language):");
        let p95_cross = time_queries(&index, &classes);
        // The usual classes (all but the thesaurus's own terms, which now
        // find more), then all of them.
        let worst = |p: &[f64], n: usize| p[..n].iter().copied().fold(0.0, f64::max);
        for (what, n) in [
            ("usual classes", classes.len() - 1),
            ("all classes", classes.len()),
        ] {
            let (a, b) = (worst(&p95, n), worst(&p95_cross, n));
            println!(
                "worst p95, {what}: {a:.3} ms without the thesaurus, {b:.3} ms with it ({:+.0} %)",
                (b / a - 1.0) * 100.0
            );
        }
        let texts: Vec<String> = docs.iter().take(200).map(|d| d.body.join(" ")).collect();
        let t = Instant::now();
        for (i, text) in texts.iter().enumerate() {
            let q = text.split_whitespace().nth(50 + i % 50).unwrap_or("x");
            std::hint::black_box(index.snippet(q, text, 200));
        }
        println!(
            "snippet          {:>8} {:>10.3} (mean ms)",
            texts.len(),
            t.elapsed().as_secs_f64() * 1e3 / texts.len().max(1) as f64
        );
    }
}

/// Times every query of every class (the median of 5 runs each); prints
/// the class's median, p95, hits and slowest query; returns each class's
/// p95 (ms).
fn time_queries(index: &SearchIndex, classes: &[(String, Vec<String>)]) -> Vec<f64> {
    println!(
        "{:<16} {:>8} {:>10} {:>10} {:>10}  slowest",
        "query class", "queries", "median ms", "p95 ms", "avg hits"
    );
    let mut out = Vec::new();
    for (class, queries) in classes {
        // Each query's time is the median of 5 runs, so that a pause of
        // the machine's (a shared VM) does not pass for a slow query.
        let mut times = Vec::new();
        let mut hits = 0usize;
        let mut slowest = (0.0, "");
        for q in queries {
            let mut runs: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let r = index.search(q);
                    let ms = t.elapsed().as_secs_f64() * 1e3;
                    hits += r.map_or(0, |h| h.len());
                    ms
                })
                .collect();
            runs.sort_by(f64::total_cmp);
            let ms = runs[2];
            times.push(ms);
            if ms > slowest.0 {
                slowest = (ms, q.as_str());
            }
        }
        times.sort_by(f64::total_cmp);
        let p95 = percentile(&times, 0.95);
        out.push(p95);
        println!(
            "{:<16} {:>8} {:>10.3} {:>10.3} {:>10.0}  {:?} {:.3}",
            class,
            queries.len(),
            percentile(&times, 0.5),
            p95,
            hits as f64 / (5 * times.len().max(1)) as f64,
            slowest.1,
            slowest.0,
        );
    }
    out
}
