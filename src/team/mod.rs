//! A team's workspace shared through CouchDB, local-first: the browser keeps working and
//! saving with no network, and syncs when it can. The rules are in `voronka_core::sync`; here
//! are the HTTP calls ([`couch`]), the stored connection ([`saved`]), the connect / create /
//! join steps ([`connect`]) and the sync loop ([`sync`]) that one tab of the browser runs
//! (the holder of a Web Lock), the others showing its work as it reaches storage.

pub mod connect;
pub mod couch;
mod engine;
mod holder;
pub mod http;
pub mod saved;
mod sync;
mod zone;

use crate::state::store::Store;
use leptos::prelude::*;
use saved::{Connection, Saved};
use std::cell::RefCell;
use std::rc::Rc;
use voronka_core::sync::{replica::Refusal, Conflict};

pub use couch::TeamError;
pub use zone::ZoneRefused;

/// How long a change waits for more before it is sent: a burst of commands (a drag and the
/// confirm after it) goes up as one request, and a change is on the server well within 2 s.
const SEND_AFTER_MS: u32 = 100;

/// What the header says about the team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamStatus {
    /// Not connected to a team.
    Off,
    /// Everything sent and the team's changes in.
    Synced,
    /// Sending or receiving.
    Syncing,
    /// No connection to the server: this many changes wait to be sent.
    Offline(usize),
    /// The session ended or the password changed: sign in again.
    SignIn,
    /// The server refuses this browser's requests (not a member, no database…).
    Failing(TeamError),
    /// Another tab of this browser syncs.
    Elsewhere,
}

/// A note about the connection the Team card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamNotice {
    /// The workspace was replaced (an import, a fresh start): this browser left the team;
    /// the team's data on the server is untouched.
    LeftReplaced,
}

/// The team connection, shared through context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Team {
    /// What the header shows.
    pub status: RwSignal<TeamStatus>,
    /// The connection, when connected.
    pub connection: RwSignal<Option<Connection>>,
    /// Who is who: each user name and the employee it signs in as.
    pub members: RwSignal<Vec<(String, voronka_core::domain::EmployeeId)>>,
    /// Fields two people changed; the saved value was kept and yours is reported here.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// Those conflicts that are a deal's editable fields: the deal editor opens them in its
    /// "Yours / Now saved" panel.
    pub deal_conflicts: RwSignal<Vec<voronka_core::sync::DealConflict>>,
    /// Changes the server refused (rolled back here).
    pub refused: RwSignal<Vec<Refusal>>,
    /// A note about the connection.
    pub notice: RwSignal<Option<TeamNotice>>,
    /// A connect is under way.
    pub busy: RwSignal<bool>,
    /// Why the last connect or sign-in failed.
    pub error: RwSignal<Option<TeamError>>,
    store: Store,
    today: Option<crate::state::clock::Today>,
    inner: StoredValue<Rc<RefCell<Runtime>>, LocalStorage>,
}

#[derive(Default)]
struct Runtime {
    /// The connection and what was last synced.
    saved: Option<Saved>,
    /// This tab holds the sync lock: it syncs and writes the record.
    holder: bool,
    /// The one record write a connecting tab that is not the holder makes.
    connecting: bool,
    /// Bumped on every disconnect and restart: a loop of an older generation stops.
    generation: u32,
    /// A change waits to be sent: the loop does not wait on the feed.
    wake: bool,
    /// The store's replacement count the connection belongs to in this page.
    replacements: u64,
    /// The store's change count after the last merge this tab applied (not a change to send).
    applied_at: u64,
}

/// The team from context.
pub fn use_team() -> Team {
    expect_context::<Team>()
}

impl Team {
    /// The team connection over `store`: reads the stored record, asks for the sync lock,
    /// follows the store's saves and reloads, other tabs' connects, the network coming back
    /// and every local change.
    pub fn open(store: Store) -> Team {
        let connection = saved::read_connection();
        let team = Team {
            status: RwSignal::new(if connection.is_some() {
                TeamStatus::Elsewhere
            } else {
                TeamStatus::Off
            }),
            connection: RwSignal::new(connection.clone()),
            members: RwSignal::new(Vec::new()),
            conflicts: RwSignal::new(Vec::new()),
            deal_conflicts: RwSignal::new(Vec::new()),
            refused: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            store,
            today: use_context(),
            inner: StoredValue::new_local(Rc::new(RefCell::new(Runtime {
                replacements: store.replacements(),
                ..Runtime::default()
            }))),
        };
        let (after_save, after_reload) = (team, team);
        store.set_hooks(
            Rc::new(move || after_save.write_now()),
            Rc::new(move || after_reload.reread()),
        );
        store.set_guard(Some(Rc::new(move |ws, command| team.permits(ws, command))));
        team.follow_zone(connection.as_ref().map(|c| c.zone.as_str()));
        team.follow_events();
        holder::request(move || team.became_holder());
        if let Some(connection) = connection {
            leptos::task::spawn_local(async move { team.load_state(connection).await });
        }
        team
    }

    /// Reads what was last synced (in the team's own module, fetched first), then syncs if
    /// this tab holds the lock. A state that cannot be read ends the connection: the
    /// workspace stays, and connecting again joins afresh.
    async fn load_state(self, connection: Connection) {
        if !engine::load().await {
            self.status.set(TeamStatus::Failing(TeamError::Offline));
            return;
        }
        let Some(engine::Done::State(state)) = engine::call(engine::Job::Read) else {
            return;
        };
        let Some(mut state) = state else {
            self.forget();
            return;
        };
        state.rewrites_owners = connection.role == saved::SavedRole::Head;
        self.rt().borrow_mut().saved = Some(Saved { connection, state });
        self.show_members();
        if self.rt().borrow().holder {
            self.start();
        }
    }

    /// Whether the signed-in user may make this change (the server's rules, asked first);
    /// anything goes outside a team.
    fn permits(
        &self,
        ws: &voronka_core::domain::Workspace,
        command: &voronka_core::domain::Command,
    ) -> Result<(), &'static str> {
        let rt = self.rt();
        let rt = rt.borrow();
        let Some(saved) = rt.saved.as_ref() else {
            return Ok(());
        };
        let role = match saved.connection.role {
            saved::SavedRole::Head => voronka_core::sync::roles::Role::Head,
            saved::SavedRole::Rep => voronka_core::sync::roles::Role::Rep,
        };
        let user = &saved.connection.user;
        voronka_core::sync::roles::permits(Some(role), user, &saved.state.team, ws, command)
    }

    fn rt(&self) -> Rc<RefCell<Runtime>> {
        self.inner.get_value()
    }

    /// The team's time zone (IANA name), when connected and known.
    pub fn zone(&self) -> Option<String> {
        self.connection
            .with(|c| c.as_ref().map(|c| c.zone.clone()))
            .filter(|z| !z.is_empty())
    }

    /// Whether the signed-in user may change this deal (always outside a team): a rep
    /// changes their own deals and those nobody signs in for.
    pub fn may_change_deal(&self, deal: voronka_core::domain::DealId) -> bool {
        self.store.ws().with_untracked(|ws| {
            self.permits(ws, &voronka_core::domain::Command::DeleteDeal { deal })
                .is_ok()
        })
    }

    /// A conflict on a deal's field was settled in the editor: the banner forgets it.
    pub fn settle(
        &self,
        deal: voronka_core::domain::DealId,
        field: voronka_core::domain::DraftField,
    ) {
        let mut fields = Vec::new();
        self.deal_conflicts.update(|list| {
            list.retain(|c| {
                let this = c.deal == deal && c.field == field;
                if this {
                    fields.push(c.doc_field.clone());
                }
                !this
            })
        });
        let doc = voronka_core::sync::docs::deal_doc(deal);
        self.conflicts
            .update(|list| list.retain(|c| !(c.doc == doc && fields.contains(&c.field))));
    }

    /// The banner of conflicts dismissed: the editor no longer offers them either.
    pub fn dismiss_conflicts(&self) {
        self.conflicts.set(Vec::new());
        self.deal_conflicts.set(Vec::new());
    }

    /// The user signed in, and whether as the head of sales (`None`: not connected).
    pub fn role(&self) -> Option<saved::SavedRole> {
        self.connection.with(|c| c.as_ref().map(|c| c.role))
    }

    /// Stamps count in the team's zone while connected, else in the browser's; today moves
    /// with it.
    fn follow_zone(&self, zone: Option<&str>) {
        if crate::state::clock::set_team_zone(zone) {
            if let Some(today) = self.today {
                today.refresh();
            }
        }
    }

    fn show_members(&self) {
        let zone = self.rt().borrow_mut().saved.as_mut().map(|s| {
            // The zone the head of sales set reaches the stored connection too, so the first
            // stamps after a reload are in it.
            if s.connection.zone != s.state.team.zone && !s.state.team.zone.is_empty() {
                s.connection.zone = s.state.team.zone.clone();
            }
            s.state.team.zone.clone()
        });
        self.follow_zone(zone.as_deref());
        let members = self.rt().borrow().saved.as_ref().map(|s| {
            s.state
                .team
                .members
                .iter()
                .map(|(u, e)| (u.clone(), *e))
                .collect::<Vec<_>>()
        });
        self.members.set(members.unwrap_or_default());
    }

    fn became_holder(&self) {
        self.rt().borrow_mut().holder = true;
        let connected = self.rt().borrow().saved.is_some();
        if connected {
            self.start();
        }
    }

    /// Writes the record now (the caller holds the write lock, or the save's hook runs):
    /// only the holder writes, and a connecting tab once; what was synced first, then the
    /// connection.
    fn write_now(&self) {
        let rt = self.rt();
        let mut state = rt.borrow_mut();
        if !(state.holder || state.connecting) {
            return;
        }
        let lineage = self.store.lineage();
        let Some(saved) = state.saved.as_mut() else {
            return;
        };
        if saved.connection.lineage.is_none() {
            saved.connection.lineage = lineage;
        }
        if saved.connection.lineage.is_none() {
            return;
        }
        let connection = saved.connection.clone();
        drop(state);
        let written = matches!(
            engine::call(engine::Job::Write(rt.clone())),
            Some(engine::Done::Written(true))
        ) && saved::write_connection(&connection);
        if written {
            rt.borrow_mut().connecting = false;
        }
        if self.connection.get_untracked().as_ref() != Some(&connection) {
            self.connection.set(Some(connection));
        }
    }

    /// Writes the record once the stored workspace holds everything it describes: now
    /// (inside the lock) when nothing waits to be saved, else after that save.
    fn persist(&self) {
        if self.store.has_unsaved() {
            return;
        }
        let team = *self;
        crate::state::write_lock::with_write_lock(move || team.write_now());
    }

    /// Another tab's data was loaded over this tab's, or another tab connected or left:
    /// what was synced is what storage says.
    fn reread(&self) {
        let connection = saved::read_connection();
        self.stop();
        self.rt().borrow_mut().saved = None;
        self.rt().borrow_mut().replacements = self.store.replacements();
        self.connection.set(connection.clone());
        self.follow_zone(connection.as_ref().map(|c| c.zone.as_str()));
        match connection {
            Some(connection) => {
                let team = *self;
                leptos::task::spawn_local(async move { team.load_state(connection).await });
            }
            None => {
                self.members.set(Vec::new());
                self.status.set(TeamStatus::Off);
            }
        }
    }

    /// Stops a running loop (it ends at its next step).
    fn stop(&self) {
        let rt = self.rt();
        let mut rt = rt.borrow_mut();
        rt.generation += 1;
        drop(rt);
        http::abort(couch::POLL_KEY);
    }

    /// Asks the loop to send what changed now (ends its wait on the feed or a retry's pause).
    pub fn wake(&self) {
        self.rt().borrow_mut().wake = true;
        http::abort(couch::POLL_KEY);
    }

    fn follow_events(&self) {
        let team = *self;
        let store = self.store;
        // Every local change: send it soon (a merge this tab applied is not one).
        let timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage> =
            StoredValue::new_local(None);
        Effect::new(move |_| {
            store.ws().track();
            let rt = team.rt();
            let state = rt.borrow();
            if !state.holder || state.saved.is_none() || store.changes() == state.applied_at {
                return;
            }
            drop(state);
            // Said at once: the change is on its way (sent after the pause).
            if team.status.get_untracked() == TeamStatus::Synced {
                team.status.set(TeamStatus::Syncing);
            }
            let t = gloo_timers::callback::Timeout::new(SEND_AFTER_MS, move || team.wake());
            timer.set_value(Some(t));
        });
        let online = window_event_listener(leptos::ev::online, move |_| team.wake());
        // Another tab connected or disconnected.
        let storage =
            window_event_listener(leptos::ev::storage, move |e: web_sys::StorageEvent| {
                // The holder writes the record itself; the others follow it.
                let holder = team.rt().borrow().holder;
                let ours = e.key().is_none_or(|k| k == saved::TEAM_KEY);
                if ours && (!holder || saved::read_connection() != team.connection.get_untracked())
                {
                    team.reread();
                }
            });
        on_cleanup(move || {
            online.remove();
            storage.remove();
        });
    }
}
