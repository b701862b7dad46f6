//! The Data view's card on the app itself: it works offline, and it installs where the
//! browser offers it.

use crate::i18n::*;
use crate::state::offline::use_offline;
use crate::ui::text::tr;
use crate::ui::when::When;
use leptos::prelude::*;

/// The Data view's card: works offline, install (where the browser offers it), and how to add
/// the app to the home screen elsewhere.
#[component]
pub fn InstallCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_offline();
    let team = crate::team::use_team();
    let works_offline = move || {
        if team.connection.with(Option::is_some) {
            t_string!(i18n, team.works_offline)
        } else {
            t_string!(i18n, offline.works_offline)
        }
    };
    view! {
        <section class="card" data-section="install">
            <h2 class="card-title">{tr!(i18n, offline.install_title)}</h2>
            <p>{works_offline}</p>
            <When when=move || state.can_install()>
                <button
                    type="button"
                    class="button button-primary"
                    data-action="install"
                    on:click=move |_| state.install()
                >
                    {tr!(i18n, offline.install)}
                </button>
            </When>
            <p class="muted">{tr!(i18n, offline.ios)}</p>
        </section>
    }
}
