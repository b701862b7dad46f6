//! The reactive store the views read: the workspace, undo/redo, and the save machinery
//! (debounced autosave inside the tabs' write lock, flush when the page hides, retry after a
//! quota error, reload and replay when another tab saved newer data, and what to show when
//! another tab replaced the workspace or storage is unavailable).

use super::write_lock::with_write_lock;
use crate::domain::demo::{generate, DemoConfig};
use crate::domain::{
    Change, Command, DealId, DomainError, History, Lang, Outcome, Template, Workspace,
};
use crate::storage::kv::{KeyValue, MemoryKv};
use crate::storage::local::LocalKv;
use crate::storage::persist::{
    Dirty, FirstLoad, LoadProblem, Loaded, PendingLoad, Persister, RecoveryCopy, SaveError, Usage,
    MANIFEST_KEY,
};
use gloo_timers::callback::{Interval, Timeout};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How long after the last change the workspace is saved.
pub const SAVE_DEBOUNCE_MS: u32 = 300;
/// How often a failed save is retried.
pub const RETRY_MS: u32 = 3_000;
/// How long one slice of reading the deals after a first screen runs before the page gets a
/// turn (half a frame).
const SLICE_MS: f64 = 8.0;

/// What the shell shows about saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is in storage.
    Saved,
    /// Changes wait for the debounced save.
    Pending,
    /// The last save failed; changes are kept in memory and retried.
    NotSaved(SaveFailure),
    /// Nothing is written (unreadable data awaiting a choice, or a newer schema).
    Blocked,
}

/// Why the last save failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// Storage is full.
    Quota,
    /// Storage is unavailable.
    Unavailable,
}

/// What the app opened with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Startup {
    /// Nothing stored: ask how to start.
    FirstLaunch,
    /// A workspace is open.
    Ready,
    /// Stored data could not be read; it is kept and nothing is written until the user chooses.
    Unreadable {
        /// What is wrong.
        problem: LoadProblem,
        /// Whether a recovery copy was made.
        backed_up: bool,
    },
    /// Stored by a newer version: read-only (`readable` when this version could show it).
    NewerVersion {
        /// The stored schema version.
        version: u32,
        /// Whether the data could be shown.
        readable: bool,
    },
}

/// Why an action was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    /// The domain refused it.
    Domain(DomainError),
    /// The workspace is read-only (newer schema or unreadable data).
    ReadOnly,
}

impl From<DomainError> for ActionError {
    fn from(e: DomainError) -> Self {
        ActionError::Domain(e)
    }
}

/// Why a workspace could not replace the stored one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplaceError {
    /// The stored data (unreadable or of a newer version) must be copied aside first, and
    /// there is no room for the copy.
    NoRoomForCopy,
}

/// How a new workspace starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartChoice {
    /// The seed's directions, a few employees, a few hundred deals over the last year.
    Demo,
    /// The seed's four directions, no deals.
    Templates,
    /// Nothing at all.
    Blank,
}

/// A change of this tab that could not be applied over another tab's newer data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotApplied {
    /// An undo (not a command).
    pub undo: bool,
    /// What it changed (a deal's title, a direction's name…), if it has a name.
    pub subject: Option<String>,
}

struct Inner {
    persister: Persister,
    history: History,
    dirty: Dirty,
    /// Changes since the last save, to replay over newer data from another tab.
    pending: Vec<Change>,
    timer: Option<Timeout>,
    retry: Option<Interval>,
    /// A save waits for the write lock.
    save_queued: bool,
    /// Drop what is stored before the next save (an import replacing unreadable data).
    wipe_before_save: bool,
    /// Storage is unavailable: the workspace lives in memory only.
    volatile: bool,
    /// Bumped for every deal a change touches: cards are keyed by it, so a move re-renders
    /// only the cards it touched.
    versions: HashMap<DealId, u32>,
    /// Bumped when the workspace is replaced wholesale: every card re-renders.
    epoch: u32,
    /// The deals still to read after the board's first screen (see [`Store::read_all`]).
    loading: Option<PendingLoad>,
}

impl Inner {
    fn bump(&mut self, deals: &[DealId]) {
        for id in deals {
            *self.versions.entry(*id).or_default() += 1;
        }
    }

    fn has_unsaved(&self) -> bool {
        !self.dirty.is_empty() || !self.pending.is_empty()
    }
}

/// An undo or a redo, and the write of the workspace it was (see [`Store::changes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// An undo (`false`: a redo).
    pub undo: bool,
    /// The value of [`Store::changes`] it left.
    pub changes: u64,
}

/// The app's state, shared through context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Store {
    /// The workspace; only commands change it (views read it through [`Store::ws`]).
    ws: RwSignal<Workspace>,
    /// Saving status.
    pub save: RwSignal<SaveState>,
    /// How the app started.
    pub startup: RwSignal<Startup>,
    /// Storage fill.
    pub usage: RwSignal<Usage>,
    /// Whether the browser granted persistent storage (`None` until it answered).
    pub persisted: RwSignal<Option<bool>>,
    /// Whether undo / redo are available.
    pub can_undo: RwSignal<bool>,
    /// See `can_undo`.
    pub can_redo: RwSignal<bool>,
    /// Changes of this tab that could not be applied over another tab's newer data.
    pub not_applied: RwSignal<Vec<NotApplied>>,
    /// Another tab replaced the workspace this tab showed (import, start over).
    pub replaced_elsewhere: RwSignal<bool>,
    /// Storage is unavailable: nothing is saved (the workspace lives in this page only).
    pub volatile: RwSignal<bool>,
    /// The recovery copies kept in this browser.
    pub copies: RwSignal<Vec<RecoveryCopy>>,
    /// The board's first screen is shown and the rest of the deals is still being read.
    pub reading: RwSignal<bool>,
    /// Counts every write of the workspace (see [`Store::changes`]).
    changes: StoredValue<u64>,
    /// The last undo or redo: see [`Store::last_step`].
    last_step: StoredValue<Option<Step>>,
    inner: StoredValue<Rc<RefCell<Inner>>, LocalStorage>,
}

/// What the app shows for a load's result: the workspace, how it started, the save state.
fn opened(loaded: Loaded) -> (Workspace, Startup, SaveState) {
    match loaded {
        Loaded::Empty => (Workspace::default(), Startup::FirstLaunch, SaveState::Saved),
        Loaded::Ready(ws, _) => (*ws, Startup::Ready, SaveState::Saved),
        Loaded::NewerVersion(ws, version) => {
            let readable = ws.is_some();
            (
                ws.map(|w| *w).unwrap_or_default(),
                Startup::NewerVersion { version, readable },
                SaveState::Blocked,
            )
        }
        Loaded::Unreadable { problem, backed_up } => (
            Workspace::default(),
            Startup::Unreadable { problem, backed_up },
            SaveState::Blocked,
        ),
    }
}

/// A tab's random name, so that its shard keys never collide with another tab's.
fn tab_name() -> String {
    let n = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("{n:x}")
}

impl Store {
    /// Opens the store over the browser's localStorage, or over memory (with a banner saying
    /// nothing is saved) when the browser blocks storage. A tab opened on the board starts
    /// from the board's first screen and reads the rest of the deals afterwards.
    pub fn open() -> Store {
        let on_board = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .is_some_and(|h| h == super::route::View::Board.hash());
        match LocalKv::open() {
            Ok(kv) => Store::open_with(Box::new(kv), false, on_board),
            Err(_) => Store::open_with(Box::new(MemoryKv::default()), true, false),
        }
    }

    /// Opens the store over any key-value storage; `volatile` when nothing it holds outlives
    /// the page; `first_screen`: start from the board's first screen when the stored
    /// manifest carries one (then [`Store::read_in_slices`] reads the rest).
    pub fn open_with(kv: Box<dyn KeyValue>, volatile: bool, first_screen: bool) -> Store {
        let mut persister = Persister::with_tab(kv, tab_name());
        persister.set_clock(super::clock::saved_at);
        let (loaded, loading) = super::perf::measure("load", || {
            if !first_screen {
                return (persister.load(), None);
            }
            match persister.load_first() {
                FirstLoad::Whole(loaded) => (loaded, None),
                FirstLoad::First(ws, pending) => (Loaded::Ready(ws, 0), Some(pending)),
            }
        });
        let usage = persister.usage();
        let (ws, startup, save) = opened(loaded);
        // Nothing outlives the page: say so from the start, not "All changes saved".
        let save = if volatile {
            SaveState::NotSaved(SaveFailure::Unavailable)
        } else {
            save
        };
        let copies = persister.recovery_copies();
        let reading = loading.is_some();
        let inner = Inner {
            persister,
            history: History::default(),
            dirty: Dirty::default(),
            pending: Vec::new(),
            timer: None,
            retry: None,
            save_queued: false,
            wipe_before_save: false,
            volatile,
            versions: HashMap::new(),
            epoch: 0,
            loading,
        };
        Store {
            ws: RwSignal::new(ws),
            save: RwSignal::new(save),
            startup: RwSignal::new(startup),
            usage: RwSignal::new(usage),
            persisted: RwSignal::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            not_applied: RwSignal::new(Vec::new()),
            replaced_elsewhere: RwSignal::new(false),
            volatile: RwSignal::new(volatile),
            copies: RwSignal::new(copies),
            reading: RwSignal::new(reading),
            changes: StoredValue::new(0),
            last_step: StoredValue::new(None),
            inner: StoredValue::new_local(Rc::new(RefCell::new(inner))),
        }
    }

    /// Reads the deals a first screen left, a slice at a time after the page has painted.
    pub fn read_in_slices(&self) {
        if !self.reading.get_untracked() {
            return;
        }
        let store = *self;
        request_animation_frame(move || store.next_slice());
    }

    fn next_slice(self) {
        set_timeout(
            move || {
                if self.read_slice(SLICE_MS) {
                    self.next_slice();
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Reads every deal a first screen left to read, at once: every command, save, filter and
    /// view other than the board's first screen calls this first, so the domain never acts on
    /// part of the deals. Does nothing once they are read.
    pub fn read_all(&self) {
        while self.read_slice(f64::INFINITY) {}
    }

    /// Reads shards of a pending load for about `budget_ms`; returns whether some are left.
    /// When the last is read the whole workspace takes the first screen's place; if one
    /// cannot be read (another tab saved and removed it, or damage), the whole load decides.
    fn read_slice(&self, budget_ms: f64) -> bool {
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let Some(pending) = state.loading.as_mut() else {
            return false;
        };
        let now = || js_sys::Date::now();
        let started = now();
        let mut failed = false;
        while !pending.is_read() {
            if state.persister.continue_load(pending).is_err() {
                failed = true;
                break;
            }
            if now() - started >= budget_ms {
                return true;
            }
        }
        let pending = state.loading.take().expect("checked above");
        let whole = if failed {
            Err(())
        } else {
            super::perf::measure("load-rest", || state.persister.finish_load(pending)).map_err(drop)
        };
        let same_deals = whole.is_ok();
        let (ws, startup, save) = match whole {
            // The same deals as the first screen's: its cards stay.
            Ok(ws) => (ws, Startup::Ready, SaveState::Saved),
            Err(()) => {
                // Perhaps another tab's newer deals: every card is drawn again.
                state.epoch += 1;
                opened(state.persister.load())
            }
        };
        self.usage.set(state.persister.usage());
        self.copies.set(state.persister.recovery_copies());
        drop(guard);
        if same_deals {
            // The first screen's deals, every one as it was: what was drawn of them stands.
            self.ws.set(ws);
        } else {
            self.set_ws(ws);
        }
        if self.startup.get_untracked() != startup {
            self.startup.set(startup);
        }
        if self.save.get_untracked() != save {
            self.save.set(save);
        }
        self.reading.set(false);
        false
    }

    fn inner(&self) -> Rc<RefCell<Inner>> {
        self.inner.get_value()
    }

    /// How many times the workspace was written in this page: a view that keeps something
    /// drawn from it keeps it while this stays the same (a stage's task renamed changes no
    /// deal's version, so a card's key alone would not tell).
    pub fn changes(&self) -> u64 {
        self.changes.get_value()
    }

    fn count_change(&self) {
        self.changes.update_value(|n| *n += 1);
    }

    /// The last undo or redo of this tab: a view that announced a change can tell that the
    /// next write was its undo (or the redo of that undo) and say so.
    pub fn last_step(&self) -> Option<Step> {
        self.last_step.get_value()
    }

    fn set_ws(&self, ws: Workspace) {
        self.count_change();
        self.ws.set(ws);
    }

    /// The workspace, to read: views change it only by dispatching commands.
    pub fn ws(&self) -> ReadSignal<Workspace> {
        self.ws.read_only()
    }

    /// Whether commands are refused (read-only or awaiting recovery, or not started yet).
    pub fn read_only(&self) -> bool {
        !matches!(self.startup.get_untracked(), Startup::Ready)
    }

    /// Applies a command (recorded for undo) and schedules a save.
    pub fn dispatch(&self, command: Command) -> Result<Outcome, ActionError> {
        self.read_all();
        if self.read_only() {
            return Err(ActionError::ReadOnly);
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let mut result = Err(DomainError::NothingToUndo);
        self.count_change();
        self.ws
            .update(|ws| result = state.history.apply(ws, command.clone()));
        let outcome = result?;
        let touched = state.history.last_touched_deals();
        state.bump(&touched);
        state.dirty.add_deals(touched);
        state.pending.push(Change::Apply(command));
        drop(guard);
        self.after_change();
        Ok(outcome)
    }

    /// Undoes the last command.
    pub fn undo(&self) -> Result<(), ActionError> {
        self.step(true)
    }

    /// Redoes the last undone command.
    pub fn redo(&self) -> Result<(), ActionError> {
        self.step(false)
    }

    fn step(&self, undo: bool) -> Result<(), ActionError> {
        self.read_all();
        if self.read_only() {
            return Err(ActionError::ReadOnly);
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let before = state.history.last_touched_deals();
        let mut result = Err(DomainError::NothingToUndo);
        self.count_change();
        self.ws.update(|ws| {
            result = if undo {
                state.history.undo(ws)
            } else {
                state.history.redo(ws).map(Change::Apply)
            };
        });
        let change = result?;
        // Views read it once the workspace's effects run, after this returns.
        self.last_step.set_value(Some(Step {
            undo,
            changes: self.changes(),
        }));
        let after = state.history.last_touched_deals();
        state.bump(&before);
        state.bump(&after);
        state.dirty.add_deals(before);
        state.dirty.add_deals(after);
        state.pending.push(change);
        drop(guard);
        self.after_change();
        Ok(())
    }

    fn after_change(&self) {
        let (can_undo, can_redo, volatile) = {
            let inner = self.inner();
            let state = inner.borrow();
            (
                state.history.can_undo(),
                state.history.can_redo(),
                state.volatile,
            )
        };
        self.can_undo.set(can_undo);
        self.can_redo.set(can_redo);
        if volatile {
            self.save.set(SaveState::NotSaved(SaveFailure::Unavailable));
            return;
        }
        if !matches!(self.save.get_untracked(), SaveState::NotSaved(_)) {
            self.save.set(SaveState::Pending);
        }
        self.schedule_save();
    }

    fn schedule_save(&self) {
        let store = *self;
        let timer = Timeout::new(SAVE_DEBOUNCE_MS, move || store.save_now());
        self.inner().borrow_mut().timer = Some(timer);
    }

    /// Whether changes wait to be written.
    pub fn has_unsaved(&self) -> bool {
        self.inner().borrow().has_unsaved()
    }

    /// Saves inside the tabs' write lock (debounce fired, or a retry).
    pub fn save_now(&self) {
        if !matches!(self.startup.get_untracked(), Startup::Ready) {
            return;
        }
        {
            let inner = self.inner();
            let mut state = inner.borrow_mut();
            if state.save_queued || state.volatile {
                return;
            }
            state.save_queued = true;
        }
        let store = *self;
        with_write_lock(move || {
            store.inner().borrow_mut().save_queued = false;
            store.save_locked(true);
        });
    }

    /// The save itself; the caller holds the write lock (`locked`), or the page is going away
    /// and the save removes nothing.
    fn save_locked(&self, locked: bool) {
        // A conflict reloads, replays and saves again; another tab may save in between only
        // without Web Locks, so a few rounds always suffice.
        for _ in 0..4 {
            if !matches!(self.startup.get_untracked(), Startup::Ready)
                || !matches!(
                    self.save.get_untracked(),
                    SaveState::Pending | SaveState::NotSaved(_)
                )
            {
                return;
            }
            let inner = self.inner();
            let mut guard = inner.borrow_mut();
            let state = &mut *guard;
            // A first screen is part of the deals: never written (nothing to write either,
            // as every change reads the rest first).
            if state.volatile || state.loading.is_some() {
                return;
            }
            if std::mem::take(&mut state.wipe_before_save) {
                state.persister.start_fresh();
            }
            let result = super::perf::measure("save", || {
                self.ws.with_untracked(|ws| {
                    let (dirty, at) = (&state.dirty, super::clock::saved_at());
                    if locked {
                        state.persister.save(ws, dirty, at)
                    } else {
                        state.persister.save_uncollected(ws, dirty, at)
                    }
                })
            });
            match result {
                Ok(_) => {
                    state.dirty = Dirty::default();
                    state.pending.clear();
                    // Dropped on the next tick: this may be the retry interval's own callback.
                    if let Some(retry) = state.retry.take() {
                        Timeout::new(0, move || drop(retry)).forget();
                    }
                    self.usage.set(state.persister.usage());
                    self.save.set(SaveState::Saved);
                    return;
                }
                Err(SaveError::Conflict(_) | SaveError::Replaced) => {
                    drop(guard);
                    if !self.reload_newer() {
                        return;
                    }
                }
                Err(SaveError::Blocked) => {
                    self.save.set(SaveState::Blocked);
                    return;
                }
                Err(e) => {
                    let failure = if e == SaveError::Quota {
                        SaveFailure::Quota
                    } else {
                        SaveFailure::Unavailable
                    };
                    state.persister.measure();
                    self.usage.set(state.persister.usage());
                    self.save.set(SaveState::NotSaved(failure));
                    if state.retry.is_none() {
                        let store = *self;
                        state.retry = Some(Interval::new(RETRY_MS, move || store.save_now()));
                    }
                    return;
                }
            }
        }
    }

    /// Another tab saved: load what is stored now. Of the same workspace, this tab's unsaved
    /// changes are replayed on top (what cannot be is listed in `not_applied`); a workspace
    /// replaced wholesale (import, start over) is shown as it is, and this tab's changes are
    /// listed as not applied. Returns whether replayed changes wait to be saved.
    pub fn reload_newer(&self) -> bool {
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        if state.volatile || !state.persister.stored_changed() {
            return false;
        }
        // What a first screen left to read is another tab's past now: the reload below reads
        // the whole of what is stored.
        if state.loading.take().is_some() {
            self.reading.set(false);
        }
        let had_workspace = self.startup.get_untracked() == Startup::Ready
            && self
                .ws
                .with_untracked(|ws| ws.directions().next().is_some() || ws.deal_count() > 0);
        let before = state.persister.lineage().map(str::to_string);
        let loaded = state.persister.load_without_copy();
        let same =
            had_workspace && before.is_some() && state.persister.lineage() == before.as_deref();
        let pending = std::mem::take(&mut state.pending);
        let mut failed: Vec<NotApplied> = Vec::new();
        let mut replayed = Dirty::default();
        let mut kept = Vec::new();
        let describe = |change: &Change| {
            let subject = self.ws.with_untracked(|ws| change.command().subject(ws));
            NotApplied {
                undo: matches!(change, Change::Undo { .. }),
                subject,
            }
        };
        let (ws, startup) = match loaded {
            Loaded::Ready(mut newer, _) => {
                for change in pending {
                    if same {
                        match change.replay(&mut newer) {
                            Ok(touched) => {
                                replayed.add_deals(touched);
                                kept.push(change);
                            }
                            Err(_) => failed.push(describe(&change)),
                        }
                    } else {
                        failed.push(describe(&change));
                    }
                }
                (*newer, Startup::Ready)
            }
            Loaded::Empty => {
                failed.extend(pending.iter().map(describe));
                (Workspace::default(), Startup::FirstLaunch)
            }
            Loaded::NewerVersion(ws, version) => {
                failed.extend(pending.iter().map(describe));
                (
                    ws.as_deref().cloned().unwrap_or_default(),
                    Startup::NewerVersion {
                        version,
                        readable: ws.is_some(),
                    },
                )
            }
            Loaded::Unreadable { problem, .. } => {
                failed.extend(pending.iter().map(describe));
                let backed_up = !state.persister.recovery_copies().is_empty();
                (
                    Workspace::default(),
                    Startup::Unreadable { problem, backed_up },
                )
            }
        };
        if same {
            state.history.rebase();
        } else {
            state.history.clear();
        }
        state.epoch += 1;
        state.dirty = replayed;
        state.pending = kept;
        let save_again = !state.pending.is_empty();
        let (can_undo, can_redo) = (state.history.can_undo(), state.history.can_redo());
        self.usage.set(state.persister.usage());
        self.copies.set(state.persister.recovery_copies());
        drop(guard);
        self.set_ws(ws);
        if self.startup.get_untracked() != startup {
            self.startup.set(startup.clone());
        }
        self.can_undo.set(can_undo);
        self.can_redo.set(can_redo);
        if !same && had_workspace {
            self.replaced_elsewhere.set(true);
        }
        if !failed.is_empty() {
            self.not_applied.update(|list| list.extend(failed));
        }
        let state = match startup {
            Startup::Ready | Startup::FirstLaunch if save_again => SaveState::Pending,
            Startup::Ready | Startup::FirstLaunch => SaveState::Saved,
            _ => SaveState::Blocked,
        };
        self.save.set(state);
        save_again
    }

    /// Replaces the workspace wholesale (first launch, import, restore): forgets undo and
    /// writes everything as a new lineage, which other tabs then show. Over unreadable or
    /// newer-version data, a recovery copy of it is made first (refused when there is no
    /// room). Returns the workspace it replaced.
    pub fn replace(&self, ws: Workspace) -> Result<Workspace, ReplaceError> {
        self.read_all();
        let inner = self.inner();
        {
            let mut state = inner.borrow_mut();
            let blocked = matches!(
                self.startup.get_untracked(),
                Startup::Unreadable { .. } | Startup::NewerVersion { .. }
            );
            if blocked && !state.volatile {
                state
                    .persister
                    .keep_copy()
                    .map_err(|_| ReplaceError::NoRoomForCopy)?;
                state.wipe_before_save = true;
                let copies = state.persister.recovery_copies();
                self.copies.set(copies);
            }
            state.history.clear();
            state.epoch += 1;
            state.dirty = Dirty::replacement();
            state.pending.clear();
        }
        self.count_change();
        let old = self
            .ws
            .try_update(|current| std::mem::replace(current, ws))
            .unwrap_or_default();
        if self.startup.get_untracked() != Startup::Ready {
            self.startup.set(Startup::Ready);
        }
        self.replaced_elsewhere.set(false);
        self.can_undo.set(false);
        self.can_redo.set(false);
        if inner.borrow().volatile {
            self.save.set(SaveState::NotSaved(SaveFailure::Unavailable));
        } else {
            self.save.set(SaveState::Pending);
            self.save_now();
        }
        Ok(old)
    }

    /// Starts a new workspace the way the user chose, in the UI's language. A workspace
    /// without the demo's team starts with one employee, `me`: the rep using the app.
    pub fn start(&self, choice: StartChoice, lang: Lang, me: &str) {
        let ws = match choice {
            StartChoice::Demo => generate(&DemoConfig::app(super::clock::now(), lang)),
            StartChoice::Templates | StartChoice::Blank => {
                let currency = crate::domain::Currency::for_new_workspace(lang);
                let mut ws = Workspace::new(currency, lang);
                // A new workspace accepts these: a refusal here is a bug the tests catch.
                ws.apply(&Command::AddEmployee {
                    name: me.to_string(),
                })
                .expect("a new workspace takes its first employee");
                if choice == StartChoice::Templates {
                    for template in Template::ALL {
                        ws.apply(&Command::CreateDirectionFromTemplate { template, lang })
                            .expect("templates are valid directions");
                    }
                }
                ws
            }
        };
        // The first-launch chooser is shown only when nothing unreadable is stored.
        if self.replace(ws).is_err() {
            self.save.set(SaveState::NotSaved(SaveFailure::Quota));
        }
    }

    /// Drops the stored workspace (after unreadable data, or "Start over"; recovery copies
    /// stay) and returns to the first-launch choice. Other tabs see it at once and show the
    /// first-launch choice too instead of writing over it.
    pub fn start_fresh(&self) {
        {
            let inner = self.inner();
            let mut state = inner.borrow_mut();
            state.history.clear();
            state.dirty = Dirty::default();
            state.pending.clear();
            state.epoch += 1;
            state.loading = None;
        }
        self.reading.set(false);
        self.set_ws(Workspace::default());
        self.can_undo.set(false);
        self.can_redo.set(false);
        self.save.set(SaveState::Saved);
        self.startup.set(Startup::FirstLaunch);
        self.replaced_elsewhere.set(false);
        let store = *self;
        with_write_lock(move || {
            let inner = store.inner();
            let mut state = inner.borrow_mut();
            state.persister.start_fresh();
            store.usage.set(state.persister.usage());
            store.copies.set(state.persister.recovery_copies());
        });
    }

    /// Every stored key of ours, raw, as one JSON object (for the recovery download): the
    /// newest recovery copy if there is one, else what is stored now.
    pub fn raw_dump(&self) -> String {
        let inner = self.inner();
        let state = inner.borrow();
        state
            .persister
            .recovery_copy()
            .unwrap_or_else(|| state.persister.raw_dump())
    }

    /// The text of one recovery copy.
    pub fn recovery_text(&self, key: &str) -> Option<String> {
        self.inner().borrow().persister.recovery_text(key)
    }

    /// Removes a recovery copy (the user confirmed, after it was offered for download).
    pub fn remove_copy(&self, key: &str) {
        let (store, key) = (*self, key.to_string());
        with_write_lock(move || {
            let inner = store.inner();
            let mut state = inner.borrow_mut();
            state.persister.remove_copy(&key);
            state.persister.measure();
            store.usage.set(state.persister.usage());
            store.copies.set(state.persister.recovery_copies());
        });
    }

    /// A key that changes whenever the deal's card must be drawn again.
    pub fn card_key(&self, deal: DealId) -> (DealId, u32, u32) {
        let inner = self.inner();
        let state = inner.borrow();
        (
            deal,
            state.versions.get(&deal).copied().unwrap_or(0),
            state.epoch,
        )
    }

    /// The revision last saved or loaded.
    pub fn revision(&self) -> u64 {
        self.inner().borrow().persister.revision()
    }

    /// Wires the browser events: flush on `pagehide` / hidden, reload on another tab's save,
    /// and the browser's "leave the page?" question while changes could not be saved.
    pub fn attach_browser_events(&self) {
        let store = *self;
        // A page going away cannot wait for the lock; the save protocol's own checks keep
        // this one write safe (docs/RELIABILITY.md).
        let flush = move || {
            if store.has_unsaved() {
                store.save_locked(false);
            }
        };
        let h1 = window_event_listener(leptos::ev::pagehide, move |_| flush());
        let h2 = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                store.save_now();
            }
        });
        let h3 = window_event_listener(leptos::ev::storage, move |e: web_sys::StorageEvent| {
            let ours = e.key().is_none_or(|k| k == MANIFEST_KEY);
            if ours && store.reload_newer() {
                store.save_now();
            }
        });
        // Registered only while something could not be saved, so that a page with
        // everything saved stays eligible for the back-forward cache.
        let unload: StoredValue<Option<WindowListenerHandle>, LocalStorage> =
            StoredValue::new_local(None);
        Effect::new(move |_| {
            let at_risk = matches!(store.save.get(), SaveState::NotSaved(_)) && store.has_unsaved();
            let registered = unload.with_value(Option::is_some);
            if at_risk && !registered {
                let handle = window_event_listener(
                    leptos::ev::beforeunload,
                    |e: web_sys::BeforeUnloadEvent| {
                        e.prevent_default();
                        e.set_return_value("unsaved");
                    },
                );
                unload.set_value(Some(handle));
            } else if !at_risk && registered {
                if let Some(handle) = unload.try_update_value(Option::take).flatten() {
                    handle.remove();
                }
            }
        });
        on_cleanup(move || {
            h1.remove();
            h2.remove();
            h3.remove();
        });
    }

    /// Asks the browser to keep this origin's storage (not evicted under pressure).
    pub fn request_persistence(&self) {
        let persisted = self.persisted;
        let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
            return;
        };
        let Ok(promise) = storage.persist() else {
            persisted.set(Some(false));
            return;
        };
        leptos::task::spawn_local(async move {
            let granted = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            persisted.set(Some(granted));
        });
    }
}

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
