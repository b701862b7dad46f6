//! Who may change what in a team, and the server's `validate_doc_update` that enforces it:
//! the head of sales changes everything; a rep creates deals, changes, moves and completes
//! the tasks of the deals they own (and takes unassigned ones), and nothing else. The app
//! installs the design document when it creates the team's database; the same rules here let
//! the views show what a rep cannot do as read-only.

use super::docs::TeamSettings;
use crate::domain::{Command, DealId, DraftField, EmployeeId, FieldValue, Workspace};
use serde_json::{json, Value};

/// The role of a head of sales (a database admin too).
pub const HEAD: &str = "voronka_head";
/// The role of a sales rep.
pub const REP: &str = "voronka_rep";

/// The design document's id.
pub const DESIGN_ID: &str = "_design/voronka";

/// What a signed-in user is in the team.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Changes everything.
    Head,
    /// Changes their own deals.
    Rep,
}

impl Role {
    /// The role a server session's roles give, if any.
    pub fn of(roles: &[String]) -> Option<Role> {
        if roles.iter().any(|r| r == HEAD || r == "_admin") {
            Some(Role::Head)
        } else if roles.iter().any(|r| r == REP) {
            Some(Role::Rep)
        } else {
            None
        }
    }
}

/// Why a write is refused: the `forbidden` reasons the design document throws.
pub mod reason {
    /// Not a member of the team.
    pub const NOT_A_MEMBER: &str = "voronka: not a member of the team";
    /// Only the head of sales changes the structure, employees and plans.
    pub const HEAD_ONLY: &str = "voronka: only the head of sales changes this";
    /// A rep changes only their own deals.
    pub const NOT_YOURS: &str = "voronka: another rep's deal";
    /// The document is not one of Voronka's.
    pub const UNKNOWN: &str = "voronka: not a document of this workspace";
}

/// Whether `user` with `role` may turn `old` into `new` (`None`: absent or deleted) for
/// document `id`: the same rules as [`VALIDATE_DOC_UPDATE`].
pub fn check(
    role: Option<Role>,
    user: &str,
    id: &str,
    old: Option<&Value>,
    new: Option<&Value>,
) -> Result<(), &'static str> {
    match role {
        Some(Role::Head) => Ok(()),
        None => Err(reason::NOT_A_MEMBER),
        Some(Role::Rep) => {
            if id.starts_with("slot:") {
                return if old.is_some() {
                    Err(reason::HEAD_ONLY)
                } else {
                    Ok(())
                };
            }
            if !id.starts_with("deal:") {
                return Err(reason::HEAD_ONLY);
            }
            let owner = |doc: Option<&Value>| {
                doc.and_then(|d| d.get("owner_user"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            };
            if old.is_some() && owner(old).is_some_and(|o| o != user) {
                return Err(reason::NOT_YOURS);
            }
            if new.is_some() && owner(new).as_deref() != Some(user) {
                return Err(reason::NOT_YOURS);
            }
            Ok(())
        }
    }
}

/// Whether `user` with `role` may apply `command` to `ws` in a team with `team`'s members: the
/// same rules the server's [`VALIDATE_DOC_UPDATE`] enforces, asked before the command is
/// applied, so that a rep is told at once instead of after a round trip to the server. A rep
/// changes a deal that is theirs and stays theirs (a deal whose owner signs in as nobody may be
/// taken by giving it to oneself); everything else is the head of sales'. `Err` is the reason
/// (one of [`reason`]).
pub fn permits(
    role: Option<Role>,
    user: &str,
    team: &TeamSettings,
    ws: &Workspace,
    command: &Command,
) -> Result<(), &'static str> {
    match role {
        Some(Role::Head) => return Ok(()),
        None => return Err(reason::NOT_A_MEMBER),
        Some(Role::Rep) => {}
    }
    let mine = |owner: Option<EmployeeId>| owner.is_some_and(|o| team.user_of(o) == Some(user));
    let owner_of = |deal: DealId| ws.deal(deal).map(|d| d.owner);
    // The deal as stored: another rep's is not to be touched.
    let takeable =
        |deal: DealId| owner_of(deal).is_none_or(|o| team.user_of(o).is_none_or(|u| u == user));
    let keeps_mine = |deal: DealId, new_owner: Option<EmployeeId>| {
        if !takeable(deal) {
            return Err(reason::NOT_YOURS);
        }
        if mine(new_owner.or_else(|| owner_of(deal))) {
            Ok(())
        } else {
            Err(reason::NOT_YOURS)
        }
    };
    match command {
        Command::CreateDeal { draft, .. } => {
            if mine(draft.owner) {
                Ok(())
            } else {
                Err(reason::NOT_YOURS)
            }
        }
        Command::EditDeal { deal, draft } => keeps_mine(*deal, draft.owner),
        Command::PatchDeal { deal, patch } => {
            let new_owner = patch
                .0
                .iter()
                .find_map(|(field, value)| match (field, value) {
                    (DraftField::Owner, FieldValue::Owner(owner)) => *owner,
                    _ => None,
                });
            keeps_mine(*deal, new_owner)
        }
        Command::DeleteDeal { deal } => {
            if takeable(*deal) {
                Ok(())
            } else {
                Err(reason::NOT_YOURS)
            }
        }
        Command::MoveDeal { deal, .. }
        | Command::CompleteTaskAndMove { deal, .. }
        | Command::SetTaskDone { deal, .. }
        | Command::SetChecklistItem { deal, .. }
        | Command::RescheduleTask { deal, .. } => keeps_mine(*deal, None),
        _ => Err(reason::HEAD_ONLY),
    }
}

/// The server-side check, in the JavaScript CouchDB runs on every write.
pub const VALIDATE_DOC_UPDATE: &str = r#"function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  if (has('_admin') || has('voronka_head')) { return; }
  if (!has('voronka_rep')) { throw({forbidden: 'voronka: not a member of the team'}); }
  var id = newDoc._id;
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  if (id.indexOf('slot:') === 0) {
    if (old) { throw({forbidden: 'voronka: only the head of sales changes this'}); }
    return;
  }
  if (id.indexOf('deal:') !== 0) { throw({forbidden: 'voronka: only the head of sales changes this'}); }
  if (old && old.owner_user && old.owner_user !== userCtx.name) {
    throw({forbidden: "voronka: another rep's deal"});
  }
  if (!newDoc._deleted && newDoc.owner_user !== userCtx.name) {
    throw({forbidden: "voronka: another rep's deal"});
  }
}"#;

/// The design document the app installs in a team's database.
pub fn design_doc() -> Value {
    json!({
        "_id": DESIGN_ID,
        "language": "javascript",
        "validate_doc_update": VALIDATE_DOC_UPDATE,
    })
}

/// The database's `_security`: heads administer it, heads and reps are its members, and
/// nobody else reads or writes it.
pub fn security() -> Value {
    json!({
        "admins": {"names": [], "roles": [HEAD]},
        "members": {"names": [], "roles": [HEAD, REP]},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rep_changes_their_own_deals_only() {
        let mine = json!({"owner_user": "anna"});
        let theirs = json!({"owner_user": "boris"});
        let rep = Some(Role::Rep);
        assert!(check(rep, "anna", "deal:1", Some(&mine), Some(&mine)).is_ok());
        assert!(check(rep, "anna", "deal:1", None, Some(&mine)).is_ok());
        assert!(check(rep, "anna", "deal:1", Some(&theirs), Some(&mine)).is_err());
        assert!(check(rep, "anna", "deal:1", Some(&mine), Some(&theirs)).is_err());
        assert!(check(rep, "anna", "plan:1:2026m1", None, Some(&mine)).is_err());
        assert!(check(None, "x", "deal:1", None, Some(&mine)).is_err());
        assert!(check(Some(Role::Head), "h", "direction:1", None, Some(&mine)).is_ok());
        // An unassigned deal is taken by the rep who makes it theirs.
        let open = json!({});
        assert!(check(rep, "anna", "deal:1", Some(&open), Some(&mine)).is_ok());
    }
}
