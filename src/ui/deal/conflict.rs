//! The deal editor's conflict panel: fields this editor changed that were also changed
//! elsewhere (another tab, or this tab behind the dialog) since it opened. Each shows both
//! values; the user keeps one, and nothing is overwritten silently.

use crate::domain::{DealDraft, DraftField, FieldValue, Workspace};
use crate::i18n::*;
use crate::ui::format;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;

/// One field in conflict: what the editor has and what is saved now.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldConflict {
    /// Which field.
    pub field: DraftField,
    /// The value in the editor.
    pub mine: FieldValue,
    /// The value saved now.
    pub theirs: FieldValue,
}

/// The conflicts of `mine` (edited from `base`) with `current` (saved now).
pub fn conflicts(base: &DealDraft, mine: &DealDraft, current: &DealDraft) -> Vec<FieldConflict> {
    crate::domain::DealPatch::between(base, mine)
        .conflicts(base, current)
        .into_iter()
        .map(|field| FieldConflict {
            field,
            mine: mine.get(field),
            theirs: current.get(field),
        })
        .collect()
}

fn label(i18n: leptos_i18n::I18nContext<Locale>, field: DraftField, currency: &str) -> String {
    match field {
        DraftField::Title => t_string!(i18n, deal.title).to_string(),
        DraftField::Company => t_string!(i18n, deal.company).to_string(),
        DraftField::Contact => t_string!(i18n, deal.contact).to_string(),
        DraftField::Phone => t_string!(i18n, deal.phone).to_string(),
        DraftField::Email => t_string!(i18n, deal.email).to_string(),
        DraftField::Amount => msg!(i18n, deal.amount, currency = currency),
        DraftField::Owner => t_string!(i18n, deal.owner).to_string(),
        DraftField::ExpectedClose => t_string!(i18n, deal.expected_close).to_string(),
        DraftField::LossReason => t_string!(i18n, deal.loss_reason).to_string(),
        DraftField::Nps => t_string!(i18n, deal.nps).to_string(),
        DraftField::Notes => t_string!(i18n, deal.notes).to_string(),
    }
}

/// A field's value as the editor would show it.
fn shown(i18n: leptos_i18n::I18nContext<Locale>, ws: &Workspace, value: &FieldValue) -> String {
    let locale = i18n.get_locale_untracked();
    let text = match value {
        FieldValue::Text(s) => s.clone(),
        FieldValue::OptText(s) => s.clone().unwrap_or_default(),
        FieldValue::Amount(m) => format::money(locale, ws.currency(), *m),
        FieldValue::Owner(e) => e
            .and_then(|id| ws.employee(id))
            .map(|e| e.name.clone())
            .unwrap_or_default(),
        FieldValue::Date(d) => d.map(|d| format::date(locale, d)).unwrap_or_default(),
        FieldValue::Score(n) => n.map(|n| n.to_string()).unwrap_or_default(),
    };
    if text.trim().is_empty() {
        t_string!(i18n, deal.empty_value).to_string()
    } else {
        text
    }
}

/// The panel. `on_choose(field, keep_mine)` resolves one field.
#[component]
pub fn ConflictPanel(
    conflicts: Signal<Vec<FieldConflict>>,
    on_choose: Callback<(DraftField, bool)>,
    /// The conflicts are a team's merge (someone else saved first), not another tab's.
    #[prop(optional)]
    team: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = crate::state::store::use_store();
    view! {
        <When when=move || !conflicts.with(Vec::is_empty)>
            <section class="conflict-panel" data-testid="conflicts" role="alert">
                <h3 class="panel-title">
                    {move || {
                        if team {
                            t_string!(i18n, deal.conflict_title_team)
                        } else {
                            t_string!(i18n, deal.conflict_title)
                        }
                    }}
                </h3>
                <p class="muted">
                    {move || {
                        if team {
                            t_string!(i18n, deal.conflict_desc_team)
                        } else {
                            t_string!(i18n, deal.conflict_desc)
                        }
                    }}
                </p>
                <ul class="conflicts">
                    {move || {
                        store
                            .ws()
                            .with_untracked(|ws| {
                                let symbol = ws.currency().symbol();
                                conflicts
                                    .get()
                                    .into_iter()
                                    .map(|c| {
                                        let field = c.field;
                                        let mine = shown(i18n, ws, &c.mine);
                                        let theirs = shown(i18n, ws, &c.theirs);
                                        view! {
                                            <li class="conflict" data-field=format!("{field:?}")>
                                                <strong>{label(i18n, field, symbol)}</strong>
                                                <span class="conflict-value">
                                                    <bdi>{msg!(i18n, deal.conflict_mine, value = mine)}</bdi>
                                                </span>
                                                <span class="conflict-value">
                                                    <bdi>
                                                        {msg!(i18n, deal.conflict_theirs, value = theirs)}
                                                    </bdi>
                                                </span>
                                                <span class="conflict-actions">
                                                    <button
                                                        type="button"
                                                        class="button button-small"
                                                        data-action="keep-mine"
                                                        on:click=move |_| on_choose.run((field, true))
                                                    >
                                                        {tr!(i18n, deal.keep_mine)}
                                                    </button>
                                                    <button
                                                        type="button"
                                                        class="button button-small"
                                                        data-action="take-theirs"
                                                        on:click=move |_| on_choose.run((field, false))
                                                    >
                                                        {tr!(i18n, deal.take_theirs)}
                                                    </button>
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </ul>
            </section>
        </When>
    }
}
