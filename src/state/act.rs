//! What changes the workspace and writes it — every command's rules, undo and redo, a change
//! replayed over another tab's save, the save itself and the export file — in a wasm module of
//! its own (the `split` build). The first screen is drawn without it; it is fetched as the app
//! starts, while that screen is drawn, and [`get`] has it from then on. Without the feature
//! (browser tests, `trunk serve`) it is in the one module and always there.

use crate::domain::{Change, Command, DealId, DomainError, History, Outcome, Workspace};
use crate::storage::persist::{Dirty, Persister, SaveError};
use leptos::prelude::*;
use std::cell::Cell;

/// The module's work, as plain functions called synchronously once it is loaded.
pub struct Actions {
    /// A command applied and recorded for undo.
    pub apply: fn(&mut History, &mut Workspace, Command) -> Result<Outcome, DomainError>,
    /// The last command undone.
    pub undo: fn(&mut History, &mut Workspace) -> Result<Change, DomainError>,
    /// The last undone command applied again.
    pub redo: fn(&mut History, &mut Workspace) -> Result<Command, DomainError>,
    /// A change of this tab applied again over another tab's newer data: the deals it touched.
    pub replay: fn(&Change, &mut Workspace) -> Result<Vec<DealId>, DomainError>,
    /// The save protocol (`locked`: inside the tabs' write lock, so it also collects what is
    /// no longer used); the revision written.
    pub save: fn(&mut Persister, &Workspace, &Dirty, String, bool) -> Result<u64, SaveError>,
    /// The workspace as an export file's text at a revision.
    pub export_text: fn(&Workspace, u64) -> String,
}

/// The one table of the module's functions (only the split point names it in a split build,
/// so that they all go to the module).
static ACTIONS: Actions = Actions {
    apply: |history, ws, command| history.apply(ws, command),
    undo: |history, ws| history.undo(ws),
    redo: |history, ws| history.redo(ws),
    replay: |change, ws| change.replay(ws),
    save: |persister, ws, dirty, at, locked| {
        if locked {
            persister.save(ws, dirty, at)
        } else {
            persister.save_uncollected(ws, dirty, at)
        }
    },
    export_text: |ws, revision| {
        crate::storage::envelope::export(ws, revision, crate::state::clock::saved_at())
    },
};

/// Where the module's load stands (the shell holds the page still while it loads, and says
/// so with a Retry when it cannot be fetched).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acts {
    /// On its way.
    Loading,
    /// Loaded: every change works.
    Ready,
    /// Could not be fetched: the workspace can be read, not changed.
    Failed,
}

thread_local! {
    static LOADED: Cell<Option<&'static Actions>> = const { Cell::new(None) };
}

#[cfg(feature = "split")]
mod split {
    use super::*;
    use crate::ui::lazy::LoadFailed;

    #[leptos::wasm_split::wasm_split(act, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn actions_split() -> Result<&'static Actions, LoadFailed> {
        Ok(&ACTIONS)
    }

    pub async fn load() -> Option<&'static Actions> {
        actions_split().await.ok()
    }

    pub fn at_once() -> Option<&'static Actions> {
        None
    }
}

#[cfg(not(feature = "split"))]
mod split {
    use super::*;

    pub async fn load() -> Option<&'static Actions> {
        Some(&ACTIONS)
    }

    pub fn at_once() -> Option<&'static Actions> {
        Some(&ACTIONS)
    }
}

/// The module's functions, when it is loaded.
pub fn get() -> Option<&'static Actions> {
    LOADED.with(Cell::get).or_else(split::at_once)
}

/// Fetches the module (at once when it is loaded); `None` when it cannot be fetched.
async fn load() -> Option<&'static Actions> {
    if let Some(actions) = get() {
        return Some(actions);
    }
    let actions = split::load().await;
    if actions.is_some() {
        LOADED.with(|l| l.set(actions));
    }
    actions
}

/// Fetches the module (at once when it is loaded) and notes how it went in `state`, so that
/// whichever caller fetched it, the shell's banner says what is true.
pub async fn load_into(state: RwSignal<Acts>) -> Option<&'static Actions> {
    let actions = load().await;
    state.try_set(if actions.is_some() {
        Acts::Ready
    } else {
        Acts::Failed
    });
    actions
}

/// Fetches the module in the background, `state` saying it is on its way (a Retry calls it
/// again).
pub fn fetch_into(state: RwSignal<Acts>) {
    if get().is_some() {
        state.set(Acts::Ready);
        return;
    }
    state.set(Acts::Loading);
    leptos::task::spawn_local(async move {
        load_into(state).await;
    });
}
