//! The index's one-pass counts on a synthetic archive (the core's unit test
//! checks the sample and the bundled archive; synthetic archives are made
//! here, by the native tools' crate).

use caricc_core::index::{ArchiveIndex, ReleaseIdx};
use caricc_core::model;
use caricc_ingest::synth;

/// The one-pass counts of every release equal the per-release ones (the
/// oracle: a scan of the rows for each release) on 2,000 synthetic events.
#[test]
fn every_release_s_parsed_counts_in_one_pass_on_a_synthetic_archive() {
    let (bundled, _) = model::decode(include_str!("../../../data/archive.json")).unwrap();
    let synthetic = synth::generate(
        &synth::Model::from_archive(&bundled),
        &synth::Params {
            events: 2000,
            ..synth::Params::default()
        },
    );
    let (ix, _) = ArchiveIndex::new(synthetic);
    let all = ix.parsed_counts_all();
    assert_eq!(all.len(), ix.releases.len());
    for (ri, counts) in all.iter().enumerate() {
        assert_eq!(
            *counts,
            ix.parsed_counts(ReleaseIdx(ri as u32)),
            "release {ri}"
        );
    }
}
