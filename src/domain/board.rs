//! The board query: a direction's columns in order, from the column index.

use super::ids::{DealId, DirectionId};
use super::money::Money;
use super::stage::{Stage, StageKind};
use super::workspace::Workspace;

/// One column of a board.
#[derive(Clone, Debug, PartialEq)]
pub struct Column<'a> {
    /// Its stage.
    pub stage: &'a Stage,
    /// Its deals, in order.
    pub deals: &'a [DealId],
    /// Sum of the deals' amounts.
    pub sum: Money,
    /// The sum weighted by the stage's win probability.
    pub weighted: Money,
}

impl Column<'_> {
    /// Number of deals.
    pub fn count(&self) -> usize {
        self.deals.len()
    }
}

/// A direction's board.
#[derive(Clone, Debug, PartialEq)]
pub struct Board<'a> {
    /// Columns in stage order: open stages, then won and lost.
    pub columns: Vec<Column<'a>>,
}

/// Totals of a board or direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Deals in open stages.
    pub open_count: usize,
    /// Their amount.
    pub open_sum: Money,
    /// Their probability-weighted amount.
    pub weighted: Money,
    /// Deals in won stages.
    pub won_count: usize,
    /// Their amount.
    pub won_sum: Money,
    /// Deals in lost stages.
    pub lost_count: usize,
}

/// The probability a stage's deals are weighted with: set by hand, else 100 % for won and
/// 0 % for lost and unset open stages.
pub fn effective_probability(stage: &Stage) -> u8 {
    stage.probability.unwrap_or(match stage.kind {
        StageKind::Won => 100,
        _ => 0,
    })
}

impl<'a> Board<'a> {
    /// Totals over the columns.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for c in &self.columns {
            match c.stage.kind {
                StageKind::Open => {
                    t.open_count += c.count();
                    t.open_sum += c.sum;
                    t.weighted += c.weighted;
                }
                StageKind::Won => {
                    t.won_count += c.count();
                    t.won_sum += c.sum;
                }
                StageKind::Lost => t.lost_count += c.count(),
            }
        }
        t
    }
}

impl Workspace {
    /// The board of a direction, or `None` for an unknown direction.
    pub fn board(&self, direction: DirectionId) -> Option<Board<'_>> {
        let direction = self.direction(direction)?;
        let columns = direction
            .stages
            .iter()
            .map(|stage| {
                let deals = self.column(stage.id);
                let sum = self.column_sum(stage.id);
                Column {
                    stage,
                    deals,
                    sum,
                    weighted: sum.percent(effective_probability(stage)),
                }
            })
            .collect();
        Some(Board { columns })
    }
}
