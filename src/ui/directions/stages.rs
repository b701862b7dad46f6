//! The stage editor of a direction: add, rename, reorder (drag by the handle, or arrows), set
//! kind, colour, probability, stale threshold and the task; delete, moving the stage's deals to
//! a chosen stage first.

use crate::domain::{Command, DirectionId, StageId, StageKind, StageSpec, StageTask};
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::use_store;
use crate::ui::counts;
use crate::ui::errors;
use crate::ui::modal::{DialogActions, Modal};
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;

/// The stages of one direction.
#[component]
pub fn StageEditor(direction: DirectionId, error: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let open = RwSignal::new(None::<StageId>);
    let deleting = RwSignal::new(None::<StageId>);
    let dragged = RwSignal::new(None::<StageId>);
    let stages = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.direction(direction)
                .map(|d| {
                    d.stages
                        .iter()
                        .map(|s| {
                            (
                                s.id,
                                s.name.clone(),
                                s.kind,
                                s.color.clone(),
                                ws.column(s.id).len(),
                                s.task.as_ref().map(|t| t.title.clone()),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let run = move |c: Command| errors::dispatch_shown(store, i18n, error, c).is_some();
    let add = move |_| {
        let index = store
            .ws()
            .with_untracked(|ws| ws.direction(direction).map_or(0, |d| d.new_stage_index()));
        let spec = StageSpec::new(t_string!(i18n, stage.new_name), StageKind::Open);
        let command = Command::AddStage {
            direction,
            index,
            spec,
        };
        if let Some(crate::domain::Outcome::StageCreated(id)) =
            errors::dispatch_shown(store, i18n, error, command)
        {
            open.set(Some(id));
        }
    };
    let name = move || {
        store.ws().with(|ws| {
            ws.direction(direction)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        })
    };
    let ui = RowState {
        dragged,
        open,
        deleting,
        error,
    };
    let run_cb = Callback::new(run);
    view! {
        <section class="stage-editor" data-testid="stage-editor">
            <h3 class="panel-title">{move || msg!(i18n, stage.title, name = name())}</h3>
            <p class="muted">{tr!(i18n, stage.hint)}</p>
            <ol class="stage-list">
                {move || {
                    let all = stages.get();
                    let n = all.len();
                    all.into_iter()
                        .enumerate()
                        .map(|(i, row)| {
                            view! { <StageRow row=row index=i count=n ui=ui run=run_cb /> }
                        })
                        .collect_view()
                }}
            </ol>
            <button type="button" class="button" data-action="add-stage" on:click=add>
                {tr!(i18n, stage.add)}
            </button>
            {move || {
                deleting
                    .get()
                    .map(|s| {
                        view! {
                            <DeleteStage
                                stage=s
                                on_close=Callback::new(move |_| deleting.set(None))
                            />
                        }
                    })
            }}
        </section>
    }
}

fn parse_opt<T: std::str::FromStr>(s: &str) -> Result<Option<T>, ()> {
    let t = s.trim();
    if t.is_empty() {
        Ok(None)
    } else {
        t.parse().map(Some).map_err(|_| ())
    }
}

/// Every setting of one stage, saved together.
#[component]
fn StageForm(stage: StageId, error: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let spec = store
        .ws()
        .with_untracked(|ws| ws.stage(stage).map(|(_, s)| s.spec()))
        .unwrap_or_else(|| StageSpec::new("", StageKind::Open));
    let task = spec.task.clone().unwrap_or_default();
    let name = RwSignal::new(spec.name.clone());
    let kind = RwSignal::new(spec.kind);
    let color = RwSignal::new(spec.color.clone());
    let probability = RwSignal::new(spec.probability.map(|p| p.to_string()).unwrap_or_default());
    let stale = RwSignal::new(
        spec.stale_after_days
            .map(|p| p.to_string())
            .unwrap_or_default(),
    );
    let title = RwSignal::new(task.title.clone());
    let what = RwSignal::new(task.description.clone());
    let checklist = RwSignal::new(task.checklist.join("\n"));
    let due = RwSignal::new(task.due_days.map(|d| d.to_string()).unwrap_or_default());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(probability), Ok(stale_after_days), Ok(due_days)) = (
            parse_opt::<u8>(&probability.get_untracked()),
            parse_opt::<u16>(&stale.get_untracked()),
            parse_opt::<u16>(&due.get_untracked()),
        ) else {
            error.set(Some(t_string!(i18n, stage.bad_number).to_string()));
            return;
        };
        let task = (!title.get_untracked().trim().is_empty()).then(|| StageTask {
            title: title.get_untracked(),
            description: what.get_untracked(),
            checklist: checklist
                .get_untracked()
                .lines()
                .map(str::to_string)
                .collect(),
            due_days,
        });
        let spec = StageSpec {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            color: color.get_untracked(),
            probability,
            stale_after_days,
            task,
        };
        errors::dispatch_shown(store, i18n, error, Command::EditStage { stage, spec });
    };
    let input =
        move |label: String, value: RwSignal<String>, kind: &'static str, testid: &'static str| {
            view! {
                <label class="field">
                    <span class="field-label">{label}</span>
                    <input
                        class="input"
                        type=kind
                        data-testid=testid
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </label>
            }
        };
    view! {
        <form class="form stage-form" on:submit=save data-testid="stage-form">
            <div class="form-grid">
                {input(t_string!(i18n, stage.name).to_string(), name, "text", "stage-name")}
                <label class="field">
                    <span class="field-label">{tr!(i18n, stage.kind)}</span>
                    <select
                        class="input"
                        data-testid="stage-kind"
                        on:change=move |ev| {
                            kind.set(
                                match event_target_value(&ev).as_str() {
                                    "won" => StageKind::Won,
                                    "lost" => StageKind::Lost,
                                    _ => StageKind::Open,
                                },
                            )
                        }
                    >
                        <option value="open" selected=spec.kind == StageKind::Open>
                            {tr!(i18n, stage.kind_open)}
                        </option>
                        <option value="won" selected=spec.kind == StageKind::Won>
                            {tr!(i18n, stage.kind_won)}
                        </option>
                        <option value="lost" selected=spec.kind == StageKind::Lost>
                            {tr!(i18n, stage.kind_lost)}
                        </option>
                    </select>
                </label>
                {input(t_string!(i18n, stage.color).to_string(), color, "color", "stage-color")}
                {input(
                    t_string!(i18n, stage.probability).to_string(),
                    probability,
                    "number",
                    "stage-probability",
                )} {input(t_string!(i18n, stage.stale).to_string(), stale, "number", "stage-stale")}
                {input(t_string!(i18n, stage.task_title).to_string(), title, "text", "task-title")}
                {input(t_string!(i18n, stage.due).to_string(), due, "number", "task-due")}
            </div>
            <label class="field">
                <span class="field-label">{tr!(i18n, stage.task_what)}</span>
                <textarea
                    class="input"
                    rows="2"
                    data-testid="task-what"
                    prop:value=move || what.get()
                    on:input=move |ev| what.set(event_target_value(&ev))
                ></textarea>
            </label>
            <label class="field">
                <span class="field-label">{tr!(i18n, stage.checklist)}</span>
                <textarea
                    class="input"
                    rows="3"
                    data-testid="task-checklist"
                    prop:value=move || checklist.get()
                    on:input=move |ev| checklist.set(event_target_value(&ev))
                ></textarea>
            </label>
            <DialogActions>
                <button type="submit" class="button button-primary" data-action="save-stage">
                    {tr!(i18n, dir.save)}
                </button>
            </DialogActions>
        </form>
    }
}

/// Delete a stage; with deals, choose where they go (and a loss reason for a lost target).
#[component]
fn DeleteStage(stage: StageId, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let (name, count, targets) = store.ws().with_untracked(|ws| {
        let (d, s) = match ws.stage(stage) {
            Some(x) => x,
            None => return (String::new(), 0, Vec::new()),
        };
        let targets: Vec<_> = d
            .stages
            .iter()
            .filter(|x| x.id != stage)
            .map(|x| (x.id, x.name.clone(), x.kind))
            .collect();
        (s.name.clone(), ws.column(stage).len(), targets)
    });
    let target = RwSignal::new(
        store
            .ws()
            .with_untracked(|ws| ws.default_stage_on_delete(stage)),
    );
    let reason = RwSignal::new(store.ws().with_untracked(|ws| ws.default_loss_reason()));
    let error = RwSignal::new(None::<String>);
    let targets = StoredValue::new(targets);
    let target_is_lost = move || {
        target.get().is_some_and(|t| {
            store
                .ws()
                .with_untracked(|ws| ws.stage_move_needs_loss_reason(stage, t))
        })
    };
    let confirm = move |_| {
        let cmd = Command::DeleteStage {
            stage,
            move_to: if count > 0 {
                target.get_untracked()
            } else {
                None
            },
            loss_reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
            at: clock::now(),
        };
        if errors::dispatch_shown(store, i18n, error, cmd).is_some() {
            on_close.run(());
        }
    };
    view! {
        <Modal title_id="delete-stage-title" on_close=on_close>
            <div class="form" data-testid="delete-stage">
                <h2 id="delete-stage-title" class="modal-title">
                    {msg!(i18n, stage.delete_title, name = name)}
                </h2>
                {if count == 0 {
                    view! { <p>{tr!(i18n, stage.delete_empty)}</p> }.into_any()
                } else {
                    view! {
                        <p data-testid="delete-stage-count">
                            {counts::stage_delete_moves(i18n.get_locale(), count)}
                        </p>
                        <label class="field">
                            <span class="field-label">{tr!(i18n, stage.target)}</span>
                            <select
                                class="input"
                                data-testid="delete-stage-target"
                                on:change=move |ev| {
                                    target.set(event_target_value(&ev).parse().ok().map(StageId))
                                }
                            >
                                {targets
                                    .with_value(|t| {
                                        t.iter()
                                            .map(|(id, n, _)| {
                                                let id = *id;
                                                view! {
                                                    <option
                                                        value=id.0.to_string()
                                                        selected=move || target.get() == Some(id)
                                                    >
                                                        {n.clone()}
                                                    </option>
                                                }
                                            })
                                            .collect_view()
                                    })}
                            </select>
                        </label>
                        <When when=target_is_lost>
                            <label class="field">
                                <span class="field-label">{tr!(i18n, stage.loss_reason)}</span>
                                <input
                                    class="input"
                                    prop:value=move || reason.get()
                                    on:input=move |ev| reason.set(event_target_value(&ev))
                                />
                            </label>
                        </When>
                    }
                        .into_any()
                }}
                <p class="form-error" role="alert">
                    {move || error.get()}
                </p>
                <DialogActions>
                    <button
                        type="button"
                        class="button button-danger"
                        data-action="confirm-delete-stage"
                        on:click=confirm
                    >
                        {tr!(i18n, dir.confirm_delete)}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr!(i18n, deal.cancel)}
                    </button>
                </DialogActions>
            </div>
        </Modal>
    }
}

/// One row of the stage list: id, name, kind, colour, deals, task title.
type StageRowData = (StageId, String, StageKind, String, usize, Option<String>);

/// What the rows of a stage list share: the stage being dragged, the one whose form is open,
/// the one being deleted, and where refusals show.
#[derive(Clone, Copy)]
struct RowState {
    dragged: RwSignal<Option<StageId>>,
    open: RwSignal<Option<StageId>>,
    deleting: RwSignal<Option<StageId>>,
    error: RwSignal<Option<String>>,
}

/// A stage with its kind, task, deals and actions (reorder by drag or arrows, edit, delete),
/// and its form below when open.
#[component]
fn StageRow(
    row: StageRowData,
    index: usize,
    count: usize,
    ui: RowState,
    run: Callback<Command, bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id, sname, kind, color, deals, task) = row;
    let (i, n) = (index, count);
    let RowState {
        dragged,
        open,
        deleting,
        error,
    } = ui;
    let run = move |c: Command| run.run(c);
    let kind_label = match kind {
        StageKind::Open => t_string!(i18n, stage.kind_open),
        StageKind::Won => t_string!(i18n, stage.kind_won),
        StageKind::Lost => t_string!(i18n, stage.kind_lost),
    };
    view! {
        <li
            class="stage-item"
            data-stage-item=id.0
            class:drag-over=move || dragged.get().is_some_and(|d| d != id)
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(d) = dragged.get_untracked() {
                    if d != id {
                        run(Command::ReorderStage {
                            stage: d,
                            index: i,
                        });
                    }
                }
                dragged.set(None);
            }
        >
            <div class="stage-row">
                <span
                    class="drag-handle stage-handle"
                    draggable="true"
                    aria-hidden="true"
                    title=msg!(i18n, stage.drag, name = sname)
                    on:dragstart=move |ev: leptos::ev::DragEvent| {
                        if let Some(dt) = ev.data_transfer() {
                            let _ = dt.set_data("text/plain", &id.0.to_string());
                        }
                        dragged.set(Some(id));
                    }
                    on:dragend=move |_| dragged.set(None)
                >
                    "⠿"
                </span>
                <span class="stage-swatch" style=format!("background:{color}")></span>
                <span class="stage-name">{sname.clone()}</span>
                <span class="muted stage-kind">{kind_label}</span>
                {match task {
                    Some(title) => {
                        view! {
                            <span class="stage-task" data-testid="stage-task">
                                {msg!(i18n, stage.task_of, title = title)}
                            </span>
                        }
                            .into_any()
                    }
                    None if kind == StageKind::Open => {
                        view! {
                            <span class="stage-task missing" data-testid="stage-task">
                                {tr!(i18n, stage.no_task)}
                            </span>
                        }
                            .into_any()
                    }
                    None => ().into_any(),
                }}
                <span class="muted">{counts::stage_deals(i18n.get_locale(), deals)}</span>
                <span class="stage-actions">
                    <button
                        type="button"
                        class="icon-button"
                        data-action="stage-up"
                        aria-label=move || t_string!(i18n, dir.up)
                        disabled=i == 0
                        on:click=move |_| {
                            run(Command::ReorderStage {
                                stage: id,
                                index: i - 1,
                            });
                        }
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        class="icon-button"
                        data-action="stage-down"
                        aria-label=move || t_string!(i18n, dir.down)
                        disabled=i + 1 == n
                        on:click=move |_| {
                            run(Command::ReorderStage {
                                stage: id,
                                index: i + 1,
                            });
                        }
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="button button-small"
                        data-action="edit-stage"
                        aria-expanded=move || (open.get() == Some(id)).to_string()
                        on:click=move |_| {
                            open.update(|o| *o = if *o == Some(id) { None } else { Some(id) })
                        }
                    >
                        {move || {
                            if open.get() == Some(id) {
                                t_string!(i18n, stage.close)
                            } else {
                                t_string!(i18n, stage.edit)
                            }
                        }}
                    </button>
                    <button
                        type="button"
                        class="button button-small button-danger"
                        data-action="delete-stage"
                        on:click=move |_| deleting.set(Some(id))
                    >
                        {tr!(i18n, stage.delete)}
                    </button>
                </span>
            </div>
            <When when=move || open.get() == Some(id)>
                <StageForm stage=id error=error />
            </When>
        </li>
    }
}
