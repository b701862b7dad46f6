//! Refusals that happen outside a form (a checkbox, a shortcut, a menu): one alert line under
//! the header, in the same words the editors use, so that no refused action goes unsaid.

use crate::i18n::*;
use crate::state::store::ActionError;
use crate::ui::text::tr;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The current notice, shared through context.
#[derive(Clone, Copy)]
pub struct Notice(pub RwSignal<Option<String>>);

thread_local! {
    /// The app's notice, reachable from event handlers (which run outside any reactive owner,
    /// where `use_context` finds nothing).
    static NOTICE: std::cell::Cell<Option<RwSignal<Option<String>>>> =
        const { std::cell::Cell::new(None) };
}

/// Provides the notice's signal; call once, in the app.
pub fn provide() {
    let notice = RwSignal::new(None);
    NOTICE.with(|n| n.set(Some(notice)));
    provide_context(Notice(notice));
}

/// Shows a refused action's reason.
pub fn refused(i18n: I18nContext<Locale>, e: &ActionError) {
    if let Some(notice) = NOTICE.with(std::cell::Cell::get) {
        notice.set(Some(super::errors::action_error(i18n, e)));
    }
}

/// The notice line, with a close button.
#[component]
pub fn NoticeLine() -> impl IntoView {
    let i18n = use_i18n();
    let Notice(notice) = expect_context::<Notice>();
    view! {
        {move || {
            notice
                .get()
                .map(|text| {
                    view! {
                        <section class="banner banner-warning" data-banner="notice" role="alert">
                            <p>{text}</p>
                            <button
                                type="button"
                                class="button button-small"
                                on:click=move |_| notice.set(None)
                            >
                                {tr!(i18n, status.dismiss)}
                            </button>
                        </section>
                    }
                })
        }}
    }
}
