//! Replaying this tab's unsaved changes over newer data saved by another tab: commands are
//! applied again; an undo is reverted again only where the other tab left untouched what it
//! reverts (its [`Footprint`]), so it never overwrites the other tab's work. What cannot be
//! replayed is reported, never dropped silently.

use super::command::Command;
use super::deal::Deal;
use super::direction::Direction;
use super::employee::Employee;
use super::error::DomainError;
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::journal::{ChangeLog, Undo};
use super::period::Period;
use super::plan::PlanTarget;
use super::workspace::Workspace;
use std::collections::BTreeSet;

/// The current values of everything a change journal touched.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Footprint {
    deals: Vec<(DealId, Option<Deal>)>,
    directions: Vec<(DirectionId, Option<Direction>)>,
    employees: Vec<(EmployeeId, Option<Employee>)>,
    plans: Vec<((EmployeeId, Period), Option<PlanTarget>)>,
    columns: Vec<(StageId, Option<Vec<DealId>>)>,
    order: Option<Vec<DirectionId>>,
    reasons: Option<Vec<String>>,
    company: Option<Box<super::documents::party::Requisites>>,
}

impl Workspace {
    /// What `log` touched, as it is now in this workspace.
    pub fn footprint(&self, log: &ChangeLog) -> Footprint {
        let mut deals = BTreeSet::new();
        let mut directions = BTreeSet::new();
        let mut employees = BTreeSet::new();
        let mut plans = BTreeSet::new();
        let mut columns = BTreeSet::new();
        let (mut order, mut reasons, mut company) = (false, false, false);
        for step in &log.0 {
            match step {
                Undo::Deal(id, _) => {
                    deals.insert(*id);
                }
                Undo::Direction(id, _) => {
                    directions.insert(*id);
                }
                Undo::Employee(id, _) => {
                    employees.insert(*id);
                }
                Undo::Plan(e, p, _) => {
                    plans.insert((*e, *p));
                }
                Undo::ColumnInserted(s, _)
                | Undo::ColumnPrepended(s, _)
                | Undo::ColumnRemoved(s, _, _)
                | Undo::ColumnCreated(s)
                | Undo::ColumnDropped(s, _) => {
                    columns.insert(*s);
                }
                Undo::DirectionOrder(_) => order = true,
                Undo::LossReasons(_) => reasons = true,
                Undo::Company(_) => company = true,
                Undo::NextId(_) => {}
            }
        }
        Footprint {
            deals: deals
                .into_iter()
                .map(|id| (id, self.deals.get(&id).cloned()))
                .collect(),
            directions: directions
                .into_iter()
                .map(|id| (id, self.directions.get(&id).cloned()))
                .collect(),
            employees: employees
                .into_iter()
                .map(|id| (id, self.employees.get(&id).cloned()))
                .collect(),
            plans: plans
                .into_iter()
                .map(|k| (k, self.plans.get(&k).copied()))
                .collect(),
            columns: columns
                .into_iter()
                .map(|s| (s, self.columns.get(&s).cloned()))
                .collect(),
            order: order.then(|| self.direction_order.clone()),
            reasons: reasons.then(|| self.loss_reasons.clone()),
            company: company.then(|| Box::new(self.company.clone())),
        }
    }
}

/// One unsaved change of this tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A command (also a redo).
    Apply(Command),
    /// An undo of `command`: its journal, and what it touched as the undo found it.
    Undo {
        /// The command undone.
        command: Command,
        /// Its journal (before-images).
        log: ChangeLog,
        /// What the journal touched, just before the undo.
        after: Footprint,
    },
}

impl Change {
    /// The command this change applies or undoes.
    pub fn command(&self) -> &Command {
        match self {
            Change::Apply(c) | Change::Undo { command: c, .. } => c,
        }
    }

    /// Applies the change again to newer data. Refused when the command is refused there, or
    /// when what an undo would revert was changed by the other tab. Returns the deals it
    /// touched.
    pub fn replay(&self, ws: &mut Workspace) -> Result<Vec<DealId>, DomainError> {
        match self {
            Change::Apply(command) => ws
                .apply_logged(command)
                .map(|(_, log)| log.touched_deals().collect()),
            Change::Undo { log, after, .. } => {
                if ws.footprint(log) != *after {
                    return Err(DomainError::ChangedElsewhere);
                }
                let touched = log.touched_deals().collect();
                // The id counter never goes back: the other tab may have used those ids.
                let next_id = ws.next_id;
                ws.revert(log.clone());
                ws.next_id = ws.next_id.max(next_id);
                Ok(touched)
            }
        }
    }
}

impl Command {
    /// The name of what this command changes (a deal's title, a direction's, a stage's or an
    /// employee's name), as `ws` has it: to tell the user which change was not applied.
    pub fn subject(&self, ws: &Workspace) -> Option<String> {
        use Command::*;
        let deal = |id: &DealId| ws.deal(*id).map(|d| d.title.clone());
        let direction = |id: &DirectionId| ws.direction(*id).map(|d| d.name.clone());
        let stage = |id: &StageId| ws.stage(*id).map(|(_, s)| s.name.clone());
        let employee = |id: &EmployeeId| ws.employee(*id).map(|e| e.name.clone());
        match self {
            CreateDirection { name, .. } => Some(name.clone()),
            RenameDirection { direction: d, .. }
            | DescribeDirection { direction: d, .. }
            | ClassifyDirection { direction: d, .. }
            | ReorderDirection { direction: d, .. }
            | ArchiveDirection { direction: d, .. }
            | DeleteDirection { direction: d, .. }
            | AddStage { direction: d, .. } => direction(d),
            EditStage { stage: s, .. }
            | ReorderStage { stage: s, .. }
            | DeleteStage { stage: s, .. } => stage(s),
            AddEmployee { name } => Some(name.clone()),
            RenameEmployee { employee: e, .. }
            | SetEmployeeActive { employee: e, .. }
            | SetPlan { employee: e, .. } => employee(e),
            CreateDeal { draft, .. } => Some(draft.title.clone()),
            EditDeal { deal: d, .. }
            | PatchDeal { deal: d, .. }
            | DeleteDeal { deal: d }
            | MoveDeal { deal: d, .. }
            | CompleteTaskAndMove { deal: d, .. }
            | SetTaskDone { deal: d, .. }
            | RescheduleTask { deal: d, .. }
            | SetChecklistItem { deal: d, .. } => deal(d),
            CreateDirectionFromTemplate { .. }
            | SetLossReasons { .. }
            | SetCompany { .. }
            | ImportDeals(_) => None,
        }
    }
}
