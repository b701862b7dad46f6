//! The parts of an open deal's editor that act at once (not on Save): the current stage's
//! task with its checklist, and the stage history.

use crate::domain::{Command, DealId, StageId};
use crate::i18n::*;
use crate::state::store::use_store;
use crate::ui::format;
use crate::ui::text::{msg, tr};
use leptos::prelude::*;

/// The current stage's task: done, checklist, due date. Each tick is an undoable command.
#[component]
pub fn TaskPanel(deal: DealId) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let data = move || {
        store.ws().with(|ws| {
            let d = ws.deal(deal)?;
            let (_, stage) = ws.stage(d.stage)?;
            let task = stage.task.clone()?;
            let state = d.task(stage.id).cloned();
            Some((stage.id, task, state))
        })
    };
    move || {
        data().map(|(stage, task, state)| {
            let locale = i18n.get_locale_untracked();
            let done = state.as_ref().is_some_and(|s| s.done);
            let checked = state
                .as_ref()
                .map(|s| s.checked.clone())
                .unwrap_or_default();
            let due = state.as_ref().and_then(|s| s.due);
            view! {
                <section class="task-panel" data-testid="task-panel">
                    <h3 class="panel-title">{tr!(i18n, deal.task)}</h3>
                    <p class="task-title">
                        <strong>{task.title.clone()}</strong>
                    </p>
                    {(!task.description.is_empty())
                        .then(|| view! { <p class="muted">{task.description.clone()}</p> })}
                    {due
                        .map(|d| {
                            view! {
                                <p class="muted">
                                    {msg!(i18n, deal.task_due, date = format::date(locale, d))}
                                </p>
                            }
                        })}
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            data-testid="task-done"
                            prop:checked=done
                            on:change=move |ev| {
                                if let Err(e) = store
                                    .dispatch(Command::SetTaskDone {
                                        deal,
                                        stage,
                                        done: event_target_checked(&ev),
                                    })
                                {
                                    crate::ui::announce::refused(i18n, &e);
                                }
                            }
                        />
                        {tr!(i18n, deal.task_done)}
                    </label>
                    <ul class="checklist">
                        {task
                            .checklist
                            .iter()
                            .map(|item| {
                                let item = item.clone();
                                let on = checked.contains(&item);
                                let it = item.clone();
                                view! {
                                    <li>
                                        <label class="checkbox">
                                            <input
                                                type="checkbox"
                                                prop:checked=on
                                                on:change=move |ev| {
                                                    let result = store
                                                        .dispatch(Command::SetChecklistItem {
                                                            deal,
                                                            stage,
                                                            item: it.clone(),
                                                            checked: event_target_checked(&ev),
                                                        });
                                                    if let Err(e) = result {
                                                        crate::ui::announce::refused(i18n, &e);
                                                    }
                                                }
                                            />
                                            {item}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// Every stage change, newest first.
#[component]
pub fn HistoryPanel(deal: DealId) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let rows = move || {
        let locale = i18n.get_locale();
        store.ws().with(|ws| {
            let Some(d) = ws.deal(deal) else {
                return Vec::new();
            };
            let name = |s: StageId| {
                ws.stage(s)
                    .map(|(_, st)| st.name.clone())
                    .unwrap_or_else(|| t_string!(i18n, deal.deleted_stage).to_string())
            };
            d.history
                .iter()
                .rev()
                .map(|h| {
                    // In the viewer's zone (a team's stamps are in the team's).
                    let t = crate::state::clock::shown(h.at);
                    let when = format!(
                        "{} {:02}:{:02}",
                        format::date(locale, t.date()),
                        chrono::Timelike::hour(&t),
                        chrono::Timelike::minute(&t)
                    );
                    let what = match h.from {
                        None => msg!(i18n, deal.created_in, stage = name(h.to)),
                        Some(from) => msg!(i18n, deal.moved, from = name(from), to = name(h.to)),
                    };
                    (when, what)
                })
                .collect()
        })
    };
    // Where an imported deal came from, and the currency its amount stayed in.
    let source = move || {
        store.ws().with(|ws| {
            let source = ws.deal(deal)?.source.clone()?;
            let mut text = if source.id.is_empty() {
                String::new()
            } else {
                msg!(
                    i18n,
                    deal.imported_from,
                    system = source.system,
                    id = source.id
                )
            };
            if let Some(currency) = source.currency {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&msg!(i18n, deal.imported_currency, currency = currency));
            }
            Some(view! {
                <p class="muted" data-testid="deal-source">
                    {text}
                </p>
            })
        })
    };
    view! {
        <section class="history-panel">
            <h3 class="panel-title">{tr!(i18n, deal.history)}</h3>
            {source}
            <ol class="history" data-testid="history">
                {move || {
                    rows()
                        .into_iter()
                        .map(|(when, what)| {
                            view! {
                                <li>
                                    <time>{when}</time>
                                    " "
                                    <span>{what}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
