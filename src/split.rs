//! Split points: views the first screen does not need, which the web build
//! (feature `split`) cuts out of the main wasm into chunks fetched when the
//! view first opens (`crates/split`, after `wasm_split_helpers`). Without the
//! feature (the portable file, tests) the same views are plain functions.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::i18n::Texts;

/// A chunk that did not load (offline, a 404, a broken file).
#[derive(Debug, Clone, Copy)]
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// `split_view!(chunk, fn name(args) { view })`: an async `name(args)` that
/// gives the view once its chunk is here, or [`ChunkFailed`]. Arguments
/// cross into the chunk by the C ABI: plain `Copy` values.
///
/// `split_view!(chunk, preload pre, fn name(args) { view })` also defines
/// `async fn pre() -> Result<(), ChunkFailed>`, which fetches the chunk
/// without building the view: a page starts it as it opens, beside its
/// data, so a first screen that shows the view waits for one of the two,
/// not for one after the other.
#[macro_export]
macro_rules! split_view {
    ($chunk:ident, preload $pre:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($pre))]
        pub fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::split::ChunkFailed> {
            let view = $body;
            Ok(view)
        }
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::split::ChunkFailed> {
            let view = $body;
            Ok(view)
        }
        #[cfg(not(feature = "split"))]
        pub async fn $pre() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::split::ChunkFailed> {
            let view = $body;
            Ok(view)
        }
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<::leptos::prelude::AnyView, $crate::split::ChunkFailed> {
            let view = $body;
            Ok(view)
        }
    };
}

/// Starts `preload` (a `split_view!` preload) without waiting for it: a
/// failure is not shown here, the view's own [`Lazy`] shows it with a retry.
pub fn start_preload<Fut, E>(preload: fn() -> Fut)
where
    Fut: Future<Output = Result<(), E>> + 'static,
{
    leptos::task::spawn_local(async move {
        let _ = preload().await;
    });
}

/// The value of `future` if it is ready at once: a split function whose
/// chunk is here (it then runs synchronously), `None` if it would wait.
/// Only the split build calls into chunks.
#[cfg(feature = "split")]
pub fn now<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => Some(v),
        std::task::Poll::Pending => None,
    }
}

/// Fetches the chunk `chunk` by its `preload` for code the page calls
/// rather than a view: [`shown`] says when it is here (and the views that
/// read it run again); a failure is reported in `failed`, where the page
/// shows it with a retry, which calls this again.
pub fn load_code<Fut, E>(
    chunk: &'static str,
    preload: fn() -> Fut,
    failed: RwSignal<Option<String>>,
) where
    Fut: Future<Output = Result<(), E>> + 'static,
{
    if LOADING.with(|l| l.borrow().contains(&chunk)) {
        return;
    }
    LOADING.with(|l| l.borrow_mut().push(chunk));
    leptos::task::spawn_local(async move {
        let loaded = preload().await;
        LOADING.with(|l| l.borrow_mut().retain(|c| *c != chunk));
        match loaded {
            Ok(()) => mark_shown(chunk),
            Err(_) => failed.set(Some(format!(
                "the app's {chunk} part (a chunk of its wasm) did not load"
            ))),
        }
    });
}

thread_local! {
    /// The chunks [`load_code`] is fetching.
    static LOADING: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };

    /// The chunks whose views have been shown on this page: a view is not
    /// usable before its code is here, so `archive-ready` waits for the
    /// chunk of the view on screen ([`shown`]).
    static SHOWN: ArcRwSignal<Vec<&'static str>> = ArcRwSignal::new(Vec::new());
}

/// True once a [`Lazy`] view of `chunk` has been shown (tracked: an effect
/// reading it runs again when one arrives).
pub fn shown(chunk: &str) -> bool {
    SHOWN.with(|s| s.with(|s| s.contains(&chunk)))
}

fn mark_shown(chunk: &'static str) {
    SHOWN.with(|s| {
        if !s.with_untracked(|s| s.contains(&chunk)) {
            s.update(|s| s.push(chunk));
        }
    });
}

/// A split view's async constructor, boxed: one [`Lazy`] (one copy in the
/// wasm) serves every split view.
pub type LoadView = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, ChunkFailed>>>>>;

/// `load` as a [`LoadView`].
pub fn load_view<Fut>(load: impl Fn() -> Fut + 'static) -> LoadView
where
    Fut: Future<Output = Result<AnyView, ChunkFailed>> + 'static,
{
    Rc::new(move || Box::pin(load()))
}

/// Shows what `load` gives, `pending` (or "…") until then, and an error
/// naming `what` did not load, with a retry, if its chunk fails.
#[component]
pub fn Lazy(
    load: LoadView,
    /// The chunk's name, as its `split_view!` gives it: [`shown`] asks by it.
    chunk: &'static str,
    what: fn(&Texts) -> &'static str,
    #[prop(optional, into)] pending: Option<ViewFn>,
) -> impl IntoView {
    let load = StoredValue::new_local(load);
    let state: RwSignal<Option<Result<(), ChunkFailed>>, LocalStorage> = RwSignal::new_local(None);
    let view_slot: StoredValue<Option<AnyView>, LocalStorage> = StoredValue::new_local(None);
    // The task runs under this component's owner, also when Retry starts it
    // (a click handler runs under the alert's owner, which the retry itself
    // disposes): the view is built when the chunk is here and reads the
    // app's context like any other, and the task is cancelled only if this
    // component goes before its chunk arrives.
    let owner = StoredValue::new_local(Owner::current().unwrap_or_default());
    let start = move || {
        state.set(None);
        let loading = load.with_value(|load| load());
        let task = async move {
            match loading.await {
                Ok(v) => {
                    view_slot.set_value(Some(v));
                    state.set(Some(Ok(())));
                    mark_shown(chunk);
                }
                Err(e) => state.set(Some(Err(e))),
            }
        };
        owner.with_value(|owner| {
            owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task))
        });
    };
    start();
    move || match state.get() {
        None => match &pending {
            Some(pending) => pending.run(),
            None => crate::parts::pending(),
        },
        Some(Ok(())) => view_slot
            .try_update_value(|v| v.take())
            .flatten()
            .map(IntoAny::into_any)
            .unwrap_or_else(|| ().into_any()),
        Some(Err(_)) => {
            let ctx = crate::ctx::use_ctx();
            view! {
                <p class="error" role="alert" data-chunk-failed>
                    {move || format!("{}: {}", what(ctx.t()).trim_end_matches(':'), ctx.t().chunk_failed)} " "
                    <button type="button" on:click=move |_| start()>{move || ctx.t().retry}</button>
                </p>
            }
            .into_any()
        }
    }
}
