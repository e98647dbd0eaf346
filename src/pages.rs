//! The reading pages: the list of releases, one release, one event.

use std::sync::Arc;

use caricc_core::country;
use caricc_core::display;
use caricc_core::index::{self, ArchiveIndex, ReleaseIdx};
use caricc_core::model::{self, Event, Lang, Release};
use caricc_core::state::Route;
use leptos::prelude::*;

use crate::ctx::use_ctx;
use crate::i18n::{format_date, format_range, kind_name};
use crate::parts::{country_tag_now, pending, CountryTag, Pager};
use crate::pieces::Located;
use crate::titles::{event_title, release_title};

#[component]
pub fn ReleasesPage() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    // Ten years of releases are thousands of cards: a page of them at a time.
    let all_counts = std::sync::Arc::new(data.index.parsed_counts_all());
    let new = crate::seen::new_releases(
        &data,
        ctx.state.with_untracked(|s| s.archive.clone()).as_deref(),
    );
    let total = data.index.releases_newest_first.len();
    let page_count = move || total.div_ceil(RELEASES_PER_PAGE).max(1) as u32;
    let first = move || {
        (ctx.state.with(|s| s.show.page).min(page_count()) as usize - 1) * RELEASES_PER_PAGE
    };
    // The cards read the language once (the list is rebuilt when it
    // changes): fifty cards with a reactive effect per word and country
    // were most of the releases page's first screen on a slow phone.
    let items = move || {
        let ui = ctx.ui();
        let t = ctx.t();
        releases_on_page(&data.index, ctx.state.with(|s| s.show.page))
        .iter()
        .map(|&i| {
            let r = &data.index.releases[i.index()];
            let counts = &all_counts[i.index()];
            let n: usize = counts.iter().map(|(_, k)| *k as usize).sum();
            let href = ctx.href(Route::Release(r.id.clone()));
            let kind = kind_name(ui, r.kind);
            // The first page's titles are in the catalogue; a later page's
            // come with their release pieces: the kind stands in until then.
            let data = Arc::clone(&data);
            let title = move || match ctx.release_title(&data, i) {
                Some(t) => release_title(&t),
                None => kind.to_string(),
            };
            let is_new = new.get(i.index()).copied().unwrap_or(false);
            // "No. 11 / 2025": the number is counted within its year.
            let number = r.number.map(|n| {
                let year = r.year.map(|y| format!(" / {y}")).unwrap_or_default();
                format!("{} {n}{year}", t.number)
            });
            view! {
                <li class="release-card" data-release=r.id.clone() class:new-release=is_new>
                    <div class="release-meta">
                        {is_new.then(|| view! { <span class="new-badge">{t.new_release}</span> })}
                        <span class="kind">{kind}</span>
                        {number.map(|n| view! { <span class="number">{n}</span> })}
                        <span class="period">{format_range(ui, r.period.start, r.period.end)}</span>
                    </div>
                    <h2><a href=href>{title}</a></h2>
                    <p class="release-counts">
                        <span class="count-total">{(t.result_count)(n)}</span>
                        {counts.iter().map(|(c, k)| country_tag_now(c, Some(*k))).collect_view()}
                    </p>
                </li>
            }
        })
        .collect_view()
    };
    view! {
        <section class="releases">
            <h1 id="releases-heading">{move || ctx.t().releases_title}</h1>
            <ol class="release-list" start=move || first() + 1>{items}</ol>
            <Pager page_count=Signal::derive(page_count) heading="releases-heading"/>
        </section>
    }
}

/// Release cards per page of the releases list: as many as the catalogue
/// has titles for, so that its first page needs no release piece.
const RELEASES_PER_PAGE: usize = caricc_core::catalogue::TITLED_RELEASES;

/// The releases on page `page` (from 1; past the last, the last) of the
/// releases list, newest first.
pub fn releases_on_page(index: &ArchiveIndex, page: u32) -> &[ReleaseIdx] {
    let all = &index.releases_newest_first;
    let pages = all.len().div_ceil(RELEASES_PER_PAGE).max(1);
    let first = (page.clamp(1, pages as u32) as usize - 1) * RELEASES_PER_PAGE;
    &all[first.min(all.len())..(first + RELEASES_PER_PAGE).min(all.len())]
}

/// The index of the release `id` names: the release itself, or the one
/// holding it as a translation.
pub fn release_holding(index: &ArchiveIndex, id: &str) -> Option<ReleaseIdx> {
    index.release_index(id).or_else(|| {
        index
            .releases
            .iter()
            .position(|r| r.translation(id).is_some())
            .map(|i| ReleaseIdx(i as u32))
    })
}

// A release's and an event's page: their text, tables and facts box are
// not in the main wasm. A page that opens on one starts fetching the chunk
// (`preload_pages`) beside the pieces it shows (`request_pieces`).
crate::split_view!(
    pages,
    preload preload_pages,
    fn release_page() {
        view! { <ReleasePage id=route_id()/> }.into_any()
    }
);
crate::split_view!(
    pages,
    fn event_page() {
        view! { <EventPage id=route_id()/> }.into_any()
    }
);

/// The release or event id the address names (read as the chunk's view is
/// built: a later address builds another).
fn route_id() -> String {
    use_ctx().state.with_untracked(|s| match &s.route {
        Route::Release(id) | Route::Event(id) => id.clone(),
        _ => String::new(),
    })
}

/// Asks for the pieces a release's or an event's page shows, as the page
/// itself does (tracked: run again as they arrive, it asks for the next
/// ones), while the page's chunk is on its way: the two come together.
pub fn request_pieces(route: &Route) {
    let ctx = use_ctx();
    let Some(data) = ctx.data() else {
        return;
    };
    match route {
        Route::Release(id) => {
            let Some(ri) = release_holding(&data.index, id) else {
                return;
            };
            ctx.release_title(&data, ri);
            if data.index.releases[ri.index()].id == *id {
                ctx.heads_here(&data, &data.index.release_rows(ri));
                if let Some(detail) = ctx.release_here(&data, ri) {
                    ctx.heads_here(&data, detail.row_positions());
                }
            } else {
                ctx.release_here(&data, ri);
            }
        }
        Route::Event(id) => match ctx.event_position(&data, id) {
            Some(Located::Row(pos)) => {
                let ri = data.index.rows[pos.index()].release;
                let listed = &data.index.releases[ri.index()];
                if !listed.translations.is_empty() || listed.title.is_empty() {
                    ctx.release_here(&data, ri);
                }
                ctx.rows_here(&data, &[pos]);
            }
            Some(Located::Translation(ri)) => {
                ctx.release_here(&data, ri);
            }
            _ => {}
        },
        _ => {}
    }
}

#[component]
pub fn ReleasePage(id: String) -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    // The release, or one of its language versions: the catalogue lists
    // them; their summaries, the order of the events and a translation's
    // events are in the release piece.
    let Some(ri) = release_holding(&data.index, &id) else {
        return view! { <NotFound what=id/> }.into_any();
    };
    let listed = data.index.releases[ri.index()].clone();
    let Some((r, version)) = model::release_version(std::slice::from_ref(&listed), &id) else {
        return view! { <NotFound what=id/> }.into_any();
    };
    let version = version.map(|(i, l)| (i.to_string(), l));
    let own = r.id == listed.id;
    let (kind, number, start, end) = (r.kind, r.number, r.period.start, r.period.end);
    // A translation's title is in the catalogue; the release's own, for
    // all but the newest releases, comes with its release piece.
    let title = {
        let (data, title) = (Arc::clone(&data), r.title.clone());
        move || match own {
            true => ctx.release_title(&data, ri).map(|t| release_title(&t)),
            false => Some(release_title(&title)),
        }
    };
    let declared = r.declared_counts.clone();
    // A release's own events are rows of the index, and their pieces are
    // asked for with its release piece, not after it.
    let own_rows = if own {
        data.index.release_rows(ri)
    } else {
        Vec::new()
    };

    // Summary, counts and events, once the release piece is here.
    let body = move || {
        // What the list of its events shows: their heads (list pieces).
        let rows_here = ctx.heads_here(&data, &own_rows);
        let Some(detail) = ctx.release_here(&data, ri) else {
            return pending();
        };
        let full = detail.complete(&listed);
        let Some((r, _)) = model::release_version(std::slice::from_ref(&full), &id) else {
            return pending();
        };
        let (parsed, groups) = if own {
            let groups = if rows_here && ctx.heads_here(&data, detail.row_positions()) {
                let heads = detail.row_positions().iter().filter_map(|&p| {
                    let row = data.index.rows.get(p.index())?;
                    let country = data.index.countries.get(usize::from(row.country))?;
                    let head = data.events.head(p)?;
                    Some((country.clone(), head.id, head.title))
                });
                release_groups(heads.collect()).into_any()
            } else {
                pending()
            };
            (data.index.parsed_counts(ri), groups)
        } else {
            (
                index::country_counts(&r.events),
                release_groups(
                    r.events
                        .iter()
                        .map(|e| (e.country.clone(), e.id.clone(), event_title(e)))
                        .collect(),
                )
                .into_any(),
            )
        };
        view! {
            {(!r.summary.is_empty()).then(|| view! {
                <section class="summary">
                    <h2>{move || ctx.t().summary}</h2>
                    {r.summary.iter().map(|p| paragraph(p, &[])).collect_view()}
                </section>
            })}
            <CountsTable declared=declared.clone() parsed=parsed/>
            <h2>{move || ctx.t().events_title}</h2>
            {groups}
        }
        .into_any()
    };

    view! {
        <article class="release-page">
            <p class="release-meta">
                <span class="kind">{move || kind_name(ctx.ui(), kind)}</span>
                {number.map(|n| view! { <span class="number">{move || format!("{} {n}", ctx.t().number)}</span> })}
                <span class="period">{move || format_range(ctx.ui(), start, end)}</span>
                {version_link(version, Route::Release)}
                <button type="button" class="print-button no-print" on:click=move |_| { let _ = crate::browser::window().print(); }>
                    {move || ctx.t().print}
                </button>
            </p>
            <h1>{title}</h1>
            {body}
        </article>
    }
    .into_any()
}

/// A release's events under a heading per country, in document order.
/// `events` are `(country, id, title as shown)`.
fn release_groups(events: Vec<(String, String, String)>) -> impl IntoView {
    let ctx = use_ctx();
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (country, id, title) in events {
        match groups.iter_mut().find(|(c, _)| *c == country) {
            Some((_, v)) => v.push((id, title)),
            None => groups.push((country, vec![(id, title)])),
        }
    }
    groups
        .into_iter()
        .map(|(code, events)| {
            let heading = {
                let code = code.clone();
                move || country::name(&code, ctx.ui()).to_string()
            };
            let items = events
                .into_iter()
                .map(|(id, title)| {
                    let href = ctx.href(Route::Event(id));
                    view! { <li><a href=href>{title}</a></li> }
                })
                .collect_view();
            view! {
                <section class="country-group" data-country=code.clone()>
                    <h3><span class="swatch" style:background={
                        let code = code.clone();
                        move || ctx.colour(&code)
                    } aria-hidden="true"></span>{heading}</h3>
                    <ol>{items}</ol>
                </section>
            }
        })
        .collect_view()
}

/// Declared versus parsed counts per country, differences marked.
#[component]
fn CountsTable(
    declared: Option<std::collections::BTreeMap<String, u32>>,
    parsed: Vec<(String, u32)>,
) -> impl IntoView {
    let ctx = use_ctx();
    let Some(declared) = declared else {
        return view! { <p class="muted">{move || ctx.t().no_declared}</p> }.into_any();
    };
    let mut codes: Vec<String> = parsed.iter().map(|(c, _)| c.clone()).collect();
    for c in declared.keys() {
        if !codes.contains(c) {
            codes.push(c.clone());
        }
    }
    let parsed_of = |c: &str| {
        parsed
            .iter()
            .find(|(p, _)| p == c)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    let all_match = codes
        .iter()
        .all(|c| declared.get(c).copied().unwrap_or(0) == parsed_of(c));
    let rows = codes
        .iter()
        .map(|c| {
            let d = declared.get(c).copied().unwrap_or(0);
            let p = parsed_of(c);
            let diff = p as i64 - d as i64;
            view! {
                <tr class:differs=diff != 0>
                    <th scope="row"><CountryTag code=c.clone()/></th>
                    <td>{d}</td>
                    <td>{p}</td>
                    <td>{if diff == 0 { "0".to_string() } else { format!("{diff:+} ⚠") }}</td>
                </tr>
            }
        })
        .collect_view();
    let (dt, pt): (u32, u32) = (declared.values().sum(), parsed.iter().map(|(_, n)| n).sum());
    view! {
        <section class="counts">
            <p class:ok=all_match class:differs=!all_match role="status">
                {move || if all_match { ctx.t().counts_match } else { ctx.t().counts_differ }}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || format!("{} / {}", ctx.t().declared, ctx.t().parsed)>
            <table class="counts-table">
                <thead><tr>
                    <th scope="col">{move || ctx.t().country}</th>
                    <th scope="col">{move || ctx.t().declared}</th>
                    <th scope="col">{move || ctx.t().parsed}</th>
                    <th scope="col">{move || ctx.t().difference}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{move || ctx.t().total}</th><td>{dt}</td><td>{pt}</td><td>{format!("{:+}", pt as i64 - dt as i64)}</td></tr></tfoot>
            </table>
            </div>
        </section>
    }
    .into_any()
}

/// The host of a URL for display, punycode labels shown in Unicode
/// (`xn--b1aew.xn--p1ai` reads `мвд.рф`).
pub fn display_host(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(idna::punycode::decode_to_string)
                .unwrap_or_else(|| label.to_string())
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[component]
pub fn EventPage(id: String) -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    // An event of a release (a published archive finds it through its id
    // piece, then fetches the piece holding it), or of one of its language
    // versions.
    move || match ctx.event_position(&data, &id) {
        None => pending(),
        Some(Located::Row(pos)) => {
            let ri = data.index.rows[pos.index()].release;
            let listed = &data.index.releases[ri.index()];
            // The link to its other language version pairs it with a
            // translation's event, and all but the newest releases' titles
            // are not in the catalogue: both are in the release piece,
            // asked for beside the event's piece, not after it.
            let needs_detail = !listed.translations.is_empty() || listed.title.is_empty();
            let detail = needs_detail.then(|| ctx.release_here(&data, ri));
            if !ctx.rows_here(&data, &[pos]) {
                return pending();
            }
            let Some(e) = data.event(pos) else {
                return view! { <NotFound what=id.clone()/> }.into_any();
            };
            let r = match detail {
                None => listed.clone(),
                Some(Some(detail)) => detail.complete(listed),
                Some(None) => return pending(),
            };
            let place_ru = e.place.as_deref().and_then(|p| data.events.place_ru(p));
            event_article(&r, r.id.clone(), r.title.clone(), &id, e, place_ru).into_any()
        }
        Some(Located::Translation(ri)) => {
            let Some(detail) = ctx.release_here(&data, ri) else {
                return pending();
            };
            let full = detail.complete(&data.index.releases[ri.index()]);
            match model::translated_event(std::slice::from_ref(&full), &id) {
                Some((r, t, e)) => {
                    let place_ru = e.place.as_deref().and_then(|p| data.events.place_ru(p));
                    event_article(r, t.id.clone(), t.title.clone(), &id, e.clone(), place_ru)
                        .into_any()
                }
                None => view! { <NotFound what=id.clone()/> }.into_any(),
            }
        }
        Some(Located::Nowhere) => view! { <NotFound what=id.clone()/> }.into_any(),
    }
}

/// One event in full; `r` is the release holding it (or holding the
/// translation it belongs to); `place_ru` its place's Russian name, shown
/// when the interface is in Russian (the archive stores the English one).
fn event_article(
    r: &Release,
    release_id: String,
    from_title: String,
    id: &str,
    e: Event,
    place_ru: Option<String>,
) -> impl IntoView {
    let ctx = use_ctx();
    let version = r.event_version(id).map(|(i, l)| (i.to_string(), l));
    let (start, end) = (e.date.start, e.date.end);
    let back = ctx.href(Route::Events);
    let release_href = ctx.href(Route::Release(release_id));
    let source = match &e.source_url {
        // Only http(s) links reach the archive model; check again anyway,
        // this is the one place archive text becomes an href.
        Some(url) if caricc_core::model::is_web_url(url) => {
            let host = display_host(url);
            view! {
                <a class="source-link" href=url.clone() target="_blank" rel="noopener noreferrer">{host}</a>
            }
            .into_any()
        }
        _ => view! { <span class="muted">{move || ctx.t().no_source}</span> }.into_any(),
    };
    // In Russian, the place's Russian name. Read here, not in a closure of
    // its own: the page is laid out again when the language changes (one
    // reactive piece fewer: a smaller wasm).
    let place = match (ctx.ui(), place_ru) {
        (Lang::Ru, Some(ru)) => Some(ru),
        _ => e.place.clone(),
    };
    let mentioned = e.mentioned_countries.clone();
    // The sentences the facts were read from, marked in the text.
    let quotes: Vec<String> = e
        .facts
        .iter()
        .flat_map(|f| f.seized.iter().map(|s| s.quote.clone()))
        .collect();
    view! {
        <article class="event-page" lang=e.language.as_str()>
            <p class="no-print"><a href=back>{move || format!("← {}", ctx.t().back_to_events)}</a></p>
            <h1>{event_title(&e)}</h1>
            <dl class="event-meta">
                <dt>{move || ctx.t().country}</dt><dd><CountryTag code=e.country.clone()/></dd>
                <dt>{move || ctx.t().date}</dt><dd>{move || format_range(ctx.ui(), start, end)}</dd>
                {place.map(|p| view! { <dt>{move || ctx.t().place}</dt><dd>{p}</dd> })}
                {(!mentioned.is_empty()).then(|| view! {
                    <dt>{move || ctx.t().also_mentions}</dt>
                    <dd>{mentioned.iter().map(|c| view! { <CountryTag code=c.clone()/> }).collect_view()}</dd>
                })}
                <dt>{move || ctx.t().from_release}</dt><dd><a href=release_href>{release_title(&from_title)}</a></dd>
                <dt>{move || ctx.t().source}</dt><dd>{source}</dd>
            </dl>
            <p class="versions">{version_link(version, Route::Event)}</p>
            {e.facts.clone().map(|f| event_facts(f, e.language))}
            <div class="event-body">
                {e.body.iter().map(|p| paragraph(p, &quotes)).collect_view()}
            </div>
            <p class="muted print-only">{move || format_date(ctx.ui(), start)}</p>
        </article>
    }
    .into_any()
}

/// What the ingest read from an event's text (`facts`): its topics, the
/// drugs it names and each quantity seized with the sentence it came from,
/// in the reader's language, said to be read automatically (a reader checks
/// a figure against its sentence, marked in the text below). A doubtful
/// quantity (`doubtful`: too large, or numbers the PDF extraction glued
/// together) carries a warning.
fn event_facts(facts: caricc_core::model::Facts, text_lang: Lang) -> impl IntoView {
    let ctx = use_ctx();
    // One closure for the whole box: it is laid out again when the reader
    // switches language (fewer reactive pieces: a smaller wasm).
    move || {
        let (t, ui) = (ctx.t(), ctx.ui());
        let names = |ids: &[String], all: &[&str], names: &[&'static str]| {
            ids.iter()
                .filter_map(|id| all.iter().position(|a| a == id))
                .map(|i| names[i])
                .collect::<Vec<_>>()
                .join(", ")
        };
        let row = |label: &'static str, class: &'static str, value: String| {
            (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd class=class>{value}</dd> })
        };
        let seized = facts
            .seized
            .iter()
            .map(|s| {
                // "of which 2 kg": a part of the quantity above it.
                let of_which = if s.part_of.is_some() {
                    format!("{} ", t.facts_part_of)
                } else {
                    String::new()
                };
                let name = index::SUBSTANCES
                    .iter()
                    .position(|a| *a == s.substance)
                    .map_or(s.substance.as_str(), |i| t.substance_names[i]);
                let amount = format!(
                    "{of_which}{} · {name}",
                    caricc_core::display::kilograms(s.kg, ui)
                );
                let doubt = s.doubtful.is_some().then_some(t.facts_doubtful);
                view! {
                    <li>
                        <span class="facts-amount">{amount}</span>
                        {doubt.map(|d| view! { <span class="facts-doubtful">{d}</span> })}
                        <q class="facts-quote" lang=text_lang.as_str()>{s.quote.clone()}</q>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="facts-box" aria-labelledby="facts-heading" lang=ui.as_str()>
                <h2 id="facts-heading">{t.facts_heading}</h2>
                <p class="muted facts-note">{t.facts_note}</p>
                <dl class="event-meta">
                    {row(t.facts_topics, "facts-topics", names(&facts.topics, index::TOPICS, &t.topic_names))}
                    {row(t.facts_substances, "facts-substances", names(&facts.substances, index::SUBSTANCES, &t.substance_names))}
                    {(!facts.seized.is_empty()).then(|| view! {
                        <dt>{t.facts_seized}</dt>
                        <dd><ul class="facts-seized">{seized}</ul></dd>
                    })}
                </dl>
            </section>
        }
    }
}

/// The link to the other language version of a release or an event ("Read
/// in Russian"); `route` makes its address. Nothing when there is none.
fn version_link(version: Option<(String, Lang)>, route: fn(String) -> Route) -> impl IntoView {
    let ctx = use_ctx();
    version.map(|(id, lang)| {
        view! {
            <a class="version-link no-print" href=ctx.href(route(id)) hreflang=lang.as_str()>{move || (ctx.t().read_in)(lang)}</a>
        }
    })
}

/// One paragraph of archive text, as text, with the sentences in `quotes`
/// (those the facts were read from) marked. A very long one is laid out in
/// blocks (see `caricc_core::display`): browsers stop wrapping lines in a
/// paragraph of millions of characters.
fn paragraph(text: &str, quotes: &[String]) -> AnyView {
    if text.len() <= display::BLOCK_BYTES {
        let parts = display::marked(text, quotes)
            .into_iter()
            .map(|(part, quote)| (part.to_string(), quote))
            .collect();
        let parts = crate::parts::marked(parts);
        return view! { <p>{parts}</p> }.into_any();
    }
    let blocks = display::blocks(text, display::BLOCK_BYTES)
        .into_iter()
        .map(|b| view! { <span class="text-block">{b.to_string()}</span> })
        .collect_view();
    view! { <p class="long">{blocks}</p> }.into_any()
}

#[component]
fn NotFound(what: String) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="not-found" role="alert">
            <h1>{move || ctx.t().not_found}</h1>
            <p><code>{what}</code></p>
            <p><a href="#/">{move || ctx.t().nav_releases}</a></p>
        </section>
    }
}
