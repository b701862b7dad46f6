//! Saving and loading the workspace in localStorage, safely against other tabs.
//!
//! Layout: a manifest under [`MANIFEST_KEY`] (the envelope with a checksum; its `data` holds
//! everything but the deals, the column order, the keys of the deal shards and the workspace's
//! lineage) and the deals split by id into [`SHARDS`] shards, each compressed and checksummed
//! ([`super::codec`]) under its own key. The protocol (see `docs/RELIABILITY.md`):
//!
//! 1. **check**: the stored manifest must be the one this tab last loaded or saved (same
//!    lineage, same revision); a newer one is a [`SaveError::Conflict`], another lineage or no
//!    manifest at all a [`SaveError::Replaced`] (an import or a start-over elsewhere);
//! 2. **shards**: the changed shards are written under new keys, unique to this tab and
//!    revision, so nothing the stored manifest names is touched;
//! 3. **commit**: the check again, then the manifest, then it is read back (a lost race is a
//!    conflict, and the shards just written are removed);
//! 4. **collect**: shard keys no stored manifest names, of this revision or older, are removed.
//!
//! The store runs every save inside one exclusive Web Lock shared by the tabs, so two saves
//! never interleave; the protocol is also safe when they do (tested on every interleaving).

use super::codec;
use super::envelope::{self, Meta, ReadError};
use super::kv::{units, KeyValue, KvError, QUOTA_UNITS};
use super::rows;
use crate::domain::{Deal, DealId, StageId, Workspace, WorkspaceData};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

mod first_screen;
pub use first_screen::{FirstLoad, PendingLoad, FIRST_CARDS};

/// Key of the manifest.
pub const MANIFEST_KEY: &str = "voronka.workspace";
/// Prefix of the deal shards, `voronka.deals.<shard>.<revision>.<tab>`, and of the first
/// screen's columns, `voronka.deals.s<stage>.<revision>.<tab>`.
pub const SHARD_PREFIX: &str = "voronka.deals.";
/// Prefix of the recovery copies: `voronka.backup.<time>`. Never removed but by the user. The
/// one copy of earlier versions, `voronka.backup.unreadable`, has the prefix and is listed too.
pub const RECOVERY_PREFIX: &str = "voronka.backup.";
/// Number of deal shards.
pub const SHARDS: u32 = 32;
/// How often a load re-reads a manifest that changed under it before calling data damaged.
const LOAD_ATTEMPTS: usize = 5;

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
    /// Changes when the workspace is replaced wholesale (import, start over): a tab whose
    /// lineage differs must not replay its changes over it. "" before lineages existed.
    #[serde(default)]
    lineage: String,
    /// What the board's first screen needs, so that it can be drawn before the shards are
    /// decoded (absent in manifests of earlier versions: those load whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    first: Option<first_screen::FirstScreen>,
}

impl Manifest {
    /// How many deals the columns name.
    fn deal_count(&self) -> usize {
        self.columns.iter().map(|(_, ids)| ids.len()).sum()
    }
}

/// What needs writing at the next save.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Every shard (after a load, an import or a reset).
    pub all: bool,
    /// Shards with changed deals.
    pub shards: BTreeSet<u32>,
    /// The changed deals themselves (the first screen packs again only columns showing one).
    pub deals: BTreeSet<DealId>,
    /// The workspace was replaced wholesale: the save starts a new lineage.
    pub replaced: bool,
}

impl Dirty {
    /// Everything.
    pub fn everything() -> Dirty {
        Dirty {
            all: true,
            ..Dirty::default()
        }
    }

    /// Everything, as a new workspace replacing whatever was stored.
    pub fn replacement() -> Dirty {
        Dirty {
            all: true,
            replaced: true,
            ..Dirty::default()
        }
    }

    /// Marks the shards of these deals.
    pub fn add_deals(&mut self, deals: impl IntoIterator<Item = DealId>) {
        for deal in deals {
            self.shards.insert(shard_of(deal));
            self.deals.insert(deal);
        }
    }

    /// Whether anything waits to be written.
    pub fn is_empty(&self) -> bool {
        !self.all && self.shards.is_empty()
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
    /// Stored data that cannot be read. Its raw text was copied under a new recovery key when
    /// there was room (`backed_up`), and nothing is written until the user chooses.
    Unreadable {
        /// What is wrong.
        problem: LoadProblem,
        /// Whether the copy succeeded.
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
    /// Another tab saved a newer revision of the same workspace: reload it and replay this
    /// tab's changes, never overwrite it.
    Conflict(u64),
    /// Another tab replaced the workspace (import, start over, recovery): load what is there
    /// now; this tab's changes belong to a workspace that no longer exists.
    Replaced,
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

/// One kept copy of stored data that could not be read (or that an import replaced while it
/// could not be read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryCopy {
    /// Its key.
    pub key: String,
    /// When it was made (RFC 3339), if the key says so.
    pub made_at: Option<String>,
    /// Its size in UTF-16 units.
    pub units: usize,
}

/// What a recovery copy still holds, read as far as it can be.
#[derive(Debug)]
pub struct Salvaged {
    /// The workspace with every deal that could be read.
    pub workspace: Workspace,
    /// Deals the manifest names that could not be read.
    pub lost: usize,
}

/// A save in progress: see the module's protocol. Built by [`Persister::begin_save`].
#[derive(Debug)]
pub struct SaveTx {
    revision: u64,
    lineage: String,
    shards: BTreeSet<u32>,
    /// Deals changed since the last save; `None`: possibly every deal.
    changed: Option<BTreeSet<DealId>>,
    saved_at: String,
    /// (shard, key, units) of every shard written so far.
    written: Vec<(u32, String, usize)>,
    /// The first screen's column keys written so far, with their units.
    first_written: Vec<(String, usize)>,
    /// The first screen to name in the manifest (with the columns it was planned from), and
    /// the cache it leaves once committed.
    first: Option<first_screen::FirstPlan>,
}

/// The head of the stored manifest: what the check of a save compares.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    revision: u64,
    lineage: String,
    /// The tab that wrote it: the read-back of a save compares it.
    writer: String,
}

/// Characters of the manifest read for its header (the header is about 150).
const HEAD_CHARS: usize = 400;

/// Reads and writes one workspace.
pub struct Persister {
    kv: Box<dyn KeyValue>,
    /// Makes this tab's shard keys unique.
    tab: String,
    /// The clock for recovery copies' names (RFC 3339).
    now: Box<dyn Fn() -> String>,
    revision: u64,
    /// The lineage this tab loaded or saved; `None` when nothing was stored.
    lineage: Option<String>,
    shard_keys: Vec<String>,
    blocked: bool,
    /// Units used by keys that are not ours (other apps on the origin), measured at load.
    foreign_units: usize,
    /// The first screen's cards last written.
    first_cache: first_screen::FirstCache,
    /// Units used by each of our keys.
    our_units: HashMap<String, usize>,
}

fn is_ours(key: &str) -> bool {
    key == MANIFEST_KEY || key.starts_with(SHARD_PREFIX)
}

/// The revision in a shard key (`<shard>.<revision>` or `<shard>.<revision>.<tab>`).
fn key_revision(key: &str) -> Option<u64> {
    let rest = key.strip_prefix(SHARD_PREFIX)?;
    rest.split('.').nth(1)?.parse().ok()
}

impl Persister {
    /// A persister over `kv`; call [`Persister::load`] before saving.
    pub fn new(kv: Box<dyn KeyValue>) -> Persister {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let tab = format!("t{}", NEXT.fetch_add(1, Ordering::Relaxed));
        Persister::with_tab(kv, tab)
    }

    /// A persister whose shard keys carry `tab` (letters and digits), unique per tab.
    pub fn with_tab(kv: Box<dyn KeyValue>, tab: String) -> Persister {
        Persister {
            kv,
            tab,
            now: Box::new(|| "1970-01-01T00:00:00Z".to_string()),
            revision: 0,
            lineage: None,
            shard_keys: vec![String::new(); SHARDS as usize],
            blocked: true,
            foreign_units: 0,
            first_cache: Default::default(),
            our_units: HashMap::new(),
        }
    }

    /// Sets the clock used to name recovery copies.
    pub fn set_clock(&mut self, now: impl Fn() -> String + 'static) {
        self.now = Box::new(now);
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

    /// The stored manifest's header, from its first characters only (a save reads it up to
    /// three times). `Some(Err(()))`: something is stored that does not start like ours.
    fn head(&self) -> Option<Result<Head, ()>> {
        let prefix = self.kv.get_prefix(MANIFEST_KEY, HEAD_CHARS)?;
        Some(
            envelope::quick_header(&prefix)
                .map(|(revision, lineage, writer)| Head {
                    revision,
                    lineage,
                    writer,
                })
                .ok_or(()),
        )
    }

    /// The revision currently in storage (perhaps written by another tab).
    pub fn stored_revision(&self) -> Option<u64> {
        self.head().and_then(Result::ok).map(|h| h.revision)
    }

    /// Whether storage holds something other than what this tab last loaded or saved.
    pub fn stored_changed(&self) -> bool {
        self.check().is_err()
    }

    /// The lineage of the workspace this tab last loaded or saved (`None`: nothing stored).
    pub fn lineage(&self) -> Option<&str> {
        self.lineage.as_deref()
    }

    /// Opens the stored workspace; unreadable data is copied under a new recovery key.
    pub fn load(&mut self) -> Loaded {
        self.load_inner(true)
    }

    /// Opens the stored workspace again after another tab wrote: unreadable data was copied
    /// aside when it was first found, so no copy is made.
    pub fn load_without_copy(&mut self) -> Loaded {
        self.load_inner(false)
    }

    fn load_inner(&mut self, copy: bool) -> Loaded {
        self.measure();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let Some(text) = self.kv.get(MANIFEST_KEY) else {
                self.blocked = false;
                self.lineage = None;
                self.shard_keys = vec![String::new(); SHARDS as usize];
                return Loaded::Empty;
            };
            let problem = match self.read(&text) {
                Ok((ws, meta, lineage)) => {
                    self.blocked = false;
                    self.revision = meta.revision;
                    self.lineage = Some(lineage);
                    // No collection here: a load runs outside the write lock, and this tab's
                    // copy of localStorage may not show another tab's newest keys yet.
                    return Loaded::Ready(Box::new(ws), meta.revision);
                }
                Err(LoadProblem::Envelope(ReadError::FutureVersion(version))) => {
                    self.blocked = true;
                    return Loaded::NewerVersion(self.read_newer(&text).map(Box::new), version);
                }
                Err(problem) => problem,
            };
            // Another tab may have saved between reading the manifest and its shards (and
            // collected the shards it replaced): read again what it wrote.
            let moved_on = self.kv.get(MANIFEST_KEY).is_some_and(|now| now != text);
            if moved_on && attempt < LOAD_ATTEMPTS {
                continue;
            }
            self.blocked = true;
            self.lineage = None;
            let backed_up = copy && self.keep_copy().is_ok();
            self.measure();
            return Loaded::Unreadable { problem, backed_up };
        }
    }

    fn read(&mut self, text: &str) -> Result<(Workspace, Meta, String), LoadProblem> {
        let (meta, data) = envelope::read_raw(text).map_err(LoadProblem::Envelope)?;
        let (ws, lineage) = self.assemble(&data, false).map(|(ws, _, l)| (ws, l))?;
        Ok((ws, meta, lineage))
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
        let ws = self
            .assemble(any.data.get(), false)
            .ok()
            .map(|(ws, _, _)| ws);
        self.shard_keys = keys;
        ws
    }

    /// Builds the workspace from the manifest's data and the shards it names. With `salvage`,
    /// unreadable shards and deals are skipped (and counted) instead of refusing everything.
    fn assemble(
        &mut self,
        data: &str,
        salvage: bool,
    ) -> Result<(Workspace, usize, String), LoadProblem> {
        let get = |key: &str| self.kv.get(key);
        let (ws, lost, manifest_shards, lineage, cache) = assemble_from(data, salvage, get)?;
        if !salvage {
            self.shard_keys = manifest_shards;
            self.first_cache = cache;
        }
        Ok((ws, lost, lineage))
    }

    /// Every key of ours as one JSON object `{key: value}`: what a recovery copy holds.
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

    /// Copies every key of ours under a new recovery key; returns the key. Older copies stay.
    pub fn keep_copy(&mut self) -> Result<String, KvError> {
        let stamp = (self.now)();
        let mut key = format!("{RECOVERY_PREFIX}{stamp}");
        let mut n = 1;
        while self.kv.get(&key).is_some() {
            n += 1;
            key = format!("{RECOVERY_PREFIX}{stamp}~{n}");
        }
        self.kv.set(&key, &self.raw_dump())?;
        Ok(key)
    }

    /// The recovery copies kept in this browser, oldest first.
    pub fn recovery_copies(&self) -> Vec<RecoveryCopy> {
        let mut copies: Vec<RecoveryCopy> = self
            .kv
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(RECOVERY_PREFIX))
            .map(|key| {
                let stamp = &key[RECOVERY_PREFIX.len()..];
                let stamp = stamp.split('~').next().unwrap_or(stamp);
                let made_at =
                    (stamp.len() >= 10 && stamp.as_bytes()[4] == b'-').then(|| stamp.to_string());
                RecoveryCopy {
                    units: self.kv.units_of(&key),
                    made_at,
                    key,
                }
            })
            .collect();
        copies.sort_by(|a, b| (&a.made_at, &a.key).cmp(&(&b.made_at, &b.key)));
        copies
    }

    /// The text of a recovery copy.
    pub fn recovery_text(&self, key: &str) -> Option<String> {
        key.starts_with(RECOVERY_PREFIX)
            .then(|| self.kv.get(key))
            .flatten()
    }

    /// The newest recovery copy, if any.
    pub fn recovery_copy(&self) -> Option<String> {
        let newest = self.recovery_copies().pop()?;
        self.kv.get(&newest.key)
    }

    /// Removes a recovery copy (the user chose to, after it was offered for download).
    pub fn remove_copy(&mut self, key: &str) {
        if key.starts_with(RECOVERY_PREFIX) {
            self.kv.remove(key);
        }
    }

    /// Shard keys that no manifest names (left by an interrupted save, or replaced by a save
    /// of this revision or an older one). Newer keys may be another tab's save in flight.
    fn remove_orphans(&mut self) {
        // Another tab saved since this tab's manifest: its keys are not known here; leave the
        // collection to a later save.
        if self
            .head()
            .and_then(Result::ok)
            .is_none_or(|h| h.revision != self.revision)
        {
            return;
        }
        let live: BTreeSet<&String> = self
            .shard_keys
            .iter()
            .chain(self.first_cache.keys())
            .collect();
        for key in self.kv.keys() {
            if !key.starts_with(SHARD_PREFIX) || live.contains(&key) {
                continue;
            }
            if key_revision(&key).is_none_or(|r| r <= self.revision) {
                self.kv.remove(&key);
                self.our_units.remove(&key);
            }
        }
    }

    /// Drops the stored workspace (after the user chose to start fresh or start over, or
    /// before an import replaces unreadable data) and allows writing again. Recovery copies
    /// stay. Other tabs see the manifest disappear and stop writing.
    pub fn start_fresh(&mut self) {
        for key in self.kv.keys() {
            if is_ours(&key) {
                self.kv.remove(&key);
            }
        }
        self.shard_keys = vec![String::new(); SHARDS as usize];
        self.first_cache = Default::default();
        self.lineage = None;
        self.blocked = false;
        self.measure();
    }

    /// Step 1's comparison: is the stored manifest the one this tab last loaded or saved?
    fn check(&self) -> Result<(), SaveError> {
        match (self.head(), &self.lineage) {
            (None, None) => Ok(()),
            (None, Some(_)) => Err(SaveError::Replaced),
            (Some(Err(())), _) => Err(SaveError::Replaced),
            // Something was stored after this tab found nothing.
            (Some(Ok(_)), None) => Err(SaveError::Replaced),
            (Some(Ok(head)), Some(lineage)) => {
                if head.lineage != *lineage {
                    Err(SaveError::Replaced)
                } else if head.revision != self.revision {
                    Err(SaveError::Conflict(head.revision))
                } else {
                    Ok(())
                }
            }
        }
    }

    /// Step 1: checks that storage holds what this tab last saw, and plans the save.
    pub fn begin_save(&mut self, dirty: &Dirty, saved_at: String) -> Result<SaveTx, SaveError> {
        if self.blocked {
            return Err(SaveError::Blocked);
        }
        // A replacement is the user's explicit choice to put this workspace in place of
        // whatever is stored; every other save builds on exactly what this tab last saw.
        if !dirty.replaced {
            self.check()?;
        }
        let stored = self.stored_revision().unwrap_or(0);
        let revision = self.revision.max(stored) + 1;
        let lineage = match (&self.lineage, dirty.replaced) {
            (Some(l), false) => l.clone(),
            _ => format!("{}-{revision}", self.tab),
        };
        let shards = if dirty.all || self.lineage.is_none() || dirty.replaced {
            (0..SHARDS).collect()
        } else {
            dirty.shards.clone()
        };
        Ok(SaveTx {
            revision,
            lineage,
            shards,
            changed: (!dirty.all && !dirty.replaced && self.lineage.is_some())
                .then(|| dirty.deals.clone()),
            saved_at,
            written: Vec::new(),
            first_written: Vec::new(),
            first: None,
        })
    }

    /// Step 2: writes the planned shards under new keys.
    pub fn write_shards(&mut self, tx: &mut SaveTx, ws: &Workspace) -> Result<(), SaveError> {
        let mut grouped: HashMap<u32, Vec<&Deal>> =
            tx.shards.iter().map(|&s| (s, Vec::new())).collect();
        if !tx.shards.is_empty() {
            for deal in ws.deals() {
                if let Some(list) = grouped.get_mut(&shard_of(deal.id)) {
                    list.push(deal);
                }
            }
        }
        for shard in &tx.shards {
            let list = &grouped[shard];
            if list.is_empty() {
                tx.written.push((*shard, String::new(), 0));
                continue;
            }
            let key = format!("{SHARD_PREFIX}{shard}.{}.{}", tx.revision, self.tab);
            let packed = codec::pack(&rows::encode(list));
            if let Err(e) = self.kv.set(&key, &packed) {
                self.roll_back(tx);
                return Err(e.into());
            }
            let size = units(&key) + units(&packed);
            tx.written.push((*shard, key, size));
        }
        self.write_first(tx, ws)
    }

    /// Removes the shards a failed save wrote (unique to it: nothing else names them).
    fn roll_back(&self, tx: &SaveTx) {
        for (_, key, _) in &tx.written {
            if !key.is_empty() {
                self.kv.remove(key);
            }
        }
        for (key, _) in &tx.first_written {
            self.kv.remove(key);
        }
    }

    /// Step 3: checks again, writes the manifest and reads it back.
    pub fn commit(&mut self, mut tx: SaveTx, ws: &Workspace) -> Result<u64, SaveError> {
        let replacing = self.lineage.as_deref() != Some(tx.lineage.as_str());
        let checked = if replacing {
            // Only another replacement racing this one (without the lock) is refused.
            match self.stored_revision() {
                Some(r) if r >= tx.revision => Err(SaveError::Conflict(r)),
                _ => Ok(()),
            }
        } else {
            self.check()
        };
        if let Err(e) = checked {
            self.roll_back(&tx);
            return Err(e);
        }
        let mut keys = if replacing {
            vec![String::new(); SHARDS as usize]
        } else {
            self.shard_keys.clone()
        };
        for (shard, key, _) in &tx.written {
            keys[*shard as usize] = key.clone();
        }
        let (columns, first, first_cache) = match tx.first.take() {
            Some(plan) => (plan.columns, Some(plan.screen), Some(plan.cache)),
            None => (ws.columns_in_order(), None, None),
        };
        let manifest = Manifest {
            workspace: ws.structure_data(),
            columns,
            shards: keys.clone(),
            lineage: tx.lineage.clone(),
            first,
        };
        let data = serde_json::to_string(&manifest).expect("a manifest always serializes");
        let text = envelope::write_checked(
            &envelope::meta(tx.revision, tx.saved_at.clone()),
            &tx.lineage,
            &self.tab,
            &data,
        );
        if let Err(e) = self.kv.set(MANIFEST_KEY, &text) {
            self.roll_back(&tx);
            return Err(e.into());
        }
        // Read back: without the lock, another tab may have written at the same moment.
        let ours = Head {
            revision: tx.revision,
            lineage: tx.lineage.clone(),
            writer: self.tab.clone(),
        };
        if self.head() != Some(Ok(ours)) {
            self.roll_back(&tx);
            return Err(match self.stored_revision() {
                Some(r) => SaveError::Conflict(r),
                None => SaveError::Replaced,
            });
        }
        self.our_units
            .insert(MANIFEST_KEY.to_string(), units(MANIFEST_KEY) + units(&text));
        for (_, key, size) in &tx.written {
            if !key.is_empty() {
                self.our_units.insert(key.clone(), *size);
            }
        }
        for (key, size) in &tx.first_written {
            self.our_units.insert(key.clone(), *size);
        }
        if let Some(cache) = first_cache {
            self.first_cache = cache;
        }
        self.shard_keys = keys;
        self.revision = tx.revision;
        self.lineage = Some(tx.lineage);
        Ok(tx.revision)
    }

    /// Step 4: removes the shard keys that no stored manifest names any more.
    pub fn collect(&mut self) {
        self.remove_orphans();
    }

    /// The whole protocol: writes what `dirty` names, at the next revision. `saved_at` is the
    /// current time (RFC 3339). Refuses to overwrite another tab's newer or replaced data.
    pub fn save(
        &mut self,
        ws: &Workspace,
        dirty: &Dirty,
        saved_at: String,
    ) -> Result<u64, SaveError> {
        let revision = self.save_uncollected(ws, dirty, saved_at)?;
        self.collect();
        Ok(revision)
    }

    /// Steps 1–3 without the collection, for a write outside the lock (the page is going
    /// away): it removes nothing, so a tab that does not see its keys yet cannot be hurt by
    /// it. The next locked save collects what it left.
    pub fn save_uncollected(
        &mut self,
        ws: &Workspace,
        dirty: &Dirty,
        saved_at: String,
    ) -> Result<u64, SaveError> {
        let mut tx = self.begin_save(dirty, saved_at)?;
        self.write_shards(&mut tx, ws)?;
        self.commit(tx, ws)
    }

    /// Reads what a recovery copy still holds: every deal of every readable shard.
    pub fn salvage(text: &str) -> Result<Salvaged, LoadProblem> {
        let not_ours = || LoadProblem::Envelope(ReadError::NotVoronka);
        // A `Value`, not a typed map: its reader is in the program already.
        let map = match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => return Err(not_ours()),
        };
        let manifest = map
            .get(MANIFEST_KEY)
            .and_then(serde_json::Value::as_str)
            .ok_or_else(not_ours)?;
        let data = match envelope::read_raw(manifest) {
            Ok((_, data)) => data,
            // A damaged checksum still leaves JSON worth reading.
            Err(ReadError::Damaged) => {
                #[derive(Deserialize)]
                struct Any<'a> {
                    #[serde(borrow)]
                    data: &'a serde_json::value::RawValue,
                }
                serde_json::from_str::<Any>(manifest)
                    .map_err(|_| LoadProblem::Envelope(ReadError::Damaged))?
                    .data
                    .get()
                    .to_string()
            }
            Err(e) => return Err(LoadProblem::Envelope(e)),
        };
        let get = |k: &str| {
            map.get(k)
                .and_then(serde_json::Value::as_str)
                .map(str::to_string)
        };
        let (workspace, lost, ..) = assemble_from(&data, true, get)?;
        Ok(Salvaged { workspace, lost })
    }
}

/// The workspace from a manifest's data and a way to read its shards; with `salvage`, what
/// cannot be read is counted instead of refused. Returns it, the count of deals lost, the
/// manifest's shard keys, its lineage and its first screen's cards for the next save.
fn assemble_from(
    data: &str,
    salvage: bool,
    get: impl Fn(&str) -> Option<String>,
) -> Result<Assembled, LoadProblem> {
    let manifest = parse_manifest(data)?;
    let cache = manifest
        .first
        .as_ref()
        .map(|first| first_screen::FirstCache::of_manifest(&manifest.columns, first))
        .unwrap_or_default();
    let mut deals: HashMap<DealId, Deal> = HashMap::with_capacity(manifest.deal_count());
    for shard in 0..SHARDS {
        match read_shard_into(&manifest.shards, shard, &get, &mut deals, salvage) {
            Err(_) if salvage => continue,
            other => other?,
        }
    }
    let Manifest {
        workspace,
        columns,
        shards,
        lineage,
        ..
    } = manifest;
    let (ws, lost) = build_workspace(workspace, columns, deals, salvage)?;
    Ok((ws, lost, shards, lineage, cache))
}

/// What [`assemble_from`] returns.
type Assembled = (
    Workspace,
    usize,
    Vec<String>,
    String,
    first_screen::FirstCache,
);

/// The manifest's `data`, parsed.
fn parse_manifest(data: &str) -> Result<Manifest, LoadProblem> {
    let manifest: Manifest = serde_json::from_str(data).map_err(|_| {
        LoadProblem::Envelope(ReadError::WrongType {
            path: "data".into(),
        })
    })?;
    if manifest.shards.len() != SHARDS as usize {
        return Err(LoadProblem::Inconsistent);
    }
    Ok(manifest)
}

/// Reads one shard named by `keys` into `deals`. A deal in the wrong shard or read twice is
/// refused, or with `salvage` skipped.
fn read_shard_into(
    keys: &[String],
    shard: u32,
    get: &impl Fn(&str) -> Option<String>,
    deals: &mut HashMap<DealId, Deal>,
    salvage: bool,
) -> Result<(), LoadProblem> {
    let key = &keys[shard as usize];
    if key.is_empty() {
        return Ok(());
    }
    let list = get(key)
        .and_then(|text| codec::unpack(&text).ok())
        .and_then(read_shard)
        .ok_or(LoadProblem::Shard(shard))?;
    for deal in list {
        if shard_of(deal.id) != shard || deals.insert(deal.id, deal).is_some() {
            if salvage {
                continue;
            }
            return Err(LoadProblem::Inconsistent);
        }
    }
    Ok(())
}

/// The workspace from the manifest's structure and columns and the deals of every shard;
/// returns it and the count of deals lost (only with `salvage`: else a deal missing from its
/// column, or one no column names, is refused).
fn build_workspace(
    mut data: WorkspaceData,
    columns: Vec<(StageId, Vec<DealId>)>,
    mut deals: HashMap<DealId, Deal>,
    salvage: bool,
) -> Result<(Workspace, usize), LoadProblem> {
    data.deals.clear();
    data.deals.reserve(deals.len());
    let mut lost = 0;
    for (_, ids) in columns {
        for id in ids {
            match deals.remove(&id) {
                Some(deal) => data.deals.push(deal),
                None if salvage => lost += 1,
                None => return Err(LoadProblem::Inconsistent),
            }
        }
    }
    if !deals.is_empty() {
        if !salvage {
            return Err(LoadProblem::Inconsistent);
        }
        data.deals.extend(deals.into_values());
    }
    if !salvage {
        let ws =
            Workspace::from_data(data).map_err(|e| LoadProblem::Envelope(ReadError::Invalid(e)))?;
        return Ok((ws, 0));
    }
    let ws = match Workspace::from_data(data.clone()) {
        Ok(ws) => ws,
        Err(_) => {
            // Keep only deals whose stage and owner still exist.
            let stages: BTreeSet<StageId> = data
                .directions
                .iter()
                .flat_map(|d| d.stages.iter().map(|s| s.id))
                .collect();
            let before = data.deals.len();
            data.deals.retain(|d| stages.contains(&d.stage));
            lost += before - data.deals.len();
            Workspace::from_data(data).map_err(|e| LoadProblem::Envelope(ReadError::Invalid(e)))?
        }
    };
    Ok((ws, lost))
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
