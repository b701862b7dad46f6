//! Saving and loading the workspace in localStorage.
//!
//! Layout: a manifest under [`MANIFEST_KEY`] (the envelope; its `data` holds everything but
//! the deals, the column order and the keys of the deal shards) and the deals split by id into
//! [`SHARDS`] shards, each compressed ([`super::codec`]) under its own key. A save rewrites
//! only the shards whose deals changed, under new keys (copy-on-write), then the manifest, then
//! drops the replaced keys: a failed write leaves the previous save whole.

use super::codec;
use super::envelope::{self, Meta, ReadError};
use super::kv::{units, KeyValue, KvError, QUOTA_UNITS};
use super::rows;
use crate::domain::{Deal, DealId, StageId, Workspace, WorkspaceData};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Key of the manifest.
pub const MANIFEST_KEY: &str = "voronka.workspace";
/// Prefix of the deal shards: `voronka.deals.<shard>.<revision>`.
pub const SHARD_PREFIX: &str = "voronka.deals.";
/// Where unreadable stored data is copied before anything else happens.
pub const RECOVERY_KEY: &str = "voronka.backup.unreadable";
/// Number of deal shards.
pub const SHARDS: u32 = 32;

/// The shard a deal is stored in.
pub fn shard_of(deal: DealId) -> u32 {
    deal.0 % SHARDS
}

/// The stored manifest's `data`.
#[derive(Serialize, Deserialize)]
struct Manifest {
    /// Everything but the deals.
    workspace: WorkspaceData,
    /// Deal ids of each stage, in column order.
    columns: Vec<(StageId, Vec<DealId>)>,
    /// The key of each shard ("" for an empty shard).
    shards: Vec<String>,
}

/// What needs writing at the next save.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Every shard (after a load, an import or a reset).
    pub all: bool,
    /// Shards with changed deals.
    pub shards: BTreeSet<u32>,
}

impl Dirty {
    /// Everything.
    pub fn everything() -> Dirty {
        Dirty {
            all: true,
            shards: BTreeSet::new(),
        }
    }

    /// Marks the shards of these deals.
    pub fn add_deals(&mut self, deals: impl IntoIterator<Item = DealId>) {
        self.shards.extend(deals.into_iter().map(shard_of));
    }
}

/// Why stored data could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadProblem {
    /// The manifest's envelope.
    Envelope(ReadError),
    /// A deal shard is missing or broken.
    Shard(u32),
    /// Columns and shards disagree.
    Inconsistent,
}

/// The result of opening the stored workspace.
#[derive(Debug)]
pub enum Loaded {
    /// Nothing stored yet: first launch.
    Empty,
    /// The workspace and the revision it was saved at.
    Ready(Box<Workspace>, u64),
    /// Written by a newer Voronka: shown read-only, never written over. `None` when even that
    /// could not be read.
    NewerVersion(Option<Box<Workspace>>, u32),
    /// Stored data that cannot be read. Its raw text was copied to [`RECOVERY_KEY`] when there
    /// was room (`backed_up`), and nothing is written until the user chooses.
    Unreadable {
        /// What is wrong.
        problem: LoadProblem,
        /// Whether the copy under [`RECOVERY_KEY`] succeeded.
        backed_up: bool,
    },
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Storage is full.
    Quota,
    /// Storage refused for another reason.
    Unavailable(String),
    /// Another tab saved a newer revision: reload it, never overwrite it.
    Conflict(u64),
    /// Writing is blocked: unreadable data awaits the user's choice, or it is a newer schema.
    Blocked,
}

impl From<KvError> for SaveError {
    fn from(e: KvError) -> SaveError {
        match e {
            KvError::Quota => SaveError::Quota,
            KvError::Unavailable(s) => SaveError::Unavailable(s),
        }
    }
}

/// How full the origin's storage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 units in use by every key of the origin.
    pub used: usize,
    /// The quota.
    pub quota: usize,
}

impl Usage {
    /// Percent used (may pass 100 on browsers with a larger quota).
    pub fn percent(&self) -> u32 {
        (self.used as u64 * 100 / self.quota.max(1) as u64) as u32
    }
}

/// Reads and writes one workspace.
pub struct Persister {
    kv: Box<dyn KeyValue>,
    revision: u64,
    shard_keys: Vec<String>,
    blocked: bool,
    /// Units used by keys that are not ours (other apps on the origin), measured at load.
    foreign_units: usize,
    /// Units used by each of our keys.
    our_units: HashMap<String, usize>,
}

fn is_ours(key: &str) -> bool {
    key == MANIFEST_KEY || key.starts_with(SHARD_PREFIX)
}

impl Persister {
    /// A persister over `kv`; call [`Persister::load`] before saving.
    pub fn new(kv: Box<dyn KeyValue>) -> Persister {
        Persister {
            kv,
            revision: 0,
            shard_keys: vec![String::new(); SHARDS as usize],
            blocked: true,
            foreign_units: 0,
            our_units: HashMap::new(),
        }
    }

    /// The revision of the data this persister last loaded or saved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether saves are refused (unreadable data or a newer schema).
    pub fn is_blocked(&self) -> bool {
        self.blocked
    }

    /// How full storage is.
    pub fn usage(&self) -> Usage {
        Usage {
            used: self.foreign_units + self.our_units.values().sum::<usize>(),
            quota: QUOTA_UNITS,
        }
    }

    /// Measures every key again (after a quota error, another app may have filled storage).
    pub fn measure(&mut self) {
        self.foreign_units = 0;
        self.our_units.clear();
        for key in self.kv.keys() {
            let size = units(&key) + self.kv.units_of(&key);
            if is_ours(&key) {
                self.our_units.insert(key, size);
            } else {
                self.foreign_units += size;
            }
        }
    }

    /// The revision currently in storage (perhaps written by another tab).
    pub fn stored_revision(&self) -> Option<u64> {
        let text = self.kv.get(MANIFEST_KEY)?;
        #[derive(Deserialize)]
        struct Header {
            revision: u64,
        }
        serde_json::from_str::<Header>(&text)
            .ok()
            .map(|h| h.revision)
    }

    /// Opens the stored workspace.
    pub fn load(&mut self) -> Loaded {
        self.measure();
        let Some(text) = self.kv.get(MANIFEST_KEY) else {
            self.blocked = false;
            self.revision = 0;
            return Loaded::Empty;
        };
        match self.read(&text) {
            Ok((ws, meta)) => {
                self.blocked = false;
                self.revision = meta.revision;
                self.remove_orphans();
                Loaded::Ready(Box::new(ws), meta.revision)
            }
            Err(LoadProblem::Envelope(ReadError::FutureVersion(version))) => {
                self.blocked = true;
                Loaded::NewerVersion(self.read_newer(&text).map(Box::new), version)
            }
            Err(problem) => {
                self.blocked = true;
                let backed_up = self.kv.set(RECOVERY_KEY, &self.raw_dump()).is_ok();
                self.measure();
                Loaded::Unreadable { problem, backed_up }
            }
        }
    }

    fn read(&mut self, text: &str) -> Result<(Workspace, Meta), LoadProblem> {
        let (meta, data) = envelope::read_raw(text).map_err(LoadProblem::Envelope)?;
        let ws = self.assemble(&data)?;
        Ok((ws, meta))
    }

    /// Best effort for a newer schema: read what this version understands.
    fn read_newer(&mut self, text: &str) -> Option<Workspace> {
        #[derive(Deserialize)]
        struct Any<'a> {
            #[serde(borrow)]
            data: &'a serde_json::value::RawValue,
        }
        let any: Any = serde_json::from_str(text).ok()?;
        let keys = std::mem::take(&mut self.shard_keys);
        let ws = self.assemble(any.data.get()).ok();
        self.shard_keys = keys;
        ws
    }

    fn assemble(&mut self, data: &str) -> Result<Workspace, LoadProblem> {
        let manifest: Manifest = serde_json::from_str(data).map_err(|_| {
            LoadProblem::Envelope(ReadError::WrongType {
                path: "data".into(),
            })
        })?;
        if manifest.shards.len() != SHARDS as usize {
            return Err(LoadProblem::Inconsistent);
        }
        let count: usize = manifest.columns.iter().map(|(_, ids)| ids.len()).sum();
        let mut deals: HashMap<DealId, Deal> = HashMap::with_capacity(count);
        for (i, key) in manifest.shards.iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            let shard = i as u32;
            let text = self.kv.get(key).ok_or(LoadProblem::Shard(shard))?;
            let bytes = codec::unpack(&text).map_err(|_| LoadProblem::Shard(shard))?;
            let list = read_shard(bytes).ok_or(LoadProblem::Shard(shard))?;
            for deal in list {
                if shard_of(deal.id) != shard || deals.insert(deal.id, deal).is_some() {
                    return Err(LoadProblem::Inconsistent);
                }
            }
        }
        let mut data = manifest.workspace;
        data.deals.clear();
        for (_, ids) in manifest.columns {
            for id in ids {
                data.deals
                    .push(deals.remove(&id).ok_or(LoadProblem::Inconsistent)?);
            }
        }
        if !deals.is_empty() {
            return Err(LoadProblem::Inconsistent);
        }
        let ws =
            Workspace::from_data(data).map_err(|e| LoadProblem::Envelope(ReadError::Invalid(e)))?;
        self.shard_keys = manifest.shards;
        Ok(ws)
    }

    /// Every key of ours as one JSON object `{key: value}`: what the recovery banner offers
    /// to download.
    pub fn raw_dump(&self) -> String {
        let mut map = serde_json::Map::new();
        for key in self.kv.keys() {
            if is_ours(&key) {
                if let Some(value) = self.kv.get(&key) {
                    map.insert(key, serde_json::Value::String(value));
                }
            }
        }
        serde_json::Value::Object(map).to_string()
    }

    /// The recovery copy, if one was made.
    pub fn recovery_copy(&self) -> Option<String> {
        self.kv.get(RECOVERY_KEY)
    }

    /// Shard keys left behind by an interrupted save, older than the manifest.
    fn remove_orphans(&mut self) {
        let live: BTreeSet<&String> = self.shard_keys.iter().collect();
        for key in self.kv.keys() {
            if !key.starts_with(SHARD_PREFIX) || live.contains(&key) {
                continue;
            }
            let revision = key.rsplit('.').next().and_then(|r| r.parse::<u64>().ok());
            // A newer key may be another tab's save in flight: leave it.
            if revision.is_some_and(|r| r <= self.revision) {
                self.kv.remove(&key);
                self.our_units.remove(&key);
            }
        }
    }

    /// Drops the stored workspace (after the user chose to start fresh, or before an import
    /// replaces it wholesale) and allows writing again. The recovery copy stays.
    pub fn start_fresh(&mut self) {
        for key in self.kv.keys() {
            if is_ours(&key) {
                self.kv.remove(&key);
            }
        }
        self.shard_keys = vec![String::new(); SHARDS as usize];
        self.revision = self.stored_revision().unwrap_or(self.revision);
        self.blocked = false;
        self.measure();
    }

    /// Writes what `dirty` names, at the next revision. `saved_at` is the current time
    /// (RFC 3339). Refuses to overwrite a newer revision from another tab.
    pub fn save(
        &mut self,
        ws: &Workspace,
        dirty: &Dirty,
        saved_at: String,
    ) -> Result<u64, SaveError> {
        if self.blocked {
            return Err(SaveError::Blocked);
        }
        if let Some(stored) = self.stored_revision() {
            if stored > self.revision {
                return Err(SaveError::Conflict(stored));
            }
        }
        let revision = self.revision + 1;
        let shards: BTreeSet<u32> = if dirty.all {
            (0..SHARDS).collect()
        } else {
            dirty.shards.clone()
        };
        let mut grouped: HashMap<u32, Vec<&Deal>> =
            shards.iter().map(|&s| (s, Vec::new())).collect();
        if !shards.is_empty() {
            for deal in ws.deals() {
                if let Some(list) = grouped.get_mut(&shard_of(deal.id)) {
                    list.push(deal);
                }
            }
        }
        // (shard, key, units) of every shard written so far.
        let mut written: Vec<(u32, String, usize)> = Vec::new();
        let rollback = |kv: &dyn KeyValue, written: &[(u32, String, usize)]| {
            for (_, key, _) in written {
                kv.remove(key);
            }
        };
        for shard in &shards {
            let list = &grouped[shard];
            if list.is_empty() {
                written.push((*shard, String::new(), 0));
                continue;
            }
            let key = format!("{SHARD_PREFIX}{shard}.{revision}");
            let packed = codec::pack(&rows::encode(list));
            if let Err(e) = self.kv.set(&key, &packed) {
                rollback(self.kv.as_ref(), &written);
                return Err(e.into());
            }
            let size = units(&key) + units(&packed);
            written.push((*shard, key, size));
        }
        let mut keys = self.shard_keys.clone();
        for (shard, key, _) in &written {
            keys[*shard as usize] = key.clone();
        }
        let manifest = Manifest {
            workspace: ws.structure_data(),
            columns: ws.columns_in_order(),
            shards: keys.clone(),
        };
        let text = envelope::write(&envelope::meta(revision, saved_at), &manifest);
        if let Err(e) = self.kv.set(MANIFEST_KEY, &text) {
            rollback(self.kv.as_ref(), &written);
            return Err(e.into());
        }
        self.our_units
            .insert(MANIFEST_KEY.to_string(), units(MANIFEST_KEY) + units(&text));
        for (shard, key, size) in &written {
            let old = &self.shard_keys[*shard as usize];
            if !old.is_empty() && old != key {
                self.kv.remove(old);
                self.our_units.remove(old);
            }
            if !key.is_empty() {
                self.our_units.insert(key.clone(), *size);
            }
        }
        self.shard_keys = keys;
        self.revision = revision;
        Ok(revision)
    }
}

/// A shard's deals: rows, or the JSON array that versions before rows wrote.
fn read_shard(bytes: Vec<u8>) -> Option<Vec<Deal>> {
    if bytes.first() == Some(&b'[') {
        // from_str, not from_slice: one JSON reader type keeps the wasm smaller.
        let json = String::from_utf8(bytes).ok()?;
        return serde_json::from_str(&json).ok();
    }
    rows::decode(&bytes).ok()
}
