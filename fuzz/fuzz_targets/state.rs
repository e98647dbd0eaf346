//! The URL-fragment state parser: any address a reader can type or paste.
//!
//! Never a panic; what it makes of an address reads back the same from its
//! own canonical fragment, with nothing left to report.
#![no_main]

use caricc_core::state::ViewState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(fragment) = std::str::from_utf8(data) else { return };
    let (state, _problems) = ViewState::parse(fragment);
    let canonical = state.to_fragment();
    let (again, problems) = ViewState::parse(&canonical);
    assert_eq!(again, state, "{canonical}");
    assert!(problems.is_empty(), "{canonical}: {problems:?}");
    assert_eq!(again.to_fragment(), canonical);
});
