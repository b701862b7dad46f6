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
use crate::ui::markup::Markup;
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
    let label = data.title.clone();
    let inner = card_markup(i18n, locale, &data);
    // The card's contents are static (the card is drawn again when its deal changes), so they
    // go to the browser as one HTML string; the card's own element keeps the handlers, which
    // tell the drag handle and the "Move to…" button from the rest of the card.
    view! {
        <article
            class="deal-card"
            class:closed=data.closed
            data-deal=deal.0
            tabindex="0"
            aria-label=label
            inner_html=inner
            on:click=move |ev| {
                if ctx.drag.take_click_suppression() {
                    return;
                }
                let target = event_target::<web_sys::Element>(&ev);
                if closest(&target, "[data-action=move-to]") {
                    ctx.dialog.set(Some(BoardDialog::MoveMenu(deal)));
                } else if !closest(&target, "button") {
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
            on:pointerdown=move |ev| {
                let target = event_target::<web_sys::Element>(&ev);
                let handle = closest(&target, ".drag-handle");
                ctx.drag.pointer_down(ctx, ev, deal, handle)
            }
        ></article>
    }
    .into_any()
}

/// Whether `element` or an ancestor matches `selector`.
fn closest(element: &web_sys::Element, selector: &str) -> bool {
    element.closest(selector).ok().flatten().is_some()
}

/// The card's contents: title with the drag handle, client, amount and owner, days in the
/// stage, the task, and the "Move to…" button.
fn card_markup(i18n: leptos_i18n::I18nContext<Locale>, locale: Locale, data: &CardData) -> String {
    let mut m = Markup::with_capacity(640);
    m.open("div", "deal-card-top").end_open();
    m.open("button", "drag-handle")
        .attr("type", "button")
        .attr("tabindex", "-1")
        .attr(
            "aria-label",
            &t_string!(i18n, board.drag_handle, title = data.title.as_str()).to_string(),
        )
        .end_open()
        .text("⠿")
        .close("button");
    m.element("h3", "deal-title", &data.title).close("div");
    m.element("p", "deal-client", &data.company);
    m.open("p", "deal-meta").end_open();
    m.element("span", "deal-amount", &data.amount);
    m.element("span", "deal-owner", &data.owner).close("p");
    m.open(
        "p",
        if data.stale {
            "deal-days stale"
        } else {
            "deal-days"
        },
    )
    .end_open()
    .text(&counts::days_in_stage(locale, data.days));
    if data.stale {
        m.element("span", "badge badge-stale", t_string!(i18n, card.stale));
    }
    m.close("p");
    if let Some(task) = &data.task {
        let state = match &task.state {
            TaskShown::Done => t_string!(i18n, card.task_done).to_string(),
            TaskShown::Overdue(date) => {
                t_string!(i18n, card.task_overdue, date = date.as_str()).to_string()
            }
            TaskShown::Open(Some(date)) => {
                t_string!(i18n, card.task_due, date = date.as_str()).to_string()
            }
            TaskShown::Open(None) => t_string!(i18n, card.task_open).to_string(),
        };
        m.open("div", "deal-task")
            .attr("data-task-state", task.state.attribute())
            .end_open();
        m.element("span", "deal-task-title", &task.title);
        m.element("span", "deal-task-state", &state);
        if let Some((done, total)) = task.checklist {
            let progress = t_string!(i18n, card.checklist, done = done, total = total);
            m.element("span", "deal-task-checklist", &progress.to_string());
        }
        m.close("div");
    }
    m.open("button", "card-move")
        .attr("type", "button")
        .attr("data-action", "move-to")
        .end_open()
        .text(t_string!(i18n, card.move_to))
        .close("button");
    m.finish()
}
