//! The app shell: header with the name, navigation and language switch; the current view.

mod header;
mod language_switch;
mod placeholder;

use crate::i18n::*;
use crate::state::language::choose_locale;
use crate::state::route::View;
use crate::storage::prefs;
use leptos::prelude::*;

pub use header::Header;
pub use language_switch::LanguageSwitch;

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The shell: picks the language (remembered, else the browser's), follows the URL fragment
/// for the view, and renders the header and the view.
#[component]
pub fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let browser = prefs::browser_languages();
    let stored = prefs::stored_lang();
    let initial = choose_locale(stored.as_deref(), browser.iter().map(String::as_str));
    // The i18n provider sets its locale from the browser in its first effect; ours is created
    // after it, so it runs after it and the remembered choice wins.
    Effect::new(move |_| i18n.set_locale(initial));

    let (view, set_view) = signal(View::from_hash(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_view.set(View::from_hash(&current_hash()));
    });
    on_cleanup(move || handle.remove());

    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <Header current=view />
        <main id="main" class="main" tabindex="-1">
            {move || placeholder::view_for(view.get())}
        </main>
        <footer class="footer">{t!(i18n, footer)}</footer>
    }
}
