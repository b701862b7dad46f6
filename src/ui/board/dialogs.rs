//! The board's dialogs: "Move to…" (stage and position, for keyboard and screen-reader
//! users), the confirmation for moving on past an unfinished task, and the loss reason.

use super::{BoardCtx, PendingMove};
use crate::domain::{DealId, StageId};
use crate::i18n::*;
use crate::ui::deal::confirm::{ConfirmTaskDialog, TaskChoice};
use crate::ui::modal::{DialogActions, Modal};
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;

/// Choose a stage and a position, then move.
#[component]
pub fn MoveMenu(deal: DealId) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let store = ctx.store;
    let (title, current, stages) = store.ws().with_untracked(|ws| {
        let d = ws.deal(deal);
        let stages: Vec<(StageId, String, usize)> = d
            .and_then(|d| ws.direction(d.direction))
            .map(|dir| {
                dir.stages
                    .iter()
                    .map(|s| {
                        (
                            s.id,
                            s.name.clone(),
                            ws.column(s.id).iter().filter(|&&x| x != deal).count(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        (
            d.map(|d| d.title.clone()).unwrap_or_default(),
            d.map(|d| d.stage),
            stages,
        )
    });
    let stage = RwSignal::new(current.or(stages.first().map(|s| s.0)));
    let initial_position = store
        .ws()
        .with_untracked(|ws| ws.position(deal))
        .unwrap_or(0);
    let position = RwSignal::new(initial_position);
    let lens: Vec<(StageId, usize)> = stages.iter().map(|s| (s.0, s.2)).collect();
    let lens = StoredValue::new(lens);
    let len = move || {
        let s = stage.get();
        lens.with_value(|l| l.iter().find(|x| Some(x.0) == s).map_or(0, |x| x.1))
    };
    let close = Callback::new(move |_| ctx.close_dialog(deal));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(to) = stage.get_untracked() {
            let index = position.get_untracked().min(len());
            ctx.request_move(PendingMove::new(deal, to, index), None);
        }
    };
    view! {
        <Modal title_id="move-title" on_close=close>
            <form class="form" on:submit=submit data-testid="move-menu">
                <h2 id="move-title" class="modal-title">
                    {msg!(i18n, move_dialog.title, title = title)}
                </h2>
                <label class="field">
                    <span class="field-label">{tr!(i18n, move_dialog.stage)}</span>
                    <select
                        class="input"
                        data-testid="move-stage"
                        on:change=move |ev| {
                            stage.set(event_target_value(&ev).parse().ok().map(StageId));
                            position.set(0);
                        }
                    >
                        {stages
                            .iter()
                            .map(|(id, name, _)| {
                                let id = *id;
                                view! {
                                    <option value=id.0.to_string() selected=Some(id) == current>
                                        {name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{tr!(i18n, move_dialog.position)}</span>
                    <select
                        class="input"
                        data-testid="move-position"
                        prop:value=move || position.get().to_string()
                        on:change=move |ev| {
                            position.set(event_target_value(&ev).parse().unwrap_or(0))
                        }
                    >
                        {move || {
                            let n = len();
                            (0..=n)
                                .map(|i| {
                                    let label = if i == 0 {
                                        format!("1 — {}", t_string!(i18n, move_dialog.top))
                                    } else if i == n {
                                        format!(
                                            "{} — {}",
                                            i + 1,
                                            t_string!(i18n, move_dialog.bottom),
                                        )
                                    } else {
                                        (i + 1).to_string()
                                    };
                                    view! {
                                        <option
                                            value=i.to_string()
                                            selected=move || position.get() == i
                                        >
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <DialogActions>
                    <button type="submit" class="button button-primary" data-action="do-move">
                        {tr!(i18n, move_dialog.submit)}
                    </button>
                    <button type="button" class="button" on:click=move |_| close.run(())>
                        {tr!(i18n, move_dialog.cancel)}
                    </button>
                </DialogActions>
            </form>
        </Modal>
    }
}

/// "The task is not done": move on anyway, or mark it done and move.
#[component]
pub fn ConfirmTask(mv: PendingMove, stage: StageId) -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let close = Callback::new(move |_| ctx.close_dialog(mv.deal));
    let (deal, to) = (mv.deal, mv.to);
    let choose = Callback::new(move |choice: TaskChoice| {
        let next = match choice {
            TaskChoice::MoveAnyway => PendingMove {
                confirmed: true,
                ..mv.clone()
            },
            TaskChoice::DoneAndMove => PendingMove {
                complete_task: true,
                ..mv.clone()
            },
        };
        ctx.request_move(next, None);
    });
    view! { <ConfirmTaskDialog deal=deal from=stage to=to on_choice=choose on_close=close /> }
}

/// Ask why the deal was lost: one of the workspace's reasons, or another.
#[component]
pub fn LossReason(mv: PendingMove) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let (deal_title, reasons) = ctx.store.ws().with_untracked(|ws| {
        (
            ws.deal(mv.deal)
                .map(|d| d.title.clone())
                .unwrap_or_default(),
            ws.loss_reasons().to_vec(),
        )
    });
    let choice = RwSignal::new(ctx.store.ws().with_untracked(|ws| ws.default_loss_reason()));
    let other = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let close = Callback::new(move |_| ctx.close_dialog(mv.deal));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reason = if choice.get_untracked().is_empty() {
            other.get_untracked()
        } else {
            choice.get_untracked()
        };
        if reason.trim().is_empty() {
            error.set(true);
            return;
        }
        ctx.request_move(mv.clone(), Some(reason));
    };
    view! {
        <Modal title_id="loss-title" on_close=close>
            <form class="form" on:submit=submit data-testid="loss-reason">
                <h2 id="loss-title" class="modal-title">
                    {msg!(i18n, loss.title, deal = deal_title)}
                </h2>
                <fieldset class="field">
                    <legend class="field-label">{tr!(i18n, loss.reason)}</legend>
                    {reasons
                        .iter()
                        .map(|r| {
                            let r = r.clone();
                            let r2 = r.clone();
                            let r3 = r.clone();
                            view! {
                                <label class="radio">
                                    <input
                                        type="radio"
                                        name="loss-reason"
                                        value=r.clone()
                                        checked=move || choice.get() == r2
                                        on:change=move |_| choice.set(r3.clone())
                                    />
                                    {r}
                                </label>
                            }
                        })
                        .collect_view()}
                    <label class="radio">
                        <input
                            type="radio"
                            name="loss-reason"
                            value=""
                            checked=move || choice.get().is_empty()
                            on:change=move |_| choice.set(String::new())
                        />
                        {tr!(i18n, loss.other)}
                    </label>
                    <input
                        class="input"
                        data-testid="loss-other"
                        aria-label=move || t_string!(i18n, loss.other)
                        prop:value=move || other.get()
                        on:input=move |ev| {
                            other.set(event_target_value(&ev));
                            choice.set(String::new());
                            error.set(false);
                        }
                    />
                </fieldset>
                <When when=move || error.get()>
                    <p class="form-error" role="alert">
                        {tr!(i18n, error.loss_reason)}
                    </p>
                </When>
                <DialogActions>
                    <button type="submit" class="button button-primary" data-action="confirm-loss">
                        {tr!(i18n, loss.submit)}
                    </button>
                    <button type="button" class="button" on:click=move |_| close.run(())>
                        {tr!(i18n, move_dialog.cancel)}
                    </button>
                </DialogActions>
            </form>
        </Modal>
    }
}
