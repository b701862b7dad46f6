//! The reactive store the views read: the workspace signal and what the shell shows about it
//! (saving, start-up, storage), here; in parts, each an `impl Store` of its own:
//! `history` (dispatch, undo, redo), `saver` (debounced autosave inside the tabs' write lock,
//! retry after a quota error, flush when the page hides), `tabs` (reload and replay when
//! another tab saved newer data) and `lifecycle` (reading the deals after the first screen,
//! starting, replacing and recovering a workspace) and `remote` (a team's changes taken in,
//! and the hooks the team sync follows saves and reloads by).

mod history;
mod lifecycle;
mod remote;
mod saver;
mod tabs;

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
    /// In a team, this user may not make this change (the reason is one of
    /// `voronka_core::sync::roles::reason`).
    NotAllowed(&'static str),
    /// The code that makes changes (`state::act`) is not loaded yet, or could not be fetched.
    NotLoaded,
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
    /// Called after every successful save, inside the write lock (the team record is
    /// written then: see `crate::team`).
    after_save: Option<Rc<dyn Fn()>>,
    /// Called after another tab's data was loaded over this tab's.
    after_reload: Option<Rc<dyn Fn()>>,
    /// Asked before every command: in a team, whether this user may make it.
    guard: Option<Guard>,
    /// Counts the times the workspace was replaced wholesale (import, start over, another
    /// tab's replacement): a team connection belongs to one workspace.
    replacements: u64,
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

/// Whether the user may apply a command to the workspace (`Err`: why not).
pub type Guard = Rc<dyn Fn(&Workspace, &Command) -> Result<(), &'static str>>;

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
    /// Whether the code that makes changes is loaded (`state::act`).
    pub acts: RwSignal<crate::state::act::Acts>,
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
        persister.set_clock(crate::state::clock::saved_at);
        let (loaded, loading) = crate::state::perf::measure("load", || {
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
            after_save: None,
            after_reload: None,
            guard: None,
            replacements: 0,
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
            acts: RwSignal::new(if crate::state::act::get().is_some() {
                crate::state::act::Acts::Ready
            } else {
                crate::state::act::Acts::Loading
            }),
            changes: StoredValue::new(0),
            last_step: StoredValue::new(None),
            inner: StoredValue::new_local(Rc::new(RefCell::new(inner))),
        }
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
}

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
