//! `bench_ingest`: ingest throughput in MB/s of release text.
//!
//! `cargo run --release -p caricc-ingest --bin bench_ingest [-- CORPUS_DIR [SECONDS]]`
//!
//! Measures, each for a few seconds: parsing the corpus files as they are
//! (decode, detect, parse, validate); parsing one large digest made of the
//! corpus digest's sections repeated with distinct titles (a long release);
//! and the whole run as the `ingest` binary does it, with the archive JSON.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use caricc_ingest as ingest;

/// Nanoseconds this thread has run on a CPU (Linux), to give a figure that
/// other processes on a busy machine do not skew; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn measure(
    name: &str,
    unit: &str,
    inputs: &[ingest::Input],
    budget: Duration,
    mut run: impl FnMut(&[ingest::Input]) -> usize,
) {
    let bytes_per_round: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    // One warm-up round (builds the gazetteer and name tables).
    let per_round = run(inputs);
    let start = Instant::now();
    let cpu_start = cpu_ns();
    let mut rounds = 0u64;
    while start.elapsed() < budget {
        black_box(run(inputs));
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes_per_round as f64 * rounds as f64 / 1e6;
    let cpu = match (cpu_start, cpu_ns()) {
        (Some(a), Some(b)) if b > a => {
            format!(", {:.1} MB per CPU-second", mb / ((b - a) as f64 / 1e9))
        }
        _ => String::new(),
    };
    println!(
        "{name:<28} {:>7.1} KB x {rounds:>5} in {secs:.2} s = {:>6.1} MB/s wall{cpu} ({per_round} {unit})",
        bytes_per_round as f64 / 1e3,
        mb / secs,
    );
}

/// A long digest: the corpus digest's events repeated `times` times, each
/// copy's titles made distinct, so nothing is dropped as a duplicate.
fn large_digest(digest: &str, times: usize) -> String {
    let Some(first_section) = digest.find("\nREPUBLIC OF KAZAKHSTAN\n") else {
        return digest.to_string();
    };
    let (front, sections) = digest.split_at(first_section);
    let mut out = String::from(front);
    for copy in 0..times {
        for line in sections.lines() {
            let is_title = line.len() > 20
                && line
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| !c.is_lowercase());
            out.push_str(line);
            if is_title && copy > 0 {
                out.push_str(&format!(" (COPY {copy})"));
            }
            out.push('\n');
        }
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus"));
    let seconds: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let budget = Duration::from_secs_f64(seconds);
    let inputs = match ingest::read_inputs(std::slice::from_ref(&corpus)) {
        Ok(i) if !i.is_empty() => i,
        Ok(_) => {
            eprintln!("bench_ingest: no *.txt files in {}", corpus.display());
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("bench_ingest: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "bench_ingest: {} files from {}, {:.1} s per measurement",
        inputs.len(),
        corpus.display(),
        seconds
    );

    let parse_all = |inputs: &[ingest::Input]| -> usize {
        inputs
            .iter()
            .filter_map(|i| ingest::parse_bytes(&i.file, &i.bytes).ok())
            .map(|p| p.release.events.len())
            .sum()
    };
    measure(
        "parse corpus files",
        "events per round",
        &inputs,
        budget,
        parse_all,
    );

    let digest = inputs
        .iter()
        .find(|i| matches!(ingest::parse_bytes(&i.file, &i.bytes), Ok(p) if p.release.kind == caricc_core::Kind::InformationRelease));
    if let Some(d) = digest {
        let big = large_digest(&String::from_utf8_lossy(&d.bytes), 20);
        let big = [ingest::Input {
            file: "large-digest.txt".into(),
            bytes: big.into_bytes(),
        }];
        measure(
            "parse one large digest",
            "events per round",
            &big,
            budget,
            parse_all,
        );
    }

    measure(
        "full ingest + archive JSON",
        "bytes of JSON",
        &inputs,
        budget,
        |inputs| {
            let (archive, _) = ingest::ingest(inputs);
            archive.map(|a| ingest::archive_json(&a).len()).unwrap_or(0)
        },
    );
}
