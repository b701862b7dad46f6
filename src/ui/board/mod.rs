//! The Board view: a direction's stages as columns of deal cards, moved by mouse, touch or
//! keyboard. Every move goes through the domain's `MoveDeal`; this module runs the move flow
//! (confirmation of an unfinished task, the loss reason) and announces the result.
//!
//! Why the columns and cards are drawn by `board.js` and not by `view!`: a board holds
//! thousands of cards, and building each element, attribute and text from Rust crosses into
//! JS every time, which made the board several times slower than a hand-written page; one call
//! per column with its cards' texts packed in a string is within 1.2x of it
//! (`docs/PERFORMANCE.md`). The price is a second way of drawing, so it stays here alone:
//! every other view is Leptos, and the fields the two sides pass are named once in `fields`
//! (checked against `board.js` by `tests/board_fields.rs`). The events stay in Rust (one
//! listener per column).

mod card;
mod column;
mod dialogs;
mod drag;
pub mod fields;
mod toolbar;

use crate::domain::{BoardFilter, Command, DealId, DirectionId, DomainError, EmployeeId, StageId};
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::{use_store, ActionError, Store};
use crate::ui::deal::editor::EditorTarget;
use crate::ui::errors;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;
use std::collections::HashSet;

/// A move waiting for the user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMove {
    /// The deal.
    pub deal: DealId,
    /// Target stage.
    pub to: StageId,
    /// Target index in the full column.
    pub index: usize,
    /// Confirmed past an unfinished task.
    pub confirmed: bool,
    /// Mark the current stage's task done as part of the move (one undo step).
    pub complete_task: bool,
}

impl PendingMove {
    /// A move the user has not confirmed anything for yet.
    pub fn new(deal: DealId, to: StageId, index: usize) -> PendingMove {
        PendingMove {
            deal,
            to,
            index,
            confirmed: false,
            complete_task: false,
        }
    }
}

/// The dialog open over the board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoardDialog {
    /// The deal editor.
    Editor(EditorTarget),
    /// "Move to…" for a deal.
    MoveMenu(DealId),
    /// Confirm moving on past an unfinished task of `stage`.
    ConfirmTask(PendingMove, StageId),
    /// Ask for the loss reason.
    LossReason(PendingMove),
}

/// What the board's parts share.
#[derive(Clone, Copy)]
pub struct BoardCtx {
    /// The store.
    pub store: Store,
    /// The direction shown.
    pub direction: RwSignal<Option<DirectionId>>,
    /// Owner filter.
    pub owner: RwSignal<Option<EmployeeId>>,
    /// Search text, as typed.
    pub search: RwSignal<String>,
    /// Only open deals without an expected close date (opened so from Analytics' forecast).
    pub undated: RwSignal<bool>,
    /// Collapsed columns.
    pub collapsed: RwSignal<HashSet<StageId>>,
    /// The open dialog.
    pub dialog: RwSignal<Option<BoardDialog>>,
    /// The last announcement for screen readers.
    pub announce: RwSignal<String>,
    /// Drag state.
    pub drag: drag::DragCtl,
    /// Translations, kept here for handlers that run outside the component tree (window
    /// listeners of a drag).
    pub i18n: leptos_i18n::I18nContext<Locale>,
}

impl BoardCtx {
    /// The filter the toolbar sets (read reactively): what the domain counts and shows.
    pub fn filter(&self) -> BoardFilter {
        BoardFilter::new(self.owner.get(), &self.search.read(), self.undated.get())
    }

    /// Closes the open dialog and gives focus back to the deal's card.
    pub fn close_dialog(&self, deal: DealId) {
        self.dialog.set(None);
        crate::ui::focus::focus_card(deal);
    }

    /// Runs a move; asks for confirmation or a loss reason when the domain needs one.
    pub fn request_move(&self, mv: PendingMove, loss_reason: Option<String>) {
        let i18n = self.i18n;
        let command = if mv.complete_task {
            Command::CompleteTaskAndMove {
                deal: mv.deal,
                to_stage: mv.to,
                index: mv.index,
                loss_reason,
                at: clock::now(),
            }
        } else {
            Command::MoveDeal {
                deal: mv.deal,
                to_stage: mv.to,
                index: mv.index,
                confirm_unfinished: mv.confirmed,
                loss_reason,
                at: clock::now(),
            }
        };
        match self.store.dispatch(command) {
            Ok(_) => {
                self.dialog.set(None);
                self.announce_move(mv.deal);
                crate::ui::focus::focus_card(mv.deal);
            }
            Err(ActionError::Domain(DomainError::TaskNotDone { stage, .. })) => {
                self.dialog.set(Some(BoardDialog::ConfirmTask(mv, stage)));
            }
            Err(ActionError::Domain(DomainError::LossReasonRequired)) => {
                self.dialog.set(Some(BoardDialog::LossReason(mv)));
            }
            Err(e) => {
                self.dialog.set(None);
                self.announce.set(errors::action_error(i18n, &e));
            }
        }
    }

    fn announce_move(&self, deal: DealId) {
        let i18n = self.i18n;
        let text = self.store.ws().with_untracked(|ws| {
            let d = ws.deal(deal)?;
            let (_, stage) = ws.stage(d.stage)?;
            let position = ws.position(deal)? + 1;
            let count = ws.column(d.stage).len();
            Some(msg!(
                i18n,
                board.moved,
                title = d.title,
                stage = stage.name,
                position = position,
                count = count
            ))
        });
        if let Some(text) = text {
            self.announce.set(text);
        }
    }
}

/// The Board view: the toolbar, the totals, the columns of the chosen direction, and the
/// dialog open over them.
#[component]
pub fn BoardView() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let stored = crate::state::prefs::board_direction().map(DirectionId);
    // `#/board?undated`: the forecast's "show them on the board".
    let undated = window()
        .location()
        .hash()
        .is_ok_and(|h| h.contains("?undated"));
    let initial = store.ws().with_untracked(|ws| {
        let wanted = if undated {
            ws.undated_open_direction().or(stored)
        } else {
            stored
        };
        ws.board_direction(wanted)
    });
    let ctx = BoardCtx {
        store,
        direction: RwSignal::new(initial),
        owner: RwSignal::new(None),
        search: RwSignal::new(String::new()),
        undated: RwSignal::new(undated),
        collapsed: RwSignal::new(HashSet::new()),
        dialog: RwSignal::new(None),
        announce: RwSignal::new(String::new()),
        drag: drag::DragCtl::new(),
        i18n,
    };
    provide_context(ctx);
    // Keep the choice valid when directions change (deleted, archived, another tab).
    Effect::new(move |remembered: Option<Option<DirectionId>>| {
        let current = ctx.direction.get();
        let fixed = store.ws().with(|ws| ws.board_direction(current));
        if fixed != current {
            ctx.direction.set(fixed);
        }
        // Written only when it changes: this runs on every change of the workspace.
        if let Some(d) = fixed.filter(|_| remembered.flatten() != fixed) {
            crate::state::prefs::store_board_direction(d.0);
        }
        fixed
    });
    let stages = move || {
        store.ws().with(|ws| {
            ctx.direction
                .get()
                .and_then(|d| ws.direction(d))
                .map(|d| d.stages.iter().map(|s| s.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };

    // The board may show its first screen before every deal is read (`Store::read_in_slices`):
    // whatever the user starts on it (a click, a drag, a key, a filter) reads the rest first.
    view! {
        <section
            class="board-view"
            data-view="board"
            aria-busy=move || store.reading.get().then_some("true")
            on:pointerdown:capture=move |_| store.read_all()
            on:keydown:capture=move |_| store.read_all()
        >
            <h1 class="view-title visually-hidden">{tr!(i18n, views.board_title)}</h1>
            <toolbar::Toolbar />
            <toolbar::Totals />
            <When
                when=move || ctx.direction.get().is_some()
                fallback=move || view! { <p class="view-soon">{tr!(i18n, board.no_directions)}</p> }
            >
                <div class="board" data-testid="board" node_ref=ctx.drag.board>
                    <For each=stages key=|s| *s let(stage)>
                        <column::Column stage=stage />
                    </For>
                </div>
            </When>
            <div class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
                {move || ctx.announce.get()}
            </div>
            <drag::Ghost />
            <OpenDialog />
        </section>
    }
}

/// The dialog open over the board, if any.
#[component]
fn OpenDialog() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let close = Callback::new(move |_| ctx.dialog.set(None));
    move || {
        // A dialog reads the columns (positions, counts): every deal first.
        ctx.dialog
            .get()
            .inspect(|_| ctx.store.read_all())
            .map(|d| match d {
                BoardDialog::Editor(target) => {
                    view! { <crate::ui::deal::OpenEditor target=target on_close=close /> }
                        .into_any()
                }
                BoardDialog::MoveMenu(deal) => view! { <dialogs::MoveMenu deal=deal /> }.into_any(),
                BoardDialog::ConfirmTask(mv, stage) => {
                    view! { <dialogs::ConfirmTask mv=mv stage=stage /> }.into_any()
                }
                BoardDialog::LossReason(mv) => view! { <dialogs::LossReason mv=mv /> }.into_any(),
            })
    }
}
