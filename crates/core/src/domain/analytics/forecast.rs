//! The forecast against the plan: won so far plus the weighted open deals expected to close
//! in the period.

use crate::domain::ids::EmployeeId;
use crate::domain::money::Money;
use crate::domain::period::Period;
use crate::domain::plan::PlanValue;
use crate::domain::stage::StageKind;
use crate::domain::workspace::Workspace;
use std::collections::BTreeMap;

/// One employee's (or the company's) forecast.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ForecastRow {
    /// The plan (set or derived), if any.
    pub plan: Option<PlanValue>,
    /// Won in the period so far.
    pub won: Money,
    /// Deals won in the period.
    pub won_deals: usize,
    /// Σ amount × stage probability / 100 over open deals expected to close in the period.
    pub weighted: Money,
    /// Won + weighted.
    pub forecast: Money,
    /// Forecast ÷ plan in basis points; `None` without a plan or with a zero plan.
    pub of_plan_bp: Option<u64>,
    /// What the forecast falls short of the plan by (zero when it reaches it).
    pub gap: Option<Money>,
    /// How many deals of the average won size would close the gap.
    pub deals_to_close_gap: Option<u64>,
}

impl ForecastRow {
    /// What the forecast is measured against: the plan's amount, and none without a plan or
    /// with a plan of 0 (a share of nothing is no figure: no percentage, no gap).
    pub fn target(&self) -> Option<Money> {
        target_of(self.plan)
    }
}

fn target_of(plan: Option<PlanValue>) -> Option<Money> {
    plan.map(|p| p.target.amount).filter(|a| a.0 > 0)
}

/// The forecast for a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Forecast {
    /// Per employee, in employee order.
    pub employees: Vec<(EmployeeId, ForecastRow)>,
    /// The company.
    pub company: ForecastRow,
    /// Open deals without an expected close date (left out of the forecast).
    pub undated_open: usize,
}

#[derive(Default)]
struct Sums {
    won: Money,
    won_deals: usize,
    weighted: Money,
    won_ever: Money,
    won_ever_deals: usize,
}

fn row(plan: Option<PlanValue>, s: &Sums) -> ForecastRow {
    let forecast = s.won + s.weighted;
    let target = target_of(plan);
    let of_plan_bp = target.map(|t| (i128::from(forecast.0) * 10_000 / i128::from(t.0)) as u64);
    let gap = target.map(|t| Money((t.0 - forecast.0).max(0)));
    // The average won deal of the period, or of all time when none was won in it.
    let (sum, count) = if s.won_deals > 0 {
        (s.won, s.won_deals)
    } else {
        (s.won_ever, s.won_ever_deals)
    };
    let average = (count > 0 && sum.0 > 0).then(|| sum.0 / count as i64);
    let deals_to_close_gap = match (gap, average) {
        (Some(g), Some(a)) if a > 0 => Some(((g.0 + a - 1) / a) as u64),
        _ => None,
    };
    ForecastRow {
        plan,
        won: s.won,
        won_deals: s.won_deals,
        weighted: s.weighted,
        forecast,
        of_plan_bp,
        gap,
        deals_to_close_gap,
    }
}

impl Workspace {
    /// Whether an employee gets a forecast row: every active one, and an inactive one who still
    /// has a plan, a win or a weighted deal in the period (the rule of the gauges,
    /// [`Workspace::shows_gauge`], with the weighted pipeline added).
    pub fn shows_forecast(employee: &crate::domain::Employee, row: &ForecastRow) -> bool {
        employee.active || row.plan.is_some() || row.won.0 != 0 || row.weighted.0 != 0
    }

    /// Whether a deal is open (in an open stage) without an expected close date: the forecast
    /// leaves it out.
    pub fn is_undated_open(&self, deal: &crate::domain::Deal) -> bool {
        deal.expected_close.is_none()
            && self
                .stage(deal.stage)
                .is_some_and(|(_, s)| s.kind == StageKind::Open)
    }

    /// The first active direction with an open deal without an expected close date: where the
    /// board opens to show them.
    pub fn undated_open_direction(&self) -> Option<crate::domain::DirectionId> {
        self.directions()
            .filter(|d| !d.archived)
            .map(|d| d.id)
            .find(|&d| {
                self.deals()
                    .any(|deal| deal.direction == d && self.is_undated_open(deal))
            })
    }

    /// The forecast for `period` over all directions, per employee and for the company.
    pub fn forecast(&self, period: Period) -> Forecast {
        let mut per: BTreeMap<EmployeeId, Sums> =
            self.employees().map(|e| (e.id, Sums::default())).collect();
        let mut company = Sums::default();
        let mut undated_open = 0;
        let window = super::Window::of(period);
        for deal in self.deals() {
            let Some((_, stage)) = self.stage(deal.stage) else {
                continue;
            };
            let sums = per.entry(deal.owner).or_default();
            match stage.kind {
                StageKind::Won => {
                    for s in [&mut *sums, &mut company] {
                        s.won_ever += deal.amount;
                        s.won_ever_deals += 1;
                    }
                    if deal.closed_at.is_some_and(|at| window.has(at)) {
                        for s in [&mut *sums, &mut company] {
                            s.won += deal.amount;
                            s.won_deals += 1;
                        }
                    }
                }
                StageKind::Open => match deal.expected_close {
                    None => undated_open += 1,
                    Some(day) if window.has_day(day) => {
                        let weighted = deal.amount.percent(stage.probability.unwrap_or(0));
                        sums.weighted += weighted;
                        company.weighted += weighted;
                    }
                    Some(_) => {}
                },
                StageKind::Lost => {}
            }
        }
        Forecast {
            employees: per
                .iter()
                .map(|(&e, s)| (e, row(self.plan(e, period), s)))
                .collect(),
            company: row(self.company_plan(period), &company),
            undated_open,
        }
    }
}
