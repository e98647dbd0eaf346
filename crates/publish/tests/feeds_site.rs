//! The Atom feeds a publish writes, read back from the site's files with
//! real parsers, not by matching strings: `roxmltree` (a strict XML 1.0
//! parser: a character XML cannot carry, or markup out of place, fails it)
//! for well-formedness and the elements RFC 4287 requires, and `feed-rs`
//! (an independent feed reader) for what a feed reader gets: ids, titles,
//! dates and links resolved against the feed's address. What the feeds
//! should hold is worked out here from the archive itself, with the app's
//! title casing (`caricc_core::title`) and addresses
//! (`caricc_core::state`).

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use caricc_core::model::{self, Archive, Event, Release};
use caricc_core::state::{Route, ViewState};
use caricc_core::title::{display_title, display_title_in};
use caricc_publish::{feeds, pieces, site};
use common::bundled;

const ATOM: &str = "http://www.w3.org/2005/Atom";
/// Where the tests pretend the site is served from.
const SITE: &str = "https://example.org/caricc/";

/// Publishes `archive` with a stand-in app (or the site `from`) into
/// `dir/<name>`, with `base` as `--base-url`; returns the site.
fn publish(
    archive: Archive,
    dir: &Path,
    name: &str,
    from: Option<&Path>,
    base: Option<&str>,
) -> PathBuf {
    let app = match from {
        Some(site) => site.to_path_buf(),
        None => {
            let app = dir.join("app");
            fs::create_dir_all(&app).unwrap();
            fs::write(
                app.join("index.html"),
                "<!doctype html><html><head><title>t</title></head><body></body></html>",
            )
            .unwrap();
            app
        }
    };
    let mut published = pieces::split(archive, vec![]);
    if let Some(base) = base {
        published.feeds.set_base_url(base).unwrap();
    }
    let out = dir.join(name);
    site::write_site(&app, &published, None, &out).unwrap();
    out
}

/// A feed as the two parsers read it.
struct Read {
    feed: feed_rs::model::Feed,
    /// Each entry's `<link rel=alternate>` href as written (unresolved).
    raw_links: Vec<String>,
}

/// Reads `site/path` strictly: well-formed XML, the Atom namespace, and
/// the elements RFC 4287 requires of a feed (id, title, updated, an
/// author) and of each entry (id, title, updated, a link with an href);
/// then as a feed reader fetching it from `SITE` would.
fn read(site: &Path, path: &str) -> Read {
    let bytes = fs::read(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let doc = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed", "{path}");
    assert_eq!(root.tag_name().namespace(), Some(ATOM), "{path}");
    let children = |n: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        n.children()
            .filter(|c| c.is_element() && c.tag_name().name() == name)
            .inspect(|c| assert_eq!(c.tag_name().namespace(), Some(ATOM)))
            .map(|c| c.text().unwrap_or("").to_string())
            .collect()
    };
    for name in ["id", "title", "updated"] {
        let got = children(root, name);
        assert_eq!(got.len(), 1, "{path}: feed/{name}");
        assert!(!got[0].trim().is_empty(), "{path}: feed/{name}");
    }
    assert_eq!(
        children(root, "author").len(),
        1,
        "{path}: the feed's author"
    );
    let mut raw_links = Vec::new();
    for entry in root
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "entry")
    {
        for name in ["id", "title", "updated", "summary"] {
            assert_eq!(children(entry, name).len(), 1, "{path}: entry/{name}");
        }
        let alternate: Vec<String> = entry
            .children()
            .filter(|c| c.tag_name().name() == "link")
            .filter(|c| c.attribute("rel").unwrap_or("alternate") == "alternate")
            .map(|c| c.attribute("href").expect("a link has an href").to_string())
            .collect();
        assert_eq!(alternate.len(), 1, "{path}: entry/link");
        raw_links.push(alternate[0].clone());
    }
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(format!("{SITE}{path}")))
        .build()
        .parse(&bytes[..])
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert!(feed.updated.is_some(), "{path}");
    for e in &feed.entries {
        assert!(e.updated.is_some() && e.title.is_some(), "{path}: {}", e.id);
    }
    // The feed's updated is its newest entry's.
    if let Some(newest) = feed.entries.iter().filter_map(|e| e.updated).max() {
        assert_eq!(feed.updated, Some(newest), "{path}");
    }
    assert_eq!(raw_links.len(), feed.entries.len());
    Read { feed, raw_links }
}

fn title(t: &Option<feed_rs::model::Text>) -> &str {
    &t.as_ref().expect("a title").content
}

/// The app's address of a page, with the site at `SITE`.
fn page(route: Route) -> String {
    format!(
        "{SITE}{}",
        ViewState {
            route,
            ..ViewState::default()
        }
        .to_fragment()
    )
}

fn midnight(d: caricc_core::Date) -> String {
    format!("{d}T00:00:00+00:00")
}

/// Releases newest first as the app lists them: by the first day of their
/// period, then by id.
fn newest_releases(a: &Archive) -> Vec<&Release> {
    let mut rs: Vec<&Release> = a.releases.iter().collect();
    rs.sort_by(|x, y| y.period.start.cmp(&x.period.start).then(x.id.cmp(&y.id)));
    rs
}

/// The feed files of a site, without their compressed copies.
fn feed_files(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.join(feeds::FEEDS_DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".atom"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_releases_feed_has_the_newest_releases_in_the_app_s_order_and_case() {
    let dir = tempfile::tempdir().unwrap();
    let archive = bundled();
    let site = publish(archive.clone(), dir.path(), "site", None, None);
    let Read { feed, raw_links } = read(&site, "feeds/releases.atom");
    assert_eq!(feed.id, "urn:caricc:feed:releases");
    assert_eq!(title(&feed.title), feeds::RELEASES_FEED_TITLE);
    let want = newest_releases(&archive);
    assert!(want.len() > 3, "the bundled archive has releases");
    assert_eq!(
        feed.entries.len(),
        want.len().min(feeds::FEED_ENTRIES),
        "the newest {} releases",
        feeds::FEED_ENTRIES
    );
    for ((e, r), raw) in feed.entries.iter().zip(&want).zip(&raw_links) {
        assert_eq!(e.id, format!("urn:caricc:release:{}", r.id));
        assert_eq!(title(&e.title), display_title(&r.title), "{}", r.id);
        assert_eq!(
            e.updated.unwrap().to_rfc3339(),
            midnight(r.period.end),
            "{}",
            r.id
        );
        assert_eq!(e.published, e.updated);
        // Relative to the feed, resolved by the reader against its address.
        assert_eq!(
            raw,
            &format!(
                "../{}",
                ViewState {
                    route: Route::Release(r.id.clone()),
                    ..ViewState::default()
                }
                .to_fragment()
            )
        );
        assert_eq!(e.links[0].href, page(Route::Release(r.id.clone())));
        let summary = &e.summary.as_ref().expect("a summary").content;
        assert!(!summary.is_empty(), "{}", r.id);
        assert!(summary.chars().count() <= feeds::SUMMARY_CHARS);
        if let Some(first) = r.summary.first() {
            let start: String = first.chars().take(40).collect();
            assert!(summary.starts_with(start.trim()), "{summary}");
        }
    }
    // A title the archive prints in capitals is shown in sentence case.
    assert!(
        feed.entries
            .iter()
            .zip(&want)
            .any(|(e, r)| title(&e.title) != r.title),
        "the bundled archive has titles in capitals"
    );
    // The feed links to the releases page, and to itself.
    let hrefs: Vec<&str> = feed.links.iter().map(|l| l.href.as_str()).collect();
    assert!(hrefs.contains(&page(Route::Releases).as_str()), "{hrefs:?}");
    assert!(
        hrefs.contains(&format!("{SITE}feeds/releases.atom").as_str()),
        "{hrefs:?}"
    );
}

#[test]
fn each_country_has_a_feed_of_its_own_newest_events() {
    let dir = tempfile::tempdir().unwrap();
    let archive = bundled();
    let site = publish(archive.clone(), dir.path(), "site", None, None);
    let mut by_country: HashMap<&str, Vec<&Event>> = HashMap::new();
    for r in &archive.releases {
        for e in &r.events {
            by_country.entry(e.country.as_str()).or_default().push(e);
        }
    }
    assert!(by_country.len() > 2);
    let mut want_files: Vec<String> = by_country
        .keys()
        .map(|c| format!("{}.atom", c.to_ascii_lowercase()))
        .chain(["releases.atom".to_string()])
        .collect();
    want_files.sort();
    assert_eq!(feed_files(&site), want_files);

    for (code, events) in &by_country {
        let lower = code.to_ascii_lowercase();
        let path = format!("feeds/{lower}.atom");
        let Read { feed, .. } = read(&site, &path);
        assert_eq!(feed.id, format!("urn:caricc:feed:country:{lower}"));
        assert!(
            title(&feed.title).ends_with(caricc_core::country::name(
                code,
                caricc_core::model::Lang::En
            )),
            "{:?}",
            feed.title
        );
        assert_eq!(
            feed.entries.len(),
            events.len().min(feeds::FEED_ENTRIES),
            "{path}"
        );
        let ids: HashMap<String, &&Event> = events
            .iter()
            .map(|e| (format!("urn:caricc:event:{}", e.id), e))
            .collect();
        let mut last = None;
        for entry in &feed.entries {
            // Only this country's events.
            let e = ids
                .get(&entry.id)
                .unwrap_or_else(|| panic!("{path}: {} is not an event of {code}", entry.id));
            assert_eq!(title(&entry.title), display_title_in(&e.title, &e.body));
            assert_eq!(entry.updated.unwrap().to_rfc3339(), midnight(e.date.start));
            assert_eq!(entry.links[0].href, page(Route::Event(e.id.clone())));
            // Newest first.
            assert!(last.is_none_or(|l| l >= e.date.start), "{path}");
            last = Some(e.date.start);
        }
        // They are the newest: none left out is newer than the oldest kept.
        if let Some(oldest) = last {
            let kept: HashSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
            assert!(events
                .iter()
                .filter(|e| !kept.contains(format!("urn:caricc:event:{}", e.id).as_str()))
                .all(|e| e.date.start <= oldest));
        }
        // The feed links to the events page filtered to the country.
        let list = ViewState {
            route: Route::Events,
            filter: caricc_core::state::FilterState {
                countries: vec![code.to_string()],
                ..Default::default()
            },
            ..ViewState::default()
        };
        assert!(feed
            .links
            .iter()
            .any(|l| l.href == format!("{SITE}{}", list.to_fragment())));
    }
}

#[test]
fn every_feed_has_its_compressed_copies_and_the_page_links_the_releases_feed() {
    let dir = tempfile::tempdir().unwrap();
    let site = publish(bundled(), dir.path(), "site", None, None);
    for name in feed_files(&site) {
        for suffix in ["gz", "br"] {
            assert!(
                site.join(format!("feeds/{name}.{suffix}")).is_file(),
                "{name}.{suffix}"
            );
        }
    }
    let link = format!(
        r#"<link rel="alternate" type="application/atom+xml" href="{}" title="{}">"#,
        feeds::RELEASES_FEED,
        feeds::RELEASES_FEED_TITLE
    );
    let page = fs::read_to_string(site.join("index.html")).unwrap();
    let head = &page[..page.find("</head>").unwrap()];
    assert_eq!(head.matches(&link).count(), 1, "{page}");

    // Published again from that site (as the e2e fixtures do), with a
    // country's events gone: the page has one link still, that country's
    // feed is gone, and the feeds both publishes have keep their ids.
    let mut less = bundled();
    let gone = less.releases[0].events[0].country.clone();
    for r in &mut less.releases {
        r.events.retain(|e| e.country != gone);
    }
    let again = publish(less, dir.path(), "again", Some(&site), None);
    let page = fs::read_to_string(again.join("index.html")).unwrap();
    assert_eq!(page.matches("application/atom+xml").count(), 1, "{page}");
    let gone_feed = format!("{}.atom", gone.to_ascii_lowercase());
    assert!(feed_files(&site).contains(&gone_feed));
    assert!(!feed_files(&again).contains(&gone_feed), "{gone_feed}");
    for name in feed_files(&again) {
        let path = format!("feeds/{name}");
        let (old, new) = (read(&site, &path).feed, read(&again, &path).feed);
        assert_eq!(old.id, new.id);
        let old: HashMap<&str, &str> = old
            .entries
            .iter()
            .map(|e| (e.id.as_str(), title(&e.title)))
            .collect();
        assert!(new
            .entries
            .iter()
            .filter(|e| old.contains_key(e.id.as_str()))
            .all(|e| old[e.id.as_str()] == title(&e.title)));
    }
}

#[test]
fn the_same_archive_gives_the_same_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let one = publish(bundled(), dir.path(), "one", None, None);
    let two = publish(bundled(), dir.path(), "two", None, None);
    for name in feed_files(&one) {
        assert_eq!(
            fs::read(one.join("feeds").join(&name)).unwrap(),
            fs::read(two.join("feeds").join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn with_a_base_url_the_links_are_absolute() {
    let dir = tempfile::tempdir().unwrap();
    let archive = bundled();
    // Without its final slash: the publish adds it.
    let site = publish(
        archive.clone(),
        dir.path(),
        "site",
        None,
        Some(SITE.trim_end_matches('/')),
    );
    let Read { feed, raw_links } = read(&site, "feeds/releases.atom");
    let newest = newest_releases(&archive)[0];
    assert_eq!(raw_links[0], page(Route::Release(newest.id.clone())));
    assert!(feed.links.iter().any(
        |l| l.rel.as_deref() == Some("self") && l.href == format!("{SITE}feeds/releases.atom")
    ));
    // Parsed with no address to resolve against, they are the same.
    let bytes = fs::read(site.join("feeds/releases.atom")).unwrap();
    let plain = feed_rs::parser::parse(&bytes[..]).unwrap();
    assert_eq!(plain.entries[0].links[0].href, raw_links[0]);
    // Other addresses are refused.
    let mut published = pieces::split(archive, vec![]);
    for bad in ["/caricc/", "file:///tmp/x", "https://h/?q", "javascript:x"] {
        assert!(published.feeds.set_base_url(bad).is_err(), "{bad}");
    }
}

#[test]
fn an_empty_archive_has_an_empty_releases_feed_and_no_country_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let empty = Archive {
        schema_version: 1,
        releases: vec![],
    };
    let site = publish(empty, dir.path(), "site", None, None);
    assert_eq!(feed_files(&site), ["releases.atom"]);
    let Read { feed, .. } = read(&site, "feeds/releases.atom");
    assert!(feed.entries.is_empty());
    assert_eq!(
        feed.updated.unwrap().to_rfc3339(),
        "1970-01-01T00:00:00+00:00"
    );
}

/// Text XML 1.0 cannot carry: what the feeds leave out of a title.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

#[test]
fn hostile_text_stays_text() {
    let hostile_release = "Digest <script>alert('r')</script> & \"quotes\" ]]> \u{202e}fdp.exe\u{202c} a\u{0}b\u{1}c\u{8}d\u{b}e\u{c}f\u{1f}g\u{fffe}h\u{ffff}i";
    let hostile_event = "Seizure <img src=x onerror=alert(1)> &amp; &lt;b&gt; ]]><![CDATA[x]]> \u{202e}evil\u{202c} \u{7}bell\u{1b}[31m";
    let hostile_id = "e\"<&>'\u{202e} x/y?z#w";
    let mut archive = bundled();
    let newest = newest_releases(&archive)[0].id.clone();
    // The hostile event is its country's newest, so its feed has it.
    let latest = archive
        .releases
        .iter()
        .flat_map(|r| &r.events)
        .map(|e| e.date.start)
        .max()
        .unwrap();
    let release = archive
        .releases
        .iter_mut()
        .find(|r| r.id == newest)
        .unwrap();
    release.title = hostile_release.to_string();
    release.summary = vec![format!("{hostile_event}\u{0}</summary><evil/>")];
    let event = &mut release.events[0];
    event.title = hostile_event.to_string();
    event.id = hostile_id.to_string();
    event.body = vec![format!("Body {hostile_release}")];
    event.date = caricc_core::DateRange::day(latest);
    let country = event.country.clone();
    // Through the app's decoder, as the publish command reads it.
    let json = serde_json::to_string(&archive).unwrap();
    let (archive, warnings) = model::decode(&json).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    // Not in capitals: shown as the archive has it.
    assert_eq!(display_title(hostile_release), hostile_release);

    let dir = tempfile::tempdir().unwrap();
    let site = publish(archive, dir.path(), "site", None, None);
    let strip = |s: &str| -> String { s.chars().filter(|&c| !forbidden(c)).collect() };

    let Read { feed, .. } = read(&site, "feeds/releases.atom");
    let entry = &feed.entries[0];
    assert_eq!(entry.id, format!("urn:caricc:release:{newest}"));
    assert_eq!(title(&entry.title), strip(hostile_release));
    let summary = &entry.summary.as_ref().unwrap().content;
    assert_eq!(
        summary,
        &strip(&format!("{hostile_event}\u{0}</summary><evil/>"))
    );

    let path = format!("feeds/{}.atom", country.to_ascii_lowercase());
    let Read { feed, .. } = read(&site, &path);
    let entry = feed
        .entries
        .iter()
        .find(|e| title(&e.title) == strip(hostile_event))
        .unwrap_or_else(|| panic!("{path} has the hostile event"));
    assert!(entry
        .summary
        .as_ref()
        .unwrap()
        .content
        .contains(&strip(hostile_release)));
    // The id is percent-encoded as the app's address encodes it: one IRI,
    // and the link leads to the event's page.
    assert_eq!(
        entry.links[0].href,
        page(Route::Event(hostile_id.to_string()))
    );
    assert!(
        entry.id.starts_with("urn:caricc:event:e%22%3C%26%3E"),
        "{}",
        entry.id
    );
    // No element came out of the text.
    let text = fs::read_to_string(site.join(&path)).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(doc.descendants().filter(|n| n.is_element()).all(|n| [
        "feed",
        "id",
        "title",
        "updated",
        "author",
        "name",
        "link",
        "entry",
        "published",
        "summary"
    ]
    .contains(&n.tag_name().name())));
}

/// The strict parser the tests rely on does refuse what XML cannot carry:
/// without that, the tests above would prove nothing about it.
#[test]
fn the_strict_parser_refuses_a_control_character() {
    assert!(roxmltree::Document::parse("<a>x</a>").is_ok());
    assert!(roxmltree::Document::parse("<a>x\u{1}</a>").is_err());
    assert!(roxmltree::Document::parse("<a>x\u{0}</a>").is_err());
    assert!(roxmltree::Document::parse("<a><script></a>").is_err());
}
