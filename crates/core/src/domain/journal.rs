//! The change journal: every mutation of a workspace goes through a [`Tx`], which records
//! the minimal inverse of each step. Reverting the record restores the exact previous
//! workspace, which gives atomic commands (a refused command leaves nothing behind) and
//! cheap undo (a move records a few ids, not a copy of the board).

use super::deal::Deal;
use super::direction::Direction;
use super::employee::Employee;
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::period::Period;
use super::plan::PlanTarget;
use super::workspace::Workspace;

/// One recorded step, holding what is needed to undo it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Undo {
    /// A deal was written or removed; holds its previous value.
    Deal(DealId, Option<Box<Deal>>),
    /// A direction was written or removed; holds its previous value.
    Direction(DirectionId, Option<Box<Direction>>),
    /// An employee was written; holds the previous value.
    Employee(EmployeeId, Option<Employee>),
    /// A plan was set or cleared; holds the previous value.
    Plan(EmployeeId, Period, Option<PlanTarget>),
    /// A deal was inserted into a column at this index.
    ColumnInserted(StageId, usize),
    /// This many deals were put at the top of a column.
    ColumnPrepended(StageId, usize),
    /// A deal was removed from a column at this index.
    ColumnRemoved(StageId, usize, DealId),
    /// An (empty) column was created for a new stage.
    ColumnCreated(StageId),
    /// An empty column was dropped with its stage, which belonged to this direction.
    ColumnDropped(StageId, DirectionId),
    /// The direction order was replaced.
    DirectionOrder(Vec<DirectionId>),
    /// The loss reasons were replaced.
    LossReasons(Vec<String>),
    /// The company's requisites were replaced.
    Company(Box<super::documents::party::Requisites>),
    /// The id counter moved on from this value.
    NextId(u32),
}

/// The journal of one applied command: apply it backwards to undo the command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeLog(pub(crate) Vec<Undo>);

impl ChangeLog {
    /// Number of recorded steps.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the command changed nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Drops the id counter's step: reverting then never sets the counter back.
    pub fn forget_counter(&mut self) {
        self.0.retain(|u| !matches!(u, Undo::NextId(_)));
    }

    /// The deals the command wrote, created or removed (for saving only what changed).
    pub fn touched_deals(&self) -> impl Iterator<Item = DealId> + '_ {
        self.0.iter().filter_map(|u| match u {
            Undo::Deal(id, _) => Some(*id),
            _ => None,
        })
    }
}

/// A transaction over a workspace: the only way handlers mutate it.
pub(crate) struct Tx<'a> {
    pub(crate) ws: &'a mut Workspace,
    log: Vec<Undo>,
}

impl<'a> Tx<'a> {
    pub(crate) fn new(ws: &'a mut Workspace) -> Tx<'a> {
        Tx {
            ws,
            log: Vec::new(),
        }
    }

    /// Keeps the changes and hands back their journal.
    pub(crate) fn commit(self) -> ChangeLog {
        ChangeLog(self.log)
    }

    /// Throws the changes away, restoring the workspace as it was.
    pub(crate) fn rollback(self) {
        revert(self.ws, ChangeLog(self.log));
    }

    pub(crate) fn alloc_id(&mut self) -> u32 {
        let counter = self.ws.next_id;
        let id = match self.ws.id_slot {
            Some(slot) => slot.first_from(counter),
            None => counter,
        };
        self.log.push(Undo::NextId(counter));
        self.ws.next_id = id + 1;
        id
    }

    pub(crate) fn put_deal(&mut self, deal: Deal) {
        let id = deal.id;
        let old = self.ws.replace_deal(id, Some(deal));
        self.log.push(Undo::Deal(id, old.map(Box::new)));
    }

    pub(crate) fn remove_deal(&mut self, id: DealId) -> Option<Deal> {
        let old = self.ws.replace_deal(id, None)?;
        self.log.push(Undo::Deal(id, Some(Box::new(old.clone()))));
        Some(old)
    }

    pub(crate) fn put_direction(&mut self, direction: Direction) {
        let id = direction.id;
        for stage in &direction.stages {
            self.ws.stage_direction.insert(stage.id, id);
        }
        let old = self.ws.directions.insert(id, direction);
        self.log.push(Undo::Direction(id, old.map(Box::new)));
    }

    pub(crate) fn remove_direction(&mut self, id: DirectionId) {
        if let Some(old) = self.ws.directions.remove(&id) {
            self.log.push(Undo::Direction(id, Some(Box::new(old))));
        }
    }

    pub(crate) fn put_employee(&mut self, employee: Employee) {
        let id = employee.id;
        let old = self.ws.employees.insert(id, employee);
        self.log.push(Undo::Employee(id, old));
    }

    pub(crate) fn set_plan(
        &mut self,
        employee: EmployeeId,
        period: Period,
        target: Option<PlanTarget>,
    ) {
        let old = match target {
            Some(t) => self.ws.plans.insert((employee, period), t),
            None => self.ws.plans.remove(&(employee, period)),
        };
        self.log.push(Undo::Plan(employee, period, old));
    }

    pub(crate) fn column_insert(&mut self, stage: StageId, index: usize, deal: DealId) {
        self.ws
            .columns
            .entry(stage)
            .or_default()
            .insert(index, deal);
        self.log.push(Undo::ColumnInserted(stage, index));
    }

    /// Puts `deals` at the top of the column of `stage`, in their order (one step for a
    /// whole import: inserting 100,000 deals one by one at the top would be quadratic).
    pub(crate) fn column_prepend(&mut self, stage: StageId, deals: Vec<DealId>) {
        let n = deals.len();
        let column = self.ws.columns.entry(stage).or_default();
        column.splice(0..0, deals);
        self.log.push(Undo::ColumnPrepended(stage, n));
    }

    /// Removes `deal` from the column of `stage`; returns where it was.
    pub(crate) fn column_remove(&mut self, stage: StageId, deal: DealId) -> Option<usize> {
        let column = self.ws.columns.get_mut(&stage)?;
        let index = column.iter().position(|&d| d == deal)?;
        column.remove(index);
        self.log.push(Undo::ColumnRemoved(stage, index, deal));
        Some(index)
    }

    pub(crate) fn create_column(&mut self, stage: StageId) {
        self.ws.columns.insert(stage, Vec::new());
        self.log.push(Undo::ColumnCreated(stage));
    }

    /// Drops the (already emptied) column of a deleted stage.
    pub(crate) fn drop_column(&mut self, stage: StageId) {
        debug_assert!(
            self.ws.column(stage).is_empty(),
            "only empty columns are dropped"
        );
        self.ws.columns.remove(&stage);
        if let Some(direction) = self.ws.stage_direction.remove(&stage) {
            self.log.push(Undo::ColumnDropped(stage, direction));
        }
    }

    pub(crate) fn set_direction_order(&mut self, order: Vec<DirectionId>) {
        let old = std::mem::replace(&mut self.ws.direction_order, order);
        self.log.push(Undo::DirectionOrder(old));
    }

    pub(crate) fn set_loss_reasons(&mut self, reasons: Vec<String>) {
        let old = std::mem::replace(&mut self.ws.loss_reasons, reasons);
        self.log.push(Undo::LossReasons(old));
    }

    pub(crate) fn set_company(&mut self, company: super::documents::party::Requisites) {
        let old = std::mem::replace(&mut self.ws.company, company);
        self.log.push(Undo::Company(Box::new(old)));
    }
}

/// Undoes a journal: applies its steps backwards.
pub(crate) fn revert(ws: &mut Workspace, log: ChangeLog) {
    for step in log.0.into_iter().rev() {
        match step {
            Undo::Deal(id, old) => {
                ws.replace_deal(id, old.map(|d| *d));
            }
            Undo::Direction(id, old) => {
                if let Some(current) = ws.directions.remove(&id) {
                    for stage in &current.stages {
                        ws.stage_direction.remove(&stage.id);
                    }
                }
                if let Some(direction) = old {
                    for stage in &direction.stages {
                        ws.stage_direction.insert(stage.id, id);
                    }
                    ws.directions.insert(id, *direction);
                }
            }
            Undo::Employee(id, old) => match old {
                Some(e) => {
                    ws.employees.insert(id, e);
                }
                None => {
                    ws.employees.remove(&id);
                }
            },
            Undo::Plan(employee, period, old) => match old {
                Some(t) => {
                    ws.plans.insert((employee, period), t);
                }
                None => {
                    ws.plans.remove(&(employee, period));
                }
            },
            Undo::ColumnInserted(stage, index) => {
                if let Some(column) = ws.columns.get_mut(&stage) {
                    column.remove(index);
                }
            }
            Undo::ColumnPrepended(stage, n) => {
                if let Some(column) = ws.columns.get_mut(&stage) {
                    column.drain(..n.min(column.len()));
                }
            }
            Undo::ColumnRemoved(stage, index, deal) => {
                ws.columns.entry(stage).or_default().insert(index, deal);
            }
            Undo::ColumnCreated(stage) => {
                ws.columns.remove(&stage);
            }
            Undo::ColumnDropped(stage, direction) => {
                ws.columns.insert(stage, Vec::new());
                ws.stage_direction.insert(stage, direction);
            }
            Undo::DirectionOrder(order) => ws.direction_order = order,
            Undo::LossReasons(reasons) => ws.loss_reasons = reasons,
            Undo::Company(company) => ws.company = *company,
            Undo::NextId(id) => ws.next_id = id,
        }
    }
}
