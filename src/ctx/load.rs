//! Loading the archive the address names into [`Data`]: a published
//! site's manifest and catalogue (or, in the portable build, a whole
//! archive), with the kind of failure the error screen explains; and the
//! search of a published archive, which waits for its pieces.

use std::sync::Arc;

use caricc_core::catalogue::{self, Catalogue, Manifest};
use caricc_core::index::RowPos;
use caricc_core::state::{Problem, Route, ViewState};
use leptos::prelude::*;

use super::{Data, Load};
use crate::browser;
use crate::loader;
use crate::pieces::{Events, PieceSignals, PieceStore};

/// Starts fetching the search index's meta the manifest at `path` names,
/// for a page that opens on a query: beside the catalogue, where the
/// search would ask for it only once the catalogue is read, a round trip
/// and the catalogue's parsing later. The search's own request for it is
/// then answered by the browser's cache (the meta is named for its
/// content, and hosts let browsers keep such files). Only a path of the
/// meta's form is fetched.
fn prefetch_search_meta(manifest: &Manifest, path: &str) {
    if let Some(meta) = manifest
        .search
        .as_deref()
        .filter(|m| catalogue::search_version(m).is_some())
    {
        browser::fetch_and_forget(&catalogue::resolve(path, meta));
    }
}

/// Reads the published archive whose manifest is `manifest` (at `path`):
/// its catalogue, checked against the hash in its name.
async fn open_published(manifest: Manifest, path: &str) -> Result<Data, (loader::Failure, String)> {
    use loader::Failure::{Damaged, Unreachable};
    if manifest.format != catalogue::FORMAT {
        return Err((
            Damaged,
            format!(
                "`{path}`: format {} (this app reads {})",
                manifest.format,
                catalogue::FORMAT
            ),
        ));
    }
    let cat_path = catalogue::resolve(path, &manifest.catalogue);
    let bytes = loader::fetch_bytes(&cat_path)
        .await
        .map_err(|e| (Unreachable, e))?;
    let started = browser::now_ms();
    let cat: Catalogue =
        catalogue::check_piece(&cat_path, &bytes).map_err(|e| (Damaged, e.to_string()))?;
    drop(bytes);
    if cat.version != manifest.version {
        return Err((
            Damaged,
            format!(
                "`{cat_path}`: version {} where the manifest says {}",
                cat.version, manifest.version
            ),
        ));
    }
    let store = PieceStore::new(path, &cat_path, &cat);
    let warnings = cat.warnings.clone();
    let published = Some((cat.version.clone(), manifest.bytes));
    let index = cat.index(&cat_path).map_err(|e| (Damaged, e.to_string()))?;
    browser::measure_since("archive-index", started);
    Ok(Data::new(index, Events::Pieces(store), warnings, published))
}

/// The rows matching `q` in a published archive's index; `None` while
/// the pieces it needs are on their way. Only then does the caller follow
/// the arrival of pieces: once answered, the events pieces the list then
/// fetches must not run the search again. `listed`: the results will be
/// listed with snippets of the whole texts, so the events pieces' names
/// are asked for beside the search index's pieces, not after them.
pub fn published_search(
    data: &Data,
    q: &str,
    pieces: PieceSignals,
    listed: bool,
) -> Option<Option<Vec<RowPos>>> {
    let found = data.events.search(q, pieces);
    if found.is_none() {
        pieces.arrived.track();
        if listed {
            data.events.request_chunk_names(pieces);
        }
    }
    found
}

/// Loads the archive the address `state` names (its `archive`, else the
/// site's own), or fails at once when the address names one it may not
/// open.
pub fn load_archive(load: RwSignal<Load>, state: &ViewState, problems: &[Problem]) {
    match problems.iter().find(|p| p.param == "archive") {
        Some(p) => load.set(Load::Failed(
            loader::Failure::Refused,
            format!("archive={}: {}", p.value, p.reason),
        )),
        None => {
            let searching = state.route == Route::Events && !state.filter.q.trim().is_empty();
            start_loading(load, state.archive.clone(), searching)
        }
    }
}

fn start_loading(load: RwSignal<Load>, archive_param: Option<String>, searching: bool) {
    load.set(Load::Loading);
    leptos::task::spawn_local(async move {
        let started = browser::now_ms();
        let source = archive_param
            .clone()
            .unwrap_or_else(|| loader::DEFAULT_ARCHIVE.to_string());
        #[cfg(feature = "whole-archive")]
        let inline = loader::inline_archive().filter(|_| archive_param.is_none());
        #[cfg(not(feature = "whole-archive"))]
        let inline: Option<String> = None;
        let data = match inline {
            #[cfg(feature = "whole-archive")]
            Some(inline) => {
                crate::ctx::whole::decode(&inline, "archive").map_err(|e| (loader::Failure::Invalid, e))
            }
            _ => match loader::fetch_text(&source).await {
                // A published site's manifest (or, with the whole-archive
                // feature, a whole archive.json).
                Ok(text) => match serde_json::from_str::<Manifest>(&text) {
                    Ok(manifest) => {
                        drop(text);
                        if searching {
                            prefetch_search_meta(&manifest, &source);
                        }
                        open_published(manifest, &source).await
                    }
                    #[cfg(feature = "whole-archive")]
                    Err(_) => crate::ctx::whole::decode(&text, &source)
                        .map_err(|e| (loader::Failure::Invalid, e)),
                    #[cfg(not(feature = "whole-archive"))]
                    Err(_) => Err((
                        loader::Failure::NotPublished,
                        format!(
                            "`{source}` is not the manifest of a published archive (`data/manifest.json`, written by scripts/build-site.sh)"
                        ),
                    )),
                },
                Err(e) => Err((loader::Failure::Unreachable, e)),
            },
        };
        browser::measure_since("archive-fetch", started);
        match data {
            Ok(data) => {
                let data = Arc::new(data);
                load.set(Load::Ready(Arc::clone(&data)));
                // What this first visit read before a service worker
                // controlled the page goes to it once one does, so that
                // what the reader has seen works offline.
                browser::when_taken_over(move || {
                    if let Events::Pieces(store) = &*data.events {
                        store
                            .fetched()
                            .iter()
                            .for_each(|p| browser::fetch_and_forget(p));
                    }
                });
            }
            Err((failure, e)) => load.set(Load::Failed(failure, e)),
        }
        // After the first load, so that caching the files for offline use
        // does not compete with it.
        browser::register_service_worker();
    });
}
