//! Error messages in the UI language: import errors with their path, data problems.

use crate::domain::{DataProblem, StageKind};
use crate::i18n::*;
use crate::state::workspace_file::{LoadProblem, ReadError, MAX_FILE_BYTES};
use crate::ui::text::msg;
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

/// Megabytes with one decimal in the locale's way (`48,0` in Russian, `48.0` in English),
/// without float formatting (which costs kilobytes of wasm).
fn mb(locale: Locale, bytes: usize) -> String {
    let tenths = bytes * 10 / 1_048_576;
    let point = if locale == Locale::ru { ',' } else { '.' };
    format!("{}{point}{}", tenths / 10, tenths % 10)
}

/// Why a file cannot be imported (without the "Cannot import" prefix).
pub fn read_error(i18n: I18nContext<Locale>, e: &ReadError) -> String {
    match e {
        ReadError::Empty => t_string!(i18n, import_error.empty).to_string(),
        ReadError::TooLarge(size) => msg!(
            i18n,
            import_error.too_large,
            size = mb(i18n.get_locale_untracked(), *size),
            max = mb(i18n.get_locale_untracked(), MAX_FILE_BYTES)
        ),
        ReadError::NotJson { line, column } => {
            msg!(i18n, import_error.not_json, line = *line, column = *column)
        }
        ReadError::Truncated => t_string!(i18n, import_error.truncated).to_string(),
        ReadError::Damaged => t_string!(i18n, import_error.damaged).to_string(),
        ReadError::NotUtf8 => t_string!(i18n, import_error.not_utf8).to_string(),
        ReadError::NotVoronka => t_string!(i18n, import_error.not_voronka).to_string(),
        ReadError::FutureVersion(v) => {
            msg!(i18n, import_error.future, version = *v)
        }
        ReadError::WrongType { path } => {
            msg!(i18n, import_error.wrong_type, path = path)
        }
        ReadError::Invalid(e) => msg!(
            i18n,
            import_error.invalid,
            path = e.path,
            problem = problem(i18n, &e.problem)
        ),
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

/// Why a CSV file cannot be imported (without the "Cannot import" prefix).
pub fn csv_error(i18n: I18nContext<Locale>, e: &crate::crm::CsvError) -> String {
    use crate::crm::CsvError;
    match e {
        CsvError::TooLarge(size) => msg!(
            i18n,
            import_error.too_large,
            size = mb(i18n.get_locale_untracked(), *size),
            max = mb(i18n.get_locale_untracked(), crate::crm::MAX_CSV_BYTES)
        ),
        CsvError::Empty => t_string!(i18n, import_error.csv_empty).to_string(),
        CsvError::HeaderOnly => t_string!(i18n, import_error.csv_header_only).to_string(),
        CsvError::NotText => t_string!(i18n, import_error.csv_not_text).to_string(),
        CsvError::NotCsv => t_string!(i18n, import_error.csv_not_csv).to_string(),
        CsvError::UnbalancedQuotes { line } => {
            msg!(i18n, import_error.csv_unbalanced, line = *line)
        }
    }
}

/// "Row 5, column “Amount”: “abc” is not a number." for a skipped row.
pub fn skipped_row(i18n: I18nContext<Locale>, skip: &crate::crm::Skip) -> String {
    use crate::crm::RowProblem;
    let locale = i18n.get_locale_untracked();
    let line = super::format::integer(locale, skip.line as i64);
    let place = match &skip.column {
        Some(column) => {
            msg!(i18n, csv.row_column, line = line, column = column)
        }
        None => msg!(i18n, csv.row, line = line),
    };
    let what = match &skip.problem {
        RowProblem::FieldCount { expected, found } => {
            super::counts::csv_field_count(locale, *found, *expected)
        }
        RowProblem::NotANumber(v) => {
            msg!(i18n, csv.not_a_number, value = v)
        }
        RowProblem::Negative(v) => msg!(i18n, csv.negative, value = v),
        RowProblem::NotADate(v) => msg!(i18n, csv.not_a_date, value = v),
        RowProblem::NoTitle => t_string!(i18n, csv.no_title).to_string(),
        RowProblem::Refused(e) => super::errors::domain_error(i18n, e),
    };
    format!("{place}: {what}")
}

/// The server's reason for refusing a change, in the user's words.
pub fn refusal_reason(i18n: I18nContext<Locale>, text: &str) -> String {
    match text {
        voronka_core::sync::roles::reason::HEAD_ONLY => {
            t_string!(i18n, team.reason_head_only).to_string()
        }
        voronka_core::sync::roles::reason::NOT_YOURS => {
            t_string!(i18n, team.reason_not_yours).to_string()
        }
        voronka_core::sync::roles::reason::NOT_A_MEMBER => {
            t_string!(i18n, team.reason_not_member).to_string()
        }
        voronka_core::sync::roles::reason::UNKNOWN => {
            t_string!(i18n, team.reason_unknown).to_string()
        }
        other => other.to_string(),
    }
}
