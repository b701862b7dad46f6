//! The header: app name, navigation between the views, language switch.

use super::LanguageSwitch;
use crate::i18n::*;
use crate::state::route::View;
use crate::ui::text::tr;
use leptos::prelude::*;

fn nav_label(i18n: leptos_i18n::I18nContext<Locale>, view: View) -> String {
    match view {
        View::Today => t_string!(i18n, nav.today).to_string(),
        View::Board => t_string!(i18n, nav.board).to_string(),
        View::Directions => t_string!(i18n, nav.directions).to_string(),
        View::Plans => t_string!(i18n, nav.plans).to_string(),
        View::Analytics => t_string!(i18n, nav.analytics).to_string(),
        View::Data => t_string!(i18n, nav.data).to_string(),
    }
}

/// The top bar. `current` marks the active view for sighted and screen-reader users; a plain
/// click on a view's link goes through `navigate` (a click with a modifier key opens the link
/// as the browser does).
#[component]
pub fn Header(current: ReadSignal<View>, navigate: Callback<View>) -> impl IntoView {
    let i18n = use_i18n();
    let links = View::ALL
        .into_iter()
        .map(|v| {
            view! {
                <a
                    class="nav-link"
                    href=v.hash()
                    data-view=v.hash().trim_start_matches("#/")
                    aria-current=move || (current.get() == v).then_some("page")
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key()
                            || ev.alt_key();
                        if ev.button() == 0 && !modified {
                            ev.prevent_default();
                            navigate.run(v);
                        }
                    }
                >
                    {move || nav_label(i18n, v)}
                    {(v == View::Today).then(|| view! { <crate::ui::today::Badge /> })}
                </a>
            }
        })
        .collect_view();
    view! {
        <header class="header">
            <a class="brand" href="#/board">
                <span class="brand-mark" aria-hidden="true"></span>
                <span class="brand-text">
                    <span class="brand-name">{tr!(i18n, app_name)}</span>
                    <span class="brand-tagline">{tr!(i18n, tagline)}</span>
                </span>
            </a>
            <nav class="nav" aria-label=move || t_string!(i18n, nav_label)>
                {links}
            </nav>
            <super::offline::OfflineBadge />
            <super::status::SaveIndicator />
            <super::team::TeamIndicator />
            <LanguageSwitch />
        </header>
    }
}
