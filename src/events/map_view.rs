//! The results on a map: events per country, coloured by a five-class
//! scale with its legend, each country with events a button that shows its
//! events; inside the member states, Russia and Nakhchivan, the regions
//! the events name on a second scale, each a button too; beside it, the countries the geodata
//! cannot show and the events per region named. The geodata is three
//! pieces (countries, regions named, regions' outlines), fetched when the
//! map is first opened (the portable build carries them); the table view is
//! the map's accessible twin. On a narrow screen the map shows Central Asia
//! rather than all Russia (`Geo::narrow`); its downloads are always whole.

use std::cell::RefCell;
use std::sync::Arc;

use caricc_core::catalogue;
use caricc_core::chart::svg::push_text;
use caricc_core::locale::group_digits;
use caricc_core::map::outlines::RegionGeo;
use caricc_core::map::regions::RegionRows;
use caricc_core::map::{self, Geo, MapOptions};
use caricc_core::state::View;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::*;
use crate::browser::{self, History};
use crate::ctx::use_ctx;

/// The geodata: loaded once per page.
#[derive(Clone)]
enum GeoState {
    Loading,
    /// The countries' geodata, the regions the events name, and the
    /// regions' outlines once they are here.
    Ready(Arc<Geo>, Arc<RegionRows>, Option<Arc<RegionGeo>>),
    Failed(String),
}

thread_local! {
    static LOADED: RefCell<Option<Arc<Geo>>> = const { RefCell::new(None) };
    static OUTLINES: RefCell<Option<Arc<RegionGeo>>> = const { RefCell::new(None) };
}

/// The portable build's geodata, compiled in (`fetch` is refused on file://).
#[cfg(feature = "whole-archive")]
fn built_in() -> Option<Arc<Geo>> {
    Geo::parse(include_str!("../../data/geo/map.txt")).map(Arc::new)
}

#[cfg(not(feature = "whole-archive"))]
fn built_in() -> Option<Arc<Geo>> {
    None
}

/// The portable build's regions' outlines, compiled in.
#[cfg(feature = "whole-archive")]
fn built_in_outlines() -> Option<Arc<RegionGeo>> {
    RegionGeo::parse(include_str!("../../data/geo/regions.txt")).map(Arc::new)
}

#[cfg(not(feature = "whole-archive"))]
fn built_in_outlines() -> Option<Arc<RegionGeo>> {
    None
}

/// The regions' outlines: the piece at `path`, checked. `None` when it
/// cannot be had: the map then shows the countries, the regions listed.
async fn fetch_outlines(path: &str) -> Option<Arc<RegionGeo>> {
    let bytes = crate::pieces::fetch_piece(path).await.ok()?;
    RegionGeo::parse(catalogue::check_text(path, &bytes).ok()?).map(Arc::new)
}

/// Fetches and checks the geodata piece at `path`.
async fn fetch_geo(path: String) -> Result<Arc<Geo>, String> {
    let bytes = crate::pieces::fetch_piece(&path).await?;
    let text = catalogue::check_text(&path, &bytes).map_err(|e| e.to_string())?;
    Geo::parse(text)
        .map(Arc::new)
        .ok_or_else(|| format!("`{path}`: not the map's geodata"))
}

/// The regions the archive's events name: the regions piece, or for a whole
/// archive in memory its events' facts.
async fn regions(data: &crate::ctx::Data) -> Result<Arc<RegionRows>, String> {
    #[cfg(feature = "whole-archive")]
    if let crate::pieces::Events::Full(t) = &*data.events {
        return Ok(Arc::new(RegionRows::from_events(t.events())));
    }
    let Some(path) = data.events.regions_path() else {
        return Ok(Arc::default());
    };
    let bytes = crate::pieces::fetch_piece(path).await?;
    catalogue::check_piece::<RegionRows>(path, &bytes)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

/// The area (a country or region with events) an event came from.
fn area_of(e: &web_sys::Event) -> Option<web_sys::Element> {
    let el: web_sys::Element = e.target()?.dyn_into().ok()?;
    el.closest("[data-country],[data-region]").ok()?
}

/// The map's area that has the keyboard focus, if one has.
fn focused_area() -> Option<web_sys::Element> {
    let el = browser::window().document()?.active_element()?;
    el.closest(".map-svg [data-country],.map-svg [data-region]")
        .ok()?
}

/// Draws the focus outline over `area` (none for `None`): a path after
/// every area, so that no neighbour covers it.
fn outline(e: &web_sys::Event, area: Option<&web_sys::Element>) {
    let Some(map) = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if let Ok(Some(focus)) = map.query_selector(".map-focus") {
        let d = area.and_then(|a| a.get_attribute("d"));
        let _ = focus.set_attribute("d", d.as_deref().unwrap_or("M0,0"));
    }
}

#[component]
pub(super) fn MapView() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let geo = RwSignal::new(GeoState::Loading);
    let load = {
        let data = data.clone();
        move || {
            geo.set(GeoState::Loading);
            let data = data.clone();
            leptos::task::spawn_local(async move {
                let loaded = LOADED.with(|l| l.borrow().clone()).or_else(built_in);
                let g = match loaded {
                    Some(g) => Ok(g),
                    None => match data.events.geo_path() {
                        Some(path) => fetch_geo(path.to_string()).await,
                        None => Err(String::new()),
                    },
                };
                let both = match g {
                    Ok(g) => regions(&data).await.map(|r| (g, r)),
                    Err(e) => Err(e),
                };
                let (g, r) = match both {
                    Ok(both) => both,
                    Err(e) => return geo.set(GeoState::Failed(e)),
                };
                LOADED.with(|l| *l.borrow_mut() = Some(Arc::clone(&g)));
                let shapes = OUTLINES
                    .with(|o| o.borrow().clone())
                    .or_else(built_in_outlines);
                let path = data.events.outlines_path().map(str::to_string);
                geo.set(GeoState::Ready(g.clone(), r.clone(), shapes.clone()));
                // The regions' outlines after the countries: the map is
                // drawn without them first, and only their layer waits.
                if let (None, Some(path)) = (shapes, path) {
                    if let Some(o) = fetch_outlines(&path).await {
                        OUTLINES.with(|slot| *slot.borrow_mut() = Some(Arc::clone(&o)));
                        geo.set(GeoState::Ready(g, r, Some(o)));
                    }
                }
            });
        }
    };
    let load = StoredValue::new_local(load);
    load.with_value(|f| f());
    // A narrow screen shows the narrow frame: decided from the window's
    // width first, then from the view's own, which a ResizeObserver keeps
    // (a phone turned, a window resized).
    let frame = NodeRef::<leptos::html::Div>::new();
    let frame_width = RwSignal::new(super::chart_view::estimated_frame_width(
        ctx.state.with_untracked(|s| s.embed.on),
    ));
    Effect::new(move |_| {
        if let Some(el) = frame.get() {
            super::chart_view::watch_frame(el, frame_width);
        }
    });
    let narrow = Memo::new(move |_| frame_width.get() < 600);

    // The selection counted per country and drawn: what
    // `performance.measure("map")` times (the map's cost once its geodata is here).
    let render = {
        let data = data.clone();
        move |(g, r, shapes): &(Arc<Geo>, Arc<RegionRows>, Option<Arc<RegionGeo>>),
              interactive: bool,
              dark: bool,
              fg: &str,
              bg: Option<&str>| {
            let ix = &data.index;
            let counts = ctx.results.with_untracked(|res| {
                map::count(
                    ix.countries.len(),
                    res.iter()
                        .flat_map(|res| &res.selection.rows)
                        .filter_map(|&p| ix.rows.get(p.index()))
                        .map(|r| usize::from(r.country)),
                )
            });
            let pairs: Vec<(&str, u32)> = ix
                .countries
                .iter()
                .map(String::as_str)
                .zip(counts)
                .collect();
            let title = untrack(|| chart_title(&ctx));
            let by_region = ctx.results.with_untracked(|res| {
                res.as_ref()
                    .map(|res| r.count(res.selection.rows.iter().map(|p| p.0), ix.rows.len()))
            });
            // Shown in Russian as the regions piece names them.
            let ru = ctx.ui_untracked() == caricc_core::Lang::Ru;
            let named: Vec<(&str, &str, u32)> = by_region
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(i, n)| {
                    let name = r.names.get(i)?.as_str();
                    let shown = match r.about.get(i) {
                        Some((ru_name, _)) if ru && !ru_name.is_empty() => ru_name.as_str(),
                        _ => name,
                    };
                    Some((name, shown, n))
                })
                .collect();
            map::render(
                g,
                &pairs,
                &MapOptions {
                    lang: ctx.ui_untracked(),
                    title: &title,
                    foreground: fg,
                    background: bg,
                    dark,
                    interactive,
                    regions: shapes.as_deref().map(|o| (o, &named[..])),
                    narrow: interactive && narrow.get_untracked(),
                },
            )
        }
    };
    let render = StoredValue::new_local(render);
    let rendered = Memo::new(move |_| {
        let GeoState::Ready(g, r, o) = geo.get() else {
            return None;
        };
        ctx.results.track();
        let (dark, _, _) = (ctx.dark(), ctx.ui(), narrow.get());
        ctx.state.track();
        let started = browser::now_ms();
        let m = render.with_value(|f| f(&(g, r, o), true, dark, "currentColor", None));
        browser::measure_since("map", started);
        Some(Arc::new(m))
    });

    // The label ("Kazakhstan: 27 events") of the area under the pointer or focus.
    let focused = RwSignal::new(None::<String>);
    let label_of = |e: &web_sys::Event| area_of(e)?.get_attribute("aria-label");
    // A country: its events. A region: its country's events that name its
    // place ("Zhambyl" for "Zhambyl Region"), the search folding the
    // Cyrillic spelling into the same key.
    let narrow_to = move |e: &web_sys::Event| {
        let Some(area) = area_of(e) else {
            return false;
        };
        // `data-region` is "KZ Zhambyl Region": its country, then its name.
        let region = area.get_attribute("data-region");
        let (code, q) = match region.as_deref().and_then(|r| r.split_once(' ')) {
            Some((code, name)) => (
                code.to_string(),
                Some(name.strip_suffix(" Region").unwrap_or(name).to_string()),
            ),
            None => match area.get_attribute("data-country") {
                Some(code) => (code, None),
                None => return false,
            },
        };
        ctx.update(History::Push, |st| {
            st.filter.countries = vec![code];
            if let Some(q) = q {
                st.filter.q = q;
            }
            st.show.view = View::List;
            st.show.page = 1;
        });
        true
    };
    let download = move |png: bool| {
        let GeoState::Ready(g, r, o) = geo.get_untracked() else {
            return;
        };
        let m = render.with_value(|f| f(&(g, r, o), false, false, "#1f2328", Some("#ffffff")));
        let state = ctx.state.get_untracked();
        let stem = export::file_stem(&state, None);
        let by = format!("caricc-events-by-{}", state.show.by.as_str());
        let name = format!("caricc-events-map{}", stem.strip_prefix(&by).unwrap_or(""));
        if png {
            browser::download_svg_as_png(format!("{name}.png"), m.svg, m.width, m.height);
        } else {
            browser::download(&format!("{name}.svg"), "image/svg+xml", m.svg.as_bytes());
        }
    };

    // Beside the map, as markup written in one go (every text escaped): the
    // countries the geodata lacks, and the events per region the
    // selection's events name: all of them, those drawn on the map too (the
    // regions' text alternative; the geodata lacks some, Kazakhstan's three
    // of 2022, and they are never dropped).
    let side = {
        let data = data.clone();
        move || {
            let (Some(m), GeoState::Ready(_, r, _)) = (rendered.get(), geo.get()) else {
                return String::new();
            };
            let lang = ctx.ui();
            let mut out = String::new();
            let mut list = |class: &str, title: &str, items: Vec<String>| {
                if items.is_empty() {
                    return;
                }
                out.push_str("<h2>");
                push_text(&mut out, title);
                out.push_str("</h2><ul class=\"");
                out.push_str(class);
                out.push_str("\">");
                for item in items {
                    out.push_str("<li>");
                    push_text(&mut out, &item);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            };
            let t = ctx.t();
            list(
                "map-unmapped",
                t.map[3],
                m.unmapped
                    .iter()
                    .map(|(c, n)| map::area_label(c, *n, lang))
                    .collect(),
            );
            let rows = ctx.results.with(|res| {
                res.as_ref().map(|res| {
                    r.count(
                        res.selection.rows.iter().map(|p| p.0),
                        data.index.rows.len(),
                    )
                })
            });
            list(
                "map-regions",
                t.map[5],
                rows.unwrap_or_default()
                    .into_iter()
                    .map(|(i, n)| format!("{}: {}", r.label(i, lang), group_digits(n, lang)))
                    .collect(),
            );
            out
        }
    };
    let body = move || {
        match geo.get() {
        GeoState::Ready(..) => view! {
            <div class="map-layout">
                // The SVG is written by caricc_core::map, which escapes every text it writes.
                <div class="map-svg" role="group" aria-label=move || ctx.t().map[0] aria-describedby="map-keys"
                    inner_html=move || rendered.get().map(|m| m.svg.clone()).unwrap_or_default()
                    on:mouseover=move |e| { outline(&e, area_of(&e).as_ref()); focused.set(label_of(&e)) }
                    // Off an area: back to the one with the keyboard focus, if any.
                    on:mouseout=move |e| {
                        let area = focused_area();
                        outline(&e, area.as_ref());
                        focused.set(area.and_then(|a| a.get_attribute("aria-label")))
                    }
                    on:focusin=move |e| { outline(&e, area_of(&e).as_ref()); focused.set(label_of(&e)) }
                    on:focusout=move |e| { outline(&e, None); focused.set(None) }
                    on:click=move |e| { narrow_to(&e); }
                    on:keydown=move |e: web_sys::KeyboardEvent| {
                        let key = e.key();
                        if (key == "Enter" || key == " ") && narrow_to(&e) {
                            e.prevent_default();
                            browser::focus_first_of(&[".event-list a", ".result-count"]);
                        }
                    }>
                </div>
                <div class="map-side" inner_html=side.clone()></div>
            </div>
            <p class="chart-tooltip" role="status" aria-live="polite">{move || focused.get()}</p>
            <p id="map-keys" class="visually-hidden">{move || ctx.t().map[4]}</p>
            <div class="downloads">
                <button type="button" on:click=move |_| download(false)>{move || ctx.t().download_svg}</button>
                <button type="button" on:click=move |_| download(true)>{move || ctx.t().download_png}</button>
            </div>
        }
        .into_any(),
        other => {
            let failed = match other {
                GeoState::Failed(e) => Some(e),
                _ => None,
            };
            view! {
                <div class="notice map-status" role="status">
                    <p>{ctx.t().map[if failed.is_some() { 2 } else { 1 }]}</p>
                    {failed.map(|e| view! {
                        <p class="error-detail">{e}</p>
                        <button type="button" on:click=move |_| load.with_value(|f| f())>{ctx.t().retry}</button>
                    })}
                </div>
            }
            .into_any()
        }
    }
    };
    view! { <div class="map-view" node_ref=frame>{body}</div> }
}
