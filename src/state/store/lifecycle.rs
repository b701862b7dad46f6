//! The workspace's life: the deals read after the board's first screen (in slices), a new
//! workspace started or imported over the old one, a fresh start, and the recovery copies.

use super::*;

impl Store {
    /// Reads the deals a first screen left, a slice at a time after the page has painted.
    pub fn read_in_slices(&self) {
        if !self.reading.get_untracked() {
            return;
        }
        let store = *self;
        request_animation_frame(move || store.next_slice());
    }

    pub(super) fn next_slice(self) {
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
    pub(super) fn read_slice(&self, budget_ms: f64) -> bool {
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
            crate::state::perf::measure("load-rest", || state.persister.finish_load(pending))
                .map_err(drop)
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
            state.replacements += 1;
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
            StartChoice::Demo => generate(&DemoConfig::app(crate::state::clock::now(), lang)),
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
            state.replacements += 1;
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
}
