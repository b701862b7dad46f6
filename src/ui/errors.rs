//! Domain refusals in the UI language, and which form field each belongs beside.

use crate::domain::documents::party::RequisiteField;
use crate::domain::{Command, DomainError, Field, Outcome};
use crate::i18n::*;
use crate::state::store::{ActionError, Store};
use crate::ui::counts;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// Dispatches `command`: on success clears `error` and gives the outcome; on a refusal shows
/// its message in `error` and gives `None` — the one shape of "do it, then go on or say why".
pub fn dispatch_shown(
    store: Store,
    i18n: I18nContext<Locale>,
    error: RwSignal<Option<String>>,
    command: Command,
) -> Option<Outcome> {
    match store.dispatch(command) {
        Ok(outcome) => {
            error.set(None);
            Some(outcome)
        }
        Err(e) => {
            error.set(Some(action_error(i18n, &e)));
            None
        }
    }
}

/// The message for a refused action.
pub fn action_error(i18n: I18nContext<Locale>, e: &ActionError) -> String {
    match e {
        ActionError::ReadOnly => t_string!(i18n, error.read_only).to_string(),
        ActionError::Domain(d) => domain_error(i18n, d),
        ActionError::NotAllowed(reason) => refusal_sentence(i18n, reason),
        ActionError::NotLoaded => t_string!(i18n, error.not_loaded).to_string(),
    }
}

/// The message for a domain refusal.
pub fn domain_error(i18n: I18nContext<Locale>, e: &DomainError) -> String {
    use DomainError::*;
    match e {
        UnknownDeal(_) | UnknownStage(_) | UnknownDirection(_) | UnknownEmployee(_)
        | UnknownChecklistItem | NoTask(_) => t_string!(i18n, error.gone).to_string(),
        Empty(Field::DealTitle) => t_string!(i18n, error.empty_title).to_string(),
        Empty(Field::DealOwner) => t_string!(i18n, error.owner).to_string(),
        Empty(Field::LossReason) => t_string!(i18n, error.loss_reason).to_string(),
        Empty(_) => t_string!(i18n, error.empty_name).to_string(),
        TooLong { max, .. } => counts::too_long(i18n.get_locale_untracked(), *max),
        Invalid(Field::ClientEmail | Field::Requisite(RequisiteField::Email)) => {
            t_string!(i18n, error.email).to_string()
        }
        Invalid(Field::ClientPhone | Field::Requisite(RequisiteField::Phone)) => {
            t_string!(i18n, error.phone).to_string()
        }
        Invalid(Field::DealNps) => t_string!(i18n, error.nps).to_string(),
        Invalid(_) => t_string!(i18n, error.invalid).to_string(),
        DuplicateDirectionName => t_string!(i18n, error.duplicate_direction).to_string(),
        DuplicateEmployeeName => t_string!(i18n, error.duplicate_employee).to_string(),
        DuplicateLossReason => t_string!(i18n, error.duplicate_reason).to_string(),
        NegativeAmount => t_string!(i18n, error.negative).to_string(),
        PositionOutOfRange { .. } => t_string!(i18n, error.position).to_string(),
        TaskNotDone { .. } => t_string!(i18n, error.task_not_done).to_string(),
        LossReasonRequired => t_string!(i18n, error.loss_reason).to_string(),
        MissingStageKind(_) => t_string!(i18n, error.missing_kind).to_string(),
        ClosedStagesMustBeLast => t_string!(i18n, error.closed_last).to_string(),
        StageHoldsDeals { count, .. } => counts::stage_holds(i18n.get_locale_untracked(), *count),
        KindChangeWithDeals { count, .. } => {
            counts::kind_with_deals(i18n.get_locale_untracked(), *count)
        }
        BadTargetStage(_) => t_string!(i18n, error.bad_target).to_string(),
        DirectionHoldsDeals { count, .. } => {
            counts::direction_holds(i18n.get_locale_untracked(), *count)
        }
        BadTargetDirection(_) => t_string!(i18n, error.bad_target_direction).to_string(),
        UnmappedStage(_) => t_string!(i18n, error.unmapped).to_string(),
        DirectionArchived(_) => t_string!(i18n, error.archived).to_string(),
        EmployeeInactive(_) => t_string!(i18n, error.inactive).to_string(),
        InvalidPeriod => t_string!(i18n, error.period).to_string(),
        NothingToUndo => t_string!(i18n, error.nothing).to_string(),
        ChangedElsewhere => t_string!(i18n, error.changed_elsewhere).to_string(),
        NothingToRedo => t_string!(i18n, error.nothing_redo).to_string(),
        AmountTooLarge(_) => t_string!(i18n, error.amount_too_large).to_string(),
        TooManyDeals => t_string!(i18n, error.too_many_deals).to_string(),
        // Only the company card meets it, and says it under the field (`ui/data/company.rs`):
        // the messages stay in the Data view's module.
        Requisite { .. } => t_string!(i18n, error.invalid).to_string(),
    }
}

/// The form field a refusal belongs beside, if any.
pub fn field_of(e: &DomainError) -> Option<Field> {
    match e {
        DomainError::Empty(f) | DomainError::Invalid(f) | DomainError::TooLong { field: f, .. } => {
            Some(*f)
        }
        DomainError::NegativeAmount => Some(Field::DealAmount),
        DomainError::AmountTooLarge(f) => Some(*f),
        DomainError::EmployeeInactive(_) | DomainError::UnknownEmployee(_) => {
            Some(Field::DealOwner)
        }
        DomainError::LossReasonRequired => Some(Field::LossReason),
        DomainError::Requisite { field, .. } => Some(Field::Requisite(*field)),
        _ => None,
    }
}

/// Why this user may not make a change in a team, as a sentence of its own (the view where
/// they tried says it).
pub fn refusal_sentence(i18n: I18nContext<Locale>, text: &str) -> String {
    use voronka_core::sync::roles::reason;
    match text {
        reason::HEAD_ONLY => t_string!(i18n, team.deny_head_only).to_string(),
        reason::NOT_YOURS => t_string!(i18n, team.deny_not_yours).to_string(),
        reason::NOT_A_MEMBER => t_string!(i18n, team.deny_not_member).to_string(),
        other => other.to_string(),
    }
}
