//! The lookups and checks that commands share (and the import with them): an entity by id or
//! the error naming it, a name that must be unique, a deal's draft checked and trimmed.

use super::deal::{Client, Deal, DealDraft};
use super::direction::Direction;
use super::employee::Employee;
use super::error::{DomainError, DomainResult, Field};
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::validate::{self, MAX_NAME, MAX_TEXT};
use super::workspace::Workspace;

pub(super) fn employee_of(ws: &Workspace, id: EmployeeId) -> DomainResult<&Employee> {
    ws.employees
        .get(&id)
        .ok_or(DomainError::UnknownEmployee(id))
}

pub(super) fn deal_of(ws: &Workspace, id: DealId) -> DomainResult<&Deal> {
    ws.deals.get(&id).ok_or(DomainError::UnknownDeal(id))
}

pub(super) fn direction_of(ws: &Workspace, id: DirectionId) -> DomainResult<&Direction> {
    ws.directions
        .get(&id)
        .ok_or(DomainError::UnknownDirection(id))
}

pub(super) fn stage_of(ws: &Workspace, id: StageId) -> DomainResult<(&Direction, usize)> {
    let (direction, _) = ws.stage(id).ok_or(DomainError::UnknownStage(id))?;
    let index = direction
        .stage_index(id)
        .ok_or(DomainError::UnknownStage(id))?;
    Ok((direction, index))
}

pub(super) fn ensure_unique_direction_name(
    ws: &Workspace,
    name: &str,
    except: Option<DirectionId>,
) -> DomainResult<()> {
    let taken = ws
        .directions
        .values()
        .any(|d| Some(d.id) != except && crate::text::same_folded(&d.name, name));
    if taken {
        Err(DomainError::DuplicateDirectionName)
    } else {
        Ok(())
    }
}

pub(super) fn ensure_unique_employee_name(
    ws: &Workspace,
    name: &str,
    except: Option<EmployeeId>,
) -> DomainResult<()> {
    let taken = ws
        .employees
        .values()
        .any(|e| Some(e.id) != except && crate::text::same_folded(&e.name, name));
    if taken {
        Err(DomainError::DuplicateEmployeeName)
    } else {
        Ok(())
    }
}

/// `base`, or `base (2)`, `base (3)`… — the first name no direction has yet.
pub(super) fn unique_direction_name(ws: &Workspace, base: &str) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while ensure_unique_direction_name(ws, &name, None).is_err() {
        name = format!("{base} ({n})");
        n += 1;
    }
    name
}

pub(super) fn check_draft(draft: &DealDraft) -> DomainResult<String> {
    let title = validate::name(Field::DealTitle, &draft.title)?;
    validate::amount(Field::DealAmount, draft.amount)?;
    validate::max_len(Field::ClientCompany, draft.client.company.trim(), MAX_NAME)?;
    validate::max_len(Field::ClientContact, draft.client.contact.trim(), MAX_NAME)?;
    validate::phone(&draft.client.phone)?;
    validate::email(&draft.client.email)?;
    if draft.nps.is_some_and(|n| n > 10) {
        return Err(DomainError::Invalid(Field::DealNps));
    }
    validate::max_len(Field::Notes, &draft.notes, MAX_TEXT)?;
    Ok(title)
}

pub(super) fn trimmed_client(draft: &DealDraft) -> Client {
    let c = &draft.client;
    Client {
        company: c.company.trim().to_string(),
        contact: c.contact.trim().to_string(),
        phone: c.phone.trim().to_string(),
        email: c.email.trim().to_string(),
    }
}
