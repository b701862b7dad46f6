//! How long deals stay in each open stage of a direction, and the sales cycle.

use super::{median, share_bp, Scope};
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

impl Workspace {
    /// Time in stage for `direction` and `scope` (stays that ended in the period; deals in the
    /// stage at `now`), and the sales cycle of the deals won in the period.
    pub fn stays(&self, direction: DirectionId, scope: Scope, now: Stamp) -> Option<Stays> {
        let dir = self.direction(direction)?;
        let open = super::open_stages(dir);
        let mut ended: Vec<Vec<i64>> = vec![Vec::new(); open.len()];
        let mut late: Vec<usize> = vec![0; open.len()];
        let mut current: Vec<Vec<i64>> = vec![Vec::new(); open.len()];
        let mut cycles: Vec<i64> = Vec::new();
        for deal in self.deals() {
            if deal.direction != direction || scope.owner.is_some_and(|o| o != deal.owner) {
                continue;
            }
            for pair in deal.history.windows(2) {
                let (entered, left) = (pair[0], pair[1]);
                let Some(i) = open.iter().position(|s| *s == entered.to) else {
                    continue;
                };
                if !scope.period.contains(left.at.date()) {
                    continue;
                }
                ended[i].push(left.at.0 - entered.at.0);
                let due = deal.task(entered.to).and_then(|t| t.due);
                if due.is_some_and(|d| left.at.date() > d) {
                    late[i] += 1;
                }
            }
            if let Some(i) = open.iter().position(|s| *s == deal.stage) {
                current[i].push((now.0 - deal.entered_stage_at().0).max(0));
            }
            let won = dir
                .stage(deal.stage)
                .is_some_and(|s| s.kind == StageKind::Won);
            if let (true, Some(closed)) = (won, deal.closed_at) {
                if scope.period.contains(closed.date()) {
                    cycles.push(closed.0 - deal.created_at.0);
                }
            }
        }
        let rows = open
            .iter()
            .enumerate()
            .map(|(i, &stage)| {
                let stays = ended[i].len();
                let mean = (stays > 0).then(|| ended[i].iter().sum::<i64>() / stays as i64);
                StayRow {
                    stage,
                    stays,
                    median_tenths: median(&mut ended[i]).map(tenths),
                    mean_tenths: mean.map(tenths),
                    late_bp: share_bp(late[i], stays),
                    now: current[i].len(),
                    now_median_tenths: median(&mut current[i]).map(tenths),
                }
            })
            .collect();
        Some(Stays {
            rows,
            won: cycles.len(),
            cycle_median_tenths: median(&mut cycles).map(tenths),
        })
    }
}
