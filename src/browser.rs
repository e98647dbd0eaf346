//! The few browser facilities the app uses, each wrapped so a failure (no
//! storage on file://, a sandboxed iframe, an old browser) degrades quietly
//! instead of panicking.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

/// The current location hash, with its `#`.
pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// True when the app runs inside a partner's iframe.
pub fn in_iframe() -> bool {
    let w = window();
    match (w.top(), w.self_()) {
        (Ok(Some(top)), this) => !js_sys::Object::is(&top, &this),
        // A cross-origin top we may not read is still "not us".
        _ => true,
    }
}

/// What moving to a new address does to the browser's history.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum History {
    /// A new entry, which Back returns from (a new page, a filter).
    Push,
    /// The current entry rewritten (typing in the search box, the
    /// interface language).
    Replace,
}

/// Shows `fragment` in the address bar: a new history entry for
/// [`History::Push`], except in an iframe, where the partner page's
/// history must not grow.
pub fn set_hash(fragment: &str, history: History) {
    if hash() == fragment {
        return;
    }
    let w = window();
    if history == History::Push && !in_iframe() {
        let _ = w.location().set_hash(fragment);
        return;
    }
    // The entry keeps its state (the mark of a page already shown).
    let replaced = w.history().and_then(|h| {
        let state = h.state().unwrap_or(JsValue::NULL);
        h.replace_state_with_url(&state, "", Some(fragment))
    });
    if replaced.is_err() {
        // replaceState can be refused (file:// with an opaque origin);
        // location.replace with only a new hash does not reload either.
        let href = w.location().href().unwrap_or_default();
        let base = href.split('#').next().unwrap_or_default();
        let _ = w.location().replace(&format!("{base}{fragment}"));
    }
}

/// How the reader arrived at the current history entry: see [`arrive`].
pub enum Arrival {
    /// An entry not shown before: a link followed, a new view.
    New,
    /// Back or Forward to an entry shown before, with where it was scrolled
    /// to when left (if this page saw it).
    Again(Option<Scrolled>),
}

/// Where a page was scrolled to: the first list item in sight (its
/// position among the page's list items, and how far from the top of the
/// window it was), or the page offset when it has no list.
///
/// Not the offset alone: list items are laid out lazily
/// (`content-visibility: auto`), so the same offset on the re-rendered page
/// can show other items than the reader left.
#[derive(Clone, Copy)]
pub struct Scrolled {
    y: f64,
    item: Option<(u32, f64)>,
}

thread_local! {
    /// The current entry's id, and the scroll position of each entry seen.
    static ENTRY: Cell<f64> = const { Cell::new(0.0) };
    static SCROLLED: std::cell::RefCell<Vec<(f64, Scrolled)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The list items of the page on screen, in document order.
fn list_items() -> Option<web_sys::NodeList> {
    window().document()?.query_selector_all("main li").ok()
}

/// Marks the current history entry with an id in `history.state` (kept
/// when the address is replaced in place), and says whether it had one.
pub fn arrive() -> Arrival {
    let Ok(h) = window().history() else {
        return Arrival::Again(None);
    };
    if let Some(id) = h.state().ok().and_then(|s| s.as_f64()) {
        ENTRY.with(|e| e.set(id));
        let y = SCROLLED.with(|s| s.borrow().iter().find(|(i, _)| *i == id).map(|(_, y)| *y));
        return Arrival::Again(y);
    }
    let id = (js_sys::Math::random() * 1e15).floor();
    let _ = h.replace_state(&JsValue::from_f64(id), "");
    ENTRY.with(|e| e.set(id));
    Arrival::New
}

/// Notes how far the current entry is scrolled (on every scroll).
pub fn remember_scroll() {
    let (id, y) = (ENTRY.with(Cell::get), window().scroll_y().unwrap_or(0.0));
    let item = list_items().and_then(|items| {
        (0..items.length()).find_map(|i| {
            let rect = items
                .item(i)?
                .dyn_into::<web_sys::Element>()
                .ok()?
                .get_bounding_client_rect();
            (rect.bottom() > 0.0).then(|| (i, rect.top()))
        })
    });
    let y = Scrolled { y, item };
    SCROLLED.with(|s| {
        let mut s = s.borrow_mut();
        match s.iter_mut().find(|(i, _)| *i == id) {
            Some(entry) => entry.1 = y,
            None => s.push((id, y)),
        }
    });
}

/// Scrolls back to where the reader left the page, once the views have
/// caught up with the state. Items coming into sight get their real
/// heights a frame later, so this checks again every 50 ms, for up to two
/// seconds, until the item is where it was.
pub fn scroll_soon(to: Scrolled) {
    scroll_until(ENTRY.with(Cell::get), to, f64::INFINITY, 40);
}

fn scroll_until(entry: f64, to: Scrolled, last_off: f64, tries_left: u32) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        if ENTRY.with(Cell::get) != entry {
            return; // the reader has gone on to another page
        }
        let w = window();
        let item = to.item.and_then(|(i, top)| {
            let el = list_items()?.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            Some(el.get_bounding_client_rect().top() - top)
        });
        let off = match item {
            Some(off) => off,
            None => to.y - w.scroll_y().unwrap_or(0.0),
        };
        // Stop when there, or when the last scroll could not get closer
        // (the page's end), so as not to fight a reader who scrolls.
        if off.abs() >= 2.0 && (off - last_off).abs() >= 1.0 {
            w.scroll_by_with_x_and_y(0.0, off);
            if tries_left > 0 {
                scroll_until(entry, to, off, tries_left - 1);
            }
        }
    });
    let delay = if tries_left == 40 { 0 } else { 50 };
    let _ =
        window().set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), delay);
}

/// Leaves scroll restoration to the app: the browser's own would restore
/// an offset on Back before the app has re-rendered the page it belongs to.
pub fn restore_scroll_manually() {
    if let Ok(h) = window().history() {
        let _ = js_sys::Reflect::set(&h, &"scrollRestoration".into(), &"manual".into());
    }
}

/// Unmarks the current entry, before an address replaced in place that
/// shows a new page (a link inside an embed).
pub fn unmark_entry() {
    if let Ok(h) = window().history() {
        let _ = h.replace_state(&JsValue::NULL, "");
    }
}

/// Runs `f` once the views have caught up with the state (after the
/// reactive updates queued now).
pub fn after_render(f: fn()) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0);
}

/// A page just opened: its top in sight and the focus on its heading, so
/// that a screen reader announces it and Tab goes on from there.
pub fn show_page_top() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
    focus_heading(ENTRY.with(Cell::get), 40);
}

/// Focuses the page's heading, checking again every 50 ms (for up to two
/// seconds) while the page waits for its pieces and has none yet, unless
/// the reader has gone on to another page.
fn focus_heading(entry: f64, tries_left: u32) {
    let w = window();
    let heading = w
        .document()
        .and_then(|d| d.query_selector("main h1").ok().flatten());
    // Not while the reader is typing (a search that left the page).
    let typing = w
        .document()
        .and_then(|d| d.active_element())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    match heading {
        Some(h) if !typing => {
            if !h.has_attribute("tabindex") {
                let _ = h.set_attribute("tabindex", "-1");
            }
            let _ = h.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
        None if tries_left > 0 && !typing => {
            let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
                if ENTRY.with(Cell::get) == entry {
                    focus_heading(entry, tries_left - 1);
                }
            });
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 50);
        }
        _ => {}
    }
}

/// Focuses the first element matching one of `selectors` (after the views
/// have caught up with the state).
pub fn focus_first_of(selectors: &'static [&'static str]) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
        let Some(doc) = window().document() else {
            return;
        };
        for sel in selectors {
            if let Ok(Some(el)) = doc.query_selector(sel) {
                let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
                return;
            }
        }
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0);
}

/// True on a touch screen without a mouse (no hover, a coarse pointer).
pub fn coarse_pointer() -> bool {
    window()
        .match_media("(hover: none) and (pointer: coarse)")
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false)
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn load_setting(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save_setting(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The browser's preferred language, e.g. `ru-RU`.
pub fn browser_language() -> String {
    window().navigator().language().unwrap_or_default()
}

pub fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false)
}

pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Records a `performance.measure(name)` from `start_ms` (a [`now_ms`]) to now.
pub fn measure_since(name: &str, start_ms: f64) {
    let Some(p) = window().performance() else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &JsValue::from_f64(start_ms));
    let _ = js_sys::Reflect::set(&options, &"end".into(), &JsValue::from_f64(p.now()));
    let measure = js_sys::Reflect::get(&p, &"measure".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(f) = measure {
        let _ = f.call2(&p, &name.into(), &options);
    }
}

/// Offers `data` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, data: &[u8]) {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(data));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag) else {
        return;
    };
    download_blob(file_name, &blob);
}

pub fn download_blob(file_name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    let doc = window().document().expect("a document");
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Rasterises a standalone SVG document to PNG in the browser (through an
/// image and a canvas) and offers it for download.
pub fn download_svg_as_png(file_name: String, svg: String, width: u32, height: u32) {
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(&svg));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let doc = window().document().expect("a document");
        let scale = 2;
        let Ok(canvas) = doc.create_element("canvas") else {
            return;
        };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(width * scale);
        canvas.set_height(height * scale);
        if let Ok(Some(ctx)) = canvas.get_context("2d") {
            let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
            let _ = ctx.scale(scale as f64, scale as f64);
            let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
        }
        let _ = web_sys::Url::revoke_object_url(&url2);
        let name = file_name.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
                download_blob(&name, &blob);
            }
        });
        let _ = canvas.to_blob(cb.unchecked_ref());
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

/// Tells the embedding page our height: `{ type: "caricc-archive:height", height }`.
/// The height of the page's content (the root element's box), which can
/// shrink; the root's scrollHeight could not, as it is never less than the
/// iframe it is measured in.
pub fn post_height_to_parent() {
    if !in_iframe() {
        return;
    }
    let w = window();
    let Some(root) = w.document().and_then(|d| d.document_element()) else {
        return;
    };
    let height = root.unchecked_ref::<web_sys::HtmlElement>().offset_height();
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"caricc-archive:height".into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from(height));
    if let Ok(Some(parent)) = w.parent() {
        // The height is no secret; the partner's origin is not known to us.
        let _ = parent.post_message(&msg, "*");
    }
}

/// The page's address without its fragment (for share and embed snippets).
pub fn page_address() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The address of the view `fragment` names on this page: what a download,
/// a citation and a printed page name as their source.
pub fn address_of(fragment: &str) -> String {
    format!("{}{fragment}", page_address())
}

/// Puts `text` on the clipboard, then tells `done` whether the browser took it.
pub fn copy_to_clipboard(text: &str, done: impl Fn(bool) + 'static) {
    // navigator.clipboard is undefined outside secure contexts (file://).
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|c| !c.is_undefined())
        .unwrap_or(false);
    if !has_clipboard {
        done(false);
        return;
    }
    let done = std::rc::Rc::new(done);
    let ok = {
        let done = done.clone();
        wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| done(true))
    };
    let failed = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| done(false));
    let promise: JsValue = navigator.clipboard().write_text(text).into();
    if let Ok(then) = js_sys::Reflect::get(&promise, &"then".into()) {
        if let Ok(then) = then.dyn_into::<js_sys::Function>() {
            let _ = then.call2(&promise, &ok, &failed);
        }
    }
}

/// Registers the service worker of the web build (`sw.js`, see web/sw.js),
/// which keeps the app working offline after a first visit. Only once, only
/// over http(s), only on the web build's page (it links the web app manifest;
/// the portable file:// build does not) and not inside an iframe (an embed is
/// no installed app). Then asks the browser to look for a new version of it
/// (a new deploy). A refusal (a browser setting, private mode) is a
/// warning: the app works as before, just not offline.
// Not inlined: inlined into the loader's async block it cost 7 KB of gzipped wasm.
#[inline(never)]
pub fn register_service_worker() {
    thread_local! {
        static REGISTERED: Cell<bool> = const { Cell::new(false) };
    }
    if REGISTERED.with(|r| r.replace(true)) {
        return;
    }
    let w = window();
    let protocol = w.location().protocol().unwrap_or_default();
    if !matches!(protocol.as_str(), "http:" | "https:") || in_iframe() {
        return;
    }
    let has_manifest = w
        .document()
        .and_then(|d| d.query_selector("link[rel=manifest]").ok().flatten())
        .is_some();
    if !has_manifest {
        return;
    }
    // navigator.serviceWorker is undefined outside secure contexts.
    let Ok(container) = js_sys::Reflect::get(&w.navigator(), &"serviceWorker".into()) else {
        return;
    };
    let register = js_sys::Reflect::get(&container, &"register".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(register) = register else { return };
    let Ok(promise) = register.call1(&container, &"sw.js".into()) else {
        return;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            // Look for a new deploy now rather than in a day: a new version
            // installs in the background and serves the next load.
            Ok(registration) => {
                let update = js_sys::Reflect::get(&registration, &"update".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                    .and_then(|f| f.call0(&registration).ok())
                    .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
                if let Some(update) = update {
                    // Offline it fails; that is no news.
                    let _ = wasm_bindgen_futures::JsFuture::from(update).await;
                }
            }
            Err(e) => web_sys::console::warn_2(
                &"No offline copy: the service worker was not registered.".into(),
                &e,
            ),
        }
    });
}

/// Runs `f` when a service worker takes over a page that had none (the
/// first visit's worker claims the page after it installs). Never on a page
/// a worker controlled from the start (everything it fetched went through
/// the worker already), nor where there is none.
pub fn when_taken_over(f: impl FnOnce() + 'static) {
    let Ok(container) = js_sys::Reflect::get(&window().navigator(), &"serviceWorker".into()) else {
        return;
    };
    let Ok(container) = container.dyn_into::<web_sys::EventTarget>() else {
        return;
    };
    let controlled = js_sys::Reflect::get(&container, &"controller".into())
        .map(|c| !c.is_null() && !c.is_undefined())
        .unwrap_or(false);
    if controlled {
        return;
    }
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = container.add_event_listener_with_callback_and_add_event_listener_options(
        "controllerchange",
        cb.unchecked_ref(),
        &options,
    );
}

/// Fetches `path` and ignores the answer: a way to hand what the page
/// already has to the service worker (immutable pieces come from the HTTP
/// cache, with no network).
pub fn fetch_and_forget(path: &str) {
    let promise = window().fetch_with_str(path);
    // A failure (offline) is no news here.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// These run in headless Chromium (`cargo test --target wasm32-unknown-unknown`,
/// see .cargo/config.toml): they need a real `window`, `history` and `location`.
#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    fn history_length() -> u32 {
        window()
            .history()
            .and_then(|h| h.length())
            .expect("history is readable")
    }

    #[wasm_bindgen_test]
    fn typing_replaces_the_entry_and_a_new_view_pushes_one() {
        assert!(!in_iframe(), "the test page is a top-level window");
        set_hash("#/events?q=a", History::Push);
        let n = history_length();
        // Typing in the search box: the address follows, the history does not grow.
        set_hash("#/events?q=ab", History::Replace);
        assert_eq!(hash(), "#/events?q=ab");
        assert_eq!(history_length(), n);
        // A new view (a filter, a page): one entry, so Back returns to it.
        set_hash("#/events?q=ab&country=KZ", History::Push);
        assert_eq!(hash(), "#/events?q=ab&country=KZ");
        assert_eq!(history_length(), n + 1);
        // Setting the address it already has adds nothing.
        set_hash("#/events?q=ab&country=KZ", History::Push);
        assert_eq!(history_length(), n + 1);
    }
}
