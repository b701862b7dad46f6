//! The JSON export, offered by the Data view and by the header whenever saving fails, and the
//! CSV export of deals (the Data view's: all of them; the board's: those it shows).

use crate::state::store::{use_store, Store};
use crate::state::{clock, workspace_file};
use crate::ui::files;
use crate::ui::when::When;
use leptos::prelude::*;

/// Downloads the current workspace as `voronka-YYYY-MM-DD.json`.
pub fn export_now() {
    export_of(use_store());
}

/// [`export_now`] of a given store (from a task, where there is no context to read). Made once
/// the code that writes the file is loaded (a failed fetch is what the shell's banner says).
pub fn export_of(store: crate::state::store::Store) {
    let text = crate::state::perf::measure("export", || {
        store
            .ws()
            .with_untracked(|ws| workspace_file::export_text(ws, store.revision()))
    });
    let Some(text) = text else {
        leptos::task::spawn_local(async move {
            if crate::state::act::load_into(store.acts).await.is_some() {
                export_of(store);
            }
        });
        return;
    };
    files::download(
        &files::export_name(clock::today()),
        &text,
        "application/json",
    );
}

/// Which deals a CSV export writes, and in which language its column names are.
pub struct CsvJob {
    /// The deals to write (sorted), or `None` for every deal.
    pub deals: Option<Vec<crate::domain::DealId>>,
    /// The column names' language.
    pub lang: crate::domain::Lang,
}

/// The CSV text of `job`'s deals in board order (in the export's module: the CSV writer and
/// the number formats only a click on an export needs).
fn csv_text(ws: &crate::domain::Workspace, job: &CsvJob) -> String {
    let keep = |d: &&crate::domain::Deal| {
        job.deals
            .as_ref()
            .is_none_or(|ids| ids.binary_search(&d.id).is_ok())
    };
    crate::crm::export::export(
        ws,
        crate::crm::export::board_order(ws).filter(keep),
        job.lang,
    )
}

#[cfg(feature = "split")]
mod split {
    use super::*;
    use crate::ui::lazy::LoadFailed;

    #[leptos::wasm_split::wasm_split(
        export,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(#[allow(non_snake_case)] load_module)
    )]
    pub fn csv_split(ws: &crate::domain::Workspace, job: &CsvJob) -> Result<String, LoadFailed> {
        Ok(csv_text(ws, job))
    }

    pub fn load() -> crate::ui::lazy::Loading {
        Box::pin(load_module())
    }

    pub fn csv(ws: &crate::domain::Workspace, job: &CsvJob) -> Option<String> {
        crate::ui::lazy::ready(csv_split(ws, job)).and_then(Result::ok)
    }
}

#[cfg(not(feature = "split"))]
mod split {
    use super::*;

    pub fn load() -> crate::ui::lazy::Loading {
        Box::pin(async { Ok(()) })
    }

    pub fn csv(ws: &crate::domain::Workspace, job: &CsvJob) -> Option<String> {
        Some(csv_text(ws, job))
    }
}

/// The CSV export's module, for the preload after the first paint.
pub const CSV_EXPORT: crate::ui::lazy::Module = crate::ui::lazy::Module {
    load: split::load,
    draw: || ().into_any(),
};

/// Downloads `job`'s deals as `voronka-deals-YYYY-MM-DD.csv`, once the export's module is
/// loaded (at once when it is); `Err` when the module cannot be fetched.
pub async fn export_csv(store: Store, job: CsvJob) -> Result<(), crate::ui::lazy::LoadFailed> {
    split::load().await?;
    let text = crate::state::perf::measure("export-csv", || {
        store.ws().with_untracked(|ws| split::csv(ws, &job))
    });
    // Loaded a moment ago: the call cannot find it missing.
    let Some(text) = text else {
        return Ok(());
    };
    let name = format!(
        "voronka-deals-{}.csv",
        crate::ui::format::iso_date(clock::today())
    );
    files::download(&name, &text, "text/csv;charset=utf-8");
    Ok(())
}

/// A button that exports deals as CSV (the board's shown deals, or the Data view's every
/// deal): busy while the export's module loads, and a message with the button as its retry
/// when the module cannot be fetched.
#[component]
pub fn CsvExportButton(
    /// The button's `data-action`.
    action: &'static str,
    /// The button's classes.
    class: &'static str,
    /// The tooltip and accessible name, when the text alone says too little.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// The deals to export (sorted), asked at the click; `None` for every deal.
    deals: Callback<(), Option<Vec<crate::domain::DealId>>>,
    children: Children,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let store = use_store();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let export = move |_| {
        if busy.get_untracked() {
            return;
        }
        let job = CsvJob {
            deals: deals.run(()),
            lang: crate::ui::format::content_lang(i18n.get_locale_untracked()),
        };
        busy.set(true);
        failed.set(false);
        leptos::task::spawn_local(async move {
            let result = export_csv(store, job).await;
            busy.try_set(false);
            failed.try_set(result.is_err());
        });
    };
    let title = move || label.map(|l| l.get());
    view! {
        <button
            type="button"
            class=class
            data-action=action
            title=title
            aria-label=title
            aria-busy=move || busy.get().then_some("true")
            on:click=export
        >
            {children()}
        </button>
        <When when=move || failed.get()>
            <span class="export-failed" role="alert" data-testid="export-failed">
                {crate::ui::text::tr!(i18n, data.export_csv_failed)}
            </span>
        </When>
    }
}
