//! "Download events": the events a view shows, as a CSV file for
//! spreadsheets and as JSON in the archive's own form (`schema/`), each
//! saying which archive version and which view it came from.
//!
//! Both hold exactly the events they are given, in the order given (the
//! list's): the app passes the selection of the current filters and query.

use serde::Serialize;

use crate::aggregate::{csv_separator, push_csv_cell};
use crate::model::{Event, Facts, Lang, Release, SCHEMA_VERSION};

/// One event to export, with what the file says about it besides its own
/// fields.
pub struct Exported<'a> {
    /// The event, as the archive has it.
    pub event: &'a Event,
    /// Its release, complete (summary and source file: the JSON form
    /// carries them); its own `events` are not read.
    pub release: &'a Release,
    /// The address of the event's page in the app.
    pub page: String,
}

impl<'a> Exported<'a> {
    /// Every event of `archive`, in its order, each with the page address
    /// `page_base` + `#/event/<id>` (for tests and benchmarks: the app
    /// exports a selection, with addresses it writes itself).
    pub fn every_event(archive: &'a crate::model::Archive, page_base: &str) -> Vec<Exported<'a>> {
        archive
            .releases
            .iter()
            .flat_map(|r| r.events.iter().map(move |e| (r, e)))
            .map(|(release, event)| Exported {
                event,
                release,
                page: format!("{page_base}#/event/{}", event.id),
            })
            .collect()
    }
}

/// Where an export came from: written at the top of every file.
pub struct Provenance<'a> {
    /// The archive version (`2025-06-15.3f9a1c2e` for a published one).
    pub archive_version: &'a str,
    /// The address of the view whose events these are.
    pub view: &'a str,
}

/// The kilograms an event's facts report seized, in hundredths of a
/// kilogram: what the chart and table sum for it
/// ([`crate::seized::event_grams`]: doubtful amounts left out, a part
/// counted once, under its own substance).
pub fn seized_hundredths(facts: &Facts) -> u64 {
    let grams: u64 = crate::seized::event_grams(facts)
        .iter()
        .map(|&(_, g)| u64::from(g))
        .sum();
    (grams + 5) / 10
}

/// `hundredths` of a unit as a plain decimal number for a spreadsheet, with
/// the decimal separator of `lang` and no digit grouping: `1208`, `2.5`
/// (`2,5` in Russian). Integer arithmetic: the web build carries no float
/// formatting.
pub fn plain_decimal(hundredths: u64, lang: Lang) -> String {
    let mut out = (hundredths / 100).to_string();
    crate::locale::push_hundredths(&mut out, hundredths, lang);
    out
}

/// The CSV file: a byte order mark, two comment lines (`#`: the archive
/// version and the number of events, the view's address), a header in the
/// reader's language, then one line per event. Cells are neutralised and
/// quoted as the count table's are ([`crate::aggregate::to_csv`]); Russian
/// files separate cells with `;` and write decimals with a comma.
pub fn events_csv(events: &[Exported<'_>], about: &Provenance<'_>, lang: Lang) -> String {
    let sep = csv_separator(lang);
    let ru = lang == Lang::Ru;
    let mut out = String::with_capacity(256 + events.len() * 320);
    out.push(super::UTF8_BOM);
    let (version, count, view) = if ru {
        ("# Архив ЦАРИКЦ, версия ", "событий", "# Вид: ")
    } else {
        ("# CARICC archive, version ", "events", "# View: ")
    };
    for line in [
        format!(
            "{version}{} ({} {count})",
            about.archive_version,
            events.len()
        ),
        format!("{view}{}", about.view),
    ] {
        // A comment line is one cell for a reader that does not skip it.
        push_csv_cell(&mut out, &line, sep);
        out.push_str("\r\n");
    }
    let header: [&str; 16] = if ru {
        [
            "id",
            "начало",
            "конец",
            "страна",
            "страна (название)",
            "вид",
            "язык",
            "заголовок",
            "источник",
            "выпуск",
            "номер выпуска",
            "страница",
            "темы",
            "вещества",
            "изъято, кг",
            "места",
        ]
    } else {
        [
            "id",
            "start",
            "end",
            "country",
            "country_name",
            "kind",
            "language",
            "title",
            "source_url",
            "release_id",
            "release_number",
            "page",
            "topics",
            "substances",
            "seized_kg",
            "places",
        ]
    };
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    for x in events {
        let e = x.event;
        let facts = e.facts.as_ref();
        let list =
            |f: fn(&Facts) -> &Vec<String>| facts.map(|f2| f(f2).join(", ")).unwrap_or_default();
        let seized = facts
            .filter(|f| !f.seized.is_empty())
            .map(|f| plain_decimal(seized_hundredths(f), lang))
            .unwrap_or_default();
        let cells = [
            e.id.as_str(),
            &e.date.start.to_string(),
            &e.date.end.to_string(),
            &e.country,
            crate::country::name(&e.country, lang),
            x.release.kind.as_str(),
            e.language.as_str(),
            &e.title,
            e.source_url.as_deref().unwrap_or(""),
            &x.release.id,
            &x.release.number.map(|n| n.to_string()).unwrap_or_default(),
            &x.page,
            &list(|f| &f.topics),
            &list(|f| &f.substances),
            &seized,
            &list(|f| &f.places),
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            push_csv_cell(&mut out, cell, sep);
        }
        out.push_str("\r\n");
    }
    out
}

/// What a JSON export says about itself, in its `extract` field
/// (`schema/archive.schema.json`).
#[derive(Serialize)]
struct Extract<'a> {
    archive_version: &'a str,
    view: &'a str,
    events: usize,
}

/// A JSON export: an archive in its own schema, with `extract` first.
#[derive(Serialize)]
struct ExportFile<'a> {
    schema_version: u32,
    extract: Extract<'a>,
    releases: Vec<ExportRelease<'a>>,
}

/// A release of a JSON export: [`Release`]'s fields by reference, with the
/// exported events and no translations (no copy of ten thousand bodies;
/// a test reads the file back through the decoder, so a field added to
/// [`Release`] and missed here fails it).
#[derive(Serialize)]
struct ExportRelease<'a> {
    id: &'a str,
    kind: crate::model::Kind,
    number: Option<u32>,
    year: Option<i32>,
    title: &'a str,
    period: crate::date::DateRange,
    language: Lang,
    declared_counts: &'a Option<std::collections::BTreeMap<String, u32>>,
    source_file: &'a str,
    summary: &'a [String],
    events: Vec<&'a Event>,
}

/// The JSON file: a subset of the archive in its own schema
/// (`schema/archive.schema.json`), which the app's decoder reads back with
/// no warning. Each event sits in its release, with the release's own
/// fields (its translations left out: their events are not in the
/// selection); the releases are in the schema's order (newest period
/// first), and each release's events in the order given. `extract` names
/// the archive version, the view and the number of events.
pub fn events_json(events: &[Exported<'_>], about: &Provenance<'_>) -> String {
    let mut releases: Vec<ExportRelease<'_>> = Vec::new();
    for x in events {
        let r = x.release;
        let at = match releases.iter().rposition(|e| e.id == r.id) {
            Some(at) => at,
            None => {
                releases.push(ExportRelease {
                    id: &r.id,
                    kind: r.kind,
                    number: r.number,
                    year: r.year,
                    title: &r.title,
                    period: r.period,
                    language: r.language,
                    declared_counts: &r.declared_counts,
                    source_file: &r.source_file,
                    summary: &r.summary,
                    events: Vec::new(),
                });
                releases.len() - 1
            }
        };
        releases[at].events.push(x.event);
    }
    crate::search::sort::sort_by(&mut releases, |a, b| {
        (b.period.end, b.period.start)
            .cmp(&(a.period.end, a.period.start))
            .then_with(|| a.id.cmp(b.id))
    });
    let file = ExportFile {
        schema_version: SCHEMA_VERSION,
        extract: Extract {
            archive_version: about.archive_version,
            view: about.view,
            events: events.len(),
        },
        releases,
    };
    // Compact: an export of ten thousand events is some 20 MB either way,
    // read by programs; indentation would add a tenth and its time.
    serde_json::to_string(&file).unwrap_or_default()
}

/// The name, without extension, of a "Download events" file: what it
/// holds, as the chart's downloads say it ([`super::file_stem`]'s filter
/// parts), e.g. `caricc-events-KZ-2025-01_2025-06-q-heroin`, or
/// `caricc-events-all` for every event.
pub fn events_file_stem(state: &crate::state::ViewState) -> String {
    let mut name = String::from("caricc-events");
    super::push_filters(&mut name, state);
    if name == "caricc-events" {
        name.push_str("-all");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{decode, Seized};

    fn archive() -> crate::model::Archive {
        let text = include_str!("../../../../data/archive.json");
        decode(text).expect("the bundled archive decodes").0
    }

    fn exported(archive: &crate::model::Archive) -> Vec<Exported<'_>> {
        Exported::every_event(archive, "https://example.org/")
    }

    const ABOUT: Provenance<'static> = Provenance {
        archive_version: "2025-06-30.0123abcd",
        view: "https://example.org/#/events?country=KZ,KG",
    };

    #[test]
    fn decimals_are_written_without_floats() {
        assert_eq!(plain_decimal(120800, Lang::En), "1208");
        assert_eq!(plain_decimal(250, Lang::En), "2.5");
        assert_eq!(plain_decimal(250, Lang::Ru), "2,5");
        assert_eq!(plain_decimal(5, Lang::En), "0.05");
        assert_eq!(plain_decimal(0, Lang::En), "0");
    }

    #[test]
    fn sums_leave_out_doubtful_amounts_and_parts() {
        let item = |kg: f64, doubtful: bool, part_of: Option<usize>| Seized {
            substance: "heroin".into(),
            kg,
            quote: String::new(),
            doubtful: doubtful.then(|| "implausible".to_string()),
            part_of,
        };
        let facts = Facts {
            seized: vec![
                item(6000.0, false, None),
                item(2.5, false, Some(0)),
                item(1_000_000.0, true, None),
                item(0.125, false, None),
            ],
            ..Facts::default()
        };
        // 6000 + 0.13 (rounded to hundredths): the part and the doubtful one left out.
        assert_eq!(seized_hundredths(&facts), 600_013);
    }

    /// A minimal CSV reader, independent of the writer: quoted cells with
    /// doubled quotes, `sep` between cells, CRLF between lines.
    fn read_csv(text: &str, sep: char) -> Vec<Vec<String>> {
        let mut rows = vec![vec![String::new()]];
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let row = rows.last_mut().unwrap();
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    row.last_mut().unwrap().push('"');
                }
                ('"', _) => quoted = !quoted,
                (c, false) if c == sep => row.push(String::new()),
                ('\r', false) => {}
                ('\n', false) => rows.push(vec![String::new()]),
                (c, _) => row.last_mut().unwrap().push(c),
            }
        }
        rows.pop();
        rows
    }

    #[test]
    fn the_csv_holds_every_event_given_in_order_with_its_release() {
        let archive = archive();
        let events = exported(&archive);
        for lang in [Lang::En, Lang::Ru] {
            let csv = events_csv(&events, &ABOUT, lang);
            assert!(csv.starts_with('\u{feff}'));
            let rows = read_csv(&csv['\u{feff}'.len_utf8()..], csv_separator(lang));
            assert!(rows[0][0].starts_with('#') && rows[0][0].contains(ABOUT.archive_version));
            assert!(
                rows[0][0].contains(&events.len().to_string()),
                "{:?}",
                rows[0]
            );
            assert_eq!(
                rows[1],
                vec![format!(
                    "{}{}",
                    if lang == Lang::Ru {
                        "# Вид: "
                    } else {
                        "# View: "
                    },
                    ABOUT.view
                )]
            );
            assert_eq!(rows.len(), 3 + events.len());
            let header = &rows[2];
            let col = |name: &str| header.iter().position(|h| h == name);
            for (x, row) in events.iter().zip(&rows[3..]) {
                assert_eq!(row.len(), header.len(), "{row:?}");
                assert_eq!(row[0], x.event.id);
                assert_eq!(row[1], x.event.date.start.to_string());
                assert_eq!(row[3], x.event.country);
                assert_eq!(row[9], x.release.id);
                assert_eq!(row[11], x.page);
                // Titles come back as written, unless a formula had to be neutralised.
                let title = row[7].strip_prefix('\'').unwrap_or(&row[7]);
                assert_eq!(title, x.event.title);
            }
            if lang == Lang::En {
                let kg = col("seized_kg").unwrap();
                let with_weights = events
                    .iter()
                    .zip(&rows[3..])
                    .filter(|(x, _)| x.event.facts.as_ref().is_some_and(|f| !f.seized.is_empty()))
                    .count();
                assert_eq!(
                    rows[3..].iter().filter(|r| !r[kg].is_empty()).count(),
                    with_weights
                );
            }
        }
    }

    #[test]
    fn hostile_cells_stay_text() {
        let archive = archive();
        let mut event = archive.releases[0].events[0].clone();
        event.title = "=HYPERLINK(\"http://evil\"),\"x\";\r\n@SUM(1)".into();
        event.id = "+1".into();
        let release = &archive.releases[0];
        let one = [Exported {
            event: &event,
            release,
            page: "-x".into(),
        }];
        for lang in [Lang::En, Lang::Ru] {
            let csv = events_csv(&one, &ABOUT, lang);
            let rows = read_csv(&csv['\u{feff}'.len_utf8()..], csv_separator(lang));
            let row = &rows[3];
            assert_eq!(row[0], "'+1");
            assert_eq!(row[7], format!("'{}", event.title));
            assert_eq!(row[11], "'-x");
        }
    }

    #[test]
    fn the_json_reads_back_through_the_decoder_with_no_warning() {
        let archive = archive();
        let mut events = exported(&archive);
        // The list's order, not the archive's: the newest last.
        events.reverse();
        let json = events_json(&events, &ABOUT);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["extract"]["archive_version"], ABOUT.archive_version);
        assert_eq!(value["extract"]["view"], ABOUT.view);
        assert_eq!(value["extract"]["events"], events.len());
        let (back, warnings) = decode(&json).expect("an export decodes");
        assert!(warnings.is_empty(), "{warnings:?}");
        let ids: Vec<&str> = back
            .releases
            .iter()
            .flat_map(|r| r.events.iter().map(|e| e.id.as_str()))
            .collect();
        assert_eq!(ids.len(), events.len());
        for r in &back.releases {
            let original = archive.releases.iter().find(|o| o.id == r.id).unwrap();
            assert_eq!(r.summary, original.summary);
            assert_eq!(r.source_file, original.source_file);
            assert!(r.translations.is_empty());
            // Within a release, the order given: here the archive's reversed.
            let mut expected: Vec<&Event> = original.events.iter().collect();
            expected.reverse();
            assert_eq!(r.events.iter().collect::<Vec<_>>(), expected);
        }
        let order: Vec<&str> = back.releases.iter().map(|r| r.id.as_str()).collect();
        let archive_order: Vec<&str> = archive.releases.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(order, archive_order, "the schema's order of releases");
    }

    #[test]
    fn file_names_say_which_events() {
        let state = |f: &str| crate::state::ViewState::parse(f).0;
        assert_eq!(events_file_stem(&state("#/events")), "caricc-events-all");
        assert_eq!(
            events_file_stem(&state("#/events?country=KZ&q=heroin&view=chart&by=year")),
            "caricc-events-KZ-q-heroin"
        );
    }
}
