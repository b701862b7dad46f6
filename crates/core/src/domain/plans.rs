//! Plan roll-up and completion: the numbers behind the gauges.

use super::employee::Employee;
use super::ids::{DealId, EmployeeId, StageId};
use super::money::Money;
use super::period::Period;
use super::plan::{PlanTarget, PlanValue};
use super::stage::StageKind;
use super::workspace::Workspace;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// How much of a plan is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The plan (set or derived), if any.
    pub plan: Option<PlanValue>,
    /// Amount of the deals won in the period.
    pub won: Money,
    /// Number of deals won in the period.
    pub won_deals: u32,
    /// Won ÷ planned amount in basis points (10 000 = 100 %); `None` for no or a zero plan.
    /// Stays above 10 000 when the plan is exceeded.
    pub percent_bp: Option<u64>,
    /// Won ÷ planned number of deals in basis points, if a number was planned.
    pub deals_percent_bp: Option<u64>,
    /// The share of the period elapsed by the given day, in basis points.
    pub pace_bp: u32,
}

impl Completion {
    /// Where the amount should be by the given day at an even pace.
    pub fn expected(&self) -> Option<Money> {
        let plan = self.plan?.target.amount;
        Some(Money(
            (i128::from(plan.0) * i128::from(self.pace_bp) / 10_000) as i64,
        ))
    }
}

fn ratio_bp(done: i64, plan: i64) -> Option<u64> {
    (plan > 0).then(|| (i128::from(done.max(0)) * 10_000 / i128::from(plan)) as u64)
}

fn add_targets(a: Option<PlanTarget>, b: Option<PlanTarget>) -> Option<PlanTarget> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(PlanTarget {
            amount: a.amount + b.amount,
            deals: match (a.deals, b.deals) {
                (None, x) | (x, None) => x,
                (Some(x), Some(y)) => Some(x.saturating_add(y)),
            },
        }),
    }
}

impl Workspace {
    /// The plan of `employee` for `period`: the one set by hand, or else the sum of the
    /// shorter periods' plans (a quarter from its months, a half-year from its quarters, a
    /// year from its halves), marked derived. `None` when nothing is set at any level.
    pub fn plan(&self, employee: EmployeeId, period: Period) -> Option<PlanValue> {
        if let Some(target) = self.plan_set(employee, period) {
            return Some(PlanValue {
                target,
                derived: false,
            });
        }
        let target = period
            .children()
            .into_iter()
            .filter_map(|child| self.plan(employee, child))
            .map(|v| v.target)
            .fold(None, |acc, t| add_targets(acc, Some(t)))?;
        Some(PlanValue {
            target,
            derived: true,
        })
    }

    /// The company plan for `period`: the sum of every employee's plan. Derived when any
    /// part of it is.
    pub fn company_plan(&self, period: Period) -> Option<PlanValue> {
        self.employees
            .keys()
            .filter_map(|&e| self.plan(e, period))
            .fold(None, |acc, v| {
                Some(match acc {
                    None => v,
                    Some(a) => PlanValue {
                        target: add_targets(Some(a.target), Some(v.target)).expect("both are set"),
                        derived: a.derived || v.derived,
                    },
                })
            })
    }

    fn won_stages(&self) -> HashSet<StageId> {
        self.directions
            .values()
            .flat_map(|d| d.stages.iter())
            .filter(|s| s.kind == StageKind::Won)
            .map(|s| s.id)
            .collect()
    }

    /// The deals that count toward a plan: in a won stage, closed within `period`, owned by
    /// `employee` (or by anyone, for the company). Newest first.
    pub fn won_deals(&self, employee: Option<EmployeeId>, period: Period) -> Vec<DealId> {
        let won = self.won_stages();
        let mut deals: Vec<_> = self
            .deals
            .values()
            .filter(|d| won.contains(&d.stage))
            .filter(|d| employee.is_none_or(|e| d.owner == e))
            .filter(|d| d.closed_at.is_some_and(|at| period.contains(at.date())))
            .map(|d| (d.closed_at, d.id))
            .collect();
        deals.sort_unstable_by(|a, b| b.cmp(a));
        deals.into_iter().map(|(_, id)| id).collect()
    }

    /// Completion of every employee's plan and the company's for `period`, in one pass over
    /// the deals. `today` sets the pace.
    pub fn completions(&self, period: Period, today: NaiveDate) -> Completions {
        let won = self.won_stages();
        let mut per: HashMap<EmployeeId, (Money, u32)> = HashMap::new();
        for deal in self.deals.values() {
            let counts = won.contains(&deal.stage)
                && deal.closed_at.is_some_and(|at| period.contains(at.date()));
            if counts {
                let entry = per.entry(deal.owner).or_default();
                entry.0 += deal.amount;
                entry.1 += 1;
            }
        }
        let pace_bp = period.elapsed_bp(today);
        let make = |plan: Option<PlanValue>, (won, won_deals): (Money, u32)| Completion {
            plan,
            won,
            won_deals,
            percent_bp: plan.and_then(|p| ratio_bp(won.0, p.target.amount.0)),
            deals_percent_bp: plan
                .and_then(|p| p.target.deals)
                .and_then(|n| ratio_bp(i64::from(won_deals), i64::from(n))),
            pace_bp,
        };
        let employees: Vec<(EmployeeId, Completion)> = self
            .employees
            .keys()
            .map(|&e| {
                (
                    e,
                    make(
                        self.plan(e, period),
                        per.get(&e).copied().unwrap_or_default(),
                    ),
                )
            })
            .collect();
        let total = per
            .values()
            .fold((Money::ZERO, 0), |acc, v| (acc.0 + v.0, acc.1 + v.1));
        Completions {
            company: make(self.company_plan(period), total),
            employees,
        }
    }

    /// Completion of one employee's plan (or the company's for `None`).
    pub fn completion(
        &self,
        employee: Option<EmployeeId>,
        period: Period,
        today: NaiveDate,
    ) -> Completion {
        let all = self.completions(period, today);
        match employee {
            None => all.company,
            Some(e) => all.employees.into_iter().find(|(id, _)| *id == e).map_or(
                Completion {
                    plan: None,
                    won: Money::ZERO,
                    won_deals: 0,
                    percent_bp: None,
                    deals_percent_bp: None,
                    pace_bp: all.company.pace_bp,
                },
                |(_, c)| c,
            ),
        }
    }
}

/// The company's completion and each employee's, for one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completions {
    /// The whole company.
    pub company: Completion,
    /// Each employee, in the order they were added.
    pub employees: Vec<(EmployeeId, Completion)>,
}

impl Workspace {
    /// Whether an employee gets a gauge for a period: every active one, and an inactive one
    /// who still has a plan or won deals in it.
    pub fn shows_gauge(employee: &Employee, completion: &Completion) -> bool {
        employee.active || completion.plan.is_some() || completion.won_deals > 0
    }
}
