//! What every view reads: the app's context ([`Ctx`]: the view state, the
//! interface language, the loaded archive and the results of the current
//! query and filters) and the archive as loaded ([`Data`]). Its own module,
//! so that the views import it and not the shell that renders them.

use std::sync::Arc;

use caricc_core::country::Palette;
use caricc_core::index::{ArchiveIndex, ReleaseIdx, RowFacts, RowPos, Selection};
use caricc_core::model::{Event, Lang, Warning};
use caricc_core::search::CrossLanguage;
use caricc_core::state::{Problem, Route, Sort, Theme, ViewState};
use leptos::prelude::*;

use crate::browser::{self, History};
use crate::i18n::{texts, Texts};
use crate::loader;
use crate::pieces::{Events, Located, PieceSignals};

pub mod load;
pub mod nav;
#[cfg(feature = "whole-archive")]
pub mod whole;

/// A decoded archive (or a published one's catalogue) and what is built
/// over it.
pub struct Data {
    pub index: ArchiveIndex,
    /// The events' text: in memory, or fetched in pieces as views need it.
    pub events: Arc<Events>,
    pub warnings: Vec<Warning>,
    /// One colour per country of this archive, the same in every view.
    pub palette: Palette,
    /// The published version (`2025-06-15.3f9a1c2e`) and the bytes of all
    /// its pieces, when it is one.
    pub published: Option<(String, u64)>,
    /// The in-memory search index of a whole archive (a published one
    /// searches its prebuilt index: `Events::search`).
    #[cfg(feature = "whole-archive")]
    pub memory: whole::MemorySearch,
}

impl Data {
    pub fn new(
        index: ArchiveIndex,
        events: Events,
        warnings: Vec<Warning>,
        published: Option<(String, u64)>,
    ) -> Data {
        let palette = Palette::for_codes(index.countries.iter().map(String::as_str));
        Data {
            index,
            events: Arc::new(events),
            warnings,
            palette,
            published,
            #[cfg(feature = "whole-archive")]
            memory: Default::default(),
        }
    }

    /// The event at row position `pos`, if its text is here.
    pub fn event(&self, pos: RowPos) -> Option<Event> {
        self.events.event(pos)
    }

    /// The thesaurus searches cross languages with: the published index's
    /// (in its meta), or the in-memory index's.
    pub fn cross_language(&self) -> Arc<CrossLanguage> {
        #[cfg(feature = "whole-archive")]
        if self.searched_in_memory() {
            return self.memory.cross_language();
        }
        self.events.cross_language()
    }

    /// True when the archive is in memory and searched there.
    #[cfg(feature = "whole-archive")]
    pub fn searched_in_memory(&self) -> bool {
        matches!(&*self.events, Events::Full(_))
    }
}

#[derive(Clone)]
pub enum Load {
    Loading,
    Ready(Arc<Data>),
    Failed(loader::Failure, String),
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
    /// What the address says (see [`nav`]: only the address sets it).
    pub state: RwSignal<ViewState>,
    /// What the address carried that was not used, and why.
    pub problems: RwSignal<Vec<Problem>>,
    /// The interface language: the one place it is kept (read it with
    /// [`Ctx::ui`], change it with [`Ctx::choose_ui`]).
    ui: RwSignal<Lang>,
    pub load: RwSignal<Load>,
    pub results: Memo<Option<Arc<Results>>>,
    /// Published pieces arriving, or failing.
    pub pieces: PieceSignals,
    /// Whether the page shows the dark theme: a memo, so that the many
    /// views that colour by it (every swatch) run again when the theme
    /// changes, not on every change of the address.
    dark: Memo<bool>,
}

/// Where the reader's choice of interface language is remembered.
const UI_SETTING: &str = "caricc.ui";

impl Ctx {
    /// The context for the address the page was opened at; starts loading
    /// the archive it names.
    pub fn from_address() -> Ctx {
        let (initial, problems) = ViewState::parse(&browser::hash());
        // The address's language, else the reader's last choice, else the browser's.
        let ui = initial
            .ui
            .or_else(|| browser::load_setting(UI_SETTING).and_then(|s| Lang::parse(&s)))
            .unwrap_or_else(|| {
                if browser::browser_language().starts_with("ru") {
                    Lang::Ru
                } else {
                    Lang::En
                }
            });
        let load = RwSignal::new(Load::Loading);
        load::load_archive(load, &initial, &problems);
        let state = RwSignal::new(initial);
        let pieces = PieceSignals::new();
        let dark = Memo::new(move |_| match state.with(|s| s.embed.theme) {
            Some(t) => t == Theme::Dark,
            None => browser::prefers_dark(),
        });
        Ctx {
            state,
            problems: RwSignal::new(problems),
            ui: RwSignal::new(ui),
            load,
            results: results(state, load, pieces),
            pieces,
            dark,
        }
    }

    /// The interface language. Tracked.
    pub fn ui(&self) -> Lang {
        self.ui.get()
    }

    /// The interface language, untracked (in an event handler).
    pub fn ui_untracked(&self) -> Lang {
        self.ui.get_untracked()
    }

    /// The reader switches the interface to `lang`: remembered for their
    /// next visit, and an address that names the language (`ui=`) is
    /// rewritten to name this one, in place.
    pub fn choose_ui(&self, lang: Lang) {
        browser::save_setting(UI_SETTING, lang.as_str());
        self.ui.set(lang);
        if self.state.with_untracked(|s| s.ui.is_some()) {
            self.update(History::Replace, |s| s.ui = Some(lang));
        }
    }

    pub fn t(&self) -> &'static Texts {
        texts(self.ui())
    }

    /// True when the page shows the dark theme (chosen in the URL, else the
    /// system's preference, read when the address changes). Tracked.
    pub fn dark(&self) -> bool {
        self.dark.get()
    }

    /// The colour of `code` in the current theme, in every view.
    pub fn colour(&self, code: &str) -> &'static str {
        let dark = self.dark();
        match self.data() {
            Some(d) => d.palette.colour(code, dark),
            None => Palette::default().colour(code, dark),
        }
    }

    /// True when the events of `rows` are here; else asks for them and
    /// tracks their arrival, so the caller runs again when they come.
    pub fn rows_here(&self, data: &Arc<Data>, rows: &[RowPos]) -> bool {
        self.pieces.arrived.track();
        if data.events.has_rows(rows) {
            return true;
        }
        data.events.request_rows(rows, self.pieces);
        false
    }

    /// True when what a list shows of `rows` is here; else asks for it
    /// and tracks its arrival, so the caller runs again when it comes.
    pub fn heads_here(&self, data: &Arc<Data>, rows: &[RowPos]) -> bool {
        self.pieces.arrived.track();
        if data.events.has_heads(rows) {
            return true;
        }
        data.events.request_heads(rows, self.pieces);
        false
    }

    /// Where event `id` is; `None` while that is not known yet (asked
    /// for, tracked).
    pub fn event_position(&self, data: &Arc<Data>, id: &str) -> Option<Located> {
        self.pieces.arrived.track();
        let found = data.events.position(&data.index, id);
        if found.is_none() {
            // (Its id piece also names its events piece.)
            data.events.request_id(id, self.pieces);
        }
        found
    }

    /// What the catalogue leaves out of release `release` (summary, the
    /// order of its events, its translations' texts); else asks for it
    /// and tracks its arrival.
    pub fn release_here(
        &self,
        data: &Arc<Data>,
        release: ReleaseIdx,
    ) -> Option<caricc_core::catalogue::ReleaseDetail> {
        self.pieces.arrived.track();
        let found = data.events.release(&data.index, release, self.pieces);
        if found.is_none() {
            data.events.request_release(release, self.pieces);
        }
        found
    }

    /// The title of release `release` (the catalogue has the newest ones';
    /// the others come with its release piece); else asks for that piece
    /// and tracks its arrival.
    pub fn release_title(&self, data: &Arc<Data>, release: ReleaseIdx) -> Option<String> {
        self.pieces.arrived.track();
        let found = data.events.release_title(&data.index, release, self.pieces);
        if found.is_none() {
            data.events.request_release(release, self.pieces);
        }
        found
    }

    pub fn data(&self) -> Option<Arc<Data>> {
        match self.load.get_untracked() {
            Load::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// The fragment for `route` keeping the current filters. Untracked: a
    /// view that must follow the filters tracks `state` itself.
    pub fn href(&self, route: Route) -> String {
        let mut s = self.state.get_untracked();
        s.route = route;
        s.show.page = 1;
        s.to_fragment()
    }
}

/// The context the shell provides to every view.
pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The results of the state's query and filters, searched and selected
/// again when those change. Paging and the view mode do not decide them,
/// so they do not re-run the search.
fn results(
    state: RwSignal<ViewState>,
    load: RwSignal<Load>,
    pieces: PieceSignals,
) -> Memo<Option<Arc<Results>>> {
    let query_key = Memo::new(move |_| {
        state.with(|s| (s.filter.q.clone(), s.filter.index_filter(), s.show.sort))
    });
    // Whether the rows' facts are here (or are the index's own): a bool,
    // so that the selection runs again when they come, not whenever any
    // piece does.
    let facts_here = Memo::new(move |_| {
        pieces.arrived.track();
        matches!(load.get(), Load::Ready(d) if d.events.facts().is_some())
    });
    Memo::new(move |_| {
        let Load::Ready(data) = load.get() else {
            return None;
        };
        let (q, filter, sort) = query_key.get();
        // Untracked: the view does not decide the results.
        let listed = state.with_untracked(|s| s.show.view == caricc_core::state::View::List);
        let candidates = if q.trim().is_empty() {
            None
        } else {
            #[cfg(feature = "whole-archive")]
            if data.searched_in_memory() {
                whole::search(&data, &q)
            } else {
                load::published_search(&data, &q, pieces, listed)?
            }
            // A published archive: its prebuilt index, in pieces.
            #[cfg(not(feature = "whole-archive"))]
            {
                load::published_search(&data, &q, pieces, listed)?
            }
        };
        let by_relevance = candidates.is_some() && sort != Sort::Newest;
        // A published archive's facts come in a piece of their own. The
        // facets beside a narrowed selection (a query, a filter) count by
        // them: asked for at once. Only a filter by topic or substance
        // waits for them; until they come the facets say their counts are
        // on their way. (The search does not run again when they come: the
        // published search keeps its last answer.)
        // (Read, not only tracked: a memo no one has read is not computed.)
        let _ = facts_here.get();
        let facts = data.events.facts();
        if facts.is_none() {
            let by_facts = ArchiveIndex::filters_by_facts(&filter);
            let narrowed = candidates.is_some() || filter != Default::default();
            if by_facts || (narrowed && !state.with_untracked(|s| s.embed.on)) {
                data.events.request_facts(pieces);
            }
            if by_facts {
                return None;
            }
        }
        let facts: Option<&[RowFacts]> = match &facts {
            Some(Some(here)) => Some(here),
            Some(None) => Some(&data.index.facts),
            None => None,
        };
        let started = browser::now_ms();
        let mut selection = data
            .index
            .select_with(facts, &filter, candidates.as_deref());
        browser::measure_since("select", started);
        if candidates.is_some() && !by_relevance {
            selection.sort_newest();
        }
        Some(Arc::new(Results {
            selection,
            by_relevance,
        }))
    })
}
