//! [`decode`]: untrusted archive text to a checked [`Archive`]. Fatal
//! problems (not JSON, the wrong `schema_version`, the wrong shape) are a
//! [`DecodeError`] naming the JSON path; a bad record (a duplicate id, an
//! unknown country code, an inverted or out-of-range date, a link that is
//! not http) is left out and counted as a [`Warning`].

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Archive, Event, EARLIEST_YEAR, LATEST_YEAR, SCHEMA_VERSION};
use crate::country;
use crate::date::{Date, DateRange};

/// A fatal problem with an archive: nothing of it can be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// The text is not JSON at all (or is cut short).
    Syntax {
        /// The line of the text where reading stopped, from 1.
        line: usize,
        /// The column in that line, from 1.
        column: usize,
        /// The JSON parser's words for what is wrong.
        message: String,
    },
    /// `schema_version` is missing or is not the one this build reads.
    Version {
        /// The version the text declares (`None`: it declares none).
        found: Option<String>,
    },
    /// The JSON does not have the archive's shape.
    Shape {
        /// Where, as a JSON path (`$.releases[2].events`).
        path: String,
        /// What is wrong there.
        message: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Syntax {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "the archive is not valid JSON (line {line}, column {column}): {message}"
                )
            }
            DecodeError::Version { found: None } => {
                write!(
                    f,
                    "the archive has no schema_version (this app reads version {SCHEMA_VERSION})"
                )
            }
            DecodeError::Version { found: Some(v) } => write!(
                f,
                "the archive has schema_version {v}, but this app reads version {SCHEMA_VERSION}"
            ),
            DecodeError::Shape { path, message } => {
                write!(f, "the archive is malformed at {path}: {message}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// A record left out of a decoded archive, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// JSON path of the record left out, e.g. `$.releases[2].events[7]`.
    pub path: String,
    /// Why it was left out, quoting the offending value safely.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Decodes archive JSON, checks it, and leaves out the records that break the
/// contract (duplicate ids, unknown country codes, inverted or out-of-range
/// dates, invalid links), reporting each as a [`Warning`].
pub fn decode(json: &str) -> Result<(Archive, Vec<Warning>), DecodeError> {
    #[derive(Deserialize)]
    struct Header<'a> {
        // The text as written: a Value would bring its whole decoder and
        // printer into the app for one number.
        #[serde(borrow)]
        schema_version: Option<&'a serde_json::value::RawValue>,
    }
    // A byte order mark is not JSON, but editors on Windows write one.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // serde would read a struct from an array too, and name our types in its
    // messages: say plainly what the top level must be.
    match json.trim_start().as_bytes().first() {
        Some(b'{') => {}
        first => {
            serde_json::from_str::<serde::de::IgnoredAny>(json)
                .map_err(|e| syntax_or_shape(&e, "$"))?;
            let found = match first {
                Some(b'[') => "an array",
                Some(b'"') => "a string",
                Some(b'n') => "null",
                Some(b't' | b'f') => "a boolean",
                _ => "a number",
            };
            return Err(DecodeError::Shape {
                path: "$".to_string(),
                message: format!(
                    "expected an object with schema_version and releases, found {found}"
                ),
            });
        }
    }
    // The common case, a well-formed archive of this version, in one pass.
    // Anything else: the version first (another version may have another
    // shape), then the error of this read, at the JSON path where it stopped.
    let read = match serde_json::from_str::<Archive>(json) {
        Ok(mut archive) if archive.schema_version == SCHEMA_VERSION => {
            let warnings = check(&mut archive);
            return Ok((archive, warnings));
        }
        read => read,
    };
    let header: Header = serde_json::from_str(json).map_err(|e| syntax_or_shape(&e, "$"))?;
    match header.schema_version.map(|v| v.get()) {
        Some(v) if v.parse::<u64>() == Ok(SCHEMA_VERSION as u64) => {}
        Some(v) => {
            return Err(DecodeError::Version {
                found: Some(v.to_string()),
            })
        }
        None => return Err(DecodeError::Version { found: None }),
    }
    match read {
        Err(e) => Err(syntax_or_shape(&e, &path_at(json, e.line(), e.column()))),
        Ok(archive) => Err(DecodeError::Version {
            found: Some(archive.schema_version.to_string()),
        }),
    }
}

fn syntax_or_shape(e: &serde_json::Error, path: &str) -> DecodeError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => DecodeError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        },
        Category::Data => DecodeError::Shape {
            path: path.to_string(),
            message: strip_position(&e.to_string()),
        },
    }
}

/// serde_json appends " at line L column C"; the error says where already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The JSON path of the value serde_json was reading when it stopped at
/// `line`:`column` (1-based line, bytes into it), e.g. `$.releases[2].events[7].date`.
/// Found by following the JSON text up to there: cheaper in the wasm than
/// tracking the path through every deserializer (serde_path_to_error, about
/// 10 KB gzipped), and the text is only read again when it is broken.
fn path_at(json: &str, line: usize, column: usize) -> String {
    enum Frame {
        /// An object and the key of the value being read, once its `:` is past.
        Object(Option<String>),
        /// An array and the index of the element being read.
        Array(usize),
    }
    let bytes = json.as_bytes();
    let line_start = match line {
        0 | 1 => 0,
        n => bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(n - 2)
            .map_or(bytes.len(), |(i, _)| i + 1),
    };
    let end = (line_start + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut key: Option<String> = None; // a string read where a key goes, before its `:`
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object(None)) = stack.last() {
                    let raw = json.get(i..(j + 1).min(json.len())).unwrap_or_default();
                    key = Some(
                        serde_json::from_str::<String>(raw)
                            .unwrap_or_else(|_| raw.trim_matches('"').to_string()),
                    );
                }
                i = j;
            }
            b':' => {
                if let Some(Frame::Object(k)) = stack.last_mut() {
                    *k = key.take();
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(k)) => *k = None,
                Some(Frame::Array(n)) => *n += 1,
                None => {}
            },
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::from("$");
    for frame in &stack {
        match frame {
            Frame::Object(Some(k)) => {
                path.push('.');
                path.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

/// A value from the archive inside a warning: in backticks, cut to 60
/// characters, with control, bidirectional and zero-width characters written
/// as `\u{…}`, so a hostile value can neither flood the list nor turn the
/// rest of the message around.
fn quoted(value: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("`");
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        let invisible = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}');
        if invisible {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('`');
    out
}

fn date_in_range(d: Date) -> bool {
    (EARLIEST_YEAR..=LATEST_YEAR).contains(&d.year())
}

/// The days an archive may hold: [`EARLIEST_YEAR`]-01-01 to [`LATEST_YEAR`]-12-31.
pub fn archive_days() -> DateRange {
    DateRange {
        start: Date::from_ymd(EARLIEST_YEAR, 1, 1).expect("a valid day"),
        end: Date::from_ymd(LATEST_YEAR, 12, 31).expect("a valid day"),
    }
}

/// What is wrong with a range of dates for the archive (inverted, or outside
/// [`EARLIEST_YEAR`]..=[`LATEST_YEAR`]), or `None`. The ingest checks the same.
pub fn range_problem(r: &DateRange) -> Option<String> {
    if !r.is_ordered() {
        Some(format!(
            "date range is inverted ({} is after {})",
            r.start, r.end
        ))
    } else if !date_in_range(r.start) || !date_in_range(r.end) {
        Some(format!(
            "date {}..{} is outside {EARLIEST_YEAR}-{LATEST_YEAR}",
            r.start, r.end
        ))
    } else {
        None
    }
}

/// True for an absolute `http://` or `https://` URL with a host and no
/// white space or control characters: the only links the app renders.
pub fn is_web_url(url: &str) -> bool {
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    !host.is_empty()
        && !host.starts_with(['.', '-', ':'])
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Leaves out the unknown codes of declared counts, with a warning.
fn check_declared(
    counts: &mut Option<BTreeMap<String, u32>>,
    path: &str,
    warnings: &mut Vec<Warning>,
) {
    if let Some(counts) = counts {
        let before = counts.len();
        let mut unknown: Vec<String> = counts
            .keys()
            .filter(|c| !country::is_iso_code(c))
            .take(10)
            .map(|c| quoted(c))
            .collect();
        counts.retain(|code, _| country::is_iso_code(code));
        let left_out = before - counts.len();
        if left_out > 0 {
            if left_out > unknown.len() {
                unknown.push(format!("and {} more", left_out - unknown.len()));
            }
            warnings.push(Warning {
                path: format!("{path}.declared_counts"),
                message: format!("unknown country codes left out: {}", unknown.join(", ")),
            });
        }
    }
}

/// The events that keep to the contract, each bad one left out (or its bad
/// link dropped) with a warning. `counterparts`: for a translation's
/// events, the release's own events, which a counterpart must name.
fn check_events(
    events: Vec<Event>,
    path: &str,
    event_ids: &mut HashSet<String>,
    counterparts: Option<&[Event]>,
    warnings: &mut Vec<Warning>,
) -> Vec<Event> {
    let mut kept = Vec::with_capacity(events.len());
    for (ei, mut event) in events.into_iter().enumerate() {
        let epath = format!("{path}.events[{ei}]");
        let problem = if !event_ids.insert(event.id.clone()) {
            Some(format!("duplicate event id {}", quoted(&event.id)))
        } else if !country::is_iso_code(&event.country) {
            Some(format!("unknown country code {}", quoted(&event.country)))
        } else {
            range_problem(&event.date)
        };
        if let Some(problem) = problem {
            warnings.push(Warning {
                path: epath,
                message: format!("{problem}; event left out"),
            });
            continue;
        }
        if let Some(url) = &event.source_url {
            if !is_web_url(url) {
                warnings.push(Warning {
                    path: format!("{epath}.source_url"),
                    message: "not an http(s) link; shown without a link".to_string(),
                });
                event.source_url = None;
            }
        }
        if let Some(id) = &event.counterpart {
            if !counterparts.is_some_and(|own| own.iter().any(|e| e.id == *id)) {
                warnings.push(Warning {
                    path: format!("{epath}.counterpart"),
                    message: "names no event of the release this translates; dropped".to_string(),
                });
                event.counterpart = None;
            }
        }
        event
            .mentioned_countries
            .retain(|c| country::is_iso_code(c));
        kept.push(event);
    }
    kept
}

fn check(archive: &mut Archive) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut release_ids = HashSet::new();
    let mut event_ids = HashSet::new();
    let releases = std::mem::take(&mut archive.releases);
    for (ri, mut release) in releases.into_iter().enumerate() {
        let rpath = format!("$.releases[{ri}]");
        if !release_ids.insert(release.id.clone()) {
            warnings.push(Warning {
                path: rpath,
                message: format!("duplicate release id {}; left out", quoted(&release.id)),
            });
            continue;
        }
        if let Some(problem) = range_problem(&release.period) {
            warnings.push(Warning {
                path: format!("{rpath}.period"),
                message: format!("{problem}; release left out"),
            });
            continue;
        }
        check_declared(&mut release.declared_counts, &rpath, &mut warnings);
        let events = std::mem::take(&mut release.events);
        release.events = check_events(events, &rpath, &mut event_ids, None, &mut warnings);
        let mut languages = vec![release.language];
        let translations = std::mem::take(&mut release.translations);
        for (ti, mut t) in translations.into_iter().enumerate() {
            let tpath = format!("{rpath}.translations[{ti}]");
            let problem = if languages.contains(&t.language) {
                Some("a second version in its language")
            } else if !release_ids.insert(t.id.clone()) {
                Some("its id is not unique")
            } else if !t.translations.is_empty() {
                Some("it has translations of its own")
            } else {
                None
            };
            if let Some(problem) = problem {
                warnings.push(Warning {
                    path: tpath,
                    message: format!("translation left out: {problem}"),
                });
                continue;
            }
            languages.push(t.language);
            check_declared(&mut t.declared_counts, &tpath, &mut warnings);
            let events = std::mem::take(&mut t.events);
            t.events = check_events(
                events,
                &tpath,
                &mut event_ids,
                Some(&release.events),
                &mut warnings,
            );
            release.translations.push(t);
        }
        archive.releases.push(release);
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn minimal(events: &str) -> String {
        format!(
            r#"{{"schema_version":1,"releases":[{{"id":"r1","kind":"news","number":null,"year":2025,
            "title":"T","period":{{"start":"2025-01-01","end":"2025-01-15"}},"language":"ru",
            "declared_counts":null,"source_file":"f.txt","events":[{events}]}}]}}"#
        )
    }

    fn event(id: &str, country: &str, start: &str, end: &str, url: &str) -> String {
        format!(
            r#"{{"id":"{id}","country":"{country}","date":{{"start":"{start}","end":"{end}"}},
            "title":"t","body":["b"],"language":"en","source_url":{url}}}"#
        )
    }

    #[test]
    fn decodes_a_valid_archive() {
        let (a, w) = decode(&minimal(&event(
            "e1",
            "KZ",
            "2025-01-02",
            "2025-01-02",
            "\"https://x.kz/a\"",
        )))
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            a.releases[0].events[0].source_url.as_deref(),
            Some("https://x.kz/a")
        );
    }

    #[test]
    fn fatal_errors_say_what_and_where() {
        let err = decode("{\"schema_version\":1,\"releases\":[").unwrap_err();
        assert!(
            matches!(err, DecodeError::Syntax { line: 1, .. }),
            "{err:?}"
        );
        assert_eq!(
            decode("{\"schema_version\":2,\"releases\":[]}").unwrap_err(),
            DecodeError::Version {
                found: Some("2".into())
            }
        );
        assert_eq!(
            decode("{\"releases\":[]}").unwrap_err(),
            DecodeError::Version { found: None }
        );
        let missing_title = minimal(&event("e1", "KZ", "2025-01-02", "2025-01-02", "null"))
            .replace("\"title\":\"t\",", "");
        match decode(&missing_title).unwrap_err() {
            DecodeError::Shape { path, message } => {
                assert_eq!(path, "$.releases[0].events[0]");
                assert!(message.contains("title"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let bad_date = minimal(&event("e1", "KZ", "2025-02-30", "2025-01-02", "null"));
        match decode(&bad_date).unwrap_err() {
            DecodeError::Shape { path, .. } => {
                assert_eq!(path, "$.releases[0].events[0].date.start")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_records_are_left_out_and_counted() {
        let events = [
            event(
                "e1",
                "KZ",
                "2025-01-02",
                "2025-01-02",
                "\"javascript:alert(1)\"",
            ),
            event("e1", "KZ", "2025-01-02", "2025-01-02", "null"),
            event("e3", "XX", "2025-01-02", "2025-01-02", "null"),
            event("e4", "RU", "2025-01-05", "2025-01-02", "null"),
            event("e5", "RU", "1900-01-05", "1900-01-06", "null"),
            event(
                "e6",
                "TJ",
                "2025-01-05",
                "2025-01-06",
                "\"data:text/html,x\"",
            ),
        ]
        .join(",");
        let (a, w) = decode(&minimal(&events)).unwrap();
        let ids: Vec<_> = a.releases[0].events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e1", "e6"]);
        assert!(a.releases[0].events.iter().all(|e| e.source_url.is_none()));
        assert_eq!(w.len(), 6, "{w:#?}");
        assert!(w[1].message.contains("duplicate event id"));
        assert_eq!(w[1].path, "$.releases[0].events[1]");
    }

    fn shape(path: &str, message: &str) -> DecodeError {
        DecodeError::Shape {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Fatal problems the tests above do not cover: what the app's error
    /// screen says, with the JSON path.
    #[test]
    fn broken_archives_are_refused_with_what_and_where() {
        let one = event("e1", "KZ", "2025-01-02", "2025-01-02", "null");
        let cases: Vec<(String, DecodeError)> = vec![
            ("[]".into(), shape("$", "expected an object with schema_version and releases, found an array")),
            ("[1, []]".into(), shape("$", "expected an object with schema_version and releases, found an array")),
            (" null".into(), shape("$", "expected an object with schema_version and releases, found null")),
            ("\"archive\"".into(), shape("$", "expected an object with schema_version and releases, found a string")),
            ("42".into(), shape("$", "expected an object with schema_version and releases, found a number")),
            ("true".into(), shape("$", "expected an object with schema_version and releases, found a boolean")),
            ("{\"schema_version\":1}".into(), shape("$", "missing field `releases`")),
            ("{\"schema_version\":1,\"releases\":{}}".into(), shape("$.releases", "invalid type: map, expected a sequence")),
            ("{\"schema_version\":\"1\",\"releases\":[]}".into(), DecodeError::Version { found: Some("\"1\"".into()) }),
            ("{\"schema_version\":null,\"releases\":[]}".into(), DecodeError::Version { found: None }),
            (minimal(&one).replace("\"id\":\"r1\",", ""), shape("$.releases[0]", "missing field `id`")),
            (minimal(&one).replace("\"kind\":\"news\"", "\"kind\":\"memo\""), shape("$.releases[0].kind", "unknown variant `memo`, expected one of `information-release`, `press-release`, `news`")),
            (
                minimal(&one.replace("\"date\":{\"start\":\"2025-01-02\",\"end\":\"2025-01-02\"},", "")),
                shape("$.releases[0].events[0]", "missing field `date`"),
            ),
            (
                minimal(&event("e1", "KZ", "99999-01-01", "2025-01-02", "null")),
                shape("$.releases[0].events[0].date.start", "`99999-01-01` is not a valid YYYY-MM-DD date"),
            ),
            (
                minimal(&event("e1", "KZ", "2025-01-02", "2025-13-01", "null")),
                shape("$.releases[0].events[0].date.end", "`2025-13-01` is not a valid YYYY-MM-DD date"),
            ),
            (minimal(&one).replace("\"title\":\"t\"", "\"title\":7"), shape("$.releases[0].events[0].title", "invalid type: integer `7`, expected a string")),
        ];
        for (json, expected) in cases {
            assert_eq!(decode(&json).unwrap_err(), expected, "{json}");
        }
        for json in [
            "",
            "   ",
            "{",
            "{\"schema_version\":1,\"releases\":[]} x",
            "nul",
            "[1,",
        ] {
            assert!(
                matches!(decode(json), Err(DecodeError::Syntax { .. })),
                "{json:?}: {:?}",
                decode(json)
            );
        }
    }

    /// Every cut of a valid archive is refused as cut short, never read as less.
    #[test]
    fn a_truncated_archive_is_refused_at_every_cut() {
        let json = minimal(&event(
            "e1",
            "KZ",
            "2025-01-02",
            "2025-01-02",
            "\"https://x.kz/a\"",
        ));
        let json = json.trim_end();
        for end in (0..json.len()).filter(|&i| json.is_char_boundary(i)) {
            match decode(&json[..end]) {
                Err(DecodeError::Syntax { message, .. }) => {
                    assert!(message.contains("EOF"), "{end}: {message}")
                }
                other => panic!("cut at {end} gave {other:?}"),
            }
        }
        assert!(decode(json).is_ok());
    }

    #[test]
    fn an_empty_archive_and_a_byte_order_mark_are_fine() {
        let (a, w) = decode("{\"schema_version\":1,\"releases\":[]}").unwrap();
        assert!(a.releases.is_empty() && w.is_empty());
        let (a, w) = decode(&format!(
            "\u{feff}{}",
            minimal(&event("e1", "KZ", "2025-01-02", "2025-01-02", "null"))
        ))
        .unwrap();
        assert_eq!((a.releases[0].events.len(), w.len()), (1, 0));
    }

    /// Release-level records and hostile values in warnings (the event-level
    /// ones are in `bad_records_are_left_out_and_counted`).
    #[test]
    fn bad_releases_are_left_out_and_warnings_quote_values_safely() {
        let release = |id: &str, start: &str, end: &str, counts: &str, events: &str| {
            format!(
                r#"{{"id":"{id}","kind":"news","number":null,"year":2025,"title":"T","period":{{"start":"{start}","end":"{end}"}},
                "language":"ru","declared_counts":{counts},"source_file":"f.txt","events":[{events}]}}"#
            )
        };
        let long_id = "x".repeat(500);
        let releases = [
            release(
                "r1",
                "2025-01-01",
                "2025-01-15",
                r#"{"KZ":1,"XX":2,"<b>":3}"#,
                &event(&long_id, "KZ", "2025-01-02", "2025-01-02", "null"),
            ),
            release("r1", "2025-01-01", "2025-01-15", "null", ""),
            release("r3", "2025-01-15", "2025-01-01", "null", ""),
            release("r4", "2101-01-01", "2101-01-02", "null", ""),
            release("r5", "1989-12-31", "1990-01-01", "null", ""),
            release(
                "r6",
                "2025-01-01",
                "2025-01-15",
                "null",
                &[
                    event(&long_id, "KZ", "2025-01-02", "2025-01-02", "null"),
                    event("e7", "K\\u202eZ", "2025-01-02", "2025-01-02", "null"),
                    event("e8", "KZ", "2025-01-02", "2101-01-01", "null"),
                ]
                .join(","),
            ),
        ];
        let json = format!(
            r#"{{"schema_version":1,"releases":[{}]}}"#,
            releases.join(",")
        );
        let (a, w) = decode(&json).unwrap();
        let ids: Vec<_> = a.releases.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["r1", "r6"]);
        assert_eq!(
            a.releases[0]
                .declared_counts
                .as_ref()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            ["KZ"]
        );
        assert!(a.releases[1].events.is_empty());
        let got: Vec<(&str, &str)> = w
            .iter()
            .map(|w| (w.path.as_str(), w.message.as_str()))
            .collect();
        let cut_id = format!("`{}…`", "x".repeat(60));
        assert_eq!(
            got,
            [
                (
                    "$.releases[0].declared_counts",
                    "unknown country codes left out: `<b>`, `XX`"
                ),
                ("$.releases[1]", "duplicate release id `r1`; left out"),
                (
                    "$.releases[2].period",
                    "date range is inverted (2025-01-15 is after 2025-01-01); release left out"
                ),
                (
                    "$.releases[3].period",
                    "date 2101-01-01..2101-01-02 is outside 1990-2100; release left out"
                ),
                (
                    "$.releases[4].period",
                    "date 1989-12-31..1990-01-01 is outside 1990-2100; release left out"
                ),
                (
                    "$.releases[5].events[0]",
                    format!("duplicate event id {cut_id}; event left out").as_str()
                ),
                (
                    "$.releases[5].events[1]",
                    "unknown country code `K\\u{202e}Z`; event left out"
                ),
                (
                    "$.releases[5].events[2]",
                    "date 2025-01-02..2101-01-01 is outside 1990-2100; event left out"
                ),
            ]
        );
    }

    /// The path of a shape error, on every field of an archive broken in every
    /// way, pretty-printed and compact, is the one serde_path_to_error finds
    /// by tracking the deserializers (what decode used before).
    #[test]
    fn error_paths_agree_with_serde_path_to_error() {
        use serde_json::Value;
        // Keys and strings with quotes, escapes and brackets test the scanning.
        let text = minimal(&format!(
            "{},{}",
            event(
                "e1",
                "KZ",
                "2025-01-02",
                "2025-01-03",
                "\"https://x.kz/a?b=[1],{2}\""
            ),
            event("e2", "KG", "2025-01-04", "2025-01-05", "null")
                .replace("\"title\":\"t\"", "\"title\":\"\\\"q\\\" [x] {y}: z,\"")
        ))
        .replace(
            "\"language\":\"ru\"",
            "\"language\":\"ru\",\"x\\\"{[,:\":\"]}\"",
        );
        let root: Value = serde_json::from_str(&text).unwrap();
        assert!(decode(&text).is_ok());
        let mut pointers = Vec::new();
        fn walk(v: &Value, at: String, out: &mut Vec<(String, bool)>) {
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        out.push((format!("{at}/{k}"), true));
                        walk(x, format!("{at}/{k}"), out);
                    }
                }
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        out.push((format!("{at}/{i}"), false));
                        walk(x, format!("{at}/{i}"), out);
                    }
                }
                _ => {}
            }
        }
        walk(&root, String::new(), &mut pointers);
        let replacements = [
            Value::from(7),
            Value::from("x"),
            Value::from(-1.5),
            Value::Null,
            Value::Bool(true),
            Value::Array(vec![]),
            serde_json::json!({}),
        ];
        let mut checked = 0;
        for (pointer, member) in &pointers {
            let mut broken: Vec<Value> = replacements
                .iter()
                .map(|r| {
                    let mut v = root.clone();
                    *v.pointer_mut(pointer).unwrap() = r.clone();
                    v
                })
                .collect();
            if *member {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                let mut v = root.clone();
                v.pointer_mut(parent)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove(key);
                broken.push(v);
            }
            for v in broken {
                for text in [
                    serde_json::to_string(&v).unwrap(),
                    serde_json::to_string_pretty(&v).unwrap(),
                ] {
                    let Err(DecodeError::Shape { path, .. }) = decode(&text) else {
                        continue;
                    };
                    let mut de = serde_json::Deserializer::from_str(&text);
                    let reference =
                        serde_path_to_error::deserialize::<_, Archive>(&mut de).unwrap_err();
                    let want = match reference.path().to_string() {
                        p if p.is_empty() || p == "." => "$".to_string(),
                        p => format!("$.{p}"),
                    };
                    assert_eq!(path, want, "{pointer} broken in\n{text}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 200, "only {checked} shape errors checked");
    }

    /// Translations: read when well-formed; a second version in one
    /// language, a clashing id, and a counterpart that names no event of
    /// the release are left out or dropped, with a warning each.
    #[test]
    fn translations_are_checked() {
        let translation = |id: &str, lang: &str, events: &str| {
            format!(
                r#"{{"id":"{id}","kind":"news","number":null,"year":2025,"period":{{"start":"2025-01-01","end":"2025-01-15"}},
                "language":"{lang}","title":"T","declared_counts":{{"KZ":1,"QQ":1}},"source_file":"g.txt","events":[{events}]}}"#
            )
        };
        let with_counterpart = |id: &str, to: &str| {
            event(id, "KZ", "2025-01-02", "2025-01-02", "null")
                .replace("\"title\"", &format!("\"counterpart\":\"{to}\",\"title\""))
        };
        let translations = [
            translation(
                "r1-en",
                "en",
                &[with_counterpart("t1", "e1"), with_counterpart("t2", "nope")].join(","),
            ),
            translation("r1-ru", "ru", ""),
            translation("r1", "en", ""),
        ]
        .join(",");
        let json = minimal(&event("e1", "KZ", "2025-01-02", "2025-01-02", "null")).replace(
            "\"events\":[",
            &format!("\"translations\":[{translations}],\"events\":["),
        );
        let (a, w) = decode(&json).unwrap();
        let r = &a.releases[0];
        assert_eq!(r.translations.len(), 1);
        let t = &r.translations[0];
        assert_eq!((t.id.as_str(), t.language), ("r1-en", Lang::En));
        assert_eq!(t.declared_counts.as_ref().unwrap().len(), 1);
        let pairs: Vec<(&str, Option<&str>)> = t
            .events
            .iter()
            .map(|e| (e.id.as_str(), e.counterpart.as_deref()))
            .collect();
        assert_eq!(pairs, [("t1", Some("e1")), ("t2", None)]);
        let got: Vec<(&str, &str)> = w
            .iter()
            .map(|w| (w.path.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "$.releases[0].translations[0].declared_counts",
                    "unknown country codes left out: `QQ`"
                ),
                (
                    "$.releases[0].translations[0].events[1].counterpart",
                    "names no event of the release this translates; dropped"
                ),
                (
                    "$.releases[0].translations[1]",
                    "translation left out: a second version in its language"
                ),
                (
                    "$.releases[0].translations[2]",
                    "translation left out: a second version in its language"
                ),
            ]
        );
        assert_eq!(r.event_version("e1"), Some(("t1", Lang::En)));
        assert_eq!(r.event_version("t1"), Some(("e1", Lang::Ru)));
        assert_eq!(r.event_version("t2"), None);
        assert_eq!(
            a.translated_event("t2")
                .map(|(r, t, _)| (r.id.as_str(), t.id.as_str())),
            Some(("r1", "r1-en"))
        );
        // A translation has no translations of its own.
        let nested = translation("r1-en", "en", "").replace(
            "\"events\":[]",
            &format!(
                "\"events\":[],\"translations\":[{}]",
                translation("x", "ru", "")
            ),
        );
        let json = minimal("").replace(
            "\"events\":[",
            &format!("\"translations\":[{nested}],\"events\":["),
        );
        let (a, w) = decode(&json).unwrap();
        assert!(a.releases[0].translations.is_empty());
        assert_eq!(
            w[0].message,
            "translation left out: it has translations of its own"
        );
        // An archive without the field reads as before, and writes without it.
        let (plain, _) = decode(&minimal(&event(
            "e1",
            "KZ",
            "2025-01-02",
            "2025-01-02",
            "null",
        )))
        .unwrap();
        assert!(plain.releases[0].translations.is_empty());
        let text = serde_json::to_string(&plain).unwrap();
        assert!(!text.contains("translations") && !text.contains("counterpart"));
    }

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://мвд.рф/news/1"));
        assert!(is_web_url("http://x.kz"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "https://",
            "https:// x",
            "ftp://a",
            "https://a b",
            "//x.kz",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
