//! The filters beside the results: a facet per field, each value with its
//! count under the other filters, and the period.

use caricc_core::index::{SUBSTANCES, TOPICS};
use caricc_core::model::{Kind, Lang};
use caricc_core::state::{DateBound, ViewState};
use caricc_core::Date;
use leptos::ev;
use leptos::prelude::*;

use crate::browser::History;
use crate::ctx::use_ctx;
use crate::i18n::{kind_name, Texts};
use crate::parts::CountryTag;

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
pub(super) fn Filters() -> impl IntoView {
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
                let n = res.selection.kind_count(k) as usize;
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
                let n = res.selection.lang_count(l) as usize;
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
