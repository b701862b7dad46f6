//! A pull that changed only deals, written into the workspace deal by deal instead of
//! assembling every document again: what [`super::docs::assemble`] would give, in the time of
//! the deals that changed. Anything it does not cover — a structure document, a document held
//! aside, a deal that breaks a rule or whose owner is gone — answers `None`, and the caller
//! assembles the whole workspace as before.

use super::docs::{own_deal_doc, place};
use super::local::Locals;
use super::replica::Pulled;
use crate::domain::data::check_deal;
use crate::domain::{
    validate, Deal, DealId, Direction, DirectionId, EmployeeId, StageId, Workspace,
};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// `ws` with the deals `pulled` changed, or `None` when only a whole assemble can say.
pub fn apply_deal_changes(
    ws: &Workspace,
    pulled: &Pulled,
    locals: &Locals,
    held: &BTreeSet<String>,
) -> Option<Workspace> {
    let mut changes: Vec<(DealId, Option<&Value>)> = Vec::new();
    for id in &pulled.changed_ids {
        let deal = own_deal_doc(id)?;
        if held.contains(id) {
            return None;
        }
        changes.push((deal, pulled.docs.get(id)?.as_ref()));
    }
    let directions: Vec<Direction> = ws.directions().cloned().collect();
    let mut next = ws.clone();
    // Columns whose order is worked out again, and the ranks of the deals that came.
    let mut columns: BTreeSet<StageId> = BTreeSet::new();
    let mut ranks: HashMap<DealId, f64> = HashMap::new();
    for (id, body) in changes {
        if let Some(old) = next.replace_deal(id, None) {
            next.columns.get_mut(&old.stage)?.retain(|d| *d != id);
        }
        let Some(body) = body else { continue };
        let mut deal: Deal = serde_json::from_value(body.clone()).ok()?;
        if deal.id != id || !place(&mut deal, &directions, ws.loss_reasons()) {
            return None;
        }
        // A deal id no other entity has (the whole assemble holds such a document aside).
        let n = id.0;
        let taken = next.employees.contains_key(&EmployeeId(n))
            || next.directions.contains_key(&DirectionId(n))
            || next.stage_direction.contains_key(&StageId(n));
        if taken {
            return None;
        }
        let stage_of = |s: StageId| {
            let d = *next.stage_direction.get(&s)?;
            Some((d, next.directions.get(&d)?.stage(s)?.kind))
        };
        check_deal(
            &deal,
            &|field| field.to_string(),
            &|e| next.employees.contains_key(&e),
            &|d| next.directions.contains_key(&d),
            &stage_of,
        )
        .ok()?;
        next.next_id = next.next_id.max(n.checked_add(1)?);
        ranks.insert(id, body.get("rank").and_then(Value::as_f64).unwrap_or(0.0));
        columns.insert(deal.stage);
        next.columns.get_mut(&deal.stage)?.push(id);
        next.replace_deal(id, Some(deal));
    }
    if next.deals.len() > validate::MAX_DEALS {
        return None;
    }
    // A column in the order of its documents' ranks, then ids, as the whole assemble sorts.
    for stage in columns {
        let before = locals.column_ranks(stage);
        let rank = |d: &DealId| {
            ranks
                .get(d)
                .or_else(|| before.get(d))
                .copied()
                .unwrap_or(0.0)
        };
        next.columns
            .get_mut(&stage)?
            .sort_by(|a, b| rank(a).total_cmp(&rank(b)).then(a.cmp(b)));
    }
    Some(next)
}
