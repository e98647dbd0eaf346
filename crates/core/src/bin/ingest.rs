//! `ingest`: release documents -> the archive JSON the app bundles.
//!
//! Usage: `cargo ingest corpus -o data/archive.json [--report report.json] [--strict]`
//! (`cargo ingest` is `cargo run --release -p caricc-core --bin ingest --`).

use std::path::PathBuf;
use std::process::ExitCode;

use caricc_core::ingest;

const USAGE: &str = "\
Usage: ingest [OPTIONS] <INPUT>...

Reads release documents (plain text; a directory means its *.txt files) and
writes the JSON archive the app bundles. The report (counts declared vs parsed,
skipped lines, events without a source, repaired links, decoding notes) goes to
stderr.

Options:
  -o, --output FILE   write the archive to FILE (`-` for stdout); without it
                      nothing is written (a dry run)
      --report FILE   also write the report as JSON to FILE
      --strict        a difference between declared and parsed counts is an error
  -q, --quiet         print only the summary line and errors, not every issue
  -h, --help          print this help

Exit status: 0 written (or dry run passed); 1 an input could not be read as a
release (nothing written); 2 bad usage; 3 --strict and counts differ (nothing
written).";

struct Options {
    inputs: Vec<PathBuf>,
    output: Option<String>,
    report: Option<PathBuf>,
    strict: bool,
    quiet: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        inputs: Vec::new(),
        output: None,
        report: None,
        strict: false,
        quiet: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-o" | "--output" => o.output = Some(args.next().ok_or("-o needs a file name")?),
            "--report" => o.report = Some(args.next().ok_or("--report needs a file name")?.into()),
            "--strict" => o.strict = true,
            "-q" | "--quiet" => o.quiet = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            s if s.starts_with("--output=") => o.output = Some(s["--output=".len()..].to_string()),
            s if s.starts_with("--report=") => o.report = Some(s["--report=".len()..].into()),
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option `{s}`")),
            s => o.inputs.push(s.into()),
        }
    }
    if o.inputs.is_empty() {
        return Err("no input given (a directory of release texts, or files)".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ingest: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (archive, report) = match ingest::read_inputs(&opts.inputs) {
        Ok(inputs) => ingest::ingest(&inputs),
        Err(e) => (
            None,
            ingest::Report {
                files: Vec::new(),
                errors: vec![e],
            },
        ),
    };

    if opts.quiet {
        for error in &report.errors {
            eprintln!("error: {error}");
        }
    } else {
        eprint!("{report}");
    }
    if let Some(path) = &opts.report {
        if let Err(e) = ingest::write_atomic(path, report.to_json().as_bytes()) {
            eprintln!("ingest: cannot write the report to {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }

    let Some(archive) = archive else {
        eprintln!(
            "ingest: {} input(s) could not be read; nothing written",
            report.errors.len()
        );
        return ExitCode::from(1);
    };
    let differences = report.differences();
    let summary = format!(
        "{} release(s), {} event(s), {} difference(s) from declared counts",
        archive.releases.len(),
        report.events(),
        differences
    );
    if opts.strict && differences > 0 {
        eprintln!("ingest: {summary}; --strict: nothing written");
        return ExitCode::from(3);
    }
    let json = ingest::archive_json(&archive);
    match opts.output.as_deref() {
        None => eprintln!("ingest: {summary}; dry run, nothing written (use -o FILE)"),
        Some("-") => print!("{json}"),
        Some(path) => {
            if let Err(e) = ingest::write_atomic(path.as_ref(), json.as_bytes()) {
                eprintln!(
                    "ingest: cannot write {path}: {e}; the previous archive is left as it was"
                );
                return ExitCode::from(1);
            }
            eprintln!("ingest: {summary}; wrote {path}");
        }
    }
    ExitCode::SUCCESS
}
