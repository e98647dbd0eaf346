//! Split points: views the first screen does not need, which the web build
//! (feature `split`) cuts out of the main wasm into chunks fetched when the
//! view first opens (`crates/split`, after `wasm_split_helpers`). Without the
//! feature (the portable file, tests) the same views are plain functions.

use leptos::prelude::*;

/// A chunk that did not load (offline, a 404, a broken file).
#[derive(Debug, Clone, Copy)]
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// `split_view!(chunk, fn name() { view })`: an async `name()` that gives
/// the view once its chunk is here, or [`ChunkFailed`].
#[macro_export]
macro_rules! split_view {
    ($chunk:ident, fn $name:ident() $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<::leptos::prelude::AnyView, $crate::split::ChunkFailed> {
            let view = $body;
            Ok(view)
        }
        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<::leptos::prelude::AnyView, $crate::split::ChunkFailed> {
            let view = $body;
            Ok(view)
        }
    };
}

/// Shows what `load` gives, "Loading…" until then, and an error with a
/// retry if its chunk fails.
#[component]
pub fn Lazy<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, ChunkFailed>> + 'static,
{
    let state: RwSignal<Option<Result<(), ChunkFailed>>, LocalStorage> = RwSignal::new_local(None);
    let view_slot: StoredValue<Option<AnyView>, LocalStorage> = StoredValue::new_local(None);
    let start = move || {
        state.set(None);
        leptos::task::spawn_local(async move {
            match load().await {
                Ok(v) => {
                    view_slot.set_value(Some(v));
                    state.set(Some(Ok(())));
                }
                Err(e) => state.set(Some(Err(e))),
            }
        });
    };
    start();
    move || match state.get() {
        None => view! { <p class="loading" role="status">"…"</p> }.into_any(),
        Some(Ok(())) => view_slot
            .try_update_value(|v| v.take())
            .flatten()
            .map(IntoAny::into_any)
            .unwrap_or_else(|| ().into_any()),
        Some(Err(_)) => view! {
            <p class="error" role="alert">"This part of the app did not load. "
                <button type="button" on:click=move |_| start()>"Retry"</button>
            </p>
        }
        .into_any(),
    }
}
