//! What every view reads: the app's context ([`Ctx`]: the view state, the
//! interface language, the loaded archive and the results of the current
//! query and filters) and the archive as loaded ([`Data`]). Its own module,
//! so that the views import it and not the shell that renders them.

use std::sync::Arc;

use caricc_core::country::Palette;
use caricc_core::index::{ArchiveIndex, ReleaseIdx, RowPos, Selection};
use caricc_core::model::{Event, Lang, Warning};
use caricc_core::state::{Route, Theme, ViewState};
use leptos::prelude::*;

use crate::browser::{self, History};
use crate::i18n::{texts, Texts};
use crate::loader;
use crate::pieces::{Events, Located, PieceSignals};

pub mod load;
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

    /// True when the archive is in memory and searched there.
    #[cfg(feature = "whole-archive")]
    pub fn searched_in_memory(&self) -> bool {
        matches!(&*self.events, Events::Full(_))
    }
}

#[derive(Clone)]
pub enum Load {
    Loading { received: f64, total: Option<f64> },
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
    pub state: RwSignal<ViewState>,
    pub ui: RwSignal<Lang>,
    pub load: RwSignal<Load>,
    pub results: Memo<Option<Arc<Results>>>,
    /// Published pieces arriving, or failing.
    pub pieces: PieceSignals,
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

    pub fn data(&self) -> Option<Arc<Data>> {
        match self.load.get_untracked() {
            Load::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// Moves to `next`: a new history entry (a new page, a filter), or a
    /// replaced one (typing in the search box).
    pub fn go(&self, next: ViewState, history: History) {
        browser::set_hash(&next.to_fragment(), history);
        self.state.set(next);
    }

    /// Changes the current state in place and goes there.
    pub fn update(&self, history: History, f: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        f(&mut next);
        self.go(next, history);
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

/// The context the shell provides to every view.
pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
