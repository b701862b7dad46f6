//! Rules over the whole workspace: plan roll-up, completion and pace, the board query,
//! undo and redo, templates and the demo generator.

mod common;
use common::*;
use voronka_core::domain::*;

fn target(roubles: i64, deals: Option<u32>) -> Option<PlanTarget> {
    Some(PlanTarget {
        amount: Money::major(roubles),
        deals,
    })
}

#[test]
fn plans_roll_up_from_shorter_periods() {
    let mut f = Fixture::new();
    let anna = f.anna;
    let set = |f: &mut Fixture, period, t| {
        f.apply(Command::SetPlan {
            employee: anna,
            period,
            target: t,
        })
        .unwrap();
    };
    set(&mut f, Period::month(2026, 1), target(100, Some(1)));
    set(&mut f, Period::month(2026, 2), target(200, None));
    set(&mut f, Period::month(2026, 3), target(300, Some(2)));
    let q1 = Period::new(2026, PeriodKind::Quarter, 1).unwrap();
    let q1_plan = f.ws.plan(anna, q1).unwrap();
    assert_eq!(
        q1_plan,
        PlanValue {
            target: target(600, Some(3)).unwrap(),
            derived: true
        }
    );
    // A quarter set by hand wins over its months.
    set(&mut f, q1, target(1_000, None));
    assert_eq!(
        f.ws.plan(anna, q1),
        Some(PlanValue {
            target: target(1_000, None).unwrap(),
            derived: false
        })
    );
    // Half-year from quarters (Q2 from nothing), year from halves.
    let h1 = Period::new(2026, PeriodKind::HalfYear, 1).unwrap();
    assert_eq!(
        f.ws.plan(anna, h1).unwrap().target.amount,
        Money::major(1_000)
    );
    set(&mut f, Period::month(2026, 8), target(50, None));
    let year = Period::new(2026, PeriodKind::Year, 1).unwrap();
    assert_eq!(
        f.ws.plan(anna, year),
        Some(PlanValue {
            target: target(1_050, None).unwrap(),
            derived: true
        })
    );
    assert_eq!(
        f.ws.plan(anna, Period::month(2026, 4)),
        None,
        "nothing set: no plan"
    );
    assert_eq!(
        f.ws.plan(anna, Period::new(2025, PeriodKind::Year, 1).unwrap()),
        None
    );
    // The company plan sums the employees'.
    let ivan = f.ivan;
    f.apply(Command::SetPlan {
        employee: ivan,
        period: Period::month(2026, 1),
        target: target(7, None),
    })
    .unwrap();
    let jan = f.ws.company_plan(Period::month(2026, 1)).unwrap();
    assert_eq!(
        (jan.target.amount, jan.target.deals, jan.derived),
        (Money::major(107), Some(1), false)
    );
    assert_eq!(
        f.ws.company_plan(year).unwrap().target.amount,
        Money::major(1_057)
    );
    assert!(f.ws.company_plan(year).unwrap().derived);
}

fn win(f: &mut Fixture, deal: DealId, at: Stamp) {
    let won = f.won();
    f.apply(Command::MoveDeal {
        deal,
        to_stage: won,
        index: 0,
        confirm_unfinished: true,
        loss_reason: None,
        at,
    })
    .unwrap();
}

#[test]
fn completion_counts_deals_won_in_the_period_by_the_owner() {
    let mut f = Fixture::new();
    let (anna, ivan) = (f.anna, f.ivan);
    let nov = Period::month(2026, 11);
    f.apply(Command::SetPlan {
        employee: anna,
        period: nov,
        target: target(1_000, Some(2)),
    })
    .unwrap();
    let a = f.deal("A", 600, anna, 0);
    let b = f.deal("B", 300, anna, 0);
    let late = f.deal("C", 5_000, anna, 0);
    let other = f.deal("D", 900, ivan, 0);
    let open = f.deal("E", 10_000, anna, 0);
    let at = |d| Stamp::from_datetime(day(2026, 11, d).and_hms_opt(12, 0, 0).unwrap());
    win(&mut f, a, at(3));
    win(&mut f, b, at(30));
    win(&mut f, other, at(10));
    win(&mut f, late, Stamp::at_midnight(day(2026, 12, 1)));
    let _ = open;
    let c = f.ws.completion(Some(anna), nov, day(2026, 11, 15));
    assert_eq!((c.won, c.won_deals), (Money::major(900), 2));
    assert_eq!(c.percent_bp, Some(9_000));
    assert_eq!(c.deals_percent_bp, Some(10_000));
    assert_eq!(c.pace_bp, 5_000);
    assert_eq!(c.expected(), Some(Money::major(500)));
    assert_eq!(f.ws.won_deals(Some(anna), nov), vec![b, a], "newest first");
    // Reopening takes a deal out of the plan.
    let s0 = f.stage(0);
    f.move_deal(b, s0, 0).unwrap();
    assert_eq!(
        f.ws.completion(Some(anna), nov, day(2026, 11, 15)).won,
        Money::major(600)
    );
    // Company: everyone's deals against the sum of plans.
    let company = f.ws.completion(None, nov, day(2026, 11, 30));
    assert_eq!(
        (company.won, company.won_deals, company.pace_bp),
        (Money::major(1_500), 2, 10_000)
    );
    assert_eq!(
        company.percent_bp,
        Some(15_000),
        "above 100 % stays above 100 %"
    );
    // No plan and a zero plan are "no plan", never a division by zero.
    let c = f.ws.completion(Some(ivan), nov, day(2026, 11, 15));
    assert_eq!(
        (c.plan, c.percent_bp, c.won),
        (None, None, Money::major(900))
    );
    f.apply(Command::SetPlan {
        employee: ivan,
        period: nov,
        target: target(0, Some(0)),
    })
    .unwrap();
    let c = f.ws.completion(Some(ivan), nov, day(2026, 11, 15));
    assert_eq!((c.percent_bp, c.deals_percent_bp), (None, None));
    assert!(c.plan.is_some());
}

#[test]
fn completion_of_zero_and_over_achievement() {
    let mut f = Fixture::new();
    let anna = f.anna;
    let nov = Period::month(2026, 11);
    f.apply(Command::SetPlan {
        employee: anna,
        period: nov,
        target: target(1_000, None),
    })
    .unwrap();
    assert_eq!(
        f.ws.completion(Some(anna), nov, day(2026, 11, 1))
            .percent_bp,
        Some(0)
    );
    let d = f.deal("A", 1_800, anna, 0);
    win(&mut f, d, now());
    assert_eq!(
        f.ws.completion(Some(anna), nov, day(2026, 11, 1))
            .percent_bp,
        Some(18_000)
    );
    assert_eq!(
        f.ws.completion(Some(EmployeeId(999)), nov, day(2026, 11, 1))
            .won,
        Money::ZERO
    );
}

#[test]
fn board_columns_count_sum_and_weight() {
    let mut f = Fixture::new();
    let anna = f.anna;
    f.deal("A", 1_000, anna, 0);
    f.deal("B", 3_000, anna, 0);
    f.deal("C", 2_000, anna, 4);
    let w = f.deal("W", 500, anna, 0);
    win(&mut f, w, now());
    let board = f.ws.board(f.dir).unwrap();
    assert_eq!(board.columns.len(), f.direction().stages.len());
    let first = &board.columns[0];
    assert_eq!((first.count(), first.sum), (2, Money::major(4_000)));
    assert_eq!(
        first.weighted,
        Money::major(400),
        "presentation weighs 10 %"
    );
    assert_eq!(
        board.columns[4].weighted,
        Money::major(1_400),
        "contract weighs 70 %"
    );
    let totals = board.totals();
    assert_eq!(
        (totals.open_count, totals.open_sum, totals.weighted),
        (3, Money::major(6_000), Money::major(1_800))
    );
    assert_eq!(
        (totals.won_count, totals.won_sum, totals.lost_count),
        (1, Money::major(500), 0)
    );
    assert!(f.ws.board(DirectionId(999)).is_none());
}

#[test]
fn undo_and_redo_restore_exact_workspaces() {
    let mut f = Fixture::new();
    let mut history = History::default();
    let start = f.ws.clone();
    let stage = f.stage(0);
    let out = history
        .apply(
            &mut f.ws,
            Command::CreateDeal {
                draft: draft("A", 10, f.anna),
                stage,
                at: now(),
            },
        )
        .unwrap();
    let Outcome::DealCreated(deal) = out else {
        panic!()
    };
    let after_create = f.ws.clone();
    let won = f.won();
    history
        .apply(
            &mut f.ws,
            Command::MoveDeal {
                deal,
                to_stage: won,
                index: 0,
                confirm_unfinished: true,
                loss_reason: None,
                at: now(),
            },
        )
        .unwrap();
    let after_move = f.ws.clone();
    assert!(history.can_undo() && !history.can_redo());
    history.undo(&mut f.ws).unwrap();
    assert_eq!(f.ws, after_create);
    history.undo(&mut f.ws).unwrap();
    assert_eq!(f.ws, start);
    assert_eq!(history.undo(&mut f.ws), Err(DomainError::NothingToUndo));
    history.redo(&mut f.ws).unwrap();
    history.redo(&mut f.ws).unwrap();
    assert_eq!(f.ws, after_move);
    assert_eq!(history.redo(&mut f.ws), Err(DomainError::NothingToRedo));
    // A refused command is not recorded.
    assert!(history
        .apply(&mut f.ws, Command::DeleteDeal { deal: DealId(999) })
        .is_err());
    assert_eq!(history.undo_len(), 2);
    // A new command clears the redo stack.
    history.undo(&mut f.ws).unwrap();
    history
        .apply(
            &mut f.ws,
            Command::AddEmployee {
                name: "Ольга".into(),
            },
        )
        .unwrap();
    assert!(!history.can_redo());
}

#[test]
fn undo_keeps_at_least_a_hundred_steps() {
    let mut f = Fixture::new();
    let mut history = History::default();
    let start = f.ws.clone();
    let s0 = f.stage(0);
    for i in 0..150 {
        history
            .apply(
                &mut f.ws,
                Command::CreateDeal {
                    draft: draft(&format!("D{i}"), i, f.anna),
                    stage: s0,
                    at: now(),
                },
            )
            .unwrap();
    }
    for _ in 0..150 {
        history.undo(&mut f.ws).unwrap();
    }
    assert_eq!(f.ws, start);
    let mut small = History::with_limit(100);
    for i in 0..120 {
        small
            .apply(
                &mut f.ws,
                Command::AddEmployee {
                    name: format!("E{i}"),
                },
            )
            .unwrap();
    }
    assert_eq!(small.undo_len(), 100);
}

#[test]
fn demo_is_deterministic_valid_and_realistic() {
    let config = demo::DemoConfig {
        seed: 7,
        employees: 5,
        deals: 400,
        now: evening(day(2026, 11, 27)),
        lang: Lang::Ru,
    };
    let a = demo::generate(&config);
    let b = demo::generate(&config);
    assert_eq!(a, b, "same seed, same workspace");
    a.check_invariants().unwrap();
    assert_eq!(a.deal_count(), 400);
    assert_eq!(a.directions().count(), 4);
    assert_eq!(a.employees().count(), 5);
    let won = a
        .deals()
        .filter(|d| a.stage(d.stage).unwrap().1.kind == StageKind::Won)
        .count();
    let lost = a.deals().filter(|d| d.loss_reason.is_some()).count();
    let moved = a.deals().filter(|d| d.history.len() > 2).count();
    assert!(
        won > 40 && lost > 20 && moved > 100,
        "won {won}, lost {lost}, moved {moved}"
    );
    let start = day(2025, 11, 27);
    assert!(a
        .deals()
        .all(|d| d.created_at.date() >= start && d.created_at.date() <= day(2026, 11, 27)));
    let year = Period::new(2026, PeriodKind::Year, 1).unwrap();
    assert!(a.company_plan(year).is_some());
    let other = demo::generate(&demo::DemoConfig { seed: 8, ..config });
    assert_ne!(a, other);
    let en = demo::generate(&demo::DemoConfig {
        lang: Lang::En,
        ..config
    });
    assert_eq!(en.currency(), Currency::Usd);
    en.check_invariants().unwrap();
    // What a person reads on a card: no note repeats a sentence, every e-mail address is a
    // plausible one (Latin, the company's own domain), in both languages.
    for (ws, lang) in [(&a, Lang::Ru), (&en, Lang::En)] {
        for d in ws.deals() {
            let sentences: Vec<&str> = d.notes.split_inclusive(['.', ';']).map(str::trim).collect();
            let mut unique = sentences.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), sentences.len(), "repeated note: {}", d.notes);
            let email = &d.client.email;
            let (name, domain) = email.split_once('@').unwrap();
            assert!(name.starts_with("sales") && email.is_ascii(), "{email}");
            assert!(
                domain.ends_with(".example") && domain.len() > ".example".len() + 3,
                "{email}"
            );
            assert!(!domain.starts_with(|c: char| c.is_ascii_digit()), "{email}");
            if lang == Lang::En {
                let company = d
                    .client
                    .company
                    .trim_end_matches(" Ltd")
                    .to_ascii_lowercase();
                assert_eq!(domain, format!("{company}.example"));
            }
        }
    }
}

#[test]
fn demo_tasks_with_every_item_ticked_are_done_and_plans_are_believable() {
    for today in [
        day(2026, 11, 27),
        day(2026, 3, 5),
        day(2026, 7, 20),
        day(2027, 1, 15),
    ] {
        let ws = demo::generate(&demo::DemoConfig {
            seed: 2026,
            employees: 5,
            deals: 300,
            now: evening(today),
            lang: Lang::Ru,
        });
        // No card shows "Overdue" beside a checklist at 3/3.
        for deal in ws.deals() {
            let (_, stage) = ws.stage(deal.stage).unwrap();
            if let Some((ticked, total)) = deal.checklist_progress(stage) {
                let done = deal.task(stage.id).is_some_and(|t| t.done);
                assert!(ticked < total || done, "{} on {today}", deal.title);
            }
        }
        // Every gauge of the period in progress is in a range a sales head would believe.
        for kind in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
            let c = ws.completions(Period::containing(today, kind), today);
            let percents: Vec<u64> = c
                .employees
                .iter()
                .map(|(_, c)| c.percent_bp.expect("every rep has a plan") / 100)
                .collect();
            assert!(
                percents.iter().all(|p| *p <= 150),
                "{kind:?} of {today}: {percents:?}"
            );
            assert!(percents.iter().any(|p| *p > 0), "{kind:?} of {today}");
        }
    }
}

/// What the demo holds in `period` up to `now`: deals created, moves between stages, deals
/// won and deals lost.
fn demo_activity(ws: &Workspace, period: Period, now: Stamp) -> (usize, usize, usize, usize) {
    let within = |at: Stamp| period.contains(at.date()) && at <= now;
    let kind = |d: &Deal| ws.stage(d.stage).map(|(_, s)| s.kind);
    let created = ws.deals().filter(|d| within(d.created_at)).count();
    let moved = ws
        .deals()
        .flat_map(|d| d.history.iter())
        .filter(|h| h.from.is_some() && within(h.at))
        .count();
    let closed = |k: StageKind| {
        ws.deals()
            .filter(|d| kind(d) == Some(k) && d.closed_at.is_some_and(within))
            .count()
    };
    (
        created,
        moved,
        closed(StageKind::Won),
        closed(StageKind::Lost),
    )
}

#[test]
fn the_demo_looks_like_a_working_team_on_every_day_of_a_year() {
    // Every day of a leap year at a time that turns with the day (just after midnight, in
    // the morning, at 23:59), and every month's 1st at 00:05 and 2nd at 10:00.
    let times = [5, 10 * 60, 23 * 60 + 59];
    let mut moments: Vec<Stamp> = (0..366)
        .map(|i| {
            let date = day(2028, 1, 1) + chrono::Duration::days(i);
            Stamp::at_midnight(date).plus_minutes(times[i as usize % 3])
        })
        .collect();
    for m in 1..=12 {
        moments.push(Stamp::at_midnight(day(2027, m, 1)).plus_minutes(5));
        moments.push(Stamp::at_midnight(day(2027, m, 2)).plus_minutes(10 * 60));
    }
    for (i, now) in moments.into_iter().enumerate() {
        let lang = if i % 2 == 0 { Lang::Ru } else { Lang::En };
        let ws = demo::generate(&demo::DemoConfig::app(now, lang));
        let at = now.datetime();
        // Nothing happens after now.
        for d in ws.deals() {
            assert!(d.created_at <= now, "{} created after {at}", d.title);
            assert!(
                d.history.iter().all(|h| h.at <= now),
                "{} moved after {at}",
                d.title
            );
            assert!(
                d.closed_at.is_none_or(|c| c <= now),
                "{} closed after {at}",
                d.title
            );
        }
        for kind in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
            let period = Period::containing(now.date(), kind);
            let (created, moved, won, lost) = demo_activity(&ws, period, now);
            assert!(
                created >= 4 && moved >= 6 && won >= 3 && lost >= 2,
                "{kind:?} at {at}: created {created}, moved {moved}, won {won}, lost {lost}"
            );
        }
        // The company's gauge of the month has won deals to list, and is believable.
        let month = ws.completions(
            Period::containing(now.date(), PeriodKind::Month),
            now.date(),
        );
        assert!(month.company.won_deals >= 3, "month at {at}");
        let percent_bp = month.company.percent_bp.expect("the demo has plans");
        assert!(
            (1..=15_000).contains(&percent_bp),
            "company {percent_bp} bp at {at}"
        );
    }
}
