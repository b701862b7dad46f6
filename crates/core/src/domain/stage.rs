//! Stages of a direction and the task a rep must get done on each.

use super::ids::StageId;
use serde::{Deserialize, Serialize};

/// Whether a stage is still in progress or closes the deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StageKind {
    /// The deal is being worked on.
    Open,
    /// The deal is won: it counts toward the owner's plan.
    Won,
    /// The deal is lost, for a recorded reason.
    Lost,
}

impl StageKind {
    /// Won or lost.
    pub fn is_closed(self) -> bool {
        self != StageKind::Open
    }
}

/// What the rep must get done to move a deal on from a stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageTask {
    /// Short title, e.g. «Подготовить и провести презентацию».
    pub title: String,
    /// What exactly must be done to move on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Items to tick off; a deal keeps its ticks by item text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<String>,
    /// The task is due this many days after the deal enters the stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_days: Option<u16>,
}

/// One step of a direction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Identity, unique across all directions.
    pub id: StageId,
    /// Name shown as the column header.
    pub name: String,
    /// In progress, won or lost.
    pub kind: StageKind,
    /// Column colour as `#rrggbb`.
    pub color: String,
    /// Chance (0–100 %) that a deal here is won; weights the column's sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<u8>,
    /// A deal that stays longer than this many days is marked stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_after_days: Option<u16>,
    /// What must be done here to move on; `None` for a stage without a task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<StageTask>,
}

/// Everything about a stage that a user sets: used to add and to edit one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSpec {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: StageKind,
    /// Colour `#rrggbb`.
    pub color: String,
    /// Win probability in percent.
    pub probability: Option<u8>,
    /// Stale threshold in days.
    pub stale_after_days: Option<u16>,
    /// The task.
    pub task: Option<StageTask>,
}

impl StageSpec {
    /// A spec with a name and kind, a neutral colour and nothing else set.
    pub fn new(name: &str, kind: StageKind) -> StageSpec {
        StageSpec {
            name: name.to_string(),
            kind,
            color: default_color(kind).to_string(),
            probability: None,
            stale_after_days: None,
            task: None,
        }
    }

    /// The stage this spec describes, under `id`.
    pub fn into_stage(self, id: StageId) -> Stage {
        Stage {
            id,
            name: self.name.trim().to_string(),
            kind: self.kind,
            color: self.color.to_ascii_lowercase(),
            probability: self.probability,
            stale_after_days: self.stale_after_days,
            task: self
                .task
                .map(normalize_task)
                .filter(|t| !t.title.is_empty()),
        }
    }
}

impl Stage {
    /// This stage's settings as a spec, for editing.
    pub fn spec(&self) -> StageSpec {
        StageSpec {
            name: self.name.clone(),
            kind: self.kind,
            color: self.color.clone(),
            probability: self.probability,
            stale_after_days: self.stale_after_days,
            task: self.task.clone(),
        }
    }
}

fn normalize_task(task: StageTask) -> StageTask {
    StageTask {
        title: task.title.trim().to_string(),
        description: task.description.trim().to_string(),
        checklist: task
            .checklist
            .into_iter()
            .map(|item| item.trim().to_string())
            .filter(|item| !item.is_empty())
            .collect(),
        due_days: task.due_days,
    }
}

/// The colour a new stage of `kind` gets.
pub fn default_color(kind: StageKind) -> &'static str {
    match kind {
        StageKind::Open => "#4f7cff",
        StageKind::Won => "#2e9e5b",
        StageKind::Lost => "#c8504b",
    }
}

/// Whether `color` is a `#rrggbb` hex colour.
pub fn is_hex_color(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit())
}
