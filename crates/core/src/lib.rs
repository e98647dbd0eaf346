//! The DOM-free core of the CARICC archive.
//!
//! Data flows release text -> the ingest (the `caricc-ingest` crate, native
//! only) -> `archive.json` ([`model`]) -> [`index`] (filters, facets) and
//! [`search`] -> [`aggregate`] and [`chart`] -> the views of the app, whose
//! URL state is [`state`]. Nothing here knows the DOM: the native tools and
//! the wasm app share all of it. What both the ingest and the app's title
//! casing read stays here: the text helpers ([`text`]), the country names
//! ([`names`]), the gazetteer ([`gazetteer`]) and the thesaurus
//! ([`thesaurus`]).

#![warn(missing_docs)]

pub mod aggregate;
pub mod catalogue;
pub mod chart;
pub mod country;
pub mod date;
pub mod display;
pub mod export;
pub mod gazetteer;
pub mod index;
pub mod locale;
pub mod map;
pub mod model;
pub mod names;
pub mod seized;
pub mod state;
pub mod text;
pub mod thesaurus;
pub mod title;

/// Full-text search: the `caricc-search` crate, its own so that the browser
/// build can compile it for speed and the rest for size.
pub use caricc_search as search;

pub use date::{Date, DateRange};
pub use model::{Archive, Event, Kind, Lang, Release};
