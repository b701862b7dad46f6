//! One row of the Today list: the deal, its task with due date and checklist, and the task's
//! actions (done, move on, snooze or set the date, open) — each one command, undoable — with
//! the keyboard: arrows move, Enter opens, Space marks done, N moves on.

use super::{TodayCtx, TodayDialog};
use crate::domain::agenda::{AgendaItem, Snooze};
use crate::domain::{Command, DealId, StageId};
use crate::i18n::*;
use crate::state::clock;
use crate::ui::deal::confirm::{ConfirmTaskDialog, TaskChoice};
use crate::ui::text::{msg, tr};
use crate::ui::{announce, counts, format};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The rows as drawn, in list order.
fn rows() -> Vec<web_sys::HtmlElement> {
    let Ok(list) = document().query_selector_all(".today-row") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Focuses the row at `at` (or the last one, when the list got shorter).
pub fn focus_row(at: usize) {
    let rows = rows();
    if let Some(row) = rows.get(at).or(rows.last()) {
        row.focus().ok();
    }
}

/// Where a deal's row is in the list as drawn.
fn position(deal: DealId) -> Option<usize> {
    let id = deal.0.to_string();
    rows()
        .iter()
        .position(|r| r.get_attribute("data-deal").as_deref() == Some(id.as_str()))
}

/// What a row shows.
#[derive(Clone, PartialEq)]
struct RowData {
    title: String,
    company: String,
    amount: String,
    place: String,
    task: String,
    checklist: Vec<(String, bool)>,
    progress: Option<(usize, usize)>,
    days: i64,
    stale: bool,
    next: Option<(StageId, String)>,
}

impl TodayCtx {
    /// Runs `command`, announces `said` (or the refusal) and keeps `undone` for its undo, and
    /// keeps focus at the row's place.
    fn act(&self, deal: DealId, command: Command, said: String, undone: String) {
        let at = position(deal);
        match self.store.dispatch(command) {
            Ok(_) => {
                self.announce_action(said, undone);
                self.focus_at.set(at);
            }
            Err(e) => announce::refused(self.i18n, &e),
        }
    }

    /// Marks the deal's task on `stage` done.
    fn done(&self, deal: DealId, stage: StageId) {
        let (said, undone) = self.store.ws().with_untracked(|ws| {
            let title = ws.deal(deal).map(|d| d.title.clone()).unwrap_or_default();
            let task = ws
                .stage(stage)
                .and_then(|(_, s)| s.task.as_ref().map(|t| t.title.clone()))
                .unwrap_or_default();
            (
                msg!(
                    self.i18n,
                    today.announce_done,
                    task = task.clone(),
                    deal = title.clone()
                ),
                msg!(
                    self.i18n,
                    today.announce_done_undone,
                    task = task,
                    deal = title
                ),
            )
        });
        self.act(
            deal,
            Command::SetTaskDone {
                deal,
                stage,
                done: true,
            },
            said,
            undone,
        );
    }

    /// Asks before moving on past the (unfinished) task.
    fn move_on(&self, deal: DealId) {
        if let Some(to) = self.store.ws().with_untracked(|ws| ws.next_stage(deal)) {
            self.focus_at.set(position(deal));
            self.dialog.set(Some(TodayDialog::ConfirmMove { deal, to }));
        }
    }

    /// Sets the task's due date.
    fn reschedule(&self, deal: DealId, stage: StageId, due: Option<chrono::NaiveDate>) {
        let locale = self.i18n.get_locale_untracked();
        let title = self
            .store
            .ws()
            .with_untracked(|ws| ws.deal(deal).map(|d| d.title.clone()).unwrap_or_default());
        let said = match due {
            Some(d) => msg!(
                self.i18n,
                today.announce_snoozed,
                deal = title,
                date = format::date(locale, d)
            ),
            None => msg!(self.i18n, today.announce_cleared, deal = title.clone()),
        };
        let undone = msg!(self.i18n, today.announce_due_undone, deal = title);
        self.act(
            deal,
            Command::RescheduleTask { deal, stage, due },
            said,
            undone,
        );
    }
}

/// One deal of the list.
#[component]
pub fn Row(item: AgendaItem) -> impl IntoView {
    let ctx = expect_context::<TodayCtx>();
    let (i18n, store) = (ctx.i18n, ctx.store);
    let AgendaItem { deal, stage, .. } = item;
    let data = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let now = clock::now();
        store.ws().with(|ws| {
            let d = ws.deal(deal)?;
            let (direction, st) = ws.stage(stage)?;
            let task = st.task.as_ref()?;
            Some(RowData {
                title: d.title.clone(),
                company: d.client.company.clone(),
                amount: format::money(locale, ws.currency(), d.amount),
                place: format!("{} › {}", direction.name, st.name),
                task: task.title.clone(),
                checklist: d
                    .checklist_items(st)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(item, ticked)| (item.to_string(), ticked))
                    .collect(),
                progress: d.checklist_progress(st),
                days: d.days_in_stage(now),
                stale: d.is_stale(st, now),
                next: ws
                    .next_stage(deal)
                    .and_then(|n| ws.stage(n).map(|(_, s)| (n, s.name.clone()))),
            })
        })
    });
    let due_text = move || {
        let locale = i18n.get_locale();
        let today = ctx.state.today.get();
        match item.due {
            Some(due) => {
                let mut text = format::date(locale, due);
                let late = item.days_overdue(today);
                if late > 0 {
                    text = format!("{text}, {}", counts::overdue_by(locale, late));
                }
                text
            }
            None => t_string!(i18n, today.no_task_yet).to_string(),
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Keys on the row itself; its controls keep theirs.
        let on_row = event_target::<web_sys::Element>(&ev).has_attribute("data-deal");
        if !on_row || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let at = position(deal).unwrap_or(0);
        match ev.key().as_str() {
            "ArrowDown" => focus_row(at + 1),
            "ArrowUp" => focus_row(at.saturating_sub(1)),
            "Enter" => ctx.dialog.set(Some(TodayDialog::Editor(deal))),
            " " => ctx.done(deal, stage),
            "n" | "N" | "т" | "Т" => ctx.move_on(deal),
            _ => return,
        }
        ev.prevent_default();
    };
    move || {
        data.get().map(|d| {
            let label = d.title.clone();
            let title = d.title.clone();
            let checklist = d
                .checklist
                .iter()
                .map(|(text, ticked)| {
                    let item_text = text.clone();
                    view! {
                        <label class="checkbox today-check">
                            <input
                                type="checkbox"
                                prop:checked=*ticked
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    let command = Command::SetChecklistItem {
                                        deal,
                                        stage,
                                        item: item_text.clone(),
                                        checked,
                                    };
                                    if let Err(e) = store.dispatch(command) {
                                        announce::refused(i18n, &e);
                                    }
                                }
                            />
                            {text.clone()}
                        </label>
                    }
                })
                .collect_view();
            let progress = d
                .progress
                .map(|(ticked, total)| format!("{ticked}/{total}"));
            let next = d.next.clone().map(|(_, name)| {
                view! {
                    <button
                        type="button"
                        class="button button-small"
                        data-action="move-on"
                        on:click=move |_| ctx.move_on(deal)
                    >
                        {msg!(i18n, today.move_on, stage = name)}
                    </button>
                }
            });
            view! {
                <li
                    class="today-row"
                    class:overdue=item.bucket == crate::domain::agenda::Bucket::Overdue
                    tabindex="0"
                    data-deal=deal.0
                    aria-label=label
                    on:keydown=on_key
                >
                    <div class="today-main">
                        <button
                            type="button"
                            class="link-button today-title"
                            data-action="open-deal"
                            on:click=move |_| ctx.dialog.set(Some(TodayDialog::Editor(deal)))
                        >
                            {title}
                        </button>
                        <span class="muted">{d.company.clone()}</span>
                        <span class="today-amount">{d.amount.clone()}</span>
                        <span class="muted today-place">{d.place.clone()}</span>
                    </div>
                    <div class="today-task">
                        <span class="today-task-title">{d.task.clone()}</span>
                        {progress
                            .map(|p| {
                                view! {
                                    <span class="badge" data-testid="today-progress">
                                        {p}
                                    </span>
                                }
                            })}
                        <span
                            class="today-due"
                            class:late=item.bucket == crate::domain::agenda::Bucket::Overdue
                            data-testid="today-due"
                        >
                            {due_text}
                        </span>
                        <span class="muted">
                            {counts::days_in_stage(i18n.get_locale_untracked(), d.days)}
                        </span>
                        {d
                            .stale
                            .then(|| {
                                view! {
                                    <span class="badge badge-stale">{tr!(i18n, card.stale)}</span>
                                }
                            })}
                    </div>
                    {(!d.checklist.is_empty())
                        .then(|| view! { <div class="today-checklist">{checklist}</div> })}
                    <div class="today-actions">
                        <button
                            type="button"
                            class="button button-small button-primary"
                            data-action="task-done"
                            aria-label=msg!(i18n, today.done_label, deal = d.title)
                            on:click=move |_| ctx.done(deal, stage)
                        >
                            {tr!(i18n, today.done)}
                        </button>
                        {next}
                        <SnoozeMenu deal=deal stage=stage title=d.title.clone() />
                        <input
                            type="date"
                            class="input input-small"
                            data-testid="today-due-input"
                            aria-label=msg!(i18n, today.due_label, deal = d.title)
                            prop:value=item.due.map(format::iso_date).unwrap_or_default()
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let due = crate::domain::time::parse_day(&value);
                                ctx.reschedule(deal, stage, due);
                            }
                        />
                    </div>
                </li>
            }
        })
    }
}

/// +1 day, +3 days, next Monday.
#[component]
fn SnoozeMenu(deal: DealId, stage: StageId, title: String) -> impl IntoView {
    let ctx = expect_context::<TodayCtx>();
    let i18n = ctx.i18n;
    let on_change = move |ev: leptos::ev::Event| {
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        let snooze = match select.value().as_str() {
            "day" => Snooze::Day,
            "three" => Snooze::ThreeDays,
            "monday" => Snooze::NextMonday,
            _ => return,
        };
        select.set_value("");
        let due = snooze.date(ctx.state.today.get_untracked());
        ctx.reschedule(deal, stage, Some(due));
    };
    view! {
        <select
            class="input input-small"
            data-testid="today-snooze"
            aria-label=msg!(i18n, today.snooze_label, deal = title)
            on:change=on_change
        >
            <option value="">{tr!(i18n, today.snooze)}</option>
            <option value="day">{tr!(i18n, today.snooze_day)}</option>
            <option value="three">{tr!(i18n, today.snooze_three)}</option>
            <option value="monday">{tr!(i18n, today.snooze_monday)}</option>
        </select>
    }
}

/// "The task is not done": move on anyway, or mark it done and move — the board's rule.
#[component]
pub fn ConfirmMove(deal: DealId, to: StageId) -> impl IntoView {
    let ctx = expect_context::<TodayCtx>();
    let (i18n, store) = (ctx.i18n, ctx.store);
    let (from, said, undone) = store.ws().with_untracked(|ws| {
        let d = ws.deal(deal);
        let title = d.map(|d| d.title.clone()).unwrap_or_default();
        let name = |stage: StageId| {
            ws.stage(stage)
                .map(|(_, s)| s.name.clone())
                .unwrap_or_default()
        };
        let from = d.map_or(to, |d| d.stage);
        let said = msg!(
            i18n,
            today.announce_moved,
            deal = title.clone(),
            stage = name(to)
        );
        let undone = msg!(
            i18n,
            today.announce_moved_undone,
            deal = title,
            stage = name(from)
        );
        (from, said, undone)
    });
    let close = Callback::new(move |_| ctx.dialog.set(None));
    let choose = Callback::new(move |choice: TaskChoice| {
        let at = ctx.focus_at.get_untracked();
        let command = match choice {
            TaskChoice::DoneAndMove => Command::CompleteTaskAndMove {
                deal,
                to_stage: to,
                index: 0,
                loss_reason: None,
                at: clock::now(),
            },
            TaskChoice::MoveAnyway => Command::MoveDeal {
                deal,
                to_stage: to,
                index: 0,
                confirm_unfinished: true,
                loss_reason: None,
                at: clock::now(),
            },
        };
        ctx.dialog.set(None);
        match store.dispatch(command) {
            Ok(_) => {
                ctx.announce_action(said.clone(), undone.clone());
                ctx.focus_at.set(at);
            }
            Err(e) => announce::refused(i18n, &e),
        }
    });
    view! { <ConfirmTaskDialog deal=deal from=from to=to on_choice=choose on_close=close /> }
}
