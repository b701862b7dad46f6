//! Where a deleted direction's or stage's deals go by default, before the user changes it,
//! and whether the move needs a loss reason: no deal goes further on or further back than it
//! must.

use super::direction::Direction;
use super::ids::{DirectionId, StageId};
use super::stage::{Stage, StageKind};
use super::workspace::Workspace;
use crate::text::same_folded;

impl Workspace {
    /// Where each stage of `from` that holds deals sends them when `from` is deleted into
    /// `to`, before the user changes it ([`stage_targets`]).
    pub fn default_stage_mapping(
        &self,
        from: DirectionId,
        to: DirectionId,
    ) -> Vec<(StageId, StageId)> {
        let (Some(from), Some(to)) = (self.direction(from), self.direction(to)) else {
            return Vec::new();
        };
        stage_targets(from, to)
            .into_iter()
            .filter(|&(s, _)| !self.column(s).is_empty())
            .collect()
    }

    /// Whether moving deals by `mapping` puts any deal into a lost stage from a stage that is
    /// not lost: such deals need a loss reason (deals already lost keep theirs).
    pub fn mapping_needs_loss_reason(&self, mapping: &[(StageId, StageId)]) -> bool {
        let kind = |id| self.stage(id).map(|(_, s)| s.kind);
        mapping.iter().any(|&(from, to)| {
            kind(to) == Some(StageKind::Lost)
                && kind(from) != Some(StageKind::Lost)
                && !self.column(from).is_empty()
        })
    }

    /// Where a deleted stage's deals go by default, before the user changes it: another stage
    /// of the same kind for a won or lost stage; for an open one the step before it (the deals
    /// go no further on), or the step after it when it is the first; else the direction's
    /// first other stage. `None` when the direction has no other stage.
    pub fn default_stage_on_delete(&self, stage: StageId) -> Option<StageId> {
        let (direction, deleted) = self.stage(stage)?;
        let at = direction.stages.iter().position(|s| s.id == stage)?;
        let others = || direction.stages.iter().filter(|s| s.id != stage);
        let open = |s: &&Stage| s.kind == StageKind::Open;
        let target = match deleted.kind {
            StageKind::Open => direction.stages[..at]
                .iter()
                .rev()
                .find(open)
                .or_else(|| direction.stages[at + 1..].iter().find(open)),
            kind => others().find(|s| s.kind == kind),
        };
        target.or_else(|| others().next()).map(|s| s.id)
    }

    /// Whether deleting `stage` and moving its deals to `target` needs a loss reason.
    pub fn stage_move_needs_loss_reason(&self, stage: StageId, target: StageId) -> bool {
        self.mapping_needs_loss_reason(&[(stage, target)])
    }
}

/// Where each stage of `from` sends its deals in `to` by default (a deleted direction's deals,
/// before the user changes it), so that no deal goes further on or further back than it must:
/// a stage of the same kind and the same name (case aside), as the seed's directions share
/// their steps (B2B new clients' «Contract and invoice» into B2B repeat clients' own); else,
/// for an open stage, where the nearest earlier stage of `from` with such a namesake goes
/// (the last step the deal has passed); else `to`'s first stage of the same kind, else its
/// first stage. Open stages keep their order: a later stage never maps before an earlier one.
pub fn stage_targets(from: &Direction, to: &Direction) -> Vec<(StageId, StageId)> {
    let Some(first) = to.stages.first() else {
        return Vec::new();
    };
    let namesake = |s: &Stage| {
        to.stages
            .iter()
            .find(|t| t.kind == s.kind && same_folded(t.name.trim(), s.name.trim()))
    };
    let mut last_passed: Option<&Stage> = None;
    from.stages
        .iter()
        .map(|s| {
            let same_kind = || to.stages.iter().find(|t| t.kind == s.kind);
            let open = s.kind == StageKind::Open;
            let target = match namesake(s) {
                Some(t) if !open => t,
                // A namesake before the last step passed would take the deal back.
                Some(t) if !comes_before(to, last_passed, t) => {
                    last_passed = Some(t);
                    t
                }
                _ if open => last_passed.or_else(same_kind).unwrap_or(first),
                _ => same_kind().unwrap_or(first),
            };
            (s.id, target.id)
        })
        .collect()
}

/// Whether `t` comes before `passed` in `to`'s order.
fn comes_before(to: &Direction, passed: Option<&Stage>, t: &Stage) -> bool {
    let at = |id| to.stages.iter().position(|x| x.id == id);
    passed.is_some_and(|p| at(t.id) < at(p.id))
}
