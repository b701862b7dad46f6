//! Error messages in the UI language: import errors with their path, data problems.

use crate::domain::{DataProblem, StageKind};
use crate::i18n::*;
use crate::storage::envelope::{ReadError, MAX_FILE_BYTES};
use crate::storage::persist::LoadProblem;
use leptos_i18n::I18nContext;

/// What is wrong with a value, e.g. "unknown stage".
pub fn problem(i18n: I18nContext<Locale>, p: &DataProblem) -> String {
    match p {
        DataProblem::DuplicateId => t_string!(i18n, problem.duplicate_id),
        DataProblem::DuplicateName => t_string!(i18n, problem.duplicate_name),
        DataProblem::Empty => t_string!(i18n, problem.empty),
        DataProblem::TooLong => t_string!(i18n, problem.too_long),
        DataProblem::Invalid => t_string!(i18n, problem.invalid),
        DataProblem::NegativeAmount => t_string!(i18n, problem.negative),
        DataProblem::TooLarge => t_string!(i18n, problem.too_large),
        DataProblem::TooManyDeals => t_string!(i18n, problem.too_many_deals),
        DataProblem::UnknownStage => t_string!(i18n, problem.unknown_stage),
        DataProblem::UnknownDirection => t_string!(i18n, problem.unknown_direction),
        DataProblem::UnknownEmployee => t_string!(i18n, problem.unknown_employee),
        DataProblem::StageOfAnotherDirection => t_string!(i18n, problem.stage_of_another_direction),
        DataProblem::MissingStageKind(StageKind::Open | StageKind::Won | StageKind::Lost) => {
            t_string!(i18n, problem.missing_stage_kind)
        }
        DataProblem::ClosedStagesNotLast => t_string!(i18n, problem.closed_not_last),
        DataProblem::CloseDateMismatch => t_string!(i18n, problem.close_date),
        DataProblem::LossReasonMismatch => t_string!(i18n, problem.loss_reason),
        DataProblem::DuplicatePlan => t_string!(i18n, problem.duplicate_plan),
        DataProblem::CounterTooLow => t_string!(i18n, problem.counter),
    }
    .to_string()
}

/// Megabytes with one decimal, without float formatting (which costs kilobytes of wasm).
fn mb(bytes: usize) -> String {
    let tenths = bytes * 10 / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Why a file cannot be imported (without the "Cannot import" prefix).
pub fn read_error(i18n: I18nContext<Locale>, e: &ReadError) -> String {
    match e {
        ReadError::Empty => t_string!(i18n, import_error.empty).to_string(),
        ReadError::TooLarge(size) => t_string!(
            i18n,
            import_error.too_large,
            size = mb(*size),
            max = mb(MAX_FILE_BYTES)
        )
        .to_string(),
        ReadError::NotJson { line, column } => {
            t_string!(i18n, import_error.not_json, line = *line, column = *column).to_string()
        }
        ReadError::Truncated => t_string!(i18n, import_error.truncated).to_string(),
        ReadError::Damaged => t_string!(i18n, import_error.damaged).to_string(),
        ReadError::NotUtf8 => t_string!(i18n, import_error.not_utf8).to_string(),
        ReadError::NotVoronka => t_string!(i18n, import_error.not_voronka).to_string(),
        ReadError::FutureVersion(v) => {
            t_string!(i18n, import_error.future, version = *v).to_string()
        }
        ReadError::WrongType { path } => {
            t_string!(i18n, import_error.wrong_type, path = path.clone()).to_string()
        }
        ReadError::Invalid(e) => t_string!(
            i18n,
            import_error.invalid,
            path = e.path.clone(),
            problem = problem(i18n, &e.problem)
        )
        .to_string(),
    }
}

/// What is wrong with stored data.
pub fn load_problem(i18n: I18nContext<Locale>, p: &LoadProblem) -> String {
    match p {
        LoadProblem::Envelope(e) => read_error(i18n, e),
        LoadProblem::Shard(_) => t_string!(i18n, problem.shard).to_string(),
        LoadProblem::Inconsistent => t_string!(i18n, problem.inconsistent).to_string(),
    }
}
