//! The JSON export, offered by the Data view and by the header whenever saving fails.

use crate::state::clock;
use crate::state::store::use_store;
use crate::storage::envelope;
use crate::ui::files;
use leptos::prelude::*;

/// Downloads the current workspace as `voronka-YYYY-MM-DD.json`.
pub fn export_now() {
    let store = use_store();
    let text = crate::state::perf::measure("export", || {
        store
            .ws()
            .with_untracked(|ws| envelope::export(ws, store.revision(), clock::saved_at()))
    });
    files::download(
        &files::export_name(clock::today()),
        &text,
        "application/json",
    );
}
