//! The deal editor: create a deal from a column's "+", or open a card to edit every field,
//! tick the task and its checklist, write notes and read the stage history. A refused save
//! shows its message beside the field and keeps everything typed.

use super::conflict::{self, ConflictPanel, FieldConflict};
use super::form::{DealFields, Form, FormError, NotesField};
use super::panels::{HistoryPanel, TaskPanel};
use crate::domain::{
    Command, DealDraft, DealId, DealPatch, DraftField, EmployeeId, Outcome, StageId, StageKind,
    Workspace,
};
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::{use_store, ActionError, Store};
use crate::ui::errors;
use crate::ui::focus::focus_card;
use crate::ui::modal::{DialogActions, Modal};
use crate::ui::text::{msg, tr};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// What the editor edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorTarget {
    /// A new deal in this stage.
    New(StageId),
    /// An existing deal.
    Existing(DealId),
}

/// What the editor shows besides the deal: its stage, the currency, the owners to choose.
struct Setting {
    opened: Option<DealDraft>,
    stage_name: String,
    stage_kind: StageKind,
    currency: &'static str,
    default_owner: Option<EmployeeId>,
    employees: Vec<(EmployeeId, String, bool)>,
}

fn setting(ws: &Workspace, target: EditorTarget) -> Setting {
    let (opened, stage) = match target {
        EditorTarget::New(s) => (None, Some(s)),
        EditorTarget::Existing(id) => {
            (ws.deal(id).map(|d| d.draft()), ws.deal(id).map(|d| d.stage))
        }
    };
    let (stage_name, stage_kind) = stage
        .and_then(|s| ws.stage(s))
        .map_or((String::new(), StageKind::Open), |(_, s)| {
            (s.name.clone(), s.kind)
        });
    Setting {
        opened,
        stage_name,
        stage_kind,
        currency: ws.currency().symbol(),
        default_owner: ws.default_owner(),
        employees: ws
            .employees()
            .map(|e| (e.id, e.name.clone(), e.active))
            .collect(),
    }
}

/// An open deal's edits against what the editor opened with: a save writes only the fields
/// changed since (a patch), and fields changed elsewhere meanwhile are shown side by side
/// instead of overwritten.
#[derive(Clone, Copy)]
struct Edits {
    target: EditorTarget,
    base: StoredValue<DealDraft>,
    conflicts: RwSignal<Vec<FieldConflict>>,
    /// Fields the team's merge kept as someone else saved them, yours in the form: open until
    /// chosen.
    from_team: StoredValue<Vec<DraftField>>,
}

impl Edits {
    /// Settles a conflict: keep what was typed, or take the saved value into the form.
    fn choose(&self, store: Store, form: Form, field: DraftField, keep_mine: bool, locale: Locale) {
        let EditorTarget::Existing(deal) = self.target else {
            return;
        };
        let Some(now) = store
            .ws()
            .with_untracked(|ws| ws.deal(deal).map(|d| d.draft().get(field)))
        else {
            return;
        };
        self.base.update_value(|b| b.set(field, now.clone()));
        if !keep_mine {
            form.fill(field, now, locale);
        }
        self.conflicts
            .update(|list| list.retain(|c| c.field != field));
        self.settle_team(deal, field);
    }

    fn settle_team(&self, deal: DealId, field: DraftField) {
        if self.from_team.with_value(|f| f.contains(&field)) {
            self.from_team.update_value(|f| f.retain(|&x| x != field));
            super::team::settle(deal, field);
        }
    }

    /// The command a save sends; `Ok(None)` when nothing changed or a conflict must be
    /// settled first.
    fn command(
        &self,
        store: Store,
        draft: DealDraft,
        i18n: I18nContext<Locale>,
    ) -> Result<Option<Command>, FormError> {
        let deal = match self.target {
            EditorTarget::New(stage) => {
                return Ok(Some(Command::CreateDeal {
                    draft,
                    stage,
                    at: clock::now(),
                }))
            }
            EditorTarget::Existing(deal) => deal,
        };
        let Some(current) = store
            .ws()
            .with_untracked(|ws| ws.deal(deal).map(|d| d.draft()))
        else {
            return Err((None, t_string!(i18n, deal.deleted_elsewhere).to_string()));
        };
        let base = self.base.get_value();
        let mut found = conflict::conflicts(&base, &draft, &current);
        for field in self.from_team.get_value() {
            if found.iter().any(|c| c.field == field) {
                continue;
            }
            match super::team::still_open(field, draft.get(field), current.get(field)) {
                Some(c) => found.push(c),
                // The form holds the saved value: taken.
                None => self.settle_team(deal, field),
            }
        }
        let settled = found.is_empty();
        self.conflicts.set(found);
        let patch = DealPatch::between(&base, &draft);
        Ok((settled && !patch.is_empty()).then_some(Command::PatchDeal { deal, patch }))
    }
}

/// The deal editor dialog.
#[component]
pub fn DealEditor(target: EditorTarget, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let locale = i18n.get_locale_untracked();
    let Setting {
        opened,
        stage_name,
        stage_kind,
        currency,
        default_owner,
        employees,
    } = store.ws().with_untracked(|ws| setting(ws, target));
    // In a team, a new deal is the signed-in user's own (the server lets a rep change only
    // their own deals).
    let default_owner = use_context::<crate::team::Team>()
        .and_then(|team| team.my_employee())
        .or(default_owner);
    let form = Form::new(
        &opened.clone().unwrap_or_default(),
        opened.is_none(),
        default_owner,
        locale,
    );
    let error = form.error;
    // A team's merge kept someone else's value of a field you changed: yours is in the form,
    // both in the panel.
    let from_team = match (target, opened.as_ref()) {
        (EditorTarget::Existing(deal), Some(current)) => super::team::open_conflicts(deal, current),
        _ => Vec::new(),
    };
    for c in &from_team {
        form.fill(c.field, c.mine.clone(), locale);
    }
    let team_conflict = !from_team.is_empty();
    let read_only =
        matches!(target, EditorTarget::Existing(deal) if !super::team::may_change(deal));
    let edits = Edits {
        target,
        base: StoredValue::new(opened.unwrap_or_default()),
        from_team: StoredValue::new(from_team.iter().map(|c| c.field).collect()),
        conflicts: RwSignal::new(from_team),
    };
    let conflicts = edits.conflicts;
    let choose = Callback::new(move |(field, keep_mine): (DraftField, bool)| {
        edits.choose(store, form, field, keep_mine, locale)
    });
    let command_for = move |draft| edits.command(store, draft, i18n);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = match form.read(i18n).and_then(command_for) {
            Ok(Some(command)) => command,
            Ok(None) if conflicts.with_untracked(Vec::is_empty) => {
                // Nothing changed: closing is all a save does.
                on_close.run(());
                if let EditorTarget::Existing(deal) = target {
                    focus_card(deal);
                }
                return;
            }
            Ok(None) => return,
            Err(e) => return error.set(Some(e)),
        };
        match store.dispatch(command) {
            Ok(outcome) => {
                on_close.run(());
                match (outcome, target) {
                    (Outcome::DealCreated(id), _) | (_, EditorTarget::Existing(id)) => {
                        focus_card(id)
                    }
                    _ => {}
                }
            }
            Err(ActionError::Domain(e)) => {
                error.set(Some((errors::field_of(&e), errors::domain_error(i18n, &e))))
            }
            Err(e) => error.set(Some((None, errors::action_error(i18n, &e)))),
        }
    };
    let delete = move |_| {
        let EditorTarget::Existing(deal) = target else {
            return;
        };
        let title = form.title.get_untracked();
        let ok = window()
            .confirm_with_message(&msg!(i18n, deal.delete_confirm, title = title))
            .unwrap_or(false);
        if ok {
            match store.dispatch(Command::DeleteDeal { deal }) {
                Ok(_) => on_close.run(()),
                Err(e) => error.set(Some((None, errors::action_error(i18n, &e)))),
            }
        }
    };
    let title_text = match target {
        EditorTarget::New(_) => {
            msg!(i18n, deal.new_title, stage = stage_name)
        }
        EditorTarget::Existing(_) => t_string!(i18n, deal.edit_title).to_string(),
    };
    view! {
        <Modal title_id="deal-editor-title" on_close=on_close class="modal-wide">
            <form class="form deal-editor" on:submit=save data-testid="deal-editor" novalidate>
                <h2 id="deal-editor-title" class="modal-title">
                    {title_text}
                </h2>
                <p class="muted">{msg!(i18n, deal.stage, stage = stage_name)}</p>
                // A team's conflict is there when the editor opens: first thing in it.
                {team_conflict
                    .then(|| {
                        view! {
                            <ConflictPanel conflicts=conflicts.into() on_choose=choose team=true />
                        }
                    })}
                {read_only
                    .then(|| {
                        view! {
                            <p
                                class="notice head-only-note"
                                role="note"
                                data-testid="deal-read-only"
                            >
                                {tr!(i18n, team.deal_read_only)}
                            </p>
                        }
                    })}
                <fieldset class="head-only" disabled=read_only>
                    <DealFields
                        form=form
                        currency=currency
                        stage_kind=stage_kind
                        employees=employees
                    />
                    <NotesField form=form />
                    {match target {
                        EditorTarget::Existing(deal) => view! { <TaskPanel deal=deal /> }.into_any(),
                        EditorTarget::New(_) => ().into_any(),
                    }}
                </fieldset>
                {match target {
                    EditorTarget::Existing(deal) => view! { <HistoryPanel deal=deal /> }.into_any(),
                    EditorTarget::New(_) => ().into_any(),
                }}
                // Another tab's change shows where Save was pressed.
                {(!team_conflict)
                    .then(|| {
                        view! { <ConflictPanel conflicts=conflicts.into() on_choose=choose /> }
                    })}
                <p class="form-error" role="alert" data-testid="editor-error">
                    {form.general_message()}
                </p>
                <DialogActions>
                    {(!read_only)
                        .then(|| {
                            view! {
                                <button
                                    type="submit"
                                    class="button button-primary"
                                    data-action="save-deal"
                                >
                                    {match target {
                                        EditorTarget::New(_) => t_string!(i18n, deal.create),
                                        EditorTarget::Existing(_) => t_string!(i18n, deal.save),
                                    }}
                                </button>
                            }
                        })} <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr!(i18n, deal.cancel)}
                    </button>
                    {(matches!(target, EditorTarget::Existing(_)) && !read_only)
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button button-danger push-right"
                                    data-action="delete-deal"
                                    on:click=delete
                                >
                                    {tr!(i18n, deal.delete)}
                                </button>
                            }
                        })}
                </DialogActions>
            </form>
        </Modal>
    }
}
