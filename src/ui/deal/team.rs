//! The deal editor in a team: another rep's deal opens read-only (the server would refuse a
//! change), and a field two people changed at once, merged with the saved value kept, opens
//! in the "Yours / Now saved" panel with your value in the form, to keep one of the two.

use super::conflict::FieldConflict;
use crate::domain::{DealDraft, DealId, DraftField, FieldValue};
use crate::team::Team;
use leptos::prelude::*;

/// Whether the signed-in user may change `deal` (always outside a team).
pub fn may_change(deal: DealId) -> bool {
    use_context::<Team>().is_none_or(|team| team.may_change_deal(deal))
}

/// The team's conflicts on `deal` still open against what is saved now (`current`): each
/// field, your value and the saved one.
pub fn open_conflicts(deal: DealId, current: &DealDraft) -> Vec<FieldConflict> {
    let Some(team) = use_context::<Team>() else {
        return Vec::new();
    };
    team.deal_conflicts.with_untracked(|list| {
        list.iter()
            .filter(|c| c.deal == deal && current.get(c.field) != c.yours)
            .map(|c| FieldConflict {
                field: c.field,
                mine: c.yours.clone(),
                theirs: current.get(c.field),
            })
            .collect()
    })
}

/// The conflict on this field is settled: the team's banner forgets it.
pub fn settle(deal: DealId, field: DraftField) {
    if let Some(team) = use_context::<Team>() {
        team.settle(deal, field);
    }
}

/// A team conflict the form still has to settle: your value typed (`mine`) against the saved
/// one, unless the form now holds the saved value.
pub fn still_open(
    field: DraftField,
    mine: FieldValue,
    theirs: FieldValue,
) -> Option<FieldConflict> {
    (mine != theirs).then_some(FieldConflict {
        field,
        mine,
        theirs,
    })
}
