//! The results as a list: a page of event heads (or a search's snippets).

use std::sync::Arc;

use caricc_core::index::RowPos;
use caricc_core::search::{CrossAdded, CrossLanguage};
use caricc_core::state::Route;
use caricc_core::Date;
use leptos::prelude::*;

use super::*;
use crate::ctx::{use_ctx, Data};
use crate::i18n::{format_range, kind_name};
use crate::parts::{country_tag_now, Pager};

// Clippy reads the pager's `disabled=move || page() >= ...` (in view!) as a
// redundant closure; it is not one.
#[allow(clippy::redundant_closure)]
#[component]
pub(super) fn EventList() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let page_count = move || {
        ctx.results.with(|r| {
            r.as_ref()
                .map(|r| r.selection.rows.len().div_ceil(PAGE_SIZE))
                .unwrap_or(0)
                .max(1) as u32
        })
    };
    let page = move || ctx.state.with(|s| s.show.page).min(page_count());
    // Whether the shown page's texts are here (asked for when not): a memo,
    // so that pieces arriving for something else ("Save for offline" brings
    // thousands, a search its index) do not rebuild the list each time.
    // A list shows the head of each event (its list piece, one for the
    // page); the snippets of a search come from the whole text (its events
    // piece, often one per result): those are shown as they come, the
    // first results first (below).
    let page_here = {
        let data = Arc::clone(&data);
        Memo::new(move |_| {
            let searching = ctx.state.with(|s| !s.filter.q.trim().is_empty());
            ctx.results.with(|r| {
                let Some(res) = r else { return false };
                let shown = page_rows(&res.selection.rows, page());
                if searching {
                    ctx.rows_here(&data, shown)
                } else {
                    ctx.heads_here(&data, shown)
                }
            })
        })
    };
    let items = move || {
        let Some(res) = ctx.results.get() else {
            return ().into_any();
        };
        let q = ctx.state.with(|s| s.filter.q.clone());
        let rows = &res.selection.rows;
        if rows.is_empty() {
            let message = if ctx.state.with(|s| s.embed.on) {
                ctx.t().no_results_embed
            } else {
                ctx.t().no_results
            };
            return view! { <p class="empty-state">{message}</p> }.into_any();
        }
        let start = (page() as usize - 1) * PAGE_SIZE;
        let shown = page_rows(rows, page());
        let end = start + shown.len();
        // A published archive's texts come in pieces: those not here yet
        // are asked for (`page_here`), and this list renders again when
        // they come.
        let searching = !q.trim().is_empty();
        if !page_here.get() && searching {
            // A search's snippets, each as its piece arrives.
            ctx.pieces.arrived.track();
        }
        let cross = if searching {
            data.cross_language()
        } else {
            Default::default()
        };
        let list = shown
            .iter()
            .map(|&pos| {
                let item = if searching {
                    data.event(pos).map(|e| {
                        let text = e.body.join(" ");
                        let title = crate::titles::event_title(&e);
                        (
                            e.id,
                            highlighted(&q, &title, 400, &cross),
                            highlighted(&q, &text, 240, &cross),
                        )
                    })
                } else {
                    data.events.head(pos).map(|h| (h.id, cut(&h.title, 400), h.lead.into_any()))
                };
                match item {
                    Some((id, title, lead)) => event_item(&data, pos, id, title, lead).into_any(),
                    None => view! { <li class="event-item pending" aria-busy="true"><p class="muted">{ctx.t().loading}</p></li> }.into_any(),
                }
            })
            .collect_view();
        view! {
            {searching.then(|| also_searched(crate::pieces::search::added(&q, &cross)))}
            <p class="muted showing">{(ctx.t().showing)(start + 1, end, rows.len())}</p>
            <ol class="event-list" start=start + 1>{list}</ol>
        }
        .into_any()
    };
    view! {
        {items}
        <Pager page_count=Signal::derive(page_count) heading="results-heading"/>
    }
}

/// What a search also looked for in the other language, through the
/// thesaurus ("Also searched: heroin"): said, so that results in a language
/// the reader did not type are not a surprise.
fn also_searched(added: Vec<CrossAdded>) -> impl IntoView {
    let ctx = use_ctx();
    (!added.is_empty()).then(|| {
        let terms: Vec<String> = added.into_iter().map(|a| a.term).collect();
        // The terms are in the language the reader did not type.
        let lang = if ctx.state.with(|s| s.filter.q.chars().any(|c| c.is_ascii_alphabetic())) {
            "ru"
        } else {
            "en"
        };
        view! {
            <p class="muted also-searched">{ctx.t().also_searched}" "<b lang=lang>{terms.join(", ")}</b></p>
        }
    })
}

/// `text` with the words `q` matches marked (those of the other language
/// it searched through the thesaurus `cross` too), cut to about `max`
/// characters around them.
fn highlighted(q: &str, text: &str, max: usize, cross: &CrossLanguage) -> AnyView {
    match crate::pieces::search::snippet(q, text, max, cross) {
        Some(segments) => {
            crate::parts::marked(segments.into_iter().map(|s| (s.text, s.matched)).collect())
        }
        // The search's chunk is here before any result is listed; should
        // it not be, the text's start.
        None => cut(text, max),
    }
}

/// The first `max` characters of `text`, with "…" when there is more.
fn cut(text: &str, max: usize) -> AnyView {
    let cut: String = text.chars().take(max).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{cut}{more}").into_any()
}

/// One event of the list: its title (linking to its page), country,
/// dates, kind, and the start of its text (or a search's snippet). Its
/// words are read once, in the reader's language as it is now: the list
/// is rebuilt when that changes (it reads it here), and a filter change
/// rebuilds fifty items that carry no reactive effect of their own.
fn event_item(
    data: &Arc<Data>,
    pos: RowPos,
    id: String,
    title: AnyView,
    lead: AnyView,
) -> impl IntoView {
    let ctx = use_ctx();
    let ui = ctx.ui();
    let row = &data.index.rows[pos.index()];
    // The catalogue's rows carry the dates the archive gave (checked
    // when it was read).
    let dates = Date::from_day_number(row.start)
        .zip(Date::from_day_number(row.end))
        .map(|(s, e)| format_range(ui, s, e))
        .unwrap_or_default();
    let country = &data.index.countries[usize::from(row.country)];
    let href = ctx.href(Route::Event(id.clone()));
    view! {
        <li class="event-item" data-event=id data-country=country.clone() lang=row.lang.as_str()>
            <h2><a href=href>{title}</a></h2>
            <p class="event-meta-line">
                {country_tag_now(country, None)}
                <span class="date">{dates}</span>
                <span class="kind">{kind_name(ui, row.kind)}</span>
            </p>
            <p class="lead">{lead}</p>
        </li>
    }
}
