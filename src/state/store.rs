//! The reactive store the views read: the workspace, undo/redo, and the save machinery
//! (debounced autosave, flush when the page hides, retry after a quota error, reload when
//! another tab saved newer data).

use crate::domain::demo::{generate, DemoConfig};
use crate::domain::{Command, DealId, DomainError, History, Lang, Outcome, Template, Workspace};
use crate::storage::kv::{KeyValue, LocalKv, MemoryKv};
use crate::storage::persist::{
    Dirty, LoadProblem, Loaded, Persister, SaveError, Usage, MANIFEST_KEY,
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
        /// Whether a copy was put under the recovery key.
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

struct Inner {
    persister: Persister,
    history: History,
    dirty: Dirty,
    /// Commands applied since the last save, to replay over newer data from another tab;
    /// `None` once an undo or a wholesale replacement makes replaying impossible.
    pending: Option<Vec<Command>>,
    timer: Option<Timeout>,
    retry: Option<Interval>,
    /// Bumped for every deal a change touches: cards are keyed by it, so a move re-renders
    /// only the cards it touched.
    versions: HashMap<DealId, u32>,
    /// Bumped when the workspace is replaced wholesale: every card re-renders.
    epoch: u32,
}

impl Inner {
    fn bump(&mut self, deals: &[DealId]) {
        for id in deals {
            *self.versions.entry(*id).or_default() += 1;
        }
    }
}

/// The app's state, shared through context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Store {
    /// The workspace.
    pub ws: RwSignal<Workspace>,
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
    /// Changes this tab could not replay over another tab's newer data.
    pub dropped_changes: RwSignal<usize>,
    inner: StoredValue<Rc<RefCell<Inner>>, LocalStorage>,
}

impl Store {
    /// Opens the store over the browser's localStorage (or memory when storage is disabled).
    pub fn open() -> Store {
        let kv: Box<dyn KeyValue> = match LocalKv::open() {
            Some(kv) => Box::new(kv),
            None => Box::new(MemoryKv::default()),
        };
        Store::open_with(kv)
    }

    /// Opens the store over any key-value storage.
    pub fn open_with(kv: Box<dyn KeyValue>) -> Store {
        let mut persister = Persister::new(kv);
        let loaded = super::perf::measure("load", || persister.load());
        let usage = persister.usage();
        let (ws, startup, save) = match loaded {
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
        };
        let inner = Inner {
            persister,
            history: History::default(),
            dirty: Dirty::default(),
            pending: Some(Vec::new()),
            timer: None,
            retry: None,
            versions: HashMap::new(),
            epoch: 0,
        };
        Store {
            ws: RwSignal::new(ws),
            save: RwSignal::new(save),
            startup: RwSignal::new(startup),
            usage: RwSignal::new(usage),
            persisted: RwSignal::new(None),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            dropped_changes: RwSignal::new(0),
            inner: StoredValue::new_local(Rc::new(RefCell::new(inner))),
        }
    }

    fn inner(&self) -> Rc<RefCell<Inner>> {
        self.inner.get_value()
    }

    /// Whether commands are refused (read-only or awaiting recovery, or not started yet).
    pub fn read_only(&self) -> bool {
        !matches!(self.startup.get_untracked(), Startup::Ready)
    }

    /// Applies a command (recorded for undo) and schedules a save.
    pub fn dispatch(&self, command: Command) -> Result<Outcome, ActionError> {
        if self.read_only() {
            return Err(ActionError::ReadOnly);
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let mut result = Err(DomainError::NothingToUndo);
        self.ws
            .update(|ws| result = state.history.apply(ws, command.clone()));
        let outcome = result?;
        let touched = state.history.last_touched_deals();
        state.bump(&touched);
        state.dirty.add_deals(touched);
        if let Some(pending) = state.pending.as_mut() {
            pending.push(command);
        }
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
        if self.read_only() {
            return Err(ActionError::ReadOnly);
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let before = state.history.last_touched_deals();
        let mut result = Ok(());
        self.ws.update(|ws| {
            result = if undo {
                state.history.undo(ws)
            } else {
                state.history.redo(ws)
            }
            .map(|_| ());
        });
        result?;
        let after = state.history.last_touched_deals();
        state.bump(&before);
        state.bump(&after);
        state.dirty.add_deals(before);
        state.dirty.add_deals(after);
        state.pending = None;
        drop(guard);
        self.after_change();
        Ok(())
    }

    fn after_change(&self) {
        let (can_undo, can_redo) = {
            let inner = self.inner();
            let state = inner.borrow();
            (state.history.can_undo(), state.history.can_redo())
        };
        self.can_undo.set(can_undo);
        self.can_redo.set(can_redo);
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
        let inner = self.inner();
        let state = inner.borrow();
        state.dirty.all
            || !state.dirty.shards.is_empty()
            || state.pending.as_ref().is_none_or(|p| !p.is_empty())
    }

    /// Writes now (debounce fired, the page is hiding, or a retry).
    pub fn save_now(&self) {
        if !matches!(self.startup.get_untracked(), Startup::Ready) {
            return;
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        // The debounce timer is not dropped here: this may be its own callback running.
        if !matches!(
            self.save.get_untracked(),
            SaveState::Pending | SaveState::NotSaved(_)
        ) {
            return;
        }
        let result = super::perf::measure("save", || {
            self.ws.with_untracked(|ws| {
                state
                    .persister
                    .save(ws, &state.dirty, super::clock::saved_at())
            })
        });
        match result {
            Ok(_) => {
                state.dirty = Dirty::default();
                state.pending = Some(Vec::new());
                // Dropped on the next tick: this may be the retry interval's own callback.
                if let Some(retry) = state.retry.take() {
                    Timeout::new(0, move || drop(retry)).forget();
                }
                self.usage.set(state.persister.usage());
                self.save.set(SaveState::Saved);
            }
            Err(SaveError::Conflict(_)) => {
                drop(guard);
                self.reload_newer();
            }
            Err(SaveError::Blocked) => self.save.set(SaveState::Blocked),
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
            }
        }
    }

    /// Another tab saved: load its newer data and replay this tab's unsaved commands on top.
    pub fn reload_newer(&self) {
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let ours = state.persister.revision();
        if state
            .persister
            .stored_revision()
            .is_none_or(|stored| stored <= ours)
        {
            return;
        }
        let Loaded::Ready(mut newer, _) = state.persister.load() else {
            return;
        };
        let pending = state.pending.take().unwrap_or_default();
        let mut dropped = 0;
        let mut replayed = Dirty::default();
        for command in &pending {
            match newer.apply_logged(command) {
                Ok((_, log)) => replayed.add_deals(log.touched_deals()),
                Err(_) => dropped += 1,
            }
        }
        state.history.clear();
        state.epoch += 1;
        state.dirty = replayed;
        state.pending = Some(Vec::new());
        self.usage.set(state.persister.usage());
        self.ws.set(*newer);
        if self.startup.get_untracked() == Startup::FirstLaunch {
            self.startup.set(Startup::Ready);
        }
        self.can_undo.set(false);
        self.can_redo.set(false);
        if dropped > 0 {
            self.dropped_changes.update(|n| *n += dropped);
        }
        let replayed_any = pending.len() > dropped;
        drop(guard);
        if replayed_any {
            self.save.set(SaveState::Pending);
            self.save_now();
        } else {
            self.save.set(SaveState::Saved);
        }
    }

    /// Replaces the workspace wholesale (first launch, import, start over): forgets undo and
    /// writes everything. Returns the workspace it replaced.
    pub fn replace(&self, ws: Workspace) -> Workspace {
        let inner = self.inner();
        {
            let mut state = inner.borrow_mut();
            state.history.clear();
            state.epoch += 1;
            state.dirty = Dirty::everything();
            state.pending = None;
        }
        let old = self
            .ws
            .try_update(|current| std::mem::replace(current, ws))
            .unwrap_or_default();
        if self.startup.get_untracked() != Startup::Ready {
            self.startup.set(Startup::Ready);
        }
        self.can_undo.set(false);
        self.can_redo.set(false);
        self.save.set(SaveState::Pending);
        self.save_now();
        old
    }

    /// Starts a new workspace the way the user chose, in the UI's language. A workspace
    /// without the demo's team starts with one employee, `me`: the rep using the app.
    pub fn start(&self, choice: StartChoice, lang: Lang, me: &str) {
        let ws = match choice {
            StartChoice::Demo => generate(&DemoConfig {
                seed: 2026,
                employees: 5,
                deals: 300,
                today: super::clock::today(),
                lang,
            }),
            StartChoice::Templates | StartChoice::Blank => {
                let currency = if lang == Lang::Ru {
                    crate::domain::Currency::Rub
                } else {
                    crate::domain::Currency::Usd
                };
                let mut ws = Workspace::new(currency, lang);
                let _ = ws.apply(&Command::AddEmployee {
                    name: me.to_string(),
                });
                if choice == StartChoice::Templates {
                    for template in Template::ALL {
                        let _ = ws.apply(&Command::CreateDirectionFromTemplate { template, lang });
                    }
                }
                ws
            }
        };
        self.replace(ws);
    }

    /// After unreadable data: drops what is stored (its copy stays under the recovery key) and
    /// returns to the first-launch choice.
    pub fn start_fresh(&self) {
        let inner = self.inner();
        inner.borrow_mut().persister.start_fresh();
        self.usage.set(inner.borrow().persister.usage());
        self.ws.set(Workspace::default());
        self.save.set(SaveState::Saved);
        self.startup.set(Startup::FirstLaunch);
    }

    /// Every stored key of ours, raw, as one JSON object (for the recovery download).
    pub fn raw_dump(&self) -> String {
        let inner = self.inner();
        let state = inner.borrow();
        state
            .persister
            .recovery_copy()
            .unwrap_or_else(|| state.persister.raw_dump())
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

    /// Wires the browser events: flush on `pagehide` / hidden, reload on another tab's save.
    pub fn attach_browser_events(&self) {
        let store = *self;
        let flush = move || {
            if store.has_unsaved() {
                store.save_now();
            }
        };
        let h1 = window_event_listener(leptos::ev::pagehide, move |_| flush());
        let h2 = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                flush();
            }
        });
        let h3 = window_event_listener(leptos::ev::storage, move |e: web_sys::StorageEvent| {
            let ours = e.key().is_none_or(|k| k == MANIFEST_KEY);
            if ours {
                store.reload_newer();
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
