//! The Data view's recovery copies: every copy of stored data that could not be read, kept in
//! this browser until the user deletes it, with download, restore (every deal that can still
//! be read, previewed before it replaces anything) and delete.

use crate::domain::Workspace;
use crate::i18n::*;
use crate::state::store::use_store;
use crate::state::workspace_file::{self, RecoveryCopy};
use crate::ui::text::{msg, tr};
use crate::ui::{counts, files, format, messages};
use leptos::prelude::*;

/// The list of recovery copies. `on_restore` receives a copy's name, what could be read of it
/// and how many of its deals could not be.
#[component]
pub fn RecoveryCopies(on_restore: Callback<(String, Workspace, usize)>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let row = move |copy: RecoveryCopy| {
        let locale = i18n.get_locale_untracked();
        let size = copy.units;
        let label = match &copy.made_at {
            Some(at) => {
                // RFC 3339 in UTC: the date in the UI's format, the time as written.
                let day = at.get(..10).and_then(crate::domain::time::parse_day);
                let time = at.get(11..16).unwrap_or_default();
                let when = match day {
                    Some(d) => format!("{} {time} UTC", format::date(locale, d)),
                    None => at.clone(),
                };
                counts::copy_made(locale, &when, size)
            }
            None => counts::copy_legacy(locale, size),
        };
        let key = copy.key.clone();
        let download = {
            let key = key.clone();
            move |_| {
                if let Some(text) = store.recovery_text(&key) {
                    let name = format!("{}.json", key.replace(':', "-"));
                    files::download(&name, &text, "application/json");
                }
            }
        };
        let restore = {
            let (key, label) = (key.clone(), label.clone());
            move |_| {
                let Some(text) = store.recovery_text(&key) else {
                    return;
                };
                match workspace_file::salvage(&text) {
                    Ok(s) => {
                        error.set(None);
                        on_restore.run((label.clone(), s.workspace, s.lost));
                    }
                    Err(problem) => error.set(Some(msg!(
                        i18n,
                        data.copy_unreadable,
                        problem = messages::load_problem(i18n, &problem)
                    ))),
                }
            }
        };
        let delete = move |_| {
            let ok = window()
                .confirm_with_message(t_string!(i18n, data.copy_delete_confirm))
                .unwrap_or(false);
            if ok {
                store.remove_copy(&key);
            }
        };
        view! {
            <li class="copy-row" data-testid="recovery-copy">
                <span class="copy-label">{label}</span>
                <span class="copy-actions">
                    <button
                        type="button"
                        class="button button-small"
                        data-action="copy-download"
                        on:click=download
                    >
                        {tr!(i18n, data.copy_download)}
                    </button>
                    <button
                        type="button"
                        class="button button-small"
                        data-action="copy-restore"
                        on:click=restore
                    >
                        {tr!(i18n, data.copy_restore)}
                    </button>
                    <button
                        type="button"
                        class="button button-small button-danger"
                        data-action="copy-delete"
                        on:click=delete
                    >
                        {tr!(i18n, data.copy_delete)}
                    </button>
                </span>
            </li>
        }
    };
    view! {
        <section class="card" data-section="recovery-copies">
            <h2 class="card-title">{tr!(i18n, data.copies_title)}</h2>
            <p class="muted">{tr!(i18n, data.copies_desc)}</p>
            {move || {
                let copies = store.copies.get();
                if copies.is_empty() {
                    view! {
                        <p class="muted" data-testid="no-copies">
                            {tr!(i18n, data.copies_none)}
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="copies">{copies.into_iter().rev().map(row).collect_view()}</ul>
                    }
                        .into_any()
                }
            }}
            {move || {
                error
                    .get()
                    .map(|m| {
                        view! {
                            <p class="form-error" role="alert">
                                {m}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
