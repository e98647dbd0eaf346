//! Atom feeds (RFC 4287), written by the publish step beside the app: one of
//! the newest releases and one per country of its newest events, so a
//! reader can follow the archive in a feed reader.
//!
//! | path | entries |
//! |---|---|
//! | `feeds/releases.atom` | the newest [`FEED_ENTRIES`] releases, in the app's order (newest period first) |
//! | `feeds/<code>.atom` (`kz.atom`, …: the ISO code in lower case) | the newest [`FEED_ENTRIES`] events of that country, in the list's order (newest first day first); one feed per country the archive has events for |
//!
//! Each entry: its title in display case (as the app shows it,
//! [`crate::pieces`] computes it), its date (a release: the last day of its
//! period; an event: its first day; both at 00:00 UTC, as `updated` and
//! `published`), a summary (a release's own summary paragraphs, or, when
//! it has none, its events per country and its first event's text; an
//! event's text), cut to [`SUMMARY_CHARS`] characters, and a link to its
//! page in the app (`#/release/ID`, `#/event/ID`, built by
//! `caricc_core::state`, the code the app reads its address with).
//!
//! Ids are stable across publishes: `urn:caricc:release:ID`,
//! `urn:caricc:event:ID` (the id as the app's address encodes it), and
//! `urn:caricc:feed:releases`, `urn:caricc:feed:country:<code>` for the
//! feeds. A feed's `updated` is its newest entry's date (the Unix epoch
//! when it has none), so the same archive gives the same bytes.
//!
//! Links: a site can live under any host and path, so without a base URL
//! they are relative to the feed (`../#/release/ID`), which a feed reader
//! resolves against the address it fetched the feed from; with
//! `publish --base-url https://host/path/` (the folder the site is served
//! from) they are absolute, and the feed has an absolute `self` link.
//!
//! Text is archive text, untrusted: `atom_syndication` writes it escaped
//! (`<`, `&`, quotes), as plain text (`type="text"`), never markup. XML 1.0
//! cannot carry the control characters other than tab and line feed (nor
//! U+FFFE, U+FFFF), which the crate would write as they are: they are
//! left out here ([`xml_text`]), and a carriage return becomes a line feed,
//! as an XML reader would read it. Everything else (a bidi override, any
//! script) is kept as the archive has it.

use std::collections::HashMap;

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text, TextType, WriteConfig};
use caricc_core::country;
use caricc_core::index::{ArchiveIndex, EventTable, ReleaseIdx, RowPos};
use caricc_core::model::{Event, Lang, Release};
use caricc_core::state::{Route, ViewState};
use caricc_core::Date;

/// The folder of the feeds, at the site's root.
pub const FEEDS_DIR: &str = "feeds";

/// The all-releases feed, inside the site.
pub const RELEASES_FEED: &str = "feeds/releases.atom";

/// Entries per feed: the newest 50 releases or events. A feed reader polls
/// the feed and keeps what it has seen, so the feed only needs what is
/// new since the last poll: 50 releases are about two years of digests.
pub const FEED_ENTRIES: usize = 50;

/// The longest summary, in characters; a longer text is cut at a word and
/// ends with "…". The entry links to the whole text in the app.
pub const SUMMARY_CHARS: usize = 600;

/// The name the feeds' titles start with: the page's title.
const SITE_TITLE: &str = "CARICC information-release archive";

/// The all-releases feed's title, also the title of the page's link to it.
pub const RELEASES_FEED_TITLE: &str = "CARICC information-release archive: releases";

/// The feeds of a published archive: what they say, ready to be written
/// with relative links or, once [`Feeds::set_base_url`] gave the site's
/// address, absolute ones.
#[derive(Debug, Clone, Default)]
pub struct Feeds {
    base: Option<String>,
    feeds: Vec<FeedSpec>,
}

#[derive(Debug, Clone)]
struct FeedSpec {
    /// The feed's path in the site, `feeds/….atom`.
    path: String,
    id: String,
    title: String,
    /// The app's page the feed follows.
    page: ViewState,
    entries: Vec<EntrySpec>,
}

#[derive(Debug, Clone)]
struct EntrySpec {
    route: Route,
    title: String,
    lang: Lang,
    date: Date,
    summary: String,
}

impl Feeds {
    /// The feeds of an archive split into `index` and `events` (row order),
    /// with `shown_releases` the releases of `index` with their titles in
    /// display case, and `shown` giving an event as the app shows it.
    pub(crate) fn new(
        index: &ArchiveIndex,
        events: &EventTable,
        shown_releases: &[Release],
        shown: impl Fn(&Event) -> Event,
    ) -> Feeds {
        let mut feeds = vec![releases_feed(index, events, shown_releases)];
        for (slot, code) in index.countries.iter().enumerate() {
            // Decoded archives only have ISO codes; a file name is made of
            // nothing else.
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            let entries = index
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| row.country as usize == slot)
                .take(FEED_ENTRIES)
                .filter_map(|(pos, _)| events.get(RowPos(pos as u32)))
                .map(|e| {
                    let e = shown(e);
                    EntrySpec {
                        summary: cut(&paragraphs(&e.body)),
                        route: Route::Event(e.id),
                        title: e.title,
                        lang: e.language,
                        date: e.date.start,
                    }
                })
                .collect();
            let lower = code.to_ascii_lowercase();
            feeds.push(FeedSpec {
                path: format!("{FEEDS_DIR}/{lower}.atom"),
                id: format!("urn:caricc:feed:country:{lower}"),
                title: format!(
                    "{SITE_TITLE}: {}",
                    country::name(code, caricc_core::model::Lang::En)
                ),
                page: ViewState {
                    route: Route::Events,
                    filter: caricc_core::state::FilterState {
                        countries: vec![code.clone()],
                        ..Default::default()
                    },
                    ..ViewState::default()
                },
                entries,
            });
        }
        Feeds { base: None, feeds }
    }

    /// Makes the links absolute, under `url`: the address of the folder the
    /// site is served from (`https://host/path/`; a missing final `/` is
    /// added). Only http(s) addresses, without a query or fragment.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base = Some(check_base_url(url)?);
        Ok(())
    }

    /// The base URL in use, if any.
    pub fn base_url(&self) -> Option<&str> {
        self.base.as_deref()
    }

    /// Every feed: its path inside the site (`feeds/releases.atom`, …) and
    /// its bytes (UTF-8 XML). The all-releases feed comes first.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        self.feeds
            .iter()
            .map(|f| (f.path.clone(), self.render(f)))
            .collect()
    }

    fn render(&self, spec: &FeedSpec) -> Vec<u8> {
        // Relative links are relative to the feed, one folder below the
        // page: `../#/release/ID`.
        let (page_base, self_href) = match &self.base {
            Some(base) => (base.clone(), format!("{base}{}", spec.path)),
            None => (
                "../".to_string(),
                spec.path
                    .rsplit('/')
                    .next()
                    .unwrap_or(&spec.path)
                    .to_string(),
            ),
        };
        let link = |rel: &str, href: String, mime: Option<&str>, lang: Option<Lang>| Link {
            href,
            rel: rel.to_string(),
            mime_type: mime.map(str::to_string),
            hreflang: lang.map(|l| l.as_str().to_string()),
            ..Link::default()
        };
        let entries: Vec<Entry> = spec
            .entries
            .iter()
            .map(|e| {
                let page = ViewState {
                    route: e.route.clone(),
                    ..ViewState::default()
                };
                let date = timestamp(e.date);
                Entry {
                    id: entry_id(&e.route),
                    title: text(&e.title, Some(e.lang)),
                    updated: date,
                    published: Some(date),
                    summary: Some(text(&e.summary, Some(e.lang))),
                    links: vec![link(
                        "alternate",
                        format!("{page_base}{}", page.to_fragment()),
                        Some("text/html"),
                        Some(e.lang),
                    )],
                    ..Entry::default()
                }
            })
            .collect();
        let updated = entries
            .iter()
            .map(|e| e.updated)
            .max()
            .unwrap_or_else(|| timestamp_or_epoch(None));
        let feed = Feed {
            id: spec.id.clone(),
            title: text(&spec.title, None),
            updated,
            authors: vec![Person {
                name: "CARICC".to_string(),
                ..Person::default()
            }],
            links: vec![
                link(
                    "alternate",
                    format!("{page_base}{}", spec.page.to_fragment()),
                    Some("text/html"),
                    None,
                ),
                link("self", self_href, Some("application/atom+xml"), None),
            ],
            lang: Some("en".to_string()),
            entries,
            ..Feed::default()
        };
        let config = WriteConfig {
            write_document_declaration: true,
            indent_size: Some(1),
        };
        let mut out = Vec::new();
        feed.write_with_config(&mut out, config)
            .expect("writing a feed to memory");
        out.push(b'\n');
        out
    }
}

/// The all-releases feed: the newest releases, as the app lists them.
fn releases_feed(
    index: &ArchiveIndex,
    events: &EventTable,
    shown_releases: &[Release],
) -> FeedSpec {
    let newest: Vec<ReleaseIdx> = index
        .releases_newest_first
        .iter()
        .copied()
        .take(FEED_ENTRIES)
        .collect();
    // For those without a summary of their own: their events per country
    // and their first event, in one pass over the rows.
    // Per release: events per country slot, and (event index, row) of its
    // first event.
    type Held = (Vec<u32>, Option<(u32, RowPos)>);
    let mut held: HashMap<ReleaseIdx, Held> = newest
        .iter()
        .map(|&ri| (ri, (vec![0; index.countries.len()], None)))
        .collect();
    for (pos, row) in index.rows.iter().enumerate() {
        if let Some((counts, first)) = held.get_mut(&row.release) {
            counts[row.country as usize] += 1;
            if first.is_none_or(|(event, _)| row.event < event) {
                *first = Some((row.event, RowPos(pos as u32)));
            }
        }
    }
    let entries = newest
        .iter()
        .filter_map(|&ri| Some((shown_releases.get(ri.index())?, &held[&ri])))
        .map(|(r, (counts, first))| EntrySpec {
            route: Route::Release(r.id.clone()),
            title: r.title.clone(),
            lang: r.language,
            date: r.period.end,
            summary: if r.summary.is_empty() {
                let first = first.and_then(|(_, pos)| events.get(pos));
                events_summary(r, index, counts, first)
            } else {
                cut(&paragraphs(&r.summary))
            },
        })
        .collect();
    FeedSpec {
        path: RELEASES_FEED.to_string(),
        id: "urn:caricc:feed:releases".to_string(),
        title: RELEASES_FEED_TITLE.to_string(),
        page: ViewState::default(),
        entries,
    }
}

/// What a release without a summary holds: "2025-11-01 to 2025-11-15: 12
/// events, Kazakhstan 5, Kyrgyzstan 4, Tajikistan 3.", then the text of
/// its first event (a news item's or a press release's one story).
fn events_summary(
    r: &Release,
    index: &ArchiveIndex,
    counts: &[u32],
    first: Option<&Event>,
) -> String {
    let total: u32 = counts.iter().sum();
    let period = if r.period.start == r.period.end {
        r.period.start.to_string()
    } else {
        format!("{} to {}", r.period.start, r.period.end)
    };
    let mut by_country: Vec<(u32, &str)> = counts
        .iter()
        .zip(&index.countries)
        .filter(|(&n, _)| n > 0)
        .map(|(&n, c)| (n, c.as_str()))
        .collect();
    if by_country.is_empty() {
        return format!("{period}: no events.");
    }
    // Most first, then by code.
    by_country.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let noun = if total == 1 { "event" } else { "events" };
    let list: Vec<String> = by_country
        .iter()
        .map(|(n, c)| format!("{} {n}", country::name(c, caricc_core::model::Lang::En)))
        .collect();
    let mut text = format!("{period}: {total} {noun}, {}.", list.join(", "));
    if let Some(e) = first {
        text.push_str("\n\n");
        text.push_str(&paragraphs(&e.body));
    }
    cut(&text)
}

/// Plain text for the feed, in `lang` when given.
fn text(value: &str, lang: Option<Lang>) -> Text {
    Text {
        value: xml_text(value),
        r#type: TextType::Text,
        lang: lang.map(|l| l.as_str().to_string()),
        ..Text::default()
    }
}

/// `s` as XML 1.0 can carry it: without the characters outside its `Char`
/// production (U+0000 to U+0008, U+000B, U+000C, U+000E to U+001F, U+FFFE,
/// U+FFFF; a Rust string has no lone surrogates), and with a carriage
/// return (alone or before a line feed) as one line feed, which is what an
/// XML reader makes of it anyway. Escaping `<`, `&` and quotes is the
/// writer's (`atom_syndication`, through `quick-xml`).
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Paragraphs as one text, a blank line between them, as far as a
/// summary reads: [`cut`] is given no more than it looks at.
fn paragraphs(ps: &[String]) -> String {
    let mut text = String::new();
    for p in ps {
        if text.len() > READ_BYTES {
            break;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(p);
    }
    text
}

/// How much of a text [`cut`] reads: well past [`SUMMARY_CHARS`]
/// characters of any script, so that a text of megabytes costs no more
/// than a short one.
const READ_BYTES: usize = SUMMARY_CHARS * 16;

/// `s` cut to at most [`SUMMARY_CHARS`] characters (after [`xml_text`]),
/// at the last white space before the limit when there is one, with "…".
fn cut(s: &str) -> String {
    let mut read = s.len().min(READ_BYTES);
    while !s.is_char_boundary(read) {
        read -= 1;
    }
    let longer = read < s.len();
    let s = xml_text(&s[..read]);
    let s = s.trim();
    let end = match s.char_indices().nth(SUMMARY_CHARS) {
        None if !longer => return s.to_string(),
        None => s.len(),
        Some((end, _)) => end,
    };
    // Room for the "…".
    let end = s[..end].char_indices().last().map_or(0, |(i, _)| i);
    let head = &s[..end];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > end / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

/// `urn:caricc:release:ID` or `urn:caricc:event:ID`, the id encoded as the
/// app's address encodes it (`#/release/ID`), so both stay the same from
/// one publish to the next.
fn entry_id(route: &Route) -> String {
    let fragment = ViewState {
        route: route.clone(),
        ..ViewState::default()
    }
    .to_fragment();
    // `#/release/ENC`: the encoded id has no `/` (it is percent-encoded).
    let path = fragment.trim_start_matches("#/");
    format!("urn:caricc:{}", path.replacen('/', ":", 1))
}

/// Midnight UTC of `day`.
fn timestamp(day: Date) -> FixedDateTime {
    timestamp_or_epoch(Some(day))
}

fn timestamp_or_epoch(day: Option<Date>) -> FixedDateTime {
    let at = |s: &str| FixedDateTime::parse_from_rfc3339(s).ok();
    day.and_then(|d| at(&format!("{d}T00:00:00Z")))
        .or_else(|| at("1970-01-01T00:00:00Z"))
        .expect("the epoch is a date")
}

/// Checks and normalises a `--base-url`: an absolute `http://` or
/// `https://` address with a host, no query, fragment, white space, control
/// characters, quotes or angle brackets, ending with `/`.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("{url:?}: the base URL must start with https:// or http://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("{url:?}: the base URL must name a host"));
    }
    if let Some(c) = url.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '?' | '#' | '"' | '\'' | '<' | '>' | '\\' | '`')
    }) {
        return Err(format!(
            "{url:?}: the base URL may not hold {c:?} (no query, fragment, space or quote)"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_leaves_out_what_xml_cannot_carry_and_nothing_else() {
        assert_eq!(
            xml_text("a\u{0}b\u{8}\tc\u{b}\u{c}\nd\u{1f}\u{7f}\u{202e}e\u{fffe}\u{ffff}<&]]>"),
            "ab\tc\nd\u{7f}\u{202e}e<&]]>"
        );
        assert_eq!(xml_text("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn a_long_summary_is_cut_at_a_word() {
        let long = "word ".repeat(500);
        let got = cut(&long);
        assert!(got.chars().count() <= SUMMARY_CHARS, "{}", got.len());
        assert!(got.ends_with("word…"), "{got}");
        let one = "x".repeat(SUMMARY_CHARS * 2);
        assert_eq!(cut(&one).chars().count(), SUMMARY_CHARS);
        // A text of megabytes: only its start is read.
        let huge = format!("{}{}", "я ".repeat(3_000_000), "\u{0}".repeat(10));
        let got = cut(&huge);
        assert!((SUMMARY_CHARS - 3..=SUMMARY_CHARS).contains(&got.chars().count()));
        assert!(got.ends_with("я…"));
        // Cut where the reading stops, not where the text ends.
        let controls = "\u{1}".repeat(READ_BYTES * 2) + "tail";
        assert_eq!(cut(&controls), "…");
        assert_eq!(cut(" short "), "short");
    }

    #[test]
    fn ids_use_the_app_s_encoding() {
        assert_eq!(
            entry_id(&Route::Release("ir-2025-11".into())),
            "urn:caricc:release:ir-2025-11"
        );
        assert_eq!(
            entry_id(&Route::Event("e/1 x?".into())),
            "urn:caricc:event:e%2F1+x%3F"
        );
    }

    #[test]
    fn base_urls_are_checked() {
        assert_eq!(
            check_base_url("https://example.org/caricc").unwrap(),
            "https://example.org/caricc/"
        );
        assert_eq!(check_base_url("http://h/").unwrap(), "http://h/");
        for bad in [
            "example.org/",
            "ftp://h/",
            "https://",
            "https:///x",
            "https://h/?q=1",
            "https://h/#x",
            "https://h/a b",
            "https://h/\"><script>",
            "javascript:alert(1)",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }
}
