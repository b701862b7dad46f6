//! Data → Team, for the head of sales: the team's time zone, and moving the team to another
//! (every moment kept as the same instant, see `crate::team::zone`), asked once more first.

use crate::i18n::*;
use crate::state::clock;
use crate::team::use_team;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;

/// The zone picker and its confirmation.
#[component]
pub fn ZoneSetting() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team();
    let current = move || team.zone().unwrap_or_default();
    let mut zones = clock::known_zones();
    let now = current();
    if !now.is_empty() && !zones.contains(&now) {
        zones.insert(0, now);
    }
    let chosen = RwSignal::new(current());
    let asking = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let pick = move |ev: leptos::ev::Event| {
        chosen.set(event_target_value(&ev));
        asking.set(false);
        refused.set(false);
    };
    let confirm = move |_| {
        let zone = chosen.get_untracked();
        asking.set(false);
        // Moved: the card's line names the new zone (this card is drawn again with it).
        refused.set(team.change_zone(&zone).is_err());
    };
    let options = zones
        .into_iter()
        .map(|z| view! { <option value=z.clone()>{z.clone()}</option> })
        .collect_view();
    view! {
        <div class="team-zone-setting" data-testid="team-zone-setting">
            <label class="field">
                <span class="field-label">{tr!(i18n, team.zone_label)}</span>
                <select
                    class="input"
                    data-field="team-zone"
                    prop:value=move || chosen.get()
                    on:change=pick
                >
                    {options}
                </select>
            </label>
            <When when=move || chosen.get() != current() && !asking.get()>
                <div class="button-row">
                    <button
                        type="button"
                        class="button"
                        data-action="team-zone-change"
                        on:click=move |_| asking.set(true)
                    >
                        {tr!(i18n, team.zone_change)}
                    </button>
                </div>
            </When>
            <When when=move || asking.get()>
                <p data-testid="team-zone-confirm">
                    {move || msg!(i18n, team.zone_confirm, zone = chosen.get())}
                </p>
                <div class="button-row">
                    <button
                        type="button"
                        class="button button-primary"
                        data-action="team-zone-confirm"
                        on:click=confirm
                    >
                        {tr!(i18n, team.zone_move)}
                    </button>
                    <button
                        type="button"
                        class="button"
                        data-action="team-zone-cancel"
                        on:click=move |_| {
                            asking.set(false);
                            chosen.set(current());
                        }
                    >
                        {tr!(i18n, team.zone_cancel)}
                    </button>
                </div>
            </When>
            <When when=move || refused.get()>
                <p class="form-error" role="alert">
                    {tr!(i18n, team.zone_refused)}
                </p>
            </When>
        </div>
    }
}
