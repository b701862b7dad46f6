//! What a browser keeps of its team, in parts: the server's documents as last synced are
//! spread over [`PARTS`] keys by a hash of their id, and a write rewrites only the parts whose
//! documents changed since the last write, then the head (where the feed is, what is held
//! aside or on its way, the team's settings). At 10,000 deals a change rewrites one part of
//! about 300 documents instead of all of them.
//!
//! Parts are written before the head, so a write cut short leaves parts newer than the head:
//! their documents are true of the server, and the feed read again from the head's position
//! brings the same versions back. A state that cannot be read whole reads as none.

use super::docs::TeamSettings;
use super::engine::TeamState;
use super::replica::{part_of, Known, Replica, PARTS};
use crate::storage::codec;
use crate::storage::kv::{KeyValue, KvError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The key of the head.
pub const STATE_KEY: &str = "voronka.team.state";
/// The keys of the parts: this and the part's number.
pub const PART_PREFIX: &str = "voronka.team.state.";
/// The head's layout with parts (a head without `format` is a whole state in one key, as
/// written before parts: read, and written in parts next time).
const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Head {
    format: u32,
    since: Value,
    #[serde(default)]
    held: BTreeSet<String>,
    #[serde(default)]
    in_flight: BTreeMap<String, Vec<Value>>,
    team: TeamSettings,
}

#[derive(Deserialize)]
struct Format {
    #[serde(default)]
    format: u32,
}

fn part_key(part: u32) -> String {
    format!("{PART_PREFIX}{part}")
}

/// Writes `state`: the parts that changed since its last write, then the head (the caller
/// holds the tabs' write lock). Nothing is marked written unless every write went through.
pub fn write(kv: &dyn KeyValue, state: &mut TeamState) -> Result<(), KvError> {
    let replica = &state.replica;
    let mut parts: BTreeMap<u32, BTreeMap<&String, &Known>> = BTreeMap::new();
    for part in 0..PARTS {
        if replica.unwritten.includes(part) {
            parts.insert(part, BTreeMap::new());
        }
    }
    if !parts.is_empty() {
        for (id, known) in &replica.base {
            if let Some(part) = parts.get_mut(&part_of(id)) {
                part.insert(id, known);
            }
        }
    }
    for (part, docs) in &parts {
        let json = serde_json::to_vec(docs).map_err(|e| KvError::Unavailable(e.to_string()))?;
        kv.set(&part_key(*part), &codec::pack(&json))?;
    }
    let head = Head {
        format: FORMAT,
        since: replica.since.clone(),
        held: replica.held.clone(),
        in_flight: replica.in_flight.clone(),
        team: state.team.clone(),
    };
    let json = serde_json::to_vec(&head).map_err(|e| KvError::Unavailable(e.to_string()))?;
    kv.set(STATE_KEY, &codec::pack(&json))?;
    state.replica.unwritten.clear();
    Ok(())
}

/// Reads the stored state; `None` when there is none or any of it cannot be read.
pub fn read(kv: &dyn KeyValue) -> Option<TeamState> {
    let json = codec::unpack(&kv.get(STATE_KEY)?).ok()?;
    let format: Format = serde_json::from_slice(&json).ok()?;
    if format.format != FORMAT {
        // A whole state in one key: the next write puts it in parts.
        return serde_json::from_slice(&json).ok();
    }
    let head: Head = serde_json::from_slice(&json).ok()?;
    let mut base = BTreeMap::new();
    for part in 0..PARTS {
        let json = codec::unpack(&kv.get(&part_key(part))?).ok()?;
        let docs: BTreeMap<String, Known> = serde_json::from_slice(&json).ok()?;
        if docs.keys().any(|id| part_of(id) != part) {
            return None;
        }
        base.extend(docs);
    }
    let mut state = TeamState {
        replica: Replica {
            base,
            since: head.since,
            held: head.held,
            in_flight: head.in_flight,
            ..Replica::default()
        },
        team: head.team,
        ..TeamState::default()
    };
    state.replica.unwritten.clear();
    Some(state)
}

/// Removes the stored state: the head first, so that a removal cut short reads as none.
pub fn remove(kv: &dyn KeyValue) {
    kv.remove(STATE_KEY);
    for part in 0..PARTS {
        kv.remove(&part_key(part));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::kv::MemoryKv;

    fn state(docs: usize) -> TeamState {
        let mut state = TeamState::default();
        for i in 0..docs {
            let known = Known {
                rev: format!("1-{i}"),
                body: Some(serde_json::json!({ "type": "deal", "id": i })),
            };
            state.replica.base.insert(format!("deal:{i}"), known);
        }
        state.replica.since = Value::from(docs);
        state.team.zone = "Europe/Moscow".into();
        state
    }

    #[test]
    fn a_state_reads_back_as_written_and_only_changed_parts_are_written_again() {
        let kv = MemoryKv::default();
        let mut s = state(1000);
        write(&kv, &mut s).unwrap();
        let back = read(&kv).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.replica.base, s.replica.base);
        // One document changes: its part and the head are written, no other part (one
        // damaged here stays as it was).
        let mut back = back;
        let id = "deal:7".to_string();
        back.replica.unwritten.touch(&id);
        back.replica.base.get_mut(&id).unwrap().rev = "2-7".into();
        let other = (part_of(&id) + 1) % PARTS;
        let kept = kv.get(&part_key(other)).unwrap();
        kv.set(&part_key(other), "damaged").unwrap();
        write(&kv, &mut back).unwrap();
        assert_eq!(kv.get(&part_key(other)).as_deref(), Some("damaged"));
        kv.set(&part_key(other), &kept).unwrap();
        assert_eq!(read(&kv).unwrap().replica.base[&id].rev, "2-7");
    }

    #[test]
    fn a_whole_state_of_before_is_read_and_written_in_parts_next() {
        let kv = MemoryKv::default();
        let s = state(50);
        let json = serde_json::to_vec(&s).unwrap();
        kv.set(STATE_KEY, &codec::pack(&json)).unwrap();
        let mut back = read(&kv).unwrap();
        assert_eq!(back.replica.base, s.replica.base);
        write(&kv, &mut back).unwrap();
        assert!(kv.get(&part_key(0)).is_some());
        assert_eq!(read(&kv).unwrap().replica.base, s.replica.base);
    }

    #[test]
    fn a_missing_or_damaged_part_reads_as_no_state() {
        let kv = MemoryKv::default();
        write(&kv, &mut state(100)).unwrap();
        kv.remove(&part_key(3));
        assert!(read(&kv).is_none());
        write(&kv, &mut state(100)).unwrap();
        kv.set(&part_key(5), "{").unwrap();
        assert!(read(&kv).is_none());
        remove(&kv);
        assert!(kv.keys().is_empty());
    }
}
