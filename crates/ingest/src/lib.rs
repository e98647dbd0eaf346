//! The native tools of the CARICC archive: everything the browser never
//! runs, kept out of the web build (issue 16; as Pagefind splits its
//! indexer from its web crate). This crate owns the ingest (release texts
//! -> `archive.json`, this module and its submodules), the synthetic
//! archives of the benchmarks ([`synth`]) and the native binaries
//! (`ingest`, `synth`, `bench_ingest`, `bench_chart`, `bench_search`) and
//! examples (`bench_shards`, `chart_snapshots`). What the app also needs
//! stays in `caricc-core`: the archive model, the text helpers, country
//! names, the gazetteer and the thesaurus.
//!
//! Ingest: release documents (plain text from PDFs and web pages) -> the
//! archive ([`caricc_core::model::Archive`]), with a report of everything
//! that did not fit.
//!
//! A file goes bytes -> text ([`decode`]) -> a language check (English or
//! Russian, [`text::unknown_language`]) -> lines -> kind (`detect`:
//! structure scores, never a string seen in one document) -> a release,
//! by the parser of its kind (`digest`, English or Russian; `press`;
//! `news`, with web-page [`furniture`] dropped by rule), each a line
//! classifier driving a small state machine. Shared steps build the
//! events: paragraph repair ([`paragraphs`]), dates ([`dates`]), places
//! ([`gazetteer`]), country names ([`names`]), source links ([`links`]),
//! facts (topics, substances, seized quantities: [`facts`]),
//! language by script share, and content-derived ids. [`ingest`] puts the
//! releases of many files together, pairs the language versions of one
//! release ([`pair_versions`]), checks them against what they declare and
//! returns the archive and the [`Report`]; nothing is written unless every
//! file was read ([`write_all_atomic`] swaps the files in whole, together).

#![warn(missing_docs)]

pub mod dates;
pub mod decode;
mod detect;
mod digest;
mod event;
pub mod facts;
pub mod furniture;
pub mod links;
mod news;
pub mod paragraphs;
mod press;
pub mod report;
pub mod synth;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use caricc_core::{gazetteer, names, text};

use caricc_core::model::{Archive, Event, Kind, Lang, Release, SCHEMA_VERSION};

pub use report::{FileError, FileReport, Issue, Report, What};

pub use event::event_id;
pub(crate) use event::{
    days_before, digest_id, finish_event, single_event_release, Draft, EventContext,
};

use paragraphs::{Line, Paragraph};

/// One input document: the name it is recorded under (`source_file`) and
/// its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The name the document is recorded under (`source_file`).
    pub file: String,
    /// Its bytes, in any encoding [`decode`] reads.
    pub bytes: Vec<u8>,
}

/// A release read from one document, and what the ingest noticed.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The release, with its events.
    pub release: Release,
    /// What the ingest noticed in the document.
    pub report: FileReport,
    /// The line the release's period was read from (a digest's cover), for
    /// messages about the release as a whole.
    pub period_line: Option<usize>,
}

/// Issues collected while parsing one document.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    pub issues: Vec<Issue>,
    /// The line the release's period was read from, when it has one.
    pub period_line: Option<usize>,
}

impl Notes {
    pub fn add(&mut self, line: impl Into<Option<usize>>, what: What) {
        self.issues.push(Issue {
            line: line.into(),
            what,
        });
    }

    pub fn skip(&mut self, line: &Line, reason: &str) {
        self.add(
            line.no,
            What::SkippedLine {
                text: line.text.clone(),
                reason: reason.to_string(),
            },
        );
    }
}

/// An error in a document, before it has a file name attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocError {
    pub line: Option<usize>,
    pub message: String,
}

impl DocError {
    pub fn at(line: impl Into<Option<usize>>, message: impl Into<String>) -> DocError {
        DocError {
            line: line.into(),
            message: message.into(),
        }
    }
}

/// Reads one document's bytes as a release.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Parsed, FileError> {
    let decoded = decode::decode(bytes).map_err(|e| FileError {
        file: file.to_string(),
        line: e.line(),
        message: e.to_string(),
    })?;
    let mut parsed = parse_text(file, &decoded.text)?;
    parsed.report.encoding = decoded.encoding.to_string();
    if decoded.is_notable() && decoded.encoding != "UTF-8 with BOM" {
        parsed.report.issues.insert(
            0,
            Issue {
                line: None,
                what: What::Encoding {
                    encoding: decoded.encoding.to_string(),
                },
            },
        );
    }
    Ok(parsed)
}

/// Reads one document's text as a release.
pub fn parse_text(file: &str, text: &str) -> Result<Parsed, FileError> {
    let lines = paragraphs::split_lines(text);
    let to_file_error = |e: DocError| FileError {
        file: file.to_string(),
        line: e.line,
        message: e.message,
    };
    if let Some(why) = text::unknown_language(text) {
        let first = lines.iter().find(|l| !l.is_blank()).map(|l| l.no);
        return Err(to_file_error(DocError::at(
            first,
            format!("not in a language the ingest reads (English or Russian): {why}"),
        )));
    }
    let kind = detect::detect(&lines).map_err(to_file_error)?;
    let mut notes = Notes::default();
    let mut release = match kind {
        Kind::InformationRelease => digest::parse(&lines, &mut notes),
        Kind::PressRelease => press::parse(&lines, &mut notes),
        Kind::News => news::parse(&lines, &mut notes),
    }
    .map_err(to_file_error)?;
    // A date the archive cannot hold is a misreading (or a bad file): the
    // reader would leave the release out, so it is refused here.
    if let Some(problem) = caricc_core::model::range_problem(&release.period) {
        return Err(to_file_error(DocError::at(
            None,
            format!("the release's {problem}"),
        )));
    }
    release.source_file = file.to_string();
    drop_duplicate_events(&mut release, &mut notes);
    let parsed_counts = count_by_country(&release.events);
    if let Some(declared) = &release.declared_counts {
        let countries: BTreeSet<&String> = declared.keys().chain(parsed_counts.keys()).collect();
        for country in countries {
            let d = declared.get(country).copied().unwrap_or(0);
            let p = parsed_counts.get(country).copied().unwrap_or(0);
            if d != p {
                notes.add(
                    None,
                    What::CountMismatch {
                        country: country.clone(),
                        declared: d,
                        parsed: p,
                    },
                );
            }
        }
    }
    // Whole-release findings first, then by line.
    notes.issues.sort_by_key(|i| i.line.unwrap_or(0));
    let report = FileReport {
        file: file.to_string(),
        kind,
        release: release.id.clone(),
        encoding: "UTF-8".to_string(),
        events: release.events.len(),
        declared_counts: release.declared_counts.clone(),
        parsed_counts,
        issues: std::mem::take(&mut notes.issues),
    };
    Ok(Parsed {
        release,
        report,
        period_line: notes.period_line,
    })
}

fn count_by_country(events: &[Event]) -> BTreeMap<String, u32> {
    let mut counts = BTreeMap::new();
    for e in events {
        *counts.entry(e.country.clone()).or_insert(0) += 1;
    }
    counts
}

fn drop_duplicate_events(release: &mut Release, notes: &mut Notes) {
    let mut seen = HashSet::new();
    let events = std::mem::take(&mut release.events);
    for event in events {
        if seen.insert(event.id.clone()) {
            release.events.push(event);
        } else {
            notes.add(
                None,
                What::DuplicateEvent {
                    title: event.title.clone(),
                },
            );
        }
    }
}

/// Reads the inputs named on a command line: files as given, directories
/// as their `*.txt` files (not recursive, hidden files skipped), sorted by
/// name. A file's `source_file` is its path relative to the directory it
/// was found in, or its file name.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, FileError> {
    let mut inputs = Vec::new();
    for path in paths {
        let io_error = |p: &Path, e: std::io::Error| FileError {
            file: p.display().to_string(),
            line: None,
            message: format!("cannot read: {e}"),
        };
        let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
        if meta.is_dir() {
            let mut files: Vec<PathBuf> = fs::read_dir(path)
                .map_err(|e| io_error(path, e))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    !name.starts_with('.')
                        && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt"))
                })
                .collect();
            files.sort();
            for file in files {
                let bytes = fs::read(&file).map_err(|e| io_error(&file, e))?;
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                inputs.push(Input { file: name, bytes });
            }
        } else {
            let bytes = fs::read(path).map_err(|e| io_error(path, e))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            inputs.push(Input { file: name, bytes });
        }
    }
    Ok(inputs)
}

/// Reads every input. The archive is `None` when any input failed (the
/// errors are in the report): an archive is never made of part of the
/// inputs.
///
/// Documents that claim the same release (the same id: a digest's year and
/// number) must be its language versions: the same period, one document per
/// language. They become one release, the English version holding the
/// others as translations (see [`pair_versions`]); the same number with
/// another period, or twice in one language, is an error naming both files.
pub fn ingest(inputs: &[Input]) -> (Option<Archive>, Report) {
    let mut report = Report::default();
    if inputs.is_empty() {
        report.errors.push(FileError {
            file: "(input)".into(),
            line: None,
            message: "no release files to read".into(),
        });
    }
    // Releases by id, each with its versions in input order.
    let mut groups: Vec<Vec<Parsed>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for input in inputs {
        match parse_bytes(&input.file, &input.bytes) {
            Ok(parsed) => {
                let Some(&g) = group_of.get(&parsed.release.id) else {
                    group_of.insert(parsed.release.id.clone(), groups.len());
                    groups.push(vec![parsed]);
                    continue;
                };
                match version_conflict(&groups[g], &parsed) {
                    Some(e) => report.errors.push(e),
                    None => groups[g].push(parsed),
                }
            }
            Err(e) => report.errors.push(e),
        }
    }
    let mut releases: Vec<Release> = Vec::new();
    for mut group in groups {
        // The English version holds the others (ids stay those of the
        // English digests); else the first read.
        let primary = group
            .iter()
            .position(|p| p.release.language == Lang::En)
            .unwrap_or(0);
        let Parsed {
            mut release,
            report: primary_report,
            ..
        } = group.remove(primary);
        report.files.push(primary_report);
        for other in group {
            let Parsed {
                release: version,
                report: mut file_report,
                ..
            } = other;
            let (translation, issues) = pair_versions(&release, version);
            file_report.release = translation.id.clone();
            file_report.issues.extend(issues);
            release.translations.push(translation);
            report.files.push(file_report);
        }
        releases.push(release);
    }
    // Reports in input order, whatever the pairing did.
    let order: HashMap<&str, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| (input.file.as_str(), i))
        .collect();
    report
        .files
        .sort_by_key(|f| order.get(f.file.as_str()).copied().unwrap_or(usize::MAX));
    if !report.errors.is_empty() {
        return (None, report);
    }
    sort_releases(&mut releases);
    (
        Some(Archive {
            schema_version: SCHEMA_VERSION,
            releases,
        }),
        report,
    )
}

/// Why `parsed` cannot be another language version of the release read
/// from `versions`: another period, or a language already read.
fn version_conflict(versions: &[Parsed], parsed: &Parsed) -> Option<FileError> {
    let first = &versions[0];
    let at = |p: &Parsed| match p.period_line {
        Some(line) => format!("{} (line {line})", p.report.file),
        None => p.report.file.clone(),
    };
    let release = &parsed.release;
    let what = match release.number {
        Some(n) => format!("release No. {n} of {}", release.period.end.year()),
        None => format!("release `{}`", release.id),
    };
    if first.release.period != release.period {
        return Some(FileError {
            file: parsed.report.file.clone(),
            line: parsed.period_line,
            message: format!(
                "{what} covers {}..{} here, but {} gives it the period {}..{}: two documents claim \
                 the same number for different periods",
                release.period.start,
                release.period.end,
                at(first),
                first.release.period.start,
                first.release.period.end
            ),
        });
    }
    versions
        .iter()
        .find(|v| v.release.language == release.language)
        .map(|v| FileError {
            file: parsed.report.file.clone(),
            line: parsed.period_line,
            message: format!(
                "{what} in {} was already read from {}; one release, one file per language",
                language_name(release.language),
                at(v)
            ),
        })
}

fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ru => "Russian",
    }
}

/// Makes `version` (the same release in another language) a translation of
/// `release`, pairing their events by position within each country
/// section. A section pairs only when it checks out: both versions hold as
/// many events for the country as each declares, and paired events that
/// both cite a source cite the same one. Any other section is left
/// unpaired and reported, never guessed; so are differences between the
/// versions' declared counts.
pub fn pair_versions(release: &Release, mut version: Release) -> (Release, Vec<Issue>) {
    let mut issues = Vec::new();
    let id = format!("{}-{}", release.id, version.language.as_str());
    let no_counts = BTreeMap::new();
    let own_declared = release.declared_counts.as_ref().unwrap_or(&no_counts);
    let other_declared = version.declared_counts.as_ref().unwrap_or(&no_counts);
    if release.declared_counts.is_some()
        && version.declared_counts.is_some()
        && own_declared != other_declared
    {
        issues.push(Issue {
            line: None,
            what: What::VersionCountsDiffer {
                language: release.language.as_str().to_string(),
                counts: own_declared.clone(),
                other_counts: other_declared.clone(),
            },
        });
    }
    let countries: BTreeSet<&str> = release
        .events
        .iter()
        .chain(&version.events)
        .map(|e| e.country.as_str())
        .collect();
    let mut counterparts: HashMap<usize, String> = HashMap::new();
    for country in countries {
        let own: Vec<&Event> = release
            .events
            .iter()
            .filter(|e| e.country == country)
            .collect();
        let other: Vec<usize> = version
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.country == country)
            .map(|(i, _)| i)
            .collect();
        let declared_own = own_declared.get(country).copied();
        let declared_other = other_declared.get(country).copied();
        let counts_check = own.len() == other.len()
            && declared_own.is_none_or(|d| d as usize == own.len())
            && declared_other.is_none_or(|d| d as usize == other.len());
        let unpaired = |reason: String| What::UnpairedSection {
            country: country.to_string(),
            events: own.len() as u32,
            other_events: other.len() as u32,
            declared: declared_own,
            other_declared: declared_other,
            reason,
        };
        if !counts_check {
            issues.push(Issue {
                line: None,
                what: unpaired("the counts do not agree".to_string()),
            });
            continue;
        }
        let differing_source = own.iter().zip(&other).position(|(a, &b)| {
            matches!((&a.source_url, &version.events[b].source_url), (Some(x), Some(y)) if x != y)
        });
        if let Some(k) = differing_source {
            issues.push(Issue {
                line: None,
                what: unpaired(format!(
                    "event {} of the section cites another source in each version",
                    k + 1
                )),
            });
            continue;
        }
        for (a, &b) in own.iter().zip(&other) {
            counterparts.insert(b, a.id.clone());
        }
    }
    let events: Vec<Event> = std::mem::take(&mut version.events)
        .into_iter()
        .enumerate()
        .map(|(i, mut e)| {
            // Ids from the translation's own id, so that an event printed
            // alike in both versions keeps two distinct ids.
            e.id = event_id(&id, &e.title, e.source_url.as_deref());
            e.counterpart = counterparts.remove(&i);
            e
        })
        .collect();
    (
        Release {
            id,
            events,
            translations: Vec::new(),
            ..version
        },
        issues,
    )
}

/// Newest first by period (end, then start), then by id.
pub fn sort_releases(releases: &mut [Release]) {
    releases.sort_by(|a, b| {
        b.period
            .end
            .cmp(&a.period.end)
            .then(b.period.start.cmp(&a.period.start))
            .then(a.id.cmp(&b.id))
    });
}

/// The archive as the bytes of `archive.json`: pretty-printed, ending in a
/// newline, the same bytes for the same archive.
pub fn archive_json(archive: &Archive) -> String {
    let mut s = serde_json::to_string_pretty(archive).expect("an archive serialises");
    s.push('\n');
    s
}

/// Writes `contents` to `path` whole or not at all: a temporary file in the
/// same directory, flushed to disk, then renamed over `path`.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_all_atomic(&[(path, contents)])
}

/// Writes each file whole or not at all, and none of them unless every one
/// could be written: each goes to a temporary file beside its path, flushed
/// to disk; a path that is a directory is refused; only then are the files
/// renamed over their paths, in order. On an error no temporary file is
/// left, and the error names the path.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> std::io::Result<()> {
    let named = |path: &Path, e: std::io::Error| {
        std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
    };
    let mut staged: Vec<PathBuf> = Vec::with_capacity(files.len());
    let cleanup = |staged: &[PathBuf]| {
        for tmp in staged {
            let _ = fs::remove_file(tmp);
        }
    };
    for (i, (path, contents)) in files.iter().enumerate() {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "archive".into());
        let tmp = dir.join(format!(".{name}.{}.{i}.tmp", std::process::id()));
        let written = (|| {
            if path.is_dir() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "is a directory",
                ));
            }
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            staged.push(tmp.clone());
            f.write_all(contents)?;
            f.sync_all()
        })();
        if let Err(e) = written {
            cleanup(&staged);
            return Err(named(path, e));
        }
    }
    for (k, ((path, _), tmp)) in files.iter().zip(&staged).enumerate() {
        if let Err(e) = fs::rename(tmp, path) {
            cleanup(&staged[k..]);
            return Err(named(path, e));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = event_id("ir-2025-11", "TITLE", Some("https://x.kz/1"));
        assert_eq!(a, event_id("ir-2025-11", "TITLE", Some("https://x.kz/1")));
        assert_ne!(a, event_id("ir-2025-11", "TITLE", Some("https://x.kz/2")));
        assert_ne!(a, event_id("ir-2025-12", "TITLE", Some("https://x.kz/1")));
        assert_ne!(event_id("a", "bc", None), event_id("ab", "c", None));
        assert!(a.starts_with("e-") && a.len() == 18);
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = std::env::temp_dir().join(format!("caricc-ingest-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("archive.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name() != "archive.json")
            .collect();
        assert!(leftovers.is_empty());
        assert!(write_atomic(&dir.join("missing-dir/archive.json"), b"x").is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
