//! "The stage task is not done": the deliberate, confirmed step of moving a deal on past an
//! unfinished task — move anyway, or mark the task done and move — asked the same way on the
//! board and on the Today list.

use crate::domain::{DealId, StageId};
use crate::i18n::*;
use crate::state::store::use_store;
use crate::ui::modal::{DialogActions, Modal};
use crate::ui::text::{msg, tr};
use leptos::prelude::*;

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskChoice {
    /// Move on and leave the task not done.
    MoveAnyway,
    /// Mark the task done, then move on.
    DoneAndMove,
}

/// The question, naming the task of `from`, the deal and the stage `to`.
#[component]
pub fn ConfirmTaskDialog(
    /// The deal.
    deal: DealId,
    /// The stage whose task is not done.
    from: StageId,
    /// Where the deal would go.
    to: StageId,
    /// Called with the choice.
    on_choice: Callback<TaskChoice>,
    /// Called on cancel, Escape or the backdrop.
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (task, title, target) = use_store().ws().with_untracked(|ws| {
        let task = ws
            .stage(from)
            .and_then(|(_, s)| s.task.as_ref().map(|t| t.title.clone()))
            .unwrap_or_default();
        let title = ws.deal(deal).map(|d| d.title.clone()).unwrap_or_default();
        let target = ws
            .stage(to)
            .map(|(_, s)| s.name.clone())
            .unwrap_or_default();
        (task, title, target)
    });
    view! {
        <Modal title_id="confirm-task-title" on_close=on_close>
            <div class="form" data-testid="confirm-task">
                <h2 id="confirm-task-title" class="modal-title">
                    {tr!(i18n, confirm_task.title)}
                </h2>
                <p>{msg!(i18n, confirm_task.body, task = task, deal = title, stage = target)}</p>
                <DialogActions>
                    <button
                        type="button"
                        class="button button-primary"
                        data-action="confirm-move"
                        on:click=move |_| on_choice.run(TaskChoice::MoveAnyway)
                    >
                        {tr!(i18n, confirm_task.confirm)}
                    </button>
                    <button
                        type="button"
                        class="button"
                        data-action="done-and-move"
                        on:click=move |_| on_choice.run(TaskChoice::DoneAndMove)
                    >
                        {tr!(i18n, confirm_task.mark_done)}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr!(i18n, move_dialog.cancel)}
                    </button>
                </DialogActions>
            </div>
        </Modal>
    }
}
