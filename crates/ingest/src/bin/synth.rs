//! `synth`: a synthetic archive of the contract's shape, for scale tests.
//!
//! `cargo synth --events 100000 --seed 1 -o FILE [--corpus DIR] [--pretty]`

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use caricc_ingest::{self as ingest, synth};

const USAGE: &str = "\
Usage: synth --events N [--seed S] -o FILE [--corpus DIR] [--pretty]

Writes a synthetic archive (same schema as data/archive.json): information
releases every half-month 2012-01..2026-06 with N events in all (a few percent
as press releases and news), text from a Markov chain learned from the corpus
plus a Zipf tail of rare names. The same corpus, N and seed give the same bytes.

Options:
      --events N      events in the archive (required)
      --seed S        random seed (default 1)
  -o, --output FILE   where to write (`-` for stdout)
      --corpus DIR    release texts to learn from (default: the repository's corpus/)
      --pretty        indent the JSON (default: compact)
  -h, --help          print this help";

fn main() -> ExitCode {
    let mut params = synth::Params::default();
    let mut events = None;
    let mut output = None;
    let mut corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut pretty = false;
    let mut args = std::env::args().skip(1);
    let usage_error = |msg: String| {
        eprintln!("synth: {msg}\n\n{USAGE}");
        ExitCode::from(2)
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--events" => match value("--events")
                .and_then(|v| v.parse::<usize>().map_err(|e| format!("--events: {e}")))
            {
                Ok(n) => events = Some(n),
                Err(e) => return usage_error(e),
            },
            "--seed" => match value("--seed")
                .and_then(|v| v.parse::<u64>().map_err(|e| format!("--seed: {e}")))
            {
                Ok(s) => params.seed = s,
                Err(e) => return usage_error(e),
            },
            "-o" | "--output" => match value("-o") {
                Ok(o) => output = Some(o),
                Err(e) => return usage_error(e),
            },
            "--corpus" => match value("--corpus") {
                Ok(c) => corpus = c.into(),
                Err(e) => return usage_error(e),
            },
            "--pretty" => pretty = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage_error(format!("unknown argument `{other}`")),
        }
    }
    let (Some(events), Some(output)) = (events, output) else {
        return usage_error("--events and -o are required".into());
    };
    params.events = events;

    let started = Instant::now();
    let model = match synth::Model::from_corpus_dir(&corpus) {
        Ok(m) if m.is_usable() => m,
        Ok(_) => {
            eprintln!("synth: {}: no event text to learn from", corpus.display());
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("synth: cannot learn from the corpus: {e}");
            return ExitCode::from(1);
        }
    };
    let archive = synth::generate(&model, &params);
    let generated = started.elapsed();
    let mut json = if pretty {
        serde_json::to_string_pretty(&archive)
    } else {
        serde_json::to_string(&archive)
    }
    .expect("an archive serialises");
    json.push('\n');
    let written = if output == "-" {
        print!("{json}");
        Ok(())
    } else {
        ingest::write_atomic(output.as_ref(), json.as_bytes())
    };
    if let Err(e) = written {
        eprintln!("synth: cannot write {output}: {e}");
        return ExitCode::from(1);
    }
    let n_events: usize = archive.releases.iter().map(|r| r.events.len()).sum();
    eprintln!(
        "synth: {} releases, {n_events} events, {:.1} MB in {:.2} s (generation {:.2} s) -> {output}",
        archive.releases.len(),
        json.len() as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        generated.as_secs_f64()
    );
    ExitCode::SUCCESS
}
