//! The Directions view: create directions from the seed's templates or blank; rename,
//! describe, classify, reorder, archive and restore them; delete one only after choosing where
//! its deals go; edit the stages of the selected one; edit the loss reasons.

mod delete;
mod stages;

use crate::domain::{
    templates, Audience, Classification, Command, Complexity, DirectionId, Outcome, Segment,
    Template, Touches,
};
use crate::i18n::*;
use crate::state::store::use_store;
use crate::ui::errors;
use crate::ui::head_only::{HeadOnly, HeadOnlyNote};
use crate::ui::modal::DialogActions;
use crate::ui::text::{message, tr};
use crate::ui::{counts, format};
use leptos::prelude::*;

/// The Directions view.
#[component]
pub fn DirectionsView() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let selected = RwSignal::new(
        store
            .ws()
            .with_untracked(|ws| ws.directions().next().map(|d| d.id)),
    );
    let error = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<DirectionId>);
    // Every command of this view: a refusal shows under the create card, a new direction is
    // selected.
    let run = Callback::new(move |c: Command| {
        if let Some(Outcome::DirectionCreated(id)) = errors::dispatch_shown(store, i18n, error, c) {
            selected.set(Some(id));
        }
    });
    let list = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.directions()
                .map(|d| {
                    let open = ws.open_totals(d.id).count;
                    (
                        d.id,
                        d.name.clone(),
                        d.description.clone(),
                        d.classification,
                        d.archived,
                        open,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="view directions-view" data-view="directions">
            <h1 class="view-title">{tr!(i18n, views.directions_title)}</h1>
            <HeadOnlyNote />
            <HeadOnly>
                <CreateDirection run=run error=error />
            </HeadOnly>
            <div class="directions-layout">
                <DirectionList list=list selected=selected run=run />
                {move || {
                    selected
                        .get()
                        .and_then(|id| list.get().into_iter().find(|d| d.0 == id))
                        .map(|(id, name, description, classification, archived, _)| {
                            view! {
                                <HeadOnly>
                                    <DirectionDetails
                                        id=id
                                        name=name
                                        description=description
                                        classification=classification
                                        archived=archived
                                        error=error
                                        deleting=deleting
                                    />
                                </HeadOnly>
                            }
                        })
                }}
            </div>
            <HeadOnly>
                <LossReasons />
            </HeadOnly>
            {move || {
                deleting
                    .get()
                    .map(|id| {
                        view! {
                            <delete::DeleteDirection
                                id=id
                                on_close=Callback::new(move |_| deleting.set(None))
                            />
                        }
                    })
            }}
        </section>
    }
}

/// One row of the directions list: id, name, description, classification, archived, open deals.
type DirectionRow = (DirectionId, String, String, Classification, bool, usize);

/// New direction: from one of the seed's four templates, or blank (open, won and lost stages).
#[component]
fn CreateDirection(run: Callback<Command>, error: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let blank_name = RwSignal::new(String::new());
    let run = move |c: Command| run.run(c);
    let templates = [
        (Template::B2bNew, "b2b-new"),
        (Template::B2bRepeat, "b2b-repeat"),
        (Template::B2cNew, "b2c-new"),
        (Template::B2cRepeat, "b2c-repeat"),
    ];
    let template_label = move |t: Template| match t {
        Template::B2bNew => t_string!(i18n, dir.tpl_b2b_new),
        Template::B2bRepeat => t_string!(i18n, dir.tpl_b2b_repeat),
        Template::B2cNew => t_string!(i18n, dir.tpl_b2c_new),
        Template::B2cRepeat => t_string!(i18n, dir.tpl_b2c_repeat),
    };
    let create_blank = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(Command::CreateDirection {
            name: blank_name.get_untracked(),
            description: String::new(),
            classification: Classification::default(),
            stages: templates::blank_stages(format::content_lang(i18n.get_locale_untracked())),
        });
        if error.get_untracked().is_none() {
            blank_name.set(String::new());
        }
    };
    view! {
        <section class="card create-card">
            <h2 class="card-title">{tr!(i18n, dir.create_title)}</h2>
            <div class="template-buttons">
                <span class="muted">{tr!(i18n, dir.from_template)}</span>
                {templates
                    .into_iter()
                    .map(|(t, id)| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                data-template=id
                                on:click=move |_| run(Command::CreateDirectionFromTemplate {
                                    template: t,
                                    lang: format::content_lang(i18n.get_locale_untracked()),
                                })
                            >
                                {move || template_label(t)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <form class="inline-form" on:submit=create_blank>
                <input
                    class="input"
                    data-testid="blank-direction-name"
                    placeholder=move || t_string!(i18n, dir.blank_name)
                    aria-label=move || t_string!(i18n, dir.blank_name)
                    prop:value=move || blank_name.get()
                    on:input=move |ev| blank_name.set(event_target_value(&ev))
                />
                <button type="submit" class="button button-primary">
                    {tr!(i18n, dir.create_blank)}
                </button>
            </form>
            <p class="form-error" role="alert" data-testid="directions-error">
                {move || error.get()}
            </p>
        </section>
    }
}

/// The directions in order, each with its open deals; arrows reorder them.
#[component]
fn DirectionList(
    list: Memo<Vec<DirectionRow>>,
    selected: RwSignal<Option<DirectionId>>,
    run: Callback<Command>,
) -> impl IntoView {
    let i18n = use_i18n();
    let run = move |c: Command| run.run(c);
    view! {
        <section class="card direction-list-card">
            <h2 class="card-title">{tr!(i18n, dir.list_title)}</h2>
            <ol class="direction-list" data-testid="direction-list">
                {move || {
                    let items = list.get();
                    let n = items.len();
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, (id, name, _, _, archived, open))| {
                            view! {
                                <li
                                    class="direction-item"
                                    class:selected=move || selected.get() == Some(id)
                                    class:archived=archived
                                    data-direction=id.0
                                >
                                    <button
                                        type="button"
                                        class="direction-select"
                                        on:click=move |_| selected.set(Some(id))
                                    >
                                        <span class="direction-name">{name.clone()}</span>
                                        <span class="muted">
                                            {counts::open_deals(i18n.get_locale(), open)}
                                        </span>
                                        {archived
                                            .then(|| {
                                                view! {
                                                    <span class="badge">{tr!(i18n, dir.archived)}</span>
                                                }
                                            })}
                                    </button>
                                    <HeadOnly>
                                        <span class="direction-actions">
                                            <button
                                                type="button"
                                                class="icon-button"
                                                aria-label=move || t_string!(i18n, dir.up)
                                                disabled=i == 0
                                                on:click=move |_| run(Command::ReorderDirection {
                                                    direction: id,
                                                    index: i - 1,
                                                })
                                            >
                                                "↑"
                                            </button>
                                            <button
                                                type="button"
                                                class="icon-button"
                                                aria-label=move || t_string!(i18n, dir.down)
                                                disabled=i + 1 == n
                                                on:click=move |_| run(Command::ReorderDirection {
                                                    direction: id,
                                                    index: i + 1,
                                                })
                                            >
                                                "↓"
                                            </button>
                                        </span>
                                    </HeadOnly>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}

fn select_value<T: Copy + PartialEq>(
    options: &[(T, &'static str)],
    value: Option<T>,
) -> &'static str {
    value
        .and_then(|v| options.iter().find(|o| o.0 == v))
        .map_or("", |o| o.1)
}

/// A message of the UI, chosen for the language.
type Text = fn(Locale) -> &'static str;

/// One field of a direction's classification: its label and a select of `options` (the value
/// and its text), "not set" first; `on_pick` gets the chosen value ("" for not set). One
/// function for the four fields: each would otherwise be its own copy of the select's code.
#[component]
fn ClassificationField(
    label: Text,
    options: Vec<(&'static str, Text)>,
    current: &'static str,
    on_pick: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span class="field-label">{message(i18n, label)}</span>
            <select class="input" on:change=move |ev| on_pick.run(event_target_value(&ev))>
                <option value="" selected=current.is_empty()>
                    {tr!(i18n, dir.unset)}
                </option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        view! {
                            <option value=value selected=current == value>
                                {message(i18n, text)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Name, description, classification, archive and delete of one direction, and its stages.
#[component]
fn DirectionDetails(
    id: DirectionId,
    name: String,
    description: String,
    classification: Classification,
    archived: bool,
    error: RwSignal<Option<String>>,
    deleting: RwSignal<Option<DirectionId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let run = move |c: Command| {
        errors::dispatch_shown(store, i18n, error, c);
    };
    let segments = [(Segment::B2b, "b2b"), (Segment::B2c, "b2c")];
    let complexities = [
        (Complexity::Simple, "simple"),
        (Complexity::Medium, "medium"),
        (Complexity::Complex, "complex"),
    ];
    let touches = [
        (Touches::Few, "few"),
        (Touches::Several, "several"),
        (Touches::Many, "many"),
    ];
    let audiences = [(Audience::New, "new"), (Audience::Repeat, "repeat")];
    let classify = move |change: Box<dyn Fn(&mut Classification)>| {
        let mut c = store
            .ws()
            .with_untracked(|ws| ws.direction(id).map(|d| d.classification))
            .unwrap_or_default();
        change(&mut c);
        run(Command::ClassifyDirection {
            direction: id,
            classification: c,
        });
    };
    let original = name.clone();
    view! {
        <section class="card direction-details" data-testid="direction-details">
            <div class="form-grid">
                <label class="field">
                    <span class="field-label">{tr!(i18n, dir.name)}</span>
                    <input
                        class="input"
                        data-testid="direction-name"
                        prop:value=name.clone()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Err(e) = store
                                .dispatch(Command::RenameDirection {
                                    direction: id,
                                    name: value,
                                })
                            {
                                error.set(Some(errors::action_error(i18n, &e)));
                                let input: web_sys::HtmlInputElement = event_target(&ev);
                                input.set_value(&original);
                            }
                        }
                    />
                </label>
                <ClassificationField
                    label=|l| td_string!(l, dir.segment)
                    options=vec![
                        ("b2b", |l| td_string!(l, dir.seg_b2b)),
                        ("b2c", |l| td_string!(l, dir.seg_b2c)),
                    ]
                    current=select_value(&segments, classification.segment)
                    on_pick=Callback::new(move |v: String| classify(
                        Box::new(move |c| {
                            c.segment = segments.iter().find(|o| o.1 == v).map(|o| o.0);
                        }),
                    ))
                />
                <ClassificationField
                    label=|l| td_string!(l, dir.complexity)
                    options=vec![
                        ("simple", |l| td_string!(l, dir.cx_simple)),
                        ("medium", |l| td_string!(l, dir.cx_medium)),
                        ("complex", |l| td_string!(l, dir.cx_complex)),
                    ]
                    current=select_value(&complexities, classification.complexity)
                    on_pick=Callback::new(move |v: String| classify(
                        Box::new(move |c| {
                            c.complexity = complexities.iter().find(|o| o.1 == v).map(|o| o.0);
                        }),
                    ))
                />
                <ClassificationField
                    label=|l| td_string!(l, dir.touches)
                    options=vec![
                        ("few", |l| td_string!(l, dir.t_few)),
                        ("several", |l| td_string!(l, dir.t_several)),
                        ("many", |l| td_string!(l, dir.t_many)),
                    ]
                    current=select_value(&touches, classification.touches)
                    on_pick=Callback::new(move |v: String| classify(
                        Box::new(move |c| {
                            c.touches = touches.iter().find(|o| o.1 == v).map(|o| o.0);
                        }),
                    ))
                />
                <ClassificationField
                    label=|l| td_string!(l, dir.audience)
                    options=vec![
                        ("new", |l| td_string!(l, dir.a_new)),
                        ("repeat", |l| td_string!(l, dir.a_repeat)),
                    ]
                    current=select_value(&audiences, classification.audience)
                    on_pick=Callback::new(move |v: String| classify(
                        Box::new(move |c| {
                            c.audience = audiences.iter().find(|o| o.1 == v).map(|o| o.0);
                        }),
                    ))
                />
            </div>
            <label class="field">
                <span class="field-label">{tr!(i18n, dir.description)}</span>
                <textarea
                    class="input"
                    rows="2"
                    prop:value=description
                    on:change=move |ev| run(Command::DescribeDirection {
                        direction: id,
                        description: event_target_value(&ev),
                    })
                ></textarea>
            </label>
            <DialogActions>
                <button
                    type="button"
                    class="button"
                    data-action="archive"
                    on:click=move |_| run(Command::ArchiveDirection {
                        direction: id,
                        archived: !archived,
                    })
                >
                    {if archived {
                        t_string!(i18n, dir.restore)
                    } else {
                        t_string!(i18n, dir.archive)
                    }}
                </button>
                <button
                    type="button"
                    class="button button-danger"
                    data-action="delete-direction"
                    on:click=move |_| deleting.set(Some(id))
                >
                    {tr!(i18n, dir.delete)}
                </button>
            </DialogActions>
            <stages::StageEditor direction=id error=error />
        </section>
    }
}

/// The workspace's loss reasons, one per line.
#[component]
fn LossReasons() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let text = RwSignal::new(store.ws().with_untracked(|ws| ws.loss_reasons().join("\n")));
    let message = RwSignal::new(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reasons: Vec<String> = text
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        match store.dispatch(Command::SetLossReasons { reasons }) {
            Ok(_) => message.set(Some((true, t_string!(i18n, reasons.saved).to_string()))),
            Err(e) => message.set(Some((false, errors::action_error(i18n, &e)))),
        }
    };
    view! {
        <section class="card" data-section="loss-reasons">
            <h2 class="card-title" id="loss-reasons-title">
                {tr!(i18n, reasons.title)}
            </h2>
            <p class="muted" id="loss-reasons-hint">
                {tr!(i18n, reasons.hint)}
            </p>
            <form class="form full" on:submit=save>
                <textarea
                    class="input"
                    rows="5"
                    data-testid="loss-reasons"
                    aria-labelledby="loss-reasons-title"
                    aria-describedby="loss-reasons-hint"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <DialogActions>
                    <button type="submit" class="button button-primary">
                        {tr!(i18n, reasons.save)}
                    </button>
                    {move || {
                        message
                            .get()
                            .map(|(ok, m)| {
                                view! {
                                    <span
                                        class=if ok { "form-ok" } else { "form-error" }
                                        role="status"
                                    >
                                        {m}
                                    </span>
                                }
                            })
                    }}
                </DialogActions>
            </form>
        </section>
    }
}
