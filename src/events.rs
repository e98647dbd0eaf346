//! The events page: filters with their counts, the result count, and the
//! selection as a paginated list, a chart or a table.

use std::sync::Arc;

use caricc_core::aggregate::{self, Aggregate, Period};
use std::fmt::Write as _;

use caricc_core::chart::{self, ChartKind, ChartOptions};
use caricc_core::country;
use caricc_core::export;
use caricc_core::index::{ArchiveIndex, SUBSTANCES, TOPICS};
use caricc_core::model::{Kind, Lang};
use caricc_core::state::{DateBound, Route, Sort, View, ViewState};
use caricc_core::Date;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{self, History};
use crate::ctx::{use_ctx, Ctx, Data, Results};
use crate::i18n::{format_range, kind_name, period_name, Texts};
use crate::parts::{CountryTag, Pager};

pub const PAGE_SIZE: usize = 50;

/// The rows of list page `page` (1-based; past the end, the last page).
pub fn page_rows(rows: &[u32], page: u32) -> &[u32] {
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
    let view_mode = move || ctx.state.with(|s| s.view);
    let embed = move || ctx.state.with(|s| s.embed);
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
        ctx.state.with(|s| match (s.from, s.to) {
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
                        std::mem::swap(&mut s.from, &mut s.to);
                        s.page = 1;
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
                aria-pressed=move || (ctx.state.with(|s| s.view) == v).to_string()
                on:click=move |_| ctx.update(History::Push, |s| s.view = v)>
                {move || label(ctx.t())}
            </button>
        }
    };
    view! {
        <div class="view-switch" role="group" aria-label="View">
            {button(View::List, |t| t.view_list)}
            {button(View::Chart, |t| t.view_chart)}
            {button(View::Table, |t| t.view_table)}
        </div>
    }
}

#[component]
fn SortSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let has_query = move || ctx.state.with(|s| !s.q.trim().is_empty());
    view! {
        <Show when=has_query>
            <label class="sort">
                {move || ctx.t().sort}
                <select on:change=move |e| {
                    let v = event_target_value(&e);
                    ctx.update(History::Push, |s| { s.sort = Sort::parse(&v).unwrap_or_default(); s.page = 1; });
                }>
                    <option value="relevance" selected=move || ctx.state.with(|s| s.sort != Sort::Newest)>{move || ctx.t().sort_relevance}</option>
                    <option value="newest" selected=move || ctx.state.with(|s| s.sort == Sort::Newest)>{move || ctx.t().sort_newest}</option>
                </select>
            </label>
        </Show>
    }
}

/// One option of a list-valued filter (country, kind, language): a
/// checkbox with its label and its count under the other filters. `list`
/// and `list_mut` pick the state's list the option belongs to; a change
/// toggles the value there (kept sorted, so the URL is canonical) and goes
/// back to the first page.
fn facet_option<T>(
    name: &'static str,
    value: T,
    html_value: String,
    count: usize,
    label: impl IntoView + 'static,
    list: fn(&ViewState) -> &Vec<T>,
    list_mut: fn(&mut ViewState) -> &mut Vec<T>,
) -> impl IntoView
where
    T: Ord + Clone + Send + Sync + 'static,
{
    let ctx = use_ctx();
    let checked = {
        let value = value.clone();
        move || ctx.state.with(|s| list(s).contains(&value))
    };
    let on_change = move |_| {
        ctx.update(History::Push, |s| {
            let values = list_mut(s);
            match values.iter().position(|v| *v == value) {
                Some(i) => {
                    values.remove(i);
                }
                None => {
                    values.push(value.clone());
                    caricc_core::search::sort::sort_by(values, Ord::cmp);
                }
            }
            s.page = 1;
        })
    };
    view! {
        <li><label class:empty=count == 0>
            <input type="checkbox" name=name value=html_value prop:checked=checked on:change=on_change/>
            {label}
            <span class="facet-count">{count}</span>
        </label></li>
    }
}

/// The options of a facet over fixed ids (`all`, counted in `counts`,
/// named by `names` in the interface's language): the facts' topics and
/// substances.
fn id_facet(
    name: &'static str,
    all: &'static [&'static str],
    counts: &[u32],
    names: fn(&'static Texts) -> &'static [&'static str],
    list: fn(&ViewState) -> &Vec<String>,
    list_mut: fn(&mut ViewState) -> &mut Vec<String>,
) -> AnyView {
    let ctx = use_ctx();
    all.iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (id, &n))| {
            let label = move || names(ctx.t())[i];
            facet_option(
                name,
                id.to_string(),
                id.to_string(),
                n as usize,
                label,
                list,
                list_mut,
            )
        })
        .collect_view()
        .into_any()
}

#[component]
fn Filters() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let sel = move || ctx.results.get();

    let countries = {
        let data = data.clone();
        move || {
            let Some(res) = sel() else {
                return ().into_any();
            };
            data.index
                .countries
                .iter()
                .zip(&res.selection.country_counts)
                .map(|(code, &n)| {
                    let label = view! { <CountryTag code=code.clone()/> };
                    facet_option(
                        "country",
                        code.clone(),
                        code.clone(),
                        n as usize,
                        label,
                        |s| &s.countries,
                        |s| &mut s.countries,
                    )
                })
                .collect_view()
                .into_any()
        }
    };
    let kinds = move || {
        let Some(res) = sel() else {
            return ().into_any();
        };
        Kind::ALL
            .into_iter()
            .map(|k| {
                let n = ArchiveIndex::kind_count(&res.selection, k) as usize;
                let label = move || kind_name(ctx.ui.get(), k);
                facet_option(
                    "kind",
                    k,
                    k.as_str().to_string(),
                    n,
                    label,
                    |s| &s.kinds,
                    |s| &mut s.kinds,
                )
            })
            .collect_view()
            .into_any()
    };
    let langs = move || {
        let Some(res) = sel() else {
            return ().into_any();
        };
        Lang::ALL
            .into_iter()
            .map(|l| {
                let n = ArchiveIndex::lang_count(&res.selection, l) as usize;
                let label = move || ctx.t().lang_names[l as usize];
                facet_option(
                    "lang",
                    l,
                    l.as_str().to_string(),
                    n,
                    label,
                    |s| &s.langs,
                    |s| &mut s.langs,
                )
            })
            .collect_view()
            .into_any()
    };
    // Facts to filter by: topics and substances, when the archive has them
    // (an older or partner archive without `facts` offers no such facets).
    let has_facts = data.index.has_facts();
    let topics = move || {
        sel().map(|res| {
            id_facet(
                "topic",
                TOPICS,
                &res.selection.topic_counts,
                |t| &t.topic_names,
                |s| &s.topics,
                |s| &mut s.topics,
            )
        })
    };
    let substances = move || {
        sel().map(|res| {
            id_facet(
                "substance",
                SUBSTANCES,
                &res.selection.substance_counts,
                |t| &t.substance_names,
                |s| &s.substances,
                |s| &mut s.substances,
            )
        })
    };
    let years = {
        let data = data.clone();
        move || {
            let Some(res) = sel() else {
                return ().into_any();
            };
            data.index
                .years
                .iter()
                .enumerate()
                .rev()
                .map(|(i, &y)| {
                    let n = res.selection.year_counts[i];
                    let pressed = move || {
                        ctx.state.with(|s| {
                            s.from.map(|b| b.first_day()) == Date::from_ymd(y, 1, 1)
                                && s.to.map(|b| b.last_day()) == Date::from_ymd(y, 12, 31)
                        })
                    };
                    view! {
                        <li><button type="button" class="year" aria-pressed=move || pressed().to_string()
                            on:click=move |_| ctx.update(History::Push, |s| {
                                if pressed() {
                                    s.from = None;
                                    s.to = None;
                                } else {
                                    s.from = Date::from_ymd(y, 1, 1).map(DateBound::Month);
                                    s.to = Date::from_ymd(y, 12, 1).map(DateBound::Month);
                                }
                                s.page = 1;
                            })>
                            {y} " " <span class="facet-count">{n}</span>
                        </button></li>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    // The month fields span the archive's years, so that the arrow keys in
    // an empty field start there, not in the year 2000.
    let (month_min, month_max) = match (data.index.years.first(), data.index.years.last()) {
        (Some(first), Some(last)) => (format!("{first:04}-01"), format!("{last:04}-12")),
        _ => ("2000-01".to_string(), "2100-12".to_string()),
    };
    let date_input = move |is_from: bool| {
        let value = move || {
            ctx.state.with(|s| {
                let b = if is_from { s.from } else { s.to };
                b.map(|b| match b {
                    DateBound::Month(d) => format!("{:04}-{:02}", d.year(), d.month()),
                    DateBound::Day(d) => format!("{:04}-{:02}", d.year(), d.month()),
                })
                .unwrap_or_default()
            })
        };
        let on_change = move |e: ev::Event| {
            let v = event_target_value(&e);
            let bound = DateBound::parse(v.trim());
            if bound.is_none() && !v.trim().is_empty() {
                return; // Half-typed text (browsers without a month picker): wait.
            }
            ctx.update(History::Push, |s| {
                if is_from {
                    s.from = bound
                } else {
                    s.to = bound
                }
                s.page = 1;
            });
        };
        view! {
            <label class="date-bound">
                {move || if is_from { ctx.t().from } else { ctx.t().to }}
                <input type="month" name=if is_from { "from" } else { "to" } min=month_min.clone() max=month_max.clone()
                    placeholder="YYYY-MM" pattern="[0-9]{4}-[0-9]{2}"
                    prop:value=value on:change=on_change/>
            </label>
        }
    };
    // On narrow screens the filters fold away behind their heading, so that
    // the results come first (style/main.css); wide screens always show them.
    let open = RwSignal::new(false);
    let active = move || {
        ctx.state.with(|s| {
            s.countries.len()
                + s.kinds.len()
                + s.langs.len()
                + s.topics.len()
                + s.substances.len()
                + usize::from(s.from.is_some())
                + usize::from(s.to.is_some())
        })
    };
    view! {
        <aside class="filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading">
                <button type="button" class="filters-toggle" aria-controls="filter-fields"
                    aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    {move || match active() {
                        0 => ctx.t().filters.to_string(),
                        n => format!("{} ({n})", ctx.t().filters),
                    }}
                </button>
                <span class="filters-title">{move || ctx.t().filters}</span>
            </h2>
            <div id="filter-fields" class="filter-fields" class:open=move || open.get()>
            <fieldset>
                <legend>{move || ctx.t().country}</legend>
                <ul class="facet">{countries}</ul>
            </fieldset>
            <fieldset>
                <legend>{move || ctx.t().period}</legend>
                {date_input(true)}
                {date_input(false)}
                <ul class="facet years" aria-label=move || ctx.t().year>{years}</ul>
            </fieldset>
            {has_facts.then(|| view! {
                <fieldset>
                    <legend>{move || ctx.t().topic}</legend>
                    <ul class="facet">{topics}</ul>
                </fieldset>
                <fieldset>
                    <legend>{move || ctx.t().substance}</legend>
                    <ul class="facet">{substances}</ul>
                </fieldset>
            })}
            <fieldset>
                <legend>{move || ctx.t().kind}</legend>
                <ul class="facet">{kinds}</ul>
            </fieldset>
            <fieldset>
                <legend>{move || ctx.t().content_lang}</legend>
                <ul class="facet">{langs}</ul>
            </fieldset>
            <Show when=move || ctx.state.with(|s| s.is_narrowed())>
                <button type="button" class="clear" on:click=move |_| {
                    let next = ctx.state.get_untracked().cleared();
                    ctx.go(next, History::Push);
                }>{move || ctx.t().clear_filters}</button>
            </Show>
            </div>
        </aside>
    }
}

// Clippy reads the pager's `disabled=move || page() >= ...` (in view!) as a
// redundant closure; it is not one.
#[allow(clippy::redundant_closure)]
#[component]
fn EventList() -> impl IntoView {
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
    let page = move || ctx.state.with(|s| s.page).min(page_count());
    let items = move || {
        let Some(res) = ctx.results.get() else {
            return ().into_any();
        };
        let q = ctx.state.with(|s| s.q.clone());
        let rows = &res.selection.rows;
        if rows.is_empty() {
            let message = if ctx.state.with(|s| s.embed) {
                ctx.t().no_results_embed
            } else {
                ctx.t().no_results
            };
            return view! { <p class="empty-state">{message}</p> }.into_any();
        }
        let start = (page() as usize - 1) * PAGE_SIZE;
        let shown = page_rows(rows, page());
        let end = start + shown.len();
        // A published archive's texts come in pieces: the rows not here
        // yet are asked for, and this list renders again when they come.
        // A list shows the head of each event (its list piece); the
        // snippets of a search come from the whole text (its events piece).
        let searching = !q.trim().is_empty();
        if searching {
            ctx.rows_here(&data, shown);
        } else {
            ctx.heads_here(&data, shown);
        }
        let list = shown
            .iter()
            .map(|&pos| {
                let item = if searching {
                    data.event(pos).map(|e| {
                        let text = e.body.join(" ");
                        let title = crate::titles::event_title(&e);
                        (e.id, highlighted(&q, &title, 400), highlighted(&q, &text, 240))
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

/// `text` with the words `q` matches marked, cut to about `max`
/// characters around them.
fn highlighted(q: &str, text: &str, max: usize) -> AnyView {
    caricc_core::search::snippet(q, text, max)
        .into_iter()
        .map(|s| {
            if s.matched {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// The first `max` characters of `text`, with "…" when there is more.
fn cut(text: &str, max: usize) -> AnyView {
    let cut: String = text.chars().take(max).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{cut}{more}").into_any()
}

/// One event of the list: its title (linking to its page), country,
/// dates, kind, and the start of its text (or a search's snippet).
fn event_item(
    data: &Arc<Data>,
    pos: u32,
    id: String,
    title: AnyView,
    lead: AnyView,
) -> impl IntoView {
    let ctx = use_ctx();
    let row = &data.index.rows[pos as usize];
    let kind = row.kind;
    // The catalogue's rows carry the dates the archive gave (checked
    // when it was read).
    let dates = Date::from_day_number(row.start).zip(Date::from_day_number(row.end));
    let country = data.index.countries[usize::from(row.country)].clone();
    let language = row.lang;
    let href = ctx.href(Route::Event(id.clone()));
    let tag = country.clone();
    view! {
        <li class="event-item" data-event=id data-country=country lang=language.as_str()>
            <h2><a href=href>{title}</a></h2>
            <p class="event-meta-line">
                <CountryTag code=tag/>
                <span class="date">{move || dates.map(|(s, e)| format_range(ctx.ui.get(), s, e)).unwrap_or_default()}</span>
                <span class="kind">{move || kind_name(ctx.ui.get(), kind)}</span>
            </p>
            <p class="lead">{lead}</p>
        </li>
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
            .filter_map(|&p| ix.rows.get(p as usize))
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
    let csv = export::csv_file(agg, ctx.ui.get_untracked());
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
                    if let Some(p) = Period::parse(&v) { ctx.update(History::Push, |s| s.by = p); }
                }>
                    {Period::ALL.into_iter().map(|p| view! {
                        <option value=p.as_str() selected=move || ctx.state.with(|s| s.by == p)>
                            {move || period_name(ctx.ui.get(), p)}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || ctx.state.with(|s| s.view == View::Chart)>
                <label>
                    {move || ctx.t().chart_kind}
                    <select name="chart" on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some(k) = ChartKind::parse(&v) { ctx.update(History::Push, |s| s.chart = k); }
                    }>
                        {kind_options.into_iter().map(|(k, label)| view! {
                            <option value=k.as_str() selected=move || ctx.state.with(|s| s.chart == k)>
                                {move || label(ctx.t())}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </Show>
        </div>
    }
}

/// The chart's size for a frame `frame_width` wide: as wide as the frame
/// (so text keeps its size on a phone), between 320 and 960 units; on a
/// narrow screen taller than wide enough, as the legend takes more rows there.
fn chart_size(frame_width: u32) -> (u32, u32) {
    let width = frame_width.clamp(320, 960);
    let height = if width < 600 {
        420
    } else {
        (width as f64 * 0.45).clamp(360.0, 420.0) as u32
    };
    (width, height)
}

/// The chart's title: the archive, then what the reader narrowed the events
/// to, so that a printed or downloaded chart says what it counts:
/// "CARICC archive: Kazakhstan, Kyrgyzstan · 2025-01 – 2025-06 · “heroin”".
fn chart_title(ctx: &Ctx) -> String {
    let lang = ctx.ui.get();
    let t = ctx.t();
    ctx.state.with(|s| {
        let mut parts: Vec<String> = Vec::new();
        if !s.countries.is_empty() {
            parts.push(
                s.countries
                    .iter()
                    .map(|c| country::name(c, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        match (s.from, s.to) {
            (Some(f), Some(to)) => parts.push(format!("{f} – {to}")),
            (Some(f), None) => parts.push(format!("{} {f}", t.from.to_lowercase())),
            (None, Some(to)) => parts.push(format!("{} {to}", t.to.to_lowercase())),
            (None, None) => {}
        }
        if !s.kinds.is_empty() {
            parts.push(
                s.kinds
                    .iter()
                    .map(|&k| kind_name(lang, k))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        if !s.langs.is_empty() {
            parts.push(
                s.langs
                    .iter()
                    .map(|&l| t.lang_names[l as usize])
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        if !s.q.trim().is_empty() {
            parts.push(format!("“{}”", s.q.trim()));
        }
        if parts.is_empty() {
            t.app_title.to_string()
        } else {
            format!("{}: {}", t.app_title, parts.join(" · "))
        }
    })
}

/// True when a click came from a finger on a touch screen.
fn is_touch(e: &web_sys::MouseEvent) -> bool {
    js_sys::Reflect::get(e, &"pointerType".into())
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == "touch")
}

/// The text of a bar: "Kazakhstan, Jun 2025: 12".
fn bar_label(agg: &Aggregate, series: usize, bucket: usize, lang: Lang) -> String {
    match (agg.series.get(series), agg.buckets.get(bucket)) {
        (Some(s), Some(b)) => format!(
            "{}, {}: {}",
            country::name(&s.country, lang),
            b.label(agg.period, lang),
            agg.count(series, bucket)
        ),
        _ => String::new(),
    }
}

/// The region a key moves to from `from`: arrows left and right to the
/// previous or next period with a mark (the same country where it has one),
/// up and down to the next or previous country within the period, Home and
/// End to the first and last mark.
fn next_region(regions: &[chart::Region], from: usize, key: &str) -> Option<usize> {
    let here = regions.get(from)?;
    match key {
        "ArrowRight" | "ArrowLeft" => {
            let forward = key == "ArrowRight";
            let next_bucket = if forward {
                regions[from..]
                    .iter()
                    .find(|r| r.bucket > here.bucket)?
                    .bucket
            } else {
                regions[..from]
                    .iter()
                    .rev()
                    .find(|r| r.bucket < here.bucket)?
                    .bucket
            };
            let in_bucket = || {
                regions
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.bucket == next_bucket)
            };
            in_bucket()
                .find(|(_, r)| r.series == here.series)
                .or_else(|| in_bucket().next())
                .map(|(i, _)| i)
        }
        "ArrowUp" => (from + 1 < regions.len() && regions[from + 1].bucket == here.bucket)
            .then_some(from + 1),
        "ArrowDown" => (from > 0 && regions[from - 1].bucket == here.bucket).then(|| from - 1),
        "Home" => Some(0),
        "End" => Some(regions.len() - 1),
        _ => None,
    }
}

/// The aggregate and its chart, rendered together.
pub struct ChartCell {
    pub agg: Aggregate,
    pub chart: chart::Chart,
    pub width: u32,
    pub height: u32,
}

/// A new chart is always a change.
impl PartialEq for ChartCell {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[component]
fn ChartView() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let by = Memo::new(move |_| ctx.state.with(|s| s.by));
    let kind = Memo::new(move |_| ctx.state.with(|s| s.chart));
    let dark = Memo::new(move |_| ctx.dark());

    // The chart is drawn at the frame's width, so that its text keeps its size.
    let frame = NodeRef::<leptos::html::Div>::new();
    let frame_width = RwSignal::new(960u32);
    let measure_frame = move || {
        if let Some(el) = frame.get_untracked() {
            let w = el.client_width().max(0) as u32;
            if w > 0 && w != frame_width.get_untracked() {
                frame_width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if frame.get().is_some() {
            measure_frame();
        }
    });
    let resize = window_event_listener(ev::resize, move |_| measure_frame());
    on_cleanup(move || resize.remove());

    let rendered = Memo::new({
        let data = data.clone();
        move |_| {
            let res = ctx.results.get()?;
            let (by, kind, dark) = (by.get(), kind.get(), dark.get());
            let lang = ctx.ui.get();
            let (width, height) = chart_size(frame_width.get());
            // `performance.measure("chart")`: aggregation and SVG, the work a chart costs.
            let started = browser::now_ms();
            let agg = current_aggregate(&data, &res, by);
            browser::measure_since("chart-aggregate", started);
            let title = chart_title(&ctx);
            let chart = chart::render(
                &agg,
                &ChartOptions {
                    kind,
                    width,
                    height,
                    lang,
                    // The text follows the page's colour (the theme, and black on paper).
                    foreground: "currentColor",
                    background: None,
                    title: &title,
                    palette: Some(&data.palette),
                    dark,
                },
            );
            browser::measure_since("chart", started);
            // Taller than asked when the title needs more than one line.
            let height = chart.height.max(height);
            Some(Arc::new(ChartCell {
                agg,
                chart,
                width,
                height,
            }))
        }
    });

    // The bar under the pointer or the keyboard focus; on a touch screen a
    // first tap on a bar shows its value (`armed`), a second one its events.
    let focused = RwSignal::new(None::<usize>);
    let armed = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        rendered.track();
        focused.set(None);
        armed.set(None);
    });

    let tooltip = move || {
        let c = rendered.get()?;
        let i = focused.get()?;
        let r = c.chart.regions.get(i)?;
        let label = bar_label(&c.agg, r.series, r.bucket, ctx.ui.get());
        Some(if armed.get() == Some(i) {
            format!("{label} ({})", ctx.t().tap_again)
        } else {
            label
        })
    };
    let narrow_to = move |i: usize| {
        let Some(c) = rendered.get_untracked() else {
            return;
        };
        let Some(r) = c.chart.regions.get(i) else {
            return;
        };
        let (Some(s), Some(b)) = (c.agg.series.get(r.series), c.agg.buckets.get(r.bucket)) else {
            return;
        };
        let (code, start, end) = (s.country.clone(), b.start, b.end);
        ctx.update(History::Push, |st| {
            st.countries = vec![code];
            // The bar's period, within the dates the reader chose.
            st.from = match st.from {
                Some(f) if f.first_day() >= start => Some(f),
                _ => Some(DateBound::Day(start)),
            };
            st.to = match st.to {
                Some(t) if t.last_day() <= end => Some(t),
                _ => Some(DateBound::Day(end)),
            };
            st.view = View::List;
            st.page = 1;
        });
    };

    // One focusable target per mark, laid over the chart. Thousands of them
    // on a long axis, so they are written as markup in one go (every text in
    // it escaped) and share the listeners of the overlay; one of them is in
    // the tab order at a time, the arrow keys move between them.
    let overlay_ref = NodeRef::<leptos::svg::Svg>::new();
    let overlay_html = move || {
        let Some(c) = rendered.get() else {
            return String::new();
        };
        let lang = ctx.ui.get();
        let mut out = String::with_capacity(c.chart.regions.len() * 200);
        for (i, r) in c.chart.regions.iter().enumerate() {
            let code = c
                .agg
                .series
                .get(r.series)
                .map(|s| s.country.as_str())
                .unwrap_or_default();
            let _ = write!(
                out,
                "<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" tabindex=\"{}\" role=\"button\" \
                 data-region=\"{i}\" data-bucket=\"{}\" data-count=\"{}\" data-country=\"",
                r.x,
                r.y,
                r.w.max(1.0),
                r.h.max(1.0),
                if i == 0 { 0 } else { -1 },
                r.bucket,
                r.count
            );
            chart::svg::push_text(&mut out, code);
            out.push_str("\" aria-label=\"");
            chart::svg::push_text(&mut out, &bar_label(&c.agg, r.series, r.bucket, lang));
            out.push_str("\"></rect>");
        }
        out
    };
    let region_of = |e: &web_sys::Event| -> Option<usize> {
        let el: web_sys::Element = e.target()?.dyn_into().ok()?;
        el.get_attribute("data-region")?.parse().ok()
    };
    let region_el = move |i: usize| -> Option<web_sys::Element> {
        overlay_ref
            .get_untracked()?
            .query_selector(&format!("rect[data-region=\"{i}\"]"))
            .ok()
            .flatten()
    };
    // Keeps `i` the one mark in the tab order.
    let take_tab_stop = move |i: usize| {
        if let Some(svg) = overlay_ref.get_untracked() {
            if let Ok(Some(old)) = svg.query_selector("rect[tabindex=\"0\"]") {
                let _ = old.set_attribute("tabindex", "-1");
            }
        }
        if let Some(el) = region_el(i) {
            let _ = el.set_attribute("tabindex", "0");
        }
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        let Some(i) = region_of(&e) else { return };
        let key = e.key();
        if key == "Enter" || key == " " {
            e.prevent_default();
            narrow_to(i);
            // The bar is gone with the chart: the focus goes on to what it showed.
            browser::focus_first_of(&[".event-list a", ".result-count"]);
            return;
        }
        let next = rendered.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| next_region(&c.chart.regions, i, &key))
        });
        if let Some(next) = next {
            e.prevent_default();
            take_tab_stop(next);
            if let Some(el) = region_el(next) {
                // An SVG element; `focus` is called by name, as on any HTMLOrSVGElement.
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    };

    // Downloads are standalone documents: light, on white, whatever the page's theme.
    let data_for_download = data.clone();
    let for_download = move || {
        let c = rendered.get_untracked()?;
        let lang = ctx.ui.get_untracked();
        let title = untrack(|| chart_title(&ctx));
        let (width, height) = chart_size(c.width);
        let chart = chart::render(
            &c.agg,
            &ChartOptions {
                kind: kind.get_untracked(),
                width,
                height,
                lang,
                foreground: "#1f2328",
                background: Some("#ffffff"),
                title: &title,
                palette: Some(&data_for_download.palette),
                dark: false,
            },
        );
        Some((chart.svg, width, chart.height.max(height)))
    };
    let for_download = StoredValue::new_local(for_download);
    let download_svg = move |_| {
        if let Some((svg, _, _)) = for_download.with_value(|f| f()) {
            let name = format!("{}.svg", file_stem(&ctx, Some(kind.get_untracked())));
            browser::download(&name, "image/svg+xml", svg.as_bytes());
        }
    };
    let download_png = move |_| {
        if let Some((svg, w, h)) = for_download.with_value(|f| f()) {
            let name = format!("{}.png", file_stem(&ctx, Some(kind.get_untracked())));
            browser::download_svg_as_png(name, svg, w, h);
        }
    };
    let on_csv = move |_| {
        if let Some(c) = rendered.get_untracked() {
            download_csv(&ctx, &c.agg);
        }
    };
    // No attribute at all before the chart is drawn (an empty viewBox is
    // an error in the console).
    let view_box = move || {
        rendered
            .get()
            .map(|c| format!("0 0 {} {}", c.width, c.height))
    };
    view! {
        <div class="chart-view">
            <PeriodControls/>
            <div class="chart-frame" node_ref=frame>
                // The SVG is generated by our chart module, which escapes every text it writes.
                <div class="chart-svg" inner_html=move || rendered.get().map(|c| c.chart.svg.clone()).unwrap_or_default()></div>
                <svg class="chart-overlay" viewBox=view_box role="group" node_ref=overlay_ref
                    // Chromium makes an SVG element with focus listeners a tab stop of its own: not this one.
                    tabindex="-1"
                    aria-label=move || ctx.t().chart_bars aria-describedby="chart-keys"
                    inner_html=overlay_html
                    on:mouseover=move |e| focused.set(region_of(&e))
                    on:mouseout=move |_| focused.set(None)
                    on:focusin=move |e| if let Some(i) = region_of(&e) { take_tab_stop(i); focused.set(Some(i)); }
                    on:focusout=move |_| focused.set(None)
                    on:click=move |e| if let Some(i) = region_of(&e) {
                        if is_touch(&e) && armed.get_untracked() != Some(i) {
                            armed.set(Some(i));
                            take_tab_stop(i);
                            focused.set(Some(i));
                        } else {
                            narrow_to(i)
                        }
                    }
                    on:keydown=on_key>
                </svg>
            </div>
            <p class="chart-tooltip" role="status" aria-live="polite">{tooltip}</p>
            <p id="chart-keys" class="visually-hidden">{move || ctx.t().chart_keys}</p>
            <div class="downloads">
                <button type="button" on:click=download_svg>{move || ctx.t().download_svg}</button>
                <button type="button" on:click=download_png>{move || ctx.t().download_png}</button>
                <button type="button" on:click=on_csv>{move || ctx.t().download_csv}</button>
            </div>
        </div>
    }
}

#[component]
fn TableView() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let table = move || {
        let Some(res) = ctx.results.get() else {
            return ().into_any();
        };
        let by = ctx.state.with(|s| s.by);
        let agg = current_aggregate(&data, &res, by);
        let lang = ctx.ui.get();
        let head = agg
            .series
            .iter()
            .map(|s| view! { <th scope="col"><CountryTag code=s.country.clone()/></th> })
            .collect_view();
        let rows = (0..agg.buckets.len())
            .rev()
            .map(|b| {
                let label = agg.buckets[b].label(agg.period, lang);
                let cells = (0..agg.series.len()).map(|s| view! { <td>{agg.count(s, b)}</td> }).collect_view();
                view! { <tr><th scope="row">{label}</th>{cells}<td class="total">{agg.bucket_total(b)}</td></tr> }
            })
            .collect_view();
        let totals = agg
            .series
            .iter()
            .map(|s| view! { <td>{s.total}</td> })
            .collect_view();
        let total = agg.total;
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=ctx.t().view_table>
                <table class="data-table">
                    <caption>{format!("{} — {}", chart_title(&ctx), period_name(lang, by))}</caption>
                    <thead><tr><th scope="col">{ctx.t().period}</th>{head}<th scope="col">{ctx.t().total}</th></tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th scope="row">{ctx.t().total}</th>{totals}<td class="total">{total}</td></tr></tfoot>
                </table>
            </div>
            <div class="downloads">
                <button type="button" on:click=move |_| download_csv(&ctx, &agg)>
                    {ctx.t().download_csv}
                </button>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="table-view">
            <PeriodControls/>
            {table}
        </div>
    }
}
