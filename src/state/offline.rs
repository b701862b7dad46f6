//! The app as an installed, offline one: registers the service worker (`sw.js`, written by the
//! build), tells when a new build is waiting, keeps the browser's install prompt for a button,
//! and follows `navigator.onLine`. Nothing here needs the network: the data never leaves the
//! browser.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// What the shell shows about the app itself.
#[derive(Clone, Copy)]
pub struct Offline {
    /// The browser says it is offline.
    pub offline: RwSignal<bool>,
    /// A new build is installed and waits for the user's agreement to reload.
    pub update_ready: RwSignal<bool>,
    /// The browser's `beforeinstallprompt` event, kept for the Install button.
    install: RwSignal<Option<JsValue>, LocalStorage>,
    registration: RwSignal<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Offline {
    /// Creates the state, provides it as context and wires the browser's events.
    pub fn provide() -> Offline {
        let online = window().navigator().on_line();
        let state = Offline {
            offline: RwSignal::new(!online),
            update_ready: RwSignal::new(false),
            install: RwSignal::new_local(None),
            registration: RwSignal::new_local(None),
        };
        provide_context(state);
        let on_online =
            window_event_listener(leptos::ev::online, move |_| state.offline.set(false));
        let on_offline =
            window_event_listener(leptos::ev::offline, move |_| state.offline.set(true));
        let on_prompt = window_event_listener_untyped("beforeinstallprompt", move |ev| {
            // Kept for our own button instead of the browser's mini-bar.
            ev.prevent_default();
            state.install.set(Some(ev.into()));
        });
        let on_installed = window_event_listener_untyped("appinstalled", move |_| {
            state.install.set(None);
        });
        on_cleanup(move || {
            on_online.remove();
            on_offline.remove();
            on_prompt.remove();
            on_installed.remove();
        });
        state.register();
        state
    }

    /// Whether the browser offers to install the app now.
    pub fn can_install(&self) -> bool {
        self.install.with(Option::is_some)
    }

    /// Shows the browser's install dialog (once: the browser hands out a new prompt later).
    pub fn install(&self) {
        let Some(event) = self.install.get_untracked() else {
            return;
        };
        let prompt = js_sys::Reflect::get(&event, &"prompt".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(prompt) = prompt {
            if let Err(e) = prompt.call0(&event) {
                leptos::logging::warn!("install prompt refused: {e:?}");
            }
        }
        self.install.set(None);
    }

    /// Lets the waiting build take over; the page reloads when it does (see `register`).
    pub fn apply_update(&self) {
        let waiting = self.registration.get_untracked().and_then(|r| r.waiting());
        match waiting {
            Some(worker) => {
                if let Err(e) = worker.post_message(&"skip-waiting".into()) {
                    leptos::logging::warn!("update not applied: {e:?}");
                }
            }
            None => reload(),
        }
    }

    fn register(self) {
        let navigator = window().navigator();
        // No service worker where the browser has none (or a `file:` page).
        if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
            return;
        }
        let container = navigator.service_worker();
        // The new build took over because the user agreed: load it.
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if self.update_ready.get_untracked() {
                reload();
            }
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        let controlled = container.controller().is_some();
        wasm_bindgen_futures::spawn_local(async move {
            let promise = container.register("sw.js");
            let registration = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(r) => r.unchecked_into::<ServiceWorkerRegistration>(),
                Err(e) => {
                    leptos::logging::warn!("service worker not registered: {e:?}");
                    return;
                }
            };
            self.registration.set(Some(registration.clone()));
            // A build already waiting (installed while no tab asked), or one installing now.
            if registration.waiting().is_some() && controlled {
                self.update_ready.set(true);
            }
            let reg = registration.clone();
            let on_found = Closure::<dyn FnMut()>::new(move || {
                if let Some(worker) = reg.installing() {
                    watch(worker, self);
                }
            });
            registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
            // Look for a new build whenever the tab comes back into view.
            let reg = registration.clone();
            let on_visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Visible {
                    if let Err(e) = reg.update() {
                        leptos::logging::warn!("no check for a new build: {e:?}");
                    }
                }
            });
            std::mem::forget(on_visible);
        });
    }
}

/// Marks the update ready once the new worker is installed (while an older one controls the
/// page: on the first visit there is nothing to update).
fn watch(worker: ServiceWorker, state: Offline) {
    let w = worker.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        let controlled = window().navigator().service_worker().controller().is_some();
        if w.state() == ServiceWorkerState::Installed && controlled {
            state.update_ready.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

fn reload() {
    if let Err(e) = window().location().reload() {
        leptos::logging::warn!("reload failed: {e:?}");
    }
}

/// The offline state provided by the app.
pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}
