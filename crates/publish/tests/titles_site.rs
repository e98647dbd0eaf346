//! The releases' titles of a published site, read back from the files a
//! publish wrote: the catalogue carries those of the releases list's first
//! page (the newest, ordered here from the archive's own dates), every
//! release piece carries its releases' titles, and a release completed with
//! its piece has the title the archive gives it.

mod common;

use std::fs;
use std::path::Path;

use caricc_core::catalogue::{check_piece, Catalogue, Manifest, ReleasesPiece, TITLED_RELEASES};
use caricc_core::index::ReleaseIdx;
use caricc_core::title::display_title;
use caricc_publish::{pieces, site};
use common::synthetic;

fn read<T: serde::de::DeserializeOwned>(data: &Path, name: &str) -> T {
    check_piece(name, &fs::read(data.join(name)).unwrap()).unwrap()
}

#[test]
fn the_catalogue_has_the_first_page_s_titles_and_the_release_pieces_all() {
    let archive = synthetic(4000, 11);
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    fs::create_dir_all(&app).unwrap();
    fs::write(app.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let out = dir.path().join("site");
    site::write_site(&app, &pieces::split(archive.clone(), vec![]), None, &out).unwrap();
    let data = out.join("data");
    let manifest: Manifest =
        serde_json::from_slice(&fs::read(data.join("manifest.json")).unwrap()).unwrap();
    let cat: Catalogue = read(&data, &manifest.catalogue);
    assert!(
        archive.releases.len() > 2 * TITLED_RELEASES,
        "{} releases: too few to tell the first page",
        archive.releases.len()
    );
    assert_eq!(cat.releases.len(), archive.releases.len());

    // The newest first, as the releases list orders them: latest start,
    // then id.
    let mut newest: Vec<&str> = archive.releases.iter().map(|r| r.id.as_str()).collect();
    let by_id = |id: &str| archive.releases.iter().find(|r| r.id == id).unwrap();
    newest.sort_by(|a, b| {
        let (ra, rb) = (by_id(a), by_id(b));
        rb.period.start.cmp(&ra.period.start).then(a.cmp(b))
    });
    let first_page = &newest[..TITLED_RELEASES];

    for (i, (listed, source)) in cat.releases.iter().zip(&archive.releases).enumerate() {
        assert_eq!(listed.id, source.id);
        let want = display_title(&source.title);
        if first_page.contains(&source.id.as_str()) {
            assert_eq!(listed.title, want, "{}", source.id);
        } else {
            assert_eq!(listed.title, "", "{} is not on the first page", source.id);
        }
        let (n, at) = cat.release_piece_of(ReleaseIdx(i as u32)).unwrap();
        let piece: ReleasesPiece = read(&data, &cat.release_pieces[n]);
        assert_eq!(piece.releases[at].title, want, "{}", source.id);
        assert_eq!(piece.releases[at].complete(listed).title, want);
    }
}
