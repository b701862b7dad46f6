//! A rep's day: the open deals whose current stage task is not done, grouped by when the task
//! is due (overdue, today, the next 7 days, no due date), and the dates a task can be snoozed
//! to. The Today view draws this; every action on it is an existing command or
//! [`super::Command::RescheduleTask`].

use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::stage::StageKind;
use super::workspace::Workspace;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// When a task is due, relative to today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// Due before today.
    Overdue,
    /// Due today.
    Today,
    /// Due in the next 7 days (tomorrow to today + 7).
    Week,
    /// No due date.
    Undated,
}

impl Bucket {
    /// The groups in the order the list shows them.
    pub const ALL: [Bucket; 4] = [
        Bucket::Overdue,
        Bucket::Today,
        Bucket::Week,
        Bucket::Undated,
    ];
}

/// One deal on the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    /// The deal.
    pub deal: DealId,
    /// Its current stage, whose task is due.
    pub stage: StageId,
    /// Its group.
    pub bucket: Bucket,
    /// The task's due date.
    pub due: Option<NaiveDate>,
}

impl AgendaItem {
    /// Whole days past the due date (0 unless overdue).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        self.due.map_or(0, |d| (today - d).num_days().max(0))
    }
}

/// Which deals the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgendaFilter {
    /// Only this employee's deals.
    pub owner: Option<EmployeeId>,
    /// Only this direction's deals.
    pub direction: Option<DirectionId>,
}

/// The bucket of a task due on `due`, seen on `today`; `None` when it is due later than the
/// next 7 days (not on today's list).
pub fn bucket(due: Option<NaiveDate>, today: NaiveDate) -> Option<Bucket> {
    let Some(due) = due else {
        return Some(Bucket::Undated);
    };
    let days = (due - today).num_days();
    match days {
        d if d < 0 => Some(Bucket::Overdue),
        0 => Some(Bucket::Today),
        1..=7 => Some(Bucket::Week),
        _ => None,
    }
}

impl Workspace {
    /// The list for `today`: open deals in a stage with a task they have not done, due by
    /// today + 7 or undated, in list order — by group, then the oldest due date first (undated
    /// ones by how long they have been in the stage, longest first), then by deal.
    pub fn agenda(&self, today: NaiveDate, filter: AgendaFilter) -> Vec<AgendaItem> {
        let mut items: Vec<(AgendaItem, i64)> = self
            .agenda_items(today, filter)
            .map(|(item, entered)| (item, entered.0))
            .collect();
        items.sort_by_key(|(item, entered)| (item.bucket, item.due, *entered, item.deal));
        items.into_iter().map(|(item, _)| item).collect()
    }

    /// How many tasks are overdue or due today: the count on the Today navigation item
    /// (counted without building the list: it runs after every change, on every view).
    pub fn agenda_badge(&self, today: NaiveDate, filter: AgendaFilter) -> usize {
        self.agenda_items(today, filter)
            .filter(|(i, _)| matches!(i.bucket, Bucket::Overdue | Bucket::Today))
            .count()
    }

    /// The list's items in no particular order, with when each deal entered its stage.
    fn agenda_items(
        &self,
        today: NaiveDate,
        filter: AgendaFilter,
    ) -> impl Iterator<Item = (AgendaItem, super::time::Stamp)> + '_ {
        self.deals().filter_map(move |deal| {
            if filter.owner.is_some_and(|o| o != deal.owner)
                || filter.direction.is_some_and(|d| d != deal.direction)
            {
                return None;
            }
            let (_, stage) = self.stage(deal.stage)?;
            if stage.kind != StageKind::Open || stage.task.is_none() {
                return None;
            }
            let state = deal.task(stage.id);
            if state.is_some_and(|t| t.done) {
                return None;
            }
            let due = state.and_then(|t| t.due);
            let item = AgendaItem {
                deal: deal.id,
                stage: stage.id,
                bucket: bucket(due, today)?,
                due,
            };
            Some((item, deal.entered_stage_at()))
        })
    }

    /// Whose tasks the list shows until the user chooses: the only active employee when the
    /// team is one person, else everyone (`None`).
    pub fn default_agenda_owner(&self) -> Option<EmployeeId> {
        let mut active = self.employees().filter(|e| e.active);
        match (active.next(), active.next()) {
            (Some(only), None) => Some(only.id),
            _ => None,
        }
    }

    /// The stage a deal moves on to from the Today list: the next stage of its direction, if
    /// that is open or won (a deal is never moved on into a lost stage).
    pub fn next_stage(&self, deal: DealId) -> Option<StageId> {
        let deal = self.deal(deal)?;
        let (direction, _) = self.stage(deal.stage)?;
        let index = direction.stage_index(deal.stage)?;
        direction
            .stages
            .get(index + 1)
            .filter(|s| s.kind != StageKind::Lost)
            .map(|s| s.id)
    }
}

/// The dates a task can be snoozed to from `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Snooze {
    /// Tomorrow.
    Day,
    /// In three days.
    ThreeDays,
    /// The next Monday after today.
    NextMonday,
}

impl Snooze {
    /// The new due date.
    pub fn date(self, today: NaiveDate) -> NaiveDate {
        match self {
            Snooze::Day => today + Duration::days(1),
            Snooze::ThreeDays => today + Duration::days(3),
            Snooze::NextMonday => {
                let ahead = 7 - i64::from(today.weekday().num_days_from_monday());
                debug_assert_eq!((today + Duration::days(ahead)).weekday(), Weekday::Mon);
                today + Duration::days(ahead)
            }
        }
    }
}
