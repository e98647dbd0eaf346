//! The events page: filters with their counts, the result count, and the
//! selection as a paginated list, a chart or a table.

use caricc_core::aggregate::{Aggregate, Measure, Period, SeriesOf};

use caricc_core::chart::ChartKind;
use caricc_core::export;
use caricc_core::index::RowPos;
use caricc_core::state::{Presentation, Sort, View};
use leptos::prelude::*;

use crate::browser::{self, History};
use crate::ctx::{use_ctx, Ctx, Data, Results};
use crate::i18n::{period_name, texts};

mod chart_view;
mod downloads;
mod filters;
mod list;
mod map_view;
mod table_view;

pub use chart_view::chart_title as selection_title;
use chart_view::{chart_title, ChartView};
pub use downloads::archive_version;
use downloads::{DownloadButtons, EventDownloads, Format};
use filters::Filters;
use list::EventList;
use map_view::MapView;
use table_view::TableView;

pub const PAGE_SIZE: usize = 50;

/// How many results of a search's list a first screen shows, a desktop's
/// or a phone's: a search is usable once their snippets are here (each
/// needs its event's whole text, an events piece of its own at worst); the
/// rest of the page fills in as their pieces arrive, in the results' order.
pub const FIRST_SCREEN_RESULTS: usize = 10;

/// The rows of list page `page` (1-based; past the end, the last page).
pub fn page_rows(rows: &[RowPos], page: u32) -> &[RowPos] {
    let pages = rows.len().div_ceil(PAGE_SIZE).max(1);
    let page = (page.max(1) as usize).min(pages);
    let start = (page - 1) * PAGE_SIZE;
    &rows[start.min(rows.len())..(start + PAGE_SIZE).min(rows.len())]
}

crate::split_view!(
    map,
    fn map_view() {
        view! { <MapView/> }.into_any()
    }
);
// The chart and the table: their layout, SVG writer and aggregates are
// not in the main wasm (a first screen of the list or the releases does
// not need them); a page that opens on one starts fetching the chunk as it
// starts (`preload_chart`, from the app), beside the catalogue.
crate::split_view!(
    chart,
    preload preload_chart,
    fn chart_view() {
        view! { <ChartView/> }.into_any()
    }
);
crate::split_view!(
    chart,
    fn table_view() {
        view! { <TableView/> }.into_any()
    }
);
crate::split_view!(
    downloads,
    fn downloads_view(first: Format) {
        view! { <EventDownloads first/> }.into_any()
    }
);

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
                    View::Chart => view! { <crate::split::Lazy load=crate::split::load_view(chart_view) chunk="chart" what=|t| t.view_chart/> }.into_any(),
                    View::Table => view! { <crate::split::Lazy load=crate::split::load_view(table_view) chunk="chart" what=|t| t.view_table/> }.into_any(),
                    View::Map => view! { <crate::split::Lazy load=crate::split::load_view(map_view) chunk="map" what=|t| t.view_map/> }.into_any(),
                }}
                <Show when=move || !embed()>
                    <DownloadButtons/>
                </Show>
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

/// The aggregate of the current selection as the address asks: the
/// period, events or kilograms, per country or per substance. `None` while
/// the kilograms (or, for events per substance, the rows' facts) are on
/// their way: they are asked for, and the caller,
/// which tracks the pieces' arrivals, runs again when they are here.
fn current_aggregate(
    ctx: &Ctx,
    data: &Data,
    res: &Results,
    show: &Presentation,
) -> Option<Aggregate> {
    let fetched;
    let seized: &[caricc_core::index::Seizure] = if show.measure == Measure::Events {
        &[]
    } else {
        ctx.pieces.arrived.track();
        match data.events.seized() {
            Some(Some(here)) => {
                fetched = here;
                &fetched
            }
            Some(None) => &data.index.seized,
            None => {
                data.events.request_seized(ctx.pieces);
                return None;
            }
        }
    };
    // Events per substance count the rows' facts.
    let fetched_facts;
    let facts: &[caricc_core::index::RowFacts] =
        if show.measure == Measure::Events && show.series == SeriesOf::Substance {
            ctx.pieces.arrived.track();
            match data.events.facts() {
                Some(Some(here)) => {
                    fetched_facts = here;
                    &fetched_facts
                }
                Some(None) => &data.index.facts,
                None => {
                    data.events.request_facts(ctx.pieces);
                    return None;
                }
            }
        } else {
            &[]
        };
    // One call: the aggregate is inlined here once.
    Some(caricc_core::seized::selection_aggregate_with(
        &data.index,
        seized,
        facts,
        &res.selection.rows,
        show.by,
        show.measure,
        show.series,
    ))
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

/// A label in the interface language.
type Label = fn(caricc_core::Lang) -> &'static str;

/// What the chart and table count and how: the choices of each switch,
/// `(value in the address, label)`.
const MEASURES: [(&str, Label); 2] = [
    ("events", |l| texts(l).measure_events),
    ("kg", |l| texts(l).measure_kg),
];
const SERIES: [(&str, Label); 2] = [
    ("country", |l| texts(l).country),
    ("substance", |l| texts(l).substance),
];
const PERIODS: [(&str, Label); 4] = [
    ("release", |l| period_name(l, Period::HalfMonth)),
    ("month", |l| period_name(l, Period::Month)),
    ("quarter", |l| period_name(l, Period::Quarter)),
    ("year", |l| period_name(l, Period::Year)),
];
const KINDS: [(&str, Label); 3] = [
    ("stacked", |l| texts(l).chart_stacked),
    ("grouped", |l| texts(l).chart_grouped),
    ("lines", |l| texts(l).chart_lines),
];

/// One switch of the chart and table, a labelled select named `name`
/// (what the address calls it): the choice `chosen` reads from the
/// presentation, and `set` writes on a change. One function for every
/// switch, so the app's wasm has one copy of the view.
fn switch(
    name: &'static str,
    label: Label,
    options: &'static [(&'static str, Label)],
    chosen: fn(&Presentation) -> &'static str,
    set: fn(&mut Presentation, &str),
) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <label>
            {move || label(ctx.ui())}
            <select name=name on:change=move |e| {
                let v = event_target_value(&e);
                ctx.update(History::Push, |s| set(&mut s.show, &v));
            }>
                {options.iter().map(|&(value, text)| view! {
                    <option value=value selected=move || ctx.state.with(|s| chosen(&s.show) == value)>
                        {move || text(ctx.ui())}
                    </option>
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn PeriodControls() -> impl IntoView {
    let ctx = use_ctx();
    // Kilograms and substances come from the events' facts: an archive
    // without them has nothing to switch to.
    let has_facts = ctx.data().is_some_and(|d| d.index.has_facts());
    let note = move || {
        ctx.state.with(|s| match (s.show.measure, s.show.series) {
            (Measure::Kg, _) => Some(ctx.t().kg_note),
            (Measure::Events, SeriesOf::Substance) => Some(ctx.t().substance_note),
            _ => None,
        })
    };
    view! {
        <div class="chart-controls">
            {has_facts.then(|| view! {
                {switch("measure", |l| texts(l).measure, &MEASURES, |s| s.measure.as_str(),
                    |s, v| s.measure = Measure::parse(v).unwrap_or_default())}
                {switch("series", |l| texts(l).split_by, &SERIES, |s| s.series.as_str(),
                    |s, v| s.series = SeriesOf::parse(v).unwrap_or_default())}
            })}
            {switch("by", |l| texts(l).by, &PERIODS, |s| s.by.as_str(),
                |s, v| s.by = Period::parse(v).unwrap_or(s.by))}
            <Show when=move || ctx.state.with(|s| s.show.view == View::Chart)>
                {switch("chart", |l| texts(l).chart_kind, &KINDS, |s| s.chart.as_str(),
                    |s, v| s.chart = ChartKind::parse(v).unwrap_or(s.chart))}
            </Show>
        </div>
        // What the figures are: printed with the chart or table.
        {move || note().map(|n| view! { <p class="measure-note">{n}</p> })}
    }
}
