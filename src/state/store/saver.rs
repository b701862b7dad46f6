//! The saver: a change saved after the debounce inside the tabs' write lock, retried after a
//! quota error, flushed when the page hides or goes away, and the browser asked to keep the
//! origin's storage.

use super::*;

impl Store {
    pub(super) fn schedule_save(&self) {
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
    pub(super) fn save_locked(&self, locked: bool) {
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
            let Some(act) = crate::state::act::get() else {
                drop(guard);
                self.save_once_loaded();
                return;
            };
            if std::mem::take(&mut state.wipe_before_save) {
                state.persister.start_fresh();
            }
            let result = crate::state::perf::measure("save", || {
                self.ws.with_untracked(|ws| {
                    let (dirty, at) = (&state.dirty, crate::state::clock::saved_at());
                    (act.save)(&mut state.persister, ws, dirty, at, locked)
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
                    let hook = state.after_save.clone();
                    drop(guard);
                    self.save.set(SaveState::Saved);
                    if let Some(hook) = hook {
                        hook();
                    }
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

    /// A save asked for before the code that writes was loaded (a workspace started or
    /// imported at once): made when it is; when it cannot be fetched, the change stays in
    /// memory as after a failed save, and the retry tries again.
    fn save_once_loaded(&self) {
        let store = *self;
        leptos::task::spawn_local(async move {
            if crate::state::act::load_into(store.acts).await.is_some() {
                store.save_now();
                return;
            }
            store
                .save
                .set(SaveState::NotSaved(SaveFailure::Unavailable));
            let inner = store.inner();
            let mut state = inner.borrow_mut();
            if state.retry.is_none() {
                state.retry = Some(Interval::new(RETRY_MS, move || store.save_now()));
            }
        });
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
            let at_risk = (matches!(store.save.get(), SaveState::NotSaved(_))
                || store.acts.get() != crate::state::act::Acts::Ready)
                && store.has_unsaved();
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
