//! `ingest`: release documents -> the archive JSON the app bundles.
//!
//! Usage: `cargo ingest corpus -o data/archive.json [--report report.json] [--strict]`
//! (`cargo ingest` is `cargo run --release -p caricc-ingest --bin ingest --`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use caricc_ingest as ingest;

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

The archive and the report are written together or not at all: if either
cannot be written, neither file is changed. When no archive is made (an input
could not be read, or --strict refused it), the report is still written.

Exit status: 0 written (or dry run passed); 1 an input could not be read as a
release, or a file could not be written (nothing written); 2 bad usage;
3 --strict and counts differ (nothing written).";

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
    let report_json = opts.report.as_ref().map(|_| report.to_json());
    // The report alone, when there is no archive to write with it: the
    // report of a failed run says why.
    let write_report_only = || -> Result<(), ExitCode> {
        if let (Some(path), Some(json)) = (&opts.report, &report_json) {
            if let Err(e) = ingest::write_atomic(path, json.as_bytes()) {
                eprintln!("ingest: cannot write the report: {e}; nothing written");
                return Err(ExitCode::from(1));
            }
        }
        Ok(())
    };

    let Some(archive) = archive else {
        if let Err(code) = write_report_only() {
            return code;
        }
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
        if let Err(code) = write_report_only() {
            return code;
        }
        eprintln!("ingest: {summary}; --strict: nothing written");
        return ExitCode::from(3);
    }
    let json = ingest::archive_json(&archive);
    // The archive and the report together or neither: a failed write
    // leaves both files as they were.
    let mut files: Vec<(&Path, &[u8])> = Vec::new();
    if let (Some(path), Some(report_json)) = (&opts.report, &report_json) {
        files.push((path.as_path(), report_json.as_bytes()));
    }
    match opts.output.as_deref() {
        Some("-") | None => {}
        Some(path) => files.push((Path::new(path), json.as_bytes())),
    }
    if let Err(e) = ingest::write_all_atomic(&files) {
        eprintln!(
            "ingest: cannot write {e}; nothing written, the previous files are left as they were"
        );
        return ExitCode::from(1);
    }
    match opts.output.as_deref() {
        None => eprintln!("ingest: {summary}; dry run, nothing written (use -o FILE)"),
        Some("-") => print!("{json}"),
        Some(path) => eprintln!("ingest: {summary}; wrote {path}"),
    }
    ExitCode::SUCCESS
}
