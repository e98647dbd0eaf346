//! `publish --archive FILE.json --app DIR --out DIR [--base-url URL]`: the
//! archive's pieces, its Atom feeds and the app's build, written as one
//! static site. Usually run through `scripts/build-site.sh`, which builds
//! the app first. `--base-url` is the address the site is served from
//! (`https://host/path/`): the feeds' links are absolute under it, and
//! relative to the feed without it.

use std::path::PathBuf;
use std::process::ExitCode;

use caricc_core::model;
use caricc_publish::{feeds, pieces, site};

const USAGE: &str = "usage: publish --archive FILE.json --app DIR --out DIR [--base-url URL]";

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
    let (mut archive, mut app, mut out, mut base_url) = (None, None, None, None);
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.to_str() {
            Some("--archive") => &mut archive,
            Some("--app") => &mut app,
            Some("--out") => &mut out,
            Some("--base-url") => &mut base_url,
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
    // Checked before the work, not after it.
    let base_url = match base_url {
        Some(url) => {
            let url = url
                .to_str()
                .ok_or_else(|| format!("--base-url {url:?}: not UTF-8"))?;
            Some(feeds::check_base_url(url)?)
        }
        None => None,
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
    let mut published = pieces::split(decoded, warnings);
    if let Some(url) = &base_url {
        published.feeds.set_base_url(url)?;
    }
    let summary =
        site::write_site(&app, &published, Some(&archive), &out).map_err(|e| e.to_string())?;
    println!(
        "published {} to {}: {} pieces, {:.1} MB ({:.1} MB gzipped), {} feeds{}",
        summary.version,
        out.display(),
        summary.pieces,
        summary.bytes as f64 / 1e6,
        summary.gzip_bytes as f64 / 1e6,
        summary.feeds,
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
