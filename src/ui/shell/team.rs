//! What the shell says about the team: the sync state in the header (synced, syncing,
//! offline with the changes waiting, sign in again), and banners for what the server
//! refused (undone here) and for fields two people changed at once (the saved value kept).

use crate::i18n::*;
use crate::state::store::use_store;
use crate::team::{use_team, TeamStatus};
use crate::ui::counts;
use crate::ui::text::{msg, tr};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde_json::Value;
use voronka_core::sync::docs::deal_of_doc;

/// The team's sync state, beside the save indicator; nothing when not in a team.
#[component]
pub fn TeamIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team();
    move || {
        let status = team.status.get();
        let (kind, label) = match &status {
            TeamStatus::Off => return None,
            TeamStatus::Synced => ("synced", t_string!(i18n, team.status_synced).to_string()),
            TeamStatus::Syncing => ("syncing", t_string!(i18n, team.status_syncing).to_string()),
            TeamStatus::Offline(n) => ("offline", counts::team_offline(i18n.get_locale(), *n)),
            TeamStatus::SignIn => ("sign-in", t_string!(i18n, team.status_sign_in).to_string()),
            TeamStatus::Failing(_) => ("failing", t_string!(i18n, team.status_failing).to_string()),
            TeamStatus::Elsewhere => (
                "elsewhere",
                t_string!(i18n, team.status_elsewhere).to_string(),
            ),
        };
        let user = team.connection.with(|c| c.as_ref().map(|c| c.user.clone()));
        Some(view! {
            <a class="team-status" data-state=kind href="#/data" role="status" aria-live="polite">
                <span class="save-dot" aria-hidden="true"></span>
                <span class="save-label">{label}</span>
                <span class="team-user" data-testid="team-user">
                    {user}
                </span>
            </a>
        })
    }
}

/// A document named for a person: a deal by its title, anything else by its id.
fn what(i18n: I18nContext<Locale>, doc: &str) -> String {
    let store = use_store();
    let title = deal_of_doc(doc).and_then(|id| {
        store
            .ws()
            .with_untracked(|ws| ws.deal(id).map(|d| d.title.clone()))
    });
    match title {
        Some(title) => msg!(i18n, team.doc_deal, title = title),
        None => msg!(i18n, team.doc_other, id = doc),
    }
}

fn shown(value: &Option<Value>) -> String {
    match value {
        None => "—".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The banners about refused and conflicting changes, each dismissed by the user.
#[component]
pub fn TeamBanners() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team();
    view! {
        {move || {
            let refused = team.refused.get();
            (!refused.is_empty())
                .then(|| {
                    let lines = refused
                        .iter()
                        .map(|r| {
                            let line = msg!(
                                i18n, team.refused_line, what = what(i18n, & r.doc), reason =
                                crate::ui::messages::refusal_reason(i18n, & r.reason)
                            );
                            view! { <li>{line}</li> }
                        })
                        .collect_view();
                    view! {
                        <section
                            class="banner banner-warning"
                            data-banner="team-refused"
                            role="alert"
                        >
                            <p>{counts::team_refused(i18n.get_locale(), refused.len())}</p>
                            <ul>{lines}</ul>
                            <button
                                type="button"
                                class="button button-small"
                                on:click=move |_| team.refused.set(Vec::new())
                            >
                                {tr!(i18n, team.dismiss)}
                            </button>
                        </section>
                    }
                })
        }}
        {move || {
            let conflicts = team.conflicts.get();
            (!conflicts.is_empty())
                .then(|| {
                    let lines = conflicts
                        .iter()
                        .map(|c| {
                            let line = msg!(
                                i18n, team.conflict_line, what = what(i18n, & c.doc), field = c
                                .field, yours = shown(& c.yours), saved = shown(& c.saved)
                            );
                            view! { <li>{line}</li> }
                        })
                        .collect_view();
                    view! {
                        <section
                            class="banner banner-info"
                            data-banner="team-conflicts"
                            role="status"
                        >
                            <p>{counts::team_conflicts(i18n.get_locale(), conflicts.len())}</p>
                            <ul>{lines}</ul>
                            <button
                                type="button"
                                class="button button-small"
                                on:click=move |_| team.dismiss_conflicts()
                            >
                                {tr!(i18n, team.dismiss)}
                            </button>
                        </section>
                    }
                })
        }}
    }
}
