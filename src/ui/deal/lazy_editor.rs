//! The deal editor in a module of its own (with the `split` feature): every view opens it
//! through [`OpenEditor`], which draws it at once once its module is loaded (it is preloaded
//! in idle time) and says so in a dialog while it loads or when it cannot.

use super::editor::{DealEditor, EditorTarget};
#[cfg(feature = "split")]
use crate::ui::lazy::LoadFailed;
use crate::ui::lazy::{lazy_view, Loading, Place};
use leptos::prelude::*;

#[cfg(feature = "split")]
mod split {
    use super::*;

    #[leptos::wasm_split::wasm_split(
        editor,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(#[allow(non_snake_case)] load_module)
    )]
    pub fn draw_split(target: EditorTarget, on_close: Callback<()>) -> Result<AnyView, LoadFailed> {
        Ok(view! { <DealEditor target=target on_close=on_close /> }.into_any())
    }

    pub fn load() -> Loading {
        Box::pin(load_module())
    }

    pub fn draw(target: EditorTarget, on_close: Callback<()>) -> AnyView {
        crate::ui::lazy::ready(draw_split(target, on_close))
            .and_then(Result::ok)
            .unwrap_or_else(|| ().into_any())
    }
}

#[cfg(not(feature = "split"))]
mod split {
    use super::*;

    pub fn load() -> Loading {
        Box::pin(async { Ok(()) })
    }

    pub fn draw(target: EditorTarget, on_close: Callback<()>) -> AnyView {
        view! { <DealEditor target=target on_close=on_close /> }.into_any()
    }
}

/// The editor's module, for the preload after the first paint.
pub const EDITOR: crate::ui::lazy::Module = crate::ui::lazy::Module {
    load: split::load,
    draw: || ().into_any(),
};

/// Opens the deal editor on `target`; `on_close` runs when it closes.
#[component]
pub fn OpenEditor(target: EditorTarget, on_close: Callback<()>) -> impl IntoView {
    lazy_view(
        split::load,
        move || split::draw(target, on_close),
        Place::Dialog(on_close),
    )
}
