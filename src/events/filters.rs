//! The filters beside the results: a facet per field, each value with its
//! count under the other filters, and the period.

use caricc_core::index::{Selection, SUBSTANCES, TOPICS};
use caricc_core::model::{Kind, Lang};
use caricc_core::state::{DateBound, FilterState};
use caricc_core::Date;
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::History;
use crate::ctx::{use_ctx, Results};
use crate::i18n::{kind_name, Texts};
use crate::parts::CountryTag;

/// A list-valued filter of the state, through the spelling of its values
/// (a checkbox's value, as in the address): the name its checkboxes carry
/// (the address's parameter), whether its list holds a value, and how a
/// value is taken out of it or put in.
struct Field {
    name: &'static str,
    has: fn(&FilterState, &str) -> bool,
    toggle: fn(&mut FilterState, &str),
}

/// Takes `value` out of `list`, or puts it in (kept sorted, so the address
/// is canonical).
fn toggle<T: Ord>(list: &mut Vec<T>, value: Option<T>) {
    let Some(value) = value else { return };
    match list.iter().position(|v| *v == value) {
        Some(i) => {
            list.remove(i);
        }
        None => {
            list.push(value);
            caricc_core::search::sort::sort_by(list, Ord::cmp);
        }
    }
}

const COUNTRY: Field = Field {
    name: "country",
    has: |f, v| f.countries.iter().any(|c| c == v),
    toggle: |f, v| toggle(&mut f.countries, Some(v.to_string())),
};
const TOPIC: Field = Field {
    name: "topic",
    has: |f, v| f.topics.iter().any(|c| c == v),
    toggle: |f, v| toggle(&mut f.topics, Some(v.to_string())),
};
const SUBSTANCE: Field = Field {
    name: "substance",
    has: |f, v| f.substances.iter().any(|c| c == v),
    toggle: |f, v| toggle(&mut f.substances, Some(v.to_string())),
};
const KIND: Field = Field {
    name: "kind",
    has: |f, v| f.kinds.iter().any(|k| k.as_str() == v),
    toggle: |f, v| toggle(&mut f.kinds, Kind::parse(v)),
};
const LANG: Field = Field {
    name: "lang",
    has: |f, v| f.langs.iter().any(|l| l.as_str() == v),
    toggle: |f, v| toggle(&mut f.langs, Lang::parse(v)),
};

/// One value a facet offers: its spelling and its label.
struct Choice {
    spelled: String,
    label: AnyView,
}

/// How many events a facet's `i`th value has under the other filters in
/// the results (`None` while that is on its way).
type CountOf = Arc<dyn Fn(&Results, usize) -> Option<u32> + Send + Sync>;

/// A value's count under the current results, as a memo: a new selection
/// rewrites the counts that changed, and nothing else (a filter change
/// rebuilt every checkbox of every facet before, most of its time on a
/// phone).
fn count_memo(count_of: &CountOf, i: usize) -> Memo<Option<u32>> {
    let ctx = use_ctx();
    let count_of = Arc::clone(count_of);
    Memo::new(move |_| {
        ctx.results
            .with(|r| r.as_ref().and_then(|r| count_of(r, i)))
    })
}

/// A count as the facets and the years show it, "…" while it is on its
/// way.
fn count_span(count: Memo<Option<u32>>) -> impl IntoView {
    view! {
        <span class="facet-count" class:pending=move || count.get().is_none()>
            {move || count.get().map_or_else(|| "…".to_string(), |n| n.to_string())}
        </span>
    }
}

/// A facet: a fieldset with `legend` and a checkbox per value of
/// `choices`, each with its count (`count_of`), kept up to date in place.
/// A change toggles the value in the field's list and goes back to the
/// first page. (One function for every facet, not generic: it is in the
/// wasm once.)
fn facet(
    legend: fn(&'static Texts) -> &'static str,
    field: Field,
    choices: Vec<Choice>,
    count_of: CountOf,
) -> AnyView {
    let ctx = use_ctx();
    let Field { name, has, toggle } = field;
    let options = choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let value = c.spelled;
            let count = count_memo(&count_of, i);
            let checked = {
                let value = value.clone();
                move || ctx.state.with(|s| has(&s.filter, &value))
            };
            let on_change = {
                let value = value.clone();
                move |_| {
                    ctx.update(History::Push, |s| {
                        toggle(&mut s.filter, &value);
                        s.show.page = 1;
                    })
                }
            };
            view! {
                <li><label class:empty=move || count.get() == Some(0)>
                    <input type="checkbox" name=name value=value prop:checked=checked on:change=on_change/>
                    {c.label}
                    {count_span(count)}
                </label></li>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>{move || legend(ctx.t())}</legend>
            <ul class="facet">{options}</ul>
        </fieldset>
    }
    .into_any()
}

/// The count of a facet over the rows' facts (`counts` reads the
/// topics' or the substances'), known only once the facts are here.
fn fact_count(counts: fn(&Selection) -> &[u32]) -> CountOf {
    Arc::new(move |res, i| {
        let sel = &res.selection;
        counts(sel)
            .get(i)
            .copied()
            .filter(|_| sel.fact_counts_known)
    })
}

/// The choices of a facet over fixed ids (`all`, named by `names` in the
/// interface's language): the facts' topics and substances.
fn id_choices(
    all: &'static [&'static str],
    names: fn(&'static Texts) -> &'static [&'static str],
) -> Vec<Choice> {
    let ctx = use_ctx();
    all.iter()
        .enumerate()
        .map(|(i, id)| Choice {
            spelled: id.to_string(),
            label: (move || names(ctx.t())[i]).into_any(),
        })
        .collect()
}

#[component]
pub(super) fn Filters() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");

    let countries = facet(
        |t| t.country,
        COUNTRY,
        data.index
            .countries
            .iter()
            .map(|code| Choice {
                spelled: code.clone(),
                label: view! { <CountryTag code=code.clone()/> }.into_any(),
            })
            .collect(),
        Arc::new(|res, i| res.selection.country_counts.get(i).copied()),
    );
    let kinds = facet(
        |t| t.kind,
        KIND,
        Kind::ALL
            .into_iter()
            .map(|k| Choice {
                spelled: k.as_str().to_string(),
                label: (move || kind_name(ctx.ui(), k)).into_any(),
            })
            .collect(),
        Arc::new(|res, i| Some(res.selection.kind_count(Kind::ALL[i]))),
    );
    let langs = facet(
        |t| t.content_lang,
        LANG,
        Lang::ALL
            .into_iter()
            .map(|l| Choice {
                spelled: l.as_str().to_string(),
                label: (move || ctx.t().lang_names[l.slot()]).into_any(),
            })
            .collect(),
        Arc::new(|res, i| Some(res.selection.lang_count(Lang::ALL[i]))),
    );
    // Facts to filter by: topics and substances, when the archive has them
    // (an older or partner archive without `facts` offers no such facets).
    // Their counts need the rows' facts, a piece of their own in a
    // published archive: while it is on its way (the results do not know
    // them; they asked for it) the counts say so.
    let facts = data.index.has_facts().then(|| {
        (
            facet(
                |t| t.topic,
                TOPIC,
                id_choices(TOPICS, |t| &t.topic_names),
                fact_count(|sel| &sel.topic_counts),
            ),
            facet(
                |t| t.substance,
                SUBSTANCE,
                id_choices(SUBSTANCES, |t| &t.substance_names),
                fact_count(|sel| &sel.substance_counts),
            ),
        )
    });
    // The years' buttons, made once; their counts follow the results.
    let years = {
        let year_counts: CountOf = Arc::new(|res, i| res.selection.year_counts.get(i).copied());
        data.index
            .years
            .iter()
            .enumerate()
            .rev()
            .map(|(i, &y)| {
                let count = count_memo(&year_counts, i);
                let pressed = move || {
                    ctx.state.with(|s| {
                        s.filter.from.map(|b| b.first_day()) == Date::from_ymd(y, 1, 1)
                            && s.filter.to.map(|b| b.last_day()) == Date::from_ymd(y, 12, 31)
                    })
                };
                view! {
                    <li><button type="button" class="year" aria-pressed=move || pressed().to_string()
                        on:click=move |_| ctx.update(History::Push, |s| {
                            if pressed() {
                                s.filter.from = None;
                                s.filter.to = None;
                            } else {
                                s.filter.from = Date::from_ymd(y, 1, 1).map(DateBound::Month);
                                s.filter.to = Date::from_ymd(y, 12, 1).map(DateBound::Month);
                            }
                            s.show.page = 1;
                        })>
                        {y} " " {count_span(count)}
                    </button></li>
                }
            })
            .collect_view()
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
                let b = if is_from { s.filter.from } else { s.filter.to };
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
                    s.filter.from = bound
                } else {
                    s.filter.to = bound
                }
                s.show.page = 1;
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
    let active = move || ctx.state.with(|s| s.filter.active_count());
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
            {countries}
            <fieldset>
                <legend>{move || ctx.t().period}</legend>
                {date_input(true)}
                {date_input(false)}
                <ul class="facet years" aria-label=move || ctx.t().year>{years}</ul>
            </fieldset>
            {facts}
            {kinds}
            {langs}
            <Show when=move || ctx.state.with(|s| s.filter.is_narrowed())>
                <button type="button" class="clear" on:click=move |_| {
                    ctx.navigate(&ctx.state.get_untracked().cleared(), History::Push);
                }>{move || ctx.t().clear_filters}</button>
            </Show>
            </div>
        </aside>
    }
}
