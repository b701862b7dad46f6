//! Applying commands: the dispatcher and each command's handler, which checks every rule, then
//! changes the workspace through a [`Tx`]. A refused command rolls back whatever it had
//! started. The lookups and checks they share are in `lookup`, the steps they share with the
//! import in `steps`.

use super::command::{Command, DirectionMapping};
use super::deal::{Deal, DealDraft, StageChange, TaskState};
use super::direction::Direction;
use super::employee::Employee;
use super::error::{DomainError, DomainResult, Field};
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::journal::{revert, ChangeLog, Tx};
use super::lookup::*;
use super::outcome::Outcome;
use super::stage::{StageKind, StageSpec};
use super::steps::{add_stage, create_direction, task_state_on_entry};
use super::templates;
use super::time::Stamp;
use super::validate::{self, MAX_TEXT};
use super::workspace::Workspace;

impl Workspace {
    /// Applies `command`; on error the workspace is unchanged.
    pub fn apply(&mut self, command: &Command) -> DomainResult<Outcome> {
        self.apply_logged(command).map(|(outcome, _)| outcome)
    }

    /// Applies `command` and returns the journal that [`Workspace::revert`] undoes.
    pub fn apply_logged(&mut self, command: &Command) -> DomainResult<(Outcome, ChangeLog)> {
        let mut tx = Tx::new(self);
        match run(&mut tx, command) {
            Ok(outcome) => Ok((outcome, tx.commit())),
            Err(e) => {
                tx.rollback();
                Err(e)
            }
        }
    }

    /// Undoes a command given the journal [`Workspace::apply_logged`] returned for it. Only
    /// valid on the workspace as that command left it.
    pub fn revert(&mut self, log: ChangeLog) {
        revert(self, log);
    }
}

fn run(tx: &mut Tx, command: &Command) -> DomainResult<Outcome> {
    use Command::*;
    match command {
        CreateDirection {
            name,
            description,
            classification,
            stages,
        } => create_direction(tx, name, description, *classification, stages),
        CreateDirectionFromTemplate { template, lang } => {
            let t = templates::direction_template(*template, *lang);
            let name = unique_direction_name(tx.ws, &t.name);
            create_direction(tx, &name, &t.description, t.classification, &t.stages)
        }
        RenameDirection { direction, name } => {
            let name = validate::name(Field::DirectionName, name)?;
            ensure_unique_direction_name(tx.ws, &name, Some(*direction))?;
            edit_direction(tx, *direction, |d| d.name = name)
        }
        DescribeDirection {
            direction,
            description,
        } => {
            validate::max_len(Field::Notes, description, MAX_TEXT)?;
            let description = description.trim().to_string();
            edit_direction(tx, *direction, |d| d.description = description)
        }
        ClassifyDirection {
            direction,
            classification,
        } => edit_direction(tx, *direction, |d| d.classification = *classification),
        ReorderDirection { direction, index } => reorder_direction(tx, *direction, *index),
        ArchiveDirection {
            direction,
            archived,
        } => edit_direction(tx, *direction, |d| d.archived = *archived),
        DeleteDirection {
            direction,
            target,
            at,
        } => delete_direction(tx, *direction, target.as_ref(), *at),
        AddStage {
            direction,
            index,
            spec,
        } => add_stage(tx, *direction, *index, spec),
        EditStage { stage, spec } => edit_stage(tx, *stage, spec),
        ReorderStage { stage, index } => reorder_stage(tx, *stage, *index),
        DeleteStage {
            stage,
            move_to,
            loss_reason,
            at,
        } => delete_stage(tx, *stage, *move_to, loss_reason.as_deref(), *at),
        AddEmployee { name } => {
            let name = validate::name(Field::EmployeeName, name)?;
            ensure_unique_employee_name(tx.ws, &name, None)?;
            let id = EmployeeId(tx.alloc_id());
            tx.put_employee(Employee {
                id,
                name,
                active: true,
            });
            Ok(Outcome::EmployeeAdded(id))
        }
        RenameEmployee { employee, name } => {
            let name = validate::name(Field::EmployeeName, name)?;
            ensure_unique_employee_name(tx.ws, &name, Some(*employee))?;
            let mut e = employee_of(tx.ws, *employee)?.clone();
            e.name = name;
            tx.put_employee(e);
            Ok(Outcome::Done)
        }
        SetEmployeeActive { employee, active } => {
            let mut e = employee_of(tx.ws, *employee)?.clone();
            e.active = *active;
            tx.put_employee(e);
            Ok(Outcome::Done)
        }
        CreateDeal { draft, stage, at } => create_deal(tx, draft, *stage, *at),
        EditDeal { deal, draft } => edit_deal(tx, *deal, draft),
        PatchDeal { deal, patch } => {
            let draft = patch.applied_to(&deal_of(tx.ws, *deal)?.draft());
            edit_deal(tx, *deal, &draft)
        }
        DeleteDeal { deal } => {
            let stage = deal_of(tx.ws, *deal)?.stage;
            tx.column_remove(stage, *deal);
            tx.remove_deal(*deal);
            Ok(Outcome::Done)
        }
        MoveDeal {
            deal,
            to_stage,
            index,
            confirm_unfinished,
            loss_reason,
            at,
        } => move_deal(
            tx,
            *deal,
            *to_stage,
            *index,
            *confirm_unfinished,
            loss_reason.as_deref(),
            *at,
        ),
        CompleteTaskAndMove {
            deal,
            to_stage,
            index,
            loss_reason,
            at,
        } => {
            let stage = deal_of(tx.ws, *deal)?.stage;
            edit_task(tx, *deal, stage, |task, _| {
                task.done = true;
                Ok(())
            })?;
            move_deal(
                tx,
                *deal,
                *to_stage,
                *index,
                false,
                loss_reason.as_deref(),
                *at,
            )
        }
        SetTaskDone { deal, stage, done } => edit_task(tx, *deal, *stage, |task, _| {
            task.done = *done;
            Ok(())
        }),
        RescheduleTask { deal, stage, due } => edit_task(tx, *deal, *stage, |task, _| {
            task.due = *due;
            Ok(())
        }),
        SetChecklistItem {
            deal,
            stage,
            item,
            checked,
        } => edit_task(tx, *deal, *stage, |task, items| {
            if !items.iter().any(|i| i == item) {
                return Err(DomainError::UnknownChecklistItem);
            }
            task.checked.retain(|i| i != item);
            if *checked {
                task.checked.push(item.clone());
            }
            Ok(())
        }),
        SetPlan {
            employee,
            period,
            target,
        } => {
            let e = employee_of(tx.ws, *employee)?;
            if !period.is_valid() {
                return Err(DomainError::InvalidPeriod);
            }
            if let Some(t) = target {
                validate::amount(Field::PlanAmount, t.amount)?;
                if !e.active {
                    return Err(DomainError::EmployeeInactive(*employee));
                }
            }
            tx.set_plan(*employee, *period, *target);
            Ok(Outcome::Done)
        }
        SetLossReasons { reasons } => {
            let mut clean: Vec<String> = Vec::with_capacity(reasons.len());
            for reason in reasons {
                let r = validate::name(Field::LossReason, reason)?;
                if clean.iter().any(|c| crate::text::same_folded(c, &r)) {
                    return Err(DomainError::DuplicateLossReason);
                }
                clean.push(r);
            }
            tx.set_loss_reasons(clean);
            Ok(Outcome::Done)
        }
        SetCompany { requisites } => {
            let company = validate::requisites(requisites)?;
            tx.set_company(company);
            Ok(Outcome::Done)
        }
        ImportDeals(batch) => super::import::import_deals(tx, batch),
    }
}

fn edit_direction(
    tx: &mut Tx,
    id: DirectionId,
    change: impl FnOnce(&mut Direction),
) -> DomainResult<Outcome> {
    let mut direction = direction_of(tx.ws, id)?.clone();
    change(&mut direction);
    tx.put_direction(direction);
    Ok(Outcome::Done)
}

fn reorder_direction(tx: &mut Tx, id: DirectionId, index: usize) -> DomainResult<Outcome> {
    direction_of(tx.ws, id)?;
    let mut order = tx.ws.direction_order.clone();
    if index >= order.len() {
        return Err(DomainError::PositionOutOfRange {
            index,
            len: order.len() - 1,
        });
    }
    order.retain(|&d| d != id);
    order.insert(index, id);
    tx.set_direction_order(order);
    Ok(Outcome::Done)
}

fn delete_direction(
    tx: &mut Tx,
    id: DirectionId,
    target: Option<&DirectionMapping>,
    at: Stamp,
) -> DomainResult<Outcome> {
    let direction = direction_of(tx.ws, id)?.clone();
    let count = tx.ws.deals_in_direction(id);
    let mut moved = 0;
    if count > 0 {
        let mapping = target.ok_or(DomainError::DirectionHoldsDeals {
            direction: id,
            count,
        })?;
        let to = direction_of(tx.ws, mapping.direction)
            .ok()
            .filter(|d| d.id != id)
            .ok_or(DomainError::BadTargetDirection(mapping.direction))?;
        if to.archived {
            return Err(DomainError::DirectionArchived(to.id));
        }
        // Check the whole mapping before moving anything.
        let mut plan = Vec::new();
        for stage in &direction.stages {
            if tx.ws.column(stage.id).is_empty() {
                continue;
            }
            let (_, target_stage) = mapping
                .stages
                .iter()
                .find(|(from, _)| *from == stage.id)
                .ok_or(DomainError::UnmappedStage(stage.id))?;
            if to.stage(*target_stage).is_none() {
                return Err(DomainError::BadTargetStage(*target_stage));
            }
            plan.push((stage.id, *target_stage));
        }
        for (from, to_stage) in plan {
            for deal in tx.ws.column(from).to_vec() {
                let end = tx.ws.column(to_stage).len();
                relocate(tx, deal, to_stage, end, at, mapping.loss_reason.as_deref())?;
                moved += 1;
            }
        }
    }
    for stage in &direction.stages {
        tx.drop_column(stage.id);
    }
    tx.remove_direction(id);
    let order = tx
        .ws
        .direction_order
        .iter()
        .copied()
        .filter(|&d| d != id)
        .collect();
    tx.set_direction_order(order);
    Ok(Outcome::DealsMoved(moved))
}

fn edit_stage(tx: &mut Tx, id: StageId, spec: &StageSpec) -> DomainResult<Outcome> {
    let (direction, index) = stage_of(tx.ws, id)?;
    let mut direction = direction.clone();
    validate::stage_spec(spec)?;
    let old = &direction.stages[index];
    if old.kind != spec.kind {
        let count = tx.ws.column(id).len();
        if count > 0 {
            return Err(DomainError::KindChangeWithDeals { stage: id, count });
        }
    }
    direction.stages[index] = spec.clone().into_stage(id);
    validate::stage_order(direction.stages.iter().map(|s| s.kind))?;
    tx.put_direction(direction);
    Ok(Outcome::Done)
}

fn reorder_stage(tx: &mut Tx, id: StageId, index: usize) -> DomainResult<Outcome> {
    let (direction, from) = stage_of(tx.ws, id)?;
    let mut direction = direction.clone();
    if index >= direction.stages.len() {
        return Err(DomainError::PositionOutOfRange {
            index,
            len: direction.stages.len() - 1,
        });
    }
    let stage = direction.stages.remove(from);
    direction.stages.insert(index, stage);
    validate::stage_order(direction.stages.iter().map(|s| s.kind))?;
    tx.put_direction(direction);
    Ok(Outcome::Done)
}

fn delete_stage(
    tx: &mut Tx,
    id: StageId,
    move_to: Option<StageId>,
    loss_reason: Option<&str>,
    at: Stamp,
) -> DomainResult<Outcome> {
    let (direction, index) = stage_of(tx.ws, id)?;
    let mut direction = direction.clone();
    direction.stages.remove(index);
    validate::stage_order(direction.stages.iter().map(|s| s.kind))?;
    let deals = tx.ws.column(id).to_vec();
    if !deals.is_empty() {
        let target = move_to.ok_or(DomainError::StageHoldsDeals {
            stage: id,
            count: deals.len(),
        })?;
        if target == id || direction.stage(target).is_none() {
            return Err(DomainError::BadTargetStage(target));
        }
        for &deal in &deals {
            let end = tx.ws.column(target).len();
            relocate(tx, deal, target, end, at, loss_reason)?;
        }
    }
    tx.put_direction(direction);
    tx.drop_column(id);
    Ok(Outcome::DealsMoved(deals.len()))
}

fn create_deal(tx: &mut Tx, draft: &DealDraft, stage: StageId, at: Stamp) -> DomainResult<Outcome> {
    let title = check_draft(draft)?;
    if tx.ws.deal_count() >= validate::MAX_DEALS {
        return Err(DomainError::TooManyDeals);
    }
    let owner = draft.owner.ok_or(DomainError::Empty(Field::DealOwner))?;
    if !employee_of(tx.ws, owner)?.active {
        return Err(DomainError::EmployeeInactive(owner));
    }
    let (direction, index) = stage_of(tx.ws, stage)?;
    if direction.archived {
        return Err(DomainError::DirectionArchived(direction.id));
    }
    let kind = direction.stages[index].kind;
    let loss_reason = match kind {
        StageKind::Lost => Some(validate::loss_reason(draft.loss_reason.as_deref())?),
        _ => None,
    };
    let tasks = task_state_on_entry(direction, stage, at)
        .into_iter()
        .collect();
    let direction_id = direction.id;
    let id = DealId(tx.alloc_id());
    tx.put_deal(Deal {
        id,
        title,
        client: trimmed_client(draft),
        amount: draft.amount,
        owner,
        direction: direction_id,
        stage,
        created_at: at,
        expected_close: draft.expected_close,
        closed_at: kind.is_closed().then_some(at),
        loss_reason,
        nps: draft.nps,
        notes: draft.notes.trim_end().to_string(),
        tasks,
        history: vec![StageChange {
            from: None,
            to: stage,
            at,
        }],
        source: None,
    });
    tx.column_insert(stage, 0, id);
    Ok(Outcome::DealCreated(id))
}

fn edit_deal(tx: &mut Tx, id: DealId, draft: &DealDraft) -> DomainResult<Outcome> {
    let title = check_draft(draft)?;
    let mut deal = deal_of(tx.ws, id)?.clone();
    let owner = draft.owner.ok_or(DomainError::Empty(Field::DealOwner))?;
    let employee = employee_of(tx.ws, owner)?;
    if owner != deal.owner && !employee.active {
        return Err(DomainError::EmployeeInactive(owner));
    }
    let (direction, index) = stage_of(tx.ws, deal.stage)?;
    if direction.stages[index].kind == StageKind::Lost {
        deal.loss_reason = Some(validate::loss_reason(draft.loss_reason.as_deref())?);
    }
    deal.title = title;
    deal.client = trimmed_client(draft);
    deal.amount = draft.amount;
    deal.owner = owner;
    deal.expected_close = draft.expected_close;
    deal.nps = draft.nps;
    deal.notes = draft.notes.trim_end().to_string();
    tx.put_deal(deal);
    Ok(Outcome::Done)
}

fn move_deal(
    tx: &mut Tx,
    id: DealId,
    to: StageId,
    index: usize,
    confirm_unfinished: bool,
    loss_reason: Option<&str>,
    at: Stamp,
) -> DomainResult<Outcome> {
    let deal = deal_of(tx.ws, id)?;
    let (from_direction, from_index) = stage_of(tx.ws, deal.stage)?;
    let (to_direction, to_index) = stage_of(tx.ws, to)?;
    for d in [from_direction, to_direction] {
        if d.archived {
            return Err(DomainError::DirectionArchived(d.id));
        }
    }
    let len = tx.ws.column(to).len() - usize::from(deal.stage == to);
    if index > len {
        return Err(DomainError::PositionOutOfRange { index, len });
    }
    let from_stage = &from_direction.stages[from_index];
    let to_kind = to_direction.stages[to_index].kind;
    let forward = from_direction.id == to_direction.id
        && from_stage.kind == StageKind::Open
        && (to_kind == StageKind::Won || (to_kind == StageKind::Open && to_index > from_index));
    let task_open = from_stage.task.is_some() && !deal.task(from_stage.id).is_some_and(|t| t.done);
    if forward && task_open && !confirm_unfinished {
        return Err(DomainError::TaskNotDone {
            deal: id,
            stage: from_stage.id,
        });
    }
    relocate(tx, id, to, index, at, loss_reason)?;
    Ok(Outcome::DealsMoved(1))
}

/// Puts a deal at `index` of `to`, recording the change and applying the rules of the stage
/// kinds: a won stage sets the close date, a lost one needs a reason, an open one reopens.
fn relocate(
    tx: &mut Tx,
    id: DealId,
    to: StageId,
    index: usize,
    at: Stamp,
    loss_reason: Option<&str>,
) -> DomainResult<()> {
    let mut deal = deal_of(tx.ws, id)?.clone();
    // Never before the deal's last step: in a team, two browsers' clocks may be minutes
    // apart, and a move stamped before the creation it follows would give negative stays.
    let at = at.max(deal.history.last().map_or(deal.created_at, |h| h.at));
    let from_kind = tx
        .ws
        .stage(deal.stage)
        .map_or(StageKind::Open, |(_, s)| s.kind);
    let (to_direction, to_stage) = tx.ws.stage(to).ok_or(DomainError::UnknownStage(to))?;
    let to_kind = to_stage.kind;
    match to_kind {
        StageKind::Open => {
            deal.closed_at = None;
            deal.loss_reason = None;
        }
        StageKind::Won => {
            if from_kind != StageKind::Won {
                deal.closed_at = Some(at);
            }
            deal.loss_reason = None;
        }
        StageKind::Lost => {
            let kept = deal
                .loss_reason
                .as_deref()
                .filter(|_| from_kind == StageKind::Lost);
            deal.loss_reason = Some(validate::loss_reason(loss_reason.or(kept))?);
            if from_kind != StageKind::Lost {
                deal.closed_at = Some(at);
            }
        }
    }
    if deal.stage != to {
        deal.history.push(StageChange {
            from: Some(deal.stage),
            to,
            at,
        });
        if deal.task(to).is_none() {
            deal.tasks.extend(task_state_on_entry(to_direction, to, at));
        }
    }
    let old_stage = deal.stage;
    deal.direction = to_direction.id;
    deal.stage = to;
    tx.column_remove(old_stage, id);
    tx.column_insert(to, index, id);
    tx.put_deal(deal);
    Ok(())
}

fn edit_task(
    tx: &mut Tx,
    id: DealId,
    stage: StageId,
    change: impl FnOnce(&mut TaskState, &[String]) -> DomainResult<()>,
) -> DomainResult<Outcome> {
    let mut deal = deal_of(tx.ws, id)?.clone();
    let (direction, index) = stage_of(tx.ws, stage)?;
    let task = direction.stages[index]
        .task
        .as_ref()
        .ok_or(DomainError::NoTask(stage))?;
    if deal.task(stage).is_none() {
        deal.tasks.push(TaskState {
            stage,
            done: false,
            checked: Vec::new(),
            due: None,
        });
    }
    let items = task.checklist.clone();
    let state = deal.task_mut(stage).expect("task state was just ensured");
    change(state, &items)?;
    tx.put_deal(deal);
    Ok(Outcome::Done)
}
