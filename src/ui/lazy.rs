//! Views that come in wasm modules of their own, fetched when first opened (the release build,
//! cargo feature `split`; `scripts/split.mjs` cuts the linked wasm at each split point) and
//! preloaded in idle time after the first paint. A view whose module is not loaded yet shows a
//! localized loading line at once; a module that cannot be fetched (offline before it was
//! cached, a deploy that removed it) says so with a Retry. Without the feature (the browser
//! tests, `trunk serve`) every view is in the one module and is drawn at once.

use crate::i18n::*;
use crate::ui::text::tr;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A module failed to load (the details are in the browser's console).
pub type LoadFailed = leptos::wasm_split::SplitLoaderError;

/// The future of a module's load.
pub type Loading = Pin<Box<dyn Future<Output = Result<(), LoadFailed>>>>;

/// A view in a module of its own: how to load it, and how to draw it once loaded.
#[derive(Clone, Copy)]
pub struct Module {
    /// Fetches and instantiates the module (at once when it is loaded already).
    pub load: fn() -> Loading,
    /// Draws the view; only called once `load` succeeded.
    pub draw: fn() -> AnyView,
}

/// The result of a future that is ready at its first poll (a split function whose module is
/// loaded: the call goes straight to it), else `None`.
pub fn ready<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

/// Where a module's view stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Loading,
    Loaded,
    Failed,
}

/// Where a lazy view's loading line or failure shows: in the page where the view goes, or in
/// a dialog that the user can close (for a dialog's own module, the deal editor's).
#[derive(Clone, Copy)]
pub enum Place {
    /// In the page.
    Page,
    /// In a dialog closed by this callback.
    Dialog(Callback<()>),
}

/// A view of its own module: drawn at once when the module is loaded (preloaded, or opened
/// before), else a loading line until it is, or the failure with a Retry.
#[component]
pub fn Lazy(module: Module) -> impl IntoView {
    lazy_view(module.load, module.draw, Place::Page)
}

/// [`Lazy`]'s workings, for a module whose view takes arguments (`draw` captures them).
pub fn lazy_view(
    load: fn() -> Loading,
    draw: impl Fn() -> AnyView + Send + Sync + 'static,
    place: Place,
) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = ready(load()).is_some_and(|r| r.is_ok());
    let stage = RwSignal::new(if loaded {
        Stage::Loaded
    } else {
        Stage::Loading
    });
    let fetch = move || {
        stage.set(Stage::Loading);
        leptos::task::spawn_local(async move {
            let result = load().await;
            stage.try_set(if result.is_ok() {
                Stage::Loaded
            } else {
                Stage::Failed
            });
        });
    };
    if !loaded {
        fetch();
    }
    let retry = Callback::new(move |_| fetch());
    let state = move |stage: Stage| match stage {
        Stage::Loading => loading_line(i18n),
        _ => failure(i18n, retry),
    };
    move || match (stage.get(), place) {
        (Stage::Loaded, _) => draw(),
        (other, Place::Page) => state(other),
        (other, Place::Dialog(on_close)) => view! {
            <crate::ui::modal::Modal title_id="view-failed-title" on_close=on_close>
                {state(other)}
            </crate::ui::modal::Modal>
        }
        .into_any(),
    }
}

/// "Loading…" where the view will be.
fn loading_line(i18n: leptos_i18n::I18nContext<Locale>) -> AnyView {
    view! {
        <p class="view-loading muted" role="status" data-testid="view-loading">
            {tr!(i18n, lazy.loading)}
        </p>
    }
    .into_any()
}

/// The module could not be fetched: why, and a Retry.
fn failure(i18n: leptos_i18n::I18nContext<Locale>, retry: Callback<()>) -> AnyView {
    view! {
        <section class="banner banner-error" role="alert" data-testid="view-failed">
            <p class="banner-title" id="view-failed-title">
                {tr!(i18n, lazy.failed)}
            </p>
            <p>{tr!(i18n, lazy.failed_detail)}</p>
            <button
                type="button"
                class="button button-primary"
                data-action="retry-view"
                on:click=move |_| retry.run(())
            >
                {tr!(i18n, lazy.retry)}
            </button>
        </section>
    }
    .into_any()
}

/// Loads every module in idle time, one after the other, so that each view opens without
/// waiting on the network and the service worker holds them all (a failure is left for the
/// view to show when it is opened).
pub fn preload_in_idle_time(modules: &'static [Module]) {
    if !cfg!(feature = "split") {
        return;
    }
    request_idle_callback(move || {
        leptos::task::spawn_local(async move {
            for module in modules {
                // A failed preload is retried when its view is opened, which says so.
                if (module.load)().await.is_err() {
                    return;
                }
            }
        });
    });
}

/// Declares a view of its own module: `split_view!(analytics, ANALYTICS, AnalyticsView)` makes
/// the module `analytics` and the [`Module`] `ANALYTICS` that draws `<AnalyticsView />`.
macro_rules! split_view {
    ($split:ident, $module:ident, $($view:tt)+) => {
        #[doc = concat!("The view `", stringify!($($view)+), "` in a module of its own.")]
        pub const $module: $crate::ui::lazy::Module = {
            #[cfg(feature = "split")]
            mod split {
                #[allow(unused_imports)]
                use super::*;
                #[leptos::wasm_split::wasm_split(
                    $split,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible,
                    preload(#[allow(non_snake_case)] load_module)
                )]
                pub fn draw_split() -> Result<leptos::prelude::AnyView, $crate::ui::lazy::LoadFailed> {
                    Ok(leptos::prelude::IntoAny::into_any(leptos::view! { <$($view)+ /> }))
                }
                pub fn load() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), $crate::ui::lazy::LoadFailed>>>> {
                    Box::pin(load_module())
                }
                pub fn draw() -> leptos::prelude::AnyView {
                    $crate::ui::lazy::ready(draw_split())
                        .and_then(Result::ok)
                        .unwrap_or_else(|| leptos::prelude::IntoAny::into_any(()))
                }
            }
            #[cfg(not(feature = "split"))]
            mod split {
                #[allow(unused_imports)]
                use super::*;
                pub fn load() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), $crate::ui::lazy::LoadFailed>>>> {
                    Box::pin(async { Ok(()) })
                }
                pub fn draw() -> leptos::prelude::AnyView {
                    leptos::prelude::IntoAny::into_any(leptos::view! { <$($view)+ /> })
                }
            }
            $crate::ui::lazy::Module { load: split::load, draw: split::draw }
        };
    };
}
pub(crate) use split_view;
