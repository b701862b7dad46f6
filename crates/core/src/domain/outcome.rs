//! What a successful command did.

use super::ids::{DealId, DirectionId, EmployeeId, StageId};

/// What a successful command did, for the UI (e.g. to focus a new deal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing new to point at.
    Done,
    /// A direction was created.
    DirectionCreated(DirectionId),
    /// A stage was created.
    StageCreated(StageId),
    /// An employee was added.
    EmployeeAdded(EmployeeId),
    /// A deal was created.
    DealCreated(DealId),
    /// Deals moved (by a move, or out of a deleted stage or direction).
    DealsMoved(usize),
    /// This many deals were imported.
    Imported(usize),
}
