//! Today: a rep's day in one list — open deals whose current stage task is not done, overdue
//! first, then due today, the next 7 days and without a due date — across every direction,
//! with the task's actions on each row and a count on the navigation item.

mod row;

use crate::domain::agenda::{AgendaFilter, AgendaItem, Bucket};
use crate::domain::{DealId, DirectionId, EmployeeId, StageId, Workspace};
use crate::i18n::*;
use crate::state::clock;
use crate::state::prefs;
use crate::state::store::{use_store, Store};
use crate::ui::counts;
use crate::ui::deal::editor::EditorTarget;
use crate::ui::text::tr;
use crate::ui::when::When;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// Rows drawn at once: a screen holds about eight.
const FIRST: usize = 10;
/// Rows added on the next frame, and each time scrolling comes near the end.
const PAGE: usize = 24;

/// What the Today list and its badge share: the owner filter (remembered) and today's date
/// (the app's [`clock::Today`], which moves on at midnight while the app stays open).
#[derive(Clone, Copy)]
pub struct TodayState {
    /// The chosen owner filter: `None` until the user chooses; `Some(None)` for everyone.
    chosen: RwSignal<Option<Option<EmployeeId>>>,
    /// Today, moving on at midnight.
    pub today: clock::Today,
}

impl TodayState {
    /// The state, kept in context; call once, in the app.
    pub fn provide() {
        let state = TodayState {
            chosen: RwSignal::new(prefs::today_owner().map(|o| o.map(EmployeeId))),
            today: clock::use_today(),
        };
        provide_context(state);
    }

    /// The owner filter in force: the chosen one, else the domain's default.
    pub fn owner(&self, ws: &Workspace) -> Option<EmployeeId> {
        match self.chosen.get() {
            Some(chosen) => chosen.filter(|e| ws.employee(*e).is_some()),
            None => ws.default_agenda_owner(),
        }
    }

    fn choose(&self, owner: Option<EmployeeId>) {
        self.chosen.set(Some(owner));
        prefs::store_today_owner(owner.map(|e| e.0));
    }
}

/// The count on the Today navigation item: overdue and due today, for the owner filter.
/// Counted again after the frame that shows a change, not in it: the count reads every deal
/// (about a millisecond at 10,000), and a drop or an edit waits for its own frame first.
#[component]
pub fn Badge() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let state = expect_context::<TodayState>();
    let counted = RwSignal::new(0u32);
    let waiting = StoredValue::new(false);
    Effect::new(move |before: Option<()>| {
        // What the count reads: the day, the deals, the owner filter.
        state.today.get();
        store.ws().with(|ws| state.owner(ws));
        if before.is_some() && !waiting.get_value() {
            waiting.set_value(true);
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        waiting.set_value(false);
                        counted.update(|n| *n = n.wrapping_add(1));
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
    });
    let count = Memo::new(move |_| {
        counted.track();
        let today = state.today.get_untracked();
        store.ws().with_untracked(|ws| {
            let filter = AgendaFilter {
                owner: untrack(|| state.owner(ws)),
                direction: None,
            };
            ws.agenda_badge(today, filter)
        })
    });
    move || {
        let n = count.get();
        (n > 0).then(|| {
            let locale = i18n.get_locale();
            view! {
                <span class="nav-badge" data-testid="today-badge" aria-hidden="true">
                    {crate::ui::format::integer(locale, n as i64)}
                </span>
                <span class="visually-hidden">
                    {format!(" ({})", counts::today_badge(locale, n))}
                </span>
            }
        })
    }
}

/// A dialog over the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodayDialog {
    /// The deal editor.
    Editor(DealId),
    /// "The task is not done": move on anyway, or mark it done and move.
    ConfirmMove {
        /// Which deal.
        deal: DealId,
        /// Its next stage.
        to: StageId,
    },
}

/// An action's announcement, kept so that an undo of it (Ctrl+Z) says what was undone and a
/// redo says the action again, instead of leaving the action's words in place.
#[derive(Clone, Debug)]
pub struct Said {
    /// The store's count of changes the action left (`Store::changes`).
    pub at: u64,
    /// What the action said.
    pub done: String,
    /// What its undo says.
    pub undone: String,
    /// Whether the last step over it was an undo.
    pub is_undone: bool,
}

impl TodayCtx {
    /// Announces an action that just changed the workspace, and what its undo would say.
    pub fn announce_action(&self, done: String, undone: String) {
        self.announce.set(done.clone());
        self.said.set_value(Some(Said {
            at: self.store.changes(),
            done,
            undone,
            is_undone: false,
        }));
    }

    /// After any other write of the workspace: the undo (or redo) of the announced action
    /// says so; anything else clears the announcement, which no longer describes the list.
    fn follow_change(&self) {
        let changes = self.store.changes();
        let step = self.store.last_step();
        let Some(mut said) = self.said.get_value() else {
            return;
        };
        if said.at == changes {
            return;
        }
        match step {
            Some(step)
                if step.changes == changes
                    && changes == said.at + 1
                    && step.undo != said.is_undone =>
            {
                self.announce.set(if step.undo {
                    said.undone.clone()
                } else {
                    said.done.clone()
                });
                said.at = changes;
                said.is_undone = step.undo;
                self.said.set_value(Some(said));
            }
            _ => {
                self.announce.set(String::new());
                self.said.set_value(None);
            }
        }
    }
}

/// What the rows share.
#[derive(Clone, Copy)]
pub struct TodayCtx {
    /// The store.
    pub store: Store,
    /// Translations (for handlers outside the component tree).
    pub i18n: I18nContext<Locale>,
    /// Owner filter and today.
    pub state: TodayState,
    /// The open dialog.
    pub dialog: RwSignal<Option<TodayDialog>>,
    /// The last announcement for screen readers.
    pub announce: RwSignal<String>,
    /// What the announcement said and what to say when its change is undone.
    pub said: StoredValue<Option<Said>>,
    /// The row to focus once the list is drawn again (its position).
    pub focus_at: RwSignal<Option<usize>>,
}

/// The Today view.
#[component]
pub fn TodayView() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let state = expect_context::<TodayState>();
    let direction = RwSignal::new(None::<DirectionId>);
    let ctx = TodayCtx {
        store,
        i18n,
        state,
        dialog: RwSignal::new(None),
        announce: RwSignal::new(String::new()),
        said: StoredValue::new(None),
        focus_at: RwSignal::new(None),
    };
    provide_context(ctx);
    Effect::new(move |_| {
        store.ws().track();
        ctx.follow_change();
    });
    let items = Memo::new(move |_| {
        let today = state.today.get();
        let direction = direction.get();
        store.ws().with(|ws| {
            let filter = AgendaFilter {
                owner: state.owner(ws),
                direction,
            };
            ws.agenda(today, filter)
        })
    });
    let limit = RwSignal::new(FIRST);
    // The first screen is drawn at once; the margin below it on the next frame.
    request_animation_frame(move || {
        if limit.try_get_untracked() == Some(FIRST) {
            limit.set(PAGE);
        }
    });
    // Near the end of the page, draw the next rows.
    let scroll = window_event_listener(leptos::ev::scroll, move |_| {
        let near_end = document()
            .document_element()
            .is_some_and(|el| el.scroll_top() + el.client_height() + 600 >= el.scroll_height());
        if near_end && items.with_untracked(Vec::len) > limit.get_untracked() {
            limit.update(|l| *l += PAGE);
        }
    });
    on_cleanup(move || scroll.remove());
    // Focus follows the action to the row now at the acted-on position.
    Effect::new(move |_| {
        items.track();
        if let Some(at) = ctx.focus_at.get_untracked() {
            ctx.focus_at.set(None);
            request_animation_frame(move || row::focus_row(at));
        }
    });
    view! {
        <section class="view today-view" data-view="today">
            <h1 class="view-title">{tr!(i18n, views.today_title)}</h1>
            <Filters direction=direction />
            <p class="muted today-keys">{tr!(i18n, today.keys)}</p>
            <p
                class="visually-hidden"
                role="status"
                aria-live="polite"
                data-testid="today-announce"
            >
                {move || ctx.announce.get()}
            </p>
            <When
                when=move || items.with(|i| !i.is_empty())
                fallback=move || {
                    view! {
                        <p class="empty-state" data-testid="today-empty">
                            {tr!(i18n, today.empty)}
                        </p>
                    }
                }
            >
                {move || {
                    Bucket::ALL
                        .into_iter()
                        .map(|b| view! { <Group bucket=b items=items limit=limit /> })
                        .collect_view()
                }}
                <When when=move || { items.with(Vec::len) > limit.get() }>
                    <button
                        type="button"
                        class="button"
                        data-action="show-more"
                        on:click=move |_| limit.update(|l| *l += PAGE)
                    >
                        {tr!(i18n, today.show_more)}
                    </button>
                </When>
            </When>
            <OpenDialog />
        </section>
    }
}

/// Owner and direction filters.
#[component]
fn Filters(direction: RwSignal<Option<DirectionId>>) -> impl IntoView {
    let ctx = expect_context::<TodayCtx>();
    let (i18n, store, state) = (ctx.i18n, ctx.store, ctx.state);
    let owners = move || {
        store.ws().with(|ws| {
            let current = state.owner(ws);
            ws.employees()
                .map(|e| {
                    let selected = current == Some(e.id);
                    view! {
                        <option value=e.id.0.to_string() selected=selected>
                            {e.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let directions = move || {
        store.ws().with(|ws| {
            ws.directions_taking_deals()
                .map(|d| {
                    let selected = direction.get() == Some(d.id);
                    view! {
                        <option value=d.id.0.to_string() selected=selected>
                            {d.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let everyone = move || store.ws().with(|ws| state.owner(ws).is_none());
    view! {
        <div class="board-toolbar today-filters">
            <label class="field field-inline">
                <span class="field-label">{tr!(i18n, board.owner)}</span>
                <select
                    class="input"
                    data-testid="today-owner"
                    on:change=move |ev| {
                        state.choose(event_target_value(&ev).parse().ok().map(EmployeeId))
                    }
                >
                    <option value="" selected=everyone>
                        {tr!(i18n, board.all_owners)}
                    </option>
                    {owners}
                </select>
            </label>
            <label class="field field-inline">
                <span class="field-label">{tr!(i18n, board.direction)}</span>
                <select
                    class="input"
                    data-testid="today-direction"
                    on:change=move |ev| {
                        direction.set(event_target_value(&ev).parse().ok().map(DirectionId))
                    }
                >
                    <option value="">{tr!(i18n, today.all_directions)}</option>
                    {directions}
                </select>
            </label>
        </div>
    }
}

fn group_title(i18n: I18nContext<Locale>, bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Overdue => t_string!(i18n, today.group.overdue),
        Bucket::Today => t_string!(i18n, today.group.today),
        Bucket::Week => t_string!(i18n, today.group.week),
        Bucket::Undated => t_string!(i18n, today.group.undated),
    }
}

fn bucket_key(bucket: Bucket) -> &'static str {
    match bucket {
        Bucket::Overdue => "overdue",
        Bucket::Today => "today",
        Bucket::Week => "week",
        Bucket::Undated => "undated",
    }
}

/// One group: its title with the count, and its rows (within the drawn limit).
#[component]
fn Group(bucket: Bucket, items: Memo<Vec<AgendaItem>>, limit: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    // The rows of this group that are within the drawn limit.
    let rows = move || {
        let limit = limit.get();
        items.with(|all| {
            all.iter()
                .take(limit)
                .filter(|i| i.bucket == bucket)
                .copied()
                .collect::<Vec<_>>()
        })
    };
    let count =
        Memo::new(move |_| items.with(|all| all.iter().filter(|i| i.bucket == bucket).count()));
    // The section stays while it has rows: a change redraws only the rows it touches and the
    // count in the heading.
    let heading = move || {
        format!(
            "{} · {}",
            group_title(i18n, bucket),
            counts::today_tasks(i18n.get_locale(), count.get())
        )
    };
    view! {
        <When when=move || { count.get() > 0 }>
            <section class="today-group" data-group=bucket_key(bucket)>
                <h2 class="today-group-title">{heading}</h2>
                <ul class="today-list">
                    <For each=rows key=|item| (item.deal, item.stage, item.due) let:item>
                        <row::Row item=item />
                    </For>
                </ul>
            </section>
        </When>
    }
}

/// The dialog open over the list, if any.
#[component]
fn OpenDialog() -> impl IntoView {
    let ctx = expect_context::<TodayCtx>();
    let close = Callback::new(move |_| ctx.dialog.set(None));
    move || {
        ctx.dialog.get().map(|d| match d {
            TodayDialog::Editor(deal) => {
                view! { <crate::ui::deal::OpenEditor target=EditorTarget::Existing(deal) on_close=close /> }
                    .into_any()
            }
            TodayDialog::ConfirmMove { deal, to } => {
                view! { <row::ConfirmMove deal=deal to=to /> }.into_any()
            }
        })
    }
}
