//! Analytics against hand-computed figures: the funnel of a cohort, time in stage, won and
//! lost with reasons, the forecast against the plan, and NPS; with a deal that went back a
//! stage, a deleted stage, an empty period and a zero plan. A property test: the funnel never
//! grows from one row to the next, and won + lost + open = cohort.

mod common;

use common::analytics::*;
use common::*;
use proptest::prelude::*;
use voronka_core::domain::analytics::Scope;
use voronka_core::domain::*;

#[test]
fn the_funnel_counts_how_far_the_periods_deals_got() {
    let Cohort { f, c, .. } = cohort();
    let funnel = f.ws.funnel(f.dir, scope()).unwrap();
    assert_eq!(funnel.cohort, 5);
    let reached: Vec<usize> = funnel.rows.iter().map(|r| r.reached).collect();
    let open_stages = funnel.rows.len();
    let mut expected = vec![5, 4, 2];
    expected.resize(open_stages, 1); // only the won deal is past the later stages
    assert_eq!(reached, expected);
    assert_eq!(funnel.rows[0].of_cohort_bp, Some(10_000));
    assert_eq!(funnel.rows[1].of_cohort_bp, Some(8_000));
    assert_eq!(funnel.rows[2].of_previous_bp, Some(5_000), "2 of 4");
    assert_eq!(
        (funnel.won, funnel.won_sum, funnel.won_bp),
        (1, Money::major(300), Some(2_000))
    );
    assert_eq!(funnel.lost.len(), 1);
    assert_eq!(
        funnel.lost[0].stage,
        Some(f.stage(1)),
        "C was lost after stage 1"
    );
    assert_eq!((funnel.lost[0].count, funnel.lost[0].deals[0]), (1, c));
    assert_eq!(funnel.open, 3);
    // One owner's cohort.
    let ivan = Scope {
        owner: Some(f.ivan),
        ..scope()
    };
    let theirs = f.ws.funnel(f.dir, ivan).unwrap();
    assert_eq!(
        (
            theirs.cohort,
            theirs.rows[0].reached,
            theirs.rows[1].reached
        ),
        (2, 2, 2)
    );
}

#[test]
fn an_empty_period_has_no_percentages() {
    let Cohort { f, .. } = cohort();
    let empty = Scope {
        period: Period::month(2025, 1),
        ..scope()
    };
    let funnel = f.ws.funnel(f.dir, empty).unwrap();
    assert_eq!(funnel.cohort, 0);
    assert!(funnel
        .rows
        .iter()
        .all(|r| r.of_cohort_bp.is_none() && r.reached == 0));
    assert_eq!(funnel.won_bp, None);
    let outcomes = f.ws.outcomes(empty);
    assert_eq!(outcomes.total.win_rate_bp(), None);
    assert_eq!(outcomes.total.average_won(), None);
    assert_eq!(f.ws.nps(empty).total.score(), None);
}

#[test]
fn a_deleted_stage_drops_out_of_the_funnel_without_losing_its_deals() {
    let Cohort { mut f, .. } = cohort();
    let (gone, target) = (f.stage(2), f.stage(3));
    f.apply(Command::DeleteStage {
        stage: gone,
        move_to: Some(target),
        loss_reason: None,
        at: now(),
    })
    .unwrap();
    let funnel = f.ws.funnel(f.dir, scope()).unwrap();
    assert_eq!(funnel.cohort, 5);
    // A, moved from the deleted stage into the next one, now reached that one.
    assert_eq!(funnel.rows[2].stage, target);
    assert_eq!(funnel.rows[2].reached, 2);
}

#[test]
fn time_in_stage_counts_the_stays_that_ended_in_the_period() {
    let mut f = Fixture::new();
    let anna = f.anna;
    let (s0, s1, s2, won) = (f.stage(0), f.stage(1), f.stage(2), f.won());
    let a = new_deal(&mut f, "A", 200, anna, 0, at(11, 2, 10));
    f.apply(Command::RescheduleTask {
        deal: a,
        stage: s0,
        due: Some(day(2026, 11, 3)),
    })
    .unwrap();
    go(&mut f, a, s1, at(11, 4, 10), None); // 2.0 days, after the task was due
    go(&mut f, a, s2, at(11, 5, 22), None); // 1.5 days
    let b = new_deal(&mut f, "B", 100, anna, 0, at(11, 10, 10));
    go(&mut f, b, s1, at(11, 11, 4), None); // 0.75 days, no due date passed (due 11-15)
    new_deal(&mut f, "C", 100, anna, 0, at(11, 20, 10)); // still there: 7.0 days at now
    let d = new_deal(&mut f, "D", 100, anna, 0, at(11, 1, 10));
    go(&mut f, d, won, at(11, 11, 10), None); // a 10.0-day stay, and a 10.0-day cycle
    let stays = f.ws.stays(f.dir, scope(), now()).unwrap();
    let first = &stays.rows[0];
    assert_eq!(first.stage, s0);
    assert_eq!(first.stays, 3, "A, B and D left stage 0 in November");
    // 2.0, 0.75 and 10.0 days: median 2.0, mean 4.25 → 4.3 (tenths, half up).
    assert_eq!(
        (first.median_tenths, first.mean_tenths),
        (Some(20), Some(43))
    );
    assert_eq!(
        first.late_bp,
        Some(6_667),
        "A (due 11-03) and D (due 11-06) left late, B did not"
    );
    assert_eq!((first.now, first.now_median_tenths), (1, Some(70)));
    assert_eq!(stays.rows[1].stays, 1);
    assert_eq!(stays.rows[1].median_tenths, Some(15));
    assert_eq!(stays.rows[2].now, 1, "A is in stage 2 now");
    assert_eq!((stays.won, stays.cycle_median_tenths), (1, Some(100)));
}

#[test]
fn won_and_lost_with_reasons_and_per_employee() {
    let Cohort { mut f, .. } = cohort();
    let (ivan, lost) = (f.ivan, f.lost());
    let g = new_deal(&mut f, "G", 50, ivan, 0, at(11, 14, 10));
    go(&mut f, g, lost, at(11, 15, 10), Some("Дорого"));
    let h = new_deal(&mut f, "H", 70, ivan, 0, at(11, 14, 10));
    go(&mut f, h, lost, at(11, 16, 10), Some("Выбрали конкурента"));
    let out = f.ws.outcomes(scope());
    assert_eq!((out.total.won, out.total.won_sum), (1, Money::major(300)));
    assert_eq!((out.total.lost, out.total.lost_sum), (3, Money::major(200)));
    assert_eq!(out.total.win_rate_bp(), Some(2_500));
    assert_eq!(out.total.average_won(), Some(Money::major(300)));
    let reasons: Vec<(&str, usize, Money, Option<u32>)> = out
        .reasons
        .iter()
        .map(|r| (r.reason.as_str(), r.count, r.sum, r.share_bp))
        .collect();
    assert_eq!(
        reasons,
        [
            ("Дорого", 2, Money::major(130), Some(6_667)),
            ("Выбрали конкурента", 1, Money::major(70), Some(3_333)),
        ]
    );
    let per: Vec<(EmployeeId, usize, usize)> = out
        .employees
        .iter()
        .map(|(e, t)| (*e, t.won, t.lost))
        .collect();
    assert_eq!(per, [(f.anna, 1, 0), (ivan, 0, 3)]);
    // One direction that has none of them.
    let other = match f
        .apply(Command::CreateDirectionFromTemplate {
            template: Template::B2cNew,
            lang: Lang::Ru,
        })
        .unwrap()
    {
        Outcome::DirectionCreated(id) => id,
        o => panic!("{o:?}"),
    };
    assert_eq!(
        f.ws.outcomes(Scope {
            direction: Some(other),
            ..scope()
        })
        .total,
        Default::default()
    );
}

#[test]
fn the_forecast_adds_weighted_open_deals_to_what_is_won() {
    let Cohort { mut f, a, b, .. } = cohort();
    let anna = f.anna;
    f.apply(Command::SetPlan {
        employee: anna,
        period: november(),
        target: Some(PlanTarget {
            amount: Money::major(1_000),
            deals: None,
        }),
    })
    .unwrap();
    // A (200 ₽, stage 2) expected to close in November; B (100 ₽) in December.
    for (deal, close) in [(a, day(2026, 11, 30)), (b, day(2026, 12, 15))] {
        let mut draft = f.ws.deal(deal).unwrap().draft();
        draft.expected_close = Some(close);
        f.apply(Command::EditDeal { deal, draft }).unwrap();
    }
    let p2 = f.ws.stage(f.stage(2)).unwrap().1.probability.unwrap();
    let forecast = f.ws.forecast(november());
    let (_, row) = forecast.employees.iter().find(|(e, _)| *e == anna).unwrap();
    let weighted = Money::major(200).percent(p2);
    assert_eq!((row.won, row.won_deals), (Money::major(300), 1));
    assert_eq!(row.weighted, weighted);
    assert_eq!(row.forecast, Money::major(300) + weighted);
    let forecast_bp =
        (Money::major(300) + weighted).0 as u64 * 10_000 / Money::major(1_000).0 as u64;
    assert_eq!(row.of_plan_bp, Some(forecast_bp));
    let gap = Money::major(1_000) - (Money::major(300) + weighted);
    assert_eq!(row.gap, Some(gap));
    // Average won deal 300 ₽: the gap takes ceil(gap / 300) such deals.
    assert_eq!(
        row.deals_to_close_gap,
        Some(((gap.0 + 29_999) / 30_000) as u64)
    );
    // E and the October deal F have no expected close date and are left out, and said so.
    assert_eq!(forecast.undated_open, 2);
    // Ivan has no plan: no percentage, no gap.
    let (_, his) = forecast
        .employees
        .iter()
        .find(|(e, _)| *e == f.ivan)
        .unwrap();
    assert_eq!((his.plan, his.of_plan_bp, his.gap), (None, None, None));
    // A zero plan is no plan for percentages.
    f.apply(Command::SetPlan {
        employee: f.ivan,
        period: november(),
        target: Some(PlanTarget {
            amount: Money::ZERO,
            deals: None,
        }),
    })
    .unwrap();
    let zero = f.ws.forecast(november());
    let (_, his) = zero.employees.iter().find(|(e, _)| *e == f.ivan).unwrap();
    assert_eq!((his.of_plan_bp, his.gap), (None, None));
    assert!(his.plan.is_some(), "the plan of 0 is set");
    assert_eq!(his.target(), None, "and measures nothing");
    assert_eq!(
        zero.company.plan.unwrap().target.amount,
        Money::major(1_000)
    );
    assert_eq!(zero.company.target(), Some(Money::major(1_000)));
}

#[test]
fn nps_counts_promoters_passives_and_detractors() {
    let Cohort { mut f, a, b, c, d } = cohort();
    for (deal, score) in [(a, 8), (b, 9), (c, 5), (d, 10)] {
        let mut draft = f.ws.deal(deal).unwrap().draft();
        draft.nps = Some(score);
        if f.ws.stage(f.ws.deal(deal).unwrap().stage).unwrap().1.kind == StageKind::Lost {
            draft.loss_reason = Some("Дорого".into());
        }
        f.apply(Command::EditDeal { deal, draft }).unwrap();
    }
    let nps = f.ws.nps(scope());
    assert_eq!(
        (
            nps.total.promoters,
            nps.total.passives,
            nps.total.detractors,
            nps.total.responses()
        ),
        (2, 1, 1, 4)
    );
    assert_eq!(nps.total.score(), Some(25), "50 % − 25 %");
    assert_eq!(nps.directions, [(f.dir, nps.total)]);
    let (_, ivan) = nps.employees.iter().find(|(e, _)| *e == f.ivan).unwrap();
    assert_eq!(ivan.score(), Some(-100));
    // Rounded half away from zero: 1 promoter, 2 passives → 33.3 → 33; 2 of 3 → 66.7 → 67.
    let t = voronka_core::domain::analytics::nps::NpsTally {
        promoters: 2,
        passives: 1,
        detractors: 0,
    };
    assert_eq!(t.score(), Some(67));
    let t = voronka_core::domain::analytics::nps::NpsTally {
        promoters: 0,
        passives: 1,
        detractors: 1,
    };
    assert_eq!(t.score(), Some(-50));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn the_funnel_never_grows_and_its_outcomes_add_up(seed in any::<u64>(), deals in 0usize..200) {
        let ws = voronka_core::domain::demo::generate(&voronka_core::domain::demo::DemoConfig {
            seed, employees: 3, deals, now: voronka_core::domain::Stamp::at_midnight(day(2026, 11, 27)).plus_minutes(18 * 60), lang: Lang::En,
        });
        for kind in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
            let period = Period::containing(day(2026, 10, 15), kind);
            for direction in ws.directions() {
                let scope = Scope { period, direction: None, owner: None };
                let funnel = ws.funnel(direction.id, scope).unwrap();
                let mut previous = funnel.cohort;
                for row in &funnel.rows {
                    prop_assert!(row.reached <= previous);
                    previous = row.reached;
                }
                prop_assert!(funnel.won <= previous);
                let lost: usize = funnel.lost.iter().map(|l| l.count).sum();
                prop_assert_eq!(funnel.won + lost + funnel.open, funnel.cohort);
            }
        }
    }
}

/// A second direction with one deal in it: (fixture with the cohort, the other direction, its
/// deal).
fn two_directions() -> (Cohort, DirectionId, DealId) {
    let mut c = cohort();
    let other = match c
        .f
        .apply(Command::CreateDirectionFromTemplate {
            template: Template::B2cNew,
            lang: Lang::Ru,
        })
        .unwrap()
    {
        Outcome::DirectionCreated(id) => id,
        other => panic!("{other:?}"),
    };
    let first = c.f.ws.direction(other).unwrap().stages[0].id;
    let anna = c.f.anna;
    let deal = create_deal(&mut c.f.ws, "Other", 10, anna, first, at(11, 5, 10));
    (c, other, deal)
}

#[test]
fn a_sections_fingerprint_changes_only_with_what_it_reads() {
    let (mut c, other, deal) = two_directions();
    let dir = c.f.dir;
    let before = c.f.ws.analytics_inputs();
    // Typing notes or renaming a client reads nothing the figures read.
    let mut draft = c.f.ws.deal(c.a).unwrap().draft();
    draft.notes = "call back on Monday".into();
    draft.client.company = "ООО «Новое имя»".into();
    c.f.apply(Command::EditDeal { deal: c.a, draft }).unwrap();
    assert_eq!(
        c.f.ws.analytics_inputs(),
        before,
        "notes and client are not read"
    );
    // A card dragged in the other direction: that direction's key and the all-directions key
    // change, this direction's does not.
    let second = c.f.ws.direction(other).unwrap().stages[1].id;
    go(&mut c.f, deal, second, at(11, 20, 10), None);
    let after = c.f.ws.analytics_inputs();
    assert_eq!(after.key(Some(dir)), before.key(Some(dir)));
    assert_ne!(after.key(Some(other)), before.key(Some(other)));
    assert_ne!(after.key(None), before.key(None));
    // A change of amount in this direction changes its key.
    let mut draft = c.f.ws.deal(c.b).unwrap().draft();
    draft.amount = Money::major(101);
    c.f.apply(Command::EditDeal { deal: c.b, draft }).unwrap();
    assert_ne!(
        c.f.ws.analytics_inputs().key(Some(dir)),
        after.key(Some(dir))
    );
    // Renaming a stage changes every key (the tables show its name).
    let stage = c.f.stage(0);
    let before_rename = c.f.ws.analytics_inputs();
    let mut spec = c.f.ws.stage(stage).unwrap().1.spec();
    spec.name = "Первый контакт".into();
    c.f.apply(Command::EditStage { stage, spec }).unwrap();
    assert_ne!(
        c.f.ws.analytics_inputs().key(Some(dir)),
        before_rename.key(Some(dir))
    );
}

#[test]
fn all_directions_draw_a_funnel_each_and_the_forecast_counts_undated_deals() {
    let (c, other, deal) = two_directions();
    let report = c.f.ws.analytics_scoped(scope(), at(11, 30, 12));
    let drawn: Vec<DirectionId> = report.funnels.iter().map(|(d, _)| *d).collect();
    assert_eq!(drawn, vec![c.f.dir, other]);
    assert_eq!(report.funnels[1].1.cohort, 1);
    assert_eq!(report.stays.len(), 2);
    // One direction chosen: only its blocks.
    let one = c.f.ws.analytics_scoped(
        Scope {
            direction: Some(other),
            ..scope()
        },
        at(11, 30, 12),
    );
    assert_eq!(one.funnels.len(), 1);
    assert_eq!(one.outcomes.total.won + one.outcomes.total.lost, 0);
    // None of the open deals has an expected close date: all are left out, and the board
    // opens on the first direction that has one.
    let forecast = c.f.ws.forecast(november());
    assert_eq!(
        forecast.undated_open, 5,
        "A, B, E, F and the other direction's deal"
    );
    assert_eq!(c.f.ws.undated_open_direction(), Some(c.f.dir));
    assert!(c.f.ws.is_undated_open(c.f.ws.deal(deal).unwrap()));
    assert!(!c.f.ws.is_undated_open(c.f.ws.deal(c.d).unwrap()), "won");
}
