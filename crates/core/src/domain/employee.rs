//! Employees: the sales reps who own deals and have plans.

use super::ids::EmployeeId;
use serde::{Deserialize, Serialize};

/// A sales rep. A deactivated employee keeps their deals, plans and history but cannot be
/// given new deals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employee {
    /// Identity.
    pub id: EmployeeId,
    /// Display name.
    pub name: String,
    /// Whether the employee still works in the team.
    pub active: bool,
}
