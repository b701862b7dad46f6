//! The Data view: how full storage is, persistent storage, export, import (file picker and
//! drop zone, validated, previewed and confirmed, with the replaced workspace kept for
//! download) and starting over.

use crate::domain::Workspace;
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::{use_store, ReplaceError, Startup};
use crate::storage::envelope::{self, ReadError, MAX_FILE_BYTES};
use crate::ui::{counts, files, format, messages};
use leptos::prelude::*;

pub mod export;
use export::export_now;
mod recovery;

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
enum ImportState {
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
}

/// The Data view.
#[component]
pub fn DataView() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let state = RwSignal::new(ImportState::Idle);
    let candidate: StoredValue<Option<Workspace>> = StoredValue::new(None);
    // The workspace an import replaced, with its revision: written out only if the user asks
    // for it (exporting 10,000 deals takes about 100 ms, too much to spend on every import).
    let backup: RwSignal<Option<(Workspace, u64)>> = RwSignal::new(None);
    let dragging = RwSignal::new(false);

    let take_file = move |file: web_sys::File| {
        let name = file.name();
        state.set(ImportState::Reading(name.clone()));
        leptos::task::spawn_local(async move {
            // `None`: the browser could not read the file at all.
            let result = match files::read_text(file, MAX_FILE_BYTES).await {
                Ok(text) => Some(
                    crate::state::perf::measure("import", || envelope::read_workspace(&text))
                        .map(|(_, ws)| ws),
                ),
                Err(files::FileError::TooLarge(size)) => Some(Err(ReadError::TooLarge(size))),
                Err(files::FileError::NotUtf8) => Some(Err(ReadError::NotUtf8)),
                Err(files::FileError::Unreadable) => None,
            };
            let Some(result) = result else {
                let message = format!(
                    "{} {}",
                    t_string!(i18n, import_error.prefix, name = name.clone()),
                    t_string!(i18n, import_error.unreadable)
                );
                state.set(ImportState::Failed { name, message });
                return;
            };
            match result {
                Ok(ws) => {
                    let file = Counts::of(&ws);
                    let now = store.ws().with_untracked(Counts::of);
                    candidate.set_value(Some(ws));
                    state.set(ImportState::Preview {
                        name,
                        now,
                        file,
                        restore: None,
                    });
                }
                Err(e) => {
                    let message = format!(
                        "{} {}",
                        t_string!(i18n, import_error.prefix, name = name.clone()),
                        messages::read_error(i18n, &e)
                    );
                    state.set(ImportState::Failed { name, message });
                }
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
    let on_restore = Callback::new(move |(label, ws, lost): (String, Workspace, usize)| {
        let file = Counts::of(&ws);
        let now = store.ws().with_untracked(Counts::of);
        candidate.set_value(Some(ws));
        state.set(ImportState::Preview {
            name: label,
            now,
            file,
            restore: Some(lost),
        });
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
    let stored_unreadable = move || {
        matches!(
            store.startup.get(),
            Startup::Unreadable { .. } | Startup::NewerVersion { .. }
        )
    };
    let cancel = move |_| {
        candidate.set_value(None);
        state.set(ImportState::Idle);
    };
    let start_over = move |_| {
        if window()
            .confirm_with_message(t_string!(i18n, data.start_over_confirm))
            .unwrap_or(false)
        {
            export_now();
            store.start_fresh();
        }
    };

    let usage_line = move || {
        let u = store.usage.get();
        let locale = i18n.get_locale();
        counts::storage_used(locale, u.used, u.quota, u.percent())
    };
    let persist_line = move || match store.persisted.get() {
        Some(true) => t_string!(i18n, data.persist_granted),
        Some(false) => t_string!(i18n, data.persist_denied),
        None => t_string!(i18n, data.persist_pending),
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

    view! {
        <section class="view data-view" data-view="data">
            <h1 class="view-title">{t!(i18n, views.data_title)}</h1>

            <div class="data-grid">
                <section class="card" data-section="summary">
                    <h2 class="card-title">{t!(i18n, data.summary_title)}</h2>
                    {move || {
                        let c = store.ws().with(Counts::of);
                        let locale = i18n.get_locale();
                        let row = move |key: &'static str, label: &'static str, n: usize| {
                            view! {
                                <div class="summary-row" data-count=key>
                                    <dt>{label}</dt>
                                    <dd>{format::integer(locale, n as i64)}</dd>
                                </div>
                            }
                        };
                        view! {
                            <dl class="summary">
                                {row("directions", t_string!(i18n, data.count_directions), c.directions)}
                                {row("stages", t_string!(i18n, data.count_stages), c.stages)}
                                {row("employees", t_string!(i18n, data.count_employees), c.employees)}
                                {row("deals", t_string!(i18n, data.count_deals), c.deals)}
                                {row("plans", t_string!(i18n, data.count_plans), c.plans)}
                            </dl>
                        }
                    }}
                </section>

                <section class="card" data-section="storage">
                    <h2 class="card-title">{t!(i18n, data.storage_title)}</h2>
                    <meter
                        class="storage-meter"
                        min="0"
                        max="100"
                        low="60"
                        high="80"
                        optimum="0"
                        value=move || store.usage.get().percent().min(100)
                    ></meter>
                    <p class="storage-used" data-testid="storage-used">{usage_line}</p>
                    <p class="muted" data-testid="persist">{persist_line}</p>
                </section>

                <section class="card" data-section="export">
                    <h2 class="card-title">{t!(i18n, data.export_title)}</h2>
                    <p class="muted">{t!(i18n, data.export_desc)}</p>
                    <button type="button" class="button button-primary" data-action="export" on:click=move |_| export_now()>
                        {t!(i18n, data.export_button)}
                    </button>
                </section>

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
                    <h2 class="card-title">{t!(i18n, data.import_title)}</h2>
                    <p class="muted">{t!(i18n, data.import_desc)}</p>
                    <label class="button file-button">
                        {t!(i18n, data.choose_file)}
                        <input
                            type="file"
                            accept=".json,application/json"
                            class="visually-hidden"
                            data-action="import-file"
                            on:change=on_input
                        />
                    </label>
                    <span class="muted drop-hint">{t!(i18n, data.drop_here)}</span>
                    {move || match state.get() {
                        ImportState::Idle => ().into_any(),
                        ImportState::Reading(name) => {
                            view! { <p class="muted" role="status">{t_string!(i18n, data.reading, name = name).to_string()}</p> }
                                .into_any()
                        }
                        ImportState::Failed { message, .. } => {
                            view! { <p class="form-error" role="alert" data-testid="import-error">{message}</p> }.into_any()
                        }
                        ImportState::Preview { name, now, file, restore } => {
                            let heading = match restore {
                                Some(_) => t_string!(i18n, data.restore_preview).to_string(),
                                None => t_string!(i18n, data.preview, name = name).to_string(),
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
                                    {stored_unreadable().then(|| view! { <p class="form-error" data-testid="replace-unreadable">{t!(i18n, data.replace_unreadable)}</p> })}
                                    <table class="counts">
                                        <thead>
                                            <tr>
                                                <th></th>
                                                <th scope="col">{t!(i18n, data.now)}</th>
                                                <th scope="col">{t!(i18n, data.in_file)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {preview_row(t_string!(i18n, data.count_directions), now.directions, file.directions)}
                                            {preview_row(t_string!(i18n, data.count_stages), now.stages, file.stages)}
                                            {preview_row(t_string!(i18n, data.count_employees), now.employees, file.employees)}
                                            {preview_row(t_string!(i18n, data.count_deals), now.deals, file.deals)}
                                            {preview_row(t_string!(i18n, data.count_plans), now.plans, file.plans)}
                                        </tbody>
                                    </table>
                                    <div class="form-actions">
                                        <button type="button" class="button button-primary" data-action="confirm-import" on:click=confirm>
                                            {button}
                                        </button>
                                        <button type="button" class="button" data-action="cancel-import" on:click=cancel>
                                            {t!(i18n, data.cancel)}
                                        </button>
                                    </div>
                                </div>
                            }
                                .into_any()
                        }
                        ImportState::Done(name) => {
                            view! {
                                <p class="form-ok" role="status" data-testid="import-done">
                                    {t_string!(i18n, data.imported, name = name).to_string()}
                                </p>
                            }
                                .into_any()
                        }
                        ImportState::Restored => {
                            view! { <p class="form-ok" role="status" data-testid="import-done">{t!(i18n, data.restored)}</p> }.into_any()
                        }
                    }}
                    <Show when=move || backup.with(Option::is_some)>
                        <button
                            type="button"
                            class="button"
                            data-action="download-backup"
                            on:click=move |_| {
                                let text = backup.with_untracked(|b| {
                                    b.as_ref().map(|(ws, revision)| envelope::export(ws, *revision, clock::saved_at()))
                                });
                                if let Some(text) = text {
                                    let name = format!("voronka-replaced-{}.json", format::iso_date(clock::today()));
                                    files::download(&name, &text, "application/json");
                                }
                            }
                        >
                            {t!(i18n, data.download_backup)}
                        </button>
                    </Show>
                </section>

                <recovery::RecoveryCopies on_restore=on_restore />

                <section class="card" data-section="start-over">
                    <h2 class="card-title">{t!(i18n, data.start_over_title)}</h2>
                    <p class="muted">{t!(i18n, data.start_over_desc)}</p>
                    <button type="button" class="button button-danger" data-action="start-over" on:click=start_over>
                        {t!(i18n, data.start_over_button)}
                    </button>
                </section>
            </div>
        </section>
    }
}
