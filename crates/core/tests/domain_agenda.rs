//! The Today list: grouping by due date around midnight and month ends, the owner and
//! direction filters, snoozing, marking done, moving on, and a deal whose stage was deleted.

mod common;

use common::*;
use voronka_core::domain::agenda::{bucket, AgendaFilter, Bucket, Snooze};
use voronka_core::domain::*;

fn reschedule(f: &mut Fixture, deal: DealId, due: Option<chrono::NaiveDate>) {
    let stage = f.ws.deal(deal).unwrap().stage;
    f.apply(Command::RescheduleTask { deal, stage, due })
        .unwrap();
}

fn listed(f: &Fixture, today: chrono::NaiveDate) -> Vec<(String, Bucket)> {
    f.ws.agenda(today, AgendaFilter::default())
        .into_iter()
        .map(|i| (f.ws.deal(i.deal).unwrap().title.clone(), i.bucket))
        .collect()
}

/// A fixture with one deal per group and one due too late for the list.
fn week() -> Fixture {
    let mut f = Fixture::new();
    let anna = f.anna;
    for (title, due) in [
        ("later", Some(day(2026, 12, 5))),
        ("week", Some(day(2026, 12, 4))),
        ("undated", None),
        ("today", Some(day(2026, 11, 27))),
        ("overdue-new", Some(day(2026, 11, 26))),
        ("overdue-old", Some(day(2026, 11, 2))),
    ] {
        let deal = f.deal(title, 100, anna, 0);
        reschedule(&mut f, deal, due);
    }
    f
}

#[test]
fn tasks_are_grouped_by_when_they_are_due_oldest_first() {
    let f = week();
    let today = day(2026, 11, 27);
    assert_eq!(
        listed(&f, today),
        [
            ("overdue-old".to_string(), Bucket::Overdue),
            ("overdue-new".to_string(), Bucket::Overdue),
            ("today".to_string(), Bucket::Today),
            ("week".to_string(), Bucket::Week),
            ("undated".to_string(), Bucket::Undated),
        ],
        "a task due after the next 7 days is not on today's list"
    );
    let first = f.ws.agenda(today, AgendaFilter::default())[0];
    assert_eq!(first.days_overdue(today), 25);
    assert_eq!(f.ws.agenda_badge(today, AgendaFilter::default()), 3);
}

#[test]
fn the_groups_move_at_midnight_and_across_month_and_year_ends() {
    let due = Some(day(2026, 12, 1));
    assert_eq!(bucket(due, day(2026, 11, 23)), None, "8 days ahead");
    assert_eq!(
        bucket(due, day(2026, 11, 24)),
        Some(Bucket::Week),
        "7 days ahead"
    );
    assert_eq!(
        bucket(due, day(2026, 11, 30)),
        Some(Bucket::Week),
        "tomorrow, next month"
    );
    assert_eq!(bucket(due, day(2026, 12, 1)), Some(Bucket::Today));
    assert_eq!(bucket(due, day(2026, 12, 2)), Some(Bucket::Overdue));
    let new_year = Some(day(2027, 1, 1));
    assert_eq!(bucket(new_year, day(2026, 12, 31)), Some(Bucket::Week));
    assert_eq!(
        bucket(Some(day(2026, 12, 31)), day(2027, 1, 1)),
        Some(Bucket::Overdue)
    );
    assert_eq!(
        bucket(Some(day(2028, 2, 29)), day(2028, 2, 28)),
        Some(Bucket::Week),
        "leap day"
    );

    // The same deal, seen the evening before its due day and the morning of it.
    let mut f = Fixture::new();
    let anna = f.anna;
    let deal = f.deal("Поставка", 100, anna, 0);
    reschedule(&mut f, deal, Some(day(2026, 11, 28)));
    assert_eq!(listed(&f, day(2026, 11, 27))[0].1, Bucket::Week);
    assert_eq!(listed(&f, day(2026, 11, 28))[0].1, Bucket::Today);
    let item = f.ws.agenda(day(2026, 11, 29), AgendaFilter::default())[0];
    assert_eq!(
        (item.bucket, item.days_overdue(day(2026, 11, 29))),
        (Bucket::Overdue, 1)
    );
}

#[test]
fn the_owner_and_direction_filters_keep_only_their_deals() {
    let mut f = week();
    let ivan = f.ivan;
    let his = f.deal("his", 100, ivan, 0);
    reschedule(&mut f, his, Some(day(2026, 11, 20)));
    let today = day(2026, 11, 27);
    let anna = AgendaFilter {
        owner: Some(f.anna),
        direction: None,
    };
    let only_his = AgendaFilter {
        owner: Some(ivan),
        direction: None,
    };
    assert_eq!(f.ws.agenda(today, anna).len(), 5);
    assert_eq!(f.ws.agenda(today, only_his).len(), 1);
    assert_eq!(f.ws.agenda_badge(today, only_his), 1);
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
    let in_dir = AgendaFilter {
        owner: None,
        direction: Some(other),
    };
    assert!(f.ws.agenda(today, in_dir).is_empty());
    let in_fixture = AgendaFilter {
        owner: None,
        direction: Some(f.dir),
    };
    assert_eq!(f.ws.agenda(today, in_fixture).len(), 6);
}

#[test]
fn snoozing_sets_the_due_date_and_undoes() {
    let today = day(2026, 11, 27);
    assert_eq!(today.format("%a").to_string(), "Fri");
    assert_eq!(Snooze::Day.date(today), day(2026, 11, 28));
    assert_eq!(Snooze::ThreeDays.date(today), day(2026, 11, 30));
    assert_eq!(Snooze::NextMonday.date(today), day(2026, 11, 30));
    assert_eq!(
        Snooze::NextMonday.date(day(2026, 11, 30)),
        day(2026, 12, 7),
        "from a Monday: the next one"
    );
    assert_eq!(
        Snooze::NextMonday.date(day(2026, 1, 31)),
        day(2026, 2, 2),
        "across a month end"
    );
    assert_eq!(Snooze::Day.date(day(2026, 12, 31)), day(2027, 1, 1));

    let mut f = week();
    let deal = f.ws.agenda(today, AgendaFilter::default())[0].deal;
    let stage = f.ws.deal(deal).unwrap().stage;
    let mut history = History::default();
    let due = Some(Snooze::NextMonday.date(today));
    history
        .apply(&mut f.ws, Command::RescheduleTask { deal, stage, due })
        .unwrap();
    assert_eq!(f.ws.deal(deal).unwrap().task(stage).unwrap().due, due);
    assert_eq!(
        listed(&f, today)[0].0,
        "overdue-new",
        "the snoozed task left the overdue group"
    );
    history.undo(&mut f.ws).unwrap();
    assert_eq!(listed(&f, today)[0].0, "overdue-old");
    // Only the deal's current stage has a task to snooze; a stage without a task refuses.
    let won = f.won();
    assert_eq!(
        f.apply(Command::RescheduleTask {
            deal,
            stage: won,
            due
        }),
        Err(DomainError::NoTask(won))
    );
}

#[test]
fn a_task_marked_done_leaves_the_list() {
    let mut f = week();
    let today = day(2026, 11, 27);
    let deal = f.ws.agenda(today, AgendaFilter::default())[0].deal;
    let stage = f.ws.deal(deal).unwrap().stage;
    f.apply(Command::SetTaskDone {
        deal,
        stage,
        done: true,
    })
    .unwrap();
    assert_eq!(f.ws.agenda(today, AgendaFilter::default()).len(), 4);
    assert!(f
        .ws
        .agenda(today, AgendaFilter::default())
        .iter()
        .all(|i| i.deal != deal));
}

#[test]
fn moving_on_needs_the_task_done_or_confirmed_and_brings_the_next_task() {
    let mut f = Fixture::new();
    let anna = f.anna;
    let deal = f.deal("Поставка", 100, anna, 0);
    let next = f.ws.next_stage(deal).unwrap();
    assert_eq!(next, f.stage(1));
    // Moving on past the unfinished task without confirming is refused.
    assert!(f.move_deal(deal, next, 0).is_err());
    f.apply(Command::CompleteTaskAndMove {
        deal,
        to_stage: next,
        index: 0,
        loss_reason: None,
        at: now(),
    })
    .unwrap();
    let moved = f.ws.deal(deal).unwrap();
    assert_eq!(moved.stage, next);
    let task = f.ws.stage(next).unwrap().1.task.clone().unwrap();
    let due = moved.task(next).and_then(|t| t.due);
    assert_eq!(
        due,
        task.due_days
            .map(|d| now().date() + chrono::Duration::days(i64::from(d)))
    );
    let item = f.ws.agenda(now().date(), AgendaFilter::default())[0];
    assert_eq!((item.deal, item.stage, item.due), (deal, next, due));
    // The last open stage moves on to won, never to lost.
    let last_open = f
        .direction()
        .stages
        .iter()
        .rposition(|s| s.kind == StageKind::Open)
        .unwrap();
    let late = f.deal("Последняя", 100, anna, last_open);
    assert_eq!(f.ws.next_stage(late), Some(f.won()));
    let won = f.won();
    f.apply(Command::MoveDeal {
        deal: late,
        to_stage: won,
        index: 0,
        confirm_unfinished: true,
        loss_reason: None,
        at: now(),
    })
    .unwrap();
    assert_eq!(
        f.ws.next_stage(late).map(|s| f.ws.stage(s).unwrap().1.kind),
        None
    );
}

#[test]
fn a_deal_whose_stage_was_deleted_shows_under_its_new_stage() {
    let mut f = Fixture::new();
    let anna = f.anna;
    let deal = f.deal("Поставка", 100, anna, 1);
    let (gone, target) = (f.stage(1), f.stage(2));
    f.apply(Command::DeleteStage {
        stage: gone,
        move_to: Some(target),
        loss_reason: None,
        at: now(),
    })
    .unwrap();
    let items = f.ws.agenda(now().date(), AgendaFilter::default());
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].deal, items[0].stage), (deal, target));
}

#[test]
fn the_list_starts_on_the_only_active_employee_else_everyone() {
    let mut f = Fixture::new();
    assert_eq!(
        f.ws.default_agenda_owner(),
        None,
        "two active reps: everyone"
    );
    let ivan = f.ivan;
    f.apply(Command::SetEmployeeActive {
        employee: ivan,
        active: false,
    })
    .unwrap();
    assert_eq!(
        f.ws.default_agenda_owner(),
        Some(f.anna),
        "the one rep left"
    );
    assert_eq!(
        Workspace::new(Currency::Rub, Lang::Ru).default_agenda_owner(),
        None
    );
}
