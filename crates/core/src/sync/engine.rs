//! One browser's side of a team: the [`Replica`] and the team's settings, and the steps the
//! app takes with what the server answers — what to send, what a push's answer changes, what
//! a pull merges. Every step works on a copy and is kept only when the result assembles, so
//! an answer that cannot be used leaves the workspace and the outbox as they were.

use super::docs::{assemble, deal_of_doc, docs_of, AssembleError, Docs, TeamSettings};
use super::merge::Conflict;
use super::replica::{Incoming, Outgoing, PushResult, Refusal, Replica};
use crate::domain::{IdSlot, Workspace};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a browser keeps about its team between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamState {
    /// The server's documents as last seen.
    pub replica: Replica,
    /// The team's settings as this browser has them.
    pub team: TeamSettings,
    /// Whether this browser writes a deal's `owner_user` anew when the members change (the
    /// head of sales, who relinks them). A rep's browser keeps each deal's `owner_user` as the
    /// server has it unless the deal's owner changed, so a relink never makes it send deals it
    /// may not write. Set by the app from the role on every start; not stored.
    #[serde(skip)]
    pub rewrites_owners: bool,
}

/// What a pull brought.
#[derive(Clone, Debug, Default)]
pub struct PullOutcome {
    /// The workspace with the team's changes, when anything changed.
    pub ws: Option<Workspace>,
    /// Fields two people changed (the saved value kept, yours reported).
    pub conflicts: Vec<Conflict>,
    /// Those of them that are a deal's editable fields, for the deal editor.
    pub deal_conflicts: Vec<super::fields::DealConflict>,
    /// Documents ignored as unreadable.
    pub rejected: Vec<String>,
}

/// What a push's answer changed.
#[derive(Clone, Debug, Default)]
pub struct PushOutcome {
    /// The workspace with refused changes rolled back, when any was.
    pub ws: Option<Workspace>,
    /// What the server refused, and why.
    pub refused: Vec<Refusal>,
    /// Documents someone saved first: pull, then send again.
    pub conflicts: usize,
    /// Documents saved.
    pub saved: usize,
}

impl TeamState {
    /// A team state for a workspace about to be sent up as a new team's (nothing synced yet).
    pub fn new(team: TeamSettings) -> TeamState {
        TeamState {
            replica: Replica::default(),
            team,
            rewrites_owners: true,
        }
    }

    /// The workspace's documents, ranks kept from what was last synced (and, for a rep, each
    /// deal's `owner_user` as synced while its owner is the same).
    pub fn local_docs(&self, ws: &Workspace) -> Docs {
        let mut docs = docs_of(ws, &self.team, &self.replica.ranks());
        if !self.rewrites_owners {
            for (id, body) in docs.iter_mut() {
                let Some(base) = self.replica.base.get(id).and_then(|k| k.body.as_ref()) else {
                    continue;
                };
                if deal_of_doc(id).is_none() || base.get("owner") != body.get("owner") {
                    continue;
                }
                if let Some(object) = body.as_object_mut() {
                    match base.get("owner_user") {
                        Some(user) => object.insert("owner_user".into(), user.clone()),
                        None => object.remove("owner_user"),
                    };
                }
            }
        }
        docs
    }

    /// Everything to send: each document that differs from what the server last had.
    pub fn outbox(&self, ws: &Workspace) -> Vec<Outgoing> {
        self.replica.outbox(&self.local_docs(ws))
    }

    /// Everything to send, noted as on its way (see [`Replica::sending`]): call it right
    /// before the request, and [`TeamState::after_push`] with the answer.
    pub fn begin_push(&mut self, ws: &Workspace) -> Vec<Outgoing> {
        let sent = self.outbox(ws);
        self.replica.sending(&sent);
        sent
    }

    /// How many changes wait to be sent.
    pub fn waiting(&self, ws: &Workspace) -> usize {
        self.outbox(ws).len()
    }

    /// Takes the server's answer to sending `sent`: saved documents become the new base; a
    /// refused one is put back as the server has it.
    pub fn after_push(
        &mut self,
        ws: &Workspace,
        sent: &[Outgoing],
        results: &[PushResult],
    ) -> Result<PushOutcome, AssembleError> {
        let mut next = self.clone();
        let local = next.local_docs(ws);
        let refused = next.replica.pushed(sent, results);
        let mut outcome = PushOutcome {
            saved: results
                .iter()
                .filter(|r| matches!(r, PushResult::Saved { .. }))
                .count(),
            conflicts: results
                .iter()
                .filter(|r| matches!(r, PushResult::Conflict { .. }))
                .count(),
            ..PushOutcome::default()
        };
        if !refused.is_empty() {
            let mut docs = local;
            for r in &refused {
                next.replica.rollback(&mut docs, &r.doc);
            }
            outcome.ws = Some(next.rebuild(&docs, ws.next_id(), ws.id_slot())?);
            outcome.refused = refused;
        }
        *self = next;
        Ok(outcome)
    }

    /// Merges a page of the changes feed into `ws`.
    pub fn after_pull(
        &mut self,
        ws: &Workspace,
        changes: Vec<Incoming>,
        last_seq: Value,
    ) -> Result<PullOutcome, AssembleError> {
        let mut next = self.clone();
        let local = next.local_docs(ws);
        let pulled = next.replica.pulled(&local, changes, last_seq);
        let mut outcome = PullOutcome {
            deal_conflicts: super::fields::deal_conflicts(&pulled.docs, &pulled.conflicts),
            conflicts: pulled.conflicts,
            rejected: pulled.rejected,
            ..PullOutcome::default()
        };
        if pulled.changed {
            outcome.ws = Some(next.rebuild(&pulled.docs, ws.next_id(), ws.id_slot())?);
        }
        *self = next;
        Ok(outcome)
    }

    /// Joins a team: the whole database as read from the start of the changes feed becomes
    /// the workspace; this browser hands out the ids of `slot`.
    pub fn join(
        changes: Vec<Incoming>,
        last_seq: Value,
        slot: IdSlot,
    ) -> Result<(TeamState, Workspace), AssembleError> {
        let mut state = TeamState::default();
        let pulled = state.replica.pulled(&Docs::new(), changes, last_seq);
        let ws = state.rebuild(&pulled.docs, 1, Some(slot))?;
        Ok((state, ws))
    }

    fn rebuild(
        &mut self,
        docs: &Docs,
        counter: u32,
        slot: Option<IdSlot>,
    ) -> Result<Workspace, AssembleError> {
        let assembled = assemble(docs, counter, slot)?;
        self.team = assembled.team;
        self.replica.held = assembled.held;
        Ok(assembled.ws)
    }
}
