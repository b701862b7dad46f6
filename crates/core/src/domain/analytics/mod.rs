//! Analytics of the funnel: where it leaks (conversion by stage), how long stages take, what
//! was won and lost and why, the forecast against the plan, and NPS. Every figure is a pure
//! function of the workspace, a period and filters; `docs/ANALYTICS.md` defines each one.

pub mod forecast;
pub mod funnel;
pub mod inputs;
pub mod nps;
pub mod outcomes;
pub mod report;
pub mod stays;

use super::direction::Direction;
use super::ids::{DirectionId, EmployeeId, StageId};
use super::period::Period;
use super::stage::StageKind;
use super::time::Stamp;

/// What a section looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    /// The period.
    pub period: Period,
    /// One direction, or all of them (where the section allows it).
    pub direction: Option<DirectionId>,
    /// One employee's deals, or everyone's.
    pub owner: Option<EmployeeId>,
}

/// A period as minutes of the wall clock, for tests on every deal that compare integers
/// instead of building a date each time (`Period::contains` builds two).
#[derive(Clone, Copy, Debug)]
pub struct Window {
    from: Stamp,
    to: Stamp,
}

impl Window {
    /// From the period's first midnight up to (without) the next period's.
    pub fn of(period: Period) -> Window {
        Window {
            from: Stamp::at_midnight(period.start()),
            to: Stamp::at_midnight(period.end()),
        }
    }

    /// Whether the moment falls in the period.
    pub fn has(&self, at: Stamp) -> bool {
        at >= self.from && at < self.to
    }

    /// Whether the day falls in the period.
    pub fn has_day(&self, day: chrono::NaiveDate) -> bool {
        self.has(Stamp::at_midnight(day))
    }
}

/// `part / whole` in basis points (10,000 = 100 %), `None` when `whole` is zero.
pub fn share_bp(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| ((part as u64 * 10_000 + whole as u64 / 2) / whole as u64) as u32)
}

/// The median of `values` (the mean of the two middle ones for an even count), `None` when
/// there are none.
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2
    })
}

/// One builder per known direction of `directions` (unknown ones left out), for the sections
/// that read the deals once for every direction.
pub(crate) fn per_direction<'a, B>(
    ws: &'a super::workspace::Workspace,
    directions: &[super::ids::DirectionId],
    make: impl Fn(&'a Direction) -> B,
) -> Vec<(super::ids::DirectionId, B)> {
    directions
        .iter()
        .filter_map(|&d| ws.direction(d).map(|dir| (d, make(dir))))
        .collect()
}

/// A direction's open stages in its current order: the rows of the funnel and of time in stage.
pub fn open_stages(direction: &Direction) -> Vec<StageId> {
    direction
        .stages
        .iter()
        .filter(|s| s.kind == StageKind::Open)
        .map(|s| s.id)
        .collect()
}
