//! Times "Download these events" (issue 15: an export of 10,000 events in at
//! most 300 ms): the CSV (English and Russian) and the JSON of every event
//! of a synthetic archive, each the median and p95 of 15 runs, with the
//! file sizes. Natively: the browser runs the same core code as wasm, some
//! 1.5-2 times slower.
//!
//! `cargo run --release -p caricc-ingest --bin bench_export [-- --archive FILE]`
//! (default `target/bench/synth-10000.json`, written by
//! `cargo run --release -p caricc-ingest --bin synth -- --events 10000 --seed 1`).

use std::time::Instant;

use caricc_core::export::events::{events_csv, events_json, Exported, Provenance};
use caricc_core::model::{decode, Lang};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = String::from("target/bench/synth-10000.json");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--archive" => path = args.next().expect("--archive FILE"),
            other => panic!("unknown argument {other}; usage: bench_export [--archive FILE]"),
        }
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (archive, _) = decode(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let events = Exported::every_event(&archive, "https://example.org/caricc/");
    let about = Provenance {
        archive_version: "2026-06-30.0123abcd",
        view: "https://example.org/caricc/#/events",
    };
    println!("{} events from {path}", events.len());
    let time = |name: &str, f: &dyn Fn() -> String| {
        let mut ms = Vec::new();
        let mut bytes = 0;
        for _ in 0..15 {
            let t0 = Instant::now();
            bytes = f().len();
            ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "{name:<8} median {:>7.1} ms  p95 {:>7.1} ms  {:>6.1} MB",
            ms[ms.len() / 2],
            ms[(ms.len() * 95).div_ceil(100) - 1],
            bytes as f64 / 1e6
        );
    };
    time("CSV en", &|| events_csv(&events, &about, Lang::En));
    time("CSV ru", &|| events_csv(&events, &about, Lang::Ru));
    time("JSON", &|| events_json(&events, &about));
}
