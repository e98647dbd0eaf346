//! Publishing, native only: turns an `archive.json` (the public contract)
//! into a static site the app reads a piece at a time, as Pagefind builds
//! its index natively and reads it in the browser.
//!
//! - [`pieces`] splits a decoded archive into a manifest, a catalogue and
//!   content-hashed pieces (the formats are `caricc_core::catalogue`'s).
//! - [`site`] writes them with the app's build into a folder, each file
//!   with gzip and brotli copies, replacing the previous site only once the
//!   new one is complete.
//! - [`feeds`] makes the Atom feeds of the newest releases and of each
//!   country's newest events, which [`site`] writes under `feeds/`.
//!
//! The command is `scripts/build-site.sh --archive FILE.json --out DIR`,
//! which builds the app and runs the `publish` binary.

use std::fmt;
use std::path::{Path, PathBuf};

pub mod feeds;
pub mod pieces;
pub mod site;

/// Why a publish failed, naming the file or folder concerned.
#[derive(Debug)]
pub struct PublishError {
    /// The file or folder the problem is with.
    pub path: PathBuf,
    /// What went wrong with it.
    pub problem: String,
}

impl PublishError {
    /// A problem with `path`.
    pub fn new(path: &Path, problem: impl Into<String>) -> PublishError {
        PublishError {
            path: path.to_path_buf(),
            problem: problem.into(),
        }
    }

    /// An I/O failure while doing `what` with `path`.
    pub fn io(path: &Path, what: &str, e: std::io::Error) -> PublishError {
        PublishError::new(path, format!("{what}: {e}"))
    }
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for PublishError {}
