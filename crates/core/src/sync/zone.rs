//! A team moved to another time zone: every stored moment stays the same instant, written
//! again as the new zone's wall clock (a team's stamps are its zone's wall clock, see
//! `docs/FORMAT.md`). The app gives the conversion of one stamp (it knows the zones through
//! the browser's `Intl`); the rule of what is converted is here.

use crate::domain::{Stamp, Workspace};

/// `ws` with every moment of every deal — when it was made, each step of its history, when
/// it closed — converted by `shift` (the old zone's wall clock → the new zone's, one moment to
/// the same moment, so the order of a deal's steps is kept). Calendar dates (a task's due
/// day, a deal's expected close, a plan's period) are the team's calendar and stay.
pub fn re_expressed(ws: &Workspace, shift: &dyn Fn(Stamp) -> Stamp) -> Workspace {
    let mut next = ws.clone();
    let ids: Vec<_> = next.deals.keys().copied().collect();
    for id in ids {
        let Some(mut deal) = next.deals.get(&id).cloned() else {
            continue;
        };
        deal.created_at = shift(deal.created_at);
        deal.closed_at = deal.closed_at.map(shift);
        for step in &mut deal.history {
            step.at = shift(step.at);
        }
        next.replace_deal(id, Some(deal));
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{generate, DemoConfig};
    use crate::domain::Lang;

    #[test]
    fn every_moment_moves_by_the_zones_difference_and_nothing_else_changes() {
        let ws = generate(&DemoConfig {
            deals: 200,
            ..DemoConfig::app(Stamp(29_000_000), Lang::En)
        });
        // Moscow to Vladivostok: seven hours later on the wall clock, all year.
        let moved = re_expressed(&ws, &|s| s.plus_minutes(7 * 60));
        moved.check_invariants().unwrap();
        assert_eq!(moved.deal_count(), ws.deal_count());
        for deal in ws.deals() {
            let now = moved.deal(deal.id).unwrap();
            assert_eq!(now.created_at, deal.created_at.plus_minutes(420));
            assert_eq!(now.closed_at, deal.closed_at.map(|c| c.plus_minutes(420)));
            for (a, b) in deal.history.iter().zip(&now.history) {
                assert_eq!(b.at, a.at.plus_minutes(420));
                assert_eq!((a.from, a.to), (b.from, b.to));
            }
            assert_eq!(
                (
                    &now.title,
                    now.amount,
                    now.stage,
                    &now.tasks,
                    now.expected_close
                ),
                (
                    &deal.title,
                    deal.amount,
                    deal.stage,
                    &deal.tasks,
                    deal.expected_close
                )
            );
            assert_eq!(moved.position(deal.id), ws.position(deal.id));
        }
        assert_eq!(moved.tallies(), ws.tallies());
        // And back again: the same workspace.
        assert_eq!(re_expressed(&moved, &|s| s.plus_minutes(-420)), ws);
    }
}
