//! The team sync engine over an in-memory CouchDB: random interleavings of two to four
//! browsers' commands, pushes, pulls, conflicts (409) and dropped connections — a request
//! lost before the server saw it, or an answer lost after the server saved — always end, once
//! everyone is back online, with every browser showing the server's workspace, no change lost
//! and none applied twice.

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use voronka_core::domain::demo::{self, DemoConfig};
use voronka_core::domain::*;
use voronka_core::sync::memory::MemoryCouch;
use voronka_core::sync::replica::is_entity;
use voronka_core::sync::{Docs, TeamSettings, TeamState};

const NOW: Stamp = Stamp(29_000_000);

struct Browser {
    ws: Workspace,
    state: TeamState,
    since: u64,
}

/// How a push goes.
#[derive(Clone, Copy, Debug)]
enum Fault {
    None,
    /// The request never reached the server.
    RequestLost,
    /// The server saved, the answer never came back.
    AnswerLost,
}

impl Browser {
    fn push(&mut self, db: &mut MemoryCouch, fault: Fault) {
        let reference = self.state.replica.outbox(&self.state.local_docs(&self.ws));
        assert_eq!(
            self.state.outbox(&self.ws),
            reference,
            "the outbox makes what every document compared makes"
        );
        let sent = self.state.begin_push(&self.ws);
        if sent.is_empty() {
            return;
        }
        match fault {
            Fault::RequestLost => {}
            Fault::AnswerLost => {
                db.bulk_docs(&sent);
            }
            Fault::None => {
                let results = db.bulk_docs(&sent);
                let outcome = self.state.after_push(&self.ws, &sent, &results).unwrap();
                assert!(outcome.refused.is_empty());
                if let Some(ws) = outcome.ws {
                    self.ws = ws;
                }
            }
        }
    }

    fn pull(&mut self, db: &MemoryCouch) {
        let (changes, seq) = db.changes(self.since);
        // The same pull assembled whole: a pull of deals written deal by deal gives the same.
        let mut reference = self.state.clone();
        reference.always_assemble = true;
        let expected = reference
            .after_pull(&self.ws, changes.clone(), serde_json::Value::from(seq))
            .unwrap();
        let outcome = self
            .state
            .after_pull(&self.ws, changes, serde_json::Value::from(seq))
            .unwrap();
        assert_eq!(outcome.ws, expected.ws, "deal by deal as assembled whole");
        assert_eq!(outcome.conflicts, expected.conflicts);
        assert_eq!(self.state.replica, reference.replica);
        assert_eq!(self.state.team, reference.team);
        self.since = seq;
        if let Some(ws) = outcome.ws {
            ws.check_invariants().unwrap();
            self.ws = ws;
        }
        assert!(outcome.rejected.is_empty());
    }

    fn docs(&self) -> Docs {
        self.state.local_docs(&self.ws)
    }
}

/// A small team: the demo with 3 reps and 24 deals, sent up by the head and joined by the rest.
fn team(browsers: usize) -> (MemoryCouch, Vec<Browser>) {
    let config = DemoConfig {
        employees: 3,
        deals: 24,
        ..DemoConfig::app(NOW, Lang::En)
    };
    let mut head_ws = demo::generate(&config);
    let mut db = MemoryCouch::new();
    let mut data = head_ws.to_data();
    data.id_slot = IdSlot::new(0);
    head_ws = Workspace::from_data(data).unwrap();
    let team = TeamSettings {
        zone: "Europe/Moscow".into(),
        ..TeamSettings::default()
    };
    let mut head = Browser {
        ws: head_ws,
        state: TeamState::new(team),
        since: 0,
    };
    head.push(&mut db, Fault::None);
    assert_eq!(head.state.waiting(&head.ws), 0);
    let mut list = vec![head];
    for slot in 1..browsers as u32 {
        let (changes, seq) = db.changes(0);
        let (state, ws) = TeamState::join(
            changes,
            serde_json::Value::from(seq),
            IdSlot::new(slot).unwrap(),
        )
        .unwrap();
        list.push(Browser {
            ws,
            state,
            since: seq,
        });
    }
    for b in &list[1..] {
        assert_eq!(
            b.docs(),
            list[0].docs(),
            "a browser that joined shows the team's workspace"
        );
    }
    (db, list)
}

/// One random step: (what, which browser, two numbers that pick, a fault).
type Step = (u8, u8, u16, u16, u8);

/// The commands a rep's day is made of, picked by `a` and `b`; `None` when none applies.
fn command(ws: &Workspace, what: u8, who: usize, a: u16, b: u16, n: usize) -> Option<Command> {
    let deals: Vec<&Deal> = ws.deals().collect();
    let deal = (!deals.is_empty()).then(|| deals[a as usize % deals.len()]);
    match what % 10 {
        0 | 1 => {
            let deal = deal?;
            let direction = ws.direction(deal.direction)?;
            let stage = &direction.stages[b as usize % direction.stages.len()];
            Some(Command::MoveDeal {
                deal: deal.id,
                to_stage: stage.id,
                index: b as usize % 3,
                confirm_unfinished: true,
                loss_reason: (stage.kind == StageKind::Lost).then(|| ws.default_loss_reason()),
                at: NOW,
            })
        }
        2 | 3 => {
            let deal = deal?;
            let mut draft = deal.draft();
            draft.title = format!("b{who}-{n}");
            Some(Command::EditDeal {
                deal: deal.id,
                draft,
            })
        }
        4 => {
            let deal = deal?;
            let mut draft = deal.draft();
            draft.amount = Money(i64::from(b) * 100);
            Some(Command::EditDeal {
                deal: deal.id,
                draft,
            })
        }
        5 => {
            let direction = ws.directions_taking_deals().nth(b as usize % 2)?;
            Some(Command::CreateDeal {
                draft: DealDraft {
                    title: format!("new b{who}-{n}"),
                    owner: ws.default_owner(),
                    ..DealDraft::default()
                },
                stage: direction.first_open_stage()?.id,
                at: NOW,
            })
        }
        6 => Some(Command::DeleteDeal { deal: deal?.id }),
        // The structure changing under the deals: a stage added, a stage deleted (its deals
        // moved to the next open one), while others move deals into it.
        8 => {
            let direction = ws.directions_taking_deals().nth(b as usize % 2)?;
            Some(Command::AddStage {
                direction: direction.id,
                index: a as usize % 2,
                spec: StageSpec::new(&format!("s{who}-{n}"), StageKind::Open),
            })
        }
        9 => {
            let direction = ws.directions_taking_deals().nth(b as usize % 2)?;
            let open: Vec<&Stage> = direction
                .stages
                .iter()
                .filter(|s| s.kind == StageKind::Open)
                .collect();
            if open.len() < 3 {
                return None;
            }
            let gone = a as usize % (open.len() - 1);
            Some(Command::DeleteStage {
                stage: open[gone].id,
                move_to: Some(open[gone + 1].id),
                loss_reason: None,
                at: NOW,
            })
        }
        _ => {
            let employee = ws.employees().nth(b as usize % 3)?.id;
            Some(Command::SetPlan {
                employee,
                period: Period::month(2026, 1 + (a % 12) as u8),
                target: Some(PlanTarget {
                    amount: Money(i64::from(b) * 1000),
                    deals: None,
                }),
            })
        }
    }
}

fn fault(f: u8) -> Fault {
    match f % 5 {
        0 => Fault::RequestLost,
        1 => Fault::AnswerLost,
        _ => Fault::None,
    }
}

/// Each deal's title as each browser last wrote it, and who wrote each deal's title at all.
#[derive(Default)]
struct Ledger {
    titles: BTreeMap<(usize, DealId), String>,
    writers: BTreeMap<DealId, BTreeSet<usize>>,
    created: BTreeSet<String>,
    deleted: BTreeSet<DealId>,
}

fn run(browsers: usize, steps: &[Step]) {
    let (mut db, mut list) = team(browsers);
    let mut ledger = Ledger::default();
    for (n, &(what, who, a, b, f)) in steps.iter().enumerate() {
        let who = who as usize % browsers;
        match what % 4 {
            0 | 1 => {
                let browser = &mut list[who];
                let what = ((a % 16) as u8 ^ (b % 16) as u8) % 10;
                let Some(cmd) = command(&browser.ws, what, who, a, b, n) else {
                    continue;
                };
                let created = match &cmd {
                    Command::CreateDeal { draft, .. } => Some(draft.title.clone()),
                    _ => None,
                };
                if browser.ws.apply(&cmd).is_err() {
                    continue;
                }
                match cmd {
                    Command::EditDeal { deal, draft } if draft.title.starts_with('b') => {
                        ledger.titles.insert((who, deal), draft.title);
                        ledger.writers.entry(deal).or_default().insert(who);
                    }
                    Command::DeleteDeal { deal } => {
                        ledger.deleted.insert(deal);
                    }
                    _ => {}
                }
                ledger.created.extend(created);
            }
            2 => list[who].push(&mut db, fault(f)),
            _ => {
                list[who].pull(&db);
            }
        }
    }
    // Everyone back online: push and pull until nothing is left to send.
    for round in 0.. {
        assert!(round < 12, "the browsers do not settle");
        for b in list.iter_mut() {
            b.push(&mut db, Fault::None);
            b.pull(&db);
            b.push(&mut db, Fault::None);
        }
        for b in list.iter_mut() {
            b.pull(&db);
        }
        if list.iter().all(|b| b.state.waiting(&b.ws) == 0) {
            break;
        }
    }
    let server: Docs = db
        .bodies()
        .into_iter()
        .filter(|(id, _)| is_entity(id))
        .collect();
    for b in &list {
        assert_eq!(
            b.docs(),
            server,
            "every browser shows the server's workspace"
        );
    }
    let ws = &list[0].ws;
    // Applied once: every created deal is there once, unless deleted.
    let titles: Vec<&str> = ws.deals().map(|d| d.title.as_str()).collect();
    for created in &ledger.created {
        let count = titles.iter().filter(|t| **t == created).count();
        assert!(count <= 1, "{created} appears {count} times");
    }
    // Not lost: a title written by one browser alone is the title now, unless someone deleted
    // the deal (a deal deleted by one and changed by another is kept as the other left it).
    for (deal, writers) in &ledger.writers {
        let Some(now) = ws.deal(*deal) else {
            assert!(
                ledger.deleted.contains(deal),
                "{deal} vanished without a delete"
            );
            continue;
        };
        if ledger.deleted.contains(deal) {
            continue;
        }
        let written: Vec<&String> = writers
            .iter()
            .map(|w| &ledger.titles[&(*w, *deal)])
            .collect();
        if writers.len() == 1 {
            assert_eq!(
                &now.title, written[0],
                "the only change of {deal}'s title is kept"
            );
        }
    }
    // A deal nobody deleted is still there.
    for deal in list[0]
        .state
        .replica
        .base
        .keys()
        .filter_map(|id| voronka_core::sync::docs::deal_of_doc(id))
    {
        if !ledger.deleted.contains(&deal) {
            assert!(ws.deal(deal).is_some(), "{deal} was lost");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn browsers_converge_with_nothing_lost_or_doubled(
        browsers in 2usize..=4,
        steps in proptest::collection::vec(any::<Step>(), 1..60),
    ) {
        run(browsers, &steps);
    }
}

#[test]
fn a_week_offline_with_500_changes_syncs_in_one_go() {
    let (mut db, mut list) = team(2);
    let mut n = 0;
    for i in 0..500u16 {
        let what = [0u8, 2, 4, 5, 7][usize::from(i) % 5];
        let ws = &list[1].ws;
        if let Some(cmd) = command(ws, what, 1, i * 7, i * 3, n) {
            if list[1].ws.apply(&cmd).is_ok() {
                n += 1;
            }
        }
    }
    // Meanwhile the head works too.
    for i in 0..20u16 {
        if let Some(cmd) = command(&list[0].ws, 2, 0, i, i, 1000 + usize::from(i)) {
            list[0].ws.apply(&cmd).unwrap();
        }
    }
    list[0].push(&mut db, Fault::None);
    let waiting = list[1].state.waiting(&list[1].ws);
    assert!(waiting > 50, "{waiting} documents wait");
    list[1].push(&mut db, Fault::None);
    list[1].pull(&db);
    list[1].push(&mut db, Fault::None);
    list[0].pull(&db);
    assert_eq!(list[1].state.waiting(&list[1].ws), 0);
    assert_eq!(list[0].docs(), list[1].docs());
}

#[test]
fn a_409_storm_on_one_deal_converges() {
    let (mut db, mut list) = team(2);
    let deal = list[0].ws.deals().next().unwrap().id;
    for round in 0..40 {
        for (who, b) in list.iter_mut().enumerate() {
            let mut draft = b.ws.deal(deal).unwrap().draft();
            draft.notes = format!("round {round} by {who}");
            b.ws.apply(&Command::EditDeal { deal, draft }).unwrap();
            b.push(&mut db, Fault::None);
        }
        for b in list.iter_mut() {
            b.pull(&db);
        }
    }
    for b in list.iter_mut() {
        b.push(&mut db, Fault::None);
        b.pull(&db);
    }
    assert_eq!(list[0].docs(), list[1].docs());
    assert_eq!(list[0].state.waiting(&list[0].ws), 0);
}
