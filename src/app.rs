//! The app shell: loading the archive, the URL-fragment state, the header
//! with search and language switch, and the page for the current route.

use std::sync::{Arc, Mutex, OnceLock};

use caricc_core::country::Palette;
use caricc_core::index::{ArchiveIndex, EventTable, Selection};
use caricc_core::model::{self, Event, Lang, Warning};
use caricc_core::search::{SearchDoc, SearchIndex, SearchIndexBuilder};
use caricc_core::state::{Problem, Route, Sort, Theme, ViewState};
use caricc_core::title::{display_title, display_title_in};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::i18n::{texts, Texts};
use crate::loader;

/// A decoded archive and what is built over it.
pub struct Data {
    pub index: ArchiveIndex,
    /// The events' text, in row order.
    pub events: EventTable,
    pub warnings: Vec<Warning>,
    /// One colour per country of this archive, the same in every view.
    pub palette: Palette,
    search: OnceLock<SearchIndex>,
    /// The search index while it is built in slices (see `build_search_until`).
    search_pending: Mutex<Option<SearchIndexBuilder>>,
}

impl Data {
    pub fn new(index: ArchiveIndex, events: EventTable, warnings: Vec<Warning>) -> Data {
        let palette = Palette::for_codes(index.countries.iter().map(String::as_str));
        Data {
            index,
            events,
            warnings,
            palette,
            search: OnceLock::new(),
            search_pending: Mutex::new(None),
        }
    }

    /// What was indexed as search document `pos`, for checking phrases.
    pub fn search_doc(&self, pos: u32) -> Option<SearchDoc<'_>> {
        if pos as usize >= self.index.len() {
            return None;
        }
        let e = self.events.get(pos)?;
        Some(SearchDoc {
            title: &e.title,
            body: &e.body,
        })
    }

    /// The search index (doc ids are row positions): the one built in the
    /// background, or, asked for before that is done, what it has so far
    /// finished here and now.
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| {
            let mut builder = self.lock_pending().take().unwrap_or_default();
            self.add_to_search(&mut builder, f64::INFINITY);
            builder.finish()
        })
    }

    /// Adds documents to the search index being built until `deadline`
    /// (`performance.now()` ms) passes. True once the index is ready.
    ///
    /// The app calls this from short tasks, so that indexing 100,000 events
    /// (about 1.5 s) never holds the page still for longer than a slice.
    pub fn build_search_until(&self, deadline: f64) -> bool {
        if self.search.get().is_some() {
            return true;
        }
        let mut pending = self.lock_pending();
        let builder = pending.get_or_insert_with(SearchIndexBuilder::new);
        if !self.add_to_search(builder, deadline) {
            return false;
        }
        let index = pending.take().map(SearchIndexBuilder::finish);
        drop(pending);
        if let Some(index) = index {
            let _ = self.search.set(index);
        }
        true
    }

    /// Adds the next documents to `builder`, checking the clock every 64;
    /// true when every document is in.
    fn add_to_search(&self, builder: &mut SearchIndexBuilder, deadline: f64) -> bool {
        let n = self.index.len();
        while builder.len() < n {
            for _ in 0..64 {
                match self.search_doc(builder.len() as u32) {
                    Some(doc) => builder.add(&doc),
                    None => return true,
                }
            }
            if builder.len() < n && browser::now_ms() >= deadline {
                return false;
            }
        }
        true
    }

    fn lock_pending(&self) -> std::sync::MutexGuard<'_, Option<SearchIndexBuilder>> {
        // A panic aborts the app (panic = "abort"): the lock is never poisoned.
        self.search_pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// The event at row position `pos`.
    pub fn event(&self, pos: u32) -> &Event {
        self.events
            .get(pos)
            .expect("row positions come from this archive's index")
    }

    pub fn search_ready(&self) -> bool {
        self.search.get().is_some()
    }
}

/// Builds `data`'s search index a slice at a time, the first slice after
/// `delay` ms, marking `search-ready` when done.
fn build_search_in_slices(data: Arc<Data>, delay: i32) {
    /// A slice's length in ms: well inside a 60 Hz frame.
    const SLICE_MS: f64 = 8.0;
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        if data.build_search_until(browser::now_ms() + SLICE_MS) {
            browser::mark("search-ready");
        } else {
            build_search_in_slices(data, 0);
        }
    });
    let _ = browser::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), delay);
}

#[derive(Clone)]
pub enum Load {
    Loading { received: f64, total: Option<f64> },
    Ready(Arc<Data>),
    Failed(String),
}

/// The result of the current query and filters.
#[derive(Clone, PartialEq, Default)]
pub struct Results {
    pub selection: Selection,
    /// True when the rows are in relevance order (a query, sort auto/relevance).
    pub by_relevance: bool,
}

/// What every view reads: state, interface language, data, results.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: RwSignal<ViewState>,
    pub ui: RwSignal<Lang>,
    pub load: RwSignal<Load>,
    pub results: Memo<Option<Arc<Results>>>,
}

impl Ctx {
    pub fn t(&self) -> &'static Texts {
        texts(self.ui.get())
    }

    /// True when the page shows the dark theme (chosen in the URL, else the
    /// system's preference). Tracks the state.
    pub fn dark(&self) -> bool {
        match self.state.with(|s| s.theme) {
            Some(t) => t == Theme::Dark,
            None => browser::prefers_dark(),
        }
    }

    /// The colour of `code` in the current theme, in every view.
    pub fn colour(&self, code: &str) -> &'static str {
        let dark = self.dark();
        match self.data() {
            Some(d) => d.palette.colour(code, dark),
            None => Palette::default().colour(code, dark),
        }
    }

    pub fn data(&self) -> Option<Arc<Data>> {
        match self.load.get_untracked() {
            Load::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// Moves to `next`: a new history entry (a new page, a filter), or a
    /// replaced one (`push == false`: typing in the search box).
    pub fn go(&self, next: ViewState, push: bool) {
        browser::set_hash(&next.to_fragment(), push);
        self.state.set(next);
    }

    /// Changes the current state in place and goes there.
    pub fn update(&self, push: bool, f: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        f(&mut next);
        self.go(next, push);
    }

    /// The fragment for `route` keeping the current filters. Untracked: a
    /// view that must follow the filters tracks `state` itself.
    pub fn href(&self, route: Route) -> String {
        let mut s = self.state.get_untracked();
        s.route = route;
        s.page = 1;
        s.to_fragment()
    }
}

/// A page's own title cut to what a browser tab shows.
fn tab_title(title: &str) -> String {
    const MAX: usize = 80;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

const UI_SETTING: &str = "caricc.ui";

fn initial_ui(state: &ViewState) -> Lang {
    state
        .ui
        .or_else(|| browser::load_setting(UI_SETTING).and_then(|s| Lang::parse(&s)))
        .unwrap_or_else(|| {
            if browser::browser_language().starts_with("ru") {
                Lang::Ru
            } else {
                Lang::En
            }
        })
}

/// Decodes archive text into [`Data`], with the error a reader sees.
fn decode(text: &str, source: &str) -> Result<Data, String> {
    let started = browser::now_ms();
    let (archive, warnings) = model::decode(text).map_err(|e| format!("{source}: {e}"))?;
    browser::measure_since("archive-decode", started);
    let started = browser::now_ms();
    let (index, events) = ArchiveIndex::new(archive);
    browser::measure_since("archive-index", started);
    Ok(Data::new(index, events, warnings))
}

fn start_loading(load: RwSignal<Load>, archive_param: Option<String>) {
    load.set(Load::Loading {
        received: 0.0,
        total: None,
    });
    leptos::task::spawn_local(async move {
        let started = browser::now_ms();
        let text = match (&archive_param, loader::inline_archive()) {
            (None, Some(inline)) => Ok(inline),
            (path, _) => {
                let path = path
                    .clone()
                    .unwrap_or_else(|| loader::DEFAULT_ARCHIVE.to_string());
                loader::fetch_text(&path, |received, total| {
                    load.set(Load::Loading { received, total })
                })
                .await
            }
        };
        browser::measure_since("archive-fetch", started);
        let source = archive_param.as_deref().unwrap_or(loader::DEFAULT_ARCHIVE);
        match text.and_then(|t| decode(&t, source)) {
            Ok(data) => {
                load.set(Load::Ready(Arc::new(data)));
                browser::mark("archive-ready");
            }
            Err(e) => load.set(Load::Failed(e)),
        }
        // After the first load, so that caching the files for offline use
        // does not compete with it.
        browser::register_service_worker();
    });
}

#[component]
pub fn App() -> impl IntoView {
    let (initial, initial_problems) = ViewState::parse(&browser::hash());
    let ui = RwSignal::new(initial_ui(&initial));
    let problems = RwSignal::new(initial_problems);
    let refused_archive = problems
        .get_untracked()
        .iter()
        .find(|p| p.param == "archive")
        .cloned();
    crate::embed::remember_start(&initial);
    let state = RwSignal::new(initial);
    let load = RwSignal::new(Load::Loading {
        received: 0.0,
        total: None,
    });

    // The query and filters alone decide the results; paging and the view
    // mode do not, so they must not re-run the search.
    let query_key = Memo::new(move |_| state.with(|s| (s.q.clone(), s.filter(), s.sort)));
    let results = Memo::new(move |_| {
        let Load::Ready(data) = load.get() else {
            return None;
        };
        let (q, filter, sort) = query_key.get();
        let candidates = if q.trim().is_empty() {
            None
        } else {
            let started = browser::now_ms();
            // Phrases in quotes are checked word for word against the text.
            let hits = data
                .search_index()
                .search_with_text(&q, |pos| data.search_doc(pos));
            browser::measure_since("search", started);
            hits.map(|h| h.into_iter().map(|h| h.doc).collect::<Vec<u32>>())
        };
        let by_relevance = candidates.is_some() && sort != Sort::Newest;
        let started = browser::now_ms();
        let mut selection = data.index.select(&filter, candidates.as_deref());
        browser::measure_since("select", started);
        if candidates.is_some() && !by_relevance {
            ArchiveIndex::sort_newest(&mut selection.rows);
        }
        Some(Arc::new(Results {
            selection,
            by_relevance,
        }))
    });
    let ctx = Ctx {
        state,
        ui,
        load,
        results,
    };
    provide_context(ctx);

    match refused_archive {
        Some(p) => load.set(Load::Failed(format!("archive={}: {}", p.value, p.reason))),
        None => start_loading(load, state.get_untracked().archive),
    }

    // Back/forward and edited addresses come in as hash changes.
    let _ = window_event_listener(ev::hashchange, move |_| {
        let (next, next_problems) = ViewState::parse(&browser::hash());
        if next.archive != state.get_untracked().archive {
            start_loading(load, next.archive.clone());
        }
        if let Some(l) = next.ui {
            ui.set(l);
        }
        problems.set(next_problems);
        if next != state.get_untracked() {
            state.set(next);
        }
    });

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
        let lang = ui.get();
        let (theme, embed) = state.with(|s| (s.theme, s.embed));
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
            let accent = state.with(|s| s.accent.clone());
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
        let t = texts(ui.get());
        let route = state.with(|s| s.route.clone());
        let own_title = match (&route, load.get()) {
            (Route::Event(id), Load::Ready(data)) => data.events.position(id).map(|pos| {
                let e = data.event(pos);
                display_title_in(&e.title, &e.body)
            }),
            (Route::Release(id), Load::Ready(data)) => data
                .index
                .release_by_id(id)
                .map(|r| display_title(&r.title)),
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
    // A new page (a link followed, a new history entry) starts at its top
    // with the focus on its heading; Back and Forward return to a page where
    // the reader left it (the app re-renders it after the browser restored
    // the position, so the app restores it).
    browser::restore_scroll_manually();
    browser::restore_scroll_manually();
    browser::arrive();
    let _ = window_event_listener(ev::scroll, |_| browser::remember_scroll());
    let shown_route = std::cell::RefCell::new(state.get_untracked().route);
    let _ = window_event_listener(ev::hashchange, move |_| {
        // After the listener above: the state and the views follow the address already.
        let arrival = browser::arrive();
        let route = state.with_untracked(|s| s.route.clone());
        if shown_route.replace(route.clone()) != route {
            match arrival {
                browser::Arrival::New => browser::after_render(browser::show_page_top),
                browser::Arrival::Again(Some(y)) => browser::scroll_soon(y),
                browser::Arrival::Again(None) => {}
            }
        }
    });
    // After the first screen is up, build the search index in the
    // background, in slices of a few milliseconds between which the page
    // answers clicks and paints, so the first keystroke does not pay for it.
    Effect::new(move |_| {
        if let Load::Ready(data) = load.get() {
            if !data.search_ready() {
                build_search_in_slices(data, 50);
            }
        }
    });
    crate::embed::watch_height();
    crate::embed::keep_links_out_of_history();

    view! {
        <div class="app">
            <a class="skip-link" href="#main" on:click=move |e| {
                e.prevent_default();
                if let Some(m) = browser::window().document().and_then(|d| d.get_element_by_id("main")) {
                    let _ = m.unchecked_ref::<web_sys::HtmlElement>().focus();
                }
            }>{move || ctx.t().skip_to_content}</a>
            <Show when=move || !state.with(|s| s.embed)>
                <Header search_ref=search_ref/>
            </Show>
            <Show when=move || state.with(|s| s.embed)>
                <EmbedBar search_ref=search_ref/>
            </Show>
            <main id="main" tabindex="-1">
                <UrlProblems problems=problems/>
                {move || match load.get() {
                    Load::Loading { received, total } => view! { <LoadingScreen received=received total=total/> }.into_any(),
                    Load::Failed(message) => view! { <ErrorScreen message=message/> }.into_any(),
                    Load::Ready(data) if data.index.releases.is_empty() => {
                        view! { <Warnings data=data/> <EmptyArchive/> }.into_any()
                    }
                    Load::Ready(data) => view! { <Warnings data=data/> <Page/> }.into_any(),
                }}
            </main>
            <Show when=move || !state.with(|s| s.embed)>
                <footer class="site-footer">
                    <p>{move || ctx.t().footer}</p>
                </footer>
            </Show>
        </div>
    }
}

#[component]
fn Page() -> impl IntoView {
    let ctx = use_ctx();
    let route = Memo::new(move |_| ctx.state.with(|s| s.route.clone()));
    move || match route.get() {
        Route::Releases => view! { <crate::pages::ReleasesPage/> }.into_any(),
        Route::Release(id) => view! { <crate::pages::ReleasePage id=id/> }.into_any(),
        Route::Events => view! { <crate::events::EventsPage/> }.into_any(),
        Route::Event(id) => view! { <crate::pages::EventPage id=id/> }.into_any(),
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
        let push = ctx.state.with_untracked(|s| {
            !matches!(s.route, Route::Events) || (s.q.trim().is_empty() && !q.trim().is_empty())
        });
        ctx.update(push, |s| {
            if q.trim().is_empty() {
                // No query, no order of relevance to choose (Escape clears both).
                s.sort = Sort::default();
            }
            s.q = q;
            s.page = 1;
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
                prop:value=move || ctx.state.with(|s| s.q.clone())
                on:input=on_input
            />
        </form>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let choose = move |lang: Lang| {
        ctx.ui.set(lang);
        browser::save_setting(UI_SETTING, lang.as_str());
        if ctx.state.with_untracked(|s| s.ui.is_some()) {
            ctx.update(false, |s| s.ui = Some(lang));
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || ctx.t().language_switch>
            <button type="button" lang="en" aria-pressed=move || (ctx.ui.get() == Lang::En).to_string()
                on:click=move |_| choose(Lang::En)>"EN"</button>
            <button type="button" lang="ru" aria-pressed=move || (ctx.ui.get() == Lang::Ru).to_string()
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
        s.embed = false;
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
fn LoadingScreen(received: f64, total: Option<f64>) -> impl IntoView {
    let ctx = use_ctx();
    let kib = (received / 1024.0).round();
    let percent = total
        .filter(|t| *t > 0.0)
        .map(|t| (received / t * 100.0).min(100.0).round());
    view! {
        <section class="loading" aria-busy="true">
            <p>{move || ctx.t().loading}</p>
            <progress max="100" value=percent.map(|p| p.to_string())
                aria-label=move || ctx.t().loading></progress>
            <p class="muted">{move || if kib > 0.0 { format!("{kib} KiB {}", ctx.t().loading_bytes) } else { String::new() }}</p>
        </section>
    }
}

#[component]
fn ErrorScreen(message: String) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="error-screen" role="alert">
            <h1>{move || ctx.t().error_title}</h1>
            <p class="error-message"><code>{message}</code></p>
            <p>{move || ctx.t().error_hint}</p>
            <button type="button" on:click=move |_| { let _ = browser::window().location().reload(); }>
                {move || ctx.t().reload}
            </button>
        </section>
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

#[cfg(test)]
mod tests {
    use super::*;
    use caricc_core::synth::{generate, Model, Params};
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// A synthetic archive of `events` events, learned from the bundled one.
    fn data(events: usize) -> Data {
        let (bundled, _) = model::decode(include_str!("../data/archive.json"))
            .expect("the bundled archive decodes");
        let archive = generate(
            &Model::from_archive(&bundled),
            &Params {
                events,
                ..Params::default()
            },
        );
        let (index, events) = ArchiveIndex::new(archive);
        Data::new(index, events, Vec::new())
    }

    fn hits(ix: &SearchIndex, q: &str) -> Vec<u32> {
        ix.search(q)
            .unwrap_or_default()
            .iter()
            .map(|h| h.doc)
            .collect()
    }

    #[wasm_bindgen_test]
    fn the_search_index_built_in_slices_answers_as_one_built_at_once() {
        let whole = {
            let d = data(600);
            SearchIndex::build((0..d.index.len() as u32).filter_map(|pos| d.search_doc(pos)))
        };
        let queries = ["heroin", "наркотик", "police seized", "karasora", "нарк"];
        assert!(queries.iter().any(|q| !hits(&whole, q).is_empty()));

        // Slices of one millisecond: several, then ready.
        let d = data(600);
        let mut slices = 1;
        while !d.build_search_until(browser::now_ms() + 1.0) {
            slices += 1;
            assert!(slices < 10_000);
        }
        assert!(d.search_ready());
        for q in queries {
            assert_eq!(hits(d.search_index(), q), hits(&whole, q), "{q}");
        }

        // A query before the background build is done finishes it at once.
        let d = data(600);
        assert!(
            !d.build_search_until(0.0),
            "a deadline already past still adds one step, not all"
        );
        assert!(!d.search_ready());
        for q in queries {
            assert_eq!(hits(d.search_index(), q), hits(&whole, q), "{q}");
        }
        assert!(
            d.build_search_until(0.0),
            "and the background build then stops"
        );
    }
}
