//! How long deals stay in each open stage of a direction, and the sales cycle.

use super::{median, share_bp, Scope};
use crate::domain::deal::Deal;
use crate::domain::direction::Direction;
use crate::domain::ids::{DirectionId, StageId};
use crate::domain::stage::StageKind;
use crate::domain::time::Stamp;
use crate::domain::workspace::Workspace;

/// Minutes in a day: stays are measured in minutes and shown in days.
const DAY: i64 = 1440;

/// One open stage's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StayRow {
    /// The stage.
    pub stage: StageId,
    /// Stays that ended in the period.
    pub stays: usize,
    /// Their median, in tenths of a day.
    pub median_tenths: Option<i64>,
    /// Their mean, in tenths of a day.
    pub mean_tenths: Option<i64>,
    /// The share of them that ended after the deal's task on the stage was due.
    pub late_bp: Option<u32>,
    /// Deals in the stage now.
    pub now: usize,
    /// Their median days in the stage so far, in tenths of a day.
    pub now_median_tenths: Option<i64>,
}

/// Time in stage for one direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stays {
    /// One row per open stage, in the direction's order.
    pub rows: Vec<StayRow>,
    /// Deals of the direction won in the period.
    pub won: usize,
    /// The median days from creation to winning for them, in tenths of a day.
    pub cycle_median_tenths: Option<i64>,
}

/// Minutes as tenths of a day, rounded half up.
fn tenths(minutes: i64) -> i64 {
    (minutes * 10 + DAY / 2).div_euclid(DAY)
}

/// One direction's stays while the deals are read.
struct Builder<'a> {
    dir: &'a Direction,
    open: Vec<StageId>,
    ended: Vec<Vec<i64>>,
    late: Vec<usize>,
    current: Vec<Vec<i64>>,
    cycles: Vec<i64>,
}

impl<'a> Builder<'a> {
    fn new(dir: &'a Direction) -> Builder<'a> {
        let open = super::open_stages(dir);
        let n = open.len();
        Builder {
            dir,
            open,
            ended: vec![Vec::new(); n],
            late: vec![0; n],
            current: vec![Vec::new(); n],
            cycles: Vec::new(),
        }
    }

    fn add(&mut self, deal: &Deal, window: &super::Window, now: Stamp) {
        for pair in deal.history.windows(2) {
            let (entered, left) = (pair[0], pair[1]);
            if !window.has(left.at) {
                continue;
            }
            let Some(i) = self.open.iter().position(|s| *s == entered.to) else {
                continue;
            };
            self.ended[i].push(left.at.0 - entered.at.0);
            let due = deal.task(entered.to).and_then(|t| t.due);
            // Late: left on a day after the due date (at or after the next midnight).
            if due.is_some_and(|d| left.at.0 >= Stamp::at_midnight(d).0 + DAY) {
                self.late[i] += 1;
            }
        }
        match self.dir.stage(deal.stage).map(|s| s.kind) {
            Some(StageKind::Open) => {
                if let Some(i) = self.open.iter().position(|s| *s == deal.stage) {
                    self.current[i].push((now.0 - deal.entered_stage_at().0).max(0));
                }
            }
            Some(StageKind::Won) => {
                if let Some(closed) = deal.closed_at.filter(|c| window.has(*c)) {
                    self.cycles.push(closed.0 - deal.created_at.0);
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Stays {
        let rows = self
            .open
            .iter()
            .enumerate()
            .map(|(i, &stage)| {
                let ended = &mut self.ended[i];
                let stays = ended.len();
                let mean = (stays > 0).then(|| ended.iter().sum::<i64>() / stays as i64);
                StayRow {
                    stage,
                    stays,
                    median_tenths: median(ended).map(tenths),
                    mean_tenths: mean.map(tenths),
                    late_bp: share_bp(self.late[i], stays),
                    now: self.current[i].len(),
                    now_median_tenths: median(&mut self.current[i]).map(tenths),
                }
            })
            .collect();
        Stays {
            rows,
            won: self.cycles.len(),
            cycle_median_tenths: median(&mut self.cycles).map(tenths),
        }
    }
}

impl Workspace {
    /// Time in stage for `direction` and `scope` (stays that ended in the period; deals in the
    /// stage at `now`), and the sales cycle of the deals won in the period.
    pub fn stays(&self, direction: DirectionId, scope: Scope, now: Stamp) -> Option<Stays> {
        self.stays_of(&[direction], scope, now)
            .pop()
            .map(|(_, s)| s)
    }

    /// Time in stage of several directions in one pass over the deals (unknown ones left out).
    pub fn stays_of(
        &self,
        directions: &[DirectionId],
        scope: Scope,
        now: Stamp,
    ) -> Vec<(DirectionId, Stays)> {
        let mut builders = super::per_direction(self, directions, Builder::new);
        let window = super::Window::of(scope.period);
        for deal in self.deals() {
            if scope.owner.is_some_and(|o| o != deal.owner) {
                continue;
            }
            if let Some((_, b)) = builders.iter_mut().find(|(d, _)| *d == deal.direction) {
                b.add(deal, &window, now);
            }
        }
        builders.into_iter().map(|(d, b)| (d, b.finish())).collect()
    }
}
