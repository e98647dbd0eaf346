//! Small view parts the pages share: a country with its colour, the pager
//! of a long list, and what stands where published pieces have not arrived.

use caricc_core::country;
use leptos::prelude::*;

use crate::browser::{self, History};
use crate::ctx::use_ctx;

/// A country's name with its colour swatch, as everywhere in the app.
#[component]
pub fn CountryTag(code: String, #[prop(optional)] count: Option<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let color = {
        let code = code.clone();
        move || ctx.colour(&code)
    };
    let label = {
        let code = code.clone();
        move || country::name(&code, ctx.ui()).to_string()
    };
    view! {
        <span class="country-tag" data-country=code.clone()>
            <span class="swatch" style:background=color aria-hidden="true"></span>
            {label}
            {count.map(|n| view! { " " <span class="count">{n}</span> })}
        </span>
    }
}

/// Previous / "page N of M" / next, over the `page` of the view state;
/// a new page starts at the element with id `heading`.
#[component]
pub fn Pager(page_count: Signal<u32>, heading: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    let page = move || ctx.state.with(|s| s.show.page).min(page_count.get());
    let go_page = move |p: u32| {
        ctx.update(History::Push, |s| s.show.page = p);
        if let Some(m) = browser::window()
            .document()
            .and_then(|d| d.get_element_by_id(heading))
        {
            m.scroll_into_view();
        }
    };
    let on_last_page = move || page() >= page_count.get();
    view! {
        <Show when=move || { page_count.get() > 1 }>
            <nav class="pager" aria-label="Pages">
                <button type="button" disabled=move || page() <= 1 on:click=move |_| go_page(page() - 1)>
                    {move || format!("← {}", ctx.t().prev)}
                </button>
                <span aria-current="page">{move || (ctx.t().page_of)(page(), page_count.get())}</span>
                <button type="button" disabled=on_last_page on:click=move |_| go_page(page() + 1)>
                    {move || format!("{} →", ctx.t().next)}
                </button>
            </nav>
        </Show>
    }
}

/// What stands where published pieces have not arrived yet.
#[inline(never)]
pub fn pending() -> AnyView {
    let ctx = use_ctx();
    view! { <p class="muted pending" aria-busy="true">{move || ctx.t().loading}</p> }.into_any()
}

/// Text in parts, those flagged `true` in `<mark>`: a search's matches in a
/// snippet, the sentences an event's facts came from in its text. One
/// function for both, so the wasm carries one copy.
pub fn marked(parts: Vec<(String, bool)>) -> AnyView {
    parts
        .into_iter()
        .map(|(text, mark)| {
            if mark {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
        .into_any()
}
