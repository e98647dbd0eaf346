//! The app shell: the context (see `ctx`), the header
//! with search and language switch, and the page for the current route.

use std::sync::Arc;

use crate::titles::{event_title, release_title};
use caricc_core::model::Lang;
use caricc_core::state::{Problem, Route, Sort, Theme, ViewState};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{self, History};
use crate::ctx::{use_ctx, Ctx, Data, Load, Results};
use crate::loader;
use crate::pieces::Located;

/// A page's own title cut to what a browser tab shows.
fn tab_title(title: &str) -> String {
    const MAX: usize = 80;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx::from_address();
    provide_context(ctx);
    let Ctx {
        state,
        load,
        results,
        pieces,
        problems,
        ..
    } = ctx;
    crate::embed::remember_start(&state.get_untracked());
    crate::ctx::nav::follow_the_address(ctx);

    // `/` focuses the search box, unless the reader is typing somewhere.
    let search_ref = NodeRef::<html::Input>::new();
    let _ = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let typing = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if !typing {
            if let Some(input) = search_ref.get_untracked() {
                e.prevent_default();
                let _ = input.focus();
            }
        }
    });

    // Interface language, theme and accent go onto <html>, so CSS and
    // screen readers follow them.
    Effect::new(move |_| {
        let lang = ctx.ui();
        let (theme, embed) = state.with(|s| (s.embed.theme, s.embed.on));
        if let Some(root) = browser::window()
            .document()
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.as_str());
            match theme {
                Some(Theme::Dark) => {
                    let _ = root.set_attribute("data-theme", "dark");
                }
                Some(Theme::Light) => {
                    let _ = root.set_attribute("data-theme", "light");
                }
                None => {
                    let _ = root.remove_attribute("data-theme");
                }
            }
            let _ = root.class_list().toggle_with_force("embed", embed);
            // Through the CSSOM: the CSP allows no inline style attributes.
            let accent = state.with(|s| s.embed.accent.clone());
            let style = root.unchecked_ref::<web_sys::HtmlElement>().style();
            let _ = match accent {
                Some(a) => style.set_property("--accent", &format!("#{a}")),
                None => style.remove_property("--accent").map(|_| ()),
            };
        }
    });
    // The tab's title names the page: an event's or a release's own title
    // first, else the list ("Events — CARICC archive").
    Effect::new(move |_| {
        let t = ctx.t();
        let route = state.with(|s| s.route.clone());
        let own_title = match (&route, load.get()) {
            (Route::Event(id), Load::Ready(data)) => {
                // Once the event's piece has arrived.
                pieces.arrived.track();
                match data.events.position(&data.index, id) {
                    Some(Located::Row(pos)) => data.event(pos).map(|e| event_title(&e)),
                    _ => None,
                }
            }
            (Route::Release(id), Load::Ready(data)) => {
                // All but the newest releases' titles come with their piece.
                pieces.arrived.track();
                data.index
                    .release_index(id)
                    .and_then(|r| data.events.release_title(&data.index, r, pieces))
                    .map(|t| release_title(&t))
            }
            _ => None,
        };
        let page = own_title.map(|t| tab_title(&t)).unwrap_or_else(|| {
            match route {
                Route::Releases | Route::Release(_) => t.nav_releases,
                Route::Events | Route::Event(_) => t.nav_events,
            }
            .to_string()
        });
        if let Some(doc) = browser::window().document() {
            doc.set_title(&format!("{page} — {}", t.app_title));
        }
    });
    // A whole archive in memory: after the first screen is up, build the
    // search index in the background, in slices of a few milliseconds
    // between which the page answers clicks and paints, so the first
    // keystroke does not pay for it. (A published archive's is prebuilt.)
    #[cfg(feature = "whole-archive")]
    Effect::new(move |_| {
        if let Load::Ready(data) = load.get() {
            if data.searched_in_memory() && !data.search_ready() && data.claim_search_build() {
                crate::ctx::whole::build_search_in_slices(data, 50);
            }
        }
    });
    // A first screen of the chart or the table, a release's or an event's
    // page, or a search fetches the chunk of the wasm it needs beside the
    // catalogue, not after it. (The page itself has already asked for the
    // same chunks by the same rules, `<link rel=preload>`s written by
    // scripts/lib/split.mjs, so these fetches are answered by those.)
    Effect::new(move |_| {
        let charted = state.with(|s| {
            s.route == Route::Events
                && matches!(
                    s.show.view,
                    caricc_core::state::View::Chart | caricc_core::state::View::Table
                )
        });
        if charted {
            crate::split::start_preload(crate::events::preload_chart);
        }
        if state.with(|s| matches!(s.route, Route::Release(_) | Route::Event(_))) {
            crate::split::start_preload(crate::pages::preload_pages);
        }
        if state.with(|s| s.route == Route::Events && !s.filter.q.trim().is_empty()) {
            crate::split::start_preload(crate::pieces::search::preload_search);
        }
    });
    // `archive-ready`: the view on screen is usable, with its counts and
    // the events it shows (published pieces included). Once per page load.
    Effect::new(move |marked: Option<bool>| {
        if marked == Some(true) {
            return true;
        }
        let Load::Ready(data) = load.get() else {
            return false;
        };
        pieces.arrived.track();
        let ready = state.with(|s| view_ready(&data, s, results.get().as_deref()));
        if ready {
            browser::mark("archive-ready");
            // The first screen is up: now the search index's meta, and,
            // beside the filters, the facts their topic and substance
            // counts need once the reader narrows the events.
            data.events.prefetch_search(pieces);
            if !state.with_untracked(|s| s.embed.on) {
                data.events.request_facts(pieces);
            }
        }
        ready
    });
    crate::embed::watch_height();
    crate::embed::keep_links_out_of_history(ctx);

    view! {
        <div class="app">
            <a class="skip-link" href="#main" on:click=move |e| {
                e.prevent_default();
                if let Some(m) = browser::window().document().and_then(|d| d.get_element_by_id("main")) {
                    let _ = m.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            }>{move || ctx.t().skip_to_content}</a>
            <Show when=move || !state.with(|s| s.embed.on)>
                <Header search_ref=search_ref/>
            </Show>
            <Show when=move || state.with(|s| s.embed.on)>
                <EmbedBar search_ref=search_ref/>
            </Show>
            <main id="main" tabindex="-1">
                <UrlProblems problems=problems/>
                {move || match load.get() {
                    Load::Loading => view! { <LoadingScreen/> }.into_any(),
                    Load::Failed(failure, message) => view! { <ErrorScreen failure message/> }.into_any(),
                    Load::Ready(data) if data.index.releases.is_empty() => {
                        view! { <Warnings data=data/> <EmptyArchive/> }.into_any()
                    }
                    Load::Ready(data) => view! { <Warnings data=data/> <PieceFailure/> <Page/> }.into_any(),
                }}
            </main>
            // On paper: where the view is and which archive version it shows.
            <p class="print-only print-foot">{move || {
                let version = match ctx.load.get() {
                    Load::Ready(d) => crate::events::archive_version(&d),
                    _ => String::new(),
                };
                let address = browser::address_of(&state.with(|s| s.to_fragment()));
                format!("{address} · {} {version}", ctx.t().archive_version)
            }}</p>
            <Show when=move || !state.with(|s| s.embed.on)>
                <footer class="site-footer">
                    <p>{move || ctx.t().footer}</p>
                    <SaveOffline/>
                    <crate::cite::CiteButton/>
                </footer>
            </Show>
        </div>
    }
}

#[component]
fn Page() -> impl IntoView {
    let ctx = use_ctx();
    let route = Memo::new(move |_| ctx.state.with(|s| s.route.clone()));
    // Until the pages' chunk is here, the pieces its page will show are
    // asked for from here.
    Effect::new(move |_| {
        if !crate::split::shown("pages") {
            route.with(crate::pages::request_pieces);
        }
    });
    move || {
        use crate::pages::{event_page, release_page};
        use crate::split::{load_view, Lazy};
        match route.get() {
            Route::Releases => view! { <crate::pages::ReleasesPage/> }.into_any(),
            Route::Release(_) => view! {
                <Lazy load=load_view(release_page) chunk="pages" what=|t| t.nav_releases/>
            }
            .into_any(),
            Route::Events => view! { <crate::events::EventsPage/> }.into_any(),
            Route::Event(_) => view! {
                <Lazy load=load_view(event_page) chunk="pages" what=|t| t.nav_events/>
            }
            .into_any(),
        }
    }
}

#[component]
pub fn SearchBox(search_ref: NodeRef<html::Input>) -> impl IntoView {
    let ctx = use_ctx();
    let on_input = move |ev: ev::Event| {
        let q = event_target_value(&ev);
        // The keystroke that starts a search, or leaves the page for the
        // events, adds a history entry (Back returns to where the reader
        // was); the next keystrokes of the same search replace it.
        let starts = ctx.state.with_untracked(|s| {
            !matches!(s.route, Route::Events)
                || (s.filter.q.trim().is_empty() && !q.trim().is_empty())
        });
        let history = if starts {
            History::Push
        } else {
            History::Replace
        };
        ctx.update(history, |s| {
            if q.trim().is_empty() {
                // No query, no order of relevance to choose (Escape clears both).
                s.show.sort = Sort::default();
            }
            s.filter.q = q;
            s.show.page = 1;
            if !matches!(s.route, Route::Events) {
                s.route = Route::Events;
            }
        });
    };
    // The "/" shortcut means nothing on a touch screen.
    let touch = browser::coarse_pointer();
    view! {
        <form class="search" role="search" on:submit=move |e| e.prevent_default()>
            <input
                node_ref=search_ref
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                aria-label=move || ctx.t().search
                placeholder=move || if touch { ctx.t().search_placeholder_touch } else { ctx.t().search_placeholder }
                prop:value=move || ctx.state.with(|s| s.filter.q.clone())
                on:input=on_input
            />
        </form>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let choose = move |lang: Lang| ctx.choose_ui(lang);
    view! {
        <div class="lang-switch" role="group" aria-label=move || ctx.t().language_switch>
            <button type="button" lang="en" aria-pressed=move || (ctx.ui() == Lang::En).to_string()
                on:click=move |_| choose(Lang::En)>"EN"</button>
            <button type="button" lang="ru" aria-pressed=move || (ctx.ui() == Lang::Ru).to_string()
                on:click=move |_| choose(Lang::Ru)>"RU"</button>
        </div>
    }
}

#[component]
fn Header(search_ref: NodeRef<html::Input>) -> impl IntoView {
    let ctx = use_ctx();
    let on_releases = move || {
        ctx.state
            .with(|s| matches!(s.route, Route::Releases | Route::Release(_)))
    };
    view! {
        <header class="site-header">
            <div class="brand">
                <a href="#/" class="brand-name">{move || ctx.t().app_title}</a>
                <span class="brand-sub">{move || ctx.t().app_subtitle}</span>
            </div>
            <nav aria-label="Main">
                <a href=move || { ctx.state.track(); ctx.href(Route::Releases) }
                    aria-current=move || on_releases().then_some("page")>{move || ctx.t().nav_releases}</a>
                <a href=move || { ctx.state.track(); ctx.href(Route::Events) }
                    aria-current=move || (!on_releases()).then_some("page")>{move || ctx.t().nav_events}</a>
            </nav>
            <SearchBox search_ref=search_ref/>
            <LanguageSwitch/>
        </header>
    }
}

/// The compact bar of an embedded view: search and a link to the full app.
#[component]
fn EmbedBar(search_ref: NodeRef<html::Input>) -> impl IntoView {
    let ctx = use_ctx();
    let full = move || {
        let mut s = ctx.state.get();
        s.embed.on = false;
        format!("{}{}", browser::page_address(), s.to_fragment())
    };
    view! {
        <div class="embed-bar">
            <SearchBox search_ref=search_ref/>
            {crate::embed::back_to_start()}
            <a class="open-full" href=full target="_blank" rel="noopener noreferrer">{move || ctx.t().open_full}</a>
        </div>
    }
}

#[component]
fn LoadingScreen() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="loading" aria-busy="true">
            <p>{move || ctx.t().loading}</p>
            <progress aria-label=move || ctx.t().loading></progress>
        </section>
    }
}

#[component]
fn ErrorScreen(failure: loader::Failure, message: String) -> impl IntoView {
    let ctx = use_ctx();
    // An archive named in the address that cannot be shown: the way back
    // to the site's own (the same view, without `archive=`).
    let named =
        failure == loader::Failure::Refused || ctx.state.with_untracked(|s| s.archive.is_some());
    let site_archive = named.then(|| {
        let mut own = ctx.state.get_untracked();
        own.archive = None;
        view! { <a class="site-archive" href=own.to_fragment()>{move || ctx.t().open_site_archive}</a> }
    });
    view! {
        <section class="error-screen" role="alert">
            <h1>{move || ctx.t().error_title}</h1>
            <p class="error-hint">{move || (ctx.t().error_hint)(failure)}</p>
            <p class="error-message">
                {move || ctx.t().error_detail}": "
                // Names files and formats: in English whatever the interface.
                <code lang="en">{message}</code>
            </p>
            <p class="error-actions">
                <button type="button" on:click=move |_| { let _ = browser::window().location().reload(); }>
                    {move || ctx.t().reload}
                </button>
                {site_archive}
            </p>
        </section>
    }
}

/// True when the view `state` shows has what it needs to be read: the
/// events it lists are here, not only the catalogue.
fn view_ready(data: &Data, state: &ViewState, results: Option<&Results>) -> bool {
    if data.index.is_empty() {
        return true; // every page says the archive is empty
    }
    // A release's or an event's page is drawn by a chunk of its own.
    if matches!(state.route, Route::Release(_) | Route::Event(_)) && !crate::split::shown("pages") {
        return false;
    }
    match &state.route {
        // The first page's titles are in the catalogue; a later page's
        // come with their release pieces.
        Route::Releases => crate::pages::releases_on_page(&data.index, state.show.page)
            .iter()
            .all(|&r| {
                !data.index.releases[r.index()].title.is_empty() || data.events.has_release(r)
            }),
        Route::Release(id) => match crate::pages::release_holding(&data.index, id) {
            // A release's own events are rows; a translation's are in the
            // release piece.
            Some(r) => {
                data.events.has_release(r)
                    && (data.index.releases[r.index()].id != *id
                        || data.events.has_heads(&data.index.release_rows(r)))
            }
            None => true,
        },
        Route::Event(id) => match data.events.position(&data.index, id) {
            Some(Located::Row(pos)) => {
                let r = data.index.rows[pos.index()].release;
                let listed = &data.index.releases[r.index()];
                data.events.has_rows(&[pos])
                    && ((listed.translations.is_empty() && !listed.title.is_empty())
                        || data.events.has_release(r))
            }
            Some(Located::Translation(r)) => data.events.has_release(r),
            Some(Located::Nowhere) => true,
            None => false,
        },
        Route::Events => match results {
            None => false,
            // The facets' topic and substance counts, beside any view but an
            // embed's, come with the facts piece unless they are the whole
            // archive's.
            Some(r)
                if !state.embed.on && data.index.has_facts() && !r.selection.fact_counts_known =>
            {
                false
            }
            // Kilograms come from a piece of their own, and so do the facts
            // that count events per substance.
            Some(_) if state.show.view != caricc_core::state::View::List => {
                use caricc_core::aggregate::{Measure, SeriesOf};
                use caricc_core::state::View;
                // Their code comes in a chunk of the wasm of its own.
                let chunk = if state.show.view == View::Map {
                    "map"
                } else {
                    "chart"
                };
                if !crate::split::shown(chunk) {
                    return false;
                }
                state.show.view == View::Map
                    || match state.show.measure {
                        Measure::Events => {
                            state.show.series != SeriesOf::Substance
                                || data.events.facts().is_some()
                        }
                        Measure::Kg => data.events.has_seized(),
                    }
            }
            // A search lists snippets of the whole texts (the first screen's
            // make it usable); a list, heads.
            Some(r) if state.filter.q.trim().is_empty() => data
                .events
                .has_heads(crate::events::page_rows(&r.selection.rows, state.show.page)),
            Some(r) => {
                let shown = crate::events::page_rows(&r.selection.rows, state.show.page);
                let first = shown.len().min(crate::events::FIRST_SCREEN_RESULTS);
                data.events.has_rows(&shown[..first])
            }
        },
    }
}

/// The archive's version, and "Save for offline": every piece of a
/// published archive fetched (the service worker keeps them), with the size
/// first and progress while it runs.
#[component]
fn SaveOffline() -> impl IntoView {
    let ctx = use_ctx();
    let saving = RwSignal::new(false);
    move || {
        let Load::Ready(data) = ctx.load.get() else {
            return ().into_any();
        };
        let Some((version, bytes)) = data.published.clone() else {
            return ().into_any();
        };
        ctx.pieces.arrived.track();
        let (here, total) = data.events.progress();
        let t = ctx.t();
        let action = if here >= total {
            view! { <span class="offline-done">{t.offline_saved}</span> }.into_any()
        } else if saving.get() {
            view! {
                <span class="offline-progress" role="status">
                    {(t.offline_saving)(here, total)}
                    " "<progress max=total.to_string() value=here.to_string()></progress>
                </span>
            }
            .into_any()
        } else {
            let data = Arc::clone(&data);
            let save = move |_| {
                saving.set(true);
                data.events.request_everything(ctx.pieces);
            };
            // Tenths of a megabyte, in integers (no float formatting code).
            let tenths = (bytes + 50_000) / 100_000;
            let mb = format!("{}.{}", tenths / 10, tenths % 10);
            view! { <button type="button" class="save-offline" on:click=save>{(t.offline_save)(&mb)}</button> }.into_any()
        };
        view! {
            <p class="archive-version">{format!("{} {version}", t.archive_version)} " " {action}</p>
        }
        .into_any()
    }
}

/// A piece of a published archive that could not be had: what and why, and
/// a retry (a reload, when the archive changed under the page).
#[component]
fn PieceFailure() -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let message = ctx.pieces.failed.get()?;
        let retry = move |_| {
            ctx.pieces.failed.set(None);
            // The views look again for what they lack, and ask anew.
            ctx.pieces.arrived.update(|n| *n += 1);
        };
        Some(view! {
            <div class="notice warning piece-failure" role="alert">
                <p>{move || ctx.t().piece_failed}</p>
                <p><code>{message}</code></p>
                <p>
                    <button type="button" on:click=retry>{move || ctx.t().retry}</button>
                    " "
                    <button type="button" on:click=move |_| { let _ = browser::window().location().reload(); }>
                        {move || ctx.t().reload}
                    </button>
                </p>
            </div>
        })
    }
}

/// An archive with no release at all (or none left after the bad records):
/// say so, rather than show empty lists.
#[component]
fn EmptyArchive() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="empty-archive" role="status">
            <p class="empty-state">{move || ctx.t().empty_archive}</p>
        </section>
    }
}

#[component]
fn Warnings(data: Arc<Data>) -> impl IntoView {
    let ctx = use_ctx();
    if data.warnings.is_empty() {
        return ().into_any();
    }
    let count = data.warnings.len();
    let shown: Vec<String> = data
        .warnings
        .iter()
        .take(50)
        .map(|w| w.to_string())
        .collect();
    view! {
        <details class="notice warning" role="status">
            <summary>{move || format!("{} ({count})", ctx.t().warnings_title)}</summary>
            <ul>{shown.into_iter().map(|w| view! { <li><code>{w}</code></li> }).collect_view()}</ul>
        </details>
    }
    .into_any()
}

#[component]
fn UrlProblems(problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let list = problems.get();
        if list.is_empty() {
            return ().into_any();
        }
        view! {
            <div class="notice" role="status">
                <p>{ctx.t().url_problems}</p>
                <ul>{list.into_iter().map(|p| view! { <li><code>{p.to_string()}</code></li> }).collect_view()}</ul>
            </div>
        }
        .into_any()
    }
}
