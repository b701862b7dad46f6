//! Bringing deals in from another CRM as one command: the employees, directions and stages the
//! file needs are created with its deals in one step, so one undo removes all of it.
//!
//! The batch is fully resolved before it is applied (see `crate::csv`): every deal names its
//! owner and stage either as something the workspace has or as something this batch creates,
//! by index, because new ids are only known when the command runs.

use super::deal::{Deal, DealDraft, DealSource, StageChange};
use super::direction::{Classification, Direction};
use super::error::{DomainError, DomainResult, Field};
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::journal::Tx;
use super::lookup;
use super::outcome::Outcome;
use super::stage::{StageKind, StageSpec};
use super::steps;
use super::time::Stamp;
use super::validate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A direction the import creates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDirection {
    /// Name (made unique if another direction has it by then).
    pub name: String,
    /// Stages in order: open ones, then won, then lost.
    pub stages: Vec<StageSpec>,
}

/// A stage the import adds to a direction the workspace already has: an open stage goes after
/// its open stages, a won or lost one after the others of its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStage {
    /// The existing direction.
    pub direction: DirectionId,
    /// Its settings.
    pub spec: StageSpec,
}

/// An employee: one the workspace has, or the `n`-th of the batch's new ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EmployeeRef {
    /// Already in the workspace.
    Existing(EmployeeId),
    /// Created by the batch.
    New(usize),
}

/// A stage: one the workspace has, one of a new direction's, or one added to an existing
/// direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StageRef {
    /// Already in the workspace.
    Existing(StageId),
    /// Stage `stage` of the batch's new direction `direction`.
    OfNewDirection {
        /// Index into [`ImportBatch::directions`].
        direction: usize,
        /// Index into that direction's stages.
        stage: usize,
    },
    /// The `n`-th of [`ImportBatch::stages`].
    Added(usize),
}

/// One deal of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedDeal {
    /// Title, client, amount, expected close, loss reason, notes (`owner` is ignored).
    pub draft: DealDraft,
    /// Owner.
    pub owner: EmployeeRef,
    /// The stage it is in.
    pub stage: StageRef,
    /// An open stage it reached before it was closed, when the file says where it was when it
    /// was won or lost (Pipedrive keeps the stage and a separate status).
    pub reached: Option<StageRef>,
    /// When it was created.
    pub created_at: Stamp,
    /// When it was won or lost (for a deal in a closed stage; the creation time if unknown).
    pub closed_at: Option<Stamp>,
    /// Where it came from.
    pub source: Option<DealSource>,
}

/// Everything one import adds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportBatch {
    /// Names of the employees to create.
    pub employees: Vec<String>,
    /// Directions to create.
    pub directions: Vec<NewDirection>,
    /// Stages to add to existing directions.
    pub stages: Vec<NewStage>,
    /// The deals, in the file's order: the first one ends up at the top of its column.
    pub deals: Vec<ImportedDeal>,
}

/// Applies a batch inside a transaction: anything refused rolls the whole batch back.
pub(super) fn import_deals(tx: &mut Tx, batch: &ImportBatch) -> DomainResult<Outcome> {
    if tx.ws.deal_count() + batch.deals.len() > validate::MAX_DEALS {
        return Err(DomainError::TooManyDeals);
    }
    let employees = create_employees(tx, &batch.employees)?;
    let new_directions = create_directions(tx, &batch.directions)?;
    let added = add_stages(tx, &batch.stages)?;
    let resolve = |r: StageRef| -> DomainResult<StageId> {
        match r {
            StageRef::Existing(id) => Ok(id),
            StageRef::OfNewDirection { direction, stage } => new_directions
                .get(direction)
                .and_then(|stages| stages.get(stage))
                .copied()
                .ok_or(DomainError::Invalid(Field::StageName)),
            StageRef::Added(n) => added
                .get(n)
                .copied()
                .ok_or(DomainError::Invalid(Field::StageName)),
        }
    };
    let mut columns: HashMap<StageId, Vec<DealId>> = HashMap::new();
    let mut column_order: Vec<StageId> = Vec::new();
    for imported in &batch.deals {
        let owner = match imported.owner {
            EmployeeRef::Existing(id) => {
                lookup::employee_of(tx.ws, id)?;
                id
            }
            EmployeeRef::New(n) => *employees
                .get(n)
                .ok_or(DomainError::Invalid(Field::DealOwner))?,
        };
        let stage = resolve(imported.stage)?;
        let reached = imported.reached.map(resolve).transpose()?;
        let deal = build_deal(tx, imported, owner, stage, reached)?;
        let id = deal.id;
        tx.put_deal(deal);
        columns
            .entry(stage)
            .or_insert_with(|| {
                column_order.push(stage);
                Vec::new()
            })
            .push(id);
    }
    for stage in column_order {
        tx.column_prepend(stage, columns.remove(&stage).unwrap_or_default());
    }
    Ok(Outcome::Imported(batch.deals.len()))
}

fn create_employees(tx: &mut Tx, names: &[String]) -> DomainResult<Vec<EmployeeId>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let name = validate::name(Field::EmployeeName, name)?;
        lookup::ensure_unique_employee_name(tx.ws, &name, None)?;
        let id = EmployeeId(tx.alloc_id());
        tx.put_employee(super::employee::Employee {
            id,
            name,
            active: true,
        });
        ids.push(id);
    }
    Ok(ids)
}

/// The new directions' stage ids, by direction and stage index.
fn create_directions(tx: &mut Tx, directions: &[NewDirection]) -> DomainResult<Vec<Vec<StageId>>> {
    let mut created = Vec::with_capacity(directions.len());
    for d in directions {
        let name = lookup::unique_direction_name(tx.ws, d.name.trim());
        let outcome = steps::create_direction(tx, &name, "", Classification::default(), &d.stages)?;
        let Outcome::DirectionCreated(id) = outcome else {
            unreachable!("create_direction reports the direction it created")
        };
        let stages = tx
            .ws
            .direction(id)
            .map(|d: &Direction| d.stages.iter().map(|s| s.id).collect())
            .unwrap_or_default();
        created.push(stages);
    }
    Ok(created)
}

fn add_stages(tx: &mut Tx, stages: &[NewStage]) -> DomainResult<Vec<StageId>> {
    let mut ids = Vec::with_capacity(stages.len());
    for new in stages {
        let direction = lookup::direction_of(tx.ws, new.direction)?;
        // After the last stage of the same kind (open stages before the closed ones).
        let index = match new.spec.kind {
            StageKind::Open => direction
                .stages
                .iter()
                .position(|s| s.kind.is_closed())
                .unwrap_or(direction.stages.len()),
            kind => direction
                .stages
                .iter()
                .rposition(|s| s.kind == kind)
                .map_or(direction.stages.len(), |i| i + 1),
        };
        let Outcome::StageCreated(id) = steps::add_stage(tx, new.direction, index, &new.spec)?
        else {
            unreachable!("add_stage reports the stage it created")
        };
        ids.push(id);
    }
    Ok(ids)
}

fn build_deal(
    tx: &mut Tx,
    imported: &ImportedDeal,
    owner: EmployeeId,
    stage: StageId,
    reached: Option<StageId>,
) -> DomainResult<Deal> {
    let draft = &imported.draft;
    let title = lookup::check_draft(draft)?;
    let (direction, index) = lookup::stage_of(tx.ws, stage)?;
    let kind = direction.stages[index].kind;
    let loss_reason = match kind {
        StageKind::Lost => Some(validate::loss_reason(draft.loss_reason.as_deref())?),
        _ => None,
    };
    let created_at = imported.created_at;
    let closed_at = kind
        .is_closed()
        .then(|| imported.closed_at.unwrap_or(created_at).max(created_at));
    // A deal closed from an open stage keeps that step in its history, for the funnel.
    let reached = reached.filter(|r| {
        *r != stage
            && direction
                .stage(*r)
                .is_some_and(|s| s.kind == StageKind::Open)
    });
    let history = match (reached, closed_at) {
        (Some(from), Some(at)) => vec![
            StageChange {
                from: None,
                to: from,
                at: created_at,
            },
            StageChange {
                from: Some(from),
                to: stage,
                at,
            },
        ],
        _ => vec![StageChange {
            from: None,
            to: stage,
            at: created_at,
        }],
    };
    let entered = closed_at.unwrap_or(created_at);
    let tasks = steps::task_state_on_entry(direction, stage, entered)
        .into_iter()
        .collect();
    let direction_id = direction.id;
    if let Some(source) = &imported.source {
        validate::max_len(Field::Notes, &source.id, validate::MAX_NAME)?;
    }
    Ok(Deal {
        id: DealId(tx.alloc_id()),
        title,
        client: lookup::trimmed_client(draft),
        amount: draft.amount,
        owner,
        direction: direction_id,
        stage,
        created_at,
        expected_close: draft.expected_close,
        closed_at,
        loss_reason,
        nps: draft.nps,
        notes: draft.notes.trim_end().to_string(),
        tasks,
        history,
        source: imported.source.clone().map(Box::new),
    })
}

impl DealDraft {
    /// Checks the fields a new deal needs (title, amount, client, notes), as creating it would.
    pub fn check(&self) -> DomainResult<()> {
        lookup::check_draft(self).map(|_| ())
    }
}
