//! Small view parts the pages share: a country with its colour, the pager
//! of a long list, and what stands where published pieces have not arrived.

use caricc_core::country;
use leptos::prelude::*;

use crate::browser::{self, History};
use crate::ctx::use_ctx;

/// A country's name with its colour swatch, as everywhere in the app: the
/// markup of [`country_tag_now`], made again when the language or the
/// theme changes.
#[component]
pub fn CountryTag(code: String, #[prop(optional)] count: Option<u32>) -> impl IntoView {
    move || country_tag_now(&code, count)
}

/// A country's name with its colour swatch (and `count`) as they are now, for a view
/// rebuilt as a whole when the language or the theme changes (a list's
/// items): read once, they cost no reactive effect each, where a list of
/// fifty [`CountryTag`]s cost a filter change most of its time.
pub fn country_tag_now(code: &str, count: Option<u32>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <span class="country-tag" data-country=code.to_string()>
            <span class="swatch" style:background=ctx.colour(code) aria-hidden="true"></span>
            {country::name(code, ctx.ui()).to_string()}
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

/// A button that opens a dialog of texts to copy (the embed code, a
/// citation): each text in a read-only box with its Copy button, a Close,
/// and a status saying whether the browser took the copy. Escape and Close
/// give the focus back to the button. `texts` is asked for when the dialog
/// opens, as `(name, text)` pairs (`class`-button and `class`-dialog
/// name the elements; the two selectors find them for the focus); with more than one, each Copy button
/// says which text it copies.
pub fn copy_dialog(
    class: &'static str,
    focus: &'static [&'static str; 2],
    label: fn(&crate::i18n::Texts) -> &'static str,
    hint: fn(&crate::i18n::Texts) -> &'static str,
    texts: impl Fn() -> Vec<(String, String)> + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    // What the last Copy did: None before any, Some(1) copied, Some(0) refused.
    let copied = RwSignal::new(None::<usize>);
    let close = move || {
        open.set(false);
        copied.set(None);
        browser::focus_first_of(&focus[..1]);
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            e.stop_propagation();
            close();
        }
    };
    let toggle = move |_| {
        if open.get_untracked() {
            close()
        } else {
            open.set(true);
            browser::focus_first_of(&focus[1..]);
        }
    };
    let boxes = move || {
        let texts = texts();
        let several = texts.len() > 1;
        texts
            .into_iter()
            .map(|(name, text)| {
                let copy = {
                    let text = text.clone();
                    move |_| {
                        browser::copy_to_clipboard(&text, move |ok| copied.set(Some(usize::from(ok))))
                    }
                };
                let rows = text.lines().count().clamp(4, 10);
                let copy_label = if several { format!(" {name}") } else { String::new() };
                view! {
                    <textarea readonly rows=rows aria-label=name prop:value=text></textarea>
                    <div class="embed-actions">
                        <button type="button" on:click=copy>{move || format!("{}{copy_label}", ctx.t().copy)}</button>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <button type="button" class=format!("{class}-button") aria-expanded=move || open.get().to_string()
            on:click=toggle>{move || label(ctx.t())}</button>
        <Show when=move || open.get()>
            <div class=format!("copy-dialog {class}-dialog") role="dialog" aria-label=move || label(ctx.t()) on:keydown=on_key>
                <p>{move || hint(ctx.t())}</p>
                {boxes}
                <div class="embed-actions">
                    <button type="button" on:click=move |_| close()>{move || ctx.t().close}</button>
                    <span class="copy-status" role="status">{move || match copied.get() {
                        Some(1) => ctx.t().copied,
                        Some(_) => ctx.t().copy_failed,
                        None => "",
                    }}</span>
                </div>
            </div>
        </Show>
    }
}
