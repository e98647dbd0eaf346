//! The results as a table: the counts per country and period, the chart's
//! accessible twin, with its CSV download.

use leptos::prelude::*;

use super::*;
use crate::ctx::use_ctx;
use crate::i18n::period_name;
use crate::parts::CountryTag;

#[component]
pub(super) fn TableView() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let table = move || {
        let Some(res) = ctx.results.get() else {
            return ().into_any();
        };
        let show = ctx.state.with(|s| s.show.clone());
        let by = show.by;
        let Some(agg) = current_aggregate(&ctx, &data, &res, &show) else {
            return crate::parts::pending();
        };
        let lang = ctx.ui();
        let head = (0..agg.series.len())
            .map(|i| match agg.of {
                SeriesOf::Country => {
                    view! { <th scope="col"><CountryTag code=agg.series[i].country.clone()/></th> }
                        .into_any()
                }
                SeriesOf::Substance => {
                    view! { <th scope="col">{agg.series_name(i, lang).to_string()}</th> }.into_any()
                }
            })
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
