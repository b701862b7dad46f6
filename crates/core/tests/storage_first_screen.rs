//! The board's first screen before the rest of the deals: what the manifest carries, that
//! reading the rest gives exactly the whole load, and that another tab's save in the middle
//! leads to its data, never to a mix.

mod common;
use common::*;
use voronka_core::domain::*;
use voronka_core::storage::kv::{KeyValue, MemoryKv};
use voronka_core::storage::persist::{
    Dirty, FirstLoad, Loaded, PendingLoad, Persister, FIRST_CARDS,
};

const T: &str = "2026-11-28T10:00:00Z";

fn demo(deals: usize) -> Workspace {
    demo_workspace(5, deals)
}

fn saved(ws: &Workspace) -> MemoryKv {
    let kv = MemoryKv::default();
    let mut p = Persister::new(Box::new(kv.clone()));
    p.load();
    p.save(ws, &Dirty::everything(), T.into()).unwrap();
    kv
}

fn first(p: &mut Persister) -> (Workspace, PendingLoad) {
    match p.load_first() {
        FirstLoad::First(ws, pending) => (*ws, pending),
        FirstLoad::Whole(loaded) => panic!("expected a first screen, got {loaded:?}"),
    }
}

fn read_rest(p: &Persister, mut pending: PendingLoad) -> Result<Workspace, ()> {
    while !pending.is_read() {
        p.continue_load(&mut pending).map_err(drop)?;
    }
    p.finish_load(pending).map_err(drop)
}

fn stages(ws: &Workspace) -> Vec<StageId> {
    ws.directions()
        .flat_map(|d| d.stages.iter().map(|s| s.id))
        .collect()
}

#[test]
fn the_first_screen_has_each_columns_first_cards_and_whole_figures() {
    let ws = demo(1_500);
    let mut p = Persister::new(Box::new(saved(&ws).clone()));
    let (shown, _) = first(&mut p);
    let mut long_columns = 0;
    for stage in stages(&ws) {
        let column = ws.column(stage);
        let head = &column[..column.len().min(FIRST_CARDS)];
        assert_eq!(
            shown.column(stage),
            head,
            "the column's first cards, in order"
        );
        for id in head {
            assert_eq!(shown.deal(*id), ws.deal(*id));
        }
        assert_eq!(shown.column_tally(stage), ws.column_tally(stage));
        long_columns += usize::from(column.len() > FIRST_CARDS);
    }
    assert!(
        long_columns > 3,
        "the demo has columns longer than a screen"
    );
    assert!(shown.deal_count() < ws.deal_count() / 3);
    for d in ws.directions() {
        let all = BoardFilter::default();
        assert_eq!(shown.board_totals(d.id, &all), ws.board_totals(d.id, &all));
        assert_eq!(shown.open_totals(d.id), ws.open_totals(d.id));
    }
    assert_eq!(shown.employees().count(), ws.employees().count());
}

#[test]
fn reading_the_rest_gives_exactly_the_whole_load() {
    let ws = demo(2_000);
    let kv = saved(&ws);
    let mut p = Persister::new(Box::new(kv.clone()));
    let (_, pending) = first(&mut p);
    let whole = read_rest(&p, pending).expect("every shard reads");
    assert_eq!(whole, ws);
    assert_eq!(whole.tallies(), &whole.tallies_recomputed());
    // The tab saves on top of it like after a whole load.
    let mut whole = whole;
    let deal = whole.column(stages(&whole)[0])[0];
    let revision = edit_and_save(&mut p, &mut whole, deal, |d| {
        d.title = "Renamed after a first screen".into()
    });
    assert_eq!(revision, 2);
    let mut again = Persister::new(Box::new(kv));
    let (shown, pending) = first(&mut again);
    assert_eq!(
        shown.deal(deal).map(|d| d.title.as_str()),
        Some("Renamed after a first screen"),
        "the first screen follows the save"
    );
    assert_eq!(read_rest(&again, pending), Ok(whole));
}

#[test]
fn another_tabs_save_in_the_middle_leads_to_its_data_never_a_mix() {
    let ws = demo(1_000);
    let kv = saved(&ws);
    let mut a = Persister::new(Box::new(kv.clone()));
    let (_, mut pending) = first(&mut a);
    for _ in 0..4 {
        a.continue_load(&mut pending).unwrap();
    }
    // Tab B changes a deal of every shard and saves: the shards A has yet to read are gone.
    let mut b = Persister::new(Box::new(kv.clone()));
    let Loaded::Ready(newer, _) = b.load() else {
        panic!("B loads")
    };
    let mut newer = *newer;
    let ids: Vec<DealId> = newer.deals().map(|d| d.id).take(64).collect();
    let mut dirty = Dirty::default();
    for deal in ids {
        let mut draft = newer.deal(deal).unwrap().draft();
        draft.title = format!("{} (B)", draft.title);
        let (_, log) = newer
            .apply_logged(&Command::EditDeal { deal, draft })
            .unwrap();
        dirty.add_deals(log.touched_deals());
    }
    b.save(&newer, &dirty, T.into()).unwrap();
    assert!(a.stored_changed(), "A sees that storage moved on");
    assert!(read_rest(&a, pending).is_err(), "A's old shards are gone");
    // What the store does then: the whole load, which is B's data.
    let Loaded::Ready(loaded, _) = a.load() else {
        panic!("A loads B's data")
    };
    assert_eq!(*loaded, newer);
}

#[test]
fn nothing_stored_and_small_workspaces_open_as_usual() {
    let mut empty = Persister::new(Box::new(MemoryKv::default()));
    assert!(matches!(
        empty.load_first(),
        FirstLoad::Whole(Loaded::Empty)
    ));
    // A workspace whose columns all fit on a screen: the first screen is all of it.
    let ws = demo(20);
    let mut p = Persister::new(Box::new(saved(&ws)));
    let (shown, pending) = first(&mut p);
    assert_eq!(shown, ws);
    assert_eq!(read_rest(&p, pending), Ok(ws));
}

#[test]
fn every_save_keeps_the_first_screen_equal_to_the_columns_heads() {
    // Moves within and across columns and edits, each saved with only what it touched: the
    // first screen a new tab reads is always the workspace's, though a save packs again only
    // the columns whose first cards changed.
    let mut ws = demo(600);
    let kv = saved(&ws);
    let mut p = Persister::new(Box::new(kv.clone()));
    p.load();
    let all = stages(&ws);
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n.max(1)
    };
    let mut applied = 0;
    for step in 0..200 {
        let from = all[next(all.len())];
        let len = ws.column(from).len().min(FIRST_CARDS + 4);
        let Some(&deal) = ws.column(from).get(next(len)) else {
            continue;
        };
        let command = if step % 3 == 0 {
            let mut draft = ws.deal(deal).unwrap().draft();
            draft.title = format!("Step {step}");
            Command::EditDeal { deal, draft }
        } else {
            let direction = ws.deal(deal).unwrap().direction;
            let targets: Vec<StageId> = ws
                .direction(direction)
                .unwrap()
                .stages
                .iter()
                .map(|s| s.id)
                .collect();
            let to = targets[next(targets.len())];
            Command::MoveDeal {
                deal,
                to_stage: to,
                index: next(FIRST_CARDS + 2),
                confirm_unfinished: true,
                loss_reason: ws.loss_reasons().first().cloned(),
                at: now(),
            }
        };
        let Ok((_, log)) = ws.apply_logged(&command) else {
            continue;
        };
        applied += 1;
        let mut dirty = Dirty::default();
        dirty.add_deals(log.touched_deals());
        p.save(&ws, &dirty, T.into()).unwrap();
        let mut reader = Persister::new(Box::new(kv.clone()));
        let (shown, _) = first(&mut reader);
        for stage in &all {
            let head = &ws.column(*stage)[..ws.column(*stage).len().min(FIRST_CARDS)];
            assert_eq!(shown.column(*stage), head, "step {step}");
            for id in head {
                assert_eq!(shown.deal(*id), ws.deal(*id), "step {step}");
            }
            assert_eq!(shown.column_tally(*stage), ws.column_tally(*stage));
        }
    }
    assert!(applied > 60, "{applied} changes saved");
}

#[test]
fn a_damaged_first_screen_loads_whole_and_the_next_save_writes_it_again() {
    let ws = demo(800);
    let kv = saved(&ws);
    for key in kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("voronka.deals.s"))
    {
        let text = kv.get(&key).unwrap();
        let rest: String = text.chars().skip(1).collect();
        kv.set(&key, &format!("x{rest}")).unwrap();
    }
    let mut p = Persister::new(Box::new(kv.clone()));
    let FirstLoad::Whole(Loaded::Ready(loaded, _)) = p.load_first() else {
        panic!("a damaged first screen: the whole load, which reads every deal")
    };
    let mut loaded = *loaded;
    assert_eq!(loaded, ws);
    // One change below every first screen: the save still writes every column's again.
    let deal = loaded
        .deals()
        .find(|d| loaded.position(d.id).unwrap() >= FIRST_CARDS)
        .unwrap()
        .id;
    edit_and_save(&mut p, &mut loaded, deal, |d| {
        d.notes = "after the damage".into()
    });
    let (_, pending) = first(&mut Persister::new(Box::new(kv.clone())));
    assert_eq!(read_rest(&p, pending), Ok(loaded));
}
