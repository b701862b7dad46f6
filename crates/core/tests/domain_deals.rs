//! Employees, deals, moves, tasks, plans and loss reasons: successes and refusals.

mod common;
use common::*;
use voronka_core::domain::*;

#[test]
fn employees_add_rename_deactivate() {
    let mut f = Fixture::new();
    assert_eq!(
        f.apply(Command::AddEmployee {
            name: "анна смирнова".into()
        }),
        Err(DomainError::DuplicateEmployeeName)
    );
    assert_eq!(
        f.apply(Command::AddEmployee { name: "  ".into() }),
        Err(DomainError::Empty(Field::EmployeeName))
    );
    let anna = f.anna;
    f.apply(Command::RenameEmployee {
        employee: anna,
        name: "Анна Иванова".into(),
    })
    .unwrap();
    assert_eq!(f.ws.employee(anna).unwrap().name, "Анна Иванова");
    assert_eq!(
        f.apply(Command::RenameEmployee {
            employee: anna,
            name: "Иван Петров".into()
        }),
        Err(DomainError::DuplicateEmployeeName)
    );
    assert_eq!(
        f.apply(Command::RenameEmployee {
            employee: EmployeeId(999),
            name: "X".into()
        }),
        Err(DomainError::UnknownEmployee(EmployeeId(999)))
    );
    let deal = f.deal("Окна", 100, anna, 0);
    f.apply(Command::SetPlan {
        employee: anna,
        period: Period::month(2026, 11),
        target: Some(PlanTarget {
            amount: Money::major(5),
            deals: None,
        }),
    })
    .unwrap();
    f.apply(Command::SetEmployeeActive {
        employee: anna,
        active: false,
    })
    .unwrap();
    assert!(!f.ws.employee(anna).unwrap().active);
    assert_eq!(
        f.ws.deal(deal).unwrap().owner,
        anna,
        "deals stay with a deactivated employee"
    );
    assert!(
        f.ws.plan_set(anna, Period::month(2026, 11)).is_some(),
        "plans stay too"
    );
    let stage = f.stage(0);
    assert_eq!(
        f.ws.apply(&Command::CreateDeal {
            draft: draft("Y", 1, anna),
            stage,
            at: now()
        }),
        Err(DomainError::EmployeeInactive(anna))
    );
    // Editing a deal that keeps its inactive owner is fine; handing a deal to them is not.
    let mut d = f.ws.deal(deal).unwrap().draft();
    d.title = "Окна ПВХ".into();
    f.apply(Command::EditDeal { deal, draft: d }).unwrap();
    let other = f.deal("Двери", 5, f.ivan, 0);
    let mut d = f.ws.deal(other).unwrap().draft();
    d.owner = Some(anna);
    assert_eq!(
        f.apply(Command::EditDeal {
            deal: other,
            draft: d
        }),
        Err(DomainError::EmployeeInactive(anna))
    );
    f.apply(Command::SetEmployeeActive {
        employee: anna,
        active: true,
    })
    .unwrap();
    f.ws.check_invariants().unwrap();
}

#[test]
fn create_deal_fills_history_task_and_position() {
    let mut f = Fixture::new();
    let first = f.deal("Первая", 100, f.anna, 0);
    let second = f.deal("Вторая", 200, f.anna, 0);
    let stage = f.stage(0);
    assert_eq!(f.ws.column(stage), &[second, first], "new deals go on top");
    assert_eq!(f.ws.position(first), Some(1));
    let deal = f.ws.deal(first).unwrap();
    assert_eq!(
        deal.history,
        vec![StageChange {
            from: None,
            to: stage,
            at: now()
        }]
    );
    let task = deal.task(stage).unwrap();
    assert!(!task.done);
    assert_eq!(
        task.due,
        Some(day(2026, 12, 2)),
        "presentation is due within 5 days"
    );
    assert_eq!(deal.closed_at, None);
    assert_eq!(deal.amount, Money(10_000));
}

#[test]
fn create_deal_refusals_name_the_field() {
    let mut f = Fixture::new();
    let stage = f.stage(0);
    let anna = f.anna;
    let mut try_create = |change: &dyn Fn(&mut DealDraft)| {
        let mut d = draft("Окна", 100, anna);
        change(&mut d);
        f.ws.apply(&Command::CreateDeal {
            draft: d,
            stage,
            at: now(),
        })
    };
    assert_eq!(
        try_create(&|d| d.title = " ".into()),
        Err(DomainError::Empty(Field::DealTitle))
    );
    assert_eq!(
        try_create(&|d| d.amount = Money(-1)),
        Err(DomainError::NegativeAmount)
    );
    assert_eq!(
        try_create(&|d| d.client.email = "нет".into()),
        Err(DomainError::Invalid(Field::ClientEmail))
    );
    assert_eq!(
        try_create(&|d| d.client.phone = "звоните".into()),
        Err(DomainError::Invalid(Field::ClientPhone))
    );
    assert_eq!(
        try_create(&|d| d.nps = Some(11)),
        Err(DomainError::Invalid(Field::DealNps))
    );
    assert_eq!(
        try_create(&|d| d.owner = None),
        Err(DomainError::Empty(Field::DealOwner))
    );
    assert_eq!(
        try_create(&|d| d.owner = Some(EmployeeId(999))),
        Err(DomainError::UnknownEmployee(EmployeeId(999)))
    );
    assert_eq!(
        try_create(&|d| d.notes = "x".repeat(validate::MAX_TEXT + 1)),
        Err(DomainError::TooLong {
            field: Field::Notes,
            max: validate::MAX_TEXT
        })
    );
    assert_eq!(
        f.ws.apply(&Command::CreateDeal {
            draft: draft("X", 1, anna),
            stage: StageId(999),
            at: now()
        }),
        Err(DomainError::UnknownStage(StageId(999)))
    );
    assert_eq!(f.ws.deal_count(), 0);
    // Straight into lost needs a reason; straight into won is closed at once.
    let lost = f.lost();
    assert_eq!(
        f.ws.apply(&Command::CreateDeal {
            draft: draft("X", 1, anna),
            stage: lost,
            at: now()
        }),
        Err(DomainError::LossReasonRequired)
    );
    let mut d = draft("X", 1, anna);
    d.loss_reason = Some("Дорого".into());
    f.ws.apply(&Command::CreateDeal {
        draft: d,
        stage: lost,
        at: now(),
    })
    .unwrap();
    let won = f.won();
    let id = create_deal(&mut f.ws, "Y", 1, anna, won, now());
    assert_eq!(f.ws.deal(id).unwrap().closed_at, Some(now()));
    f.ws.check_invariants().unwrap();
}

#[test]
fn edit_and_delete_deal() {
    let mut f = Fixture::new();
    let deal = f.deal("Окна", 100, f.anna, 0);
    let mut d = f.ws.deal(deal).unwrap().draft();
    d.title = "Окна и двери".into();
    d.amount = Money::major(150);
    d.client = Client {
        company: "ООО «Альфа»".into(),
        contact: "Пётр".into(),
        phone: "+7 900 000-00-00".into(),
        email: "p@alfa.ru".into(),
    };
    d.owner = Some(f.ivan);
    d.expected_close = Some(day(2026, 12, 20));
    d.nps = Some(9);
    d.notes = "Перезвонить в пятницу".into();
    f.apply(Command::EditDeal {
        deal,
        draft: d.clone(),
    })
    .unwrap();
    let after = f.ws.deal(deal).unwrap();
    assert_eq!(
        after.draft(),
        DealDraft {
            loss_reason: None,
            ..d.clone()
        }
    );
    let stage = f.stage(0);
    assert_eq!(f.ws.column_sum(stage), Money::major(150));
    let mut bad = d.clone();
    bad.amount = Money(-5);
    assert_eq!(
        f.apply(Command::EditDeal { deal, draft: bad }),
        Err(DomainError::NegativeAmount)
    );
    assert_eq!(
        f.ws.deal(deal).unwrap().amount,
        Money::major(150),
        "a refused edit changes nothing"
    );
    assert_eq!(
        f.apply(Command::EditDeal {
            deal: DealId(999),
            draft: d
        }),
        Err(DomainError::UnknownDeal(DealId(999)))
    );

    // A lost deal keeps needing its reason.
    let lost = f.lost();
    f.apply(Command::MoveDeal {
        deal,
        to_stage: lost,
        index: 0,
        confirm_unfinished: false,
        loss_reason: Some("Дорого".into()),
        at: now(),
    })
    .unwrap();
    let mut d = f.ws.deal(deal).unwrap().draft();
    d.loss_reason = None;
    assert_eq!(
        f.apply(Command::EditDeal {
            deal,
            draft: d.clone()
        }),
        Err(DomainError::LossReasonRequired)
    );
    d.loss_reason = Some("Нет бюджета".into());
    f.apply(Command::EditDeal { deal, draft: d }).unwrap();
    assert_eq!(
        f.ws.deal(deal).unwrap().loss_reason.as_deref(),
        Some("Нет бюджета")
    );

    f.apply(Command::DeleteDeal { deal }).unwrap();
    assert!(f.ws.deal(deal).is_none());
    assert!(f.ws.column(lost).is_empty());
    assert_eq!(
        f.apply(Command::DeleteDeal { deal }),
        Err(DomainError::UnknownDeal(deal))
    );
    f.ws.check_invariants().unwrap();
}

#[test]
fn moves_reorder_and_cross_columns() {
    let mut f = Fixture::new();
    let a = f.deal("A", 1, f.anna, 0);
    let b = f.deal("B", 1, f.anna, 0);
    let c = f.deal("C", 1, f.anna, 0);
    let s0 = f.stage(0);
    assert_eq!(f.ws.column(s0), &[c, b, a]);
    f.move_deal(c, s0, 2).unwrap();
    assert_eq!(f.ws.column(s0), &[b, a, c]);
    assert_eq!(
        f.ws.deal(c).unwrap().history.len(),
        1,
        "a reorder is not a stage change"
    );
    assert_eq!(
        f.move_deal(c, s0, 3),
        Err(DomainError::PositionOutOfRange { index: 3, len: 2 })
    );
    // Backward moves need no confirmation.
    let s1 = f.stage(1);
    f.apply(Command::SetTaskDone {
        deal: a,
        stage: s0,
        done: true,
    })
    .unwrap();
    f.move_deal(a, s1, 0).unwrap();
    f.move_deal(a, s0, 1).unwrap();
    assert_eq!(f.ws.column(s0), &[b, a, c]);
    assert_eq!(f.ws.deal(a).unwrap().history.len(), 3);
    assert_eq!(
        f.move_deal(a, s1, 1),
        Err(DomainError::PositionOutOfRange { index: 1, len: 0 })
    );
    assert_eq!(
        f.move_deal(DealId(999), s1, 0),
        Err(DomainError::UnknownDeal(DealId(999)))
    );
    assert_eq!(
        f.move_deal(a, StageId(999), 0),
        Err(DomainError::UnknownStage(StageId(999)))
    );
    f.ws.check_invariants().unwrap();
}

#[test]
fn moving_on_past_an_unfinished_task_needs_confirmation() {
    let mut f = Fixture::new();
    let deal = f.deal("Окна", 100, f.anna, 0);
    let (s0, s2) = (f.stage(0), f.stage(2));
    assert_eq!(
        f.move_deal(deal, s2, 0),
        Err(DomainError::TaskNotDone { deal, stage: s0 })
    );
    let won = f.won();
    assert_eq!(
        f.move_deal(deal, won, 0),
        Err(DomainError::TaskNotDone { deal, stage: s0 })
    );
    assert_eq!(f.ws.deal(deal).unwrap().stage, s0);
    f.apply(Command::MoveDeal {
        deal,
        to_stage: s2,
        index: 0,
        confirm_unfinished: true,
        loss_reason: None,
        at: now(),
    })
    .unwrap();
    assert_eq!(f.ws.deal(deal).unwrap().stage, s2);
    assert!(
        !f.ws.deal(deal).unwrap().task(s0).unwrap().done,
        "the skipped task stays open"
    );
    // Done task: no confirmation.
    f.apply(Command::SetTaskDone {
        deal,
        stage: s2,
        done: true,
    })
    .unwrap();
    let s3 = f.stage(3);
    f.move_deal(deal, s3, 0).unwrap();
    // Losing a deal is not moving on: no task check, but a reason.
    let lost = f.lost();
    assert_eq!(
        f.move_deal(deal, lost, 0),
        Err(DomainError::LossReasonRequired)
    );
}

#[test]
fn won_closes_lost_needs_reason_and_leaving_reopens() {
    let mut f = Fixture::new();
    let deal = f.deal("Окна", 100, f.anna, 0);
    let (won, lost, s0) = (f.won(), f.lost(), f.stage(0));
    let later = now().plus_minutes(60);
    f.apply(Command::MoveDeal {
        deal,
        to_stage: won,
        index: 0,
        confirm_unfinished: true,
        loss_reason: None,
        at: later,
    })
    .unwrap();
    assert_eq!(f.ws.deal(deal).unwrap().closed_at, Some(later));
    f.apply(Command::MoveDeal {
        deal,
        to_stage: lost,
        index: 0,
        confirm_unfinished: false,
        loss_reason: Some("  ".into()),
        at: later,
    })
    .expect_err("a blank reason is no reason");
    f.apply(Command::MoveDeal {
        deal,
        to_stage: lost,
        index: 0,
        confirm_unfinished: false,
        loss_reason: Some("Дорого".into()),
        at: later.plus_minutes(5),
    })
    .unwrap();
    let d = f.ws.deal(deal).unwrap();
    assert_eq!(
        (d.closed_at, d.loss_reason.as_deref()),
        (Some(later.plus_minutes(5)), Some("Дорого"))
    );
    f.move_deal(deal, s0, 0).unwrap();
    let d = f.ws.deal(deal).unwrap();
    assert_eq!((d.closed_at, d.loss_reason.as_deref()), (None, None));
    assert_eq!(d.history.len(), 4);
    assert_eq!(
        d.history.iter().map(|h| h.to).collect::<Vec<_>>(),
        vec![s0, won, lost, s0]
    );
    f.ws.check_invariants().unwrap();
}

#[test]
fn moving_across_directions_follows_the_target() {
    let mut f = Fixture::new();
    let Outcome::DirectionCreated(other) = f
        .apply(Command::CreateDirectionFromTemplate {
            template: Template::B2bRepeat,
            lang: Lang::Ru,
        })
        .unwrap()
    else {
        panic!()
    };
    let deal = f.deal("Окна", 100, f.anna, 3);
    let target = f.ws.direction(other).unwrap().stages[1].id;
    f.move_deal(deal, target, 0).unwrap();
    let d = f.ws.deal(deal).unwrap();
    assert_eq!((d.direction, d.stage), (other, target));
    assert!(
        d.task(target).is_some(),
        "entering a stage with a task starts it"
    );
    f.ws.check_invariants().unwrap();
}

#[test]
fn tasks_and_checklists() {
    let mut f = Fixture::new();
    let deal = f.deal("Окна", 100, f.anna, 0);
    let s0 = f.stage(0);
    let item = f.ws.stage(s0).unwrap().1.task.as_ref().unwrap().checklist[0].clone();
    f.apply(Command::SetChecklistItem {
        deal,
        stage: s0,
        item: item.clone(),
        checked: true,
    })
    .unwrap();
    f.apply(Command::SetChecklistItem {
        deal,
        stage: s0,
        item: item.clone(),
        checked: true,
    })
    .unwrap();
    assert_eq!(
        f.ws.deal(deal).unwrap().task(s0).unwrap().checked,
        vec![item.clone()],
        "ticking twice keeps one tick"
    );
    f.apply(Command::SetChecklistItem {
        deal,
        stage: s0,
        item: item.clone(),
        checked: false,
    })
    .unwrap();
    assert!(f
        .ws
        .deal(deal)
        .unwrap()
        .task(s0)
        .unwrap()
        .checked
        .is_empty());
    assert_eq!(
        f.apply(Command::SetChecklistItem {
            deal,
            stage: s0,
            item: "нет такого".into(),
            checked: true
        }),
        Err(DomainError::UnknownChecklistItem)
    );
    f.apply(Command::SetTaskDone {
        deal,
        stage: s0,
        done: true,
    })
    .unwrap();
    assert!(f.ws.deal(deal).unwrap().task(s0).unwrap().done);
    f.apply(Command::SetTaskDone {
        deal,
        stage: s0,
        done: false,
    })
    .unwrap();
    assert!(!f.ws.deal(deal).unwrap().task(s0).unwrap().done);
    let won = f.won();
    assert_eq!(
        f.apply(Command::SetTaskDone {
            deal,
            stage: won,
            done: true
        }),
        Err(DomainError::NoTask(won))
    );
    assert_eq!(
        f.apply(Command::SetTaskDone {
            deal: DealId(999),
            stage: s0,
            done: true
        }),
        Err(DomainError::UnknownDeal(DealId(999)))
    );
}

#[test]
fn plans_set_clear_and_refuse() {
    let mut f = Fixture::new();
    let nov = Period::month(2026, 11);
    let target = PlanTarget {
        amount: Money::major(1_000_000),
        deals: Some(4),
    };
    let anna = f.anna;
    f.apply(Command::SetPlan {
        employee: anna,
        period: nov,
        target: Some(target),
    })
    .unwrap();
    assert_eq!(f.ws.plan_set(anna, nov), Some(target));
    f.apply(Command::SetPlan {
        employee: anna,
        period: nov,
        target: None,
    })
    .unwrap();
    assert_eq!(f.ws.plan_set(anna, nov), None);
    let negative = PlanTarget {
        amount: Money(-1),
        deals: None,
    };
    assert_eq!(
        f.apply(Command::SetPlan {
            employee: anna,
            period: nov,
            target: Some(negative)
        }),
        Err(DomainError::NegativeAmount)
    );
    let bad = Period {
        year: 2026,
        kind: PeriodKind::Quarter,
        index: 5,
    };
    assert_eq!(
        f.apply(Command::SetPlan {
            employee: anna,
            period: bad,
            target: Some(target)
        }),
        Err(DomainError::InvalidPeriod)
    );
    assert_eq!(
        f.apply(Command::SetPlan {
            employee: EmployeeId(999),
            period: nov,
            target: Some(target)
        }),
        Err(DomainError::UnknownEmployee(EmployeeId(999)))
    );
    f.apply(Command::SetEmployeeActive {
        employee: anna,
        active: false,
    })
    .unwrap();
    assert_eq!(
        f.apply(Command::SetPlan {
            employee: anna,
            period: nov,
            target: Some(target)
        }),
        Err(DomainError::EmployeeInactive(anna))
    );
    f.apply(Command::SetPlan {
        employee: anna,
        period: nov,
        target: None,
    })
    .unwrap();
}

#[test]
fn loss_reasons() {
    let mut f = Fixture::new();
    assert!(!f.ws.loss_reasons().is_empty());
    f.apply(Command::SetLossReasons {
        reasons: vec![" Дорого ".into(), "Сроки".into()],
    })
    .unwrap();
    assert_eq!(
        f.ws.loss_reasons(),
        &["Дорого".to_string(), "Сроки".to_string()]
    );
    assert_eq!(
        f.apply(Command::SetLossReasons {
            reasons: vec!["А".into(), "а".into()]
        }),
        Err(DomainError::DuplicateLossReason)
    );
    assert_eq!(
        f.apply(Command::SetLossReasons {
            reasons: vec!["".into()]
        }),
        Err(DomainError::Empty(Field::LossReason))
    );
}

#[test]
fn mark_done_and_move_is_one_step_refused_as_a_whole() {
    let mut f = Fixture::new();
    let deal = f.deal("Окна", 100, f.anna, 0);
    let (s0, s1) = (f.stage(0), f.stage(1));
    let before = f.ws.clone();
    let mut history = History::default();
    history
        .apply(
            &mut f.ws,
            Command::CompleteTaskAndMove {
                deal,
                to_stage: s1,
                index: 0,
                loss_reason: None,
                at: now(),
            },
        )
        .unwrap();
    let d = f.ws.deal(deal).unwrap();
    assert_eq!(d.stage, s1);
    assert!(d.task(s0).unwrap().done, "the task was marked done");
    // One undo takes back both.
    history.undo(&mut f.ws).unwrap();
    assert_eq!(f.ws, before);
    assert!(!history.can_undo());
    // A lost stage without a reason: refused, and the task is not marked done either.
    let lost = f.lost();
    assert_eq!(
        f.apply(Command::CompleteTaskAndMove {
            deal,
            to_stage: lost,
            index: 0,
            loss_reason: None,
            at: now(),
        }),
        Err(DomainError::LossReasonRequired)
    );
    assert_eq!(f.ws, before);
}

#[test]
fn what_a_form_offers_first_comes_from_the_domain() {
    let mut f = Fixture::new();
    // A new deal's owner: the first active employee.
    assert_eq!(f.ws.default_owner(), Some(f.anna));
    f.apply(Command::SetEmployeeActive {
        employee: f.anna,
        active: false,
    })
    .unwrap();
    assert_eq!(f.ws.default_owner(), Some(f.ivan));
    f.apply(Command::SetEmployeeActive {
        employee: f.ivan,
        active: false,
    })
    .unwrap();
    assert_eq!(f.ws.default_owner(), None, "nobody active takes new deals");

    // The loss reason offered first: the list's first, or none to pick from.
    assert_eq!(f.ws.default_loss_reason(), f.ws.loss_reasons()[0]);
    f.apply(Command::SetLossReasons {
        reasons: vec!["Сроки".into(), "Дорого".into()],
    })
    .unwrap();
    assert_eq!(f.ws.default_loss_reason(), "Сроки");
    f.apply(Command::SetLossReasons { reasons: vec![] })
        .unwrap();
    assert_eq!(f.ws.default_loss_reason(), "");

    // Directions that take deals: every one but the archived.
    assert_eq!(f.ws.directions_taking_deals().count(), 1);
    f.apply(Command::ArchiveDirection {
        direction: f.dir,
        archived: true,
    })
    .unwrap();
    assert_eq!(f.ws.directions_taking_deals().count(), 0);
    assert_eq!(f.ws.directions().count(), 1, "the archived one is kept");
}

#[test]
fn a_checklist_lists_its_items_in_order_with_their_ticks() {
    let mut f = Fixture::new();
    let stage = f.stage(0);
    let deal = create_deal(&mut f.ws, "Окна", 100, f.anna, stage, now());
    let (_, s) = f.ws.stage(stage).unwrap();
    let items: Vec<String> = s.task.as_ref().unwrap().checklist.clone();
    assert!(
        items.len() >= 2,
        "the template's first stage has a checklist"
    );
    f.apply(Command::SetChecklistItem {
        deal,
        stage,
        item: items[1].clone(),
        checked: true,
    })
    .unwrap();
    let (_, s) = f.ws.stage(stage).unwrap();
    let d = f.ws.deal(deal).unwrap();
    let listed = d.checklist_items(s).unwrap();
    assert_eq!(listed.len(), items.len());
    assert_eq!(listed[0], (items[0].as_str(), false));
    assert_eq!(listed[1], (items[1].as_str(), true));
    assert_eq!(d.checklist_progress(s), Some((1, items.len())));
    // A stage whose task has no checklist lists nothing.
    let without =
        f.ws.direction(f.dir)
            .unwrap()
            .stages
            .iter()
            .find(|s| s.task.as_ref().is_some_and(|t| t.checklist.is_empty()));
    if let Some(without) = without {
        assert_eq!(d.checklist_items(without), None);
    }
}

#[test]
fn a_move_stamped_before_the_deals_last_step_is_recorded_at_that_step() {
    // Two browsers of a team 10 minutes apart: the deal was created on the fast one.
    let mut f = Fixture::new();
    let deal = f.deal("Часы", 100, f.anna, 0);
    let created = f.ws.deal(deal).unwrap().created_at;
    let won = f.won();
    f.move_deal_at(deal, won, created.plus_minutes(-10))
        .unwrap();
    let d = f.ws.deal(deal).unwrap();
    assert_eq!(d.history.last().unwrap().at, created);
    assert_eq!(d.closed_at, Some(created));
    // A later move keeps its own time.
    let open = f.stage(1);
    f.move_deal_at(deal, open, created.plus_minutes(30))
        .unwrap();
    assert_eq!(
        f.ws.deal(deal).unwrap().history.last().unwrap().at,
        created.plus_minutes(30)
    );
}
