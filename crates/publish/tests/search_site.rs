//! The search index of a published site, read back from the files a publish
//! wrote as the browser reads them (the meta, then the pieces a query
//! needs), answers as the app's in-memory engine over the same documents:
//! the events of the published events pieces, row by row, each its title and
//! body. Paths are built here from the catalogue's format as documented, not
//! with the publisher's helpers.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use caricc_core::catalogue::{check_piece, Catalogue, Manifest};
use caricc_core::index::ArchiveIndex;
use caricc_core::model::Archive;
use caricc_core::search::{
    Hit, LoadedShards, SearchDoc, SearchIndex, ShardError, ShardMeta, ShardedSearch,
};
use caricc_publish::{pieces, site};
use common::{bundled, published_events, synthetic};

/// Publishes `archive` with a stand-in app into `dir/site`; returns `site/data`.
fn publish(archive: Archive, dir: &Path) -> PathBuf {
    let app = dir.join("app");
    fs::create_dir_all(&app).unwrap();
    fs::write(app.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let out = dir.join("site");
    site::write_site(&app, &pieces::split(archive, vec![]), None, &out).unwrap();
    out.join("data")
}

fn manifest(data: &Path) -> Manifest {
    serde_json::from_slice(&fs::read(data.join("manifest.json")).unwrap()).unwrap()
}

fn catalogue(data: &Path) -> Catalogue {
    let m = manifest(data);
    check_piece(&m.catalogue, &fs::read(data.join(&m.catalogue)).unwrap()).unwrap()
}

/// The search meta the catalogue names, checked against its name.
fn meta(data: &Path, cat: &Catalogue) -> ShardMeta {
    let path = cat
        .search
        .as_deref()
        .expect("the catalogue names a search meta");
    let meta = ShardMeta::decode(&fs::read(data.join(path)).unwrap()).expect("the meta decodes");
    assert_eq!(path, format!("search/meta-{:016x}.bin", meta.version()));
    meta
}

fn piece_path(data: &Path, meta: &ShardMeta, id: caricc_core::search::ShardId) -> PathBuf {
    data.join("search").join(format!("{}.bin", meta.name(id)))
}

/// A cold query against the written files, as the browser runs it.
fn search_files(data: &Path, meta: &ShardMeta, q: &str) -> Option<Vec<Hit>> {
    let plan = ShardedSearch::plan(meta, q)?;
    let mut loaded = LoadedShards::new();
    for _ in 0..3 {
        let needs = plan.needs(meta, &loaded);
        if needs.is_empty() {
            return Some(plan.execute(meta, &loaded).expect("executes").hits);
        }
        for id in needs {
            let bytes = fs::read(piece_path(data, meta, id)).expect("a needed piece exists");
            loaded
                .insert(meta, id, &bytes)
                .expect("a written piece loads");
        }
    }
    panic!("{q:?}: more than two rounds of fetches");
}

/// Queries of each kind the app takes: a word, a prefix, a Russian word, a
/// phrase, an exclusion, a typo, a name in the other script.
const QUERIES: &[(&str, &str)] = &[
    ("word", "drugs"),
    ("word", "police"),
    ("prefix", "pavlo"),
    ("prefix", "narc"),
    ("russian", "правонарушений"),
    ("russian", "нарк"),
    ("phrase", "\"against drugs\""),
    ("exclusion", "drugs -police"),
    ("exclusion", "-\"against drugs\" region"),
    ("typo", "karasroa "),
    ("typo", "polise "),
    ("script", "карасора"),
    ("other language", "синтетика"),
    ("other language", "таможня "),
    ("other language", "treatment"),
];

/// Checks the published site in `data` against the in-memory engine and
/// the events the archive gives; returns the hits per query.
fn check_site(data: &Path, archive: Archive) -> Vec<usize> {
    let cat = catalogue(data);
    let events = published_events(data, &cat);
    let (_, want_events) = ArchiveIndex::new(archive);
    assert_eq!(events.len(), want_events.len());
    // The same events, but for titles, which the pieces carry in display
    // case (the search folds case, so the documents index alike).
    assert!(events.iter().zip(want_events.events()).all(|(a, b)| {
        let mut a = a.clone();
        a.title = b.title.clone();
        a == *b
    }));

    let meta = meta(data, &cat);
    assert_eq!(meta.docs(), events.len());
    // Every piece the meta names is there, with its compressed copies; and
    // nothing else is in the folder.
    let version = format!("{:016x}", meta.version());
    let mut expected = vec![format!("meta-{version}.bin")];
    for id in meta.all() {
        let name = meta.name(id);
        assert!(name.ends_with(&format!("-{version}")), "{name}");
        for suffix in ["", ".gz", ".br"] {
            let p = PathBuf::from(format!("{}{suffix}", piece_path(data, &meta, id).display()));
            assert!(p.is_file(), "{} is missing", p.display());
        }
        expected.push(format!("{name}.bin"));
    }
    let mut found: Vec<String> = fs::read_dir(data.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".gz") && !n.ends_with(".br"))
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);

    // The manifest's bytes: every file of this version but the manifest.
    let mut on_disk = 0;
    for dir in [data.to_path_buf(), data.join("search")] {
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_file()
                && name != "manifest.json"
                && !name.ends_with(".gz")
                && !name.ends_with(".br")
            {
                on_disk += fs::metadata(&p).unwrap().len();
            }
        }
    }
    assert_eq!(manifest(data).bytes, on_disk);

    // The same answers as the app's engine over the same documents.
    let docs = || {
        events.iter().map(|e| SearchDoc {
            title: &e.title,
            body: &e.body,
        })
    };
    // The publish step gives the index the thesaurus, as the portable
    // build gives it to its in-memory index.
    let memory =
        SearchIndex::build(docs()).with_thesaurus(caricc_core::thesaurus::cross_language());
    assert_eq!(&**meta.cross_language(), memory.cross_language());
    let text = |d: caricc_core::search::DocId| {
        events.get(d.0 as usize).map(|e| SearchDoc {
            title: &e.title,
            body: &e.body,
        })
    };
    let ids = |h: &Option<Vec<Hit>>| {
        h.as_ref()
            .map(|h| h.iter().map(|h| h.doc).collect::<Vec<_>>())
    };
    let mut counts = Vec::new();
    for (kind, q) in QUERIES {
        let want = memory.search_with_text(q, text);
        let got = search_files(data, &meta, q);
        assert_eq!(ids(&got), ids(&want), "{kind} {q:?}: other documents");
        assert_eq!(got, want, "{kind} {q:?}: other scores");
        counts.push(want.map_or(0, |h| h.len()));
    }
    counts
}

/// Every kind of query finds something, so that the comparison means
/// something.
fn each_kind_finds_something(counts: &[usize]) {
    for kind in [
        "word",
        "prefix",
        "russian",
        "phrase",
        "exclusion",
        "typo",
        "other language",
    ] {
        assert!(
            QUERIES
                .iter()
                .zip(counts)
                .any(|((k, _), &n)| *k == kind && n > 0),
            "no {kind} query found anything: {counts:?}"
        );
    }
}

#[test]
fn the_bundled_archive_s_site_searches_as_the_app_does() {
    let dir = tempfile::tempdir().unwrap();
    let data = publish(bundled(), dir.path());
    let counts = check_site(&data, bundled());
    each_kind_finds_something(&counts);
}

#[test]
fn a_synthetic_archive_s_site_searches_as_the_app_does() {
    let dir = tempfile::tempdir().unwrap();
    let archive = synthetic(3_000, 7);
    let data = publish(archive.clone(), dir.path());
    let counts = check_site(&data, archive);
    each_kind_finds_something(&counts);
}

#[test]
fn a_truncated_search_piece_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = publish(bundled(), dir.path());
    let cat = catalogue(&data);
    let meta = meta(&data, &cat);
    let mut checked = 0;
    for id in meta.all() {
        let bytes = fs::read(piece_path(&data, &meta, id)).unwrap();
        // Whole, it loads; cut anywhere, it is refused, naming the piece.
        LoadedShards::new().insert(&meta, id, &bytes).unwrap();
        for cut in [bytes.len() - 1, bytes.len() / 2, 10, 0] {
            let err: ShardError = LoadedShards::new()
                .insert(&meta, id, &bytes[..cut])
                .expect_err("a truncated piece is refused");
            assert_eq!(err.piece, meta.name(id));
        }
        checked += 1;
    }
    assert!(checked > 4);
    let path = data.join(cat.search.as_deref().unwrap());
    let bytes = fs::read(path).unwrap();
    assert!(ShardMeta::decode(&bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn an_archive_without_events_has_no_search_index() {
    let dir = tempfile::tempdir().unwrap();
    let data = publish(
        Archive {
            schema_version: 1,
            releases: vec![],
        },
        dir.path(),
    );
    assert_eq!(catalogue(&data).search, None);
    assert_eq!(manifest(&data).search, None);
    assert!(!data.join("search").exists());
}

/// A page opening on a query fetches the search meta beside the catalogue:
/// the manifest names the same meta as the catalogue, a file of the site.
#[test]
fn the_manifest_names_the_catalogue_s_search_meta() {
    let dir = tempfile::tempdir().unwrap();
    let data = publish(bundled(), dir.path());
    let named = manifest(&data)
        .search
        .expect("the manifest names a search meta");
    assert_eq!(Some(&named), catalogue(&data).search.as_ref());
    assert!(ShardMeta::decode(&fs::read(data.join(&named)).unwrap()).is_ok());
    // A manifest written before the field still reads.
    let old: Manifest = serde_json::from_str(
        r#"{"format":7,"version":"v","catalogue":"catalogue-0123456789abcdef.json","bytes":1}"#,
    )
    .unwrap();
    assert_eq!(old.search, None);
}
