//! One browser's side of a team: the [`Replica`] and the team's settings, and the steps the
//! app takes with what the server answers — what to send, what a push's answer changes, what
//! a pull merges. Every step works on a copy and is kept only when the result assembles, so
//! an answer that cannot be used leaves the workspace and the outbox as they were.

use super::docs::{assemble, deal_of_doc, docs_of, AssembleError, Docs, TeamSettings};
use super::incremental::apply_deal_changes;
use super::local::{DocMaker, InSyncMemo, Locals};
use super::merge::Conflict;
use super::replica::{is_entity, Incoming, Outgoing, PushResult, Refusal, Replica};
use super::{docs, ranks};
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
    /// Merges assemble the whole workspace every time, as the tests' reference does.
    #[serde(skip)]
    #[doc(hidden)]
    pub always_assemble: bool,
    /// Which deals were last found in sync, so the outbox makes only the others' documents.
    #[serde(skip)]
    pub(crate) memo: InSyncMemo,
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
    /// Whether the workspace was assembled from every document (a change of the structure,
    /// or one the deal-by-deal path does not cover) rather than written deal by deal.
    pub whole: bool,
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
            ..TeamState::default()
        }
    }

    /// The workspace's documents, ranks kept from what was last synced (and, for a rep, each
    /// deal's `owner_user` as synced while its owner is the same).
    pub fn local_docs(&self, ws: &Workspace) -> Docs {
        let mut docs = docs_of(ws, &self.team, &self.replica.ranks());
        if !self.rewrites_owners {
            for (id, body) in docs.iter_mut() {
                if deal_of_doc(id).is_some() {
                    self.maker().owner_as_synced(id, body);
                }
            }
        }
        docs
    }

    /// How this browser makes its documents.
    fn maker(&self) -> DocMaker<'_> {
        DocMaker {
            team: &self.team,
            replica: &self.replica,
            rewrites_owners: self.rewrites_owners,
        }
    }

    /// Everything to send: each document that differs from what the server last had (as
    /// `self.replica.outbox(&self.local_docs(ws))`, in the same order). Only the deals not
    /// found in sync before are made into documents.
    pub fn outbox(&self, ws: &Workspace) -> Vec<Outgoing> {
        let base = &self.replica.base;
        let differs = |id: &String, body: &Value, out: &mut Vec<Outgoing>| {
            let known = base.get(id);
            if known.and_then(|k| k.body.as_ref()) == Some(body) {
                return false;
            }
            out.push(Outgoing {
                id: id.clone(),
                rev: known.map(|k| k.rev.clone()),
                body: Some(body.clone()),
            });
            true
        };
        let mut out = Vec::new();
        let structure = docs::structure_docs(ws, &self.team);
        for (id, body) in &structure {
            differs(id, body, &mut out);
        }
        let known = self.replica.ranks();
        self.memo.begin(&self.team, self.rewrites_owners);
        let maker = self.maker();
        for (_, column) in ws.columns_in_order() {
            for (deal, rank) in column.iter().zip(ranks::assign(&column, &known)) {
                let Some(deal) = ws.deal(*deal) else { continue };
                let id = docs::deal_doc(deal.id);
                let rev = base.get(&id).map(|k| k.rev.as_str());
                if rev.is_some_and(|rev| self.memo.holds(deal, rank, rev)) {
                    continue;
                }
                let body = maker.deal(&id, deal, rank);
                if !differs(&id, &body, &mut out) {
                    if let Some(rev) = rev {
                        self.memo.note(deal, rank, rev);
                    }
                }
            }
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        for (id, known) in base {
            let local = match docs::own_deal_doc(id) {
                Some(deal) => ws.deal(deal).is_some(),
                None => structure.contains_key(id),
            };
            if known.body.is_some() && is_entity(id) && !local && !self.replica.held.contains(id) {
                out.push(Outgoing {
                    id: id.clone(),
                    rev: Some(known.rev.clone()),
                    body: None,
                });
            }
        }
        out
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
        let refusals = results
            .iter()
            .any(|r| matches!(r, PushResult::Refused { .. }));
        if !refusals {
            // Nothing to roll back: nothing can fail, so no copy is needed.
            self.replica.pushed(sent, results);
            return Ok(outcome);
        }
        let mut next = self.clone();
        let mut docs = next.local_docs(ws);
        let refused = next.replica.pushed(sent, results);
        for r in &refused {
            next.replica.rollback(&mut docs, &r.doc);
        }
        outcome.ws = Some(next.rebuild(&docs, ws.next_id(), ws.id_slot())?);
        outcome.refused = refused;
        self.replica = next.replica;
        self.team = next.team;
        Ok(outcome)
    }

    /// Merges a page of the changes feed into `ws`. A page that changed only deals writes
    /// them into the workspace; any other is assembled whole.
    pub fn after_pull(
        &mut self,
        ws: &Workspace,
        changes: Vec<Incoming>,
        last_seq: Value,
    ) -> Result<PullOutcome, AssembleError> {
        let locals = Locals::new(self.maker(), ws);
        let mut pulled = self.replica.merge(&|id| locals.doc(id), changes, last_seq);
        let with_conflicts: Docs = pulled
            .conflicts
            .iter()
            .filter_map(|c| Some((c.doc.clone(), pulled.docs.get(&c.doc)?.clone()?)))
            .collect();
        let mut outcome = PullOutcome {
            deal_conflicts: super::fields::deal_conflicts(&with_conflicts, &pulled.conflicts),
            conflicts: std::mem::take(&mut pulled.conflicts),
            rejected: std::mem::take(&mut pulled.rejected),
            ..PullOutcome::default()
        };
        let mut assembled = None;
        if pulled.changed() {
            let fast = (!self.always_assemble)
                .then(|| apply_deal_changes(ws, &pulled, &locals, &self.replica.held))
                .flatten();
            match fast {
                Some(next) => outcome.ws = Some(next),
                None => {
                    let docs = pulled.over(self.local_docs(ws));
                    let whole = assemble(&docs, ws.next_id(), ws.id_slot())?;
                    outcome.ws = Some(whole.ws);
                    outcome.whole = true;
                    assembled = Some((whole.team, whole.held));
                }
            }
        }
        drop(locals);
        self.replica.keep(&mut pulled);
        if let Some((team, held)) = assembled {
            self.team = team;
            self.replica.held = held;
        }
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
        let docs = state.replica.pulled(&Docs::new(), changes, last_seq);
        let ws = state.rebuild(&docs, 1, Some(slot))?;
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
