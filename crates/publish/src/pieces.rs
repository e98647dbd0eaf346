//! Splitting a decoded archive into the pieces of `caricc_core::catalogue`:
//! pure, in memory, deterministic (the same archive gives the same bytes, so
//! the same names).

use caricc_core::catalogue::{
    self, Catalogue, ChunkNames, EventHead, EventsPiece, FactsPiece, IdPiece, ListPiece, Manifest,
    ReleaseDetail, ReleasesPiece, RowColumns, SeizedPiece, FIRST_HEADS, FORMAT, TITLED_RELEASES,
};
use caricc_core::gazetteer;
use caricc_core::index::{ArchiveIndex, ReleaseIdx};
use caricc_core::map::regions::RegionRows;
use caricc_core::model::{Archive, Event, Release, Warning};
use caricc_core::search::{SearchDoc, ShardOptions, ShardedIndex};
use caricc_core::title::{display_title, display_title_in};

use crate::feeds::Feeds;

/// Rows per events piece. An event is about 2 KB of JSON, so a piece is
/// about 30 KB (under 10 KB gzipped), and the first page of the list (50
/// rows) takes four.
pub const CHUNK_ROWS: u32 = 16;

/// Rows per list piece: the first page of a list (50 rows) is one piece of
/// about 15 KB gzipped, where the events pieces of the same rows are 40.
pub const LIST_ROWS: u32 = 100;

/// Ids per id piece, on average: about 14 KB of JSON.
pub const IDS_PER_PIECE: usize = 512;

/// Releases per release piece: a digest's summary is about 1 KB, so a
/// piece is a few KB gzipped (more with translations, which carry their
/// events), and ten years of releases take a few hundred pieces.
pub const RELEASE_GROUP: u32 = 16;

/// The map's geodata, `data/geo/map.txt` as `scripts/make-geo.mjs` writes it
/// (Natural Earth countries, projected and simplified): published as the
/// catalogue's `geo` piece.
pub const GEODATA: &str = include_str!("../../../data/geo/map.txt");

/// The regions' outlines, `data/geo/regions.txt` (`scripts/make-geo.mjs`):
/// the catalogue's `outlines` piece.
pub const OUTLINES: &str = include_str!("../../../data/geo/regions.txt");

/// The data of a published archive: the manifest and every piece with its
/// path (relative to the manifest's folder) and bytes.
#[derive(Debug, Clone)]
pub struct Published {
    /// `manifest.json`.
    pub manifest: Manifest,
    /// The catalogue and every other piece.
    pub pieces: Vec<(String, Vec<u8>)>,
    /// The Atom feeds of the newest releases and of each country's newest
    /// events (written outside `data/`, see [`crate::feeds`]).
    pub feeds: Feeds,
}

/// Splits `archive` into pieces. `warnings` are what decoding it left out;
/// the catalogue carries them so the app can still say so.
pub fn split(archive: Archive, warnings: Vec<Warning>) -> Published {
    let version_date = archive
        .releases
        .iter()
        .map(|r| r.period.end)
        .max()
        .map(|d| d.to_string())
        .unwrap_or_else(|| "empty".to_string());

    let (index, events) = ArchiveIndex::new(archive);
    let mut pieces = Vec::new();

    let mut chunks = Vec::new();
    for (i, chunk) in events.events().chunks(CHUNK_ROWS as usize).enumerate() {
        let piece = EventsPiece {
            format: FORMAT,
            first: i as u32 * CHUNK_ROWS,
            events: chunk.iter().map(shown).collect(),
            places: gazetteer::russian_names(chunk),
        };
        let bytes = serde_json::to_vec(&piece).expect("events always serialise");
        let name = catalogue::piece_name("events", &bytes);
        chunks.push(name.clone());
        pieces.push((name, bytes));
    }
    // Their names, a piece of their own: only what reads events in full
    // fetches them, not every first screen with the catalogue.
    let bytes = ChunkNames(chunks.clone()).to_text().into_bytes();
    let chunk_names = catalogue::piece_name("chunks", &bytes);
    pieces.push((chunk_names.clone(), bytes));

    let head = |e: &Event| EventHead::of(e, display_title_in(&e.title, &e.body));
    let mut list_pieces = Vec::new();
    for (i, rows) in events.events().chunks(LIST_ROWS as usize).enumerate() {
        let piece = ListPiece {
            format: FORMAT,
            first: i as u32 * LIST_ROWS,
            heads: rows.iter().map(head).collect(),
        };
        let bytes = serde_json::to_vec(&piece).expect("heads always serialise");
        let name = catalogue::piece_name("list", &bytes);
        list_pieces.push(name.clone());
        pieces.push((name, bytes));
    }

    let slots = events.len().div_ceil(IDS_PER_PIECE).max(1);
    // Per slot: (id, row position) and (translated id, release index).
    type Slot = (Vec<(String, u32)>, Vec<(String, u32)>);
    let mut by_slot: Vec<Slot> = vec![Default::default(); slots];
    for (pos, e) in events.events().iter().enumerate() {
        by_slot[catalogue::id_slot(&e.id, slots)]
            .0
            .push((e.id.clone(), pos as u32));
    }
    // The events of translations are not rows: their ids lead to the
    // release piece holding them.
    for (ri, r) in index.releases.iter().enumerate() {
        for e in r.translations.iter().flat_map(|t| &t.events) {
            by_slot[catalogue::id_slot(&e.id, slots)]
                .1
                .push((e.id.clone(), ri as u32));
        }
    }
    let mut id_pieces = Vec::new();
    for (ids, translated) in by_slot {
        // The names of the events pieces its rows are in, each once.
        let mut numbers: Vec<u32> = ids.iter().map(|&(_, pos)| pos / CHUNK_ROWS).collect();
        numbers.sort_unstable();
        numbers.dedup();
        let chunks = numbers
            .into_iter()
            .map(|n| (n, chunks[n as usize].clone()))
            .collect();
        let bytes = serde_json::to_vec(&IdPiece {
            format: FORMAT,
            ids,
            translated,
            chunks,
        })
        .expect("ids always serialise");
        let name = catalogue::piece_name("ids", &bytes);
        id_pieces.push(name.clone());
        pieces.push((name, bytes));
    }

    let shown_releases: Vec<Release> = index.releases.iter().map(shown_release).collect();
    let mut release_pieces = Vec::new();
    for (i, group) in shown_releases.chunks(RELEASE_GROUP as usize).enumerate() {
        let first = i as u32 * RELEASE_GROUP;
        let piece = ReleasesPiece {
            format: FORMAT,
            first,
            releases: group
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    ReleaseDetail::of(r, &index.release_rows(ReleaseIdx(first + k as u32)))
                })
                .collect(),
            places: gazetteer::russian_names(
                group
                    .iter()
                    .flat_map(|r| &r.translations)
                    .flat_map(|t| &t.events),
            ),
        };
        let bytes = serde_json::to_vec(&piece).expect("releases always serialise");
        let name = catalogue::piece_name("releases", &bytes);
        release_pieces.push(name.clone());
        pieces.push((name, bytes));
    }

    let search = search_pieces(events.events(), &mut pieces);
    // The map's geodata (`scripts/make-geo.mjs`), the same for every
    // archive: a piece of its own, fetched only when the map is opened.
    let geo = catalogue::piece_name("geo", GEODATA.as_bytes());
    pieces.push((geo.clone(), GEODATA.as_bytes().to_vec()));
    let outlines = catalogue::piece_name("outlines", OUTLINES.as_bytes());
    pieces.push((outlines.clone(), OUTLINES.as_bytes().to_vec()));
    // The regions the events' facts name, per row: for the map's list.
    let regions = serde_json::to_vec(&RegionRows::from_events(events.events()))
        .expect("regions always serialise");
    let regions_name = catalogue::piece_name("regions", &regions);
    pieces.push((regions_name.clone(), regions));
    // What was seized, for the chart and table in kilograms only.
    let seized = (!index.seized.is_empty()).then(|| {
        let bytes =
            serde_json::to_vec(&SeizedPiece::of(&index.seized)).expect("seizures always serialise");
        let name = catalogue::piece_name("seized", &bytes);
        pieces.push((name.clone(), bytes));
        name
    });
    // What the rows' facts name, for what counts or filters by them.
    let facts = index.has_facts().then(|| {
        let bytes =
            serde_json::to_vec(&FactsPiece::of(&index.facts)).expect("facts always serialise");
        let name = catalogue::piece_name("facts", &bytes);
        pieces.push((name.clone(), bytes));
        name
    });
    let fact_totals = match facts {
        Some(_) => index.fact_totals.clone(),
        None => Vec::new(),
    };
    let feeds = Feeds::new(&index, &events, &shown_releases, shown);

    // The releases list's first page shows these titles as it opens; the
    // others are in their release pieces.
    let titled: Vec<ReleaseIdx> = index
        .releases_newest_first
        .iter()
        .take(TITLED_RELEASES)
        .copied()
        .collect();
    let mut cat = Catalogue {
        format: FORMAT,
        version: String::new(),
        rows: RowColumns::from_rows(&index.rows),
        // The events page as it opens (newest first) without a list piece.
        first_heads: events.events().iter().take(FIRST_HEADS).map(head).collect(),
        releases: shown_releases
            .iter()
            .enumerate()
            .map(|(i, r)| listed_release(r, titled.contains(&ReleaseIdx(i as u32))))
            .collect(),
        countries: index.countries,
        chunk_rows: CHUNK_ROWS,
        chunk_names,
        list_rows: LIST_ROWS,
        list_pieces,
        id_pieces,
        release_group: RELEASE_GROUP,
        release_pieces,
        warnings,
        search,
        geo: Some(geo),
        regions: Some(regions_name),
        seized,
        facts,
        fact_totals,
        outlines: Some(outlines),
    };
    // The version hashes what the catalogue says and the names of the
    // pieces, which are hashes of their content: the whole archive, without
    // writing it out once more.
    let unversioned = serde_json::to_vec(&cat).expect("a catalogue always serialises");
    let mut hashed = unversioned;
    for (name, _) in &pieces {
        hashed.extend_from_slice(name.as_bytes());
    }
    let version = format!("{version_date}.{}", &catalogue::content_hash(&hashed)[..8]);
    drop(hashed);
    cat.version = version.clone();
    let bytes = serde_json::to_vec(&cat).expect("a catalogue always serialises");
    let catalogue_name = catalogue::piece_name("catalogue", &bytes);
    pieces.push((catalogue_name.clone(), bytes));

    let manifest = Manifest {
        format: FORMAT,
        version,
        catalogue: catalogue_name,
        bytes: pieces.iter().map(|(_, b)| b.len() as u64).sum(),
        search: cat.search.clone(),
    };
    Published {
        manifest,
        pieces,
        feeds,
    }
}

/// An event as the app shows it: its title in display case
/// (`caricc_core::title`), computed once here, so that the browser build
/// carries no title-casing code and tables.
fn shown(e: &Event) -> Event {
    let mut e = e.clone();
    e.title = display_title_in(&e.title, &e.body);
    e
}

/// A release as the app shows it: its title, and its translations' titles
/// and events, as [`shown`] gives them.
fn shown_release(r: &Release) -> Release {
    let mut r = r.clone();
    r.title = display_title(&r.title);
    r.events = r.events.iter().map(shown).collect();
    r.translations = r.translations.iter().map(shown_release).collect();
    r
}

/// A release as the catalogue lists it: what the lists, facets and a
/// release's heading show; the rest is in its [`ReleaseDetail`], and so is
/// its title unless it is `titled` (on the releases list's first page).
fn listed_release(r: &Release, titled: bool) -> Release {
    Release {
        title: if titled {
            r.title.clone()
        } else {
            String::new()
        },
        summary: Vec::new(),
        source_file: String::new(),
        events: Vec::new(),
        translations: r
            .translations
            .iter()
            .map(|t| Release {
                summary: Vec::new(),
                source_file: String::new(),
                events: Vec::new(),
                ..t.clone()
            })
            .collect(),
        ..r.clone()
    }
}

/// Builds the split search index of `events` (document `i` is row `i`,
/// indexed as the app's in-memory engine indexes it: title and body), adds
/// its meta and pieces to `pieces` under `search/`, and returns the meta's
/// path; `None` when there are no events.
fn search_pieces(
    events: &[caricc_core::Event],
    pieces: &mut Vec<(String, Vec<u8>)>,
) -> Option<String> {
    if events.is_empty() {
        return None;
    }
    let docs = events.iter().map(|e| SearchDoc {
        title: &e.title,
        body: &e.body,
    });
    let ShardedIndex {
        meta,
        pieces: index,
        decoded,
    } = ShardedIndex::build_with_thesaurus(
        docs,
        &ShardOptions::default(),
        caricc_core::thesaurus::cross_language(),
    );
    for (id, bytes) in index {
        pieces.push((catalogue::search_piece(&decoded.name(id)), bytes));
    }
    let path = catalogue::search_meta(decoded.version());
    pieces.push((path.clone(), meta));
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use caricc_core::catalogue::check_piece;
    use caricc_core::index::{Filter, RowPos};
    use caricc_core::model;

    fn bundled() -> (Archive, Vec<Warning>) {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/archive.json"
        ))
        .expect("the bundled archive");
        model::decode(&text).expect("the bundled archive decodes")
    }

    fn piece<'a>(p: &'a Published, name: &str) -> &'a [u8] {
        &p.pieces.iter().find(|(n, _)| n == name).expect(name).1
    }

    /// The events pieces' names, from the piece the catalogue names.
    fn chunk_names(p: &Published, cat: &Catalogue) -> Vec<String> {
        ChunkNames::read(
            &cat.chunk_names,
            piece(p, &cat.chunk_names),
            cat.rows.start_gap.len(),
            cat.chunk_rows,
        )
        .unwrap()
    }

    /// The pieces hold every event and release as the archive has it, but
    /// for titles, which are in display case (checked against the title
    /// module, the oracle of what the app showed before).
    #[test]
    fn the_pieces_rebuild_the_archive_exactly() {
        let (archive, warnings) = bundled();
        let (want_index, want_events) = ArchiveIndex::new(archive.clone());
        let published = split(archive, warnings);

        let cat: Catalogue = check_piece(
            &published.manifest.catalogue,
            piece(&published, &published.manifest.catalogue),
        )
        .unwrap();
        assert_eq!(cat.first_heads.len(), FIRST_HEADS.min(want_events.len()));
        let chunks = chunk_names(&published, &cat);
        // The catalogue names no events piece: its names piece does.
        let text = std::str::from_utf8(piece(&published, &published.manifest.catalogue)).unwrap();
        assert!(!text.contains("events-"), "{}", &text[..200]);
        // Every row's event is in the piece the catalogue says, at its place.
        for pos in 0..want_events.len() as u32 {
            let (chunk, at) = cat.chunk_of(RowPos(pos)).unwrap();
            let p: EventsPiece =
                check_piece(&chunks[chunk], piece(&published, &chunks[chunk])).unwrap();
            assert_eq!(p.first + at as u32, pos);
            let want = want_events.get(RowPos(pos)).unwrap();
            let mut got = p.events[at].clone();
            assert_eq!(got.title, display_title_in(&want.title, &want.body));
            got.title = want.title.clone();
            assert_eq!(&got, want);
            // ... and its head in its list piece.
            let (ln, lat) = cat.list_of(RowPos(pos)).unwrap();
            let lp: ListPiece = check_piece(
                &cat.list_pieces[ln],
                piece(&published, &cat.list_pieces[ln]),
            )
            .unwrap();
            assert_eq!(lp.first as usize, ln * LIST_ROWS as usize);
            let head = &lp.heads[lat];
            assert_eq!(head.id, want.id);
            assert_eq!(head.title, display_title_in(&want.title, &want.body));
            let first = want.body.first().cloned().unwrap_or_default();
            assert!(
                head.lead == first
                    || (head.lead.ends_with('…')
                        && first.starts_with(head.lead.trim_end_matches('…'))),
                "{}",
                head.lead
            );
            // ... and, for the newest rows, in the catalogue as well.
            if (pos as usize) < FIRST_HEADS {
                assert_eq!(&cat.first_heads[pos as usize], head);
            }
            // ... and its id leads back to the row.
            let id = &p.events[at].id;
            let slot = catalogue::id_slot(id, cat.id_pieces.len());
            let ids: IdPiece = check_piece(
                &cat.id_pieces[slot],
                piece(&published, &cat.id_pieces[slot]),
            )
            .unwrap();
            assert_eq!(
                ids.ids.iter().find(|(i, _)| i == id).map(|p| p.1),
                Some(pos)
            );
            // ... with the name of its events piece, so that an event's
            // page needs no names piece.
            assert!(ids.chunks.contains(&(chunk as u32, chunks[chunk].clone())));
            assert!(ids.chunks.windows(2).all(|w| w[0].0 < w[1].0));
        }
        // The catalogue's index filters exactly like the archive's.
        let got = cat.clone().index("catalogue").unwrap();
        assert_eq!(got.len(), want_index.len());
        assert_eq!(got.countries, want_index.countries);
        assert_eq!(got.releases.len(), want_index.releases.len());
        for (ri, (g, w)) in got.releases.iter().zip(&want_index.releases).enumerate() {
            // Its details are in its release piece, which holds together
            // with the catalogue.
            let (n, at) = cat.release_piece_of(ReleaseIdx(ri as u32)).unwrap();
            let name = &cat.release_pieces[n];
            let rp: ReleasesPiece = check_piece(name, piece(&published, name)).unwrap();
            rp.check(&got, n, cat.release_group, name).unwrap();
            assert_eq!(
                rp.releases[at].row_positions(),
                &want_index.release_rows(ReleaseIdx(ri as u32))[..]
            );
            assert!(g.summary.is_empty() && g.translations.iter().all(|t| t.events.is_empty()));
            let g = &rp.releases[at].complete(g);
            assert_eq!(g.title, display_title(&w.title));
            assert_eq!(g.translations.len(), w.translations.len());
            let (mut g, mut w) = (g.clone(), w.clone());
            g.title = w.title.clone();
            g.translations.clear();
            w.translations.clear();
            assert_eq!(g, w);
        }
        for (a, b) in got.rows.iter().zip(&want_index.rows) {
            assert_eq!(
                (a.release, a.country, a.start, a.end, a.year, a.kind, a.lang,),
                (b.release, b.country, b.start, b.end, b.year, b.kind, b.lang,)
            );
        }
        let f = Filter::default();
        assert_eq!(got.select(&f, None), want_index.select(&f, None));
        // The rows' facts: in their piece, row by row, and their totals in
        // the catalogue.
        match &cat.facts {
            Some(name) => {
                let facts =
                    FactsPiece::read(name, piece(&published, name), want_index.len()).unwrap();
                assert_eq!(facts, want_index.facts);
                assert_eq!(cat.fact_totals, want_index.fact_totals);
                assert!(want_index.has_facts() && got.has_facts());
            }
            None => assert!(!want_index.has_facts() && !got.has_facts()),
        }
        // The manifest counts every piece.
        let total: u64 = published.pieces.iter().map(|(_, b)| b.len() as u64).sum();
        assert_eq!(published.manifest.bytes, total);
    }

    #[test]
    fn the_same_archive_gives_the_same_pieces() {
        let (a, w) = bundled();
        let one = split(a.clone(), w.clone());
        let two = split(a, w);
        assert_eq!(one.manifest, two.manifest);
        assert_eq!(one.pieces, two.pieces);
        assert!(
            one.manifest.version.starts_with("20"),
            "{}",
            one.manifest.version
        );
    }

    #[test]
    fn a_changed_text_changes_the_version() {
        let (a, w) = bundled();
        let mut b = a.clone();
        b.releases[0].events[0].body[0].push('!');
        assert_ne!(
            split(a, w.clone()).manifest.version,
            split(b, w).manifest.version
        );
    }

    /// A digest with its Russian version: the catalogue names the
    /// translation without its texts; its release piece has them, and the
    /// ids of its events lead there.
    #[test]
    fn a_translation_s_texts_are_in_its_release_piece_and_its_ids_lead_there() {
        let (mut archive, warnings) = bundled();
        let ri = archive
            .releases
            .iter()
            .position(|r| r.kind == model::Kind::InformationRelease && r.events.len() > 2)
            .unwrap();
        let mut t = archive.releases[ri].clone();
        t.id = format!("{}-ru", t.id);
        t.language = model::Lang::Ru;
        t.summary = vec!["Обзор событий.".to_string()];
        for (k, e) in t.events.iter_mut().enumerate() {
            e.counterpart = Some(e.id.clone());
            e.id = format!("ru-event-{k}");
            e.language = model::Lang::Ru;
        }
        archive.releases[ri].translations = vec![t.clone()];
        let published = split(archive, warnings);
        let cat: Catalogue = check_piece(
            &published.manifest.catalogue,
            piece(&published, &published.manifest.catalogue),
        )
        .unwrap();
        let listed = &cat.releases[ri].translations[0];
        assert_eq!(listed.id, t.id);
        assert!(listed.events.is_empty() && listed.summary.is_empty());
        let index = cat.clone().index("catalogue").unwrap();
        for (k, e) in t.events.iter().enumerate() {
            let slot = catalogue::id_slot(&e.id, cat.id_pieces.len());
            let name = &cat.id_pieces[slot];
            let ids: IdPiece = check_piece(name, piece(&published, name)).unwrap();
            assert!(!ids.ids.iter().any(|(id, _)| id == &e.id), "not a row");
            assert_eq!(
                ids.translated
                    .iter()
                    .find(|(id, _)| id == &e.id)
                    .map(|p| p.1),
                Some(ri as u32)
            );
            let (n, at) = cat.release_piece_of(ReleaseIdx(ri as u32)).unwrap();
            let name = &cat.release_pieces[n];
            let rp: ReleasesPiece = check_piece(name, piece(&published, name)).unwrap();
            rp.check(&index, n, cat.release_group, name).unwrap();
            let full = rp.releases[at].complete(&cat.releases[ri]);
            let got = &full.translations[0];
            assert_eq!(got.summary, t.summary);
            assert_eq!(got.events[k].body, e.body);
            // The pairing reads both ways, as the event page links them.
            let own = e.counterpart.as_deref().unwrap();
            assert_eq!(
                full.event_version(own),
                Some((e.id.as_str(), model::Lang::Ru))
            );
            assert_eq!(full.event_version(&e.id), Some((own, model::Lang::En)));
            // Its place's Russian name comes with it.
            if let Some(place) = &e.place {
                assert!(
                    rp.places.iter().any(|(n, ru)| n == place && is_russian(ru)),
                    "{place}: {:?}",
                    rp.places
                );
            }
        }
        // A release piece that does not match the catalogue is refused.
        let (n, _) = cat.release_piece_of(ReleaseIdx(ri as u32)).unwrap();
        let name = &cat.release_pieces[n];
        let mut rp: ReleasesPiece = check_piece(name, piece(&published, name)).unwrap();
        rp.releases[ri % RELEASE_GROUP as usize]
            .translations
            .clear();
        let err = rp.check(&index, n, cat.release_group, name).unwrap_err();
        assert!(err.problem.contains("translations"), "{err}");
        rp.releases[ri % RELEASE_GROUP as usize].rows.pop();
        assert!(rp.check(&index, n, cat.release_group, name).is_err());
        assert!(rp.check(&index, n + 1, cat.release_group, name).is_err());
    }

    /// Cyrillic letters and no Latin ones.
    fn is_russian(name: &str) -> bool {
        name.chars().any(|c| matches!(c, 'А'..='я'))
            && !name.chars().any(|c| c.is_ascii_alphabetic())
    }

    /// The piece holding an event carries the Russian name of its place
    /// (the app has no gazetteer), each name once.
    #[test]
    fn an_events_piece_carries_its_places_russian_names() {
        let (archive, warnings) = bundled();
        let (_, events) = ArchiveIndex::new(archive.clone());
        let published = split(archive, warnings);
        let cat: Catalogue = check_piece(
            &published.manifest.catalogue,
            piece(&published, &published.manifest.catalogue),
        )
        .unwrap();
        let chunks = chunk_names(&published, &cat);
        let mut named = Vec::new();
        for pos in 0..events.len() as u32 {
            let e = events.get(RowPos(pos)).unwrap();
            let (chunk, _) = cat.chunk_of(RowPos(pos)).unwrap();
            let p: EventsPiece =
                check_piece(&chunks[chunk], piece(&published, &chunks[chunk])).unwrap();
            let names: Vec<&str> = p.places.iter().map(|(n, _)| n.as_str()).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{names:?}");
            let Some(place) = &e.place else { continue };
            let ru = p.places.iter().find(|(n, _)| n == place);
            let (_, ru) = ru.unwrap_or_else(|| panic!("{place}: {:?}", p.places));
            assert!(is_russian(ru), "{place}: {ru}");
            named.push((place.clone(), ru.clone()));
        }
        assert!(named.len() >= 20, "{named:?}");
        // As a Russian reader writes them (not read from the gazetteer).
        for want in [
            ("Almaty", "Алматы"),
            ("Bishkek", "Бишкек"),
            ("Ashgabat", "Ашхабад"),
            ("Zhambyl Region", "Жамбылская область"),
            ("Mari El", "Марий Эл"),
        ] {
            assert!(
                named
                    .iter()
                    .any(|(n, ru)| (n.as_str(), ru.as_str()) == want),
                "{want:?}"
            );
        }
    }

    fn empty_archive() -> Archive {
        Archive {
            schema_version: 1,
            releases: vec![],
        }
    }

    #[test]
    fn an_empty_archive_still_publishes() {
        let p = split(empty_archive(), vec![]);
        let cat: Catalogue =
            check_piece(&p.manifest.catalogue, piece(&p, &p.manifest.catalogue)).unwrap();
        // No documents, no search index.
        assert_eq!(cat.search, None);
        assert!(cat.index("c").unwrap().is_empty());
        assert!(!p.pieces.iter().any(|(n, _)| n.starts_with("search/")));
        assert_eq!(
            p.manifest.version,
            format!("empty.{}", &p.manifest.version[6..])
        );
    }

    #[test]
    fn the_geodata_is_a_hashed_piece_the_map_reads() {
        let p = split(empty_archive(), vec![]);
        let cat: Catalogue =
            check_piece(&p.manifest.catalogue, piece(&p, &p.manifest.catalogue)).unwrap();
        let name = cat.geo.expect("the catalogue names the geodata");
        assert!(
            name.starts_with("geo-") && name.ends_with(".json"),
            "{name}"
        );
        let bytes = piece(&p, &name);
        let text = caricc_core::catalogue::check_text(&name, bytes).unwrap();
        let geo = caricc_core::map::Geo::parse(text).expect("geodata in the map's form");
        // The member states and the Caucasus are all on the map.
        for code in ["KZ", "KG", "TJ", "UZ", "TM", "RU", "AZ", "AM", "GE"] {
            assert!(geo.has(code), "{code}");
        }
        let outlines = cat.outlines.expect("the catalogue names the outlines");
        let text = caricc_core::catalogue::check_text(&outlines, piece(&p, &outlines)).unwrap();
        let drawn = caricc_core::map::outlines::RegionGeo::parse(text).expect("outlines");
        assert!(drawn.has("Zhambyl Region") && drawn.has("Nakhchivan"));
        let regions = cat.regions.expect("the catalogue names the regions");
        let rows: RegionRows = check_piece(&regions, piece(&p, &regions)).unwrap();
        assert_eq!(rows, RegionRows::from_events(&[]));
        // A byte changed is refused.
        let mut cut = bytes.to_vec();
        cut[3] ^= 1;
        assert!(caricc_core::catalogue::check_text(&name, &cut).is_err());
    }
}
