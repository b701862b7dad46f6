//! The sync loop the holder tab runs while connected: send what differs from the server
//! (`_bulk_docs`), then wait on the changes feed (a long poll, called off when a change waits
//! to be sent) and merge what comes. No answer: the changes wait and the loop tries again,
//! sooner when the network comes back. A merge or a refusal rolled back replaces the store's
//! workspace as the same workspace (undo stays).

use super::couch::{Server, TeamError, BATCH};
use super::engine::{self, Done, Job};
use super::{Team, TeamStatus};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use voronka_core::domain::Workspace;

/// The longest pause between two tries while the server cannot be reached.
const MAX_BACKOFF_MS: u32 = 30_000;

impl Team {
    /// Starts the loop (a running one of an older generation stops).
    pub(super) fn start(&self) {
        let generation = {
            let rt = self.rt();
            let mut rt = rt.borrow_mut();
            rt.generation += 1;
            rt.wake = true;
            rt.replacements = self.store.replacements();
            rt.generation
        };
        self.status.set(TeamStatus::Syncing);
        super::http::abort(super::couch::POLL_KEY);
        let team = *self;
        // The loop itself is in the team's module (loaded before any start, as the state it
        // runs on is read there).
        leptos::task::spawn_local(async move {
            match engine::sync_loop(team, generation).await {
                Some(run) => run.await,
                None => team.status.set(TeamStatus::Failing(TeamError::Offline)),
            }
        });
    }

    fn current(&self, generation: u32) -> bool {
        let rt = self.rt();
        let rt = rt.borrow();
        rt.generation == generation && rt.saved.is_some()
    }

    fn server(&self) -> Option<Server> {
        let rt = self.rt();
        let rt = rt.borrow();
        let c = &rt.saved.as_ref()?.connection;
        Some(Server::new(&c.url, &c.db))
    }

    /// Whether the store still shows the workspace the connection belongs to: `None` while a
    /// joined workspace waits for its first save.
    fn same_workspace(&self) -> Option<bool> {
        let rt = self.rt();
        let rt = rt.borrow();
        let lineage = rt.saved.as_ref()?.connection.lineage.clone()?;
        Some(rt.replacements == self.store.replacements() && self.store.lineage() == Some(lineage))
    }

    /// The loop of `generation`, until a newer one starts or the connection ends.
    pub(super) async fn run(self, generation: u32) {
        let mut backoff = 1_000;
        let mut caught_up = false;
        loop {
            if !self.current(generation) {
                return;
            }
            match self.same_workspace() {
                Some(true) => {}
                Some(false) => {
                    self.leave_replaced();
                    return;
                }
                None => {
                    // A joined workspace is saved within a moment: then its lineage is known.
                    TimeoutFuture::new(100).await;
                    continue;
                }
            }
            self.rt().borrow_mut().wake = false;
            let step = async {
                let conflicts = self.push(generation).await?;
                // Caught up once, everything sent: wait on the feed, and say so.
                let wait = caught_up && !conflicts && !self.rt().borrow().wake;
                if wait {
                    self.status.set(TeamStatus::Synced);
                }
                self.pull(generation, wait).await
            };
            match step.await {
                Ok(()) => {
                    backoff = 1_000;
                    caught_up = true;
                }
                // Called off for a change to send: round again (after a turn of the page).
                Err(TeamError::Aborted) => TimeoutFuture::new(0).await,
                Err(TeamError::SignIn) => match self.why_unauthorized().await {
                    TeamError::SignIn => {
                        if self.current(generation) {
                            self.status.set(TeamStatus::SignIn);
                        }
                        return;
                    }
                    other => {
                        if !self.current(generation) {
                            return;
                        }
                        self.status.set(match other {
                            TeamError::Offline => TeamStatus::Offline(self.waiting()),
                            other => TeamStatus::Failing(other),
                        });
                        self.pause(generation, backoff).await;
                        backoff = (backoff * 2).min(MAX_BACKOFF_MS);
                    }
                },
                Err(e) => {
                    if !self.current(generation) {
                        return;
                    }
                    let status = match e {
                        TeamError::Offline => TeamStatus::Offline(self.waiting()),
                        other => TeamStatus::Failing(other),
                    };
                    self.status.set(status);
                    self.pause(generation, backoff).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF_MS);
                }
            }
        }
    }

    /// What a 401 means: the session ended ([`TeamError::SignIn`]), or it still signs in but
    /// the user is no longer a member (pouchdb-server says 401 where CouchDB says 403; both
    /// when the head took the user's role away).
    async fn why_unauthorized(&self) -> TeamError {
        let Some(server) = self.server() else {
            return TeamError::SignIn;
        };
        match server.session().await {
            Ok(session) if voronka_core::sync::roles::Role::of(&session.roles).is_none() => {
                TeamError::NotAMember
            }
            Ok(_) => TeamError::SignIn,
            Err(e) => e,
        }
    }

    /// Waits `ms`, less when a change or the network wakes the loop.
    async fn pause(&self, generation: u32, ms: u32) {
        // Always one step: a loop that went round without waiting would hang the page.
        let mut left = ms.max(1);
        loop {
            let step = left.min(100);
            TimeoutFuture::new(step).await;
            left -= step;
            if left == 0 || !self.current(generation) || self.rt().borrow().wake {
                return;
            }
        }
    }

    /// How many changes wait to be sent.
    fn waiting(&self) -> usize {
        self.store.read_all();
        match engine::call(Job::Waiting(self.rt(), self.store)) {
            Some(Done::Count(n)) => n,
            _ => 0,
        }
    }

    /// Sends every document that differs from the server; `true` when someone saved one
    /// first (pull, then send again).
    async fn push(&self, generation: u32) -> Result<bool, TeamError> {
        let server = self.server().ok_or(TeamError::Aborted)?;
        self.store.read_all();
        let Some(Done::Sent(sent)) = engine::call(Job::BeginPush(self.rt(), self.store)) else {
            return Err(TeamError::Aborted);
        };
        if sent.is_empty() {
            return Ok(false);
        }
        self.status.set(TeamStatus::Syncing);
        let mut conflicts = false;
        for chunk in sent.chunks(BATCH) {
            let Some(Done::Text(body)) = engine::call(Job::Body(chunk.to_vec())) else {
                return Err(TeamError::Aborted);
            };
            let answer = server.push(body).await?;
            if !self.current(generation) {
                return Err(TeamError::Aborted);
            }
            let job = Job::AfterPush(self.rt(), self.store, chunk.to_vec(), answer);
            let Some(Done::Pushed(outcome)) = engine::call(job) else {
                return Err(TeamError::Aborted);
            };
            let outcome = outcome?;
            conflicts |= outcome.conflicts > 0;
            if let Some(ws) = outcome.ws {
                self.take_in(ws);
            }
            if !outcome.refused.is_empty() {
                self.refused.update(|r| r.extend(outcome.refused));
            }
        }
        self.persist();
        Ok(conflicts)
    }

    /// Reads the changes feed from where this browser is and merges them; `wait`: as a long
    /// poll.
    async fn pull(&self, generation: u32, wait: bool) -> Result<(), TeamError> {
        let server = self.server().ok_or(TeamError::Aborted)?;
        let since = {
            let rt = self.rt();
            let rt = rt.borrow();
            rt.saved
                .as_ref()
                .ok_or(TeamError::Aborted)?
                .state
                .replica
                .since
                .clone()
        };
        let text = server.changes(&since, wait).await?;
        if !self.current(generation) {
            return Err(TeamError::Aborted);
        }
        self.store.read_all();
        let Some(Done::Pulled(outcome)) = engine::call(Job::AfterPull(self.rt(), self.store, text))
        else {
            return Err(TeamError::Aborted);
        };
        let Some(outcome) = outcome? else {
            return Ok(());
        };
        if let Some(ws) = outcome.ws {
            self.take_in(ws);
        }
        if !outcome.conflicts.is_empty() {
            self.conflicts.update(|c| c.extend(outcome.conflicts));
        }
        if !outcome.deal_conflicts.is_empty() {
            // The latest of each field: one a later merge reports again replaces the older.
            self.deal_conflicts.update(|list| {
                list.retain(|c| {
                    !outcome
                        .deal_conflicts
                        .iter()
                        .any(|n| n.deal == c.deal && n.field == c.field)
                });
                list.extend(outcome.deal_conflicts);
            });
        }
        self.show_members();
        self.persist();
        Ok(())
    }

    /// A merged workspace into the store, not counted as a change to send.
    fn take_in(&self, ws: Workspace) {
        self.store.apply_remote(ws);
        self.rt().borrow_mut().applied_at = self.store.changes();
    }

    fn leave_replaced(&self) {
        self.forget();
        self.notice.set(Some(super::TeamNotice::LeftReplaced));
    }
}
