//! The app shell: header with the name, navigation and language switch; the current view.

mod header;
mod language_switch;
pub mod offline;
pub mod start;
pub mod status;
pub mod team;

use crate::i18n::*;
use crate::state::language::choose_locale;
use crate::state::prefs;
use crate::state::route::View;
use crate::state::store::{use_store, Startup};
use crate::ui::lazy::{preload_in_idle_time, split_view, Lazy, Module};
use crate::ui::text::tr;
use leptos::prelude::*;

// The views the first screen does not need, each in a module of its own, fetched when opened
// and preloaded in idle time after the first paint. The board and Today, which a visit opens
// on, stay in the main module: as modules of their own they made the main module 290 KB gzip
// but their first paint wait on some 57 shared chunks (measured, docs/PERFORMANCE.md).
split_view!(analytics, ANALYTICS, crate::ui::analytics::AnalyticsView);
split_view!(plans, PLANS, crate::ui::plans::PlansView);
split_view!(
    directions,
    DIRECTIONS,
    crate::ui::directions::DirectionsView
);
split_view!(data, DATA, crate::ui::data::DataView);
split_view!(start, START, start::StartChooser);

/// Every split view (and the CSV export's module), in the order they are preloaded after the first paint.
static SPLIT_VIEWS: [Module; 7] = [
    crate::ui::deal::EDITOR,
    crate::ui::data::export::CSV_EXPORT,
    DATA,
    PLANS,
    ANALYTICS,
    DIRECTIONS,
    START,
];

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
    let store = use_store();
    let team = crate::team::use_team();
    // In a team the workspace goes to its server: the footer says so.
    let footer = move || match team.connection.get() {
        Some(c) => crate::ui::text::msg!(i18n, team.footer, url = c.url),
        None => t_string!(i18n, footer).to_string(),
    };
    let browser = prefs::browser_languages();
    let stored = prefs::stored_lang();
    let initial = choose_locale(stored.as_deref(), browser.iter().map(String::as_str));
    // The i18n provider sets its locale from the browser in its first effect; ours is created
    // after it, so it runs after it and the remembered choice wins.
    Effect::new(move |_| i18n.set_locale(initial));
    // The tab's title in the UI language.
    Effect::new(move |_| {
        document().set_title(&format!(
            "{} — {}",
            t_string!(i18n, app_name),
            t_string!(i18n, tagline)
        ));
    });

    // A memo, so that the view is rebuilt only when this changes, not on every startup write.
    let first_launch = Memo::new(move |_| store.startup.get() == Startup::FirstLaunch);
    let has_deals = move || store.ws().with_untracked(|ws| ws.deal_count() > 0);
    let (view, set_view) = signal(View::opened_by(&current_hash(), has_deals()));
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y anywhere but in a text field (which has its own undo).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        // A text field has its own undo; a checkbox or a button does not.
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| match el.tag_name().as_str() {
                "TEXTAREA" | "SELECT" => true,
                "INPUT" => !matches!(
                    el.get_attribute("type").as_deref(),
                    Some("checkbox" | "radio" | "button" | "submit" | "reset")
                ),
                _ => false,
            });
        // Behind an open dialog the shortcut belongs to the dialog (its text fields), never
        // to the workspace: undoing the deal being edited would pull it from under the editor.
        let dialog_open = document()
            .query_selector("dialog[open]")
            .ok()
            .flatten()
            .is_some();
        if typing || dialog_open {
            return;
        }
        let key = ev.key().to_ascii_lowercase();
        let result = match (key.as_str(), ev.shift_key()) {
            ("z", false) => Some(store.undo()),
            ("z", true) | ("y", false) => Some(store.redo()),
            _ => None,
        };
        if let Some(result) = result {
            ev.prevent_default();
            if let Err(e) = result {
                crate::ui::announce::refused(i18n, &e);
            }
        }
    });
    on_cleanup(move || keys.remove());
    // Every view but the board's first screen needs every deal read.
    let open_view = move |v: View| {
        if v != View::Board {
            store.read_all();
        }
        set_view.set(v);
    };
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        open_view(View::opened_by(&current_hash(), has_deals()));
    });
    on_cleanup(move || handle.remove());
    // A click in the navigation switches the view in its own task; the address follows by
    // `pushState` in the next task (it fires no `hashchange`, and costs a few milliseconds the
    // new view should not wait for). Back and Forward still fire `hashchange`.
    // The view, not the address, says whether anything changes: the address lags a task
    // behind, and a second click in it must not draw the same view again.
    // After the first paint, the other views' modules in idle time.
    request_animation_frame(|| preload_in_idle_time(&SPLIT_VIEWS));
    let navigate = Callback::new(move |v: View| {
        if view.get_untracked() != v {
            open_view(v);
        }
        set_timeout(move || follow_in_address(v), std::time::Duration::ZERO);
    });

    view! {
        <a class="skip-link" href="#main">
            {tr!(i18n, skip_to_content)}
        </a>
        <Header current=view navigate=navigate />
        // Held still for the moment the code that makes changes is on its way, so that a click
        // then is not lost: the page can be read meanwhile.
        <main
            id="main"
            class="main"
            tabindex="-1"
            inert=move || (store.acts.get() == crate::state::act::Acts::Loading).then_some("")
        >
            <offline::UpdateBanner />
            <status::ActsBanner />
            <status::DataBanners />
            <team::TeamBanners />
            <crate::ui::announce::NoticeLine />
            {move || {
                if first_launch.get() {
                    return view! { <Lazy module=START /> }.into_any();
                }
                match view.get() {
                    View::Today => view! { <crate::ui::today::TodayView /> }.into_any(),
                    View::Data => view! { <Lazy module=DATA /> }.into_any(),
                    View::Board => view! { <crate::ui::board::BoardView /> }.into_any(),
                    View::Plans => view! { <Lazy module=PLANS /> }.into_any(),
                    View::Analytics => view! { <Lazy module=ANALYTICS /> }.into_any(),
                    View::Directions => view! { <Lazy module=DIRECTIONS /> }.into_any(),
                }
            }}
        </main>
        <footer class="footer">{footer}</footer>
    }
}

/// Puts a view opened by the navigation into the address and the history (`pushState`), or, in
/// a browser without the history API, into the hash.
fn follow_in_address(v: View) {
    if current_hash() == v.hash() {
        return;
    }
    let pushed = window()
        .history()
        .and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(v.hash())));
    if pushed.is_err() {
        // The view is already shown: at worst the address stays behind, nothing to report.
        window().location().set_hash(v.hash()).ok();
    }
}
