//! The deal editor's form: one signal per field (what was typed stays when a save is
//! refused), how a draft fills it, how it reads back into a draft, and its field rows.

use crate::domain::{Client, DealDraft, DraftField, EmployeeId, Field, FieldValue, StageKind};
use crate::i18n::*;
use crate::ui::format;
use crate::ui::text::{msg, tr};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// A refusal and the field it belongs beside (`None`: the form as a whole).
pub type FormError = (Option<Field>, String);

/// The fields as typed.
#[derive(Clone, Copy)]
pub struct Form {
    pub title: RwSignal<String>,
    pub company: RwSignal<String>,
    pub contact: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub email: RwSignal<String>,
    pub amount: RwSignal<String>,
    pub owner: RwSignal<Option<EmployeeId>>,
    pub expected: RwSignal<String>,
    pub nps: RwSignal<String>,
    pub notes: RwSignal<String>,
    pub loss_reason: RwSignal<String>,
    pub error: RwSignal<Option<FormError>>,
}

impl Form {
    /// A form showing `draft`; a new deal's amount starts empty and its owner is `owner`.
    pub fn new(draft: &DealDraft, new: bool, owner: Option<EmployeeId>, locale: Locale) -> Form {
        Form {
            title: RwSignal::new(draft.title.clone()),
            company: RwSignal::new(draft.client.company.clone()),
            contact: RwSignal::new(draft.client.contact.clone()),
            phone: RwSignal::new(draft.client.phone.clone()),
            email: RwSignal::new(draft.client.email.clone()),
            amount: RwSignal::new(if new {
                String::new()
            } else {
                format::money_input(locale, draft.amount)
            }),
            owner: RwSignal::new(draft.owner.or(owner)),
            expected: RwSignal::new(
                draft
                    .expected_close
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
            ),
            nps: RwSignal::new(draft.nps.map(|n| n.to_string()).unwrap_or_default()),
            notes: RwSignal::new(draft.notes.clone()),
            loss_reason: RwSignal::new(draft.loss_reason.clone().unwrap_or_default()),
            error: RwSignal::new(None),
        }
    }

    /// Puts one field's value in the form (taking the saved value over a conflict).
    pub fn fill(&self, field: DraftField, value: FieldValue, locale: Locale) {
        match value {
            FieldValue::Text(s) => match field {
                DraftField::Title => self.title.set(s),
                DraftField::Company => self.company.set(s),
                DraftField::Contact => self.contact.set(s),
                DraftField::Phone => self.phone.set(s),
                DraftField::Email => self.email.set(s),
                _ => self.notes.set(s),
            },
            FieldValue::Amount(m) => self.amount.set(format::money_input(locale, m)),
            FieldValue::Owner(e) => self.owner.set(e),
            FieldValue::Date(d) => self
                .expected
                .set(d.map(|d| d.to_string()).unwrap_or_default()),
            FieldValue::OptText(s) => self.loss_reason.set(s.unwrap_or_default()),
            FieldValue::Score(n) => self.nps.set(n.map(|n| n.to_string()).unwrap_or_default()),
        }
    }

    /// The draft the form holds, or the first field that is not a well-formed value (amount,
    /// date, score) with its message; the domain checks the rest.
    pub fn read(&self, i18n: I18nContext<Locale>) -> Result<DealDraft, FormError> {
        let amount = format::parse_money(&self.amount.get_untracked()).ok_or_else(|| {
            (
                Some(Field::DealAmount),
                t_string!(i18n, deal.amount_format).to_string(),
            )
        })?;
        let expected = self.expected.get_untracked();
        let expected_close = match expected.trim() {
            "" => None,
            text => Some(
                crate::domain::time::parse_day(text)
                    .ok_or_else(|| (None, t_string!(i18n, deal.date_format).to_string()))?,
            ),
        };
        let nps = self.nps.get_untracked();
        let nps = match nps.trim() {
            "" => None,
            text => Some(text.parse::<u8>().map_err(|_| {
                (
                    Some(Field::DealNps),
                    t_string!(i18n, deal.nps_format).to_string(),
                )
            })?),
        };
        let reason = self.loss_reason.get_untracked();
        Ok(DealDraft {
            title: self.title.get_untracked(),
            client: Client {
                company: self.company.get_untracked(),
                contact: self.contact.get_untracked(),
                phone: self.phone.get_untracked(),
                email: self.email.get_untracked(),
            },
            amount,
            owner: self.owner.get_untracked(),
            expected_close,
            loss_reason: (!reason.trim().is_empty()).then_some(reason),
            nps,
            notes: self.notes.get_untracked(),
        })
    }

    /// The message shown beside `field`, if the last refusal was about it.
    pub fn message_for(&self, field: Field) -> impl Fn() -> Option<String> + Copy + 'static {
        let error = self.error;
        move || {
            error.with(|e| {
                e.as_ref()
                    .filter(|(f, _)| *f == Some(field))
                    .map(|(_, m)| m.clone())
            })
        }
    }

    /// The message of a refusal that belongs to no field shown (or to the notes).
    pub fn general_message(&self) -> impl Fn() -> Option<String> + Copy + 'static {
        let error = self.error;
        move || {
            error.with(|e| {
                e.as_ref()
                    .filter(|(f, _)| f.is_none() || *f == Some(Field::Notes))
                    .map(|(_, m)| m.clone())
            })
        }
    }
}

/// A labelled text input with its error line (`testid` also names its ids).
pub fn text_field(
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
            <label class="field-label" for=id.clone()>
                {label}
            </label>
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
            <p class="field-error" id=err_id2 role="alert">
                {message}
            </p>
        </div>
    }
}

/// The owner picker: active employees, and the current owner even if inactive.
#[component]
pub fn OwnerField(form: Form, employees: Vec<(EmployeeId, String, bool)>) -> impl IntoView {
    let i18n = use_i18n();
    let message = form.message_for(Field::DealOwner);
    view! {
        <div class="field">
            <label class="field-label" for="deal-owner">
                {tr!(i18n, deal.owner)}
            </label>
            <select
                id="deal-owner"
                class="input"
                data-testid="owner"
                prop:value=move || form.owner.get().map(|id| id.0.to_string()).unwrap_or_default()
                on:change=move |ev| {
                    form.owner.set(event_target_value(&ev).parse().ok().map(EmployeeId))
                }
            >
                <option value="">{tr!(i18n, deal.choose_owner)}</option>
                {employees
                    .into_iter()
                    .map(|(id, name, active)| {
                        let selected = form.owner.get_untracked() == Some(id);
                        view! {
                            <option
                                value=id.0.to_string()
                                selected=selected
                                disabled=!active && !selected
                            >
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" role="alert">
                {message}
            </p>
        </div>
    }
}

/// Why the deal was lost (shown for a deal in a lost stage).
#[component]
pub fn LossReasonField(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let message = form.message_for(Field::LossReason);
    view! {
        <div class="field">
            <label class="field-label" for="deal-loss">
                {tr!(i18n, deal.loss_reason)}
            </label>
            <input
                id="deal-loss"
                class="input"
                data-testid="loss"
                prop:value=move || form.loss_reason.get()
                on:input=move |ev| form.loss_reason.set(event_target_value(&ev))
            />
            <p class="field-error" role="alert">
                {message}
            </p>
        </div>
    }
}

/// Free notes about the deal.
#[component]
pub fn NotesField(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label class="field-label" for="deal-notes">
                {tr!(i18n, deal.notes)}
            </label>
            <textarea
                id="deal-notes"
                class="input"
                rows="4"
                data-testid="notes"
                prop:value=move || form.notes.get()
                on:input=move |ev| form.notes.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// The deal's fields in a grid: title, amount, client, owner, expected close, and the score
/// of a won deal or the reason of a lost one.
#[component]
pub fn DealFields(
    form: Form,
    currency: &'static str,
    stage_kind: StageKind,
    employees: Vec<(EmployeeId, String, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = form.error;
    view! {
        <div class="form-grid">
            {text_field(
                t_string!(i18n, deal.title).to_string(),
                form.title,
                Some(Field::DealTitle),
                error,
                "text",
                "title",
            )}
            {text_field(
                msg!(i18n, deal.amount, currency = currency),
                form.amount,
                Some(Field::DealAmount),
                error,
                "text",
                "amount",
            )}
            {text_field(
                t_string!(i18n, deal.company).to_string(),
                form.company,
                Some(Field::ClientCompany),
                error,
                "text",
                "company",
            )}
            {text_field(
                t_string!(i18n, deal.contact).to_string(),
                form.contact,
                Some(Field::ClientContact),
                error,
                "text",
                "contact",
            )}
            {text_field(
                t_string!(i18n, deal.phone).to_string(),
                form.phone,
                Some(Field::ClientPhone),
                error,
                "tel",
                "phone",
            )}
            {text_field(
                t_string!(i18n, deal.email).to_string(),
                form.email,
                Some(Field::ClientEmail),
                error,
                "email",
                "email",
            )} <OwnerField form=form employees=employees />
            {text_field(
                t_string!(i18n, deal.expected_close).to_string(),
                form.expected,
                None,
                error,
                "date",
                "expected",
            )}
            {(stage_kind == StageKind::Won || !form.nps.get_untracked().is_empty())
                .then(|| text_field(
                    t_string!(i18n, deal.nps).to_string(),
                    form.nps,
                    Some(Field::DealNps),
                    error,
                    "number",
                    "nps",
                ))}
            {(stage_kind == StageKind::Lost).then(|| view! { <LossReasonField form=form /> })}
        </div>
    }
}
