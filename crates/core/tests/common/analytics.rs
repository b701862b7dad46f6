//! The analytics fixtures: a cohort of November 2026 with known paths, shared by the core's
//! analytics tests and the app's tests of the views' tables.

use super::*;
use voronka_core::domain::analytics::Scope;
use voronka_core::domain::*;

pub fn at(m: u32, d: u32, h: u32) -> Stamp {
    Stamp::from_datetime(day(2026, m, d).and_hms_opt(h, 0, 0).unwrap())
}

pub fn november() -> Period {
    Period::month(2026, 11)
}

pub fn scope() -> Scope {
    Scope {
        period: november(),
        direction: None,
        owner: None,
    }
}

pub fn go(f: &mut Fixture, deal: DealId, to: StageId, when: Stamp, reason: Option<&str>) {
    f.apply(Command::MoveDeal {
        deal,
        to_stage: to,
        index: 0,
        confirm_unfinished: true,
        loss_reason: reason.map(str::to_string),
        at: when,
    })
    .unwrap();
}

pub fn new_deal(
    f: &mut Fixture,
    title: &str,
    roubles: i64,
    owner: EmployeeId,
    stage: usize,
    when: Stamp,
) -> DealId {
    let stage = f.stage(stage);
    create_deal(&mut f.ws, title, roubles, owner, stage, when)
}

/// Five deals created in November (and one in October), with known paths:
/// A 0→1→2 open; B 0 open; C 0→1→lost; D 0→won; E 1→0 (back a stage) open; F October.
pub struct Cohort {
    pub f: Fixture,
    pub a: DealId,
    pub b: DealId,
    pub c: DealId,
    pub d: DealId,
}

pub fn cohort() -> Cohort {
    let mut f = Fixture::new();
    let (anna, ivan) = (f.anna, f.ivan);
    let (s1, s2, won, lost) = (f.stage(1), f.stage(2), f.won(), f.lost());
    let a = new_deal(&mut f, "A", 200, anna, 0, at(11, 2, 10));
    go(&mut f, a, s1, at(11, 4, 10), None);
    go(&mut f, a, s2, at(11, 5, 22), None);
    let b = new_deal(&mut f, "B", 100, anna, 0, at(11, 10, 10));
    let c = new_deal(&mut f, "C", 80, ivan, 0, at(11, 3, 10));
    go(&mut f, c, s1, at(11, 6, 10), None);
    go(&mut f, c, lost, at(11, 8, 10), Some("Дорого"));
    let d = new_deal(&mut f, "D", 300, anna, 0, at(11, 1, 10));
    go(&mut f, d, won, at(11, 11, 10), None);
    let e = new_deal(&mut f, "E", 50, ivan, 1, at(11, 12, 10));
    let s0 = f.stage(0);
    go(&mut f, e, s0, at(11, 13, 10), None);
    new_deal(&mut f, "F", 70, ivan, 0, at(10, 20, 10));
    Cohort { f, a, b, c, d }
}
