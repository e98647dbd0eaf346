//! The DOM-free core of the CARICC archive.
//!
//! Data flows release text -> [`ingest`] -> `archive.json` ([`model`]) ->
//! [`index`] (filters, facets) and [`search`] -> [`aggregate`] and [`chart`]
//! -> the views of the app, whose URL state is [`state`]. Nothing here knows
//! the DOM: the native binaries and the wasm app share all of it.

#![warn(missing_docs)]

pub mod aggregate;
pub mod catalogue;
pub mod chart;
pub mod country;
pub mod date;
pub mod display;
pub mod export;
pub mod index;
// Leaving for their own crate (with `synth` and the binaries): documented
// there, not here.
#[allow(missing_docs)]
pub mod ingest;
pub mod locale;
pub mod model;
// Being reshaped (ViewState) in parallel: its docs come with that work.
#[allow(missing_docs)]
pub mod state;
// Leaving for its own crate with `ingest`.
#[allow(missing_docs)]
pub mod synth;
pub mod thesaurus;
pub mod title;

/// Full-text search: the `caricc-search` crate, its own so that the browser
/// build can compile it for speed and the rest for size.
pub use caricc_search as search;

pub use date::{Date, DateRange};
pub use model::{Archive, Event, Kind, Lang, Release};
