//! A published site carries each event's kilograms seized (the sparse
//! seized piece the catalogue names), read back from the files as the
//! browser reads them: per row, the grams are the event's own quantities
//! as its events piece reports them, doubtful ones left out and parts not
//! counted twice; and the app's kg aggregate over the catalogue is the one
//! over the whole archive in memory (the portable build's).

mod common;

use std::fs;
use std::path::Path;

use caricc_core::aggregate::{Measure, Period, SeriesOf};
use caricc_core::catalogue::{check_piece, Catalogue, Manifest, SeizedPiece};
use caricc_core::index::{ArchiveIndex, RowPos, Seizure};
use caricc_core::model::{Archive, Event};
use caricc_core::seized::selection_aggregate;
use caricc_ingest::synth;
use caricc_publish::{pieces, site};
use common::{bundled, published_events};

/// Publishes `archive` with a stand-in app into `dir`; returns its catalogue,
/// its events in row order and its seizures, read from the files.
fn publish(archive: Archive, dir: &Path) -> (Catalogue, Vec<Event>, Vec<Seizure>) {
    let app = dir.join("app");
    fs::create_dir_all(&app).unwrap();
    fs::write(app.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let out = dir.join("site");
    site::write_site(&app, &pieces::split(archive, vec![]), None, &out).unwrap();
    let data = out.join("data");
    let m: Manifest =
        serde_json::from_slice(&fs::read(data.join("manifest.json")).unwrap()).unwrap();
    let cat: Catalogue =
        check_piece(&m.catalogue, &fs::read(data.join(&m.catalogue)).unwrap()).unwrap();
    let events = published_events(&data, &cat);
    let seized = match &cat.seized {
        Some(name) => {
            SeizedPiece::read(name, &fs::read(data.join(name)).unwrap(), events.len()).unwrap()
        }
        None => Vec::new(),
    };
    (cat, events, seized)
}

/// Grams an event adds up to, by hand: its quantities not doubtful, less
/// the parts whose whole counts.
fn event_grams(e: &Event) -> f64 {
    let Some(f) = &e.facts else { return 0.0 };
    let counts = |i: usize| f.seized[i].doubtful.is_none();
    (0..f.seized.len())
        .filter(|&i| counts(i) && f.seized[i].part_of.is_none_or(|w| !counts(w)))
        .map(|i| f.seized[i].kg * 1000.0)
        .sum()
}

fn check(archive: Archive) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let (cat, events, seized) = publish(archive.clone(), dir.path());
    // The catalogue itself carries no weights: they are a piece of their own.
    let catalogue_text = serde_json::to_string(&cat).unwrap();
    assert!(!catalogue_text.contains("\"grams\""));
    let mut index = cat.index("catalogue.json").unwrap();
    assert!(index.seized.is_empty());
    index.seized = seized;
    assert_eq!(index.len(), events.len());
    let mut per_row = vec![0u64; index.len()];
    for s in &index.seized {
        per_row[s.row as usize] += u64::from(s.grams);
    }
    for (row, e) in events.iter().enumerate() {
        let expected = event_grams(e);
        let n = e.facts.as_ref().map_or(0, |f| f.seized.len()) as f64;
        assert!(
            (per_row[row] as f64 - expected).abs() <= n,
            "row {row} ({}): {} g in the catalogue, {expected} g in its facts",
            e.id,
            per_row[row]
        );
    }
    // The web build (catalogue) and the portable build (whole archive) agree.
    let (whole, _) = ArchiveIndex::new(archive);
    let all: Vec<RowPos> = (0..index.len() as u32).map(RowPos).collect();
    for of in [SeriesOf::Country, SeriesOf::Substance] {
        assert_eq!(
            selection_aggregate(&index, &all, Period::Month, Measure::Kg, of),
            selection_aggregate(&whole, &all, Period::Month, Measure::Kg, of),
        );
    }
    index.seized.len()
}

#[test]
fn the_bundled_archive_s_catalogue_carries_its_weights() {
    assert!(check(bundled()) > 0);
}

#[test]
fn a_synthetic_archive_s_catalogue_carries_its_weights() {
    let archive = synth::generate(
        &synth::Model::from_archive(&bundled()),
        &synth::Params {
            events: 1_200,
            seed: 3,
            ..synth::Params::default()
        },
    );
    let doubtful = archive
        .releases
        .iter()
        .flat_map(|r| &r.events)
        .filter_map(|e| e.facts.as_ref())
        .flat_map(|f| &f.seized)
        .filter(|s| s.doubtful.is_some())
        .count();
    assert!(
        doubtful > 0,
        "the synthetic archive has doubtful amounts to leave out"
    );
    assert!(check(archive) > 300);
}
