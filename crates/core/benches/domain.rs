//! Criterion benchmarks of the domain at 10,000 and 50,000 deals: moving a deal, the board
//! query and every gauge; and of storage natively: a full save, a load, an import. Also
//! reports (once, before the timings) the memory the workspace and 100 undo steps hold,
//! measured by a counting allocator.

use chrono::NaiveDate;
use criterion::{black_box, BenchmarkId, Criterion};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use voronka_core::domain::demo::{generate, DemoConfig};
use voronka_core::domain::*;

/// Counts the bytes currently allocated, to measure what a structure holds.
struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn held() -> isize {
    HELD.load(Ordering::Relaxed)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn workspace(deals: usize) -> Workspace {
    generate(&DemoConfig {
        seed: 42,
        employees: 12,
        deals,
        now: Stamp::at_midnight(today()).plus_minutes(18 * 60),
        lang: Lang::Ru,
    })
}

/// The direction with the most deals, and two of its open stages.
fn busiest(ws: &Workspace) -> (DirectionId, StageId, StageId) {
    let d = ws
        .directions()
        .max_by_key(|d| ws.deals_in_direction(d.id))
        .unwrap();
    let open: Vec<_> = d
        .stages
        .iter()
        .filter(|s| s.kind == StageKind::Open)
        .collect();
    (d.id, open[0].id, open[1].id)
}

fn move_command(ws: &Workspace, deal: DealId, to: StageId) -> Command {
    Command::MoveDeal {
        deal,
        to_stage: to,
        index: ws.column(to).len() / 2,
        confirm_unfinished: true,
        loss_reason: None,
        at: Stamp::at_midnight(today()),
    }
}

fn report_memory() {
    for n in [10_000, 50_000] {
        let before = held();
        let mut ws = workspace(n);
        let ws_bytes = held() - before;
        let (_, a, b) = busiest(&ws);
        let deals: Vec<DealId> = ws.column(a).iter().copied().take(100).collect();
        let mut history = History::default();
        let before = held();
        for (i, &deal) in deals.iter().enumerate() {
            let to = if i % 2 == 0 { b } else { a };
            let command = move_command(&ws, deal, to);
            history.apply(&mut ws, command).unwrap();
        }
        let undo_bytes = held() - before;
        // The heaviest single step: deleting the busiest direction moves all its deals.
        let (dir, _, _) = busiest(&ws);
        let target = ws.directions().find(|d| d.id != dir).unwrap().clone();
        let stages = ws
            .direction(dir)
            .unwrap()
            .stages
            .iter()
            .map(|s| (s.id, target.stages[0].id))
            .collect();
        let moved = ws.deals_in_direction(dir);
        let before = held();
        history
            .apply(
                &mut ws,
                Command::DeleteDirection {
                    direction: dir,
                    target: Some(DirectionMapping {
                        direction: target.id,
                        stages,
                        loss_reason: None,
                    }),
                    at: Stamp::at_midnight(today()),
                },
            )
            .unwrap();
        let delete_bytes = held() - before;
        println!(
            "memory at {n} deals: workspace {:.1} MiB; 100 undo steps of moves {:.1} KiB; \
             one undo step deleting a direction of {moved} deals {:.1} MiB",
            ws_bytes as f64 / 1_048_576.0,
            undo_bytes as f64 / 1024.0,
            delete_bytes as f64 / 1_048_576.0,
        );
    }
}

fn benches(c: &mut Criterion) {
    for n in [10_000, 50_000] {
        let mut ws = workspace(n);
        let (dir, a, b) = busiest(&ws);
        let deal = ws.column(a)[0];
        let mut group = c.benchmark_group("domain");
        group.sample_size(50);
        // A move and its undo: the deal's history does not grow from one iteration to the next,
        // so every iteration measures the same work.
        let mut history = History::default();
        group.bench_function(BenchmarkId::new("move_deal_and_undo", n), |bench| {
            bench.iter(|| {
                let command = move_command(&ws, deal, b);
                black_box(history.apply(&mut ws, command).unwrap());
                black_box(history.undo(&mut ws).unwrap());
            })
        });
        // The move alone, across the column: each iteration moves the next deal of column a to
        // column b, and back once a is empty, so histories grow by one entry per pass.
        let mut pass = 0usize;
        group.bench_function(BenchmarkId::new("move_deal", n), |bench| {
            bench.iter(|| {
                let (from, to) = if pass.is_multiple_of(2) {
                    (a, b)
                } else {
                    (b, a)
                };
                let Some(&next) = ws.column(from).first() else {
                    pass += 1;
                    return;
                };
                let command = move_command(&ws, next, to);
                black_box(ws.apply(&command).unwrap());
            })
        });
        group.bench_function(BenchmarkId::new("board_with_totals", n), |bench| {
            bench.iter(|| {
                let board = ws.board(dir).unwrap();
                black_box(board.totals());
            })
        });
        group.bench_function(BenchmarkId::new("every_gauge_of_a_period", n), |bench| {
            bench.iter(|| black_box(ws.completions(Period::month(2026, 11), today())))
        });
        group.bench_function(
            BenchmarkId::new("every_gauge_all_period_kinds", n),
            |bench| {
                bench.iter(|| {
                    for kind in PeriodKind::ALL {
                        black_box(ws.completions(Period::containing(today(), kind), today()));
                    }
                })
            },
        );
        group.finish();
    }
}

/// The storage layer natively: a full save, a load (read, inflate, decode rows, validate) and
/// an import of the export file (parse and validate), against an in-memory localStorage.
fn storage(c: &mut Criterion) {
    use voronka_core::storage::envelope;
    use voronka_core::storage::kv::MemoryKv;
    use voronka_core::storage::persist::{Dirty, Loaded, Persister};
    for n in [10_000, 50_000] {
        let ws = workspace(n);
        let mut group = c.benchmark_group("storage");
        group.sample_size(10);
        let kv = MemoryKv::default();
        let mut p = Persister::new(Box::new(kv.clone()));
        p.load();
        group.bench_function(BenchmarkId::new("save_everything", n), |bench| {
            bench.iter(|| black_box(p.save(&ws, &Dirty::everything(), String::new()).unwrap()))
        });
        group.bench_function(BenchmarkId::new("load", n), |bench| {
            bench.iter(|| {
                let mut p = Persister::new(Box::new(kv.clone()));
                assert!(matches!(black_box(p.load()), Loaded::Ready(..)));
            })
        });
        let file = envelope::export(&ws, 1, String::new());
        group.bench_function(BenchmarkId::new("import_export_file", n), |bench| {
            bench.iter(|| black_box(envelope::read_workspace(&file).unwrap()))
        });
        group.finish();
    }
}

/// A CSV import natively: parse (the `csv` crate), preset the mapping, plan the batch, and
/// apply it to an empty workspace, for a Russian export of `n` deals.
fn csv_import(c: &mut Criterion) {
    use voronka_core::crm::{self, plan, Mapping};
    let defaults = plan::Defaults {
        open_stage: "Новая".into(),
        won_stage: "Успешно".into(),
        lost_stage: "Провалено".into(),
        no_owner: "Без ответственного".into(),
        loss_reason: "Не указана".into(),
        phone_label: "Телефон".into(),
        email_label: "E-mail".into(),
    };
    for n in [1_000, 10_000, 100_000] {
        let source = workspace(n);
        let text = crm::export::export(&source, crm::export::board_order(&source), Lang::Ru);
        let text = text.trim_start_matches('\u{feff}');
        let mut group = c.benchmark_group("csv_import");
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("parse_map_plan_apply", n), |bench| {
            bench.iter(|| {
                let table = crm::table::parse(text).unwrap();
                let mut ws = Workspace::new(Currency::Rub, Lang::Ru);
                let mapping = Mapping::propose(&table, &ws);
                let p = plan::plan(&table, &mapping, &ws, &defaults, Stamp(0));
                assert_eq!(p.batch.deals.len(), n);
                black_box(ws.apply(&Command::ImportDeals(Box::new(p.batch))).unwrap());
            })
        });
        group.finish();
    }
}

/// Each section of the Analytics view for a year over every direction (the funnel and time in
/// stage drawn for each direction), the whole view, and the fingerprints it keys on.
fn analytics(c: &mut Criterion) {
    use voronka_core::domain::analytics::Scope;
    let now = voronka_core::domain::Stamp::from_datetime(today().and_hms_opt(12, 0, 0).unwrap());
    for n in [10_000, 50_000] {
        let ws = workspace(n);
        let scope = Scope {
            period: Period::containing(today(), PeriodKind::Year),
            direction: None,
            owner: None,
        };
        let directions = ws.analytics_directions(None);
        let mut group = c.benchmark_group("analytics");
        group.sample_size(30);
        group.bench_function(BenchmarkId::new("funnel_every_direction", n), |bench| {
            bench.iter(|| black_box(ws.funnels(&directions, scope)))
        });
        group.bench_function(
            BenchmarkId::new("time_in_stage_every_direction", n),
            |bench| bench.iter(|| black_box(ws.stays_of(&directions, scope, now))),
        );
        group.bench_function(BenchmarkId::new("won_and_lost", n), |bench| {
            bench.iter(|| black_box(ws.outcomes(scope)))
        });
        group.bench_function(BenchmarkId::new("forecast", n), |bench| {
            bench.iter(|| black_box(ws.forecast(scope.period)))
        });
        group.bench_function(BenchmarkId::new("nps", n), |bench| {
            bench.iter(|| black_box(ws.nps(scope)))
        });
        group.bench_function(BenchmarkId::new("whole_view", n), |bench| {
            bench.iter(|| black_box(ws.analytics_report(scope, now)))
        });
        group.bench_function(BenchmarkId::new("fingerprints", n), |bench| {
            bench.iter(|| black_box(ws.analytics_inputs()))
        });
        group.finish();
    }
}

/// Times `run` alone on what `setup` made: a copy of a 10,000-deal state, and its drop, would
/// cost more than the step measured.
fn timed<I, O>(
    bench: &mut criterion::Bencher,
    mut setup: impl FnMut() -> I,
    mut run: impl FnMut(&mut I) -> O,
) {
    bench.iter_custom(|iterations| {
        let mut spent = std::time::Duration::ZERO;
        for _ in 0..iterations {
            let mut input = setup();
            let at = std::time::Instant::now();
            let output = run(&mut input);
            spent += at.elapsed();
            black_box((input, output));
        }
        spent
    })
}

/// A team's sync steps for one changed deal: the head's outbox once the others are known to
/// be in sync, and the rep's merge of the head's change (deal by deal, and assembled whole).
fn team_sync(c: &mut Criterion) {
    use voronka_core::sync::memory::MemoryCouch;
    use voronka_core::sync::{TeamSettings, TeamState};
    for n in [10_000, 50_000] {
        let ws = workspace(n);
        let mut db = MemoryCouch::new();
        let mut head = TeamState::new(TeamSettings::default());
        let sent = head.begin_push(&ws);
        let results = db.bulk_docs(&sent);
        head.after_push(&ws, &sent, &results).unwrap();
        let (changes, seq) = db.changes(0);
        let (rep, rep_ws) = TeamState::join(changes, seq.into(), IdSlot::new(1).unwrap()).unwrap();
        let mut changed = ws.clone();
        let deal = changed.deals().next().unwrap().id;
        let mut draft = changed.deal(deal).unwrap().draft();
        draft.title = "Changed by the head".into();
        changed.apply(&Command::EditDeal { deal, draft }).unwrap();
        let mut group = c.benchmark_group(format!("team sync {n}"));
        group.sample_size(20);
        head.outbox(&changed);
        group.bench_function("the head's outbox of one changed deal", |bench| {
            bench.iter(|| black_box(head.outbox(&changed)))
        });
        let sent = head.begin_push(&changed);
        let results = db.bulk_docs(&sent);
        head.after_push(&changed, &sent, &results).unwrap();
        let (changes, last) = db.changes(seq);
        for (name, whole) in [
            ("the rep's merge, deal by deal", false),
            ("assembled whole", true),
        ] {
            group.bench_function(name, |bench| {
                timed(
                    bench,
                    || {
                        let mut state = rep.clone();
                        state.always_assemble = whole;
                        (state, changes.clone())
                    },
                    |(state, changes)| {
                        state
                            .after_pull(&rep_ws, std::mem::take(changes), last.into())
                            .unwrap()
                    },
                )
            });
        }
        // What a change costs the stored state: its part and the head, against every part.
        let kv = voronka_core::storage::kv::MemoryKv::default();
        let mut stored = rep.clone();
        voronka_core::sync::stored::write(&kv, &mut stored).unwrap();
        let id = format!("deal:{}", deal.0);
        for (name, one) in [
            ("the stored state, one part", true),
            ("the stored state, every part", false),
        ] {
            group.bench_function(name, |bench| {
                timed(
                    bench,
                    || {
                        let mut state = match one {
                            true => voronka_core::sync::stored::read(&kv).unwrap(),
                            false => rep.clone(),
                        };
                        state.replica.unwritten.touch(&id);
                        state
                    },
                    |state| voronka_core::sync::stored::write(&kv, state).unwrap(),
                )
            });
        }
        group.finish();
    }
}

fn main() {
    report_memory();
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    storage(&mut criterion);
    csv_import(&mut criterion);
    analytics(&mut criterion);
    team_sync(&mut criterion);
    criterion.final_summary();
}
