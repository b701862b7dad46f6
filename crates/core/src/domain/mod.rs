//! The business model of Voronka in pure Rust: no browser, no Leptos. Every change of state is
//! a [`Command`] applied to the [`Workspace`]; every rule lives and is tested here.

pub mod agenda;
pub mod analytics;
mod apply;
pub mod board;
pub mod command;
pub mod data;
pub mod deal;
pub mod deletion;
pub mod demo;
pub mod direction;
pub mod documents;
pub mod employee;
pub mod error;
pub mod history;
pub mod ids;
pub mod import;
mod invariants;
mod journal;
mod lookup;
pub mod money;
pub mod outcome;
pub mod patch;
pub mod period;
pub mod plan;
pub mod plans;
pub mod replay;
pub mod stage;
mod steps;
pub mod templates;
pub mod time;
pub mod validate;
pub mod workspace;

pub use board::OpenTotals;
pub use board::{Board, BoardFilter, Column, ColumnFigures, Totals};
pub use command::{Command, DirectionMapping};
pub use data::{DataError, DataProblem, PlanRecord, WorkspaceData};
pub use deal::{Client, Deal, DealDraft, DealSource, StageChange, TaskState};
pub use direction::{Audience, Classification, Complexity, Direction, Segment, Touches};
pub use employee::Employee;
pub use error::{DomainError, DomainResult, Field};
pub use history::History;
pub use ids::{DealId, DirectionId, EmployeeId, IdSlot, StageId};
pub use import::{EmployeeRef, ImportBatch, ImportedDeal, NewDirection, NewStage, StageRef};
pub use invariants::Violation;
pub use journal::ChangeLog;
pub use money::{Currency, Money};
pub use outcome::Outcome;
pub use patch::{DealPatch, DraftField, FieldValue};
pub use period::{Period, PeriodKind};
pub use plan::{PlanTarget, PlanValue};
pub use plans::{Completion, Completions};
pub use replay::{Change, Footprint};
pub use stage::{Stage, StageKind, StageSpec, StageTask};
pub use templates::Template;
pub use time::Stamp;
pub use workspace::{StageTally, Workspace};

use serde::{Deserialize, Serialize};

/// The two languages of Voronka's own content (templates, demo data).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    En = 0,
    /// Russian.
    Ru = 1,
}
