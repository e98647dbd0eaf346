//! `publish --archive FILE.json --app DIR --out DIR`: the archive's pieces
//! and the app's build, written as one static site. Usually run through
//! `scripts/build-site.sh`, which builds the app first.

use std::path::PathBuf;
use std::process::ExitCode;

use caricc_core::model;
use caricc_publish::{pieces, site};

const USAGE: &str = "usage: publish --archive FILE.json --app DIR --out DIR";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("publish: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let (mut archive, mut app, mut out) = (None, None, None);
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.to_str() {
            Some("--archive") => &mut archive,
            Some("--app") => &mut app,
            Some("--out") => &mut out,
            Some("-h" | "--help") => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => return Err(format!("unknown argument {arg:?}\n{USAGE}")),
        };
        *slot = Some(PathBuf::from(
            args.next()
                .ok_or_else(|| format!("{arg:?} needs a value\n{USAGE}"))?,
        ));
    }
    let (Some(archive), Some(app), Some(out)) = (archive, app, out) else {
        return Err(USAGE.to_string());
    };
    let text = std::fs::read_to_string(&archive)
        .map_err(|e| format!("{}: could not read: {e}", archive.display()))?;
    // The app's own decoder, with its messages (the JSON path of a problem).
    let (decoded, warnings) =
        model::decode(&text).map_err(|e| format!("{}: {e}", archive.display()))?;
    drop(text);
    for w in &warnings {
        eprintln!("publish: {}: left out {w}", archive.display());
    }
    let published = pieces::split(decoded, warnings);
    let summary =
        site::write_site(&app, &published, Some(&archive), &out).map_err(|e| e.to_string())?;
    println!(
        "published {} to {}: {} pieces, {:.1} MB ({:.1} MB gzipped){}",
        summary.version,
        out.display(),
        summary.pieces,
        summary.bytes as f64 / 1e6,
        summary.gzip_bytes as f64 / 1e6,
        if summary.carried_over > 0 {
            format!(
                ", {} pieces of the previous version kept",
                summary.carried_over
            )
        } else {
            String::new()
        }
    );
    Ok(())
}
