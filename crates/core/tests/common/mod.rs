//! Fixtures shared by the native domain tests.
#![allow(dead_code)]

pub mod analytics;

use chrono::NaiveDate;
use voronka_core::domain::*;

/// 2026-11-27 10:00, the fixtures' "now".
pub fn now() -> Stamp {
    Stamp::from_datetime(day(2026, 11, 27).and_hms_opt(10, 0, 0).unwrap())
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 18:00 of `day`: the end of its working hours.
pub fn evening(day: NaiveDate) -> Stamp {
    Stamp::at_midnight(day).plus_minutes(18 * 60)
}

/// A small workspace: the «B2B new clients» template (Russian), two reps.
pub struct Fixture {
    pub ws: Workspace,
    pub dir: DirectionId,
    pub anna: EmployeeId,
    pub ivan: EmployeeId,
}

impl Fixture {
    pub fn new() -> Fixture {
        let mut ws = Workspace::new(Currency::Rub, Lang::Ru);
        let dir = match ws
            .apply(&Command::CreateDirectionFromTemplate {
                template: Template::B2bNew,
                lang: Lang::Ru,
            })
            .unwrap()
        {
            Outcome::DirectionCreated(id) => id,
            other => panic!("{other:?}"),
        };
        let anna = add_employee(&mut ws, "Анна Смирнова");
        let ivan = add_employee(&mut ws, "Иван Петров");
        Fixture {
            ws,
            dir,
            anna,
            ivan,
        }
    }

    pub fn direction(&self) -> &Direction {
        self.ws.direction(self.dir).unwrap()
    }

    /// The id of the stage at `index` of the fixture's direction.
    pub fn stage(&self, index: usize) -> StageId {
        self.direction().stages[index].id
    }

    pub fn stage_of_kind(&self, kind: StageKind) -> StageId {
        self.direction()
            .stages
            .iter()
            .find(|s| s.kind == kind)
            .unwrap()
            .id
    }

    pub fn won(&self) -> StageId {
        self.stage_of_kind(StageKind::Won)
    }

    pub fn lost(&self) -> StageId {
        self.stage_of_kind(StageKind::Lost)
    }

    /// Creates a deal of `amount` roubles for `owner` in the stage at `stage_index`.
    pub fn deal(
        &mut self,
        title: &str,
        roubles: i64,
        owner: EmployeeId,
        stage_index: usize,
    ) -> DealId {
        let stage = self.stage(stage_index);
        create_deal(&mut self.ws, title, roubles, owner, stage, now())
    }

    pub fn apply(&mut self, c: Command) -> DomainResult<Outcome> {
        self.ws.apply(&c)
    }

    /// Moves `deal` to the top of `to` at `at`, past an unfinished task.
    pub fn move_deal_at(&mut self, deal: DealId, to: StageId, at: Stamp) -> DomainResult<Outcome> {
        self.apply(Command::MoveDeal {
            deal,
            to_stage: to,
            index: 0,
            confirm_unfinished: true,
            loss_reason: None,
            at,
        })
    }

    pub fn move_deal(&mut self, deal: DealId, to: StageId, index: usize) -> DomainResult<Outcome> {
        self.apply(Command::MoveDeal {
            deal,
            to_stage: to,
            index,
            confirm_unfinished: false,
            loss_reason: None,
            at: now(),
        })
    }
}

pub fn add_employee(ws: &mut Workspace, name: &str) -> EmployeeId {
    match ws
        .apply(&Command::AddEmployee { name: name.into() })
        .unwrap()
    {
        Outcome::EmployeeAdded(id) => id,
        other => panic!("{other:?}"),
    }
}

pub fn draft(title: &str, roubles: i64, owner: EmployeeId) -> DealDraft {
    DealDraft {
        title: title.into(),
        amount: Money::major(roubles),
        owner: Some(owner),
        ..DealDraft::default()
    }
}

pub fn create_deal(
    ws: &mut Workspace,
    title: &str,
    roubles: i64,
    owner: EmployeeId,
    stage: StageId,
    at: Stamp,
) -> DealId {
    match ws
        .apply(&Command::CreateDeal {
            draft: draft(title, roubles, owner),
            stage,
            at,
        })
        .unwrap()
    {
        Outcome::DealCreated(id) => id,
        other => panic!("{other:?}"),
    }
}

/// A demo workspace of `deals` deals (four employees, English), the same for the same `seed`.
pub fn demo_workspace(seed: u64, deals: usize) -> Workspace {
    voronka_core::domain::demo::generate(&voronka_core::domain::demo::DemoConfig {
        seed,
        employees: 4,
        deals,
        now: evening(day(2026, 11, 27)),
        lang: Lang::En,
    })
}

/// Edits one deal through a command and saves only what it touched; returns the revision.
pub fn edit_and_save(
    p: &mut voronka_core::storage::persist::Persister,
    ws: &mut Workspace,
    deal: DealId,
    edit: impl FnOnce(&mut DealDraft),
) -> u64 {
    let mut draft = ws.deal(deal).unwrap().draft();
    edit(&mut draft);
    let (_, log) = ws.apply_logged(&Command::EditDeal { deal, draft }).unwrap();
    let mut dirty = voronka_core::storage::persist::Dirty::default();
    dirty.add_deals(log.touched_deals());
    p.save(ws, &dirty, "2026-11-27T10:00:00Z".into()).unwrap()
}
