//! Writing a static site: the app's files and the archive's pieces, each
//! with a gzip and a brotli copy beside it, into a new folder that replaces
//! the old one only once it is complete.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use caricc_core::catalogue::{self, Catalogue, ChunkNames, Manifest};
use caricc_core::search::ShardMeta;

use crate::feeds::{self, FEEDS_DIR};
use crate::pieces::Published;
use crate::PublishError;

/// Where the archive's pieces go, inside the site.
pub const DATA_DIR: &str = "data";

/// Writes the site for `published` with the app from `app` into `out`.
///
/// Everything is written to a sibling folder first; `out` is replaced only
/// when that is complete, so a failure leaves the previous site as it was.
/// The pieces of the version `out` held before are carried over, so a
/// reader whose page still shows that version can fetch what it lacks.
///
/// `source`, when given, is copied as the site's `archive.json`: the public
/// contract, for partners who want the whole archive in one file.
pub fn write_site(
    app: &Path,
    published: &Published,
    source: Option<&Path>,
    out: &Path,
) -> Result<SiteSummary, PublishError> {
    let name = out
        .file_name()
        .ok_or_else(|| PublishError::new(out, "the output must name a folder"))?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if out.exists() && !out.is_dir() {
        return Err(PublishError::new(out, "exists and is not a folder"));
    }
    let tmp = parent.join(format!(".{name}.publishing-{}", std::process::id()));
    let summary = match write_into(app, published, source, out, &tmp) {
        Ok(summary) => summary,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if out.exists() {
        fs::rename(out, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            PublishError::io(out, "could not move the previous site aside", e)
        })?;
    }
    if let Err(e) = fs::rename(&tmp, out) {
        // Put the previous site back: nothing is lost.
        if old.exists() {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(PublishError::io(
            out,
            "could not move the new site in place",
            e,
        ));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(summary)
}

/// What a publish wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSummary {
    /// The new version.
    pub version: String,
    /// Pieces of the new version.
    pub pieces: usize,
    /// Their bytes, uncompressed.
    pub bytes: u64,
    /// Their bytes, gzipped.
    pub gzip_bytes: u64,
    /// Pieces of the previous version kept for readers who still have it open.
    pub carried_over: usize,
    /// Atom feeds written (`feeds/`).
    pub feeds: usize,
}

fn write_into(
    app: &Path,
    published: &Published,
    source: Option<&Path>,
    out: &Path,
    tmp: &Path,
) -> Result<SiteSummary, PublishError> {
    if tmp.exists() {
        fs::remove_dir_all(tmp)
            .map_err(|e| PublishError::io(tmp, "could not clear a stale folder", e))?;
    }
    fs::create_dir_all(tmp).map_err(|e| PublishError::io(tmp, "could not create", e))?;
    copy_app(app, tmp)?;
    preload_data(&tmp.join("index.html"), &published.manifest)?;
    link_feeds(&tmp.join("index.html"))?;
    if let Some(source) = source {
        let to = tmp.join("archive.json");
        fs::copy(source, &to).map_err(|e| PublishError::io(source, "could not copy", e))?;
    }
    let data = tmp.join(DATA_DIR);
    fs::create_dir_all(&data).map_err(|e| PublishError::io(&data, "could not create", e))?;

    let carried_over = carry_over(&out.join(DATA_DIR), &data, published)?;
    let mut gzip_bytes = 0;
    for (name, bytes) in &published.pieces {
        let path = data.join(name);
        create_parent(&path)?;
        gzip_bytes += write_compressed(&path, bytes, PIECE_BROTLI)?;
    }
    // The feeds, made anew each time (none is carried over: a country
    // the archive no longer has loses its feed).
    let feed_files = published.feeds.files();
    for (name, bytes) in &feed_files {
        let path = tmp.join(name);
        create_parent(&path)?;
        write_compressed(&path, bytes, APP_BROTLI)?;
    }
    // Everything else (the app's files) gets its compressed copies too.
    compress_tree(tmp)?;
    // The manifest last: a site is only ever complete with one.
    let manifest =
        serde_json::to_vec_pretty(&published.manifest).expect("a manifest always serialises");
    write_compressed(&data.join("manifest.json"), &manifest, APP_BROTLI)?;
    Ok(SiteSummary {
        version: published.manifest.version.clone(),
        pieces: published.pieces.len(),
        bytes: published.manifest.bytes,
        gzip_bytes,
        carried_over,
        feeds: feed_files.len(),
    })
}

/// Copies the app's build (everything but a `data` or `feeds` folder of
/// its own: a published site's, when publishing again from one).
fn copy_app(from: &Path, to: &Path) -> Result<(), PublishError> {
    if !from.join("index.html").is_file() {
        return Err(PublishError::new(
            from,
            "is not an app build: it has no index.html",
        ));
    }
    copy_tree(from, to, true)
}

fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<(), PublishError> {
    let entries = fs::read_dir(from).map_err(|e| PublishError::io(from, "could not read", e))?;
    for entry in entries {
        let entry = entry.map_err(|e| PublishError::io(from, "could not read", e))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if top && (entry.file_name() == DATA_DIR || entry.file_name() == FEEDS_DIR) {
            continue;
        }
        // Compressed copies are made anew for what this site holds: an old
        // one could belong to a file this publish replaces (archive.json).
        if matches!(path.extension().and_then(|e| e.to_str()), Some("gz" | "br")) {
            continue;
        }
        if path.is_dir() {
            fs::create_dir_all(&target)
                .map_err(|e| PublishError::io(&target, "could not create", e))?;
            copy_tree(&path, &target, false)?;
        } else {
            fs::copy(&path, &target).map_err(|e| PublishError::io(&path, "could not copy", e))?;
        }
    }
    Ok(())
}

/// Adds to the page `<link rel=preload>`s for the manifest and this
/// version's catalogue, the two files every view reads first: the browser
/// fetches them while it downloads and compiles the app, instead of one
/// round trip after the other once the app runs (on a 150 ms phone network,
/// two round trips and the catalogue's transfer saved). The page is written
/// by each publish with its data, so it never names another version's
/// catalogue; a page kept from an older deploy only preloads a file it
/// will not use. `as=fetch crossorigin` is what the app's `fetch` asks
/// (same origin, CORS mode), so the browser hands it the preloaded answer.
fn preload_data(index: &Path, manifest: &Manifest) -> Result<(), PublishError> {
    let links: String = ["manifest.json", manifest.catalogue.as_str()]
        .iter()
        .map(|name| format!("<link rel=preload href=\"{DATA_DIR}/{name}\" as=fetch crossorigin>"))
        .collect();
    put_links(
        index,
        &format!("<link rel=preload href=\"{DATA_DIR}/"),
        &links,
    )
}

/// Adds to the page a `<link rel=alternate>` to the all-releases feed, so
/// browsers and feed readers given the site's address find it (the
/// per-country feeds are listed in the README). As with the preloads, a
/// page taken from a published site loses the links it had first.
fn link_feeds(index: &Path) -> Result<(), PublishError> {
    let ours = format!(r#"<link rel="alternate" type="application/atom+xml" href="{FEEDS_DIR}/"#);
    let link = format!(
        r#"<link rel="alternate" type="application/atom+xml" href="{}" title="{}">"#,
        feeds::RELEASES_FEED,
        feeds::RELEASES_FEED_TITLE
    );
    debug_assert!(link.starts_with(&ours));
    put_links(index, &ours, &link)
}

/// Rewrites the page at `index` with `links` at the end of its head, after
/// taking out every tag that starts with `ours`: an app taken from a
/// published site (publishing again from it) has the links of its own
/// version, which go.
fn put_links(index: &Path, ours: &str, links: &str) -> Result<(), PublishError> {
    let mut page = fs::read_to_string(index)
        .map_err(|e| PublishError::io(index, "could not read the app's page", e))?;
    while let Some(at) = page.find(ours) {
        let end = page[at..].find('>').map_or(page.len(), |e| at + e + 1);
        page.replace_range(at..end, "");
    }
    // The end of the head, or where a page that leaves its tags implied
    // starts its body.
    let head_end = page
        .find("</head>")
        .or_else(|| page.find("<body"))
        .unwrap_or(page.len());
    page.insert_str(head_end, links);
    fs::write(index, page).map_err(|e| PublishError::io(index, "could not write", e))
}

/// Creates the folder `path` goes in (`data/search/`), if need be.
fn create_parent(path: &Path) -> Result<(), PublishError> {
    match path.parent() {
        Some(dir) if !dir.is_dir() => {
            fs::create_dir_all(dir).map_err(|e| PublishError::io(dir, "could not create", e))
        }
        _ => Ok(()),
    }
}

/// The previous version's search pieces, meta first: those its meta names.
/// Only names this code makes, so nothing outside `search/`; none when the
/// meta is missing, damaged or not the version its name says.
fn old_search_pieces(old_data: &Path, cat: &Catalogue) -> Vec<String> {
    let Some(path) = cat.search.as_deref() else {
        return Vec::new();
    };
    let Some(version) = catalogue::search_version(path) else {
        return Vec::new();
    };
    let Ok(bytes) = fs::read(old_data.join(path)) else {
        return Vec::new();
    };
    let Ok(meta) = ShardMeta::decode(&bytes) else {
        return Vec::new();
    };
    if meta.version() != version {
        return Vec::new();
    }
    std::iter::once(catalogue::search_meta(version))
        .chain(
            meta.all()
                .into_iter()
                .map(|id| catalogue::search_piece(&meta.name(id))),
        )
        .collect()
}

/// The previous version's events pieces: those its names piece names (each
/// checked to be an events piece's name, so nothing outside `data/`); none
/// when that piece is missing or damaged.
fn old_events_pieces(old_data: &Path, cat: &Catalogue) -> Vec<String> {
    let Ok(bytes) = fs::read(old_data.join(&cat.chunk_names)) else {
        return Vec::new();
    };
    ChunkNames::read(
        &cat.chunk_names,
        &bytes,
        cat.rows.start_gap.len(),
        cat.chunk_rows,
    )
    .unwrap_or_default()
    .into_iter()
    .filter(|n| catalogue::is_piece_name(n, "events"))
    .collect()
}

/// Copies the previous version's pieces (those its manifest's catalogue
/// names, the events pieces its names piece names, and the search pieces
/// its search meta names) that the new
/// version does not have. A previous site that cannot be read is simply
/// not carried over.
fn carry_over(old_data: &Path, data: &Path, published: &Published) -> Result<usize, PublishError> {
    let Ok(text) = fs::read(old_data.join("manifest.json")) else {
        return Ok(0);
    };
    let Ok(manifest) = serde_json::from_slice::<Manifest>(&text) else {
        return Ok(0);
    };
    if manifest.version == published.manifest.version {
        return Ok(0);
    }
    let Ok(bytes) = fs::read(old_data.join(&manifest.catalogue)) else {
        return Ok(0);
    };
    let Ok(cat) = catalogue::check_piece::<Catalogue>(&manifest.catalogue, &bytes) else {
        return Ok(0);
    };
    let new: HashSet<&str> = published.pieces.iter().map(|(p, _)| p.as_str()).collect();
    let names = std::iter::once(manifest.catalogue.as_str())
        .chain(cat.pieces())
        .filter(|name| !name.contains('/') && !name.contains(".."))
        .map(str::to_string)
        .chain(old_events_pieces(old_data, &cat))
        .chain(old_search_pieces(old_data, &cat));
    let mut n = 0;
    for name in names {
        if new.contains(name.as_str()) {
            continue;
        }
        for suffix in ["", ".gz", ".br"] {
            let from = old_data.join(format!("{name}{suffix}"));
            if from.is_file() {
                let to = data.join(format!("{name}{suffix}"));
                create_parent(&to)?;
                fs::copy(&from, &to)
                    .map_err(|e| PublishError::io(&from, "could not carry over", e))?;
            }
        }
        n += 1;
    }
    Ok(n)
}

/// brotli quality for the app's few files: the best.
const APP_BROTLI: u32 = 11;
/// brotli quality for the archive's pieces: quality 11 runs at about 1 MB/s
/// and made a 100,000-event publish take half an hour; 9 is ten times
/// faster for a few per cent more bytes.
const PIECE_BROTLI: u32 = 9;

/// Writes `bytes` to `path` with `path.gz` and `path.br` (at `quality`)
/// beside it; returns the gzipped size.
fn write_compressed(path: &Path, bytes: &[u8], quality: u32) -> Result<u64, PublishError> {
    fs::write(path, bytes).map_err(|e| PublishError::io(path, "could not write", e))?;
    let gz = gzip(bytes);
    let gz_path = suffixed(path, "gz");
    fs::write(&gz_path, &gz).map_err(|e| PublishError::io(&gz_path, "could not write", e))?;
    let br_path = suffixed(path, "br");
    fs::write(&br_path, brotli(bytes, quality))
        .map_err(|e| PublishError::io(&br_path, "could not write", e))?;
    Ok(gz.len() as u64)
}

fn compress_tree(dir: &Path) -> Result<(), PublishError> {
    let entries = fs::read_dir(dir).map_err(|e| PublishError::io(dir, "could not read", e))?;
    for entry in entries {
        let entry = entry.map_err(|e| PublishError::io(dir, "could not read", e))?;
        let path = entry.path();
        if path.is_dir() {
            compress_tree(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        // Already compressed, or already given its copies.
        if matches!(ext, "gz" | "br" | "png" | "jpg" | "woff2") || suffixed(&path, "gz").exists() {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| PublishError::io(&path, "could not read", e))?;
        write_compressed(&path, &bytes, APP_BROTLI)?;
    }
    Ok(())
}

fn suffixed(path: &Path, ext: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// gzip at the best level, as `gzip -9`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// brotli at `quality`, at most 9 for large files (quality 11 runs at
/// about 1 MB/s).
pub fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let quality = if bytes.len() > 256 * 1024 {
        quality.min(9)
    } else {
        quality
    };
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pieces::split;
    use caricc_core::model::{self, Archive};
    use std::io::Read;

    fn app(dir: &Path) -> PathBuf {
        let app = dir.join("app");
        fs::create_dir_all(app.join("sub")).unwrap();
        fs::write(
            app.join("index.html"),
            "<!doctype html><head><title>t</title></head><body></body>",
        )
        .unwrap();
        fs::write(app.join("sub/app-1234.js"), "console.log(1)").unwrap();
        app
    }

    fn archive() -> Archive {
        let text = fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/archive.json"
        ))
        .unwrap();
        model::decode(&text).unwrap().0
    }

    fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
            for e in fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(base, &p, out);
                } else {
                    out.push((
                        p.strip_prefix(base).unwrap().display().to_string(),
                        fs::read(&p).unwrap(),
                    ));
                }
            }
        }
        walk(dir, dir, &mut out);
        out.sort();
        out
    }

    #[test]
    fn the_page_preloads_the_manifest_and_the_catalogue_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let published = split(archive(), vec![]);
        write_site(&app(dir.path()), &published, None, &out).unwrap();
        let page = fs::read_to_string(out.join("index.html")).unwrap();
        let head = &page[..page.find("</head>").unwrap()];
        let manifest: Manifest =
            serde_json::from_slice(&fs::read(out.join("data/manifest.json")).unwrap()).unwrap();
        for file in ["manifest.json".to_string(), manifest.catalogue] {
            let link = format!("<link rel=preload href=\"data/{file}\" as=fetch crossorigin>");
            assert!(head.contains(&link), "{link} not in {head}");
            assert!(out.join("data").join(&file).is_file(), "{file}");
        }
        // Published again from that site, with another archive: only the
        // new version's links.
        let mut other = archive();
        other.releases.pop();
        let again = dir.path().join("again");
        write_site(&out, &split(other, vec![]), None, &again).unwrap();
        let page = fs::read_to_string(again.join("index.html")).unwrap();
        let manifest: Manifest =
            serde_json::from_slice(&fs::read(again.join("data/manifest.json")).unwrap()).unwrap();
        assert_eq!(page.matches("rel=preload").count(), 2, "{page}");
        assert!(page.contains(&manifest.catalogue), "{page}");
    }

    #[test]
    fn every_file_has_its_compressed_copies_and_they_decompress_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let summary = write_site(&app(dir.path()), &split(archive(), vec![]), None, &out).unwrap();
        assert!(summary.pieces > 2);
        let files = listing(&out);
        for (name, bytes) in files
            .iter()
            .filter(|(n, _)| !n.ends_with(".gz") && !n.ends_with(".br"))
        {
            let gz = &files
                .iter()
                .find(|(n, _)| *n == format!("{name}.gz"))
                .expect(name)
                .1;
            let mut plain = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut plain)
                .unwrap();
            assert_eq!(&plain, bytes, "{name}.gz");
            let br = &files
                .iter()
                .find(|(n, _)| *n == format!("{name}.br"))
                .expect(name)
                .1;
            let mut plain = Vec::new();
            brotli::Decompressor::new(&br[..], 4096)
                .read_to_end(&mut plain)
                .unwrap();
            assert_eq!(&plain, bytes, "{name}.br");
        }
        assert!(files.iter().any(|(n, _)| n == "data/manifest.json"));
        assert!(files.iter().any(|(n, _)| n == "sub/app-1234.js"));
        // Nothing is left beside it.
        let siblings: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(siblings.len(), 2, "{siblings:?}");
    }

    #[test]
    fn a_failed_publish_leaves_the_previous_site_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&app(dir.path()), &split(archive(), vec![]), None, &out).unwrap();
        let before = listing(&out);
        assert!(before
            .iter()
            .any(|(n, _)| n.starts_with("data/search/meta-")));
        assert!(before.iter().any(|(n, _)| n == feeds::RELEASES_FEED));
        // An app folder that is not a build: refused before anything moves.
        let not_app = dir.path().join("empty");
        fs::create_dir_all(&not_app).unwrap();
        let err = write_site(&not_app, &split(archive(), vec![]), None, &out).unwrap_err();
        assert!(err.to_string().contains("no index.html"), "{err}");
        assert_eq!(listing(&out), before);
        let siblings: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            siblings.len(),
            3,
            "no temporary folder is left: {siblings:?}"
        );
        // An output that is a file is refused.
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(write_site(&app(dir.path()), &split(archive(), vec![]), None, &file).is_err());
        assert_eq!(fs::read(&file).unwrap(), b"x");
    }

    #[test]
    fn the_previous_version_s_pieces_are_kept_for_open_pages() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut a = archive();
        let first = split(a.clone(), vec![]);
        write_site(&app(dir.path()), &first, None, &out).unwrap();
        a.releases.pop();
        let second = split(a.clone(), vec![]);
        let summary = write_site(&app(dir.path()), &second, None, &out).unwrap();
        assert!(summary.carried_over > 0);
        for (name, _) in first.pieces.iter().chain(&second.pieces) {
            assert!(out.join(DATA_DIR).join(name).is_file(), "{name}");
        }
        // Among them, events pieces only the first version's names piece
        // names (the catalogue does not).
        let names = |p: &Published| -> Vec<String> {
            p.pieces
                .iter()
                .filter(|(n, _)| n.starts_with("events-"))
                .map(|(n, _)| n.clone())
                .collect()
        };
        let new_events = names(&second);
        assert!(names(&first).iter().any(|n| !new_events.contains(n)));
        let manifest: Manifest =
            serde_json::from_slice(&fs::read(out.join("data/manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest, second.manifest);

        // The search index's pieces too, with their compressed copies.
        let search = |p: &Published| -> Vec<String> {
            p.pieces
                .iter()
                .filter(|(n, _)| n.starts_with("search/"))
                .map(|(n, _)| n.clone())
                .collect()
        };
        let (old_search, new_search) = (search(&first), search(&second));
        assert!(old_search.len() > 4);
        assert!(old_search.iter().all(|n| !new_search.contains(n)));
        for name in &old_search {
            for suffix in ["", ".gz", ".br"] {
                let p = out.join(DATA_DIR).join(format!("{name}{suffix}"));
                assert!(p.is_file(), "{}", p.display());
            }
        }

        // One version more: only the one before it is kept.
        a.releases.pop();
        let third = split(a, vec![]);
        write_site(&app(dir.path()), &third, None, &out).unwrap();
        let kept: Vec<String> = listing(&out.join(DATA_DIR).join("search"))
            .into_iter()
            .map(|(n, _)| format!("search/{n}"))
            .filter(|n| !n.ends_with(".gz") && !n.ends_with(".br"))
            .collect();
        let mut want = [search(&second), search(&third)].concat();
        want.sort();
        want.dedup();
        assert_eq!(kept, want);
    }
}
