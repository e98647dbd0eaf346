//! The filters beside the results: a facet per field, each value with its
//! count under the other filters, and the period.

use caricc_core::index::{SUBSTANCES, TOPICS};
use caricc_core::model::{Kind, Lang};
use caricc_core::state::{DateBound, FilterState};
use caricc_core::Date;
use leptos::ev;
use leptos::prelude::*;

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

/// One value a facet offers: its spelling, how many events it has under
/// the other filters (`None` while that is on its way), and its label.
struct Choice {
    spelled: String,
    count: Option<u32>,
    label: AnyView,
}

/// What a facet offers under the current results, in order.
type Choices = Box<dyn Fn(&Results) -> Vec<Choice> + Send + Sync>;

/// A facet: a fieldset with `legend` and a checkbox per value `choices`
/// offers under the current results, each with its count. A change toggles
/// the value in the field's list and goes back to the first page. (One
/// function for every facet, not generic: it is in the wasm once.)
fn facet(legend: fn(&'static Texts) -> &'static str, field: Field, choices: Choices) -> AnyView {
    let ctx = use_ctx();
    let Field { name, has, toggle } = field;
    let option = move |c: Choice| {
        let value = c.spelled;
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
            <li><label class:empty=c.count == Some(0)>
                <input type="checkbox" name=name value=value prop:checked=checked on:change=on_change/>
                {c.label}
                <span class="facet-count" class:pending=c.count.is_none()>
                    {c.count.map_or_else(|| "…".to_string(), |n| n.to_string())}
                </span>
            </label></li>
        }
    };
    let options = move || match ctx.results.get() {
        Some(res) => choices(&res)
            .into_iter()
            .map(option)
            .collect_view()
            .into_any(),
        None => ().into_any(),
    };
    view! {
        <fieldset>
            <legend>{move || legend(ctx.t())}</legend>
            <ul class="facet">{options}</ul>
        </fieldset>
    }
    .into_any()
}

/// The choices of a facet over fixed ids (`all`, counted in `counts`,
/// named by `names` in the interface's language): the facts' topics and
/// substances. Their counts need the rows' facts, a piece of their own in a
/// published archive: while it is on its way (`res` does not know them;
/// the results asked for it) the counts say so.
fn id_choices(
    res: &Results,
    all: &'static [&'static str],
    counts: &[u32],
    names: fn(&'static Texts) -> &'static [&'static str],
) -> Vec<Choice> {
    let ctx = use_ctx();
    let known = res.selection.fact_counts_known;
    all.iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (id, &count))| Choice {
            spelled: id.to_string(),
            count: known.then_some(count),
            label: (move || names(ctx.t())[i]).into_any(),
        })
        .collect()
}

#[component]
pub(super) fn Filters() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let sel = move || ctx.results.get();

    let countries = {
        let data = data.clone();
        facet(
            |t| t.country,
            COUNTRY,
            Box::new(move |res| {
                data.index
                    .countries
                    .iter()
                    .zip(&res.selection.country_counts)
                    .map(|(code, &count)| Choice {
                        spelled: code.clone(),
                        count: Some(count),
                        label: view! { <CountryTag code=code.clone()/> }.into_any(),
                    })
                    .collect()
            }),
        )
    };
    let kinds = facet(
        |t| t.kind,
        KIND,
        Box::new(move |res| {
            Kind::ALL
                .into_iter()
                .map(|k| Choice {
                    spelled: k.as_str().to_string(),
                    count: Some(res.selection.kind_count(k)),
                    label: (move || kind_name(ctx.ui(), k)).into_any(),
                })
                .collect()
        }),
    );
    let langs = facet(
        |t| t.content_lang,
        LANG,
        Box::new(move |res| {
            Lang::ALL
                .into_iter()
                .map(|l| Choice {
                    spelled: l.as_str().to_string(),
                    count: Some(res.selection.lang_count(l)),
                    label: (move || ctx.t().lang_names[l.slot()]).into_any(),
                })
                .collect()
        }),
    );
    // Facts to filter by: topics and substances, when the archive has them
    // (an older or partner archive without `facts` offers no such facets).
    let facts = data.index.has_facts().then(|| {
        (
            facet(
                |t| t.topic,
                TOPIC,
                Box::new(|res| {
                    id_choices(res, TOPICS, &res.selection.topic_counts, |t| &t.topic_names)
                }),
            ),
            facet(
                |t| t.substance,
                SUBSTANCE,
                Box::new(|res| {
                    id_choices(res, SUBSTANCES, &res.selection.substance_counts, |t| {
                        &t.substance_names
                    })
                }),
            ),
        )
    });
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
