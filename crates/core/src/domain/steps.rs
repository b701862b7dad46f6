//! The steps of building structure that a command and the import both take: create a
//! direction with its stages, add a stage, a deal's task as it enters a stage.

use super::deal::TaskState;
use super::direction::{Classification, Direction};
use super::error::{DomainError, DomainResult, Field};
use super::ids::{DirectionId, StageId};
use super::journal::Tx;
use super::lookup::{direction_of, ensure_unique_direction_name};
use super::outcome::Outcome;
use super::stage::{StageKind, StageSpec};
use super::time::Stamp;
use super::validate::{self, MAX_TEXT};
use chrono::Duration;

pub(super) fn create_direction(
    tx: &mut Tx,
    name: &str,
    description: &str,
    classification: Classification,
    stages: &[StageSpec],
) -> DomainResult<Outcome> {
    let name = validate::name(Field::DirectionName, name)?;
    ensure_unique_direction_name(tx.ws, &name, None)?;
    validate::max_len(Field::Notes, description, MAX_TEXT)?;
    for spec in stages {
        validate::stage_spec(spec)?;
    }
    validate::stage_order(stages.iter().map(|s| s.kind))?;
    let id = DirectionId(tx.alloc_id());
    let stages: Vec<_> = stages
        .iter()
        .map(|spec| spec.clone().into_stage(StageId(tx.alloc_id())))
        .collect();
    let stage_ids: Vec<StageId> = stages.iter().map(|s| s.id).collect();
    tx.put_direction(Direction {
        id,
        name,
        description: description.trim().to_string(),
        classification,
        stages,
        archived: false,
    });
    for stage in stage_ids {
        tx.create_column(stage);
    }
    let mut order = tx.ws.direction_order.clone();
    order.push(id);
    tx.set_direction_order(order);
    Ok(Outcome::DirectionCreated(id))
}

pub(super) fn add_stage(
    tx: &mut Tx,
    id: DirectionId,
    index: usize,
    spec: &StageSpec,
) -> DomainResult<Outcome> {
    let mut direction = direction_of(tx.ws, id)?.clone();
    validate::stage_spec(spec)?;
    if index > direction.stages.len() {
        return Err(DomainError::PositionOutOfRange {
            index,
            len: direction.stages.len(),
        });
    }
    let kinds = direction.stages.iter().map(|s| s.kind);
    let mut new_kinds: Vec<StageKind> = kinds.collect();
    new_kinds.insert(index, spec.kind);
    validate::stage_order(new_kinds)?;
    let stage_id = StageId(tx.alloc_id());
    direction
        .stages
        .insert(index, spec.clone().into_stage(stage_id));
    tx.put_direction(direction);
    tx.create_column(stage_id);
    Ok(Outcome::StageCreated(stage_id))
}

pub(super) fn task_state_on_entry(
    direction: &Direction,
    stage: StageId,
    at: Stamp,
) -> Option<TaskState> {
    let task = direction.stage(stage)?.task.as_ref()?;
    Some(TaskState {
        stage,
        done: false,
        checked: Vec::new(),
        due: task
            .due_days
            .map(|days| at.date() + Duration::days(i64::from(days))),
    })
}
