//! The JSON export, offered by the Data view and by the header whenever saving fails, and the
//! CSV export of deals (the Data view's: all of them; the board's: those it shows).

use crate::state::store::use_store;
use crate::state::{clock, workspace_file};
use crate::ui::files;
use leptos::prelude::*;

/// Downloads the current workspace as `voronka-YYYY-MM-DD.json`.
pub fn export_now() {
    export_of(use_store());
}

/// [`export_now`] of a given store (from a task, where there is no context to read).
pub fn export_of(store: crate::state::store::Store) {
    let text = crate::state::perf::measure("export", || {
        store
            .ws()
            .with_untracked(|ws| workspace_file::export_text(ws, store.revision()))
    });
    files::download(
        &files::export_name(clock::today()),
        &text,
        "application/json",
    );
}

/// Downloads the deals that pass `keep`, in board order, as `voronka-deals-YYYY-MM-DD.csv`
/// with the column names of the UI's language.
pub fn export_csv_now(locale: crate::i18n::Locale, keep: impl Fn(&crate::domain::Deal) -> bool) {
    let store = use_store();
    let lang = crate::ui::format::content_lang(locale);
    let text = crate::state::perf::measure("export-csv", || {
        store.ws().with_untracked(|ws| {
            crate::crm::export::export(
                ws,
                crate::crm::export::board_order(ws).filter(|d| keep(d)),
                lang,
            )
        })
    });
    let name = format!(
        "voronka-deals-{}.csv",
        crate::ui::format::iso_date(clock::today())
    );
    files::download(&name, &text, "text/csv;charset=utf-8");
}
