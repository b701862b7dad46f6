//! Data → Team: connecting this browser to the team's CouchDB database (server address,
//! database, user name, password), what connecting did, signing in again, who is who (the
//! head of sales links each employee to a user name), and disconnecting.

use super::export::export_of;
use crate::i18n::*;
use crate::state::store::use_store;
use crate::team::connect::{Connected, Credentials};
use crate::team::saved::SavedRole;
use crate::team::{use_team, TeamError, TeamNotice, TeamStatus};
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The message for a failed connect.
fn error_text(i18n: I18nContext<Locale>, e: &TeamError) -> String {
    match e {
        TeamError::Offline | TeamError::Aborted => t_string!(i18n, team.err_offline).to_string(),
        TeamError::SignIn => t_string!(i18n, team.err_sign_in).to_string(),
        TeamError::NotAMember => t_string!(i18n, team.err_not_member).to_string(),
        TeamError::NoDatabase => t_string!(i18n, team.err_no_database).to_string(),
        TeamError::AlreadyATeam | TeamError::NotATeam => {
            t_string!(i18n, team.err_not_a_team).to_string()
        }
        TeamError::HeadOnly => t_string!(i18n, team.err_head_only).to_string(),
        TeamError::Refused(r) if r == "quota" => t_string!(i18n, team.err_quota).to_string(),
        TeamError::Refused(r) => msg!(
            i18n,
            team.err_refused,
            reason = crate::ui::messages::refusal_reason(i18n, r)
        ),
        TeamError::BadAnswer => t_string!(i18n, team.err_bad_answer).to_string(),
        TeamError::NoSlot => t_string!(i18n, team.err_no_slot).to_string(),
    }
}

/// The Team card.
#[component]
pub fn TeamCard() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team();
    let done: RwSignal<Option<Connected>> = RwSignal::new(None);
    view! {
        <section class="card" data-section="team">
            <h2 class="card-title">{tr!(i18n, team.title)}</h2>
            <p class="muted">{tr!(i18n, team.desc)}</p>
            {move || {
                team.notice
                    .get()
                    .map(|TeamNotice::LeftReplaced| {
                        view! {
                            <p class="form-error" data-testid="team-notice">
                                {tr!(i18n, team.left_replaced)}
                            </p>
                        }
                    })
            }}
            {move || {
                if team.connection.with(Option::is_some) {
                    view! { <Connected done=done /> }.into_any()
                } else {
                    view! { <ConnectForm done=done /> }.into_any()
                }
            }}
            {move || {
                let failing = match team.status.get() {
                    TeamStatus::Failing(e) => Some(e),
                    _ => None,
                };
                team.error
                    .get()
                    .or(failing)
                    .map(|e| {
                        view! {
                            <p class="form-error" role="alert" data-testid="team-error">
                                {error_text(i18n, &e)}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// The four fields and Connect.
#[component]
fn ConnectForm(done: RwSignal<Option<Connected>>) -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team();
    let store = use_store();
    let url = RwSignal::new(String::from("http://127.0.0.1:5984"));
    let db = RwSignal::new(String::from("voronka-team"));
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = Credentials {
            url: url.get_untracked(),
            db: db.get_untracked(),
            user: user.get_untracked(),
            password: password.get_untracked(),
        };
        // The password leaves the page's memory once it is sent.
        password.set(String::new());
        let confirm = Box::new(move || {
            window()
                .confirm_with_message(t_string!(i18n, team.confirm_join))
                .unwrap_or(false)
        });
        leptos::task::spawn_local(async move {
            if let Ok(how) = team
                .connect(form, confirm, Box::new(move || export_of(store)))
                .await
            {
                done.set(Some(how));
            }
        });
    };
    let field = move |label: &'static str,
                      kind: &'static str,
                      name: &'static str,
                      value: RwSignal<String>| {
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <input
                    class="input"
                    type=kind
                    name=name
                    data-field=name
                    autocomplete=if kind == "password" { "current-password" } else { "off" }
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    required
                />
            </label>
        }
    };
    view! {
        <form class="team-form" data-testid="team-form" on:submit=submit>
            {move || field(t_string!(i18n, team.server), "url", "team-server", url)}
            {move || field(t_string!(i18n, team.db), "text", "team-db", db)}
            {move || field(t_string!(i18n, team.user), "text", "team-user", user)}
            {move || field(t_string!(i18n, team.password), "password", "team-password", password)}
            <div class="button-row">
                <button
                    type="submit"
                    class="button button-primary"
                    data-action="team-connect"
                    disabled=move || team.busy.get()
                >
                    {move || {
                        if team.busy.get() {
                            t_string!(i18n, team.connecting)
                        } else {
                            t_string!(i18n, team.connect)
                        }
                    }}
                </button>
            </div>
        </form>
    }
}

/// Connected: to what as whom, sign in again, who is who, Disconnect.
#[component]
fn Connected(done: RwSignal<Option<Connected>>) -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team();
    let password = RwSignal::new(String::new());
    let line = move || {
        team.connection.get().map(|c| {
            let role = match c.role {
                SavedRole::Head => t_string!(i18n, team.role_head),
                SavedRole::Rep => t_string!(i18n, team.role_rep),
            };
            msg!(
                i18n,
                team.connected,
                db = c.db,
                url = c.url,
                user = c.user,
                role = role
            )
        })
    };
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let secret = password.get_untracked();
        password.set(String::new());
        leptos::task::spawn_local(async move {
            // A failure is shown by the card (team.error).
            drop(team.sign_in_again(secret).await);
        });
    };
    view! {
        <p class="form-ok" data-testid="team-connected">
            {line}
        </p>
        {move || {
            team.zone()
                .map(|zone| {
                    view! {
                        <p class="muted" data-testid="team-zone">
                            {msg!(i18n, team.zone, zone = zone)}
                        </p>
                    }
                })
        }}
        {move || {
            done.get()
                .map(|how| {
                    let text = match how {
                        Connected::Created => t_string!(i18n, team.created),
                        Connected::Joined => t_string!(i18n, team.joined),
                    };
                    view! {
                        <p class="muted" data-testid="team-done">
                            {text}
                        </p>
                    }
                })
        }}
        <When when=move || team.status.get() == TeamStatus::SignIn>
            <form class="team-form" data-testid="team-sign-in" on:submit=sign_in>
                <p>{tr!(i18n, team.sign_in_again)}</p>
                <label class="field">
                    <span class="field-label">{tr!(i18n, team.password)}</span>
                    <input
                        class="input"
                        type="password"
                        data-field="team-password"
                        autocomplete="current-password"
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                        required
                    />
                </label>
                <button type="submit" class="button button-primary" data-action="team-sign-in">
                    {tr!(i18n, team.sign_in)}
                </button>
            </form>
        </When>
        <When when=move || team.role() == Some(SavedRole::Head)>
            <super::team_zone::ZoneSetting />
            <Members />
        </When>
        <div class="button-row">
            <button
                type="button"
                class="button"
                data-action="team-disconnect"
                on:click=move |_| {
                    done.set(None);
                    team.disconnect();
                }
            >
                {tr!(i18n, team.disconnect)}
            </button>
        </div>
    }
}

/// Each employee and the user name they sign in with (the head of sales links them).
#[component]
fn Members() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team();
    let store = use_store();
    let rows = move || {
        let members = team.members.get();
        store.ws().with(|ws| {
            ws.employees()
                .map(|e| {
                    let id = e.id;
                    let current = members
                        .iter()
                        .find(|(_, m)| *m == id)
                        .map(|(u, _)| u.clone())
                        .unwrap_or_default();
                    let value = RwSignal::new(current);
                    let label = msg!(i18n, team.member_user, name = e.name);
                    let name = e.name.clone();
                    view! {
                        <li class="team-member" data-employee=name>
                            <label class="field field-inline">
                                <span class="field-label">{e.name.clone()}</span>
                                <input
                                    class="input"
                                    type="text"
                                    aria-label=label
                                    data-field="member-user"
                                    prop:value=move || value.get()
                                    on:input=move |ev| value.set(event_target_value(&ev))
                                    on:change=move |_| team.set_member(id, &value.get_untracked())
                                />
                            </label>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="team-members" data-testid="team-members">
            <h3 class="card-subtitle">{tr!(i18n, team.members_title)}</h3>
            <p class="muted">{tr!(i18n, team.members_desc)}</p>
            <ul class="plain-list">{rows}</ul>
        </div>
    }
}
