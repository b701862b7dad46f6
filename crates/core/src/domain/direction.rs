//! Directions (pipelines): a kind of deal with its own ordered stages.

use super::ids::{DirectionId, StageId};
use super::stage::{Stage, StageKind};
use serde::{Deserialize, Serialize};

/// Market segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    /// Business clients.
    B2b,
    /// Private clients.
    B2c,
}

/// How hard a deal of this direction is to close.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Complexity {
    /// Simple, short deals.
    Simple,
    /// Deals of average complexity.
    Medium,
    /// Complex deals with many decision makers.
    Complex,
}

/// How many touches a deal usually needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Touches {
    /// One or two contacts.
    Few,
    /// Several contacts.
    Several,
    /// Many contacts over a long time.
    Many,
}

/// Who the deals are with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Audience {
    /// New clients.
    New,
    /// Repeat clients.
    Repeat,
}

/// The seed's four ways of splitting deals into directions; each may be left unset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Classification {
    /// By segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<Segment>,
    /// By deal complexity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<Complexity>,
    /// By number of touches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touches: Option<Touches>,
    /// By target audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
}

/// A direction: its name, description, classification and ordered stages. Open stages come
/// first, then the won and lost ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Direction {
    /// Identity.
    pub id: DirectionId,
    /// Name, unique among directions.
    pub name: String,
    /// Free description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Segment, complexity, touches, audience.
    #[serde(default)]
    pub classification: Classification,
    /// Stages in order.
    pub stages: Vec<Stage>,
    /// An archived direction keeps all its deals but takes no new ones.
    #[serde(default)]
    pub archived: bool,
}

impl Direction {
    /// The stage with `id`, if it is one of this direction's.
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The position of stage `id` in this direction's order.
    pub fn stage_index(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// The first open stage, where new deals usually start.
    pub fn first_open_stage(&self) -> Option<&Stage> {
        self.stages.iter().find(|s| s.kind == StageKind::Open)
    }

    /// The first stage of `kind`.
    pub fn first_of_kind(&self, kind: StageKind) -> Option<&Stage> {
        self.stages.iter().find(|s| s.kind == kind)
    }

    /// Where a stage added without a place goes: after the last open stage, before the
    /// closing ones («Won», «Lost»), so that the funnel's order stays whole.
    pub fn new_stage_index(&self) -> usize {
        self.stages
            .iter()
            .rposition(|s| s.kind == StageKind::Open)
            .map_or(0, |i| i + 1)
    }
}
