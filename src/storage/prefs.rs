//! User preferences kept in localStorage (separately from the workspace data).

use gloo_storage::{LocalStorage, Storage};

/// Key of the remembered UI language.
pub const LANG_KEY: &str = "voronka.lang";

/// The remembered UI language code, if any.
pub fn stored_lang() -> Option<String> {
    LocalStorage::get::<String>(LANG_KEY).ok()
}

/// Remembers the UI language. A failure (storage disabled or full) only means the choice is
/// not remembered; the app goes on in the chosen language.
pub fn store_lang(code: &str) {
    let _ = LocalStorage::set(LANG_KEY, code);
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let mut langs: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if langs.is_empty() {
        langs.extend(navigator.language());
    }
    langs
}
