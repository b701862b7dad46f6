//! Deleting a direction: with deals, the user chooses the direction they go to and, for
//! each stage holding deals, the stage there (defaults from the domain), and a loss reason
//! when some become lost.

use crate::domain::{Command, DirectionId, DirectionMapping, StageId};
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::use_store;
use crate::ui::modal::{DialogActions, Modal};
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use crate::ui::{counts, errors};
use leptos::prelude::*;

/// A direction the deals can go to, with its stages.
#[derive(Clone)]
struct Target {
    id: DirectionId,
    name: String,
    stages: Vec<(StageId, String)>,
}

/// The delete dialog.
#[component]
pub fn DeleteDirection(id: DirectionId, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let (name, count, targets, first_reason) = store.ws().with_untracked(|ws| {
        let targets: Vec<Target> = ws
            .directions_taking_deals()
            .filter(|x| x.id != id)
            .map(|x| Target {
                id: x.id,
                name: x.name.clone(),
                stages: x.stages.iter().map(|s| (s.id, s.name.clone())).collect(),
            })
            .collect();
        let name = ws.direction(id).map(|d| d.name.clone()).unwrap_or_default();
        let reason = ws.default_loss_reason();
        (name, ws.deals_in_direction(id), targets, reason)
    });
    let target = RwSignal::new(targets.first().map(|t| t.id));
    let mapping = RwSignal::new(Vec::new());
    // Each choice of target direction starts from the domain's default mapping.
    Effect::new(move |_| {
        let defaults = target.get().map(|t| {
            store
                .ws()
                .with_untracked(|ws| ws.default_stage_mapping(id, t))
        });
        mapping.set(defaults.unwrap_or_default());
    });
    let error = RwSignal::new(None::<String>);
    let reason = RwSignal::new(first_reason);
    let needs_reason = move || {
        count > 0
            && mapping.with(|m| {
                store
                    .ws()
                    .with_untracked(|ws| ws.mapping_needs_loss_reason(m))
            })
    };
    let confirm = move |_| {
        let cmd = Command::DeleteDirection {
            direction: id,
            target: target
                .get_untracked()
                .filter(|_| count > 0)
                .map(|t| DirectionMapping {
                    direction: t,
                    stages: mapping.get_untracked(),
                    loss_reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
                }),
            at: clock::now(),
        };
        if errors::dispatch_shown(store, i18n, error, cmd).is_some() {
            on_close.run(());
        }
    };
    view! {
        <Modal title_id="delete-direction-title" on_close=on_close class="modal-wide">
            <div class="form" data-testid="delete-direction">
                <h2 id="delete-direction-title" class="modal-title">
                    {msg!(i18n, dir.delete_title, name = name)}
                </h2>
                {if count == 0 {
                    view! { <p>{tr!(i18n, dir.delete_empty)}</p> }.into_any()
                } else {
                    view! {
                        <p>{counts::direction_delete_moves(i18n.get_locale(), count)}</p>
                        <StageMapping from=id targets=targets target=target mapping=mapping />
                    }
                        .into_any()
                }}
                <When when=needs_reason>
                    <label class="field">
                        <span class="field-label">{tr!(i18n, stage.loss_reason)}</span>
                        <input
                            class="input"
                            data-testid="delete-direction-reason"
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        />
                    </label>
                </When>
                <p class="form-error" role="alert">
                    {move || error.get()}
                </p>
                <DialogActions>
                    <button
                        type="button"
                        class="button button-danger"
                        data-action="confirm-delete-direction"
                        on:click=confirm
                    >
                        {tr!(i18n, dir.confirm_delete)}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr!(i18n, deal.cancel)}
                    </button>
                </DialogActions>
            </div>
        </Modal>
    }
}

/// The target direction, and for each stage of `from` holding deals, the stage they go to.
#[component]
fn StageMapping(
    from: DirectionId,
    targets: Vec<Target>,
    target: RwSignal<Option<DirectionId>>,
    mapping: RwSignal<Vec<(StageId, StageId)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let sources: Vec<(StageId, String, usize)> = store.ws().with_untracked(|ws| {
        ws.direction(from)
            .map(|d| {
                d.stages
                    .iter()
                    .filter(|s| !ws.column(s.id).is_empty())
                    .map(|s| (s.id, s.name.clone(), ws.column(s.id).len()))
                    .collect()
            })
            .unwrap_or_default()
    });
    let targets = StoredValue::new(targets);
    let options = targets.with_value(|t| {
        t.iter()
            .map(|t| view! { <option value=t.id.0.to_string()>{t.name.clone()}</option> })
            .collect_view()
    });
    let rows = move || {
        let chosen = target.get();
        let stages = targets.with_value(|t| {
            t.iter()
                .find(|t| Some(t.id) == chosen)
                .map(|t| t.stages.clone())
                .unwrap_or_default()
        });
        sources
            .iter()
            .map(|(source, name, deals)| {
                let source = *source;
                let current = mapping.with(|m| m.iter().find(|x| x.0 == source).map(|x| x.1));
                let choose = move |ev| {
                    if let Some(to) = event_target_value(&ev).parse().ok().map(StageId) {
                        mapping.update(|m| {
                            m.retain(|x| x.0 != source);
                            m.push((source, to));
                        });
                    }
                };
                view! {
                    <label class="field">
                        <span class="field-label">{format!("{name} ({deals})")}</span>
                        <select class="input" on:change=choose>
                            {stages
                                .iter()
                                .map(|(id, name)| {
                                    view! {
                                        <option
                                            value=id.0.to_string()
                                            selected=current == Some(*id)
                                        >
                                            {name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <label class="field">
            <span class="field-label">{tr!(i18n, dir.target_direction)}</span>
            <select
                class="input"
                data-testid="target-direction"
                on:change=move |ev| {
                    target.set(event_target_value(&ev).parse().ok().map(DirectionId))
                }
            >
                {options}
            </select>
        </label>
        {rows}
    }
}
