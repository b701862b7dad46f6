//! The team's heavy steps — a workspace as documents and back, the merge, CouchDB's JSON, the
//! stored state packed — in a wasm module of their own (the `split` build), so that the first
//! screen of a browser that is in no team carries none of it. [`load`] fetches it (a team's
//! browser loads it right after the first paint, a connect before it signs in); once loaded,
//! [`call`] runs a step at once, synchronously, as the save's hook needs.

use super::couch::TeamError;
use super::saved;
use super::Runtime;
use crate::state::store::Store;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use voronka_core::domain::{IdSlot, Workspace};
use voronka_core::sync::replica::{Outgoing, PushResult};
use voronka_core::sync::{wire, PullOutcome, PushOutcome, TeamState};

/// A step of the sync, with what it needs.
pub enum Job {
    /// How many changes wait to be sent.
    Waiting(Rc<RefCell<Runtime>>, Store),
    /// Everything to send, noted as on its way.
    BeginPush(Rc<RefCell<Runtime>>, Store),
    /// The `_bulk_docs` body of these documents.
    Body(Vec<Outgoing>),
    /// The server's answer (its text) to sending these documents.
    AfterPush(Rc<RefCell<Runtime>>, Store, Vec<Outgoing>, String),
    /// A page of the changes feed (its text) to merge.
    AfterPull(Rc<RefCell<Runtime>>, Store, String),
    /// The whole changes feed (its text): the team's workspace, for this browser's slot.
    Join(String, IdSlot),
    /// The stored team state.
    Read,
    /// Writes the team state of the runtime.
    Write(Rc<RefCell<Runtime>>),
}

/// What a step gave.
pub enum Done {
    /// A count.
    Count(usize),
    /// Documents to send.
    Sent(Vec<Outgoing>),
    /// A request body.
    Text(String),
    /// A push's answer taken in.
    Pushed(Result<PushOutcome, TeamError>),
    /// A pull taken in (`None`: nothing new).
    Pulled(Result<Option<PullOutcome>, TeamError>),
    /// A join's state and workspace.
    Joined(Result<(TeamState, Box<Workspace>), TeamError>),
    /// The stored team state.
    State(Option<TeamState>),
    /// Whether a write went through.
    Written(bool),
}

fn work(job: Job) -> Done {
    match job {
        Job::Waiting(rt, store) => {
            let rt = rt.borrow();
            Done::Count(
                rt.saved
                    .as_ref()
                    .map_or(0, |s| store.ws().with_untracked(|ws| s.state.waiting(ws))),
            )
        }
        Job::BeginPush(rt, store) => {
            let mut rt = rt.borrow_mut();
            Done::Sent(rt.saved.as_mut().map_or_else(Vec::new, |s| {
                store.ws().with_untracked(|ws| s.state.begin_push(ws))
            }))
        }
        Job::Body(docs) => Done::Text(wire::bulk_docs_body(&docs)),
        Job::AfterPush(rt, store, sent, text) => Done::Pushed((|| {
            let results = wire::read_bulk_docs(&text).map_err(|_| TeamError::BadAnswer)?;
            if results.len() != sent.len() {
                return Err(TeamError::BadAnswer);
            }
            let signed_out = results.iter().any(
                |r| matches!(r, PushResult::Failed { reason, .. } if reason == wire::UNAUTHORIZED),
            );
            if signed_out {
                return Err(TeamError::SignIn);
            }
            let mut rt = rt.borrow_mut();
            let saved = rt.saved.as_mut().ok_or(TeamError::Aborted)?;
            store
                .ws()
                .with_untracked(|ws| saved.state.after_push(ws, &sent, &results))
                .map_err(|_| TeamError::BadAnswer)
        })()),
        Job::AfterPull(rt, store, text) => Done::Pulled((|| {
            let (changes, last_seq) =
                wire::read_changes(&text).map_err(|_| TeamError::BadAnswer)?;
            let mut rt = rt.borrow_mut();
            let saved = rt.saved.as_mut().ok_or(TeamError::Aborted)?;
            if changes.is_empty() && last_seq == saved.state.replica.since {
                return Ok(None);
            }
            store
                .ws()
                .with_untracked(|ws| saved.state.after_pull(ws, changes, last_seq))
                .map(Some)
                .map_err(|_| TeamError::BadAnswer)
        })()),
        Job::Join(text, slot) => Done::Joined((|| {
            let (changes, last_seq) =
                wire::read_changes(&text).map_err(|_| TeamError::BadAnswer)?;
            TeamState::join(changes, last_seq, slot)
                .map(|(state, ws)| (state, Box::new(ws)))
                .map_err(|_| TeamError::NotATeam)
        })()),
        Job::Read => Done::State(saved::read_state()),
        Job::Write(rt) => {
            let mut rt = rt.borrow_mut();
            Done::Written(
                rt.saved
                    .as_mut()
                    .is_some_and(|s| saved::write_state(&mut s.state)),
            )
        }
    }
}

#[cfg(feature = "split")]
mod split {
    use super::*;
    use crate::ui::lazy::LoadFailed;

    #[leptos::wasm_split::wasm_split(
        team,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(#[allow(non_snake_case)] load_module)
    )]
    pub fn run_split(job: Job) -> Result<Done, LoadFailed> {
        Ok(work(job))
    }

    pub async fn load() -> bool {
        load_module().await.is_ok()
    }

    pub fn call(job: Job) -> Option<Done> {
        crate::ui::lazy::ready(run_split(job)).and_then(Result::ok)
    }

    #[leptos::wasm_split::wasm_split(team, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn sync_loop_split(
        team: super::super::Team,
        generation: u32,
    ) -> Result<SyncLoop, LoadFailed> {
        Ok(Box::pin(team.run(generation)))
    }

    // Awaited, not polled once as `call` is: each split function keeps its own note of the
    // module being loaded, and this one's first call finds out in a later turn.
    pub async fn sync_loop(team: super::super::Team, generation: u32) -> Option<SyncLoop> {
        sync_loop_split(team, generation).await.ok()
    }
}

#[cfg(not(feature = "split"))]
mod split {
    use super::*;

    pub async fn load() -> bool {
        true
    }

    pub fn call(job: Job) -> Option<Done> {
        Some(work(job))
    }

    pub async fn sync_loop(team: super::super::Team, generation: u32) -> Option<SyncLoop> {
        Some(Box::pin(team.run(generation)))
    }
}

/// Fetches the module (at once when it is loaded); `false` when it cannot be (offline before
/// it was cached).
pub async fn load() -> bool {
    split::load().await
}

/// The sync loop, as it runs in the module (its HTTP calls and their answers too).
pub type SyncLoop = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

/// The sync loop of `generation`, made in the module once it is loaded; `None` when it
/// cannot be fetched.
pub async fn sync_loop(team: super::Team, generation: u32) -> Option<SyncLoop> {
    split::sync_loop(team, generation).await
}

/// Runs a step now; `None` when the module is not loaded yet.
pub fn call(job: Job) -> Option<Done> {
    split::call(job)
}
