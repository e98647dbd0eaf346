//! The events page: filters with their counts, the result count, and the
//! selection as a paginated list, a chart or a table.

use std::sync::Arc;

use caricc_core::aggregate::{self, Aggregate, Period};
use caricc_core::chart::{self, ChartKind, ChartOptions};
use caricc_core::country;
use caricc_core::index::ArchiveIndex;
use caricc_core::model::{Kind, Lang};
use caricc_core::state::{DateBound, Route, Sort, View, ViewState};
use caricc_core::title::display_title_in;
use caricc_core::Date;
use leptos::ev;
use leptos::prelude::*;

use crate::app::{use_ctx, Data, Results};
use crate::browser;
use crate::i18n::{format_range, kind_name, period_name};
use crate::pages::CountryTag;

pub const PAGE_SIZE: usize = 50;

#[component]
pub fn EventsPage() -> impl IntoView {
    let ctx = use_ctx();
    let count = move || ctx.results.with(|r| r.as_ref().map(|r| r.selection.rows.len()).unwrap_or(0));
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
                    <p class="result-count" aria-live="polite" aria-atomic="true">
                        {move || (ctx.t().result_count)(count())}
                    </p>
                    <ViewSwitch/>
                    <Show when=move || view_mode() == View::List>
                        <SortSwitch/>
                    </Show>
                    <Show when=move || !embed()>
                        <crate::embed::EmbedButton/>
                    </Show>
                </div>
                {move || match view_mode() {
                    View::List => view! { <EventList/> }.into_any(),
                    View::Chart => view! { <ChartView/> }.into_any(),
                    View::Table => view! { <TableView/> }.into_any(),
                }}
            </section>
        </div>
    }
}

#[component]
fn ViewSwitch() -> impl IntoView {
    let ctx = use_ctx();
    let button = move |v: View, label: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <button type="button" data-view=v.as_str()
                aria-pressed=move || (ctx.state.with(|s| s.view) == v).to_string()
                on:click=move |_| ctx.update(true, |s| s.view = v)>
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
                    ctx.update(true, |s| { s.sort = Sort::parse(&v).unwrap_or_default(); s.page = 1; });
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
        ctx.update(true, |s| {
            let values = list_mut(s);
            match values.iter().position(|v| *v == value) {
                Some(i) => {
                    values.remove(i);
                }
                None => {
                    values.push(value.clone());
                    values.sort();
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

#[component]
fn Filters() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let sel = move || ctx.results.get();

    let countries = {
        let data = data.clone();
        move || {
            let Some(res) = sel() else { return ().into_any() };
            data.index
                .countries
                .iter()
                .zip(&res.selection.country_counts)
                .map(|(code, &n)| {
                    let label = view! { <CountryTag code=code.clone()/> };
                    facet_option("country", code.clone(), code.clone(), n as usize, label, |s| &s.countries, |s| &mut s.countries)
                })
                .collect_view()
                .into_any()
        }
    };
    let kinds = move || {
        let Some(res) = sel() else { return ().into_any() };
        Kind::ALL
            .into_iter()
            .map(|k| {
                let n = ArchiveIndex::kind_count(&res.selection, k) as usize;
                let label = move || kind_name(ctx.ui.get(), k);
                facet_option("kind", k, k.as_str().to_string(), n, label, |s| &s.kinds, |s| &mut s.kinds)
            })
            .collect_view()
            .into_any()
    };
    let langs = move || {
        let Some(res) = sel() else { return ().into_any() };
        Lang::ALL
            .into_iter()
            .map(|l| {
                let n = ArchiveIndex::lang_count(&res.selection, l) as usize;
                let label = move || ctx.t().lang_names[l as usize];
                facet_option("lang", l, l.as_str().to_string(), n, label, |s| &s.langs, |s| &mut s.langs)
            })
            .collect_view()
            .into_any()
    };
    let years = {
        let data = data.clone();
        move || {
            let Some(res) = sel() else { return ().into_any() };
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
                            on:click=move |_| ctx.update(true, |s| {
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
            ctx.update(true, |s| {
                if is_from { s.from = bound } else { s.to = bound }
                s.page = 1;
            });
        };
        view! {
            <label class="date-bound">
                {move || if is_from { ctx.t().from } else { ctx.t().to }}
                <input type="month" name=if is_from { "from" } else { "to" } min="2000-01" max="2100-12"
                    placeholder="YYYY-MM" pattern="[0-9]{4}-[0-9]{2}"
                    prop:value=value on:change=on_change/>
            </label>
        }
    };
    view! {
        <aside class="filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{move || ctx.t().filters}</h2>
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
                    ctx.go(next, true);
                }>{move || ctx.t().clear_filters}</button>
            </Show>
        </aside>
    }
}

#[component]
fn EventList() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let page_count = move || ctx.results.with(|r| r.as_ref().map(|r| r.selection.rows.len().div_ceil(PAGE_SIZE)).unwrap_or(0).max(1) as u32);
    let page = move || ctx.state.with(|s| s.page).min(page_count());
    let items = move || {
        let Some(res) = ctx.results.get() else { return ().into_any() };
        let q = ctx.state.with(|s| s.q.clone());
        let rows = &res.selection.rows;
        if rows.is_empty() {
            return view! { <p class="empty-state">{ctx.t().no_results}</p> }.into_any();
        }
        let start = (page() as usize - 1) * PAGE_SIZE;
        let end = (start + PAGE_SIZE).min(rows.len());
        let list = rows[start..end]
            .iter()
            .map(|&pos| event_item(&data, pos, &q, ctx.href(Route::Event(data.index.event(pos).id.clone()))))
            .collect_view();
        view! {
            <p class="muted showing">{(ctx.t().showing)(start + 1, end, rows.len())}</p>
            <ol class="event-list" start=start + 1>{list}</ol>
        }
        .into_any()
    };
    let go_page = move |p: u32| {
        ctx.update(true, |s| s.page = p);
        if let Some(m) = browser::window().document().and_then(|d| d.get_element_by_id("results-heading")) {
            m.scroll_into_view();
        }
    };
    view! {
        {items}
        <Show when=move || { page_count() > 1 }>
            <nav class="pager" aria-label="Pages">
                <button type="button" disabled=move || page() <= 1 on:click=move |_| go_page(page() - 1)>
                    {move || format!("← {}", ctx.t().prev)}
                </button>
                <span aria-current="page">{move || (ctx.t().page_of)(page(), page_count())}</span>
                <button type="button" disabled=move || page() >= page_count() on:click=move |_| go_page(page() + 1)>
                    {move || format!("{} →", ctx.t().next)}
                </button>
            </nav>
        </Show>
    }
}

fn event_item(data: &Arc<Data>, pos: u32, q: &str, href: String) -> impl IntoView {
    let ctx = use_ctx();
    let e = data.index.event(pos);
    let r = data.index.release_of(pos);
    let (start, end, kind) = (e.date.start, e.date.end, r.kind);
    let searching = !q.trim().is_empty();
    let segments = |text: &str, max: usize| {
        if searching {
            data.search_index()
                .snippet(q, text, max)
                .into_iter()
                .map(|s| if s.matched { view! { <mark>{s.text}</mark> }.into_any() } else { s.text.into_any() })
                .collect_view()
                .into_any()
        } else {
            let cut: String = text.chars().take(max).collect();
            let more = if cut.len() < text.len() { "…" } else { "" };
            format!("{cut}{more}").into_any()
        }
    };
    let title = display_title_in(&e.title, &e.body);
    let title_view = segments(&title, 400);
    let body_text = if searching { e.body.join(" ") } else { e.body.first().cloned().unwrap_or_default() };
    let lead = segments(&body_text, 240);
    view! {
        <li class="event-item" data-event=e.id.clone() data-country=e.country.clone() lang=e.language.as_str()>
            <h2><a href=href>{title_view}</a></h2>
            <p class="event-meta-line">
                <CountryTag code=e.country.clone()/>
                <span class="date">{move || format_range(ctx.ui.get(), start, end)}</span>
                <span class="kind">{move || kind_name(ctx.ui.get(), kind)}</span>
            </p>
            <p class="lead">{lead}</p>
        </li>
    }
}

/// The aggregate of the current selection for the chosen period.
fn current_aggregate(data: &Data, res: &Results, period: Period) -> Aggregate {
    let ix = &data.index;
    aggregate::aggregate(
        res.selection.rows.iter().map(|&p| {
            let e = ix.event(p);
            (e.country.as_str(), e.date.start)
        }),
        period,
    )
}

/// What the chart and table downloads are called: what they hold.
fn file_stem(ctx: &crate::app::Ctx, period: Period) -> String {
    let s = ctx.state.get_untracked();
    let mut name = format!("caricc-events-per-{}", period.as_str());
    if !s.countries.is_empty() {
        name.push('-');
        name.push_str(&s.countries.join("-").to_lowercase());
    }
    if let Some(f) = s.from {
        name.push_str(&format!("-from-{f}"));
    }
    if let Some(t) = s.to {
        name.push_str(&format!("-to-{t}"));
    }
    if !s.q.trim().is_empty() {
        let q: String = s.q.chars().filter(|c| c.is_alphanumeric()).take(24).collect();
        if !q.is_empty() {
            name.push_str(&format!("-q-{q}"));
        }
    }
    name
}

#[component]
fn PeriodControls() -> impl IntoView {
    let ctx = use_ctx();
    let kind_options = [
        (ChartKind::Stacked, (|t| t.chart_stacked) as fn(&crate::i18n::Texts) -> &'static str),
        (ChartKind::Grouped, |t| t.chart_grouped),
        (ChartKind::Lines, |t| t.chart_lines),
    ];
    view! {
        <div class="chart-controls">
            <label>
                {move || ctx.t().by}
                <select name="by" on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(p) = Period::parse(&v) { ctx.update(true, |s| s.by = p); }
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
                        if let Some(k) = ChartKind::parse(&v) { ctx.update(true, |s| s.chart = k); }
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

#[component]
fn ChartView() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let agg = Memo::new({
        let data = data.clone();
        move |_| {
            let by = ctx.state.with(|s| s.by);
            ctx.results.get().map(|res| Arc::new(AggregateCell(current_aggregate(&data, &res, by))))
        }
    });
    let focused = RwSignal::new(None::<(usize, usize)>);
    let width = 960u32;
    let height = 420u32;
    let dark = move || match ctx.state.with(|s| s.theme) {
        Some(t) => t == caricc_core::state::Theme::Dark,
        None => browser::prefers_dark(),
    };
    let rendered = Memo::new(move |_| {
        let agg = agg.get()?;
        let lang = ctx.ui.get();
        let kind = ctx.state.with(|s| s.chart);
        let fg = if dark() { "#e6e6e6" } else { "#1f2328" };
        let title = format!("{} — {}", ctx.t().events_title, period_name(lang, agg.0.period));
        let c = chart::render(
            &agg.0,
            &ChartOptions { kind, width, height, lang: lang.as_str(), foreground: fg, background: None, title: &title },
        );
        Some(Arc::new(ChartCell(c)))
    });

    let tooltip = move || {
        let (series, bucket) = focused.get()?;
        let agg = agg.get()?;
        let s = agg.0.series.get(series)?;
        let b = agg.0.buckets.get(bucket)?;
        let lang = ctx.ui.get();
        Some(format!(
            "{}, {}: {}",
            country::name(&s.country, lang.as_str()),
            b.label(agg.0.period, lang.as_str()),
            agg.0.count(series, bucket)
        ))
    };
    let narrow_to = move |series: usize, bucket: usize| {
        let Some(agg) = agg.get_untracked() else { return };
        let (Some(s), Some(b)) = (agg.0.series.get(series), agg.0.buckets.get(bucket)) else { return };
        let (code, start, end) = (s.country.clone(), b.start, b.end);
        ctx.update(true, |st| {
            st.countries = vec![code];
            st.from = Some(DateBound::Day(start));
            st.to = Some(DateBound::Day(end));
            st.view = View::List;
            st.page = 1;
        });
    };
    let overlay = move || {
        let Some(c) = rendered.get() else { return ().into_any() };
        let Some(agg) = agg.get() else { return ().into_any() };
        let lang = ctx.ui.get();
        c.0.regions
            .iter()
            .map(|r| {
                let (series, bucket, count) = (r.series, r.bucket, r.count);
                let label = match (agg.0.series.get(series), agg.0.buckets.get(bucket)) {
                    (Some(s), Some(b)) => format!(
                        "{}, {}: {count}",
                        country::name(&s.country, lang.as_str()),
                        b.label(agg.0.period, lang.as_str())
                    ),
                    _ => String::new(),
                };
                let code = agg.0.series.get(series).map(|s| s.country.clone()).unwrap_or_default();
                let title = label.clone();
                view! {
                    <rect class="hit" x=r.x y=r.y width=r.w.max(1.0) height=r.h.max(1.0)
                        tabindex="0" role="button" aria-label=label data-country=code data-bucket=bucket data-count=count
                        on:mouseenter=move |_| focused.set(Some((series, bucket)))
                        on:mouseleave=move |_| focused.set(None)
                        on:focus=move |_| focused.set(Some((series, bucket)))
                        on:blur=move |_| focused.set(None)
                        on:click=move |_| narrow_to(series, bucket)
                        on:keydown=move |e: web_sys::KeyboardEvent| {
                            if e.key() == "Enter" || e.key() == " " { e.prevent_default(); narrow_to(series, bucket); }
                        }>
                        <title>{title}</title>
                    </rect>
                }
            })
            .collect_view()
            .into_any()
    };
    let download_svg = move |_| {
        if let Some(c) = rendered.get_untracked() {
            browser::download(&format!("{}.svg", file_stem(&ctx, ctx.state.get_untracked().by)), "image/svg+xml", c.0.svg.as_bytes());
        }
    };
    let download_png = move |_| {
        if let Some(c) = rendered.get_untracked() {
            browser::download_svg_as_png(format!("{}.png", file_stem(&ctx, ctx.state.get_untracked().by)), c.0.svg.clone(), width, height);
        }
    };
    let download_csv = move |_| {
        if let Some(a) = agg.get_untracked() {
            let csv = aggregate::to_csv(&a.0, ctx.ui.get_untracked().as_str());
            browser::download(&format!("{}.csv", file_stem(&ctx, a.0.period)), "text/csv;charset=utf-8", csv.as_bytes());
        }
    };
    view! {
        <div class="chart-view">
            <PeriodControls/>
            <div class="chart-frame">
                // The SVG is generated by our chart module, which escapes every text it writes.
                <div class="chart-svg" inner_html=move || rendered.get().map(|c| c.0.svg.clone()).unwrap_or_default()></div>
                <svg class="chart-overlay" viewBox=format!("0 0 {width} {height}") aria-label=move || ctx.t().view_chart>
                    {overlay}
                </svg>
                <p class="chart-tooltip" role="status" aria-live="polite">{tooltip}</p>
            </div>
            <div class="downloads">
                <button type="button" on:click=download_svg>{move || ctx.t().download_svg}</button>
                <button type="button" on:click=download_png>{move || ctx.t().download_png}</button>
                <button type="button" on:click=download_csv>{move || ctx.t().download_csv}</button>
            </div>
        </div>
    }
}

/// Wrappers so memos can hold values without a cheap equality: a new value
/// is always a change.
pub struct AggregateCell(pub Aggregate);
impl PartialEq for AggregateCell {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}
pub struct ChartCell(pub chart::Chart);
impl PartialEq for ChartCell {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[component]
fn TableView() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let table = move || {
        let Some(res) = ctx.results.get() else { return ().into_any() };
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
                let label = agg.buckets[b].label(agg.period, lang.as_str());
                let cells = (0..agg.series.len()).map(|s| view! { <td>{agg.count(s, b)}</td> }).collect_view();
                view! { <tr><th scope="row">{label}</th>{cells}<td class="total">{agg.bucket_total(b)}</td></tr> }
            })
            .collect_view();
        let totals = agg.series.iter().map(|s| view! { <td>{s.total}</td> }).collect_view();
        let csv = aggregate::to_csv(&agg, lang.as_str());
        let stem = file_stem(&ctx, by);
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=ctx.t().view_table>
                <table class="data-table">
                    <caption>{format!("{} — {}", ctx.t().events_title, period_name(lang, by))}</caption>
                    <thead><tr><th scope="col">{ctx.t().period}</th>{head}<th scope="col">{ctx.t().total}</th></tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th scope="row">{ctx.t().total}</th>{totals}<td class="total">{agg.total}</td></tr></tfoot>
                </table>
            </div>
            <div class="downloads">
                <button type="button" on:click=move |_| browser::download(&format!("{stem}.csv"), "text/csv;charset=utf-8", csv.as_bytes())>
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
