//! Why a command was refused: an enum a UI translates, never a string.

use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::stage::StageKind;
use thiserror::Error;

/// A field a validation error points at, so the UI can show the message beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Direction name.
    DirectionName,
    /// Stage name.
    StageName,
    /// Stage colour.
    StageColor,
    /// Stage win probability.
    StageProbability,
    /// Stage task title.
    TaskTitle,
    /// Employee name.
    EmployeeName,
    /// Deal title.
    DealTitle,
    /// Deal amount.
    DealAmount,
    /// Deal owner.
    DealOwner,
    /// Client e-mail.
    ClientEmail,
    /// Client phone.
    ClientPhone,
    /// Deal NPS score.
    DealNps,
    /// Loss reason.
    LossReason,
    /// Plan amount.
    PlanAmount,
    /// A text too long to keep.
    Notes,
    /// Client company.
    ClientCompany,
    /// Contact person.
    ClientContact,
    /// A field of the company's requisites.
    Requisite(super::documents::party::RequisiteField),
}

/// Every way a command can be refused. Each variant names what the UI needs to explain it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DomainError {
    /// No deal with this id.
    #[error("unknown deal {0}")]
    UnknownDeal(DealId),
    /// No stage with this id.
    #[error("unknown stage {0}")]
    UnknownStage(StageId),
    /// No direction with this id.
    #[error("unknown direction {0}")]
    UnknownDirection(DirectionId),
    /// No employee with this id.
    #[error("unknown employee {0}")]
    UnknownEmployee(EmployeeId),
    /// A required text is empty.
    #[error("{0:?} must not be empty")]
    Empty(Field),
    /// A text is longer than its limit.
    #[error("{field:?} is longer than {max} characters")]
    TooLong {
        /// Which field.
        field: Field,
        /// Its limit.
        max: usize,
    },
    /// A value is outside its allowed range or format.
    #[error("{0:?} is invalid")]
    Invalid(Field),
    /// A requisite fails its check (a mistyped ИНН, an account that is not the bank's).
    #[error("{field:?}: {error}")]
    Requisite {
        /// Which field.
        field: super::documents::party::RequisiteField,
        /// Why.
        error: super::documents::requisites::RequisiteError,
    },
    /// Another direction already has this name.
    #[error("a direction with this name already exists")]
    DuplicateDirectionName,
    /// Another employee already has this name.
    #[error("an employee with this name already exists")]
    DuplicateEmployeeName,
    /// The same loss reason is listed twice.
    #[error("duplicate loss reason")]
    DuplicateLossReason,
    /// An amount below zero.
    #[error("amount must not be negative")]
    NegativeAmount,
    /// A position beyond the end of the column or list.
    #[error("position {index} is out of range 0..={len}")]
    PositionOutOfRange {
        /// Requested position.
        index: usize,
        /// Largest allowed position.
        len: usize,
    },
    /// Moving forward past an unfinished task needs the user's confirmation.
    #[error("the task of stage {stage} is not done for deal {deal}")]
    TaskNotDone {
        /// The deal.
        deal: DealId,
        /// The stage whose task is open.
        stage: StageId,
    },
    /// A lost stage needs a loss reason.
    #[error("a loss reason is required")]
    LossReasonRequired,
    /// A direction must keep at least one stage of each kind.
    #[error("a direction needs at least one {0:?} stage")]
    MissingStageKind(StageKind),
    /// Open stages must come before won and lost ones.
    #[error("won and lost stages must come after the open ones")]
    ClosedStagesMustBeLast,
    /// The stage holds deals: say where they go.
    #[error("stage {stage} holds {count} deals")]
    StageHoldsDeals {
        /// The stage.
        stage: StageId,
        /// How many deals.
        count: usize,
    },
    /// A stage's kind cannot change while it holds deals.
    #[error("stage {stage} holds {count} deals; its kind cannot change")]
    KindChangeWithDeals {
        /// The stage.
        stage: StageId,
        /// How many deals.
        count: usize,
    },
    /// The target stage must be another stage of the same direction.
    #[error("target stage {0} is not another stage of this direction")]
    BadTargetStage(StageId),
    /// The direction holds deals: say where they go.
    #[error("direction {direction} holds {count} deals")]
    DirectionHoldsDeals {
        /// The direction.
        direction: DirectionId,
        /// How many deals.
        count: usize,
    },
    /// The target direction must be another, active direction.
    #[error("target direction {0} cannot take the deals")]
    BadTargetDirection(DirectionId),
    /// A stage holding deals has no target in the stage mapping.
    #[error("stage {0} is not mapped to a stage of the target direction")]
    UnmappedStage(StageId),
    /// The direction is archived: restore it first.
    #[error("direction {0} is archived")]
    DirectionArchived(DirectionId),
    /// An inactive employee cannot be given new deals or plans.
    #[error("employee {0} is inactive")]
    EmployeeInactive(EmployeeId),
    /// The period does not exist (e.g. month 13).
    #[error("invalid period")]
    InvalidPeriod,
    /// The checklist item is not on the stage's task.
    #[error("no such checklist item")]
    UnknownChecklistItem,
    /// The stage has no task.
    #[error("stage {0} has no task")]
    NoTask(StageId),
    /// Nothing to undo.
    #[error("nothing to undo")]
    NothingToUndo,
    /// What an undo would revert was changed meanwhile (by another tab).
    #[error("changed elsewhere since")]
    ChangedElsewhere,
    /// Nothing to redo.
    #[error("nothing to redo")]
    NothingToRedo,
    /// An amount above [`super::validate::MAX_AMOUNT`].
    #[error("amount too large")]
    AmountTooLarge(Field),
    /// The workspace already holds [`super::validate::MAX_DEALS`] deals.
    #[error("too many deals")]
    TooManyDeals,
}

/// Result of applying a command.
pub type DomainResult<T> = Result<T, DomainError>;
