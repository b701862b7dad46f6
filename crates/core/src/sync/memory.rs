//! An in-memory CouchDB for the tests and benchmarks: documents with revisions, a 409 on a
//! stale or missing `_rev`, deletions kept as tombstones and a changes feed that lists each
//! document once, at its newest revision. It follows what CouchDB 3 documents for
//! `_bulk_docs` and `_changes`; roles are checked against the real server instead.

use super::replica::{Incoming, Outgoing, PushResult};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
struct Stored {
    generation: u64,
    rev: String,
    body: Option<Value>,
    seq: u64,
}

/// The database.
#[derive(Clone, Debug, Default)]
pub struct MemoryCouch {
    docs: BTreeMap<String, Stored>,
    seq: u64,
}

impl MemoryCouch {
    /// An empty database.
    pub fn new() -> MemoryCouch {
        MemoryCouch::default()
    }

    /// `POST /db/_bulk_docs`: each document saved unless its `_rev` is not the current one.
    pub fn bulk_docs(&mut self, docs: &[Outgoing]) -> Vec<PushResult> {
        docs.iter().map(|doc| self.save(doc)).collect()
    }

    fn save(&mut self, doc: &Outgoing) -> PushResult {
        let current = self.docs.get(&doc.id);
        let fits = match (current, &doc.rev) {
            (None, None) => true,
            (None, Some(_)) => false,
            // A deleted document may be made again without a revision, or over its tombstone.
            (Some(c), None) => c.body.is_none(),
            (Some(c), Some(rev)) => c.rev == *rev,
        };
        if !fits || (current.is_none() && doc.body.is_none()) {
            return PushResult::Conflict { id: doc.id.clone() };
        }
        let generation = current.map_or(0, |c| c.generation) + 1;
        self.seq += 1;
        let rev = format!("{generation}-{:016x}", hash(&doc.id, generation, &doc.body));
        self.docs.insert(
            doc.id.clone(),
            Stored {
                generation,
                rev: rev.clone(),
                body: doc.body.clone(),
                seq: self.seq,
            },
        );
        PushResult::Saved {
            id: doc.id.clone(),
            rev,
        }
    }

    /// `GET /db/_changes?since=…&include_docs=true`: every document changed after `since`,
    /// oldest change first, and the sequence to read from next.
    pub fn changes(&self, since: u64) -> (Vec<Incoming>, u64) {
        let mut changed: Vec<&Stored> = Vec::new();
        let mut ids: Vec<&String> = Vec::new();
        for (id, stored) in &self.docs {
            if stored.seq > since {
                changed.push(stored);
                ids.push(id);
            }
        }
        let mut list: Vec<(u64, Incoming)> = changed
            .into_iter()
            .zip(ids)
            .map(|(s, id)| {
                let incoming = Incoming {
                    id: id.clone(),
                    rev: s.rev.clone(),
                    body: s.body.clone(),
                };
                (s.seq, incoming)
            })
            .collect();
        list.sort_by_key(|(seq, _)| *seq);
        (list.into_iter().map(|(_, c)| c).collect(), self.seq)
    }

    /// The live documents' bodies, by id.
    pub fn bodies(&self) -> BTreeMap<String, Value> {
        self.docs
            .iter()
            .filter_map(|(id, s)| Some((id.clone(), s.body.clone()?)))
            .collect()
    }
}

/// A revision's hash part: stable for the same document, generation and body.
fn hash(id: &str, generation: u64, body: &Option<Value>) -> u64 {
    let text = format!(
        "{id}/{generation}/{}",
        body.as_ref().map_or(String::new(), Value::to_string)
    );
    // FNV-1a: enough to tell revisions apart in a test.
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_stale_revision_is_a_conflict_and_a_fresh_one_saves() {
        let mut db = MemoryCouch::new();
        let new = Outgoing {
            id: "deal:1".into(),
            rev: None,
            body: Some(json!({"a": 1})),
        };
        let PushResult::Saved { rev, .. } = db.bulk_docs(std::slice::from_ref(&new)).remove(0)
        else {
            panic!("saved")
        };
        assert!(matches!(
            db.bulk_docs(&[new]).remove(0),
            PushResult::Conflict { .. }
        ));
        let update = Outgoing {
            id: "deal:1".into(),
            rev: Some(rev),
            body: Some(json!({"a": 2})),
        };
        assert!(matches!(
            db.bulk_docs(&[update]).remove(0),
            PushResult::Saved { .. }
        ));
        let (changes, seq) = db.changes(0);
        assert_eq!(changes.len(), 1);
        assert_eq!(seq, 2);
    }
}
