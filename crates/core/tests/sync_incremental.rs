//! A large team's sync step costs the documents that changed, not the workspace: a pull that
//! changed only deals is written deal by deal, and gives what assembling every document gives;
//! the outbox makes documents only of deals not found in sync before, and still finds every
//! change. (Random interleavings of both are in `sync_converges.rs`.)

use serde_json::Value;
use voronka_core::domain::demo::{self, DemoConfig};
use voronka_core::domain::*;
use voronka_core::sync::memory::MemoryCouch;
use voronka_core::sync::{Outgoing, PullOutcome, PushResult, TeamSettings, TeamState};

const NOW: Stamp = Stamp(29_000_000);

struct Side {
    ws: Workspace,
    state: TeamState,
    since: u64,
}

impl Side {
    fn push(&mut self, db: &mut MemoryCouch) -> usize {
        let sent = self.state.begin_push(&self.ws);
        let results = db.bulk_docs(&sent);
        let outcome = self.state.after_push(&self.ws, &sent, &results).unwrap();
        assert!(outcome.refused.is_empty());
        sent.len()
    }

    /// Pulls, checks the result against the same pull assembled whole, and says how it went.
    fn pull(&mut self, db: &MemoryCouch) -> PullOutcome {
        let (changes, seq) = db.changes(self.since);
        let mut whole = self.state.clone();
        whole.always_assemble = true;
        let expected = whole
            .after_pull(&self.ws, changes.clone(), Value::from(seq))
            .unwrap();
        let outcome = self
            .state
            .after_pull(&self.ws, changes, Value::from(seq))
            .unwrap();
        assert_eq!(outcome.ws, expected.ws, "deal by deal as assembled whole");
        assert_eq!(self.state.replica, whole.replica);
        self.since = seq;
        if let Some(ws) = &outcome.ws {
            ws.check_invariants().unwrap();
            self.ws = ws.clone();
        }
        outcome
    }

    fn apply(&mut self, command: Command) {
        self.ws.apply(&command).unwrap();
    }
}

/// A head with 300 deals sent up, and a rep who joined.
fn team() -> (MemoryCouch, Side, Side) {
    let config = DemoConfig {
        employees: 4,
        deals: 300,
        ..DemoConfig::app(NOW, Lang::En)
    };
    let mut data = demo::generate(&config).to_data();
    data.id_slot = IdSlot::new(0);
    let mut head = Side {
        ws: Workspace::from_data(data).unwrap(),
        state: TeamState::new(TeamSettings {
            zone: "Europe/Moscow".into(),
            ..TeamSettings::default()
        }),
        since: 0,
    };
    let mut db = MemoryCouch::new();
    head.push(&mut db);
    let (changes, seq) = db.changes(0);
    let (state, ws) = TeamState::join(changes, Value::from(seq), IdSlot::new(1).unwrap()).unwrap();
    head.since = seq;
    (
        db,
        head,
        Side {
            ws,
            state,
            since: seq,
        },
    )
}

fn open_deal(ws: &Workspace, nth: usize) -> (DealId, StageId) {
    let deal = ws
        .deals()
        .filter(|d| d.closed_at.is_none())
        .nth(nth)
        .unwrap();
    (deal.id, deal.stage)
}

#[test]
fn a_pull_of_deals_only_is_written_deal_by_deal_as_assembled_whole() {
    let (mut db, mut head, mut rep) = team();
    let (renamed, _) = open_deal(&head.ws, 0);
    let mut draft = head.ws.deal(renamed).unwrap().draft();
    draft.title = "Renamed by the head".into();
    head.apply(Command::EditDeal {
        deal: renamed,
        draft,
    });
    // Moved to the top of the next stage, and one moved within its column.
    let (moved, stage) = open_deal(&head.ws, 1);
    let direction = head.ws.stage(stage).unwrap().0;
    let next = direction.stages[direction.stage_index(stage).unwrap() + 1].id;
    head.apply(Command::MoveDeal {
        deal: moved,
        to_stage: next,
        index: 0,
        confirm_unfinished: true,
        loss_reason: None,
        at: NOW,
    });
    let (reordered, stage) = open_deal(&head.ws, 5);
    head.apply(Command::MoveDeal {
        deal: reordered,
        to_stage: stage,
        index: 0,
        confirm_unfinished: true,
        loss_reason: None,
        at: NOW,
    });
    let gone = open_deal(&head.ws, 7).0;
    head.apply(Command::DeleteDeal { deal: gone });
    let first = head
        .ws
        .directions()
        .next()
        .unwrap()
        .first_open_stage()
        .unwrap()
        .id;
    head.apply(Command::CreateDeal {
        draft: DealDraft {
            title: "A new one".into(),
            owner: head.ws.default_owner(),
            ..DealDraft::default()
        },
        stage: first,
        at: NOW,
    });
    assert!(head.push(&mut db) >= 5);

    let outcome = rep.pull(&db);
    assert!(!outcome.whole, "only deals changed: written deal by deal");
    let ws = &rep.ws;
    assert_eq!(ws.deal(renamed).unwrap().title, "Renamed by the head");
    assert_eq!(ws.column(next)[0], moved);
    assert!(ws.column(stage)[..2].contains(&reordered));
    for s in [next, stage, first] {
        assert_eq!(ws.column(s), head.ws.column(s), "the head's order");
    }
    assert!(ws.deal(gone).is_none());
    assert!(ws.deals().any(|d| d.title == "A new one"));
    assert_eq!(ws.deal_count(), head.ws.deal_count());
    assert_eq!(rep.state.waiting(&rep.ws), 0, "nothing to send back");
}

#[test]
fn a_change_of_the_structure_is_assembled_whole() {
    let (mut db, mut head, mut rep) = team();
    let direction = head.ws.directions().next().unwrap().id;
    head.apply(Command::RenameDirection {
        direction,
        name: "Renamed direction".into(),
    });
    head.push(&mut db);
    let outcome = rep.pull(&db);
    assert!(outcome.whole);
    assert_eq!(
        rep.ws.direction(direction).unwrap().name,
        "Renamed direction"
    );
}

#[test]
fn a_deal_whose_owner_is_not_known_here_is_assembled_whole_and_kept() {
    let (mut db, head, mut rep) = team();
    // A deal's document naming an owner the rep's workspace has no employee for (written
    // by another browser whose employee document has not come), with nothing else changed.
    let (deal, _) = open_deal(&head.ws, 2);
    let id = format!("deal:{}", deal.0);
    let mut body = db.bodies()[&id].clone();
    body["owner"] = Value::from(999_999);
    let rev = head.state.replica.base[&id].rev.clone();
    let results = db.bulk_docs(&[Outgoing {
        id: id.clone(),
        rev: Some(rev),
        body: Some(body),
    }]);
    assert!(matches!(results[0], PushResult::Saved { .. }));
    let outcome = rep.pull(&db);
    assert!(
        outcome.whole,
        "the deal-by-deal path leaves it to the whole assemble"
    );
    // Kept, given to an employee who exists.
    let owner = rep.ws.deal(deal).unwrap().owner;
    assert!(rep.ws.employee(owner).is_some());
}

#[test]
fn the_outbox_finds_every_change_after_the_deals_were_found_in_sync() {
    let (mut db, mut head, mut rep) = team();
    assert_eq!(rep.state.outbox(&rep.ws), vec![], "in sync after the join");
    // Edited after the memo knows every deal: found, sent, and then in sync again.
    let (deal, _) = open_deal(&rep.ws, 3);
    let mut draft = rep.ws.deal(deal).unwrap().draft();
    draft.amount = Money(123_400);
    rep.apply(Command::EditDeal { deal, draft });
    let out = rep.state.outbox(&rep.ws);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].id, format!("deal:{}", deal.0));
    assert_eq!(rep.push(&mut db), 1);
    assert_eq!(rep.state.waiting(&rep.ws), 0);
    // The head's copy of it changes on the server: the rep's memo of that deal no longer
    // holds, and the pulled version is what the rep has, with nothing to send.
    head.pull(&db);
    let mut draft = head.ws.deal(deal).unwrap().draft();
    draft.title = "Head's title".into();
    head.apply(Command::EditDeal { deal, draft });
    head.push(&mut db);
    rep.pull(&db);
    assert_eq!(rep.ws.deal(deal).unwrap().title, "Head's title");
    assert_eq!(rep.state.waiting(&rep.ws), 0);
    // Who is who changes: every deal of that employee gets its user name, none is missed.
    let employee = head.ws.deal(deal).unwrap().owner;
    head.state.team.members.insert("anna".into(), employee);
    let mine = head.ws.deals().filter(|d| d.owner == employee).count();
    let out = head.state.outbox(&head.ws);
    assert_eq!(
        out.iter().filter(|o| o.id.starts_with("deal:")).count(),
        mine
    );
    assert!(out.iter().any(|o| o.id == "settings"));
}
