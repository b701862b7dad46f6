//! Connecting a browser to its team: signing in (the password goes to the server and nowhere
//! else), creating the team from this workspace (a head of sales) or joining it (the local
//! workspace downloaded and kept as a recovery copy first, then replaced by the team's),
//! signing in again, linking users to employees, and disconnecting.

use super::couch::{Server, TeamError};
use super::engine::{Done, Job};
use super::saved::{self, Connection, SavedRole};
use super::{Team, TeamStatus};
use crate::state::store::Startup;
use leptos::prelude::*;
use voronka_core::domain::EmployeeId;
use voronka_core::sync::roles::Role;
use voronka_core::sync::{TeamSettings, TeamState};

/// What the user typed to connect.
#[derive(Clone, Debug)]
pub struct Credentials {
    /// The server's address.
    pub url: String,
    /// The team's database.
    pub db: String,
    /// The user name.
    pub user: String,
    /// The password (sent to the server once, kept nowhere).
    pub password: String,
}

/// What connecting did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connected {
    /// A new team was created from this workspace.
    Created,
    /// The team's workspace replaced this one.
    Joined,
}

/// Asks before a team's workspace replaces this one: `true` to go on (the caller downloads
/// the backup and a recovery copy is kept).
pub type ConfirmJoin = Box<dyn Fn() -> bool>;

impl Team {
    /// Signs in and creates or joins the team. `confirm_join` is asked only when this
    /// browser's workspace has something a join would replace.
    pub async fn connect(
        &self,
        form: Credentials,
        confirm_join: ConfirmJoin,
        backup: Box<dyn Fn()>,
    ) -> Result<Connected, TeamError> {
        self.busy.set(true);
        self.error.set(None);
        let result = self.connect_inner(form, confirm_join, backup).await;
        self.busy.set(false);
        if let Err(e) = &result {
            if *e != TeamError::Aborted {
                self.error.set(Some(e.clone()));
            }
        }
        result
    }

    async fn connect_inner(
        &self,
        form: Credentials,
        confirm_join: ConfirmJoin,
        backup: Box<dyn Fn()>,
    ) -> Result<Connected, TeamError> {
        let server = Server::new(&form.url, &form.db);
        // The team's own module, before anything is asked of the server.
        if !super::engine::load().await {
            return Err(TeamError::Offline);
        }
        let session = server.sign_in(form.user.trim(), &form.password).await?;
        let user = session
            .name
            .clone()
            .unwrap_or_else(|| form.user.trim().to_string());
        let role = Role::of(&session.roles).ok_or(TeamError::NotAMember)?;
        let saved_role = match role {
            Role::Head => SavedRole::Head,
            Role::Rep => SavedRole::Rep,
        };
        if server.has_team().await? {
            self.join(server, user, saved_role, confirm_join, backup)
                .await
        } else {
            self.create(server, user, role).await
        }
    }

    async fn create(
        &self,
        server: Server,
        user: String,
        role: Role,
    ) -> Result<Connected, TeamError> {
        if role != Role::Head {
            return Err(TeamError::NotATeam);
        }
        if self.store.startup.get_untracked() != Startup::Ready {
            return Err(TeamError::NotATeam);
        }
        server.prepare(Some(role)).await?;
        let slot = server.reserve_slot(&user, &browser_name()).await?;
        self.store.read_all();
        let mut ws = self.store.ws().get_untracked();
        ws.set_id_slot(Some(slot));
        // The head of sales is the employee of the same name, if there is one.
        let members = ws
            .employees()
            .find(|e| e.name.trim().eq_ignore_ascii_case(&user))
            .map(|e| (user.clone(), e.id))
            .into_iter()
            .collect();
        let team = TeamSettings {
            zone: crate::state::clock::zone(),
            members,
        };
        self.store.apply_remote(ws);
        let connection = Connection {
            url: server.url.clone(),
            db: server.db.clone(),
            user,
            role: SavedRole::Head,
            slot: slot.slot,
            lineage: self.store.lineage(),
            zone: team.zone.clone(),
        };
        self.adopt(connection, TeamState::new(team));
        Ok(Connected::Created)
    }

    async fn join(
        &self,
        server: Server,
        user: String,
        role: SavedRole,
        confirm_join: ConfirmJoin,
        backup: Box<dyn Fn()>,
    ) -> Result<Connected, TeamError> {
        self.store.read_all();
        let has_work = self.store.startup.get_untracked() == Startup::Ready
            && self
                .store
                .ws()
                .with_untracked(|ws| ws.deal_count() > 0 || ws.directions().next().is_some());
        if has_work {
            if !confirm_join() {
                return Err(TeamError::Aborted);
            }
            backup();
            // Kept in this browser too; no room for it stops the join (nothing replaced).
            self.store
                .keep_recovery_copy()
                .map_err(|_| TeamError::Refused("quota".into()))?;
        }
        let slot = server.reserve_slot(&user, &browser_name()).await?;
        let text = server.changes(&serde_json::Value::Null, false).await?;
        let Some(Done::Joined(joined)) = super::engine::call(Job::Join(text, slot)) else {
            return Err(TeamError::Aborted);
        };
        let (state, ws) = joined?;
        if self.store.replace(*ws).is_err() {
            return Err(TeamError::Refused("quota".into()));
        }
        let connection = Connection {
            url: server.url.clone(),
            db: server.db.clone(),
            user,
            role,
            slot: slot.slot,
            // Known once the replaced workspace is saved (the save's hook fills it in).
            lineage: None,
            zone: state.team.zone.clone(),
        };
        self.adopt(connection, state);
        Ok(Connected::Joined)
    }

    /// Keeps the connection in this tab, writes it (now or after the workspace's save) and
    /// starts syncing when this tab holds the sync lock (else the holder takes it up).
    fn adopt(&self, connection: Connection, mut state: TeamState) {
        state.rewrites_owners = connection.role == SavedRole::Head;
        {
            let rt = self.rt();
            let mut rt = rt.borrow_mut();
            rt.saved = Some(saved::Saved {
                connection: connection.clone(),
                state,
            });
            rt.connecting = true;
            rt.replacements = self.store.replacements();
            rt.applied_at = self.store.changes();
        }
        self.notice.set(None);
        self.conflicts.set(Vec::new());
        self.deal_conflicts.set(Vec::new());
        self.refused.set(Vec::new());
        self.connection.set(Some(connection));
        self.show_members();
        self.persist();
        if self.rt().borrow().holder {
            self.start();
        } else {
            self.status.set(TeamStatus::Elsewhere);
        }
    }

    /// Signs in again after the session ended, and syncs on.
    pub async fn sign_in_again(&self, password: String) -> Result<(), TeamError> {
        let Some(c) = self.connection.get_untracked() else {
            return Err(TeamError::NotATeam);
        };
        self.busy.set(true);
        self.error.set(None);
        let result = Server::new(&c.url, &c.db)
            .sign_in(&c.user, &password)
            .await
            .map(drop);
        self.busy.set(false);
        match &result {
            Ok(()) if self.rt().borrow().holder => self.start(),
            Ok(()) => {}
            Err(e) => self.error.set(Some(e.clone())),
        }
        result
    }

    /// Links a user name to an employee (the head of sales): that user's deals are the
    /// employee's, and the server lets that user change them. An empty name unlinks.
    pub fn set_member(&self, employee: EmployeeId, user: &str) {
        let user = user.trim().to_string();
        {
            let rt = self.rt();
            let mut rt = rt.borrow_mut();
            let Some(saved) = rt.saved.as_mut() else {
                return;
            };
            let members = &mut saved.state.team.members;
            members.retain(|u, e| *e != employee && *u != user);
            if !user.is_empty() {
                members.insert(user, employee);
            }
        }
        self.show_members();
        self.persist();
        self.wake();
    }

    /// The employee the signed-in user is, if linked.
    pub fn my_employee(&self) -> Option<EmployeeId> {
        let user = self
            .connection
            .with(|c| c.as_ref().map(|c| c.user.clone()))?;
        self.members
            .with(|m| m.iter().find(|(u, _)| *u == user).map(|(_, e)| *e))
    }

    /// Leaves the team in this browser: the workspace stays as it is, the team's data on
    /// the server is untouched, and the session ends.
    pub fn disconnect(&self) {
        let server = self
            .connection
            .get_untracked()
            .map(|c| Server::new(&c.url, &c.db));
        self.forget();
        if let Some(server) = server {
            leptos::task::spawn_local(async move { server.sign_out().await });
        }
    }

    /// Forgets the connection here and in storage.
    pub(super) fn forget(&self) {
        self.stop();
        self.rt().borrow_mut().saved = None;
        crate::state::write_lock::with_write_lock(saved::remove);
        self.connection.set(None);
        self.follow_zone(None);
        self.members.set(Vec::new());
        self.status.set(TeamStatus::Off);
    }
}

/// A name for this browser in its id slot's document (for the head of sales reading them).
fn browser_name() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
        .chars()
        .take(120)
        .collect()
}
