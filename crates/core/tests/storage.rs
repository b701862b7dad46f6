//! Persistence natively, against an in-memory localStorage with a quota: the envelope, the
//! migration chain, validation of bad files, sharded saves, quota errors, unreadable and newer
//! data, two tabs, and the capacity for 10,000 realistic deals.

mod common;
use common::*;
use voronka_core::domain::demo::{generate, DemoConfig};
use voronka_core::domain::*;
use voronka_core::storage::envelope::{self, ReadError};
use voronka_core::storage::kv::{KeyValue, MemoryKv, QUOTA_UNITS};
use voronka_core::storage::persist::{
    Dirty, LoadProblem, Loaded, Persister, SaveError, FIRST_CARDS, MANIFEST_KEY,
};

fn demo(deals: usize) -> Workspace {
    generate(&DemoConfig {
        seed: 11,
        employees: 6,
        deals,
        now: Stamp::at_midnight(day(2026, 11, 27)).plus_minutes(18 * 60),
        lang: Lang::Ru,
    })
}

fn persister(kv: &MemoryKv) -> Persister {
    Persister::new(Box::new(kv.clone()))
}

fn ready(p: &mut Persister) -> Workspace {
    match p.load() {
        Loaded::Ready(ws, _) => *ws,
        other => panic!("expected a workspace, got {other:?}"),
    }
}

const T: &str = "2026-11-27T10:00:00Z";

/// A store holding `deals` demo deals, saved once.
fn saved_demo(deals: usize) -> (MemoryKv, Persister, Workspace) {
    let kv = MemoryKv::default();
    let mut p = persister(&kv);
    p.load();
    let ws = demo(deals);
    p.save(&ws, &Dirty::everything(), T.into()).unwrap();
    (kv, p, ws)
}

#[test]
fn export_import_round_trips_exactly() {
    let ws = demo(200);
    let text = envelope::export(&ws, 5, T.into());
    let (meta, back) = envelope::read_workspace(&text).unwrap();
    assert_eq!(back, ws);
    assert_eq!(
        (meta.app.as_str(), meta.schema_version, meta.revision),
        ("voronka", 1, 5)
    );
    assert_eq!(envelope::export(&back, 5, T.into()), text, "byte for byte");
}

#[test]
fn schema_0_fixture_migrates() {
    let text = std::fs::read_to_string("tests/fixtures/schema-0.json").unwrap();
    let (meta, ws) = envelope::read_workspace(&text).unwrap();
    assert_eq!(
        meta.schema_version, 0,
        "the header tells which schema the file had"
    );
    assert_eq!(ws.deal_count(), 1);
    assert_eq!(ws.next_id(), 7, "the missing counter is set above every id");
    assert_eq!(ws.deal(DealId(6)).unwrap().amount, Money::major(1_250_000));
    ws.check_invariants().unwrap();
}

#[test]
fn bad_files_are_rejected_with_their_problem() {
    let good = envelope::export(&demo(30), 1, T.into());
    let read = |t: &str| envelope::read_workspace(t).map(|_| ()).unwrap_err();
    assert_eq!(read(""), ReadError::Empty);
    assert!(matches!(
        read("not json at all"),
        ReadError::NotJson { line: 1, .. }
    ));
    assert_eq!(
        read(r#"{"board":"trello","lists":[]}"#),
        ReadError::NotVoronka
    );
    assert_eq!(read(&good[..good.len() / 2]), ReadError::Truncated);
    assert_eq!(
        read(&good.replacen("\"schema_version\":1", "\"schema_version\":3", 1)),
        ReadError::FutureVersion(3)
    );
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["data"]["deals"][3]["amount"] = serde_json::json!("много");
    assert_eq!(
        read(&value.to_string()),
        ReadError::WrongType {
            path: "deals[3].amount".into()
        }
    );
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["data"]["deals"][12]["stage"] = serde_json::json!(99_999);
    assert_eq!(
        read(&value.to_string()),
        ReadError::Invalid(DataError {
            path: "deals[12].stage".into(),
            problem: DataProblem::UnknownStage
        })
    );
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["data"]["deals"][2]["amount"] = serde_json::json!(-5);
    assert!(matches!(
        read(&value.to_string()),
        ReadError::Invalid(DataError {
            problem: DataProblem::NegativeAmount,
            ..
        })
    ));
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["data"]["deals"][2]["id"] = value["data"]["deals"][1]["id"].clone();
    assert!(matches!(
        read(&value.to_string()),
        ReadError::Invalid(DataError {
            problem: DataProblem::DuplicateId,
            ..
        })
    ));
    let huge = " ".repeat(envelope::MAX_FILE_BYTES + 1);
    assert_eq!(
        read(&huge),
        ReadError::TooLarge(envelope::MAX_FILE_BYTES + 1)
    );
}

#[test]
fn saves_and_loads_a_workspace() {
    let kv = MemoryKv::default();
    let mut p = persister(&kv);
    assert!(matches!(p.load(), Loaded::Empty));
    let ws = demo(300);
    assert_eq!(p.save(&ws, &Dirty::everything(), T.into()), Ok(1));
    let mut other = persister(&kv);
    assert_eq!(ready(&mut other), ws);
    assert!(kv
        .get(MANIFEST_KEY)
        .unwrap()
        .contains("\"schema_version\":1"));
}

#[test]
fn shards_written_as_json_by_earlier_versions_still_load() {
    use voronka_core::storage::{codec, rows};
    let (kv, _, mut ws) = saved_demo(300);
    // Rewrite every shard the way the previous version did: a JSON array of deals.
    let shards: Vec<String> = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("voronka.deals.") && !k.starts_with("voronka.deals.s"))
        .collect();
    assert_eq!(shards.len(), 32);
    for key in &shards {
        let bytes = codec::unpack(&kv.get(key).unwrap()).unwrap();
        assert_eq!(bytes[0], rows::TAG, "this version writes rows");
        let deals = rows::decode(&bytes).unwrap();
        let json = serde_json::to_vec(&deals).unwrap();
        kv.set(key, &codec::pack(&json)).unwrap();
    }
    let mut old = persister(&kv);
    assert_eq!(ready(&mut old), ws);
    // The next change writes its shard as rows; the rest stay JSON and still load.
    let deal = ws.deals().next().unwrap().id;
    edit_and_save(&mut old, &mut ws, deal, |d| {
        d.notes = "Перезвонить в понедельник".into()
    });
    assert_eq!(ready(&mut persister(&kv)), ws);
}

#[test]
fn a_change_rewrites_only_its_shard() {
    let (kv, mut p, mut ws) = saved_demo(1_000);
    let new_keys = |before: &[String]| -> Vec<String> {
        kv.keys()
            .into_iter()
            .filter(|k| !before.contains(k))
            .collect()
    };
    // A deal below its column's first screen: one new shard key.
    let before = kv.keys();
    let deal = ws
        .deals()
        .find(|d| d.closed_at.is_none() && ws.position(d.id).unwrap() >= FIRST_CARDS)
        .unwrap()
        .id;
    edit_and_save(&mut p, &mut ws, deal, |d| d.title = "Новое название".into());
    assert_eq!(
        new_keys(&before).len(),
        1,
        "one new shard key: {:?}",
        new_keys(&before)
    );
    assert_eq!(
        before.len(),
        kv.keys().len(),
        "the replaced shard key is gone"
    );
    // A deal on its column's first screen: its shard and its column's first cards.
    let before = kv.keys();
    let deal = ws.column(ws.deal(deal).unwrap().stage)[0];
    edit_and_save(&mut p, &mut ws, deal, |d| {
        d.title = "На первом экране".into()
    });
    let added = new_keys(&before);
    assert_eq!(added.len(), 2, "{added:?}");
    assert_eq!(
        added
            .iter()
            .filter(|k| k.starts_with("voronka.deals.s"))
            .count(),
        1
    );
    assert_eq!(before.len(), kv.keys().len(), "the replaced keys are gone");
    assert_eq!(ready(&mut persister(&kv)), ws);
}

#[test]
fn quota_errors_keep_the_last_save_and_saving_resumes_with_room() {
    let kv = MemoryKv::default();
    let mut p = persister(&kv);
    p.load();
    let mut ws = demo(300);
    p.save(&ws, &Dirty::everything(), T.into()).unwrap();
    let saved = ws.clone();
    // Another app fills the origin's storage.
    let used: usize = p.usage().used;
    kv.set_quota(Some(used + 1_000));
    kv.set("other-app", &"x".repeat(900)).unwrap();
    let big = "Заметка ".repeat(2_000);
    let deals: Vec<DealId> = ws.deals().map(|d| d.id).take(40).collect();
    let mut dirty = Dirty::default();
    for &deal in &deals {
        let mut draft = ws.deal(deal).unwrap().draft();
        draft.notes = format!("{big}{}", deal.0);
        ws.apply(&Command::EditDeal { deal, draft }).unwrap();
        dirty.add_deals([deal]);
    }
    let keys_before = kv.keys();
    assert_eq!(p.save(&ws, &dirty, T.into()), Err(SaveError::Quota));
    assert_eq!(
        kv.keys(),
        keys_before,
        "no half-written shard is left behind"
    );
    assert_eq!(
        ready(&mut persister(&kv)),
        saved,
        "the previous save is whole"
    );
    kv.remove("other-app");
    kv.set_quota(None);
    p.save(&ws, &dirty, T.into()).unwrap();
    assert_eq!(
        ready(&mut persister(&kv)),
        ws,
        "nothing lost once there is room"
    );
}

#[test]
fn unreadable_data_is_kept_aside_and_never_overwritten() {
    let kv = MemoryKv::default();
    kv.set(
        MANIFEST_KEY,
        "{\"app\":\"voronka\",\"schema_version\":1,\"data\":{broken",
    )
    .unwrap();
    let mut p = persister(&kv);
    match p.load() {
        Loaded::Unreadable {
            problem: LoadProblem::Envelope(_),
            backed_up: true,
        } => {}
        other => panic!("{other:?}"),
    }
    assert!(p.recovery_copy().unwrap().contains("broken"));
    assert_eq!(
        p.save(&demo(10), &Dirty::everything(), T.into()),
        Err(SaveError::Blocked)
    );
    assert!(
        kv.get(MANIFEST_KEY).unwrap().ends_with("broken"),
        "the original is untouched"
    );
    // Only the user's choice to start fresh allows writing; the copy stays.
    p.start_fresh();
    p.save(&demo(10), &Dirty::everything(), T.into()).unwrap();
    assert_eq!(p.recovery_copies().len(), 1);
    assert!(p.recovery_copy().unwrap().contains("broken"));
}

#[test]
fn a_missing_shard_makes_the_data_unreadable() {
    let kv = MemoryKv::default();
    let mut p = persister(&kv);
    p.load();
    p.save(&demo(100), &Dirty::everything(), T.into()).unwrap();
    let shard = kv
        .keys()
        .into_iter()
        .find(|k| k.starts_with("voronka.deals."))
        .unwrap();
    kv.remove(&shard);
    assert!(matches!(persister(&kv).load(), Loaded::Unreadable { .. }));
}

#[test]
fn newer_schema_opens_read_only() {
    let kv = MemoryKv::default();
    let mut p = persister(&kv);
    p.load();
    let ws = demo(50);
    p.save(&ws, &Dirty::everything(), T.into()).unwrap();
    let manifest =
        kv.get(MANIFEST_KEY)
            .unwrap()
            .replacen("\"schema_version\":1", "\"schema_version\":2", 1);
    kv.set(MANIFEST_KEY, &manifest).unwrap();
    let mut p = persister(&kv);
    match p.load() {
        Loaded::NewerVersion(Some(read), 2) => assert_eq!(*read, ws),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        p.save(&ws, &Dirty::everything(), T.into()),
        Err(SaveError::Blocked)
    );
    assert_eq!(kv.get(MANIFEST_KEY).unwrap(), manifest, "never downgraded");
}

#[test]
fn a_tab_never_overwrites_newer_data() {
    let kv = MemoryKv::default();
    let mut a = persister(&kv);
    a.load();
    let mut ws = demo(50);
    a.save(&ws, &Dirty::everything(), T.into()).unwrap();
    let mut b = persister(&kv);
    let mut ws_b = ready(&mut b);
    // Tab A saves a change; tab B, still at the older revision, must not write over it.
    let (_, log) = ws
        .apply_logged(&Command::AddEmployee {
            name: "Новый сотрудник".into(),
        })
        .unwrap();
    let mut dirty = Dirty::default();
    dirty.add_deals(log.touched_deals());
    assert_eq!(a.save(&ws, &dirty, T.into()), Ok(2));
    ws_b.apply(&Command::AddEmployee {
        name: "Другой".into(),
    })
    .unwrap();
    assert_eq!(
        b.save(&ws_b, &Dirty::default(), T.into()),
        Err(SaveError::Conflict(2))
    );
    assert_eq!(b.stored_revision(), Some(2));
    assert_eq!(ready(&mut b), ws, "tab B reloads the newer data");
}

/// Notes as reps write them: varied words and numbers, a few hundred characters.
fn realistic_note(seed: u64) -> String {
    const WORDS: [&str; 24] = [
        "клиент",
        "просил",
        "перезвонить",
        "после",
        "обеда",
        "бюджет",
        "утверждён",
        "на",
        "квартал",
        "сравнивают",
        "с",
        "конкурентами",
        "договор",
        "у",
        "юристов",
        "скидка",
        "при",
        "оплате",
        "вперёд",
        "поставка",
        "в",
        "срок",
        "до",
        "склад",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = String::new();
    while out.chars().count() < 300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(WORDS[(x % 24) as usize]);
        out.push(if x.is_multiple_of(7) { '.' } else { ' ' });
        if x.is_multiple_of(5) {
            out.push_str(&format!("{} ", x % 100_000));
        }
    }
    out
}

#[test]
fn ten_thousand_realistic_deals_fit_in_localstorage() {
    let mut ws = demo(10_000);
    let ids: Vec<DealId> = ws.deals().map(|d| d.id).collect();
    for id in ids {
        let mut draft = ws.deal(id).unwrap().draft();
        draft.notes = realistic_note(u64::from(id.0));
        ws.apply(&Command::EditDeal { deal: id, draft }).unwrap();
    }
    let kv = MemoryKv::with_quota(QUOTA_UNITS);
    let mut p = persister(&kv);
    p.load();
    p.save(&ws, &Dirty::everything(), T.into())
        .expect("10,000 deals fit");
    let usage = p.usage();
    println!(
        "10,000 deals with ~300-character notes: {} UTF-16 units, {}% of the quota",
        usage.used,
        usage.percent()
    );
    assert!(
        usage.percent() < 80,
        "and leave room to grow: {}%",
        usage.percent()
    );
    assert_eq!(ready(&mut persister(&kv)), ws);
}

#[test]
fn the_example_in_format_md_is_a_valid_file() {
    // The project's docs, two folders above this crate.
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/FORMAT.md"))
        .unwrap();
    let start = doc.find("```json\n").expect("FORMAT.md has a JSON example") + 8;
    let end = start + doc[start..].find("```").unwrap();
    let (meta, ws) = envelope::read_workspace(&doc[start..end]).expect("the example imports");
    assert_eq!((meta.schema_version, meta.revision), (1, 12));
    assert_eq!(ws.deal_count(), 2);
    assert_eq!(ws.deal(DealId(6)).unwrap().amount, Money::major(1_250_000));
    let nov = Period::month(2026, 11);
    let c = ws.completion(Some(EmployeeId(1)), nov, day(2026, 11, 27));
    assert_eq!(
        c.percent_bp,
        Some(3_600),
        "the won deal does 36 % of the plan"
    );
}
