//! What was won and lost in a period, why deals were lost, and the same per employee.

use super::{share_bp, Scope};
use crate::domain::ids::{DealId, EmployeeId};
use crate::domain::money::Money;
use crate::domain::stage::StageKind;
use crate::domain::workspace::Workspace;
use std::collections::BTreeMap;

/// Won and lost counts and sums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Deals won.
    pub won: usize,
    /// Their amounts.
    pub won_sum: Money,
    /// Deals lost.
    pub lost: usize,
    /// Their amounts.
    pub lost_sum: Money,
    /// The deals closed, won and lost.
    pub deals: Vec<DealId>,
}

impl Tally {
    /// Won ÷ (won + lost), in basis points.
    pub fn win_rate_bp(&self) -> Option<u32> {
        share_bp(self.won, self.won + self.lost)
    }

    /// The average won deal, rounded down to a minor unit.
    pub fn average_won(&self) -> Option<Money> {
        (self.won > 0).then(|| Money(self.won_sum.0 / self.won as i64))
    }
}

/// One loss reason's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReasonRow {
    /// The reason as recorded.
    pub reason: String,
    /// Deals lost for it.
    pub count: usize,
    /// Their amounts.
    pub sum: Money,
    /// `count` of all lost deals, in basis points.
    pub share_bp: Option<u32>,
    /// Which.
    pub deals: Vec<DealId>,
}

/// Won and lost in a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Everyone's.
    pub total: Tally,
    /// By loss reason, most deals first (then by name).
    pub reasons: Vec<ReasonRow>,
    /// By employee (each employee with a deal closed in the period), in employee order.
    pub employees: Vec<(EmployeeId, Tally)>,
}

impl Workspace {
    /// Deals closed (won or lost) in `scope.period`, in `scope.direction` (or all), owned by
    /// `scope.owner` (or anyone).
    pub fn outcomes(&self, scope: Scope) -> Outcomes {
        let mut out = Outcomes::default();
        let mut reasons: BTreeMap<&str, ReasonRow> = BTreeMap::new();
        let mut employees: BTreeMap<EmployeeId, Tally> = BTreeMap::new();
        let window = super::Window::of(scope.period);
        for deal in self.deals() {
            if scope.direction.is_some_and(|d| d != deal.direction)
                || scope.owner.is_some_and(|o| o != deal.owner)
            {
                continue;
            }
            let Some(closed) = deal.closed_at else {
                continue;
            };
            if !window.has(closed) {
                continue;
            }
            let Some((_, stage)) = self.stage(deal.stage) else {
                continue;
            };
            let tally = employees.entry(deal.owner).or_default();
            if stage.kind != StageKind::Open {
                out.total.deals.push(deal.id);
                tally.deals.push(deal.id);
            }
            match stage.kind {
                StageKind::Won => {
                    for t in [&mut out.total, tally] {
                        t.won += 1;
                        t.won_sum += deal.amount;
                    }
                }
                StageKind::Lost => {
                    for t in [&mut out.total, tally] {
                        t.lost += 1;
                        t.lost_sum += deal.amount;
                    }
                    let reason = deal.loss_reason.as_deref().unwrap_or_default();
                    let row = reasons.entry(reason).or_insert_with(|| ReasonRow {
                        reason: reason.to_string(),
                        count: 0,
                        sum: Money::ZERO,
                        share_bp: None,
                        deals: Vec::new(),
                    });
                    row.count += 1;
                    row.sum += deal.amount;
                    row.deals.push(deal.id);
                }
                StageKind::Open => {}
            }
        }
        let lost = out.total.lost;
        out.reasons = reasons
            .into_values()
            .map(|mut r| {
                r.share_bp = share_bp(r.count, lost);
                r
            })
            .collect();
        out.reasons
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
        out.employees = employees.into_iter().collect();
        out
    }
}
