//! Views whose feature has not landed yet: a title and one line saying what will be there.

use crate::i18n::*;
use crate::state::route::View;
use leptos::prelude::*;

/// The content of `view`.
pub fn view_for(view: View) -> AnyView {
    let i18n = use_i18n();
    let (title, line) = match view {
        View::Board => (
            t_string!(i18n, views.board_title),
            t_string!(i18n, views.board_soon),
        ),
        View::Directions => (
            t_string!(i18n, views.directions_title),
            t_string!(i18n, views.directions_soon),
        ),
        View::Plans => (
            t_string!(i18n, views.plans_title),
            t_string!(i18n, views.plans_soon),
        ),
        View::Data => (
            t_string!(i18n, views.data_title),
            t_string!(i18n, views.data_soon),
        ),
    };
    view! {
        <section class="view" data-view=view.hash().trim_start_matches("#/")>
            <h1 class="view-title">{title}</h1>
            <p class="view-soon">{line}</p>
        </section>
    }
    .into_any()
}
