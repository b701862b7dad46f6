//! The conversion funnel of one direction: how far the deals created in the period got.

use super::{share_bp, Scope};
use crate::domain::deal::Deal;
use crate::domain::direction::Direction;
use crate::domain::ids::{DealId, DirectionId, StageId};
use crate::domain::money::Money;
use crate::domain::stage::StageKind;
use crate::domain::workspace::Workspace;

/// One open stage's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunnelRow {
    /// The stage.
    pub stage: StageId,
    /// Cohort deals whose furthest stage is this one or later, or that are won.
    pub reached: usize,
    /// `reached` of the cohort, in basis points.
    pub of_cohort_bp: Option<u32>,
    /// `reached` of the previous row's (of the cohort for the first row).
    pub of_previous_bp: Option<u32>,
    /// The deals that reached it.
    pub deals: Vec<DealId>,
}

/// Lost deals of the cohort that got this far and no further.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostAt {
    /// Their furthest open stage (`None`: they never entered an open stage of the direction).
    pub stage: Option<StageId>,
    /// How many.
    pub count: usize,
    /// Their amounts.
    pub sum: Money,
    /// Which.
    pub deals: Vec<DealId>,
}

/// The funnel of one direction for a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Funnel {
    /// Deals of the direction created in the period.
    pub cohort: usize,
    /// One row per open stage, in the direction's current order.
    pub rows: Vec<FunnelRow>,
    /// Won deals of the cohort.
    pub won: usize,
    /// Their amounts.
    pub won_sum: Money,
    /// `won` of the cohort, in basis points.
    pub won_bp: Option<u32>,
    /// Which deals were won.
    pub won_deals: Vec<DealId>,
    /// Lost deals by the stage they were lost at, in the direction's order.
    pub lost: Vec<LostAt>,
    /// Cohort deals still open.
    pub open: usize,
}

/// One direction's funnel while the deals are read.
struct Builder<'a> {
    dir: &'a Direction,
    open: Vec<StageId>,
    funnel: Funnel,
    lost: Vec<LostAt>,
}

impl<'a> Builder<'a> {
    fn new(dir: &'a Direction) -> Builder<'a> {
        let open = super::open_stages(dir);
        Builder {
            funnel: Funnel {
                cohort: 0,
                rows: open
                    .iter()
                    .map(|&stage| FunnelRow {
                        stage,
                        reached: 0,
                        of_cohort_bp: None,
                        of_previous_bp: None,
                        deals: Vec::new(),
                    })
                    .collect(),
                won: 0,
                won_sum: Money::ZERO,
                won_bp: None,
                won_deals: Vec::new(),
                lost: Vec::new(),
                open: 0,
            },
            lost: std::iter::once(None)
                .chain(open.iter().copied().map(Some))
                .map(|stage| LostAt {
                    stage,
                    count: 0,
                    sum: Money::ZERO,
                    deals: Vec::new(),
                })
                .collect(),
            open,
            dir,
        }
    }

    /// Counts a deal of the direction created in the period.
    fn add(&mut self, deal: &Deal) {
        let Some(kind) = self.dir.stage(deal.stage).map(|s| s.kind) else {
            return;
        };
        let funnel = &mut self.funnel;
        funnel.cohort += 1;
        // The furthest open stage of the current order its history ever entered.
        let furthest = deal
            .history
            .iter()
            .filter_map(|h| self.open.iter().position(|s| *s == h.to))
            .max();
        let reached_rows = match kind {
            StageKind::Won => self.open.len(),
            _ => furthest.map_or(0, |i| i + 1),
        };
        for row in &mut funnel.rows[..reached_rows] {
            row.reached += 1;
            row.deals.push(deal.id);
        }
        match kind {
            StageKind::Won => {
                funnel.won += 1;
                funnel.won_sum += deal.amount;
                funnel.won_deals.push(deal.id);
            }
            StageKind::Lost => {
                let at = &mut self.lost[furthest.map_or(0, |i| i + 1)];
                at.count += 1;
                at.sum += deal.amount;
                at.deals.push(deal.id);
            }
            StageKind::Open => funnel.open += 1,
        }
    }

    fn finish(self) -> Funnel {
        let mut funnel = self.funnel;
        let mut previous = funnel.cohort;
        for row in &mut funnel.rows {
            row.of_cohort_bp = share_bp(row.reached, funnel.cohort);
            row.of_previous_bp = share_bp(row.reached, previous);
            previous = row.reached;
        }
        funnel.won_bp = share_bp(funnel.won, funnel.cohort);
        funnel.lost = self.lost.into_iter().filter(|l| l.count > 0).collect();
        funnel
    }
}

impl Workspace {
    /// The funnel of `direction` for the deals created in `scope.period` (and owned by
    /// `scope.owner`). `None` for an unknown direction.
    pub fn funnel(&self, direction: DirectionId, scope: Scope) -> Option<Funnel> {
        self.funnels(&[direction], scope).pop().map(|(_, f)| f)
    }

    /// The funnels of several directions in one pass over the deals (unknown ones left out).
    pub fn funnels(&self, directions: &[DirectionId], scope: Scope) -> Vec<(DirectionId, Funnel)> {
        let mut builders = super::per_direction(self, directions, Builder::new);
        let window = super::Window::of(scope.period);
        for deal in self.deals() {
            if scope.owner.is_some_and(|o| o != deal.owner) || !window.has(deal.created_at) {
                continue;
            }
            if let Some((_, b)) = builders.iter_mut().find(|(d, _)| *d == deal.direction) {
                b.add(deal);
            }
        }
        builders.into_iter().map(|(d, b)| (d, b.finish())).collect()
    }
}
