//! "Download events": the events of the current selection, in the list's
//! order, as CSV or JSON (`caricc_core::export::events`). On a published
//! site their events and release pieces are fetched first, with progress.
//!
//! The buttons are in the main wasm; what writes the files is in the
//! `downloads` chunk (`split_view!` in `events/mod.rs`), fetched at the
//! first click, which it then answers.

use std::sync::Arc;

use caricc_core::export::events::{
    events_csv, events_file_stem, events_json, Exported, Provenance,
};
use caricc_core::index::ReleaseIdx;
use caricc_core::model::Release;
use caricc_core::state::{Route, ViewState};
use leptos::prelude::*;

use crate::browser;
use crate::ctx::{use_ctx, Ctx, Data};

/// A file format to download. `repr(u8)`: it crosses into the chunk as an
/// argument (C ABI).
#[derive(Clone, Copy, PartialEq)]
#[repr(u8)]
pub enum Format {
    Csv,
    Json,
}

/// The download buttons before the writer is here: the first click fetches
/// the chunk, which then writes the file asked for.
#[component]
pub fn DownloadButtons() -> impl IntoView {
    let asked = RwSignal::new(None::<Format>);
    move || match asked.get() {
        None => buttons(Signal::derive(|| false), move |f| asked.set(Some(f))),
        Some(first) => view! {
            <crate::split::Lazy
                load=crate::split::load_view(move || super::downloads_view(first))
                chunk="downloads"
                what=|t| t.download_events
                pending=|| buttons(Signal::derive(|| true), |_| {})
            />
        }
        .into_any(),
    }
}

/// The label, a CSV and a JSON button (disabled while `busy`), and the
/// progress line.
fn buttons(busy: Signal<bool>, on: impl Fn(Format) + Copy + Send + Sync + 'static) -> AnyView {
    buttons_with(busy, on, Signal::derive(|| None))
}

#[inline(never)]
fn buttons_with(
    busy: Signal<bool>,
    on: impl Fn(Format) + Copy + Send + Sync + 'static,
    progress: Signal<Option<(usize, usize)>>,
) -> AnyView {
    let ctx = use_ctx();
    let button = move |format: Format, label: &'static str| {
        view! {
            <button type="button" data-export=label
                disabled=move || busy.get()
                on:click=move |_| on(format)>{label}</button>
        }
    };
    view! {
        <div class="downloads event-downloads">
            <span>{move || ctx.t().download_events}</span>
            {button(Format::Csv, "CSV")}
            {button(Format::Json, "JSON")}
            <span class="muted" role="status">
                {move || progress.get().map(|(have, all)| (ctx.t().preparing_download)(have, all))}
            </span>
        </div>
    }
    .into_any()
}

/// The download buttons with their writer: starts with the `first` file
/// asked for (the click that fetched the chunk).
#[component]
pub fn EventDownloads(first: Format) -> impl IntoView {
    let ctx = use_ctx();
    // The file asked for, until it is written; with the events here so far.
    let wanted = RwSignal::new(Some(first));
    let progress = RwSignal::new(None::<(usize, usize)>);
    Effect::new(move |_| {
        let Some(format) = wanted.get() else {
            progress.set(None);
            return;
        };
        if let Some(done) = try_write(&ctx, format, progress) {
            wanted.set(None);
            if let Some((name, mime, text)) = done {
                browser::download(&name, mime, text.as_bytes());
            }
        }
    });
    buttons_with(
        Signal::derive(move || wanted.get().is_some()),
        move |f| wanted.set(Some(f)),
        progress.into(),
    )
}

/// The file of `format` once every event of the selection and its release
/// are here (`Some(None)`: nothing to write, no archive); `None` while
/// pieces are on their way (tracked: this runs again as they arrive).
fn try_write(
    ctx: &Ctx,
    format: Format,
    progress: RwSignal<Option<(usize, usize)>>,
) -> Option<Option<(String, &'static str, String)>> {
    ctx.load.track();
    let Some(data) = ctx.data() else {
        return Some(None);
    };
    let results = ctx.results.get()?;
    let rows = &results.selection.rows;
    if !ctx.rows_here(&data, rows) {
        let have = rows.iter().filter(|r| data.events.has_rows(&[**r])).count();
        progress.set(Some((have, rows.len())));
        return None;
    }
    let mut wanted: Vec<ReleaseIdx> = Vec::new();
    for row in rows.iter().filter_map(|p| data.index.rows.get(p.index())) {
        if !wanted.contains(&row.release) {
            wanted.push(row.release);
        }
    }
    // Every missing release piece asked for at once, then all or nothing.
    let details: Vec<_> = wanted.iter().map(|&r| ctx.release_here(&data, r)).collect();
    let mut releases: Vec<(ReleaseIdx, Release)> = Vec::with_capacity(wanted.len());
    for (idx, detail) in wanted.into_iter().zip(details) {
        let release = data.index.releases.get(idx.index())?;
        releases.push((idx, detail?.complete(release)));
    }
    let events: Vec<_> = rows
        .iter()
        .filter_map(|&p| Some((p, data.event(p)?)))
        .collect();
    let page = browser::page_address();
    let exported: Vec<Exported> = events
        .iter()
        .filter_map(|(p, event)| {
            let idx = data.index.rows.get(p.index())?.release;
            let release = &releases.iter().find(|(r, _)| *r == idx)?.1;
            let route = ViewState {
                route: Route::Event(event.id.clone()),
                ..ViewState::default()
            };
            Some(Exported {
                event,
                release,
                page: format!("{page}{}", route.to_fragment()),
            })
        })
        .collect();
    let state = ctx.state.get_untracked();
    let version = archive_version(&data);
    let view = browser::address_of(&state.to_fragment());
    let about = Provenance {
        archive_version: &version,
        view: &view,
    };
    let stem = events_file_stem(&state);
    Some(Some(match format {
        Format::Csv => (
            format!("{stem}.csv"),
            "text/csv;charset=utf-8",
            events_csv(&exported, &about, ctx.ui_untracked()),
        ),
        Format::Json => (
            format!("{stem}.json"),
            "application/json",
            events_json(&exported, &about),
        ),
    }))
}

/// The version a download or a citation names: a published archive's
/// (its date and a short hash of its content), else, for an archive read
/// whole, the last day its newest release covers.
pub fn archive_version(data: &Arc<Data>) -> String {
    match &data.published {
        Some((version, _)) => version.clone(),
        None => data
            .index
            .releases
            .iter()
            .map(|r| r.period.end)
            .max()
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
}
