//! What this browser last saw of the team's database: every document's revision and body.
//! The outbox is not a list of commands but the difference between the local documents and
//! these: a change made offline, or sent while the connection dropped, stays in it until the
//! server confirms it, and sending it again can only meet a 409 (the server has it already,
//! and the merge finds nothing left to send), so nothing is lost or applied twice.

use super::docs::{self, Docs};
use super::merge::{merge3, Conflict};
use crate::domain::DealId;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A document as the server last had it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Known {
    /// Its revision (`_rev`).
    pub rev: String,
    /// Its body; `None` when deleted.
    #[serde(default)]
    pub body: Option<Value>,
}

/// One document to send: its new body (`None`: delete it), over the revision last seen.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    /// Document id.
    pub id: String,
    /// The revision it replaces; `None` for a new document.
    pub rev: Option<String>,
    /// The body; `None` to delete.
    pub body: Option<Value>,
}

/// What the server said about one document sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushResult {
    /// Saved with this revision.
    Saved {
        /// Document id.
        id: String,
        /// Its new revision.
        rev: String,
    },
    /// Someone saved it first (409): pull, merge and send again.
    Conflict {
        /// Document id.
        id: String,
    },
    /// The server's rules refused it (403, `validate_doc_update`).
    Refused {
        /// Document id.
        id: String,
        /// The server's reason.
        reason: String,
    },
    /// Another error for this document; it stays in the outbox.
    Failed {
        /// Document id.
        id: String,
        /// The server's error.
        reason: String,
    },
}

/// One document of the changes feed: its newest revision and body (`None`: deleted).
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    /// Document id.
    pub id: String,
    /// Its revision.
    pub rev: String,
    /// Its body; `None` when deleted.
    pub body: Option<Value>,
}

/// A refusal to show: which document, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// Document id.
    pub doc: String,
    /// The server's reason.
    pub reason: String,
}

/// What a page of the changes feed does to the local documents, worked out before anything
/// is kept (see [`Replica::merge`] and [`Replica::keep`]).
#[derive(Clone, Debug, Default)]
pub struct Pulled {
    /// Each entity of the feed taken in: its merged local document (`None`: deleted here).
    pub docs: BTreeMap<String, Option<Value>>,
    /// Those of them whose local document the merge changed.
    pub changed_ids: BTreeSet<String>,
    /// Fields both sides changed (the server's kept, yours reported).
    pub conflicts: Vec<Conflict>,
    /// Documents from the server that are not readable: ignored and reported.
    pub rejected: Vec<String>,
    /// The server's versions to record once the result is kept.
    known: BTreeMap<String, Known>,
    /// Documents whose unanswered sends the feed settled.
    settled: BTreeSet<String>,
    /// Where the feed was read up to.
    since: Value,
}

impl Pulled {
    /// Whether anything changed locally.
    pub fn changed(&self) -> bool {
        !self.changed_ids.is_empty()
    }

    /// `local` with the merge's changes written over it: every local document after the pull.
    pub fn over(&self, mut local: Docs) -> Docs {
        for id in &self.changed_ids {
            match self.docs.get(id).cloned().flatten() {
                Some(body) => local.insert(id.clone(), body),
                None => local.remove(id),
            };
        }
        local
    }
}

/// How many parts the stored documents are spread over (see [`super::stored`]).
pub const PARTS: u32 = 32;

/// The part a document is kept in (FNV-1a of its id: the same in every build).
pub fn part_of(id: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % PARTS
}

/// Which parts changed since the state was last written (every part, for a state never
/// written). Copies keep it; it is never compared.
#[derive(Clone, Debug)]
pub struct Unwritten {
    all: bool,
    parts: BTreeSet<u32>,
}

impl Default for Unwritten {
    fn default() -> Self {
        Unwritten {
            all: true,
            parts: BTreeSet::new(),
        }
    }
}

impl PartialEq for Unwritten {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Unwritten {
    /// Notes that document `id` changed.
    pub fn touch(&mut self, id: &str) {
        if !self.all {
            self.parts.insert(part_of(id));
        }
    }

    /// Nothing left to write.
    pub(crate) fn clear(&mut self) {
        self.all = false;
        self.parts.clear();
    }

    /// Whether `part` waits to be written.
    pub(crate) fn includes(&self, part: u32) -> bool {
        self.all || self.parts.contains(&part)
    }
}

/// This browser's view of the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    /// Every document seen, by id.
    pub base: BTreeMap<String, Known>,
    /// Where the changes feed was read up to (`last_seq`, opaque).
    #[serde(default)]
    pub since: Value,
    /// Documents the workspace cannot show (see [`docs::Assembled::held`]): never deleted
    /// from here for being missing locally.
    #[serde(default)]
    pub held: BTreeSet<String>,
    /// Bodies sent whose answer never came (the connection dropped): when the server's
    /// version turns out to be one of them, it is this browser's own change coming back,
    /// not someone else's to merge against.
    #[serde(default)]
    pub in_flight: BTreeMap<String, Vec<Value>>,
    /// Which of `base`'s parts changed since it was last stored (see [`super::stored`]).
    #[serde(skip)]
    pub unwritten: Unwritten,
}

/// How many unanswered bodies of one document are remembered.
const IN_FLIGHT_KEPT: usize = 8;

/// Whether a document id is one of the workspace's entities (others: slots, design docs).
pub fn is_entity(id: &str) -> bool {
    id == docs::SETTINGS
        || ["employee:", "direction:", "plan:", "deal:"]
            .iter()
            .any(|p| id.starts_with(p))
}

impl Replica {
    /// The bodies last synced (deleted ones left out).
    pub fn base_docs(&self) -> Docs {
        self.base
            .iter()
            .filter(|(id, _)| is_entity(id))
            .filter_map(|(id, k)| Some((id.clone(), k.body.clone()?)))
            .collect()
    }

    /// The deals' ranks last synced.
    pub fn ranks(&self) -> HashMap<DealId, f64> {
        docs::known_ranks(
            self.base
                .iter()
                .filter_map(|(id, k)| Some((id, k.body.as_ref()?))),
        )
    }

    /// Every local document that differs from what the server last had.
    pub fn outbox(&self, local: &Docs) -> Vec<Outgoing> {
        let mut out = Vec::new();
        for (id, body) in local {
            let known = self.base.get(id);
            if known.and_then(|k| k.body.as_ref()) != Some(body) {
                out.push(Outgoing {
                    id: id.clone(),
                    rev: known.map(|k| k.rev.clone()),
                    body: Some(body.clone()),
                });
            }
        }
        for (id, known) in &self.base {
            if known.body.is_some()
                && is_entity(id)
                && !local.contains_key(id)
                && !self.held.contains(id)
            {
                out.push(Outgoing {
                    id: id.clone(),
                    rev: Some(known.rev.clone()),
                    body: None,
                });
            }
        }
        out
    }

    /// Notes that `sent` is on its way: until answered, each body may already be saved.
    pub fn sending(&mut self, sent: &[Outgoing]) {
        for doc in sent {
            if let Some(body) = &doc.body {
                let list = self.in_flight.entry(doc.id.clone()).or_default();
                if !list.contains(body) {
                    list.push(body.clone());
                }
                if list.len() > IN_FLIGHT_KEPT {
                    list.remove(0);
                }
            }
        }
    }

    /// Records what the server said about `sent`; returns the refusals (each to be rolled
    /// back locally with [`Replica::rollback`]).
    pub fn pushed(&mut self, sent: &[Outgoing], results: &[PushResult]) -> Vec<Refusal> {
        let mut refused = Vec::new();
        for result in results {
            // Saved now, or refused by a rule that refused it before too. A conflict says
            // nothing of an earlier send of the same body, whose answer may have been lost.
            let id = match result {
                PushResult::Saved { id, .. } | PushResult::Refused { id, .. } => id,
                PushResult::Conflict { .. } | PushResult::Failed { .. } => {
                    self.record(result, sent, &mut refused);
                    continue;
                }
            };
            // Saved over the revision it was sent with: no earlier send of it can have been
            // saved since, so nothing of it is still on its way.
            match result {
                PushResult::Saved { .. } => {
                    self.in_flight.remove(id);
                }
                _ => {
                    let body = sent
                        .iter()
                        .find(|d| d.id == *id)
                        .and_then(|d| d.body.as_ref());
                    if let (Some(body), Some(list)) = (body, self.in_flight.get_mut(id)) {
                        list.retain(|b| b != body);
                        if list.is_empty() {
                            self.in_flight.remove(id);
                        }
                    }
                }
            }
            self.record(result, sent, &mut refused);
        }
        refused
    }

    fn record(&mut self, result: &PushResult, sent: &[Outgoing], refused: &mut Vec<Refusal>) {
        match result {
            PushResult::Saved { id, rev } => {
                if let Some(doc) = sent.iter().find(|d| d.id == *id) {
                    let known = Known {
                        rev: rev.clone(),
                        body: doc.body.clone(),
                    };
                    self.unwritten.touch(id);
                    self.base.insert(id.clone(), known);
                }
            }
            PushResult::Refused { id, reason } => refused.push(Refusal {
                doc: id.clone(),
                reason: reason.clone(),
            }),
            PushResult::Conflict { .. } | PushResult::Failed { .. } => {}
        }
    }

    /// Puts document `id` back as the server has it (a refused change undone).
    pub fn rollback(&self, local: &mut Docs, id: &str) {
        match self.base.get(id).and_then(|k| k.body.clone()) {
            Some(body) => {
                local.insert(id.to_string(), body);
            }
            None => {
                local.remove(id);
            }
        }
    }

    /// Merges the changes feed into the local documents (`mine` gives one by id) and
    /// returns what changes, recording nothing yet: [`Replica::keep`] records it once the
    /// result is used, so a pull that cannot be used leaves the replica as it was.
    pub fn merge(
        &self,
        mine: &dyn Fn(&str) -> Option<Value>,
        changes: Vec<Incoming>,
        last_seq: Value,
    ) -> Pulled {
        let mut pulled = Pulled {
            since: last_seq,
            ..Pulled::default()
        };
        // A document twice in one page: the later version merges over the earlier.
        let base_of = |pulled: &Pulled, id: &str| -> Option<Value> {
            match pulled.known.get(id) {
                Some(k) => k.body.clone(),
                None => self.base.get(id).and_then(|k| k.body.clone()),
            }
        };
        for change in changes {
            if !is_entity(&change.id) {
                let known = Known {
                    rev: change.rev,
                    body: change.body,
                };
                pulled.known.insert(change.id, known);
                continue;
            }
            if let Some(body) = &change.body {
                if !docs::readable(&change.id, body) {
                    pulled.rejected.push(change.id.clone());
                    // Its revision is recorded so a later edit here replaces it; its body is
                    // not, so nothing of it is applied.
                    let body = base_of(&pulled, &change.id);
                    pulled.known.insert(
                        change.id,
                        Known {
                            rev: change.rev,
                            body,
                        },
                    );
                    continue;
                }
            }
            let own = change.body.as_ref().is_some_and(|body| {
                !pulled.settled.contains(&change.id)
                    && self
                        .in_flight
                        .get(&change.id)
                        .is_some_and(|list| list.contains(body))
            });
            let base = if own {
                // This browser's own earlier change, saved though its answer was lost.
                pulled.settled.insert(change.id.clone());
                change.body.clone()
            } else {
                base_of(&pulled, &change.id)
            };
            let mine = match pulled.docs.get(&change.id) {
                Some(merged) => merged.clone(),
                None => mine(&change.id),
            };
            let (merged, conflicts) = merge3(
                &change.id,
                base.as_ref(),
                mine.as_ref(),
                change.body.as_ref(),
            );
            if merged != mine {
                pulled.changed_ids.insert(change.id.clone());
            }
            pulled.docs.insert(change.id.clone(), merged);
            pulled.conflicts.extend(conflicts);
            let known = Known {
                rev: change.rev,
                body: change.body,
            };
            pulled.known.insert(change.id, known);
        }
        pulled
    }

    /// Records what [`Replica::merge`] found: the server's versions and where the feed is.
    pub fn keep(&mut self, pulled: &mut Pulled) {
        for id in std::mem::take(&mut pulled.settled) {
            self.in_flight.remove(&id);
        }
        for id in pulled.known.keys() {
            self.unwritten.touch(id);
        }
        self.base.append(&mut pulled.known);
        self.since = std::mem::take(&mut pulled.since);
    }

    /// Merges the changes feed into `local` and records the server's versions at once: the
    /// merged documents are every local document after the pull.
    pub fn pulled(&mut self, local: &Docs, changes: Vec<Incoming>, last_seq: Value) -> Docs {
        let mut pulled = self.merge(&|id| local.get(id).cloned(), changes, last_seq);
        self.keep(&mut pulled);
        pulled.over(local.clone())
    }
}
