//! What only the head of sales changes in a team (directions, stages, loss reasons, plans,
//! employees) is read-only for a rep: every control inside [`HeadOnly`] is disabled, and
//! [`HeadOnlyNote`] says why. The server refuses such a change anyway, and the browser asks
//! the same rules before a command (`roles::permits`); this spares the rep the attempt.

use crate::i18n::*;
use crate::team::saved::SavedRole;
use crate::team::Team;
use crate::ui::text::tr;
use crate::ui::when::When;
use leptos::prelude::*;

/// Whether the signed-in user is a rep of a team (outside a team, or with no team context as
/// in a component test: no), read reactively: for a control that sits among others a rep
/// still uses (a plan cell beside the quarter toggles).
pub fn is_rep() -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let team = use_context::<Team>();
    move || team.is_some_and(|t| t.role() == Some(SavedRole::Rep))
}

/// Its children, their controls disabled for a rep (a `fieldset` laid out as if absent).
#[component]
pub fn HeadOnly(children: Children) -> impl IntoView {
    let rep = is_rep();
    view! {
        <fieldset class="head-only" disabled=rep>
            {children()}
        </fieldset>
    }
}

/// Tells a rep that only the head of sales changes what the view shows.
#[component]
pub fn HeadOnlyNote() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <When when=is_rep()>
            <p class="notice head-only-note" role="note" data-testid="head-only">
                {tr!(i18n, team.read_only)}
            </p>
        </When>
    }
}
