//! What the shell says about the data: the save indicator in the header, and the banners
//! (unreadable data, newer schema, storage nearly full, changes another tab overrode).

use crate::i18n::*;
use crate::state::store::{use_store, NotApplied, SaveFailure, SaveState, Startup};
use crate::ui::data::export::export_now;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use crate::ui::{counts, files, messages};
use leptos::prelude::*;

/// Storage fill from which the shell warns, in percent.
pub const WARN_PERCENT: u32 = 80;

/// "All changes saved" / "Saving…" / "Not saved" with a one-click export.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let state = move || store.save.get();
    let label = move || match state() {
        SaveState::Saved => t_string!(i18n, status.saved).to_string(),
        SaveState::Pending => t_string!(i18n, status.pending).to_string(),
        SaveState::NotSaved(SaveFailure::Quota) => t_string!(i18n, status.quota).to_string(),
        SaveState::NotSaved(SaveFailure::Unavailable) => {
            t_string!(i18n, status.unavailable).to_string()
        }
        SaveState::Blocked => t_string!(i18n, status.blocked).to_string(),
    };
    let kind = move || match state() {
        SaveState::Saved => "saved",
        SaveState::Pending => "pending",
        SaveState::NotSaved(_) => "not-saved",
        SaveState::Blocked => "blocked",
    };
    view! {
        <div class="save-status" data-state=kind role="status" aria-live="polite">
            <span class="save-dot" aria-hidden="true"></span>
            <span class="save-label">{label}</span>
            <When when=move || matches!(state(), SaveState::NotSaved(_))>
                <button type="button" class="button button-small" on:click=move |_| export_now()>
                    {tr!(i18n, status.export_now)}
                </button>
            </When>
        </div>
    }
}

/// The code that makes changes could not be fetched: the workspace can be read, and Retry
/// fetches it again.
#[component]
pub fn ActsBanner() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    view! {
        <When when=move || store.acts.get() == crate::state::act::Acts::Failed>
            <section class="banner banner-error" role="alert" data-testid="acts-failed">
                <p>{tr!(i18n, lazy.acts_failed)}</p>
                <button
                    type="button"
                    class="button button-primary"
                    data-action="retry-acts"
                    on:click=move |_| crate::state::act::fetch_into(store.acts)
                >
                    {tr!(i18n, lazy.retry)}
                </button>
            </section>
        </When>
    }
}

/// Banners above the view.
#[component]
pub fn DataBanners() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let unreadable = move || match store.startup.get() {
        Startup::Unreadable { problem, backed_up } => Some((problem, backed_up)),
        _ => None,
    };
    let newer = move || match store.startup.get() {
        Startup::NewerVersion { version, readable } => Some((version, readable)),
        _ => None,
    };
    let percent = move || store.usage.get().percent();
    let start_fresh = move |_| {
        let ok = window()
            .confirm_with_message(t_string!(i18n, recovery.confirm))
            .unwrap_or(false);
        if ok {
            store.start_fresh();
        }
    };
    let download_raw = move |_| {
        files::download(
            "voronka-unreadable-data.json",
            &store.raw_dump(),
            "application/json",
        );
    };
    view! {
        {move || {
            unreadable()
                .map(|(problem, backed_up)| {
                    view! {
                        <section class="banner banner-danger" data-banner="recovery" role="alert">
                            <h2 class="banner-title">{tr!(i18n, recovery.title)}</h2>
                            <p class="banner-detail">{messages::load_problem(i18n, &problem)}</p>
                            <p>
                                {if backed_up {
                                    t_string!(i18n, recovery.kept).to_string()
                                } else {
                                    t_string!(i18n, recovery.left).to_string()
                                }}
                            </p>
                            <div class="banner-actions">
                                <button
                                    type="button"
                                    class="button button-primary"
                                    on:click=download_raw
                                >
                                    {tr!(i18n, recovery.download)}
                                </button>
                                <button type="button" class="button" on:click=start_fresh>
                                    {tr!(i18n, recovery.start_fresh)}
                                </button>
                            </div>
                        </section>
                    }
                })
        }}
        {move || {
            newer()
                .map(|(version, readable)| {
                    let text = if readable {
                        msg!(i18n, newer.readable, version = version)
                    } else {
                        msg!(i18n, newer.unreadable, version = version)
                    };
                    view! {
                        <section class="banner banner-warning" data-banner="newer" role="alert">
                            <p>{text}</p>
                        </section>
                    }
                })
        }}
        <When when=move || { percent() >= WARN_PERCENT }>
            <section class="banner banner-warning" data-banner="storage-full" role="alert">
                <p>{move || msg!(i18n, status.storage_warning, percent = percent())}</p>
                <button type="button" class="button button-small" on:click=move |_| export_now()>
                    {tr!(i18n, status.export_now)}
                </button>
            </section>
        </When>
        <When when=move || store.volatile.get()>
            <section class="banner banner-danger" data-banner="volatile" role="alert">
                <p>{tr!(i18n, status.volatile)}</p>
                <button type="button" class="button button-small" on:click=move |_| export_now()>
                    {tr!(i18n, status.export_now)}
                </button>
            </section>
        </When>
        <NotAppliedBanner />
    }
}

/// What this tab could not apply over another tab's data, each named; and whether another
/// tab replaced the workspace.
#[component]
fn NotAppliedBanner() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let visible = move || store.replaced_elsewhere.get() || !store.not_applied.with(Vec::is_empty);
    let dismiss = move |_| {
        store.replaced_elsewhere.set(false);
        store.not_applied.set(Vec::new());
    };
    let item = move |n: NotApplied| {
        let text = match (n.undo, n.subject) {
            (false, Some(subject)) => {
                msg!(i18n, status.not_applied_change, subject = subject)
            }
            (true, Some(subject)) => {
                msg!(i18n, status.not_applied_undo, subject = subject)
            }
            (false, None) => t_string!(i18n, status.not_applied_change_unnamed).to_string(),
            (true, None) => t_string!(i18n, status.not_applied_undo_unnamed).to_string(),
        };
        view! {
            <li>
                <bdi>{text}</bdi>
            </li>
        }
    };
    view! {
        <When when=visible>
            <section class="banner banner-warning" data-banner="not-applied" role="alert">
                {move || {
                    store
                        .replaced_elsewhere
                        .get()
                        .then(|| view! { <p>{tr!(i18n, status.replaced)}</p> })
                }}
                {move || {
                    let list = store.not_applied.get();
                    let replaced = store.replaced_elsewhere.get_untracked();
                    if list.is_empty() {
                        return ().into_any();
                    }
                    if replaced {
                        let count = list.len();
                        return view! {
                            <p>{counts::dropped_changes(i18n.get_locale_untracked(), count)}</p>
                        }
                            .into_any();
                    }
                    view! {
                        <p>{tr!(i18n, status.not_applied_title)}</p>
                        <ul class="not-applied">{list.into_iter().map(item).collect_view()}</ul>
                    }
                        .into_any()
                }}
                <button type="button" class="button button-small" on:click=dismiss>
                    {tr!(i18n, status.dismiss)}
                </button>
            </section>
        </When>
    }
}
