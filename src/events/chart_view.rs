//! The results as a chart: measured to its frame, with a tooltip, drill-down
//! by bar, keyboard travel between bars, and its downloads.

use std::sync::Arc;

use caricc_core::aggregate::Aggregate;
use std::fmt::Write as _;

use caricc_core::chart::{self, ChartOptions};
use caricc_core::country;
use caricc_core::state::{DateBound, View};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::*;
use crate::browser::{self, History};
use crate::ctx::{use_ctx, Ctx};
use crate::i18n::kind_name;
use caricc_core::chart::interact::{bar_label, chart_size, next_region};

/// The chart's title: the archive, then what the reader narrowed the events
/// to, so that a printed or downloaded chart says what it counts:
/// "CARICC archive: Kazakhstan, Kyrgyzstan · 2025-01 – 2025-06 · “heroin”".
pub fn chart_title(ctx: &Ctx) -> String {
    let lang = ctx.ui();
    let t = ctx.t();
    ctx.state.with(|s| {
        let mut parts: Vec<String> = Vec::new();
        // What the chart counts, when it is not events per country.
        let by_substance = if s.show.series == SeriesOf::Substance {
            t.by_substance
        } else {
            ""
        };
        match s.show.measure {
            Measure::Kg => parts.push(format!("{}{by_substance}", t.measure_kg)),
            Measure::Events if !by_substance.is_empty() => {
                parts.push(format!("{}{by_substance}", t.measure_events))
            }
            Measure::Events => {}
        }
        let s = &s.filter;
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
                    .map(|&l| t.lang_names[l.slot()])
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
/// The chart as the page shows it; a download takes these with its own
/// colours (a standalone document: light, on white, whatever the theme).
fn screen_options<'a>(
    kind: chart::ChartKind,
    (width, height): (u32, u32),
    lang: caricc_core::Lang,
    title: &'a str,
    palette: &'a country::Palette,
    dark: bool,
) -> ChartOptions<'a> {
    ChartOptions {
        kind,
        width,
        height,
        lang,
        // The text follows the page's colour (the theme, and black on paper).
        foreground: "currentColor",
        background: None,
        title,
        palette: Some(palette),
        dark,
    }
}

fn is_touch(e: &web_sys::MouseEvent) -> bool {
    js_sys::Reflect::get(e, &"pointerType".into())
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == "touch")
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
pub(super) fn ChartView() -> impl IntoView {
    let ctx = use_ctx();
    let data = ctx.data().expect("pages render only with data");
    let show = Memo::new(move |_| ctx.state.with(|s| s.show.clone()));
    let kind = Memo::new(move |_| ctx.state.with(|s| s.show.chart));
    let dark = Memo::new(move |_| ctx.dark());

    // The chart is drawn at the frame's width, so that its text keeps its
    // size: first at the width the page's layout will give the frame,
    // worked out from the window's (`estimated_frame_width`), then at the
    // width a ResizeObserver reports. It reports after the browser has laid
    // the page out and before it paints, so a wrong estimate is redrawn
    // unseen. (Asking the frame its width as it is created forced the
    // browser to lay out the whole page then and there: about 190 ms on a
    // slow phone before the first screen; and on a phone the chart was
    // drawn twice, first at a desktop's width.)
    let frame = NodeRef::<leptos::html::Div>::new();
    let embedded = ctx.state.with_untracked(|s| s.embed.on);
    let frame_width = RwSignal::new(estimated_frame_width(embedded));
    Effect::new(move |_| {
        if let Some(el) = frame.get() {
            watch_frame(el, frame_width);
        }
    });

    let rendered = Memo::new({
        let data = data.clone();
        move |_| {
            let res = ctx.results.get()?;
            let (kind, dark) = (kind.get(), dark.get());
            let lang = ctx.ui();
            let (width, height) = chart_size(frame_width.get());
            // `performance.measure("chart")`: aggregation and SVG, the work a chart costs.
            let started = browser::now_ms();
            let agg = show.with(|show| current_aggregate(&ctx, &data, &res, show))?;
            browser::measure_since("chart-aggregate", started);
            let title = chart_title(&ctx);
            let chart = chart::render(
                &agg,
                &screen_options(kind, (width, height), lang, &title, &data.palette, dark),
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
        let label = bar_label(&c.agg, r.series, r.bucket, ctx.ui());
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
        let (key, start, end) = (s.country.clone(), b.start, b.end);
        let of = c.agg.of;
        ctx.update(History::Push, |st| {
            // The bar's country, or its substance.
            match of {
                SeriesOf::Country => st.filter.countries = vec![key],
                SeriesOf::Substance => st.filter.substances = vec![key],
            }
            // The bar's period, within the dates the reader chose.
            st.filter.from = match st.filter.from {
                Some(f) if f.first_day() >= start => Some(f),
                _ => Some(DateBound::Day(start)),
            };
            st.filter.to = match st.filter.to {
                Some(t) if t.last_day() <= end => Some(t),
                _ => Some(DateBound::Day(end)),
            };
            st.show.view = View::List;
            st.show.page = 1;
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
        let lang = ctx.ui();
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
                // Without float formatting, as the chart writes its coordinates.
                chart::svg::num(r.x.into()),
                chart::svg::num(r.y.into()),
                chart::svg::num(r.w.max(1.0).into()),
                chart::svg::num(r.h.max(1.0).into()),
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
        let lang = ctx.ui_untracked();
        let title = untrack(|| chart_title(&ctx));
        let (width, height) = chart_size(c.width);
        let screen = screen_options(
            kind.get_untracked(),
            (width, height),
            lang,
            &title,
            &data_for_download.palette,
            false,
        );
        let chart = chart::render(
            &c.agg,
            &ChartOptions {
                foreground: "#1f2328",
                background: Some("#ffffff"),
                ..screen
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
                // Until it is drawn (kilograms on their way, or a query's index
                // pieces), the frame says so: text from an attribute, shown by
                // the style sheet, which costs the wasm less than a view of its own.
                <div class="chart-svg" inner_html=move || rendered.get().map(|c| c.chart.svg.clone()).unwrap_or_default()
                    data-pending=move || rendered.with(Option::is_none).then(|| ctx.t().loading.to_string())></div>
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

/// The width (CSS pixels) `style/main.css` gives the chart's frame in a
/// window as wide as this one, at the default font size: `main` is at most
/// 80rem wide with 1.25rem of padding (0.75rem up to 760px, 0.5rem
/// embedded), the filters take 16rem and a 1.5rem gap beside the results
/// above 760px (not embedded), and the frame is at most 960px. Only a first
/// guess, read without a layout: the frame's observer corrects it.
pub(super) fn estimated_frame_width(embedded: bool) -> u32 {
    let window = browser::window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1280.0);
    let content = if embedded {
        window.min(1280.0) - 16.0
    } else if window <= 760.0 {
        window - 24.0
    } else {
        window.min(1280.0) - 40.0 - 256.0 - 24.0
    };
    content.clamp(200.0, 960.0) as u32
}

thread_local! {
    /// The observer of the chart frame or the map view on screen (there is
    /// at most one), and its callback: replaced by the next one's, so an
    /// old frame is not kept alive.
    static FRAME_OBSERVER: std::cell::RefCell<Option<(web_sys::ResizeObserver, FrameCallback)>> =
        const { std::cell::RefCell::new(None) };
}

type FrameCallback = wasm_bindgen::closure::Closure<dyn FnMut()>;

/// Keeps `width` at the chart frame's width, from a ResizeObserver: its
/// callback runs once the page is laid out, so reading the width there
/// costs no layout of its own.
pub(super) fn watch_frame(frame: web_sys::HtmlDivElement, width: RwSignal<u32>) {
    let el = frame.clone();
    let callback = FrameCallback::new(move || {
        // A frame taken off the page measures 0 (its signal may be gone).
        let w = el.client_width().max(0) as u32;
        if w > 0 && width.try_get_untracked().is_some_and(|old| old != w) {
            width.set(w);
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(&frame);
    FRAME_OBSERVER.with(|slot| {
        if let Some((old, _)) = slot.replace(Some((observer, callback))) {
            old.disconnect();
        }
    });
}
