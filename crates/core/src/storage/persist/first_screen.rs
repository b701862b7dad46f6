//! The board's first screen before the rest of the deals.
//!
//! Every manifest names, for each column, a key holding its first [`FIRST_CARDS`] deals (packed
//! like a shard), and carries each stage's count and sum. A tab opening on the board builds a workspace of
//! just those ([`Workspace::first_screen`]) and draws it, then reads the shards a slice at a
//! time ([`Persister::continue_load`]); the store reads whatever is left before any command,
//! save or other view, so the domain never acts on part of the deals.

use super::{
    build_workspace, codec, envelope, parse_manifest, read_shard_into, rows, units, LoadProblem,
    Loaded, Persister, SaveError, SaveTx, MANIFEST_KEY, SHARDS, SHARD_PREFIX,
};
use crate::domain::{Deal, DealId, Money, StageId, StageTally, Workspace, WorkspaceData};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Deals of each column the manifest carries: what a column shows at first on a screen up to
/// 1,080 px high (the board draws a screen's height of cards and four more).
pub const FIRST_CARDS: usize = 16;

/// The manifest's part for the first screen.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct FirstScreen {
    /// For each of the manifest's columns, in its order, the key holding the column's first
    /// [`FIRST_CARDS`] deals packed like a shard ("" for an empty column). A key is written
    /// once and named until the column's first cards change.
    cards: Vec<String>,
    /// Every stage holding deals: its id, count and sum.
    tallies: Vec<(StageId, usize, Money)>,
}

/// The key of each column's first cards as the stored manifest names it, with the ids they
/// hold: a save writes a new key only for a column whose first ids changed or show a changed
/// deal (a move: two columns of 16 deals). Filled by a load from the manifest it read.
#[derive(Debug, Default)]
pub(super) struct FirstCache(HashMap<StageId, (Vec<DealId>, String)>);

impl FirstCache {
    /// The cache of a manifest just read: its columns' first ids and their keys.
    pub(super) fn of_manifest(
        columns: &[(StageId, Vec<DealId>)],
        first: &FirstScreen,
    ) -> FirstCache {
        if first.cards.len() != columns.len() {
            return FirstCache::default();
        }
        let entries = columns
            .iter()
            .zip(&first.cards)
            .filter(|(_, key)| !key.is_empty())
            .map(|((stage, ids), key)| {
                let head = ids.iter().take(FIRST_CARDS).copied().collect();
                (*stage, (head, key.clone()))
            });
        FirstCache(entries.collect())
    }

    /// Every key it names (kept by the collection of unnamed keys).
    pub(super) fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.values().map(|(_, key)| key)
    }
}

impl FirstScreen {
    /// The deals it carries, in column order, if each column's are exactly its first
    /// [`FIRST_CARDS`] as `columns` names them; `get` reads a key.
    fn deals(
        &self,
        columns: &[(StageId, Vec<DealId>)],
        get: impl Fn(&str) -> Option<String>,
    ) -> Option<Vec<Deal>> {
        if self.cards.len() != columns.len() {
            return None;
        }
        let mut out = Vec::new();
        for (key, (_, ids)) in self.cards.iter().zip(columns) {
            let named = &ids[..ids.len().min(FIRST_CARDS)];
            if key.is_empty() {
                if !named.is_empty() {
                    return None;
                }
                continue;
            }
            let deals = rows::decode(&codec::unpack(&get(key)?).ok()?).ok()?;
            if !deals.iter().map(|d| d.id).eq(named.iter().copied()) {
                return None;
            }
            out.extend(deals);
        }
        Some(out)
    }
}

/// What a save's manifest will say of the first screen, planned with its keys written: the
/// columns in order (the manifest's too, read once a save), and the cache the commit leaves.
#[derive(Debug)]
pub(super) struct FirstPlan {
    pub(super) screen: FirstScreen,
    pub(super) cache: FirstCache,
    pub(super) columns: Vec<(StageId, Vec<DealId>)>,
}

impl Persister {
    /// Step 2 of a save, after the shards: writes the first cards of each column whose first
    /// ids changed or show a changed deal under a new key, and keeps the rest's keys.
    pub(super) fn write_first(&mut self, tx: &mut SaveTx, ws: &Workspace) -> Result<(), SaveError> {
        let columns = ws.columns_in_order();
        let mut cache = HashMap::with_capacity(columns.len());
        let mut cards = Vec::with_capacity(columns.len());
        for (stage, ids) in &columns {
            let head = &ids[..ids.len().min(FIRST_CARDS)];
            if head.is_empty() {
                cards.push(String::new());
                continue;
            }
            let kept = self.first_cache.0.get(stage).filter(|(ids, _)| {
                ids == head
                    && tx
                        .changed
                        .as_ref()
                        .is_some_and(|c| !head.iter().any(|id| c.contains(id)))
            });
            let key = match kept {
                Some((_, key)) => key.clone(),
                None => {
                    let deals: Vec<&Deal> = head.iter().filter_map(|&id| ws.deal(id)).collect();
                    let key = format!("{SHARD_PREFIX}s{}.{}.{}", stage.0, tx.revision, self.tab);
                    let packed = codec::pack(&rows::encode(&deals));
                    if let Err(e) = self.kv.set(&key, &packed) {
                        self.roll_back(tx);
                        return Err(e.into());
                    }
                    tx.first_written
                        .push((key.clone(), units(&key) + units(&packed)));
                    key
                }
            };
            cache.insert(*stage, (head.to_vec(), key.clone()));
            cards.push(key);
        }
        // In column order: the same figures give the same text, with no sorting code.
        let tallies = columns
            .iter()
            .map(|(stage, _)| (*stage, ws.column_tally(*stage)))
            .filter(|(_, t)| t.count > 0)
            .map(|(stage, t)| (stage, t.count, t.sum))
            .collect();
        tx.first = Some(FirstPlan {
            screen: FirstScreen { cards, tallies },
            cache: FirstCache(cache),
            columns,
        });
        Ok(())
    }
}

/// How the stored workspace opens.
#[derive(Debug)]
// Made once per visit and matched at once: boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum FirstLoad {
    /// Read whole: nothing stored, a manifest of an earlier version, or something the whole
    /// load has to judge (another tab's save in between, damage, a newer version).
    Whole(Loaded),
    /// The first screen now; the rest to read with [`Persister::continue_load`].
    First(Box<Workspace>, PendingLoad),
}

/// The deals still to read after a first screen.
#[derive(Debug)]
pub struct PendingLoad {
    structure: WorkspaceData,
    columns: Vec<(StageId, Vec<DealId>)>,
    keys: Vec<String>,
    next: u32,
    deals: HashMap<DealId, Deal>,
}

impl PendingLoad {
    /// Whether every shard is read (then [`Persister::finish_load`]).
    pub fn is_read(&self) -> bool {
        self.next >= SHARDS
    }
}

impl Persister {
    /// Opens the stored workspace by its first screen when the manifest carries one, else
    /// whole (as [`Persister::load`]).
    pub fn load_first(&mut self) -> FirstLoad {
        match self.read_first() {
            Some((ws, pending)) => FirstLoad::First(Box::new(ws), pending),
            None => {
                let loaded = self.load();
                // The first screen is a copy of what the shards hold: when it could not be
                // used (a key missing or damaged), the next save writes every column's again.
                self.first_cache = FirstCache::default();
                FirstLoad::Whole(loaded)
            }
        }
    }

    /// The first screen, if the manifest has one that agrees with its columns.
    fn read_first(&mut self) -> Option<(Workspace, PendingLoad)> {
        let text = self.kv.get(MANIFEST_KEY)?;
        let (meta, data) = envelope::read_raw(&text).ok()?;
        let mut manifest = parse_manifest(&data).ok()?;
        let first = manifest.first.take()?;
        let cards = first.deals(&manifest.columns, |key| self.kv.get(key))?;
        let cache = FirstCache::of_manifest(&manifest.columns, &first);
        let counts: HashMap<StageId, usize> = first
            .tallies
            .iter()
            .map(|&(s, count, _)| (s, count))
            .collect();
        let agree = manifest
            .columns
            .iter()
            .all(|(s, ids)| counts.get(s).copied().unwrap_or(0) == ids.len());
        let nonempty = manifest.columns.iter().filter(|(_, ids)| !ids.is_empty());
        if !agree || nonempty.count() != counts.len() {
            return None;
        }
        let mut shown = manifest.workspace.clone();
        shown.deals = cards;
        let tallies = first
            .tallies
            .iter()
            .map(|&(stage, count, sum)| (stage, StageTally { count, sum }));
        let ws = Workspace::first_screen(shown, tallies).ok()?;
        let count = manifest.deal_count();
        self.measure();
        self.blocked = false;
        self.revision = meta.revision;
        self.lineage = Some(manifest.lineage);
        self.shard_keys = manifest.shards.clone();
        self.first_cache = cache;
        let pending = PendingLoad {
            deals: HashMap::with_capacity(count),
            structure: manifest.workspace,
            columns: manifest.columns,
            keys: manifest.shards,
            next: 0,
        };
        Some((ws, pending))
    }

    /// Reads the next shard of a pending load. An error means the stored data moved on
    /// (another tab saved and removed a shard) or is damaged: load it whole to learn which.
    pub fn continue_load(&self, pending: &mut PendingLoad) -> Result<(), LoadProblem> {
        if pending.is_read() {
            return Ok(());
        }
        let get = |key: &str| self.kv.get(key);
        let shard = pending.next;
        pending.next += 1;
        read_shard_into(&pending.keys, shard, &get, &mut pending.deals, false)
    }

    /// The whole workspace of a pending load whose every shard was read.
    pub fn finish_load(&self, pending: PendingLoad) -> Result<Workspace, LoadProblem> {
        if !pending.is_read() {
            return Err(LoadProblem::Inconsistent);
        }
        build_workspace(pending.structure, pending.columns, pending.deals, false).map(|(ws, _)| ws)
    }
}
