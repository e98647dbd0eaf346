//! The CARICC archive reader: a client-side Leptos app over the bundled
//! `archive.json`. All logic that needs no DOM lives in `caricc-core`; this
//! crate only renders it and talks to the browser.

mod app;
mod browser;
mod cite;
mod ctx;
mod embed;
mod events;
mod i18n;
mod loader;
mod pages;
mod parts;
mod pieces;
mod seen;
mod split;
mod titles;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_banner();
    }));
    leptos::mount::mount_to_body(app::App);
}

/// A panic leaves the app frozen; say so instead of showing a dead page.
/// Plain DOM calls only: the reactive system may be what broke.
fn show_panic_banner() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_id("panic-banner");
    let _ = banner.set_attribute("role", "alert");
    let ru = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .as_deref()
        == Some("ru");
    let texts = if ru { &i18n::RU } else { &i18n::EN };
    banner.set_text_content(Some(texts.panic_banner));
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
