//! The workspace as plain data, for files and storage, and its full validation on the way in:
//! every problem is reported with the path of the offending value (`deals[12].stage`).

use super::deal::Deal;
use super::direction::Direction;
use super::documents::party::{RequisiteField, Requisites};
use super::employee::Employee;
use super::error::Field;
use super::ids::{DirectionId, EmployeeId, StageId};
use super::money::{Currency, Money};
use super::period::Period;
use super::plan::PlanTarget;
use super::stage::StageKind;
use super::validate;
use super::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One plan set by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRecord {
    /// Whose plan.
    pub employee: EmployeeId,
    /// For which period.
    pub period: Period,
    /// Target amount, minor units.
    pub amount: Money,
    /// Target number of won deals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deals: Option<u32>,
}

/// Everything in a workspace, as plain data. Directions are listed in the user's order; deals
/// in column order (by direction, stage, then position in the column): a deal's position is
/// its place among the deals of its stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceData {
    /// Currency of every amount.
    pub currency: Currency,
    /// Loss reasons offered when a deal is lost.
    #[serde(default)]
    pub loss_reasons: Vec<String>,
    /// The workspace's own company (absent until its requisites are entered).
    #[serde(default, skip_serializing_if = "Requisites::is_empty")]
    pub company: Requisites,
    /// Employees.
    #[serde(default)]
    pub employees: Vec<Employee>,
    /// Directions with their stages.
    #[serde(default)]
    pub directions: Vec<Direction>,
    /// Deals.
    #[serde(default)]
    pub deals: Vec<Deal>,
    /// Plans set by hand.
    #[serde(default)]
    pub plans: Vec<PlanRecord>,
    /// The next id to hand out; greater than every id used.
    pub next_id: u32,
    /// The ids this browser hands out as one of a team's; absent outside a team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_slot: Option<super::ids::IdSlot>,
}

/// What is wrong with a value in imported or stored data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataProblem {
    /// An id used twice.
    DuplicateId,
    /// A name that must be unique is not.
    DuplicateName,
    /// A required text is empty.
    Empty,
    /// A text is too long.
    TooLong,
    /// A value out of range or of the wrong form.
    Invalid,
    /// An amount below zero.
    NegativeAmount,
    /// An amount above the limit (`validate::MAX_AMOUNT`).
    TooLarge,
    /// More deals than a workspace holds (`validate::MAX_DEALS`).
    TooManyDeals,
    /// No stage with this id.
    UnknownStage,
    /// No direction with this id.
    UnknownDirection,
    /// No employee with this id.
    UnknownEmployee,
    /// The stage is not one of the deal's direction.
    StageOfAnotherDirection,
    /// A direction lacks a stage of this kind.
    MissingStageKind(StageKind),
    /// Won or lost stages before open ones.
    ClosedStagesNotLast,
    /// A closed deal without a close date, or an open one with it.
    CloseDateMismatch,
    /// A lost deal without a reason, or a reason on a deal that is not lost.
    LossReasonMismatch,
    /// Two plans for the same employee and period.
    DuplicatePlan,
    /// The id counter is not above every id.
    CounterTooLow,
}

/// A problem and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// Path of the value, e.g. `deals[12].stage`.
    pub path: String,
    /// What is wrong.
    pub problem: DataProblem,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.path, self.problem)
    }
}

fn err<T>(path: impl Into<String>, problem: DataProblem) -> Result<T, DataError> {
    Err(DataError {
        path: path.into(),
        problem,
    })
}

/// Checks a name; `path` is only formatted when something is wrong (10,000 deals are checked
/// on every load, and formatting each path would cost more than the checks).
fn check_name(path: impl FnOnce() -> String, value: &str) -> Result<(), DataError> {
    match validate::name(Field::DealTitle, value) {
        Ok(trimmed) if trimmed == value => Ok(()),
        Ok(_) => err(path(), DataProblem::Invalid),
        Err(super::DomainError::Empty(_)) => err(path(), DataProblem::Empty),
        Err(_) => err(path(), DataProblem::TooLong),
    }
}

/// Checks the company's requisites as [`validate::requisites`] does, and that they are kept
/// as it keeps them.
fn check_company(company: &Requisites) -> Result<(), DataError> {
    let path = |field: RequisiteField| format!("company.{}", field.key());
    match validate::requisites(company) {
        Ok(clean) if &clean == company => Ok(()),
        Ok(clean) => {
            let (field, _) = clean
                .fields()
                .into_iter()
                .zip(company.fields())
                .find(|((_, a), (_, b))| a != b)
                .map(|(a, _)| a)
                .unwrap_or((RequisiteField::Name, ""));
            err(path(field), DataProblem::Invalid)
        }
        Err(super::DomainError::TooLong {
            field: Field::Requisite(field),
            ..
        }) => err(path(field), DataProblem::TooLong),
        Err(super::DomainError::Requisite { field, .. })
        | Err(super::DomainError::Invalid(Field::Requisite(field))) => {
            err(path(field), DataProblem::Invalid)
        }
        Err(_) => err("company", DataProblem::Invalid),
    }
}

impl Workspace {
    /// The workspace as plain data (directions in order, deals in column order).
    pub fn to_data(&self) -> WorkspaceData {
        let mut data = self.structure_data();
        data.deals = self
            .columns_in_order()
            .into_iter()
            .flat_map(|(_, ids)| ids)
            .filter_map(|id| self.deals.get(&id).cloned())
            .collect();
        data
    }

    /// Builds a workspace from plain data, checking every rule first. The first problem found
    /// is returned with its path; nothing is half-built.
    pub fn from_data(data: WorkspaceData) -> Result<Workspace, DataError> {
        let mut ids: HashSet<u32> = HashSet::new();
        let mut claim = |id: u32, path: &dyn Fn() -> String| -> Result<(), DataError> {
            if id >= data.next_id {
                return err(path(), DataProblem::CounterTooLow);
            }
            if !ids.insert(id) {
                return err(path(), DataProblem::DuplicateId);
            }
            Ok(())
        };
        let mut reasons: HashSet<String> = HashSet::new();
        for (i, reason) in data.loss_reasons.iter().enumerate() {
            check_name(|| format!("loss_reasons[{i}]"), reason)?;
            if !reasons.insert(crate::text::fold_case(reason)) {
                return err(format!("loss_reasons[{i}]"), DataProblem::DuplicateName);
            }
        }
        check_company(&data.company)?;
        let mut names: HashSet<String> = HashSet::new();
        for (i, e) in data.employees.iter().enumerate() {
            claim(e.id.0, &|| format!("employees[{i}].id"))?;
            check_name(|| format!("employees[{i}].name"), &e.name)?;
            if !names.insert(crate::text::fold_case(&e.name)) {
                return err(format!("employees[{i}].name"), DataProblem::DuplicateName);
            }
        }
        let mut direction_names: HashSet<String> = HashSet::new();
        let mut stage_direction: HashMap<StageId, (DirectionId, StageKind)> = HashMap::new();
        for (i, d) in data.directions.iter().enumerate() {
            claim(d.id.0, &|| format!("directions[{i}].id"))?;
            check_name(|| format!("directions[{i}].name"), &d.name)?;
            if !direction_names.insert(crate::text::fold_case(&d.name)) {
                return err(format!("directions[{i}].name"), DataProblem::DuplicateName);
            }
            if validate::max_len(Field::Notes, &d.description, validate::MAX_TEXT).is_err() {
                return err(format!("directions[{i}].description"), DataProblem::TooLong);
            }
            for (j, s) in d.stages.iter().enumerate() {
                let path = format!("directions[{i}].stages[{j}]");
                claim(s.id.0, &|| format!("{path}.id"))?;
                if let Err(e) = validate::stage_spec(&s.spec()) {
                    let field = match e {
                        super::DomainError::Invalid(Field::StageColor) => "color",
                        super::DomainError::Invalid(Field::StageProbability) => "probability",
                        super::DomainError::Empty(_) => {
                            return err(format!("{path}.name"), DataProblem::Empty)
                        }
                        _ => "task",
                    };
                    return err(format!("{path}.{field}"), DataProblem::Invalid);
                }
                stage_direction.insert(s.id, (d.id, s.kind));
            }
            match validate::stage_order(d.stages.iter().map(|s| s.kind)) {
                Ok(()) => {}
                Err(super::DomainError::MissingStageKind(kind)) => {
                    return err(
                        format!("directions[{i}].stages"),
                        DataProblem::MissingStageKind(kind),
                    )
                }
                Err(_) => {
                    return err(
                        format!("directions[{i}].stages"),
                        DataProblem::ClosedStagesNotLast,
                    )
                }
            }
        }
        let employees: HashSet<EmployeeId> = data.employees.iter().map(|e| e.id).collect();
        if data.deals.len() > validate::MAX_DEALS {
            return err("deals".to_string(), DataProblem::TooManyDeals);
        }
        for (i, deal) in data.deals.iter().enumerate() {
            let path = |field: &str| format!("deals[{i}].{field}");
            claim(deal.id.0, &|| path("id"))?;
            check_deal(
                deal,
                &path,
                &|e| employees.contains(&e),
                &|d| data.directions.iter().any(|x| x.id == d),
                &|s| stage_direction.get(&s).copied(),
            )?;
        }
        let mut plans = std::collections::BTreeMap::new();
        for (i, p) in data.plans.iter().enumerate() {
            if !employees.contains(&p.employee) {
                return err(format!("plans[{i}].employee"), DataProblem::UnknownEmployee);
            }
            if !p.period.is_valid() {
                return err(format!("plans[{i}].period"), DataProblem::Invalid);
            }
            if p.amount < Money::ZERO {
                return err(format!("plans[{i}].amount"), DataProblem::NegativeAmount);
            }
            if p.amount.0 > validate::MAX_AMOUNT {
                return err(format!("plans[{i}].amount"), DataProblem::TooLarge);
            }
            let target = PlanTarget {
                amount: p.amount,
                deals: p.deals,
            };
            if plans.insert((p.employee, p.period), target).is_some() {
                return err(format!("plans[{i}]"), DataProblem::DuplicatePlan);
            }
        }

        let mut ws = Workspace {
            currency: data.currency,
            loss_reasons: data.loss_reasons,
            company: data.company,
            next_id: data.next_id,
            id_slot: data.id_slot,
            plans,
            ..Workspace::default()
        };
        for e in data.employees {
            ws.employees.insert(e.id, e);
        }
        for d in data.directions {
            for s in &d.stages {
                ws.columns.insert(s.id, Vec::new());
                ws.stage_direction.insert(s.id, d.id);
            }
            ws.direction_order.push(d.id);
            ws.directions.insert(d.id, d);
        }
        for deal in data.deals {
            ws.columns.entry(deal.stage).or_default().push(deal.id);
            ws.replace_deal(deal.id, Some(deal));
        }
        debug_assert!(ws.check_invariants().is_ok());
        Ok(ws)
    }
}

/// The largest id in use, for repairing a counter (used by migrations of old data).
pub fn max_id(data: &WorkspaceData) -> u32 {
    let employees = data.employees.iter().map(|e| e.id.0);
    let directions = data.directions.iter().map(|d| d.id.0);
    let stages = data
        .directions
        .iter()
        .flat_map(|d| d.stages.iter().map(|s| s.id.0));
    let deals = data.deals.iter().map(|d: &Deal| d.id.0);
    employees
        .chain(directions)
        .chain(stages)
        .chain(deals)
        .max()
        .unwrap_or(0)
}

impl Workspace {
    /// The workspace without its deals (for a storage manifest that keeps deals apart).
    pub fn structure_data(&self) -> WorkspaceData {
        WorkspaceData {
            currency: self.currency,
            loss_reasons: self.loss_reasons.clone(),
            company: self.company.clone(),
            employees: self.employees.values().cloned().collect(),
            directions: self.directions().cloned().collect(),
            deals: Vec::new(),
            plans: self
                .plans
                .iter()
                .map(|(&(employee, period), t)| PlanRecord {
                    employee,
                    period,
                    amount: t.amount,
                    deals: t.deals,
                })
                .collect(),
            next_id: self.next_id,
            id_slot: self.id_slot,
        }
    }

    /// Every column's deal ids in order, directions and stages in order.
    pub fn columns_in_order(&self) -> Vec<(StageId, Vec<super::ids::DealId>)> {
        self.directions()
            .flat_map(|d| d.stages.iter().map(|s| (s.id, self.column(s.id).to_vec())))
            .collect()
    }
}

/// The rules one deal keeps against the rest of a workspace (its id aside): a title, amounts
/// in range, the editor's limits, an owner, a direction and a stage of it that agrees with
/// its close date and loss reason. `path` names a field for the error.
pub(crate) fn check_deal(
    deal: &Deal,
    path: &dyn Fn(&str) -> String,
    has_employee: &dyn Fn(EmployeeId) -> bool,
    has_direction: &dyn Fn(DirectionId) -> bool,
    stage_of: &dyn Fn(StageId) -> Option<(DirectionId, StageKind)>,
) -> Result<(), DataError> {
    check_name(|| path("title"), &deal.title)?;
    if deal.amount < Money::ZERO {
        return err(path("amount"), DataProblem::NegativeAmount);
    }
    if deal.amount.0 > validate::MAX_AMOUNT {
        return err(path("amount"), DataProblem::TooLarge);
    }
    // The editor's limits, so an imported deal can always be edited and shown.
    let c = &deal.client;
    for (field, text) in [
        ("client.company", &c.company),
        ("client.contact", &c.contact),
    ] {
        if validate::max_len(Field::Notes, text.trim(), validate::MAX_NAME).is_err() {
            return err(path(field), DataProblem::TooLong);
        }
    }
    if validate::phone(&c.phone).is_err() {
        return err(path("client.phone"), DataProblem::Invalid);
    }
    if let Some(r) = &deal.loss_reason {
        if validate::max_len(Field::Notes, r.trim(), validate::MAX_NAME).is_err() {
            return err(path("loss_reason"), DataProblem::TooLong);
        }
    }
    if !has_employee(deal.owner) {
        return err(path("owner"), DataProblem::UnknownEmployee);
    }
    if !has_direction(deal.direction) {
        return err(path("direction"), DataProblem::UnknownDirection);
    }
    let Some((direction, kind)) = stage_of(deal.stage) else {
        return err(path("stage"), DataProblem::UnknownStage);
    };
    if direction != deal.direction {
        return err(path("stage"), DataProblem::StageOfAnotherDirection);
    }
    if kind.is_closed() != deal.closed_at.is_some() {
        return err(path("closed_at"), DataProblem::CloseDateMismatch);
    }
    if (kind == StageKind::Lost)
        != deal
            .loss_reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty())
    {
        return err(path("loss_reason"), DataProblem::LossReasonMismatch);
    }
    if deal.nps.is_some_and(|n| n > 10) {
        return err(path("nps"), DataProblem::Invalid);
    }
    if validate::email(&deal.client.email).is_err() {
        return err(path("client.email"), DataProblem::Invalid);
    }
    if validate::max_len(Field::Notes, &deal.notes, validate::MAX_TEXT).is_err() {
        return err(path("notes"), DataProblem::TooLong);
    }
    Ok(())
}
