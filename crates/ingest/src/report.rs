//! The ingest report: per file, what was read and everything that needs a
//! reader's eye — differences between declared and parsed counts, skipped
//! lines, events without a source, repaired links, decoding notes — and the
//! errors that stopped the ingest. Printed for people (`Display`) and
//! written as JSON (`--report FILE`).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use caricc_core::model::Kind;

/// One thing the ingest noticed in a file, at a line when it has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// 1-based line in the source file.
    pub line: Option<usize>,
    #[serde(flatten)]
    /// What was noticed.
    pub what: What,
}

/// What an [`Issue`] is about. Serialised with a `kind` tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
// The variants are documented; each variant says what its fields hold.
#[allow(missing_docs)]
pub enum What {
    /// The release declares `declared` events for `country` but `parsed`
    /// were found.
    CountMismatch {
        country: String,
        declared: u32,
        parsed: u32,
    },
    /// The release's stated total differs from the sum of its per-country
    /// counts.
    TotalMismatch { declared: u32, listed: u32 },
    /// A country name in the declared counts that the ingest does not know.
    UnknownCountryName { name: String, count: u32 },
    /// The edition line's number differs from the cover's.
    NumberMismatch { cover: u32, edition: u32 },
    /// The contents list a country that has no section.
    ContentsWithoutSection { country: String },
    /// A line that is in no event, summary or cover, and why.
    SkippedLine { text: String, reason: String },
    /// An event whose text has no source link.
    EventWithoutSource { title: String },
    /// A source link that is not a valid http(s) URL; the event keeps no link.
    InvalidLink { text: String, reason: String },
    /// A link whose host was mis-read and repaired.
    RepairedLink { from: String, to: String },
    /// An event with the same title and link as an earlier one; left out.
    DuplicateEvent { title: String },
    /// An event with a title line but no body text.
    EventWithoutBody { title: String },
    /// The document has no title; one was made from its first sentence.
    DerivedTitle { title: String },
    /// The file was not plain UTF-8.
    Encoding { encoding: String },
    /// No place in the text says where the event happened; the country is
    /// the one the text mentions most.
    CountryFromMentions { country: String },
    /// Two language versions of one release declare different counts
    /// (`counts` the release's, in `language`; `other_counts` this file's).
    VersionCountsDiffer {
        language: String,
        counts: BTreeMap<String, u32>,
        other_counts: BTreeMap<String, u32>,
    },
    /// A country section whose events could not be paired with the other
    /// language version's: `events` and `declared` are the release's,
    /// `other_events` and `other_declared` this file's. Left unpaired.
    UnpairedSection {
        country: String,
        events: u32,
        other_events: u32,
        declared: Option<u32>,
        other_declared: Option<u32>,
        reason: String,
    },
    /// The document ends on this line inside an event, mid-sentence and
    /// without the event's source link: it was most likely cut short.
    EndsMidText,
    /// A source link with a word in two scripts (`turkeстане`): most likely
    /// letters the PDF extraction mis-read. Kept as written.
    MixedScriptLink { url: String },
    /// A seized quantity the facts mark doubtful (`reason`: above the
    /// plausible bound, or a compound whose smaller part is not smaller,
    /// e.g. a page number glued to it): kept, marked, left out of sums.
    DoubtfulQuantity {
        kg: f64,
        reason: String,
        quote: String,
    },
}

impl What {
    /// Differences between what a release declares and what was parsed:
    /// the ones `--strict` refuses.
    pub fn is_difference(&self) -> bool {
        matches!(
            self,
            What::CountMismatch { .. }
                | What::TotalMismatch { .. }
                | What::VersionCountsDiffer { .. }
                | What::UnpairedSection { .. }
                | What::EndsMidText
        )
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            What::CountMismatch { country, declared, parsed } => write!(
                f,
                "{} ({country}): the release declares {declared} events, {parsed} were found",
                caricc_core::country::name(country, caricc_core::model::Lang::En)
            ),
            What::TotalMismatch { declared, listed } => {
                write!(f, "the release declares {declared} events in total but its per-country counts add up to {listed}")
            }
            What::UnknownCountryName { name, count } => {
                write!(f, "declared count {count} for `{name}`, a country name the ingest does not know; not compared")
            }
            What::NumberMismatch { cover, edition } => {
                write!(f, "the edition line says #{edition} but the cover says #{cover}; the cover's number is used")
            }
            What::ContentsWithoutSection { country } => write!(
                f,
                "the contents list {} ({country}) but the release has no section for it",
                caricc_core::country::name(country, caricc_core::model::Lang::En)
            ),
            What::SkippedLine { text, reason } => write!(f, "skipped ({reason}): {}", shorten(text, 90)),
            What::EventWithoutSource { title } => write!(f, "event without a source link: {}", shorten(title, 90)),
            What::InvalidLink { reason, .. } => write!(f, "link dropped: {reason}"),
            What::RepairedLink { from, to } => write!(f, "link repaired: {from} -> {to}"),
            What::DuplicateEvent { title } => {
                write!(f, "event repeats an earlier one (same title and link); left out: {}", shorten(title, 90))
            }
            What::EventWithoutBody { title } => write!(f, "event has a title but no text: {}", shorten(title, 90)),
            What::DerivedTitle { title } => write!(f, "no title line; title made from the first sentence: {title}"),
            What::Encoding { encoding } => write!(f, "the file is {encoding}, not UTF-8; decoded from {encoding}"),
            What::CountryFromMentions { country } => write!(
                f,
                "no known place names where the event happened; country {country} is the one the text mentions most"
            ),
            What::VersionCountsDiffer { language, counts, other_counts } => write!(
                f,
                "this version declares {} but the {language} version declares {}",
                counts_text(other_counts),
                counts_text(counts)
            ),
            What::UnpairedSection { country, events, other_events, declared, other_declared, reason } => {
                let declares = |d: &Option<u32>| d.map_or(String::from("declares none"), |d| format!("declares {d}"));
                write!(
                    f,
                    "{} ({country}): not paired with the other version ({reason}): this version has {other_events} event(s) and {}, the other {events} and {}; its events stay unpaired",
                    caricc_core::country::name(country, caricc_core::model::Lang::En),
                    declares(other_declared),
                    declares(declared)
                )
            }
            What::EndsMidText => write!(
                f,
                "the text ends here inside an event, mid-sentence and without its source link: the document looks cut short"
            ),
            What::MixedScriptLink { url } => write!(
                f,
                "link has a word in two scripts, probably mis-read by the PDF extraction; kept as written: {url}"
            ),
            What::DoubtfulQuantity { kg, reason, quote } => write!(
                f,
                "seized quantity of {kg} kg marked doubtful ({reason}), left out of sums: {}",
                shorten(quote, 90)
            ),
        }
    }
}

fn counts_text(counts: &BTreeMap<String, u32>) -> String {
    let items: Vec<String> = counts.iter().map(|(c, n)| format!("{c} {n}")).collect();
    format!("({})", items.join(", "))
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return format!("`{text}`");
    }
    let cut: String = text.chars().take(max).collect();
    format!("`{cut}…`")
}

/// What the ingest made of one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    /// The file as given in `source_file`.
    pub file: String,
    /// The kind the document was detected as.
    pub kind: Kind,
    /// The id of the release read from it.
    pub release: String,
    /// The encoding its bytes were read in.
    pub encoding: String,
    /// How many events were read from it.
    pub events: usize,
    /// Events per country as the release declares them, when it does.
    pub declared_counts: Option<BTreeMap<String, u32>>,
    /// Events per country as parsed.
    pub parsed_counts: BTreeMap<String, u32>,
    /// Everything noticed, in the order of the document.
    pub issues: Vec<Issue>,
}

impl FileReport {
    /// How many of its issues are differences (what `--strict` refuses).
    pub fn differences(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.what.is_difference())
            .count()
    }
}

/// A file the ingest could not read as a release, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    /// The file as given.
    pub file: String,
    /// The 1-based line of the problem, when there is one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for FileError {}

/// The report of one ingest run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// One report per file read.
    pub files: Vec<FileReport>,
    /// The files that could not be read.
    pub errors: Vec<FileError>,
}

impl Report {
    /// Count differences over all files (what `--strict` refuses).
    pub fn differences(&self) -> usize {
        self.files.iter().map(FileReport::differences).sum()
    }

    /// Events read over all files.
    pub fn events(&self) -> usize {
        self.files.iter().map(|f| f.events).sum()
    }

    /// The report as pretty-printed JSON (`--report`), with a final line break.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("the report serialises");
        s.push('\n');
        s
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            let counts = match &file.declared_counts {
                None => String::from("no declared counts"),
                Some(_) if file.differences() == 0 => {
                    String::from("counts match the declared ones")
                }
                Some(_) => format!(
                    "{} difference(s) from the declared counts",
                    file.differences()
                ),
            };
            writeln!(
                f,
                "{}: {} {}, {} event(s), {counts}",
                file.file,
                file.kind.as_str(),
                file.release,
                file.events
            )?;
            for issue in &file.issues {
                match issue.line {
                    Some(line) => writeln!(f, "  line {line}: {}", issue.what)?,
                    None => writeln!(f, "  {}", issue.what)?,
                }
            }
        }
        for error in &self.errors {
            writeln!(f, "error: {error}")?;
        }
        Ok(())
    }
}
