//! The ingest parser: one document's bytes through decoding, kind detection,
//! parsing and the count checks, as `cargo ingest` reads a file.
//!
//! Never a panic. When the ingest makes an archive, the app's decoder reads
//! it without a fatal error and without leaving anything out: the ingest
//! must not write what the reader refuses. The report prints and serialises.
#![no_main]

use caricc_ingest::{self as ingest, Input};
use caricc_core::model;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = Input { file: "fuzz.txt".to_string(), bytes: data.to_vec() };
    let (archive, report) = ingest::ingest(std::slice::from_ref(&input));
    let _ = report.to_string();
    let _ = report.to_json();
    let Some(archive) = archive else {
        assert!(!report.errors.is_empty(), "no archive and no error");
        return;
    };
    let json = ingest::archive_json(&archive);
    match model::decode(&json) {
        Ok((decoded, warnings)) => {
            assert!(warnings.is_empty(), "the app leaves out records the ingest wrote: {warnings:?}");
            assert_eq!(decoded, archive, "the archive does not read back as written");
        }
        Err(e) => panic!("the ingest wrote an archive the app refuses: {e}"),
    }
});
