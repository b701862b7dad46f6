//! The board query: a direction's columns in order, from the column index.

use super::ids::{DealId, DirectionId};
use super::money::Money;
use super::stage::{Stage, StageKind};
use super::workspace::Workspace;

/// One column of a board.
#[derive(Clone, Debug, PartialEq)]
pub struct Column<'a> {
    /// Its stage.
    pub stage: &'a Stage,
    /// Its deals, in order.
    pub deals: &'a [DealId],
    /// Sum of the deals' amounts.
    pub sum: Money,
    /// The sum weighted by the stage's win probability.
    pub weighted: Money,
}

impl Column<'_> {
    /// Number of deals.
    pub fn count(&self) -> usize {
        self.deals.len()
    }
}

/// A direction's board.
#[derive(Clone, Debug, PartialEq)]
pub struct Board<'a> {
    /// Columns in stage order: open stages, then won and lost.
    pub columns: Vec<Column<'a>>,
}

/// Totals of a board or direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Deals in open stages.
    pub open_count: usize,
    /// Their amount.
    pub open_sum: Money,
    /// Their probability-weighted amount.
    pub weighted: Money,
    /// Deals in won stages.
    pub won_count: usize,
    /// Their amount.
    pub won_sum: Money,
    /// Deals in lost stages.
    pub lost_count: usize,
}

/// The probability a stage's deals are weighted with: set by hand, else 100 % for won and
/// 0 % for lost and unset open stages.
pub fn effective_probability(stage: &Stage) -> u8 {
    stage.probability.unwrap_or(match stage.kind {
        StageKind::Won => 100,
        _ => 0,
    })
}

impl<'a> Board<'a> {
    /// Totals over the columns.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for c in &self.columns {
            match c.stage.kind {
                StageKind::Open => {
                    t.open_count += c.count();
                    t.open_sum += c.sum;
                    t.weighted += c.weighted;
                }
                StageKind::Won => {
                    t.won_count += c.count();
                    t.won_sum += c.sum;
                }
                StageKind::Lost => t.lost_count += c.count(),
            }
        }
        t
    }
}

impl Workspace {
    /// The board of a direction, or `None` for an unknown direction.
    pub fn board(&self, direction: DirectionId) -> Option<Board<'_>> {
        let direction = self.direction(direction)?;
        let columns = direction
            .stages
            .iter()
            .map(|stage| {
                let deals = self.column(stage.id);
                let sum = self.column_sum(stage.id);
                Column {
                    stage,
                    deals,
                    sum,
                    weighted: sum.percent(effective_probability(stage)),
                }
            })
            .collect();
        Some(Board { columns })
    }
}

/// Where a deal's task stands on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    /// Marked done.
    Done,
    /// Not done yet; due on this date, if it has a due date.
    Open(Option<chrono::NaiveDate>),
    /// Not done and past its due date.
    Overdue(chrono::NaiveDate),
}

impl crate::domain::Deal {
    /// The status of the current stage's task on `today`, if the stage has a task.
    pub fn task_status(&self, stage: &Stage, today: chrono::NaiveDate) -> Option<TaskStatus> {
        stage.task.as_ref()?;
        let state = self.task(stage.id);
        let due = state.and_then(|s| s.due);
        Some(match (state.is_some_and(|s| s.done), due) {
            (true, _) => TaskStatus::Done,
            (false, Some(d)) if d < today => TaskStatus::Overdue(d),
            (false, due) => TaskStatus::Open(due),
        })
    }

    /// Whole days the deal has been in its current stage at `now`.
    pub fn days_in_stage(&self, now: crate::domain::Stamp) -> i64 {
        self.entered_stage_at().days_until(now)
    }

    /// Whether the deal has stayed in its (open) stage longer than the stage allows.
    pub fn is_stale(&self, stage: &Stage, now: crate::domain::Stamp) -> bool {
        stage.kind == StageKind::Open
            && stage
                .stale_after_days
                .is_some_and(|n| self.days_in_stage(now) > i64::from(n))
    }
}

impl Workspace {
    /// Totals of a direction's board over the deals `keep` accepts (the board's filter), or
    /// over all of them from the kept column figures (O(stages)) when there is no filter.
    pub fn board_totals(
        &self,
        direction: DirectionId,
        keep: Option<&dyn Fn(&crate::domain::Deal) -> bool>,
    ) -> Totals {
        let mut t = Totals::default();
        let Some(d) = self.direction(direction) else {
            return t;
        };
        for stage in &d.stages {
            let (count, sum) = match keep {
                None => {
                    let tally = self.column_tally(stage.id);
                    (tally.count, tally.sum)
                }
                Some(keep) => self
                    .column(stage.id)
                    .iter()
                    .filter_map(|id| self.deal(*id))
                    .filter(|x| keep(x))
                    .fold((0, Money::ZERO), |(c, s), x| (c + 1, s + x.amount)),
            };
            match stage.kind {
                StageKind::Open => {
                    t.open_count += count;
                    t.open_sum += sum;
                    t.weighted += sum.percent(effective_probability(stage));
                }
                StageKind::Won => {
                    t.won_count += count;
                    t.won_sum += sum;
                }
                StageKind::Lost => t.lost_count += count,
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Command, DealDraft, Lang, Outcome, Stamp, Template};
    use chrono::NaiveDate;

    #[test]
    fn task_status_staleness_and_filtered_totals() {
        let mut ws = Workspace::new(crate::domain::Currency::Rub, Lang::En);
        let Ok(Outcome::DirectionCreated(dir)) = ws.apply(&Command::CreateDirectionFromTemplate {
            template: Template::B2bNew,
            lang: Lang::En,
        }) else {
            panic!()
        };
        let Ok(Outcome::EmployeeAdded(e)) = ws.apply(&Command::AddEmployee { name: "A".into() })
        else {
            panic!()
        };
        let stage = ws.direction(dir).unwrap().stages[0].clone();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let at = Stamp::at_midnight(day(1));
        let draft = |t: &str, m| DealDraft {
            title: t.into(),
            amount: Money::major(m),
            owner: Some(e),
            ..DealDraft::default()
        };
        let Ok(Outcome::DealCreated(a)) = ws.apply(&Command::CreateDeal {
            draft: draft("a", 100),
            stage: stage.id,
            at,
        }) else {
            panic!()
        };
        ws.apply(&Command::CreateDeal {
            draft: draft("b", 300),
            stage: stage.id,
            at,
        })
        .unwrap();
        let deal = ws.deal(a).unwrap();
        // Presentation is due in 5 days and goes stale after 10.
        assert_eq!(
            deal.task_status(&stage, day(6)),
            Some(TaskStatus::Open(Some(day(6))))
        );
        assert_eq!(
            deal.task_status(&stage, day(7)),
            Some(TaskStatus::Overdue(day(6)))
        );
        assert!(!deal.is_stale(&stage, Stamp::at_midnight(day(11))));
        assert!(deal.is_stale(&stage, Stamp::at_midnight(day(12))));
        ws.apply(&Command::SetTaskDone {
            deal: a,
            stage: stage.id,
            done: true,
        })
        .unwrap();
        assert_eq!(
            ws.deal(a).unwrap().task_status(&stage, day(20)),
            Some(TaskStatus::Done)
        );
        let all = ws.board_totals(dir, Some(&|_| true));
        assert_eq!(
            ws.board_totals(dir, None),
            all,
            "kept figures equal the counted ones"
        );
        assert_eq!((all.open_count, all.open_sum), (2, Money::major(400)));
        assert_eq!(all, ws.board(dir).unwrap().totals());
        let only_b = ws.board_totals(dir, Some(&|d| d.title == "b"));
        assert_eq!(
            (only_b.open_count, only_b.open_sum, only_b.weighted),
            (1, Money::major(300), Money::major(30))
        );
    }
}
