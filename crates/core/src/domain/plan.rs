//! Sales plans: a target for one employee and one period.

use super::money::Money;
use serde::{Deserialize, Serialize};

/// A plan's target: an amount and, optionally, a number of won deals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTarget {
    /// Amount to win in the period.
    pub amount: Money,
    /// Number of deals to win, if planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deals: Option<u32>,
}

/// A plan value as the app shows it: set by hand, or derived by summing shorter periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanValue {
    /// The target.
    pub target: PlanTarget,
    /// `true` when summed from shorter periods rather than set for this one.
    pub derived: bool,
}
