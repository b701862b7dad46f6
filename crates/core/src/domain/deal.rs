//! Deals: what a rep sells, where it stands, and everything that happened to it.

use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::money::Money;
use super::stage::Stage;
use super::time::Stamp;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who the deal is with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// Company name (or the person's name for a private client).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub company: String,
    /// Contact person.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// Phone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// E-mail.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
}

/// The state of one stage's task for one deal, created when the deal first enters the stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskState {
    /// The stage whose task this is.
    pub stage: StageId,
    /// Whether the rep has marked the task done.
    #[serde(default)]
    pub done: bool,
    /// Checklist items ticked, by their text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<String>,
    /// When the task is due.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::opt_day"
    )]
    pub due: Option<NaiveDate>,
}

/// One move of a deal from a stage to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    /// Where the deal came from; `None` for the stage it was created in.
    pub from: Option<StageId>,
    /// Where it went.
    pub to: StageId,
    /// When.
    pub at: Stamp,
}

/// A deal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    /// Identity.
    pub id: DealId,
    /// What is being sold.
    pub title: String,
    /// Who to.
    #[serde(default)]
    pub client: Client,
    /// Value in minor units of the workspace currency.
    pub amount: Money,
    /// The rep who owns it.
    pub owner: EmployeeId,
    /// Its direction.
    pub direction: DirectionId,
    /// Its current stage (one of the direction's).
    pub stage: StageId,
    /// When it was created.
    pub created_at: Stamp,
    /// When the rep expects to close it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::time::opt_day"
    )]
    pub expected_close: Option<NaiveDate>,
    /// When it entered a won or lost stage; `None` while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<Stamp>,
    /// Why it was lost; set only while in a lost stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_reason: Option<String>,
    /// The client's NPS score, 0–10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps: Option<u8>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The state of each stage task the deal has met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskState>,
    /// Every stage change, oldest first; the first entry is the stage it was created in.
    #[serde(default)]
    pub history: Vec<StageChange>,
    /// Where an imported deal came from; `None` for a deal made here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<DealSource>>,
}

/// The CRM record an imported deal came from: importing the same file again can tell which
/// deals are already here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DealSource {
    /// The system, e.g. `Bitrix24`.
    pub system: String,
    /// The deal's ID there.
    pub id: String,
    /// The currency its amount was in there, when not the workspace's (kept as entered: no
    /// rates offline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl Deal {
    /// The task state for `stage`, if the deal has met that stage's task.
    pub fn task(&self, stage: StageId) -> Option<&TaskState> {
        self.tasks.iter().find(|t| t.stage == stage)
    }

    /// Mutable task state for `stage`.
    pub fn task_mut(&mut self, stage: StageId) -> Option<&mut TaskState> {
        self.tasks.iter_mut().find(|t| t.stage == stage)
    }

    /// When the deal entered its current stage.
    pub fn entered_stage_at(&self) -> Stamp {
        self.history
            .iter()
            .rev()
            .find(|c| c.to == self.stage)
            .map_or(self.created_at, |c| c.at)
    }
}

/// The fields of a deal that a user edits directly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealDraft {
    /// Title.
    pub title: String,
    /// Client.
    pub client: Client,
    /// Amount, minor units.
    pub amount: Money,
    /// Owner.
    pub owner: Option<EmployeeId>,
    /// Expected close date.
    pub expected_close: Option<NaiveDate>,
    /// Loss reason; used only when the deal is in a lost stage.
    pub loss_reason: Option<String>,
    /// NPS score, 0–10.
    pub nps: Option<u8>,
    /// Notes.
    pub notes: String,
}

impl Deal {
    /// The editable fields of this deal.
    pub fn draft(&self) -> DealDraft {
        DealDraft {
            title: self.title.clone(),
            client: self.client.clone(),
            amount: self.amount,
            owner: Some(self.owner),
            expected_close: self.expected_close,
            loss_reason: self.loss_reason.clone(),
            nps: self.nps,
            notes: self.notes.clone(),
        }
    }
}

impl Deal {
    /// The ticked items of `stage`'s task checklist and how many it has; `None` when the task
    /// has no checklist. Ticks of items since removed from the checklist do not count.
    pub fn checklist_progress(&self, stage: &Stage) -> Option<(usize, usize)> {
        // Counted without the list of items: the board asks for every card it draws.
        let task = stage.task.as_ref().filter(|t| !t.checklist.is_empty())?;
        let state = self.task(stage.id);
        let ticked = task
            .checklist
            .iter()
            .filter(|item| state.is_some_and(|s| s.checked.contains(item)))
            .count();
        Some((ticked, task.checklist.len()))
    }

    /// The items of the stage's task checklist in order, each with whether this deal has it
    /// ticked; `None` when the task has no checklist.
    pub fn checklist_items<'a>(&self, stage: &'a Stage) -> Option<Vec<(&'a str, bool)>> {
        let task = stage.task.as_ref().filter(|t| !t.checklist.is_empty())?;
        let state = self.task(stage.id);
        Some(
            task.checklist
                .iter()
                .map(|item| {
                    let ticked = state.is_some_and(|s| s.checked.contains(item));
                    (item.as_str(), ticked)
                })
                .collect(),
        )
    }
}
