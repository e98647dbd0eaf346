//! What the publish step's integration tests share.

use std::fs;

use caricc_core::model::{self, Archive};

/// The bundled archive (`data/archive.json`), decoded.
pub fn bundled() -> Archive {
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/archive.json"
    ))
    .expect("the bundled archive");
    model::decode(&text).expect("the bundled archive decodes").0
}
