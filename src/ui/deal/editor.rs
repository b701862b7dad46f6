//! The deal editor: create a deal from a column's "+", or open a card to edit every field,
//! tick the task and its checklist, write notes and read the stage history. A refused save
//! shows its message beside the field and keeps everything typed.

use super::conflict::{self, ConflictPanel, FieldConflict};
use crate::domain::{
    Client, Command, DealDraft, DealId, DealPatch, DraftField, EmployeeId, Field, FieldValue,
    Outcome, StageId, StageKind,
};
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::{use_store, ActionError};
use crate::ui::modal::Modal;
use crate::ui::{errors, format};
use chrono::NaiveDate;
use leptos::prelude::*;

/// What the editor edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorTarget {
    /// A new deal in this stage.
    New(StageId),
    /// An existing deal.
    Existing(DealId),
}

#[derive(Clone, Copy)]
struct Form {
    title: RwSignal<String>,
    company: RwSignal<String>,
    contact: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    amount: RwSignal<String>,
    owner: RwSignal<Option<EmployeeId>>,
    expected: RwSignal<String>,
    nps: RwSignal<String>,
    notes: RwSignal<String>,
    loss_reason: RwSignal<String>,
    error: RwSignal<Option<(Option<Field>, String)>>,
}

fn text_field(
    label: String,
    value: RwSignal<String>,
    field: Option<Field>,
    error: RwSignal<Option<(Option<Field>, String)>>,
    kind: &'static str,
    testid: &'static str,
) -> impl IntoView {
    let id = format!("deal-{testid}");
    let err_id = format!("{id}-error");
    let message = move || {
        error.with(|e| {
            e.as_ref()
                .filter(|(f, _)| field.is_some() && *f == field)
                .map(|(_, m)| m.clone())
        })
    };
    let err_id2 = err_id.clone();
    view! {
        <div class="field">
            <label class="field-label" for=id.clone()>{label}</label>
            <input
                id=id
                class="input"
                type=kind
                data-testid=testid
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p class="field-error" id=err_id2 role="alert">{message}</p>
        </div>
    }
}

/// The deal editor dialog.
#[component]
pub fn DealEditor(target: EditorTarget, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let locale = i18n.get_locale_untracked();
    let existing = match target {
        EditorTarget::Existing(id) => store
            .ws()
            .with_untracked(|ws| ws.deal(id).map(|d| d.draft())),
        EditorTarget::New(_) => None,
    };
    let stage_id = match target {
        EditorTarget::New(s) => Some(s),
        EditorTarget::Existing(id) => store.ws().with_untracked(|ws| ws.deal(id).map(|d| d.stage)),
    };
    let (stage_name, stage_kind, currency) = store.ws().with_untracked(|ws| {
        let s = stage_id
            .and_then(|s| ws.stage(s))
            .map(|(_, s)| (s.name.clone(), s.kind));
        let (name, kind) = s.unwrap_or((String::new(), StageKind::Open));
        (name, kind, ws.currency())
    });
    let d = existing.clone().unwrap_or_default();
    let default_owner = store
        .ws()
        .with_untracked(|ws| ws.employees().find(|e| e.active).map(|e| e.id));
    let form = Form {
        title: RwSignal::new(d.title.clone()),
        company: RwSignal::new(d.client.company.clone()),
        contact: RwSignal::new(d.client.contact.clone()),
        phone: RwSignal::new(d.client.phone.clone()),
        email: RwSignal::new(d.client.email.clone()),
        amount: RwSignal::new(if existing.is_some() {
            format::money_input(locale, d.amount)
        } else {
            String::new()
        }),
        owner: RwSignal::new(d.owner.or(default_owner)),
        expected: RwSignal::new(d.expected_close.map(|x| x.to_string()).unwrap_or_default()),
        nps: RwSignal::new(d.nps.map(|n| n.to_string()).unwrap_or_default()),
        notes: RwSignal::new(d.notes.clone()),
        loss_reason: RwSignal::new(d.loss_reason.clone().unwrap_or_default()),
        error: RwSignal::new(None),
    };
    let error = form.error;
    let set_error = move |field: Option<Field>, message: String| error.set(Some((field, message)));
    // What the editor opened with: a save writes only the fields changed since (a patch), and
    // fields changed elsewhere meanwhile are shown side by side instead of overwritten.
    let base: StoredValue<DealDraft> = StoredValue::new(d.clone());
    let conflicts: RwSignal<Vec<FieldConflict>> = RwSignal::new(Vec::new());
    let fill = move |field: DraftField, value: FieldValue| match value {
        FieldValue::Text(s) => match field {
            DraftField::Title => form.title.set(s),
            DraftField::Company => form.company.set(s),
            DraftField::Contact => form.contact.set(s),
            DraftField::Phone => form.phone.set(s),
            DraftField::Email => form.email.set(s),
            _ => form.notes.set(s),
        },
        FieldValue::Amount(m) => form.amount.set(format::money_input(locale, m)),
        FieldValue::Owner(e) => form.owner.set(e),
        FieldValue::Date(d) => form
            .expected
            .set(d.map(|d| d.to_string()).unwrap_or_default()),
        FieldValue::OptText(s) => form.loss_reason.set(s.unwrap_or_default()),
        FieldValue::Score(n) => form.nps.set(n.map(|n| n.to_string()).unwrap_or_default()),
    };
    let choose = Callback::new(move |(field, keep_mine): (DraftField, bool)| {
        let EditorTarget::Existing(deal) = target else {
            return;
        };
        let Some(current) = store
            .ws()
            .with_untracked(|ws| ws.deal(deal).map(|d| d.draft()))
        else {
            return;
        };
        let now = current.get(field);
        base.update_value(|b| b.set(field, now.clone()));
        if !keep_mine {
            fill(field, now);
        }
        conflicts.update(|list| list.retain(|c| c.field != field));
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(amount) = format::parse_money(&form.amount.get_untracked()) else {
            set_error(
                Some(Field::DealAmount),
                t_string!(i18n, deal.amount_format).to_string(),
            );
            return;
        };
        let expected_text = form.expected.get_untracked();
        let expected_close = if expected_text.trim().is_empty() {
            None
        } else {
            match expected_text.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    set_error(None, t_string!(i18n, deal.date_format).to_string());
                    return;
                }
            }
        };
        let nps_text = form.nps.get_untracked();
        let nps = if nps_text.trim().is_empty() {
            None
        } else {
            match nps_text.trim().parse::<u8>() {
                Ok(n) => Some(n),
                Err(_) => {
                    set_error(
                        Some(Field::DealNps),
                        t_string!(i18n, deal.nps_format).to_string(),
                    );
                    return;
                }
            }
        };
        let reason = form.loss_reason.get_untracked();
        let draft = DealDraft {
            title: form.title.get_untracked(),
            client: Client {
                company: form.company.get_untracked(),
                contact: form.contact.get_untracked(),
                phone: form.phone.get_untracked(),
                email: form.email.get_untracked(),
            },
            amount,
            owner: form.owner.get_untracked(),
            expected_close,
            loss_reason: (!reason.trim().is_empty()).then_some(reason),
            nps,
            notes: form.notes.get_untracked(),
        };
        let command = match target {
            EditorTarget::New(stage) => Command::CreateDeal {
                draft,
                stage,
                at: clock::now(),
            },
            EditorTarget::Existing(deal) => {
                let Some(current) = store
                    .ws()
                    .with_untracked(|ws| ws.deal(deal).map(|d| d.draft()))
                else {
                    set_error(None, t_string!(i18n, deal.deleted_elsewhere).to_string());
                    return;
                };
                let opened = base.get_value();
                let found = conflict::conflicts(&opened, &draft, &current);
                if !found.is_empty() {
                    conflicts.set(found);
                    return;
                }
                conflicts.set(Vec::new());
                let patch = DealPatch::between(&opened, &draft);
                if patch.is_empty() {
                    on_close.run(());
                    crate::ui::focus::focus_card(deal);
                    return;
                }
                Command::PatchDeal { deal, patch }
            }
        };
        match store.dispatch(command) {
            Ok(outcome) => {
                on_close.run(());
                let focus = match (outcome, target) {
                    (Outcome::DealCreated(id), _) | (_, EditorTarget::Existing(id)) => Some(id),
                    _ => None,
                };
                if let Some(id) = focus {
                    crate::ui::focus::focus_card(id);
                }
            }
            Err(ActionError::Domain(e)) => {
                set_error(errors::field_of(&e), errors::domain_error(i18n, &e))
            }
            Err(e) => set_error(None, errors::action_error(i18n, &e)),
        }
    };
    let delete = move |_| {
        let EditorTarget::Existing(deal) = target else {
            return;
        };
        let title = form.title.get_untracked();
        let ok = window()
            .confirm_with_message(&t_string!(i18n, deal.delete_confirm, title = title).to_string())
            .unwrap_or(false);
        if ok {
            match store.dispatch(Command::DeleteDeal { deal }) {
                Ok(_) => on_close.run(()),
                Err(e) => set_error(None, errors::action_error(i18n, &e)),
            }
        }
    };

    let employees = store.ws().with_untracked(|ws| {
        ws.employees()
            .map(|e| (e.id, e.name.clone(), e.active))
            .collect::<Vec<_>>()
    });
    let owner_error = move || {
        error.with(|e| {
            e.as_ref()
                .filter(|(f, _)| *f == Some(Field::DealOwner))
                .map(|(_, m)| m.clone())
        })
    };
    let loss_error = move || {
        error.with(|e| {
            e.as_ref()
                .filter(|(f, _)| *f == Some(Field::LossReason))
                .map(|(_, m)| m.clone())
        })
    };
    let general_error = move || {
        error.with(|e| {
            e.as_ref()
                .filter(|(f, _)| f.is_none() || *f == Some(Field::Notes))
                .map(|(_, m)| m.clone())
        })
    };
    let title_text = match target {
        EditorTarget::New(_) => {
            t_string!(i18n, deal.new_title, stage = stage_name.clone()).to_string()
        }
        EditorTarget::Existing(_) => t_string!(i18n, deal.edit_title).to_string(),
    };

    view! {
        <Modal title_id="deal-editor-title" on_close=on_close class="modal-wide">
            <form class="form deal-editor" on:submit=save data-testid="deal-editor" novalidate>
                <h2 id="deal-editor-title" class="modal-title">{title_text}</h2>
                <p class="muted">{t_string!(i18n, deal.stage, stage = stage_name.clone()).to_string()}</p>
                <div class="form-grid">
                    {text_field(t_string!(i18n, deal.title).to_string(), form.title, Some(Field::DealTitle), error, "text", "title")}
                    {text_field(
                        t_string!(i18n, deal.amount, currency = currency.symbol()).to_string(),
                        form.amount,
                        Some(Field::DealAmount),
                        error,
                        "text",
                        "amount",
                    )}
                    {text_field(t_string!(i18n, deal.company).to_string(), form.company, Some(Field::ClientCompany), error, "text", "company")}
                    {text_field(t_string!(i18n, deal.contact).to_string(), form.contact, Some(Field::ClientContact), error, "text", "contact")}
                    {text_field(t_string!(i18n, deal.phone).to_string(), form.phone, Some(Field::ClientPhone), error, "tel", "phone")}
                    {text_field(t_string!(i18n, deal.email).to_string(), form.email, Some(Field::ClientEmail), error, "email", "email")}
                    <div class="field">
                        <label class="field-label" for="deal-owner">{t!(i18n, deal.owner)}</label>
                        <select
                            id="deal-owner"
                            class="input"
                            data-testid="owner"
                            prop:value=move || form.owner.get().map(|id| id.0.to_string()).unwrap_or_default()
                            on:change=move |ev| form.owner.set(event_target_value(&ev).parse().ok().map(EmployeeId))
                        >
                            <option value="">{t!(i18n, deal.choose_owner)}</option>
                            {employees
                                .into_iter()
                                .map(|(id, name, active)| {
                                    let selected = form.owner.get_untracked() == Some(id);
                                    view! {
                                        <option value=id.0.to_string() selected=selected disabled=!active && !selected>
                                            {name}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <p class="field-error" role="alert">{owner_error}</p>
                    </div>
                    {text_field(t_string!(i18n, deal.expected_close).to_string(), form.expected, None, error, "date", "expected")}
                    {(stage_kind == StageKind::Won || form.nps.get_untracked() != "")
                        .then(|| text_field(t_string!(i18n, deal.nps).to_string(), form.nps, Some(Field::DealNps), error, "number", "nps"))}
                    {(stage_kind == StageKind::Lost)
                        .then(|| {
                            view! {
                                <div class="field">
                                    <label class="field-label" for="deal-loss">{t!(i18n, deal.loss_reason)}</label>
                                    <input
                                        id="deal-loss"
                                        class="input"
                                        data-testid="loss"
                                        prop:value=move || form.loss_reason.get()
                                        on:input=move |ev| form.loss_reason.set(event_target_value(&ev))
                                    />
                                    <p class="field-error" role="alert">{loss_error}</p>
                                </div>
                            }
                        })}
                </div>
                <div class="field">
                    <label class="field-label" for="deal-notes">{t!(i18n, deal.notes)}</label>
                    <textarea
                        id="deal-notes"
                        class="input"
                        rows="4"
                        data-testid="notes"
                        prop:value=move || form.notes.get()
                        on:input=move |ev| form.notes.set(event_target_value(&ev))
                    ></textarea>
                </div>
                {match target {
                    EditorTarget::Existing(deal) => view! { <TaskPanel deal=deal /> <HistoryPanel deal=deal /> }.into_any(),
                    EditorTarget::New(_) => ().into_any(),
                }}
                <ConflictPanel conflicts=conflicts.into() on_choose=choose />
                <p class="form-error" role="alert" data-testid="editor-error">{general_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" data-action="save-deal">
                        {match target {
                            EditorTarget::New(_) => t_string!(i18n, deal.create),
                            EditorTarget::Existing(_) => t_string!(i18n, deal.save),
                        }}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {t!(i18n, deal.cancel)}
                    </button>
                    {matches!(target, EditorTarget::Existing(_))
                        .then(|| {
                            view! {
                                <button type="button" class="button button-danger push-right" data-action="delete-deal" on:click=delete>
                                    {t!(i18n, deal.delete)}
                                </button>
                            }
                        })}
                </div>
            </form>
        </Modal>
    }
}

/// The current stage's task: done, checklist, due date. Each tick is an undoable command.
#[component]
fn TaskPanel(deal: DealId) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = move || {
        store.ws().with(|ws| {
            let d = ws.deal(deal)?;
            let (_, stage) = ws.stage(d.stage)?;
            let task = stage.task.clone()?;
            let state = d.task(stage.id).cloned();
            Some((stage.id, task, state))
        })
    };
    move || {
        data().map(|(stage, task, state)| {
            let locale = i18n.get_locale_untracked();
            let done = state.as_ref().is_some_and(|s| s.done);
            let checked = state.as_ref().map(|s| s.checked.clone()).unwrap_or_default();
            let due = state.as_ref().and_then(|s| s.due);
            view! {
                <section class="task-panel" data-testid="task-panel">
                    <h3 class="panel-title">{t!(i18n, deal.task)}</h3>
                    <p class="task-title"><strong>{task.title.clone()}</strong></p>
                    {(!task.description.is_empty()).then(|| view! { <p class="muted">{task.description.clone()}</p> })}
                    {due.map(|d| view! { <p class="muted">{t_string!(i18n, deal.task_due, date = format::date(locale, d)).to_string()}</p> })}
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            data-testid="task-done"
                            prop:checked=done
                            on:change=move |ev| {
                                if let Err(e) = store.dispatch(Command::SetTaskDone { deal, stage, done: event_target_checked(&ev) }) {
                                    crate::ui::announce::refused(i18n, &e);
                                }
                            }
                        />
                        {t!(i18n, deal.task_done)}
                    </label>
                    <ul class="checklist">
                        {task
                            .checklist
                            .iter()
                            .map(|item| {
                                let item = item.clone();
                                let on = checked.contains(&item);
                                let it = item.clone();
                                view! {
                                    <li>
                                        <label class="checkbox">
                                            <input
                                                type="checkbox"
                                                prop:checked=on
                                                on:change=move |ev| {
                                                    let result = store.dispatch(Command::SetChecklistItem {
                                                        deal,
                                                        stage,
                                                        item: it.clone(),
                                                        checked: event_target_checked(&ev),
                                                    });
                                                    if let Err(e) = result {
                                                        crate::ui::announce::refused(i18n, &e);
                                                    }
                                                }
                                            />
                                            {item}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Every stage change, newest first.
#[component]
fn HistoryPanel(deal: DealId) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let rows = move || {
        let locale = i18n.get_locale();
        store.ws().with(|ws| {
            let Some(d) = ws.deal(deal) else {
                return Vec::new();
            };
            let name = |s: StageId| {
                ws.stage(s)
                    .map(|(_, st)| st.name.clone())
                    .unwrap_or_else(|| t_string!(i18n, deal.deleted_stage).to_string())
            };
            d.history
                .iter()
                .rev()
                .map(|h| {
                    let t = h.at.datetime();
                    let when = format!(
                        "{} {:02}:{:02}",
                        format::date(locale, h.at.date()),
                        chrono::Timelike::hour(&t),
                        chrono::Timelike::minute(&t)
                    );
                    let what = match h.from {
                        None => t_string!(i18n, deal.created_in, stage = name(h.to)).to_string(),
                        Some(from) => {
                            t_string!(i18n, deal.moved, from = name(from), to = name(h.to))
                                .to_string()
                        }
                    };
                    (when, what)
                })
                .collect()
        })
    };
    view! {
        <section class="history-panel">
            <h3 class="panel-title">{t!(i18n, deal.history)}</h3>
            <ol class="history" data-testid="history">
                {move || rows().into_iter().map(|(when, what)| view! { <li><time>{when}</time>" "<span>{what}</span></li> }).collect_view()}
            </ol>
        </section>
    }
}
