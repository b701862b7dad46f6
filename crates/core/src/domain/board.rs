//! The board query: a direction's columns in order, from the column index; the board's
//! filter (owner, search, undated) and each column's figures as the board shows them.

use super::deal::Deal;
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::money::Money;
use super::stage::{Stage, StageKind};
use super::workspace::Workspace;

/// What the board shows of a direction: every deal, or those of one owner, those a search
/// finds, only the open deals without an expected close date (opened so from Analytics).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoardFilter {
    /// Only this owner's deals.
    pub owner: Option<EmployeeId>,
    /// The search, case-folded (see [`BoardFilter::new`]); empty for none.
    search: String,
    /// Only open deals without an expected close date.
    pub undated: bool,
}

impl BoardFilter {
    /// A filter with the search as typed: trimmed and case-folded here, once.
    pub fn new(owner: Option<EmployeeId>, search: &str, undated: bool) -> BoardFilter {
        BoardFilter {
            owner,
            search: crate::text::fold_case(search.trim()),
            undated,
        }
    }

    /// Whether anything is filtered out: then figures are counted over the deals that pass,
    /// else read from the workspace's kept column figures.
    pub fn is_on(&self) -> bool {
        self.owner.is_some() || self.undated || !self.search.is_empty()
    }

    /// Whether a search for `folded` (case-folded) finds the deal: in its title, its company
    /// or its contact person.
    pub fn finds(deal: &Deal, folded: &str) -> bool {
        folded.is_empty()
            || crate::text::contains_folded(&deal.title, folded)
            || crate::text::contains_folded(&deal.client.company, folded)
            || crate::text::contains_folded(&deal.client.contact, folded)
    }

    /// Whether the board shows the deal.
    pub fn passes(&self, ws: &Workspace, deal: &Deal) -> bool {
        self.owner.is_none_or(|o| o == deal.owner)
            && (!self.undated || ws.is_undated_open(deal))
            && BoardFilter::finds(deal, &self.search)
    }
}

/// A column's figures as the board shows them, over the deals its filter passes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnFigures {
    /// Deals in the column.
    pub count: usize,
    /// Their amount.
    pub sum: Money,
    /// Their amount weighted by the stage's probability: only for an open stage whose
    /// probability is set (the board says nothing of a weight nobody chose).
    pub weighted: Option<Money>,
    /// The first deals in the column's order, up to the limit asked for: the cards drawn.
    pub shown: Vec<DealId>,
}

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
    /// A column's figures over the deals `filter` passes, with its first `limit` deals: with
    /// no filter on, read from the kept column figures (only the drawn deals are read).
    pub fn column_figures(
        &self,
        stage: StageId,
        filter: &BoardFilter,
        limit: usize,
    ) -> ColumnFigures {
        let column = self.column(stage);
        let (count, sum, shown) = if filter.is_on() {
            let (mut count, mut sum) = (0, Money::ZERO);
            let mut shown = Vec::with_capacity(limit.min(column.len()));
            for deal in column.iter().filter_map(|id| self.deal(*id)) {
                if !filter.passes(self, deal) {
                    continue;
                }
                if count < limit {
                    shown.push(deal.id);
                }
                count += 1;
                sum += deal.amount;
            }
            (count, sum, shown)
        } else {
            let tally = self.column_tally(stage);
            (
                tally.count,
                tally.sum,
                column.iter().take(limit).copied().collect(),
            )
        };
        let weighted = self
            .stage(stage)
            .map(|(_, s)| s)
            .filter(|s| s.kind == StageKind::Open && s.probability.is_some())
            .map(|s| sum.percent(effective_probability(s)));
        ColumnFigures {
            count,
            sum,
            weighted,
            shown,
        }
    }

    /// Totals of a direction's board over the deals `filter` passes (from the kept column
    /// figures, O(stages), when no filter is on).
    pub fn board_totals(&self, direction: DirectionId, filter: &BoardFilter) -> Totals {
        let mut t = Totals::default();
        let Some(d) = self.direction(direction) else {
            return t;
        };
        for stage in &d.stages {
            let (count, sum) = if filter.is_on() {
                self.column(stage.id)
                    .iter()
                    .filter_map(|id| self.deal(*id))
                    .filter(|x| filter.passes(self, x))
                    .fold((0, Money::ZERO), |(c, s), x| (c + 1, s + x.amount))
            } else {
                let tally = self.column_tally(stage.id);
                (tally.count, tally.sum)
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

/// How many deals are open in a direction and their sum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenTotals {
    /// Deals in the direction's open stages.
    pub count: usize,
    /// Their amounts added up.
    pub sum: Money,
}

impl Workspace {
    /// The open deals of `direction` (every deal in one of its open stages).
    pub fn open_totals(&self, direction: DirectionId) -> OpenTotals {
        let Some(d) = self.direction(direction) else {
            return OpenTotals::default();
        };
        d.stages
            .iter()
            .filter(|s| s.kind == StageKind::Open)
            .fold(OpenTotals::default(), |t, s| OpenTotals {
                count: t.count + self.column_tally(s.id).count,
                sum: t.sum + self.column_sum(s.id),
            })
    }

    /// The direction the board shows: `wanted` while it exists and is not archived, else the
    /// first active direction (none when there is none).
    pub fn board_direction(&self, wanted: Option<DirectionId>) -> Option<DirectionId> {
        let mut active = self.directions().filter(|d| !d.archived).map(|d| d.id);
        let first = active.next();
        match wanted {
            Some(w) if first == Some(w) || active.any(|d| d == w) => Some(w),
            _ => first,
        }
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
        let all = ws.board_totals(dir, &BoardFilter::default());
        assert_eq!((all.open_count, all.open_sum), (2, Money::major(400)));
        assert_eq!(all, ws.board(dir).unwrap().totals());
        // The search reads the title, case-folded, trimmed.
        let only_b = ws.board_totals(dir, &BoardFilter::new(None, "  B ", false));
        assert_eq!(
            (only_b.open_count, only_b.open_sum, only_b.weighted),
            (1, Money::major(300), Money::major(30))
        );
        let figures = ws.column_figures(stage.id, &BoardFilter::new(None, "b", false), 10);
        assert_eq!(
            (figures.count, figures.sum, figures.weighted),
            (1, Money::major(300), Some(Money::major(30)))
        );
        assert_eq!(figures.shown.len(), 1);
        // A new deal goes to the top: b first.
        let first = ws.column_figures(stage.id, &BoardFilter::default(), 1);
        assert_eq!(first.count, 2);
        assert_eq!(ws.deal(first.shown[0]).map(|d| d.title.as_str()), Some("b"));
        // Someone else's deals: none.
        let other = BoardFilter::new(Some(crate::domain::EmployeeId(999)), "", false);
        assert_eq!(ws.column_figures(stage.id, &other, 10).count, 0);
    }
}
