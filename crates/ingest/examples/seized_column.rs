//! What the catalogue's facts columns weigh: writes the row columns of an
//! archive as the publish step does, with and without the `seized` column
//! (and without the facts columns at all), to measure their gzipped size.
//!
//! `cargo run --release -p caricc-ingest --example seized_column -- ARCHIVE.json OUT_DIR`
//! writes `OUT_DIR/rows-{none,facets,seized}.json`; gzip them to compare.

use caricc_core::catalogue::RowColumns;
use caricc_core::index::ArchiveIndex;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [archive, out] = &args[..] else {
        eprintln!("usage: seized_column ARCHIVE.json OUT_DIR");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(archive).expect("the archive");
    let (archive, _) = caricc_core::model::decode(&text).expect("a valid archive");
    let (index, _) = ArchiveIndex::new(archive);
    let with = RowColumns::from_rows(&index.rows, &index.seized);
    let facets = RowColumns {
        seized: Vec::new(),
        ..with.clone()
    };
    let none = RowColumns {
        topics: Vec::new(),
        substances: Vec::new(),
        ..facets.clone()
    };
    std::fs::create_dir_all(out).expect("the output folder");
    for (name, columns) in [("none", none), ("facets", facets), ("seized", with)] {
        let json = serde_json::to_vec(&columns).expect("columns serialise");
        std::fs::write(format!("{out}/rows-{name}.json"), json).expect("written");
    }
    println!(
        "{} rows, {} seizures (three numbers each)",
        index.rows.len(),
        index.seized.len()
    );
}
