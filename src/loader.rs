//! Getting the archive text: from the page itself (the portable single-file
//! build inlines it as `<script type="application/json" id="archive-data">`,
//! because file:// forbids fetch) or from `archive.json` beside the page,
//! streamed so the reader sees progress.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::browser::window;

/// Why the archive cannot be shown: what the reader is told to do about
/// it depends on it (the detail itself names the file and the problem).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Failure {
    /// `archive=` names something the page may not open.
    Refused,
    /// `archive=` names a file that is not a published archive's manifest
    /// (the portable build reads such a file as a whole archive instead).
    #[cfg_attr(feature = "whole-archive", allow(dead_code))]
    NotPublished,
    /// A file could not be downloaded (network, HTTP error).
    Unreachable,
    /// A published file failed its checks (cut short, damaged, another
    /// version).
    Damaged,
    /// A whole archive that does not decode (the portable file).
    #[cfg_attr(not(feature = "whole-archive"), allow(dead_code))]
    Invalid,
}

/// What the app reads when the URL names no archive: the manifest of the
/// published site (`scripts/build-site.sh`).
pub const DEFAULT_ARCHIVE: &str = "data/manifest.json";

/// The inlined archive text, when this page carries one.
#[cfg(feature = "whole-archive")]
pub fn inline_archive() -> Option<String> {
    let el = window().document()?.get_element_by_id("archive-data")?;
    let text = el.text_content()?;
    (!text.trim().is_empty()).then_some(text)
}

/// Fetches `path` (relative to the page) as text; see [`fetch_bytes`].
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let bytes = fetch_bytes(path).await?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{path}` is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Fetches `path` (relative to the page). The error says what failed, in
/// words a reader can act on. (No progress as bytes arrive: what the page
/// fetches before its first screen is preloaded while the app itself
/// loads, and arrives at once; reading it as a stream, chunk by chunk, only
/// cost time and code.)
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let w = window();
    let response = JsFuture::from(w.fetch_with_str(path))
        .await
        .map_err(|e| format!("could not fetch `{path}`: {}", js_error_text(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "fetch returned no response".to_string())?;
    if !response.ok() {
        return Err(format!(
            "`{path}` could not be loaded: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| js_error_text(&e))?)
        .await
        .map_err(|e| format!("reading `{path}` failed: {}", js_error_text(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    async fn a_missing_archive_is_an_error_naming_it_and_the_status() {
        let err = fetch_text("no-such-archive.json").await.unwrap_err();
        assert!(
            err.contains("`no-such-archive.json`") && err.contains("404"),
            "{err}"
        );
    }

    #[cfg(feature = "whole-archive")]
    #[wasm_bindgen_test]
    fn a_page_without_an_inlined_archive_has_none() {
        assert_eq!(inline_archive(), None);
    }
}
