//! Importing a workspace: a file picked or dropped (or a recovery copy to restore) is read,
//! validated and previewed with its counts beside the current ones; confirmed, it replaces the
//! workspace, and the replaced one can be downloaded until the page closes.

use super::csv::{CsvPanel, CsvSession};
use super::recovery::RecoveryCopies;
use crate::crm::{self, CsvError};
use crate::domain::Workspace;
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::{use_store, ReplaceError, Startup};
use crate::state::workspace_file::{self, ReadError, MAX_FILE_BYTES};
use crate::ui::modal::DialogActions;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use crate::ui::{counts, files, format, messages};
use leptos::prelude::*;

/// What an import would change: counts now and in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Counts {
    /// Directions.
    pub directions: usize,
    /// Stages over all directions.
    pub stages: usize,
    /// Employees.
    pub employees: usize,
    /// Deals.
    pub deals: usize,
    /// Plans set by hand.
    pub plans: usize,
}

impl Counts {
    /// The counts of a workspace.
    pub fn of(ws: &Workspace) -> Counts {
        Counts {
            directions: ws.directions().count(),
            stages: ws.directions().map(|d| d.stages.len()).sum(),
            employees: ws.employees().count(),
            deals: ws.deal_count(),
            plans: ws.plans().count(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportState {
    Idle,
    Reading(String),
    Preview {
        name: String,
        now: Counts,
        file: Counts,
        /// From a recovery copy: how many of its deals could not be read.
        restore: Option<usize>,
    },
    Failed {
        name: String,
        message: String,
    },
    Done(String),
    Restored,
    /// A CSV file being mapped.
    Csv(CsvSession),
    /// A CSV file's deals were added: how many, and whether directions were created (whose
    /// stage tasks are still to be set).
    CsvAdded {
        deals: usize,
        new_directions: bool,
    },
}

/// The import's state, shared by the import card and the recovery copies' "Restore".
#[derive(Clone, Copy)]
pub struct Importer {
    state: RwSignal<ImportState>,
    candidate: StoredValue<Option<Workspace>>,
    // The workspace an import replaced, with its revision: written out only if the user asks
    // for it (exporting 10,000 deals takes about 100 ms, too much to spend on every import).
    backup: RwSignal<Option<(Workspace, u64)>>,
    /// The CSV file being mapped, if any.
    csv: CsvSession,
}

impl Importer {
    /// Nothing chosen yet.
    pub fn new() -> Importer {
        Importer {
            state: RwSignal::new(ImportState::Idle),
            candidate: StoredValue::new(None),
            backup: RwSignal::new(None),
            csv: CsvSession::new(),
        }
    }

    /// Moves to `next`, letting a CSV file's rows go when its screen closes.
    fn set(&self, next: ImportState) {
        let was_csv = matches!(self.state.get_untracked(), ImportState::Csv(_));
        self.state.set(next);
        if was_csv && !matches!(self.state.get_untracked(), ImportState::Csv(_)) {
            self.csv.clear();
        }
    }

    /// Shows `ws` for confirmation, named `name`; `restore` is how many deals of a recovery
    /// copy could not be read (`None` for a file).
    fn preview(&self, name: String, ws: Workspace, restore: Option<usize>, now: Counts) {
        let file = Counts::of(&ws);
        self.candidate.set_value(Some(ws));
        self.state.set(ImportState::Preview {
            name,
            now,
            file,
            restore,
        });
    }
}

/// The import card and, below it, the recovery copies (whose "Restore" previews here).
#[component]
pub fn ImportAndRecovery() -> impl IntoView {
    let store = use_store();
    let importer = Importer::new();
    let on_restore = Callback::new(move |(label, ws, lost): (String, Workspace, usize)| {
        importer.preview(label, ws, Some(lost), store.ws().with_untracked(Counts::of));
        // The preview is drawn in the import card, away from the copy's button: bring it up.
        request_animation_frame(|| {
            if let Some(preview) = document()
                .query_selector("[data-testid=import-preview]")
                .ok()
                .flatten()
            {
                preview.scroll_into_view();
            }
        });
    });
    view! {
        <ImportCard importer=importer />
        <RecoveryCopies on_restore=on_restore />
    }
}

/// A file picker and drop zone, the import's status, and the replaced workspace's download.
#[component]
fn ImportCard(importer: Importer) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let Importer { state, .. } = importer;
    let dragging = RwSignal::new(false);
    let take_file = move |file: web_sys::File| {
        let name = file.name();
        importer.set(ImportState::Reading(name.clone()));
        // A file named .csv is held to the CSV limit before it is read.
        let named_csv = files::is_csv(&name, &[]);
        let max = if named_csv {
            crm::MAX_CSV_BYTES
        } else {
            MAX_FILE_BYTES
        };
        leptos::task::spawn_local(async move {
            let fail = move |name: String, reason: String| {
                let message = format!("{} {reason}", msg!(i18n, import_error.prefix, name = name));
                importer.set(ImportState::Failed { name, message });
            };
            let bytes = match files::read_bytes(file, max).await {
                Ok(bytes) => bytes,
                Err(files::FileError::TooLarge(size)) if named_csv => {
                    return fail(name, messages::csv_error(i18n, &CsvError::TooLarge(size)));
                }
                Err(files::FileError::TooLarge(size)) => {
                    return fail(name, messages::read_error(i18n, &ReadError::TooLarge(size)));
                }
                Err(_) => return fail(name, t_string!(i18n, import_error.unreadable).to_string()),
            };
            if files::is_csv(&name, &bytes) {
                let opened = crate::state::perf::measure("csv-import", || {
                    importer.csv.open(name.clone(), &bytes, store, i18n)
                });
                match opened {
                    Ok(()) => state.set(ImportState::Csv(importer.csv)),
                    Err(e) => fail(name, messages::csv_error(i18n, &e)),
                }
                return;
            }
            let result = match String::from_utf8(bytes) {
                // Strictly UTF-8: a Windows-1251 file decoded loosely would import every
                // Cyrillic name as U+FFFD without a word.
                Ok(text) => {
                    crate::state::perf::measure("import", || workspace_file::read_workspace(&text))
                        .map(|(_, ws)| ws)
                }
                Err(_) => Err(ReadError::NotUtf8),
            };
            match result {
                Ok(ws) => importer.preview(name, ws, None, store.ws().with_untracked(Counts::of)),
                Err(e) => fail(name, messages::read_error(i18n, &e)),
            }
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take_file(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            take_file(file);
        }
    };
    view! {
        <section
            class="card drop-zone"
            class:dragging=move || dragging.get()
            data-section="import"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 class="card-title">{tr!(i18n, data.import_title)}</h2>
            <p class="muted">{tr!(i18n, data.import_desc)}</p>
            <label class="button file-button">
                {tr!(i18n, data.choose_file)}
                <input
                    type="file"
                    accept=".json,.csv,application/json,text/csv"
                    class="visually-hidden"
                    data-action="import-file"
                    on:change=on_input
                />
            </label>
            <span class="muted drop-hint">{tr!(i18n, data.drop_here)}</span>
            <ImportStatus importer=importer />
            <BackupDownload importer=importer />
        </section>
    }
}

/// Reading, refused, the preview to confirm, or done.
#[component]
fn ImportStatus(importer: Importer) -> impl IntoView {
    let i18n = use_i18n();
    let state = importer.state;
    move || match state.get() {
        ImportState::Idle => ().into_any(),
        ImportState::Reading(name) => view! {
            <p class="muted" role="status">
                {msg!(i18n, data.reading, name = name)}
            </p>
        }
        .into_any(),
        ImportState::Failed { message, .. } => view! {
            <p class="form-error" role="alert" data-testid="import-error">
                {message}
            </p>
        }
        .into_any(),
        ImportState::Preview {
            name,
            now,
            file,
            restore,
        } => view! { <Preview importer=importer name=name now=now file=file restore=restore /> }
            .into_any(),
        ImportState::Done(name) => view! {
            <p class="form-ok" role="status" data-testid="import-done">
                {msg!(i18n, data.imported, name = name)}
            </p>
        }
        .into_any(),
        ImportState::Restored => view! {
            <p class="form-ok" role="status" data-testid="import-done">
                {tr!(i18n, data.restored)}
            </p>
        }
        .into_any(),
        ImportState::Csv(session) => {
            view! { <CsvImport importer=importer session=session /> }.into_any()
        }
        ImportState::CsvAdded {
            deals,
            new_directions,
        } => view! {
            <p class="form-ok" role="status" data-testid="import-done">
                {counts::csv(i18n.get_locale(), counts::CsvCount::Done, deals)}
            </p>
            {new_directions.then(|| view! { <p class="muted">{tr!(i18n, csv.fill_tasks)}</p> })}
        }
        .into_any(),
    }
}

/// The file's counts beside the current ones, and Replace / Cancel.
#[component]
fn Preview(
    importer: Importer,
    name: String,
    now: Counts,
    file: Counts,
    restore: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let Importer {
        state,
        candidate,
        backup,
        ..
    } = importer;
    let confirm = move |_| {
        let Some(ws) = candidate.try_update_value(Option::take).flatten() else {
            return;
        };
        let (name, restoring) = match state.get_untracked() {
            ImportState::Preview { name, restore, .. } => (name, restore.is_some()),
            _ => (String::new(), false),
        };
        let revision = store.revision();
        match store.replace(ws) {
            Ok(replaced) => {
                backup.set(Some((replaced, revision)));
                state.set(if restoring {
                    ImportState::Restored
                } else {
                    ImportState::Done(name)
                });
            }
            Err(ReplaceError::NoRoomForCopy) => state.set(ImportState::Failed {
                name,
                message: t_string!(i18n, data.no_room_for_copy).to_string(),
            }),
        }
    };
    let cancel = move |_| {
        candidate.set_value(None);
        state.set(ImportState::Idle);
    };
    let stored_unreadable = move || {
        matches!(
            store.startup.get(),
            Startup::Unreadable { .. } | Startup::NewerVersion { .. }
        )
    };
    let preview_row = move |label: &'static str, now: usize, file: usize| {
        let locale = i18n.get_locale_untracked();
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{format::integer(locale, now as i64)}</td>
                <td>{format::integer(locale, file as i64)}</td>
            </tr>
        }
    };
    let heading = match restore {
        Some(_) => t_string!(i18n, data.restore_preview).to_string(),
        None => msg!(i18n, data.preview, name = name),
    };
    let lost = restore.filter(|n| *n > 0).map(|count| {
        view! { <p class="form-error">{counts::restore_lost(i18n.get_locale_untracked(), count)}</p> }
    });
    let button = if restore.is_some() {
        t_string!(i18n, data.restore_button)
    } else {
        t_string!(i18n, data.replace)
    };
    view! {
        <div class="import-preview" data-testid="import-preview">
            <p>{heading}</p>
            {lost}
            {stored_unreadable()
                .then(|| {
                    view! {
                        <p class="form-error" data-testid="replace-unreadable">
                            {tr!(i18n, data.replace_unreadable)}
                        </p>
                    }
                })}
            <table class="counts">
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col">{tr!(i18n, data.now)}</th>
                        <th scope="col">{tr!(i18n, data.in_file)}</th>
                    </tr>
                </thead>
                <tbody>
                    {preview_row(
                        t_string!(i18n, data.count_directions),
                        now.directions,
                        file.directions,
                    )} {preview_row(t_string!(i18n, data.count_stages), now.stages, file.stages)}
                    {preview_row(
                        t_string!(i18n, data.count_employees),
                        now.employees,
                        file.employees,
                    )} {preview_row(t_string!(i18n, data.count_deals), now.deals, file.deals)}
                    {preview_row(t_string!(i18n, data.count_plans), now.plans, file.plans)}
                </tbody>
            </table>
            <DialogActions>
                <button
                    type="button"
                    class="button button-primary"
                    data-action="confirm-import"
                    on:click=confirm
                >
                    {button}
                </button>
                <button type="button" class="button" data-action="cancel-import" on:click=cancel>
                    {tr!(i18n, data.cancel)}
                </button>
            </DialogActions>
        </div>
    }
}

/// Download of the workspace the last import replaced (kept in memory until the page closes).
#[component]
fn BackupDownload(importer: Importer) -> impl IntoView {
    let i18n = use_i18n();
    let backup = importer.backup;
    view! {
        <When when=move || backup.with(Option::is_some)>
            <button
                type="button"
                class="button"
                data-action="download-backup"
                on:click=move |_| {
                    let text = backup
                        .with_untracked(|b| {
                            b.as_ref()
                                .and_then(|(ws, revision)| workspace_file::export_text(
                                    ws,
                                    *revision,
                                ))
                        });
                    if let Some(text) = text {
                        let name = format!(
                            "voronka-replaced-{}.json",
                            format::iso_date(clock::today()),
                        );
                        files::download(&name, &text, "application/json");
                    }
                }
            >
                {tr!(i18n, data.download_backup)}
            </button>
        </When>
    }
}

/// The CSV mapping screen; its confirm adds the deals as one command (one undo step), or
/// downloads a backup and replaces the workspace with them.
#[component]
fn CsvImport(importer: Importer, session: CsvSession) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let Importer { state, backup, .. } = importer;
    let fail = move |message: String| {
        let name = session.name.get_value();
        let message = format!("{} {message}", msg!(i18n, import_error.prefix, name = name));
        state.set(ImportState::Failed { name, message });
    };
    let on_confirm = Callback::new(move |session: CsvSession| {
        // Planned again against the workspace as it is now (another tab may have changed it).
        session.replan(store, i18n);
        let plan = session.plan.get_untracked();
        let deals = plan.batch.deals.len();
        let new_directions = !plan.batch.directions.is_empty();
        let command = crate::domain::Command::ImportDeals(Box::new(plan.batch.clone()));
        if !session.replace.get_untracked() {
            match store.dispatch(command) {
                Ok(_) => state.set(ImportState::CsvAdded {
                    deals,
                    new_directions,
                }),
                Err(e) => fail(crate::ui::errors::action_error(i18n, &e)),
            }
            return;
        }
        let mut ws = super::csv::empty_like(store, i18n);
        if let Err(e) = ws.apply(&command) {
            return fail(crate::ui::errors::domain_error(i18n, &e));
        }
        super::export::export_now();
        let revision = store.revision();
        match store.replace(ws) {
            Ok(replaced) => {
                backup.set(Some((replaced, revision)));
                importer.set(ImportState::Done(session.name.get_value()));
            }
            Err(ReplaceError::NoRoomForCopy) => {
                fail(t_string!(i18n, data.no_room_for_copy).to_string())
            }
        }
    });
    let on_cancel = Callback::new(move |()| importer.set(ImportState::Idle));
    view! { <CsvPanel session=session store=store on_confirm=on_confirm on_cancel=on_cancel /> }
}
