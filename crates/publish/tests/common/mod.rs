//! What the publish step's integration tests share.

use std::fs;
use std::path::Path;

use caricc_core::catalogue::{check_piece, Catalogue, ChunkNames, EventsPiece};
use caricc_core::model::{self, Archive, Event};

/// The bundled archive (`data/archive.json`), decoded.
pub fn bundled() -> Archive {
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/archive.json"
    ))
    .expect("the bundled archive");
    model::decode(&text).expect("the bundled archive decodes").0
}

/// A synthetic archive of `events` events from `seed`, learned from the
/// bundled one.
#[allow(dead_code)] // each test crate compiles this module; not all use it
pub fn synthetic(events: usize, seed: u64) -> Archive {
    use caricc_ingest::synth;
    synth::generate(
        &synth::Model::from_archive(&bundled()),
        &synth::Params {
            events,
            seed,
            ..synth::Params::default()
        },
    )
}

/// The events of a published site's `data` folder in row order, read as the
/// app reads them: the names piece the catalogue names, then each events
/// piece it names (each checked against its name's hash, and starting at
/// the row the events before it end on).
#[allow(dead_code)] // each test crate compiles this module; not all read events
pub fn published_events(data: &Path, cat: &Catalogue) -> Vec<Event> {
    let names = &cat.chunk_names;
    let names = ChunkNames::read(
        names,
        &fs::read(data.join(names)).unwrap(),
        cat.rows.start_gap.len(),
        cat.chunk_rows,
    )
    .unwrap();
    let mut events = Vec::new();
    for name in &names {
        let piece: EventsPiece = check_piece(name, &fs::read(data.join(name)).unwrap()).unwrap();
        assert_eq!(piece.first as usize, events.len(), "{name}");
        events.extend(piece.events);
    }
    events
}
