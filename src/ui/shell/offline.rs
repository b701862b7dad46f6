//! What the shell says about the app itself: "offline" in the header (nothing needs the
//! network) and a new version ready to load.

use crate::i18n::*;
use crate::state::offline::use_offline;
use crate::state::store::use_store;
use crate::ui::text::tr;
use crate::ui::when::When;
use leptos::prelude::*;

/// "Offline" beside the save indicator while the browser has no network.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_offline();
    view! {
        <When when=move || state.offline.get()>
            <span
                class="offline-badge"
                data-testid="offline"
                role="status"
                title=move || t_string!(i18n, offline.detail)
            >
                {tr!(i18n, offline.badge)}
            </span>
        </When>
    }
}

/// "A new version is ready — Reload": saved first, then the new build takes over. Shown
/// above the view; a dialog (an editor) covers it, so it never interrupts one.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let state = use_offline();
    let reload = move |_| {
        store.save_now();
        state.apply_update();
    };
    view! {
        <When when=move || state.update_ready.get()>
            <section class="banner" data-banner="update" role="status">
                <p class="banner-title">{tr!(i18n, offline.update_ready)}</p>
                <button
                    type="button"
                    class="button button-primary"
                    data-action="apply-update"
                    on:click=reload
                >
                    {tr!(i18n, offline.reload)}
                </button>
            </section>
        </When>
    }
}
