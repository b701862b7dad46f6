//! A deal card: title, client, amount, owner, days in the stage, and the stage's task with
//! its state and checklist progress. Drawn once per change of the deal (cards are keyed by the
//! deal's version), so it reads the workspace without subscribing to it.

use super::{BoardCtx, BoardDialog};
use crate::domain::board::TaskStatus;
use crate::domain::{DealId, StageKind};
use crate::i18n::*;
use crate::state::clock;
use crate::ui::counts;
use crate::ui::deal::editor::EditorTarget;
use crate::ui::format;
use leptos::prelude::*;

#[derive(Clone)]
struct CardData {
    title: String,
    company: String,
    amount: String,
    owner: String,
    days: i64,
    stale: bool,
    task: Option<TaskView>,
    closed: bool,
}

/// The task's state as the card shows it, its due date formatted.
#[derive(Clone)]
enum TaskShown {
    Done,
    Overdue(String),
    Open(Option<String>),
}

impl TaskShown {
    /// The `data-task-state` attribute (styles and tests read it).
    fn attribute(&self) -> &'static str {
        match self {
            TaskShown::Done => "done",
            TaskShown::Overdue(_) => "overdue",
            TaskShown::Open(_) => "open",
        }
    }
}

#[derive(Clone)]
struct TaskView {
    title: String,
    state: TaskShown,
    checklist: Option<(usize, usize)>,
}

/// A deal card.
#[component]
pub fn Card(deal: DealId) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let locale = i18n.get_locale_untracked();
    let today = clock::today();
    let now = clock::now();
    let data = ctx.store.ws().with_untracked(|ws| {
        let d = ws.deal(deal)?;
        let (_, stage) = ws.stage(d.stage)?;
        let days = d.days_in_stage(now);
        let task = stage.task.as_ref().and_then(|task| {
            let status = d.task_status(stage, today)?;
            let date = |due| format::date(locale, due);
            let state = match status {
                TaskStatus::Done => TaskShown::Done,
                TaskStatus::Overdue(due) => TaskShown::Overdue(date(due)),
                TaskStatus::Open(due) => TaskShown::Open(due.map(date)),
            };
            Some(TaskView {
                title: task.title.clone(),
                state,
                checklist: d.checklist_progress(stage),
            })
        });
        Some(CardData {
            title: d.title.clone(),
            company: d.client.company.clone(),
            // An amount imported in another currency is shown in it (never converted).
            amount: match d.source.as_ref().and_then(|s| s.currency.as_deref()) {
                Some(code) => format!("{} {code}", format::grouped_amount(locale, d.amount)),
                None => format::money(locale, ws.currency(), d.amount),
            },
            owner: ws
                .employee(d.owner)
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            days,
            stale: d.is_stale(stage, now),
            task: task.filter(|_| stage.kind == StageKind::Open || d.task(stage.id).is_some()),
            closed: stage.kind.is_closed(),
        })
    });
    let Some(data) = data else {
        return ().into_any();
    };
    let open_editor = move || {
        ctx.dialog
            .set(Some(BoardDialog::Editor(EditorTarget::Existing(deal))))
    };
    let title = data.title.clone();
    let label = data.title.clone();
    let task_view = data.task.clone().map(|t| {
        let label = match t.state.clone() {
            TaskShown::Done => t_string!(i18n, card.task_done).to_string(),
            TaskShown::Overdue(date) => t_string!(i18n, card.task_overdue, date = date).to_string(),
            TaskShown::Open(Some(date)) => t_string!(i18n, card.task_due, date = date).to_string(),
            TaskShown::Open(None) => t_string!(i18n, card.task_open).to_string(),
        };
        view! {
            <div class="deal-task" data-task-state=t.state.attribute()>
                <span class="deal-task-title">{t.title}</span>
                <span class="deal-task-state">{label}</span>
                {t.checklist.map(|(done, total)| {
                    view! {
                        <span class="deal-task-checklist">
                            {t_string!(i18n, card.checklist, done = done, total = total).to_string()}
                        </span>
                    }
                })}
            </div>
        }
    });
    view! {
        <article
            class="deal-card"
            class:closed=data.closed
            data-deal=deal.0
            tabindex="0"
            aria-label=label
            on:click=move |ev| {
                if ctx.drag.take_click_suppression() {
                    return;
                }
                let target = event_target::<web_sys::Element>(&ev);
                if target.closest("button").ok().flatten().is_none() {
                    open_editor();
                }
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                let on_card = event_target::<web_sys::Element>(&ev).has_attribute("data-deal");
                if on_card && (ev.key() == "Enter" || ev.key() == " ") {
                    ev.prevent_default();
                    open_editor();
                }
            }
            on:pointerdown=move |ev| ctx.drag.pointer_down(ctx, ev, deal, false)
        >
            <div class="deal-card-top">
                <button
                    type="button"
                    class="drag-handle"
                    tabindex="-1"
                    aria-label=t_string!(i18n, board.drag_handle, title = title.clone()).to_string()
                    on:pointerdown=move |ev| {
                        ev.stop_propagation();
                        ctx.drag.pointer_down(ctx, ev, deal, true)
                    }
                >
                    "⠿"
                </button>
                <h3 class="deal-title">{data.title}</h3>
            </div>
            <p class="deal-client">{data.company}</p>
            <p class="deal-meta">
                <span class="deal-amount">{data.amount}</span>
                <span class="deal-owner">{data.owner}</span>
            </p>
            <p class="deal-days" class:stale=data.stale>
                {counts::days_in_stage(i18n.get_locale_untracked(), data.days)}
                {data.stale.then(|| view! { <span class="badge badge-stale">{t!(i18n, card.stale)}</span> })}
            </p>
            {task_view}
            <button
                type="button"
                class="card-move"
                data-action="move-to"
                on:click=move |_| ctx.dialog.set(Some(BoardDialog::MoveMenu(deal)))
            >
                {t!(i18n, card.move_to)}
            </button>
        </article>
    }
    .into_any()
}
