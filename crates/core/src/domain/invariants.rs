//! The workspace's invariants, checked after loading data and by the tests.

use super::ids::{DealId, StageId};
use super::stage::StageKind;
use super::validate;
use super::workspace::Workspace;
use std::collections::HashSet;

/// A broken invariant, described for a developer (never shown to users as is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation(pub String);

impl Workspace {
    /// Checks every structural rule: each deal sits exactly once in the column of its stage,
    /// columns exist exactly for existing stages, stage orders are valid, ids are below the
    /// counter, closed deals carry their close date and lost ones their reason.
    pub fn check_invariants(&self) -> Result<(), Violation> {
        let fail = |msg: String| Err(Violation(msg));
        let mut stages: HashSet<StageId> = HashSet::new();
        if self.direction_order.len() != self.directions.len()
            || !self
                .direction_order
                .iter()
                .all(|d| self.directions.contains_key(d))
        {
            return fail("direction order does not list each direction once".into());
        }
        for direction in self.directions.values() {
            if validate::stage_order(direction.stages.iter().map(|s| s.kind)).is_err() {
                return fail(format!("{} has an invalid stage order", direction.id));
            }
            for stage in &direction.stages {
                if !stages.insert(stage.id) {
                    return fail(format!("{} appears twice", stage.id));
                }
                if self.stage_direction.get(&stage.id) != Some(&direction.id) {
                    return fail(format!("{} is not indexed to {}", stage.id, direction.id));
                }
                if stage.id.0 >= self.next_id {
                    return fail(format!("{} is not below the id counter", stage.id));
                }
            }
        }
        if self.stage_direction.len() != stages.len() || self.columns.len() != stages.len() {
            return fail("stage index or columns out of step with the stages".into());
        }
        let mut seen: HashSet<DealId> = HashSet::new();
        for (stage, column) in &self.columns {
            if !stages.contains(stage) {
                return fail(format!("column for unknown {stage}"));
            }
            for id in column {
                let Some(deal) = self.deals.get(id) else {
                    return fail(format!("column {stage} lists missing {id}"));
                };
                if deal.stage != *stage || !seen.insert(*id) {
                    return fail(format!("{id} is misplaced or listed twice"));
                }
            }
        }
        if seen.len() != self.deals.len() {
            return fail("a deal is missing from every column".into());
        }
        if self.tallies != self.tallies_recomputed() {
            return fail("a stage's kept count or sum differs from its deals".into());
        }
        for deal in self.deals.values() {
            let Some((direction, stage)) = self.stage(deal.stage) else {
                return fail(format!("{} is in an unknown stage", deal.id));
            };
            if direction.id != deal.direction {
                return fail(format!("{} names the wrong direction", deal.id));
            }
            if !self.employees.contains_key(&deal.owner) {
                return fail(format!("{} has an unknown owner", deal.id));
            }
            if deal.id.0 >= self.next_id {
                return fail(format!("{} is not below the id counter", deal.id));
            }
            if stage.kind.is_closed() != deal.closed_at.is_some() {
                return fail(format!("{} close date does not match its stage", deal.id));
            }
            if (stage.kind == StageKind::Lost) != deal.loss_reason.is_some() {
                return fail(format!("{} loss reason does not match its stage", deal.id));
            }
            if deal.history.last().is_some_and(|h| h.to != deal.stage) {
                return fail(format!("{} history does not end in its stage", deal.id));
            }
        }
        Ok(())
    }
}
