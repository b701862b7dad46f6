//! The storage protocol against several tabs (persisters over one shared in-memory store):
//! every interleaving of two tabs' save steps, a start-over or an import in another tab,
//! recovery copies that are never overwritten, flipped bits, restore of a damaged copy, and
//! the replay of an undo over another tab's newer data.

mod common;
use common::*;
use voronka_core::domain::*;
use voronka_core::storage::kv::{KeyValue, MemoryKv};
use voronka_core::storage::persist::{
    Dirty, LoadProblem, Loaded, Persister, SaveError, SaveTx, MANIFEST_KEY, SHARD_PREFIX,
};

const T: &str = "2026-11-27T10:00:00Z";

fn demo(deals: usize) -> Workspace {
    demo_workspace(5, deals)
}

fn tab(kv: &MemoryKv, name: &str) -> Persister {
    let mut p = Persister::with_tab(Box::new(kv.clone()), name.into());
    let copies = std::cell::Cell::new(0);
    p.set_clock(move || {
        copies.set(copies.get() + 1);
        format!("2026-11-27T10:00:{:02}Z", copies.get())
    });
    p
}

fn ready(p: &mut Persister) -> Workspace {
    match p.load() {
        Loaded::Ready(ws, _) => *ws,
        other => panic!("expected a workspace, got {other:?}"),
    }
}

/// A store with `deals` demo deals saved once.
fn stored(deals: usize) -> (MemoryKv, Workspace) {
    let kv = MemoryKv::default();
    let mut p = tab(&kv, "setup");
    p.load();
    let ws = demo(deals);
    p.save(&ws, &Dirty::everything(), T.into()).unwrap();
    (kv, ws)
}

/// Deals of two different shards.
fn two_deals_of_different_shards(ws: &Workspace) -> (DealId, DealId) {
    let ids: Vec<DealId> = ws.deals().map(|d| d.id).collect();
    let a = ids[0];
    let b = *ids.iter().find(|d| d.0 % 32 != a.0 % 32).unwrap();
    (a, b)
}

fn retitle(ws: &mut Workspace, deal: DealId, title: &str) -> Dirty {
    let mut draft = ws.deal(deal).unwrap().draft();
    let base = draft.clone();
    draft.title = title.into();
    let patch = DealPatch::between(&base, &draft);
    let (_, log) = ws
        .apply_logged(&Command::PatchDeal { deal, patch })
        .unwrap();
    let mut dirty = Dirty::default();
    dirty.add_deals(log.touched_deals());
    dirty
}

/// One tab saving its change: the protocol's steps, and on a conflict a reload, a replay of
/// its command and a new save.
struct Writer {
    p: Persister,
    ws: Workspace,
    dirty: Dirty,
    command: Command,
    tx: Option<SaveTx>,
    step: usize,
    saved: bool,
}

impl Writer {
    fn new(kv: &MemoryKv, name: &str, deal: DealId, title: &str) -> Writer {
        let mut p = tab(kv, name);
        let mut ws = ready(&mut p);
        let mut draft = ws.deal(deal).unwrap().draft();
        let base = draft.clone();
        draft.title = title.into();
        let command = Command::PatchDeal {
            deal,
            patch: DealPatch::between(&base, &draft),
        };
        let (_, log) = ws.apply_logged(&command).unwrap();
        let mut dirty = Dirty::default();
        dirty.add_deals(log.touched_deals());
        Writer {
            p,
            ws,
            dirty,
            command,
            tx: None,
            step: 0,
            saved: false,
        }
    }

    /// Runs one step; the steps are begin, shards, commit, collect.
    fn run_step(&mut self) {
        let result = match self.step {
            0 => self
                .p
                .begin_save(&self.dirty, T.into())
                .map(|tx| self.tx = Some(tx)),
            1 => {
                let mut tx = self.tx.take().unwrap();
                let r = self.p.write_shards(&mut tx, &self.ws);
                self.tx = Some(tx);
                r
            }
            2 => self.p.commit(self.tx.take().unwrap(), &self.ws).map(|_| ()),
            _ => {
                self.p.collect();
                self.saved = true;
                Ok(())
            }
        };
        match result {
            Ok(()) => self.step += 1,
            Err(SaveError::Conflict(_)) => {
                // What the store does: load the newer data, replay, save again.
                let mut newer = ready(&mut self.p);
                let (_, log) = newer.apply_logged(&self.command).unwrap();
                self.dirty = Dirty::default();
                self.dirty.add_deals(log.touched_deals());
                self.ws = newer;
                self.tx = None;
                self.step = 0;
            }
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
}

/// Every way to interleave two tabs' steps (each up to `depth` steps, retries included).
fn every_interleaving(depth: usize) -> Vec<Vec<bool>> {
    let mut out = Vec::new();
    fn go(prefix: &mut Vec<bool>, a: usize, b: usize, depth: usize, out: &mut Vec<Vec<bool>>) {
        if a == depth && b == depth {
            out.push(prefix.clone());
            return;
        }
        if a < depth {
            prefix.push(true);
            go(prefix, a + 1, b, depth, out);
            prefix.pop();
        }
        if b < depth {
            prefix.push(false);
            go(prefix, a, b + 1, depth, out);
            prefix.pop();
        }
    }
    go(&mut Vec::new(), 0, 0, depth, &mut out);
    out
}

#[test]
fn two_tabs_saving_at_once_never_make_the_data_unreadable_in_any_interleaving() {
    let (kv0, ws) = stored(40);
    let (deal_a, deal_b) = two_deals_of_different_shards(&ws);
    // The first 6 steps of each tab in every order: a save (4 steps), and the retry after a
    // conflict (which comes at the third step at the latest) interleaved with the other tab's
    // collection; 924 schedules. What is left runs alone.
    let schedules = every_interleaving(6);
    assert_eq!(schedules.len(), 924);
    for schedule in &schedules {
        let kv = MemoryKv::default();
        for key in kv0.keys() {
            kv.set(&key, &kv0.get(&key).unwrap()).unwrap();
        }
        let mut a = Writer::new(&kv, "a", deal_a, "Changed in tab A");
        let mut b = Writer::new(&kv, "b", deal_b, "Changed in tab B");
        for &a_moves in schedule {
            let w = if a_moves { &mut a } else { &mut b };
            if !w.saved {
                w.run_step();
            }
        }
        // Whoever is not done finishes alone.
        while !a.saved {
            a.run_step();
        }
        while !b.saved {
            b.run_step();
        }
        let back = ready(&mut tab(&kv, "reader"));
        assert_eq!(
            back.deal(deal_a).unwrap().title,
            "Changed in tab A",
            "{schedule:?}"
        );
        assert_eq!(
            back.deal(deal_b).unwrap().title,
            "Changed in tab B",
            "{schedule:?}"
        );
        assert_eq!(back.deal_count(), 40);
        // Nothing is left behind but what the manifest names.
        let keys = kv.keys();
        let ours = keys.iter().filter(|k| k.starts_with(SHARD_PREFIX));
        let (first, shards): (Vec<_>, Vec<_>) =
            ours.partition(|k| k.starts_with(&format!("{SHARD_PREFIX}s")));
        assert!(
            shards.len() <= 32,
            "{} shard keys after {schedule:?}",
            shards.len()
        );
        let columns = back.directions().map(|d| d.stages.len()).sum::<usize>();
        assert!(
            first.len() <= columns,
            "{} first-screen keys for {columns} columns after {schedule:?}",
            first.len()
        );
    }
}

#[test]
fn the_race_that_broke_storage_before_is_a_conflict_now() {
    // Both tabs check the revision, then both write: before, the later manifest named a shard
    // the earlier save had already removed.
    let (kv, ws) = stored(300);
    let (deal_a, deal_b) = two_deals_of_different_shards(&ws);
    let mut a = tab(&kv, "a");
    let mut b = tab(&kv, "b");
    let mut ws_a = ready(&mut a);
    let mut ws_b = ready(&mut b);
    let dirty_a = retitle(&mut ws_a, deal_a, "A");
    let dirty_b = retitle(&mut ws_b, deal_b, "B");
    let mut tx_a = a.begin_save(&dirty_a, T.into()).unwrap();
    let mut tx_b = b.begin_save(&dirty_b, T.into()).unwrap();
    a.write_shards(&mut tx_a, &ws_a).unwrap();
    b.write_shards(&mut tx_b, &ws_b).unwrap();
    a.commit(tx_a, &ws_a).unwrap();
    a.collect();
    assert_eq!(b.commit(tx_b, &ws_b), Err(SaveError::Conflict(2)));
    assert!(matches!(tab(&kv, "r").load(), Loaded::Ready(..)));
}

#[test]
fn a_start_over_in_one_tab_stops_every_other_tab_from_writing() {
    let (kv, ws) = stored(300);
    let mut a = tab(&kv, "a");
    let mut b = tab(&kv, "b");
    ready(&mut a);
    let mut ws_b = ready(&mut b);
    a.start_fresh();
    let (deal, _) = two_deals_of_different_shards(&ws);
    let dirty = retitle(&mut ws_b, deal, "Edited in B after A started over");
    assert_eq!(b.save(&ws_b, &dirty, T.into()), Err(SaveError::Replaced));
    assert!(kv.get(MANIFEST_KEY).is_none(), "B wrote nothing");
    // A starts a new workspace; B still may not write over it, however low its revision.
    a.save(&demo(20), &Dirty::replacement(), T.into()).unwrap();
    assert_eq!(b.save(&ws_b, &dirty, T.into()), Err(SaveError::Replaced));
    assert_eq!(ready(&mut b).deal_count(), 20, "B loads what A started");
}

#[test]
fn an_import_in_one_tab_is_a_replacement_the_other_tab_does_not_replay_over() {
    let (kv, ws) = stored(100);
    let mut a = tab(&kv, "a");
    let mut b = tab(&kv, "b");
    ready(&mut a);
    let mut ws_b = ready(&mut b);
    let imported = demo(40);
    a.save(&imported, &Dirty::replacement(), T.into()).unwrap();
    let (deal, _) = two_deals_of_different_shards(&ws);
    let dirty = retitle(&mut ws_b, deal, "B");
    assert_eq!(b.save(&ws_b, &dirty, T.into()), Err(SaveError::Replaced));
    let lineage_before = b.lineage().map(str::to_string);
    assert_eq!(ready(&mut b), imported);
    assert_ne!(b.lineage().map(str::to_string), lineage_before);
    // The imported workspace keeps its revision counting up.
    assert!(b.revision() >= 2);
}

fn damage(kv: &MemoryKv) {
    kv.set(
        MANIFEST_KEY,
        "{\"app\":\"voronka\",\"schema_version\":1,\"data\":{broken",
    )
    .unwrap();
}

#[test]
fn every_damage_keeps_its_own_recovery_copy() {
    let (kv, _) = stored(300);
    let first_size = {
        let mut p = tab(&kv, "a");
        ready(&mut p);
        p.raw_dump().len()
    };
    // First damage: a copy of everything, 300 deals.
    let shard = kv
        .keys()
        .into_iter()
        .find(|k| k.starts_with(SHARD_PREFIX))
        .unwrap();
    kv.remove(&shard);
    let mut p = tab(&kv, "a");
    assert!(matches!(
        p.load(),
        Loaded::Unreadable {
            backed_up: true,
            ..
        }
    ));
    p.start_fresh();
    p.save(&demo(3), &Dirty::replacement(), T.into()).unwrap();
    // Second damage, much smaller: the first copy stays.
    damage(&kv);
    let mut p = tab(&kv, "b");
    assert!(matches!(
        p.load(),
        Loaded::Unreadable {
            backed_up: true,
            ..
        }
    ));
    let copies = p.recovery_copies();
    assert_eq!(copies.len(), 2);
    assert!(copies[0].units > 10_000 && copies[0].units * 2 > first_size / 2);
    assert!(copies[1].units * 10 < copies[0].units);
    assert_ne!(copies[0].key, copies[1].key);
    // Loading again after another tab wrote makes no third copy.
    assert!(matches!(p.load_without_copy(), Loaded::Unreadable { .. }));
    assert_eq!(p.recovery_copies().len(), 2);
}

#[test]
fn a_recovery_copy_with_a_missing_shard_restores_every_readable_deal() {
    let (kv, ws) = stored(300);
    let shard = kv
        .keys()
        .into_iter()
        .find(|k| k.starts_with(SHARD_PREFIX))
        .unwrap();
    let in_shard = ws
        .deals()
        .filter(|d| shard.starts_with(&format!("{SHARD_PREFIX}{}.", d.id.0 % 32)))
        .count();
    assert!(in_shard > 0);
    kv.remove(&shard);
    let mut p = tab(&kv, "a");
    assert!(matches!(
        p.load(),
        Loaded::Unreadable {
            problem: LoadProblem::Shard(_),
            ..
        }
    ));
    let copy = p.recovery_copy().unwrap();
    let salvaged = Persister::salvage(&copy).unwrap();
    assert_eq!(salvaged.lost, in_shard);
    assert_eq!(salvaged.workspace.deal_count(), 300 - in_shard);
    assert_eq!(
        salvaged.workspace.directions().count(),
        ws.directions().count()
    );
    // A copy that is not ours is refused with a reason, not a panic.
    assert!(Persister::salvage("{\"x\":1}").is_err());
    assert!(Persister::salvage("not json").is_err());
}

#[test]
fn a_flipped_bit_anywhere_in_a_shard_or_the_manifest_is_never_loaded_as_other_data() {
    let (kv0, ws) = stored(60);
    let keys: Vec<String> = kv0
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(SHARD_PREFIX) || k == MANIFEST_KEY)
        .collect();
    let mut tried = 0;
    for key in &keys {
        let text: Vec<char> = kv0.get(key).unwrap().chars().collect();
        // 40 places spread over each value, every bit of the unit's low byte.
        for place in 0..40 {
            if key != MANIFEST_KEY && place % 4 != 0 {
                continue;
            }
            let i = place * text.len() / 40;
            for bit in 0..8 {
                let Some(c) = char::from_u32(text[i] as u32 ^ (1 << bit)) else {
                    continue;
                };
                let mut damaged = text.clone();
                damaged[i] = c;
                let kv = MemoryKv::default();
                for k in kv0.keys() {
                    kv.set(&k, &kv0.get(&k).unwrap()).unwrap();
                }
                kv.set(key, &damaged.iter().collect::<String>()).unwrap();
                tried += 1;
                match tab(&kv, "r").load() {
                    Loaded::Ready(back, _) => assert_eq!(*back, ws, "{key} unit {i} bit {bit}"),
                    Loaded::Unreadable { .. } => {}
                    other => panic!("{other:?}"),
                }
            }
        }
    }
    assert!(tried > 500, "{tried} flips");
}

#[test]
fn a_manifest_with_a_revision_of_the_wrong_type_says_so() {
    let (kv, _) = stored(10);
    let text = kv.get(MANIFEST_KEY).unwrap();
    let revision = text.split("\"revision\":").nth(1).unwrap();
    let end = revision.find(',').unwrap();
    for bad in ["\"12\"", "1e30", "-3"] {
        let damaged = text.replacen(
            &format!("\"revision\":{}", &revision[..end]),
            &format!("\"revision\":{bad}"),
            1,
        );
        kv.set(MANIFEST_KEY, &damaged).unwrap();
        match tab(&kv, "r").load() {
            Loaded::Unreadable {
                problem:
                    LoadProblem::Envelope(voronka_core::storage::envelope::ReadError::WrongType {
                        path,
                    }),
                ..
            } => assert_eq!(path, "revision"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn an_undo_is_replayed_over_another_tabs_save_unless_that_tab_changed_the_same_deal() {
    let ws0 = demo(50);
    let (x, y) = two_deals_of_different_shards(&ws0);
    // Tab A changes X and undoes it; tab B meanwhile saved a change of Y.
    let mut a = ws0.clone();
    let mut history = History::default();
    let mut draft = a.deal(x).unwrap().draft();
    let base = draft.clone();
    draft.title = "A's title".into();
    history
        .apply(
            &mut a,
            Command::PatchDeal {
                deal: x,
                patch: DealPatch::between(&base, &draft),
            },
        )
        .unwrap();
    let mut newer = a.clone(); // B loaded A's saved change…
    retitle(&mut newer, y, "B's title"); // …and saved its own.
    let undo = history.undo(&mut a).unwrap();
    assert_eq!(a.deal(x).unwrap().title, ws0.deal(x).unwrap().title);
    let mut replayed = newer.clone();
    undo.replay(&mut replayed).unwrap();
    assert_eq!(
        replayed.deal(x).unwrap().title,
        ws0.deal(x).unwrap().title,
        "undo kept"
    );
    assert_eq!(
        replayed.deal(y).unwrap().title,
        "B's title",
        "B's change kept"
    );
    // Had B changed X itself, the undo would overwrite it: refused instead.
    let mut clash = a.clone();
    history.redo(&mut clash).unwrap();
    let mut theirs = clash.clone();
    retitle(&mut theirs, x, "B changed X too");
    let undo = history.undo(&mut clash).unwrap();
    assert_eq!(undo.replay(&mut theirs), Err(DomainError::ChangedElsewhere));
    assert_eq!(theirs.deal(x).unwrap().title, "B changed X too");
    assert_eq!(
        undo.command().subject(&ws0).as_deref(),
        Some(ws0.deal(x).unwrap().title.as_str())
    );
}

#[test]
fn undo_is_refused_once_another_tab_changed_what_it_would_revert() {
    let mut ws = demo(20);
    let (x, _) = two_deals_of_different_shards(&ws);
    let mut history = History::default();
    let mut draft = ws.deal(x).unwrap().draft();
    let base = draft.clone();
    draft.amount = Money(77_700);
    history
        .apply(
            &mut ws,
            Command::PatchDeal {
                deal: x,
                patch: DealPatch::between(&base, &draft),
            },
        )
        .unwrap();
    // Newer data from another tab changed the same deal's title.
    retitle(&mut ws, x, "Changed in another tab");
    history.rebase();
    assert_eq!(history.undo(&mut ws), Err(DomainError::ChangedElsewhere));
    assert_eq!(
        ws.deal(x).unwrap().amount,
        Money(77_700),
        "nothing reverted"
    );
}

#[test]
fn a_stale_editor_saves_only_what_it_changed() {
    let mut ws = demo(20);
    let (w, _) = two_deals_of_different_shards(&ws);
    let opened = ws.deal(w).unwrap().draft();
    // Another tab sets the amount to 777.
    let mut other = opened.clone();
    other.amount = Money(77_700);
    ws.apply(&Command::PatchDeal {
        deal: w,
        patch: DealPatch::between(&opened, &other),
    })
    .unwrap();
    // This editor changes only the title.
    let mut mine = opened.clone();
    mine.title = "New title".into();
    let patch = DealPatch::between(&opened, &mine);
    assert!(patch
        .conflicts(&opened, &ws.deal(w).unwrap().draft())
        .is_empty());
    ws.apply(&Command::PatchDeal { deal: w, patch }).unwrap();
    let deal = ws.deal(w).unwrap();
    assert_eq!(
        (deal.title.as_str(), deal.amount),
        ("New title", Money(77_700))
    );
}

#[test]
fn amounts_are_capped_so_that_no_sum_can_overflow() {
    use voronka_core::domain::validate::MAX_AMOUNT;
    let mut f = Fixture::new();
    let stage = f.stage(0);
    let mut ids = Vec::new();
    for i in 0..3 {
        let mut d = draft(&format!("Max {i}"), 0, f.anna);
        d.amount = Money(MAX_AMOUNT);
        match f
            .apply(Command::CreateDeal {
                draft: d,
                stage,
                at: now(),
            })
            .unwrap()
        {
            Outcome::DealCreated(id) => ids.push(id),
            other => panic!("{other:?}"),
        }
    }
    let total: Money = ids.iter().map(|id| f.ws.deal(*id).unwrap().amount).sum();
    assert_eq!(total, Money(3 * MAX_AMOUNT), "exact, not saturated");
    let column_total: Money =
        f.ws.column(stage)
            .iter()
            .map(|id| f.ws.deal(*id).unwrap().amount)
            .sum();
    assert_eq!(column_total, Money(3 * MAX_AMOUNT));
    let mut over = draft("Over", 0, f.anna);
    over.amount = Money(MAX_AMOUNT + 1);
    assert_eq!(
        f.apply(Command::CreateDeal {
            draft: over,
            stage,
            at: now()
        }),
        Err(DomainError::AmountTooLarge(Field::DealAmount))
    );
    // The largest total a workspace can hold (MAX_DEALS at MAX_AMOUNT) is checked at compile
    // time in `validate`; here the sum of the column is exact at the limit.
}
