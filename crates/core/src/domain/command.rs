//! Commands: every change of state is one of these, applied with `Workspace::apply`.

use super::deal::DealDraft;
use super::direction::Classification;
use super::documents::party::Requisites;
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::import::ImportBatch;
use super::patch::DealPatch;
use super::period::Period;
use super::plan::PlanTarget;
use super::stage::StageSpec;
use super::templates::Template;
use super::time::Stamp;
use super::Lang;
use serde::{Deserialize, Serialize};

/// Where the deals of a deleted direction go: a target direction and, for each stage that
/// holds deals, a stage of the target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionMapping {
    /// The direction that takes the deals.
    pub direction: DirectionId,
    /// `(old stage, new stage)` pairs.
    pub stages: Vec<(StageId, StageId)>,
    /// The reason recorded for deals that land in a lost stage without one.
    pub loss_reason: Option<String>,
}

/// One change of state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// A new direction with the given stages.
    CreateDirection {
        /// Name.
        name: String,
        /// Description.
        description: String,
        /// Classification.
        classification: Classification,
        /// Stages in order: at least one open, one won and one lost.
        stages: Vec<StageSpec>,
    },
    /// A new direction from one of the seed's templates, named in `lang`.
    CreateDirectionFromTemplate {
        /// Which template.
        template: Template,
        /// Language of the names and tasks.
        lang: Lang,
    },
    /// Rename a direction.
    RenameDirection {
        /// Which.
        direction: DirectionId,
        /// New name.
        name: String,
    },
    /// Set a direction's description.
    DescribeDirection {
        /// Which.
        direction: DirectionId,
        /// New description.
        description: String,
    },
    /// Set a direction's classification.
    ClassifyDirection {
        /// Which.
        direction: DirectionId,
        /// New classification.
        classification: Classification,
    },
    /// Move a direction to `index` in the list.
    ReorderDirection {
        /// Which.
        direction: DirectionId,
        /// New position.
        index: usize,
    },
    /// Archive (`true`) or restore (`false`) a direction; its deals stay.
    ArchiveDirection {
        /// Which.
        direction: DirectionId,
        /// Archived or not.
        archived: bool,
    },
    /// Delete a direction; one that holds deals needs a mapping for them.
    DeleteDirection {
        /// Which.
        direction: DirectionId,
        /// Where its deals go.
        target: Option<DirectionMapping>,
        /// When (recorded in the moved deals' history).
        at: Stamp,
    },
    /// Add a stage at `index` of a direction.
    AddStage {
        /// Which direction.
        direction: DirectionId,
        /// Position.
        index: usize,
        /// Settings.
        spec: StageSpec,
    },
    /// Change a stage's settings.
    EditStage {
        /// Which.
        stage: StageId,
        /// New settings.
        spec: StageSpec,
    },
    /// Move a stage to `index` within its direction.
    ReorderStage {
        /// Which.
        stage: StageId,
        /// New position.
        index: usize,
    },
    /// Delete a stage; one that holds deals moves them to `move_to` first.
    DeleteStage {
        /// Which.
        stage: StageId,
        /// Where its deals go (a stage of the same direction).
        move_to: Option<StageId>,
        /// Reason recorded if `move_to` is a lost stage.
        loss_reason: Option<String>,
        /// When.
        at: Stamp,
    },
    /// A new employee.
    AddEmployee {
        /// Name.
        name: String,
    },
    /// Rename an employee.
    RenameEmployee {
        /// Which.
        employee: EmployeeId,
        /// New name.
        name: String,
    },
    /// Deactivate (`false`) or reactivate (`true`) an employee.
    SetEmployeeActive {
        /// Which.
        employee: EmployeeId,
        /// Active or not.
        active: bool,
    },
    /// A new deal at the top of `stage`.
    CreateDeal {
        /// Fields.
        draft: DealDraft,
        /// The stage it starts in.
        stage: StageId,
        /// When.
        at: Stamp,
    },
    /// Change a deal's fields.
    EditDeal {
        /// Which.
        deal: DealId,
        /// New fields.
        draft: DealDraft,
    },
    /// Change only the fields an editor changed (see [`DealPatch`]).
    PatchDeal {
        /// Which.
        deal: DealId,
        /// The changed fields.
        patch: DealPatch,
    },
    /// Delete a deal.
    DeleteDeal {
        /// Which.
        deal: DealId,
    },
    /// Move a deal to `index` in `to_stage` (possibly its own stage, to reorder).
    MoveDeal {
        /// Which.
        deal: DealId,
        /// Target stage.
        to_stage: StageId,
        /// Target position in the target column.
        index: usize,
        /// The user confirmed moving on past an unfinished task.
        confirm_unfinished: bool,
        /// Required when the target is a lost stage.
        loss_reason: Option<String>,
        /// When.
        at: Stamp,
    },
    /// Mark the task of the deal's current stage done and move the deal, as one step: refused
    /// as a whole (the task stays as it was) when the move is refused.
    CompleteTaskAndMove {
        /// Which deal.
        deal: DealId,
        /// Target stage.
        to_stage: StageId,
        /// Target position in the target column.
        index: usize,
        /// Required when the target is a lost stage.
        loss_reason: Option<String>,
        /// When.
        at: Stamp,
    },
    /// Mark a deal's task on `stage` done or not done.
    SetTaskDone {
        /// Which deal.
        deal: DealId,
        /// Whose task.
        stage: StageId,
        /// Done or not.
        done: bool,
    },
    /// Tick or untick a checklist item of a deal's task.
    SetChecklistItem {
        /// Which deal.
        deal: DealId,
        /// Whose task.
        stage: StageId,
        /// The item's text.
        item: String,
        /// Ticked or not.
        checked: bool,
    },
    /// Set (or clear) when a deal's task on `stage` is due: snoozing it from the Today list.
    RescheduleTask {
        /// Which deal.
        deal: DealId,
        /// Whose task.
        stage: StageId,
        /// The new due date; `None` for no due date.
        due: Option<chrono::NaiveDate>,
    },
    /// Set or clear the plan of an employee for a period.
    SetPlan {
        /// Whose plan.
        employee: EmployeeId,
        /// Which period.
        period: Period,
        /// The target, or `None` to clear.
        target: Option<PlanTarget>,
    },
    /// Replace the list of loss reasons.
    SetLossReasons {
        /// The new list.
        reasons: Vec<String>,
    },
    /// Replace the workspace's own company's requisites (the seller on its documents).
    SetCompany {
        /// The new requisites; each filled field must pass its check.
        requisites: Box<Requisites>,
    },
    /// Add the deals of another CRM's export, with the employees, directions and stages they
    /// need, as one step.
    ImportDeals(Box<ImportBatch>),
}
