//! Leptos components by feature. They read state and dispatch commands; no business rule
//! lives here.

pub mod analytics;
pub mod announce;
pub mod board;
pub mod counts;
pub mod data;
pub mod deal;
pub mod directions;
pub mod errors;
pub mod files;
pub mod focus;
pub mod format;
pub mod head_only;
pub mod lazy;
pub mod messages;
pub mod modal;
pub mod plans;
pub mod plural;
pub mod shell;
pub mod text;
pub mod today;
pub mod when;

use crate::i18n::*;
use crate::state::store::Store;
use leptos::prelude::*;

/// The whole app: translations, the store, then the shell.
#[component]
pub fn App() -> impl IntoView {
    let store = Store::open();
    provide_context(store);
    // The code that makes changes, fetched while the first screen is drawn.
    crate::state::act::fetch_into(store.acts);
    announce::provide();
    crate::state::clock::Today::provide();
    today::TodayState::provide();
    crate::state::offline::Offline::provide();
    store.attach_browser_events();
    store.request_persistence();
    store.read_in_slices();
    provide_context(crate::team::Team::open(store));
    view! {
        <I18nContextProvider enable_cookie=false>
            <shell::Shell />
        </I18nContextProvider>
    }
}
