//! Partner embeds: the height messages an embedding page sizes its iframe
//! by, and the "Embed" button that hands out the snippet for the current view.

use caricc_core::state::{View, ViewState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{self, History};
use crate::ctx::{use_ctx, Ctx};

/// Inside an iframe, posts the page height to the parent whenever it changes
/// (message shape: `{ type: "caricc-archive:height", height: <px> }`).
pub fn watch_height() {
    if !browser::in_iframe() {
        return;
    }
    let callback =
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(browser::post_height_to_parent);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        if let Some(root) = browser::window()
            .document()
            .and_then(|d| d.document_element())
        {
            observer.observe(&root);
        }
    }
    // The observer lives as long as the page.
    callback.forget();
    browser::post_height_to_parent();
}

/// Inside an iframe, a link to one of the app's own views (`href="#/…"`)
/// replaces the frame's address instead of adding an entry to the history the
/// frame shares with the partner's page, whose back button must keep going
/// where it went. (The app's own changes of view do the same: `Ctx::go_to`.)
pub fn keep_links_out_of_history(ctx: Ctx) {
    if !browser::in_iframe() {
        return;
    }
    let _ = window_event_listener(leptos::ev::click, move |e| {
        if e.default_prevented()
            || e.button() != 0
            || e.ctrl_key()
            || e.meta_key()
            || e.shift_key()
            || e.alt_key()
        {
            return;
        }
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#']").ok().flatten());
        let Some(link) = link else { return };
        if link.has_attribute("target") || link.has_attribute("download") {
            return;
        }
        let Some(href) = link.get_attribute("href") else {
            return;
        };
        e.prevent_default();
        // A new page, as a link outside an iframe would open (the entry
        // rewritten all the same: `Ctx::go_to`).
        ctx.go_to(&href, History::Push);
    });
}

/// The iframe snippet and the partner-side script for `address` + `fragment`,
/// indented as the README shows it.
pub fn snippet(address: &str, fragment: &str) -> String {
    // Lines joined explicitly: a `\` line continuation in a Rust string
    // would swallow the next line's indentation.
    [
        format!(
            "<iframe src=\"{}{}\" title=\"CARICC archive\" style=\"width:100%;border:0\" height=\"600\" loading=\"lazy\"></iframe>",
            address.replace('"', "%22"),
            fragment.replace('"', "%22"),
        )
        .as_str(),
        "<script>",
        "window.addEventListener('message', function (e) {",
        "  if (!e.data || e.data.type !== 'caricc-archive:height') return;",
        "  document.querySelectorAll('iframe').forEach(function (f) {",
        "    if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';",
        "  });",
        "});",
        "</script>",
    ]
    .join("\n")
}

thread_local! {
    /// The address an embed was opened at: the view its partner chose.
    static START: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The address of `s` without the interface language, which the reader may switch freely.
fn view_key(s: &ViewState) -> String {
    let mut s = s.clone();
    s.ui = None;
    s.to_fragment()
}

/// Remembers `state` as the partner's chosen view, when it is an embed.
pub fn remember_start(state: &ViewState) {
    if state.embed.on {
        START.with(|s| *s.borrow_mut() = Some(view_key(state)));
    }
}

/// In an embed that has left the view its partner chose (a bar clicked, a
/// search typed), one click back to that view: an embed has no filters to
/// undo with, and no Back button of its own. (A plain function, not a
/// component: it costs less of the first load.)
pub fn back_to_start() -> impl IntoView {
    let ctx = use_ctx();
    let start = START.with(|s| s.borrow().clone())?;
    let which = match ViewState::parse(&start).0.show.view {
        View::Chart => 0,
        View::Table => 1,
        View::List => 2,
        View::Map => 3,
    };
    let back = {
        let start = start.clone();
        move |_| {
            let (mut next, _) = ViewState::parse(&start);
            next.ui = ctx.state.with_untracked(|s| s.ui);
            ctx.navigate(&next, History::Replace);
            // The button goes: the focus moves on to the view it brought back.
            browser::focus_first_of(&[".chart-overlay rect[tabindex=\"0\"]", ".result-count"]);
        }
    };
    Some(move || {
        let away = ctx.state.with(|s| view_key(s) != start);
        let back = back.clone();
        away.then(move || {
            view! {
                <button type="button" class="embed-back" on:click=back>
                    {ctx.t().embed_back[which]}
                </button>
            }
        })
    })
}

#[component]
pub fn EmbedButton() -> impl IntoView {
    let ctx = use_ctx();
    crate::parts::copy_dialog(
        "embed",
        &[".embed-button", ".embed-dialog textarea"],
        |t| t.embed,
        |t| t.embed_hint,
        move || {
            let mut s = ctx.state.get();
            s.embed.on = true;
            s.show.page = 1;
            vec![(
                ctx.t().embed.to_string(),
                snippet(&browser::page_address(), &s.to_fragment()),
            )]
        },
    )
}
