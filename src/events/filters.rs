//! The filters beside the results: a facet per field, each value with its
//! count under the other filters, and the period.

use caricc_core::index::{ArchiveIndex, SUBSTANCES, TOPICS};
use caricc_core::model::{Kind, Lang};
use caricc_core::state::{DateBound, FilterState};
use caricc_core::Date;
use leptos::ev;
use leptos::prelude::*;

use crate::browser::History;
use crate::ctx::{use_ctx, Results};
use crate::i18n::{kind_name, Texts};
use crate::parts::CountryTag;

/// A list-valued filter of the state: the name its checkboxes carry (the
/// address's parameter) and the list it keeps its values in.
struct Field<T: 'static> {
    name: &'static str,
    list: fn(&FilterState) -> &Vec<T>,
    list_mut: fn(&mut FilterState) -> &mut Vec<T>,
}

const COUNTRY: Field<String> = Field {
    name: "country",
    list: |f| &f.countries,
    list_mut: |f| &mut f.countries,
};
const TOPIC: Field<String> = Field {
    name: "topic",
    list: |f| &f.topics,
    list_mut: |f| &mut f.topics,
};
const SUBSTANCE: Field<String> = Field {
    name: "substance",
    list: |f| &f.substances,
    list_mut: |f| &mut f.substances,
};
const KIND: Field<Kind> = Field {
    name: "kind",
    list: |f| &f.kinds,
    list_mut: |f| &mut f.kinds,
};
const LANG: Field<Lang> = Field {
    name: "lang",
    list: |f| &f.langs,
    list_mut: |f| &mut f.langs,
};

/// One value a facet offers: what it is, how the checkbox spells it, how
/// many events it has under the other filters, and its label.
struct Choice<T> {
    value: T,
    spelled: String,
    count: u32,
    label: AnyView,
}

/// A facet: a fieldset with `legend` and a checkbox per value `choices`
/// offers under the current results, each with its count. A change toggles
/// the value in the field's list (kept sorted, so the address is canonical)
/// and goes back to the first page.
fn facet<T>(
    legend: fn(&'static Texts) -> &'static str,
    field: Field<T>,
    choices: impl Fn(&Results) -> Vec<Choice<T>> + Send + Sync + 'static,
) -> impl IntoView
where
    T: Ord + Clone + Send + Sync + 'static,
{
    let ctx = use_ctx();
    let Field {
        name,
        list,
        list_mut,
    } = field;
    let option = move |c: Choice<T>| {
        let checked = {
            let value = c.value.clone();
            move || ctx.state.with(|s| list(&s.filter).contains(&value))
        };
        let value = c.value;
        let on_change = move |_| {
            ctx.update(History::Push, |s| {
                let values = list_mut(&mut s.filter);
                match values.iter().position(|v| *v == value) {
                    Some(i) => {
                        values.remove(i);
                    }
                    None => {
                        values.push(value.clone());
                        caricc_core::search::sort::sort_by(values, Ord::cmp);
                    }
                }
                s.show.page = 1;
            })
        };
        view! {
            <li><label class:empty=c.count == 0>
                <input type="checkbox" name=name value=c.spelled prop:checked=checked on:change=on_change/>
                {c.label}
                <span class="facet-count">{c.count as usize}</span>
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
}

/// The choices of a facet over fixed ids (`all`, counted in `counts`,
/// named by `names` in the interface's language): the facts' topics and
/// substances.
fn id_choices(
    all: &'static [&'static str],
    counts: &[u32],
    names: fn(&'static Texts) -> &'static [&'static str],
) -> Vec<Choice<String>> {
    let ctx = use_ctx();
    all.iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (id, &count))| Choice {
            value: id.to_string(),
            spelled: id.to_string(),
            count,
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
            move |res| {
                data.index
                    .countries
                    .iter()
                    .zip(&res.selection.country_counts)
                    .map(|(code, &count)| Choice {
                        value: code.clone(),
                        spelled: code.clone(),
                        count,
                        label: view! { <CountryTag code=code.clone()/> }.into_any(),
                    })
                    .collect()
            },
        )
    };
    let kinds = facet(
        |t| t.kind,
        KIND,
        move |res| {
            Kind::ALL
                .into_iter()
                .map(|k| Choice {
                    value: k,
                    spelled: k.as_str().to_string(),
                    count: ArchiveIndex::kind_count(&res.selection, k),
                    label: (move || kind_name(ctx.ui(), k)).into_any(),
                })
                .collect()
        },
    );
    let langs = facet(
        |t| t.content_lang,
        LANG,
        move |res| {
            Lang::ALL
                .into_iter()
                .map(|l| Choice {
                    value: l,
                    spelled: l.as_str().to_string(),
                    count: ArchiveIndex::lang_count(&res.selection, l),
                    label: (move || ctx.t().lang_names[l as usize]).into_any(),
                })
                .collect()
        },
    );
    // Facts to filter by: topics and substances, when the archive has them
    // (an older or partner archive without `facts` offers no such facets).
    let facts = data.index.has_facts().then(|| {
        (
            facet(
                |t| t.topic,
                TOPIC,
                |res| id_choices(TOPICS, &res.selection.topic_counts, |t| &t.topic_names),
            ),
            facet(
                |t| t.substance,
                SUBSTANCE,
                |res| {
                    id_choices(SUBSTANCES, &res.selection.substance_counts, |t| {
                        &t.substance_names
                    })
                },
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
