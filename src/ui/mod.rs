//! Leptos components by feature. They read state and dispatch commands; no business rule
//! lives here.

pub mod shell;

use crate::i18n::*;
use leptos::prelude::*;

/// The whole app: translations, then the shell.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider enable_cookie=false>
            <shell::Shell />
        </I18nContextProvider>
    }
}
