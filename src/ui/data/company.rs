//! The Data view's card with the workspace's own company: the seller on its documents. Each
//! number is checked by the domain's rules as the user leaves its field, and the whole card is
//! saved as one command (one undo step).

use crate::domain::documents::party::{RequisiteField, Requisites};
use crate::domain::documents::requisites::RequisiteError;
use crate::domain::{Command, DomainError, Field};
use crate::i18n::*;
use crate::state::store::{use_store, ActionError};
use crate::ui::counts;
use crate::ui::errors::{action_error, field_of};
use crate::ui::head_only::{HeadOnly, HeadOnlyNote};
use crate::ui::text::tr;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::collections::BTreeSet;

/// A field's label: a foreign company's tax, registration and account numbers are named as
/// they are abroad.
fn label(i18n: I18nContext<Locale>, field: RequisiteField, foreign: bool) -> &'static str {
    use RequisiteField as F;
    match field {
        F::Name => t_string!(i18n, company.name),
        F::Inn if foreign => t_string!(i18n, company.tax_number),
        F::Inn => t_string!(i18n, company.inn),
        F::Kpp => t_string!(i18n, company.kpp),
        F::Ogrn if foreign => t_string!(i18n, company.registration_number),
        F::Ogrn => t_string!(i18n, company.ogrn),
        F::Address => t_string!(i18n, company.address),
        F::Bank => t_string!(i18n, company.bank),
        F::Bik => t_string!(i18n, company.bik),
        F::CorrespondentAccount => t_string!(i18n, company.correspondent_account),
        F::Account if foreign => t_string!(i18n, company.account_number),
        F::Account => t_string!(i18n, company.account),
        F::Iban => t_string!(i18n, company.iban),
        F::Swift => t_string!(i18n, company.swift),
        F::Director => t_string!(i18n, company.director),
        F::DirectorTitle => t_string!(i18n, company.director_title),
        F::Accountant => t_string!(i18n, company.accountant),
        F::Phone => t_string!(i18n, company.phone),
        F::Email => t_string!(i18n, company.email),
    }
}

/// Why a requisite fails its check, as the form says it under the field.
fn requisite_message(locale: Locale, e: RequisiteError) -> String {
    match e {
        RequisiteError::NotDigits => td_string!(locale, company.not_digits).to_string(),
        RequisiteError::Length(lengths) => counts::digits_needed(locale, lengths),
        RequisiteError::LengthBetween(min, max) => counts::characters_between(locale, min, max),
        RequisiteError::Checksum => td_string!(locale, company.checksum).to_string(),
        RequisiteError::NotRussianBank => td_string!(locale, company.not_russian_bank).to_string(),
        RequisiteError::NeedsBik => td_string!(locale, company.needs_bik).to_string(),
    }
}

/// The input type and the keyboard a field wants on a phone.
fn input_kind(field: RequisiteField, foreign: bool) -> (&'static str, &'static str) {
    use RequisiteField as F;
    match field {
        F::Email => ("email", "email"),
        F::Phone => ("tel", "tel"),
        F::Inn | F::Kpp | F::Ogrn | F::Bik | F::CorrespondentAccount | F::Account if !foreign => {
            ("text", "numeric")
        }
        _ => ("text", "text"),
    }
}

/// The company's requisites, edited and saved.
#[component]
pub fn CompanyCard() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let stored = move || store.ws().with(|ws| ws.company().clone());
    let stored_untracked = move || store.ws().with_untracked(|ws| ws.company().clone());
    let draft = RwSignal::new(store.ws().with_untracked(|ws| ws.company().clone()));
    let baseline = RwSignal::new(draft.get_untracked());
    // The fields whose check is shown: those the user has left, and all after a save.
    let left = RwSignal::new(BTreeSet::<RequisiteField>::new());
    let refusal = RwSignal::new(None::<(Option<RequisiteField>, String)>);
    let saved = RwSignal::new(false);
    let foreign = Memo::new(move |_| draft.with(|r| r.foreign));
    // Another tab or the team changed the company: an untouched draft takes it.
    Effect::new(move |_| {
        let now = stored();
        if draft.get_untracked() == baseline.get_untracked() {
            draft.set(now.clone());
        }
        baseline.set(now);
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let foreign = draft.with_untracked(|r| r.foreign);
        left.set(Requisites::form_fields(foreign).iter().copied().collect());
        let requisites = Box::new(draft.get_untracked());
        match store.dispatch(Command::SetCompany { requisites }) {
            Ok(_) => {
                refusal.set(None);
                let kept = stored_untracked();
                baseline.set(kept.clone());
                draft.set(kept);
                saved.set(true);
            }
            Err(e) => {
                saved.set(false);
                let (field, message) = match &e {
                    ActionError::Domain(DomainError::Requisite { field, error }) => (
                        Some(*field),
                        requisite_message(i18n.get_locale_untracked(), *error),
                    ),
                    ActionError::Domain(d) => match field_of(d) {
                        Some(Field::Requisite(field)) => (Some(field), action_error(i18n, &e)),
                        _ => (None, action_error(i18n, &e)),
                    },
                    _ => (None, action_error(i18n, &e)),
                };
                refusal.set(Some((field, message)));
            }
        }
    };

    let field_view = move |field: RequisiteField| {
        let foreign = foreign.get_untracked();
        let id = format!("company-{}", field.key());
        let err_id = format!("{id}-error");
        let message = move || {
            let locale = i18n.get_locale();
            let refused = refusal.with(|r| {
                r.as_ref()
                    .filter(|(f, _)| *f == Some(field))
                    .map(|(_, m)| m.clone())
            });
            refused.or_else(|| {
                if !left.with(|l| l.contains(&field)) {
                    return None;
                }
                draft.with(|r| {
                    r.errors()
                        .into_iter()
                        .find(|(f, _)| *f == field)
                        .map(|(_, e)| requisite_message(locale, e))
                })
            })
        };
        let (kind, mode) = input_kind(field, foreign);
        let wide = matches!(
            field,
            RequisiteField::Name | RequisiteField::Address | RequisiteField::Bank
        );
        view! {
            <div class=if wide { "field field-wide" } else { "field" }>
                <label class="field-label" for=id.clone()>
                    {move || label(i18n, field, foreign)}
                </label>
                <input
                    id=id
                    class="input"
                    type=kind
                    inputmode=mode
                    autocomplete="off"
                    data-field=field.key()
                    aria-invalid=move || message().is_some().to_string()
                    aria-describedby=err_id.clone()
                    prop:value=move || draft.with(|r| r.get(field).to_owned())
                    on:input=move |ev| {
                        saved.set(false);
                        if refusal
                            .with_untracked(|r| r.as_ref().is_some_and(|(f, _)| *f == Some(field)))
                        {
                            refusal.set(None);
                        }
                        draft.update(|r| r.set(field, event_target_value(&ev)));
                    }
                    on:change=move |_| {
                        left.update(|l| {
                            l.insert(field);
                        })
                    }
                />
                <p class="field-error" id=err_id role="alert">
                    {message}
                </p>
            </div>
        }
    };

    let missing = move || {
        let missing = draft.with(Requisites::missing_for_payment);
        if missing.is_empty() {
            return t_string!(i18n, company.ready).to_owned();
        }
        let names: Vec<&str> = missing
            .iter()
            .map(|f| label(i18n, *f, foreign.get()))
            .collect();
        crate::ui::text::fill(
            t_string!(i18n, company.missing),
            &[("fields", &names.join(", "))],
        )
    };
    let general_refusal = move || {
        refusal.with(|r| {
            r.as_ref()
                .filter(|(f, _)| f.is_none())
                .map(|(_, m)| m.clone())
        })
    };

    view! {
        <section class="card card-wide" data-section="company">
            <h2 class="card-title">{tr!(i18n, company.title)}</h2>
            <p class="muted">{tr!(i18n, company.desc)}</p>
            <HeadOnlyNote />
            <HeadOnly>
                <form class="form company-form" novalidate on:submit=save>
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            data-field="foreign"
                            prop:checked=move || foreign.get()
                            on:change=move |ev| {
                                saved.set(false);
                                draft.update(|r| r.foreign = event_target_checked(&ev));
                            }
                        />
                        {tr!(i18n, company.foreign)}
                    </label>
                    {move || {
                        let fields = Requisites::form_fields(foreign.get());
                        // Drawn again only when the kind of company changes, never per key.
                        view! {
                            <div class="form-grid company-fields">
                                {fields.iter().map(|f| field_view(*f)).collect_view()}
                            </div>
                        }
                    }}
                    <p class="muted" data-testid="company-missing">
                        {missing}
                    </p>
                    <p class="form-error" role="alert">
                        {general_refusal}
                    </p>
                    <div class="button-row">
                        <button
                            type="submit"
                            class="button button-primary"
                            data-action="save-company"
                        >
                            {tr!(i18n, company.save)}
                        </button>
                        <span class="saved-note" role="status" data-testid="company-saved">
                            {move || saved.get().then(|| t_string!(i18n, company.saved))}
                        </span>
                    </div>
                </form>
            </HeadOnly>
        </section>
    }
}
