//! Moving between views, and the invariant that keeps them honest: **the
//! state is what the address says.** The app never sets the state itself:
//! it writes the address ([`Ctx::navigate`], [`Ctx::go_to`]) and the state
//! is then read back from it ([`Ctx::follow_address`]), the same path
//! Back, Forward, an edited address and a followed link take through the
//! `hashchange` listener ([`follow_the_address`]). So a shared, reloaded or
//! bookmarked address shows exactly what the reader saw.

use caricc_core::state::{Problem, ViewState};
use leptos::ev;
use leptos::prelude::*;

use super::load::load_archive;
use super::{Ctx, Load};
use crate::browser::{self, History};

impl Ctx {
    /// Goes to the view `next`: a new history entry (a new page, a filter)
    /// or the current one rewritten (typing in the search box).
    pub fn navigate(&self, next: &ViewState, history: History) {
        self.go_to(&next.to_fragment(), history);
    }

    /// Changes the current state in place and navigates there.
    pub fn update(&self, history: History, f: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        f(&mut next);
        self.navigate(&next, history);
    }

    /// Goes to the address `fragment` (canonical, or a link's `href` as
    /// written), then follows it.
    pub fn go_to(&self, fragment: &str, history: History) {
        if browser::hash() == fragment {
            return; // the state is what it says already
        }
        let arrives = history == History::Push;
        // Inside an iframe the entry is rewritten rather than pushed (the
        // partner page's history must not grow); a new view all the same,
        // so unmarked, it arrives as a new page (see `arrive`).
        if arrives && browser::in_iframe() {
            browser::unmark_entry();
        }
        browser::set_hash(fragment, history);
        self.follow_address(arrives);
    }

    /// Makes the state what the address says: parses it (never fails; what
    /// is not understood goes to `problems`), loads another archive when it
    /// names one (or retries one that failed), applies the interface
    /// language it names. `arrived`: the reader is at another history entry
    /// (a new one, or Back/Forward), so a new page starts at its top and a
    /// page seen before comes back where the reader left it.
    pub fn follow_address(&self, arrived: bool) {
        let (next, problems) = ViewState::parse(&browser::hash());
        let (archive_changes, route_changes) = self
            .state
            .with_untracked(|s| (s.archive != next.archive, s.route != next.route));
        // Another archive, or a way out of one that failed (the error
        // screen's link to the site's own archive).
        let failed = arrived && self.load.with_untracked(|l| matches!(l, Load::Failed(..)));
        let refused = |ps: &[Problem]| ps.iter().any(|p| p.param == "archive");
        if archive_changes
            || failed
            || refused(&problems) != self.problems.with_untracked(|p| refused(p))
        {
            load_archive(self.load, &next, &problems);
        }
        if let Some(l) = next.ui {
            if self.ui_untracked() != l {
                self.ui.set(l);
            }
        }
        if self.problems.with_untracked(|p| *p != problems) {
            self.problems.set(problems);
        }
        if self.state.with_untracked(|s| *s != next) {
            self.state.set(next);
        }
        if arrived {
            let arrival = browser::arrive();
            if route_changes {
                match arrival {
                    browser::Arrival::New => browser::after_render(browser::show_page_top),
                    browser::Arrival::Again(Some(y)) => browser::scroll_soon(y),
                    browser::Arrival::Again(None) => {}
                }
            }
        }
    }
}

/// Follows the address from now on: Back and Forward, an edited address
/// and a link followed come in as hash changes (the app's own navigations
/// have been followed already, and change nothing more). A new page starts
/// at its top with the focus on its heading; Back and Forward return to a
/// page where the reader left it (the app re-renders it after the browser
/// restored the position, so the app restores it).
pub fn follow_the_address(ctx: Ctx) {
    browser::restore_scroll_manually();
    browser::arrive();
    let _ = window_event_listener(ev::scroll, |_| browser::remember_scroll());
    let _ = window_event_listener(ev::hashchange, move |_| ctx.follow_address(true));
}
