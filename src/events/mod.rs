//! The events page: filters with their counts, the result count, and the
//! selection as a paginated list, a chart or a table.

use caricc_core::aggregate::{self, Aggregate, Period};

use caricc_core::chart::ChartKind;
use caricc_core::export;
use caricc_core::index::RowPos;
use caricc_core::state::{Sort, View};
use leptos::prelude::*;

use crate::browser::{self, History};
use crate::ctx::{use_ctx, Ctx, Data, Results};
use crate::i18n::period_name;

mod chart_view;
mod filters;
mod list;
mod map_view;
mod table_view;

use chart_view::{chart_title, ChartView};
use filters::Filters;
use list::EventList;
use map_view::MapView;
use table_view::TableView;

pub const PAGE_SIZE: usize = 50;

/// The rows of list page `page` (1-based; past the end, the last page).
pub fn page_rows(rows: &[RowPos], page: u32) -> &[RowPos] {
    let pages = rows.len().div_ceil(PAGE_SIZE).max(1);
    let page = (page.max(1) as usize).min(pages);
    let start = (page - 1) * PAGE_SIZE;
    &rows[start.min(rows.len())..(start + PAGE_SIZE).min(rows.len())]
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let ctx = use_ctx();
    // While a query's index pieces are on their way there is no count yet:
    // "Searching…", not "0 events".
    let count = move || {
        ctx.results.with(|r| match r {
            Some(r) => (ctx.t().result_count)(r.selection.rows.len()),
            None => ctx.t().searching.to_string(),
        })
    };
    let view_mode = move || ctx.state.with(|s| s.show.view);
    let embed = move || ctx.state.with(|s| s.embed.on);
    view! {
        <div class="events-page" class:embedded=embed>
            <Show when=move || !embed()>
                <Filters/>
            </Show>
            <section class="results" aria-labelledby="results-heading">
                <div class="results-bar">
                    <h1 id="results-heading" class="visually-hidden">{move || ctx.t().events_title}</h1>
                    // On paper the list says what it lists: the filters and the query
                    // (the chart and the table have their own title).
                    <p class="print-only print-context">{move || chart_title(&ctx)}</p>
                    <p class="result-count" tabindex="-1" aria-live="polite" aria-atomic="true">
                        {count}
                    </p>
                    <ViewSwitch/>
                    <Show when=move || view_mode() == View::List>
                        <SortSwitch/>
                    </Show>
                    <Show when=move || !embed()>
                        <crate::embed::EmbedButton/>
                    </Show>
                </div>
                {reversed_range()}
                {move || match view_mode() {
                    View::List => view! { <EventList/> }.into_any(),
                    View::Chart => view! { <ChartView/> }.into_any(),
                    View::Table => view! { <TableView/> }.into_any(),
                    View::Map => view! { <MapView/> }.into_any(),
                }}
            </section>
        </div>
    }
}

/// A period whose From is after its To matches nothing: say so, with the
/// one-click fix, instead of a bare "no events". (A plain function, not a
/// component: it costs less of the first load.)
fn reversed_range() -> impl IntoView {
    let ctx = use_ctx();
    let reversed = move || {
        ctx.state.with(|s| match (s.filter.from, s.filter.to) {
            (Some(f), Some(t)) => f.first_day() > t.last_day(),
            _ => false,
        })
    };
    move || {
        reversed().then(|| {
            view! {
                <div class="notice reversed-range" role="status">
                    <p>{ctx.t().reversed_range}</p>
                    <button type="button" class="swap-dates" on:click=move |_| ctx.update(History::Push, |s| {
                        // Month bounds keep their meaning swapped: From the first day, To the last.
                        std::mem::swap(&mut s.filter.from, &mut s.filter.to);
                        s.show.page = 1;
                    })>{ctx.t().swap_dates}</button>
                </div>
            }
        })
    }
}

#[component]
fn ViewSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let button = move |v: View, label: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <button type="button" data-view=v.as_str()
                aria-pressed=move || (ctx.state.with(|s| s.show.view) == v).to_string()
                on:click=move |_| ctx.update(History::Push, |s| s.show.view = v)>
                {move || label(ctx.t())}
            </button>
        }
    };
    view! {
        <div class="view-switch" role="group" aria-label="View">
            {button(View::List, |t| t.view_list)}
            {button(View::Chart, |t| t.view_chart)}
            {button(View::Table, |t| t.view_table)}
            {button(View::Map, |t| t.view_map)}
        </div>
    }
}

#[component]
fn SortSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let has_query = move || ctx.state.with(|s| !s.filter.q.trim().is_empty());
    view! {
        <Show when=has_query>
            <label class="sort">
                {move || ctx.t().sort}
                <select on:change=move |e| {
                    let v = event_target_value(&e);
                    ctx.update(History::Push, |s| { s.show.sort = Sort::parse(&v).unwrap_or_default(); s.show.page = 1; });
                }>
                    <option value="relevance" selected=move || ctx.state.with(|s| s.show.sort != Sort::Newest)>{move || ctx.t().sort_relevance}</option>
                    <option value="newest" selected=move || ctx.state.with(|s| s.show.sort == Sort::Newest)>{move || ctx.t().sort_newest}</option>
                </select>
            </label>
        </Show>
    }
}

/// The aggregate of the current selection for the chosen period.
fn current_aggregate(data: &Data, res: &Results, period: Period) -> Aggregate {
    let ix = &data.index;
    aggregate::aggregate_days(
        &ix.countries,
        res.selection
            .rows
            .iter()
            .filter_map(|&p| ix.rows.get(p.index()))
            .map(|r| (usize::from(r.country), r.start)),
        period,
    )
}

/// What the chart and table downloads are called: what they hold.
fn file_stem(ctx: &Ctx, chart: Option<ChartKind>) -> String {
    export::file_stem(&ctx.state.get_untracked(), chart)
}

/// The CSV download of `agg`, with a byte order mark for spreadsheets.
fn download_csv(ctx: &Ctx, agg: &Aggregate) {
    let csv = export::csv_file(agg, ctx.ui_untracked());
    browser::download(
        &format!("{}.csv", file_stem(ctx, None)),
        "text/csv;charset=utf-8",
        csv.as_bytes(),
    );
}

#[component]
fn PeriodControls() -> impl IntoView {
    let ctx = use_ctx();
    let kind_options = [
        (
            ChartKind::Stacked,
            (|t| t.chart_stacked) as fn(&crate::i18n::Texts) -> &'static str,
        ),
        (ChartKind::Grouped, |t| t.chart_grouped),
        (ChartKind::Lines, |t| t.chart_lines),
    ];
    view! {
        <div class="chart-controls">
            <label>
                {move || ctx.t().by}
                <select name="by" on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(p) = Period::parse(&v) { ctx.update(History::Push, |s| s.show.by = p); }
                }>
                    {Period::ALL.into_iter().map(|p| view! {
                        <option value=p.as_str() selected=move || ctx.state.with(|s| s.show.by == p)>
                            {move || period_name(ctx.ui(), p)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || ctx.state.with(|s| s.show.view == View::Chart)>
                <label>
                    {move || ctx.t().chart_kind}
                    <select name="chart" on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some(k) = ChartKind::parse(&v) { ctx.update(History::Push, |s| s.show.chart = k); }
                    }>
                        {kind_options.into_iter().map(|(k, label)| view! {
                            <option value=k.as_str() selected=move || ctx.state.with(|s| s.show.chart == k)>
                                {move || label(ctx.t())}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </Show>
        </div>
    }
}
