//! "Cite": the view on screen as a citation, in text and as BibTeX, with
//! the archive version and today's date (`caricc_core::export::cite`).

use caricc_core::date::Date;
use caricc_core::export::cite::{citation_bibtex, citation_text, Cited};
use caricc_core::state::Route;
use leptos::prelude::*;

use crate::browser;
use crate::ctx::{use_ctx, Ctx};

/// The day on the reader's clock.
fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
}

/// What the view shows, as a citation's title: the events page says its
/// filters and query; other pages have their own title in the tab.
fn view_title(ctx: &Ctx) -> String {
    if ctx.state.with_untracked(|s| s.route == Route::Events) {
        return crate::events::selection_title(ctx);
    }
    browser::window()
        .document()
        .map(|d| d.title())
        .unwrap_or_default()
}

/// The citation of the current view: (text, BibTeX).
fn citations(ctx: &Ctx) -> (String, String) {
    let version = ctx
        .data()
        .map(|d| crate::events::archive_version(&d))
        .unwrap_or_default();
    let address = browser::address_of(&ctx.state.with(|s| s.to_fragment()));
    let title = view_title(ctx);
    let accessed = today().unwrap_or_else(|| Date::from_ymd(2000, 1, 1).expect("a real day"));
    let cited = Cited {
        title: &title,
        version: &version,
        accessed,
        address: &address,
    };
    (citation_text(&cited, ctx.ui()), citation_bibtex(&cited))
}

#[component]
pub fn CiteButton() -> impl IntoView {
    let ctx = use_ctx();
    crate::parts::copy_dialog(
        "cite",
        &[".cite-button", ".cite-dialog textarea"],
        |t| t.cite,
        |t| t.cite_hint,
        move || {
            let (text, bibtex) = citations(&ctx);
            vec![
                (ctx.t().cite_as_text.to_string(), text),
                ("BibTeX".to_string(), bibtex),
            ]
        },
    )
}
