//! The mapping screen's two halves: each column's field (with the first row's value beside
//! it, and the day/month order when the file's dates could be read either way), and where
//! each pipeline, stage and responsible person of the file goes.

use super::CsvSession;
use crate::crm::mapping::{DirectionTarget, EmployeeTarget, StageTarget};
use crate::crm::{DateOrder, DealField};
use crate::domain::{DirectionId, EmployeeId, StageId, StageKind};
use crate::i18n::*;
use crate::state::store::Store;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn field_label(i18n: I18nContext<Locale>, field: DealField) -> &'static str {
    match field {
        DealField::Ignore => t_string!(i18n, csv.field.ignore),
        DealField::SourceId => t_string!(i18n, csv.field.id),
        DealField::Title => t_string!(i18n, csv.field.title),
        DealField::Amount => t_string!(i18n, csv.field.amount),
        DealField::Currency => t_string!(i18n, csv.field.currency),
        DealField::Direction => t_string!(i18n, csv.field.direction),
        DealField::Stage => t_string!(i18n, csv.field.stage),
        DealField::Status => t_string!(i18n, csv.field.status),
        DealField::Owner => t_string!(i18n, csv.field.owner),
        DealField::Company => t_string!(i18n, csv.field.company),
        DealField::Contact => t_string!(i18n, csv.field.contact),
        DealField::Phone => t_string!(i18n, csv.field.phone),
        DealField::Email => t_string!(i18n, csv.field.email),
        DealField::Created => t_string!(i18n, csv.field.created),
        DealField::ExpectedClose => t_string!(i18n, csv.field.expected_close),
        DealField::Closed => t_string!(i18n, csv.field.closed),
        DealField::LossReason => t_string!(i18n, csv.field.loss_reason),
        DealField::Notes => t_string!(i18n, csv.field.notes),
    }
}

/// A cell shortened for the sample column.
fn sample(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// Each column of the file with its first value and the field it fills.
#[component]
pub fn Columns(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let table = session.table.get_value();
    let rows = table
        .headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let first = sample(table.cell(0, index));
            let on_change = move |ev| {
                let field =
                    DealField::from_key(&event_target_value(&ev)).unwrap_or(DealField::Ignore);
                session.edit(store, i18n, |m, t, ws| m.set_column(index, field, t, ws));
            };
            let options = move || {
                let current = session
                    .mapping
                    .with(|m| m.columns.get(index).copied().unwrap_or(DealField::Ignore));
                DealField::ALL
                    .into_iter()
                    .map(|f| {
                        view! {
                            <option value=f.key() selected=f == current>
                                {field_label(i18n, f)}
                            </option>
                        }
                    })
                    .collect_view()
            };
            view! {
                <tr>
                    <th scope="row">{header.clone()}</th>
                    <td class="csv-sample">{first}</td>
                    <td>
                        <select
                            class="input"
                            data-testid=format!("csv-column-{index}")
                            aria-label=format!("{}: {}", t_string!(i18n, csv.field_label), header)
                            on:change=on_change
                        >
                            {options}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="csv-section" open>
            <summary>{tr!(i18n, csv.columns_title)}</summary>
            <div class="table-scroll">
                <table class="csv-table csv-columns">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(i18n, csv.column)}</th>
                            <th scope="col">{tr!(i18n, csv.sample)}</th>
                            <th scope="col">{tr!(i18n, csv.field_label)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <DateOrderChoice session=session store=store />
        </details>
    }
}

/// Day or month first, shown only when the file's slash dates could be read either way.
#[component]
fn DateOrderChoice(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        let order = if event_target_value(&ev) == "day" {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        };
        session.edit(store, i18n, |m, _, _| m.date_order = order);
    };
    view! {
        <When when=move || session.mapping.with(|m| m.date_order_ambiguous)>
            <label class="field">
                <span class="field-label">{tr!(i18n, csv.date_order)}</span>
                <select class="input" data-testid="csv-date-order" on:change=on_change>
                    <option
                        value="month"
                        selected=move || {
                            session.mapping.with(|m| m.date_order == DateOrder::MonthFirst)
                        }
                    >
                        {tr!(i18n, csv.month_first)}
                    </option>
                    <option
                        value="day"
                        selected=move || {
                            session.mapping.with(|m| m.date_order == DateOrder::DayFirst)
                        }
                    >
                        {tr!(i18n, csv.day_first)}
                    </option>
                </select>
            </label>
        </When>
    }
}

/// Where the file's pipelines, stages and responsible people go.
#[component]
pub fn Targets(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="csv-section" open>
            <summary>{tr!(i18n, csv.directions_title)}</summary>
            <DirectionTargets session=session store=store />
        </details>
        <details class="csv-section" open>
            <summary>{tr!(i18n, csv.stages_title)}</summary>
            <StageTargets session=session store=store />
        </details>
        <details class="csv-section" open>
            <summary>{tr!(i18n, csv.employees_title)}</summary>
            <EmployeeTargets session=session store=store />
        </details>
    }
}

/// The file's name for something, or "(not given)".
fn named(name: &str, missing: &str) -> String {
    if name.is_empty() {
        missing.to_string()
    } else {
        name.to_string()
    }
}

#[component]
fn DirectionTargets(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let existing: Vec<(DirectionId, String)> = if session.replace.get() {
            Vec::new()
        } else {
            store.ws().with(|ws| {
                ws.directions_taking_deals()
                    .map(|d| (d.id, d.name.clone()))
                    .collect()
            })
        };
        let source = session.mapping.with(|m| m.source.name());
        session.mapping.with(|m| {
            m.directions
                .iter()
                .enumerate()
                .map(|(index, choice)| {
                    let label = named(&choice.name, t_string!(i18n, csv.no_pipeline));
                    let new_name = if choice.name.is_empty() {
                        source.to_string()
                    } else {
                        choice.name.clone()
                    };
                    let on_change = move |ev| {
                        let v = event_target_value(&ev);
                        let target = v
                            .strip_prefix('d')
                            .and_then(|id| id.parse().ok())
                            .map_or(DirectionTarget::New, |id| {
                                DirectionTarget::Existing(DirectionId(id))
                            });
                        session.edit(store, i18n, |m, _, ws| m.set_direction(index, target, ws));
                    };
                    let options = existing
                        .iter()
                        .map(|(id, name)| {
                            let selected = choice.target == DirectionTarget::Existing(*id);
                            view! {
                                <option value=format!("d{}", id.0) selected=selected>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view();
                    view! {
                        <label class="field csv-target">
                            <span class="field-label">{label}</span>
                            <select
                                class="input"
                                data-testid=format!("csv-direction-{index}")
                                on:change=on_change
                            >
                                <option value="new" selected=choice.target == DirectionTarget::New>
                                    {msg!(i18n, csv.new_direction, name = new_name)}
                                </option>
                                {options}
                            </select>
                        </label>
                    }
                })
                .collect_view()
        })
    }
}

fn new_stage_value(kind: StageKind) -> &'static str {
    match kind {
        StageKind::Open => "new-open",
        StageKind::Won => "new-won",
        StageKind::Lost => "new-lost",
    }
}

#[component]
fn StageTargets(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let replace = session.replace.get();
        let ws = store.ws();
        session.mapping.with(|m| {
            m.stages
                .iter()
                .enumerate()
                .map(|(index, choice)| {
                    let pipeline = &m.directions[choice.direction];
                    let label = format!(
                        "{} → {}",
                        named(&pipeline.name, t_string!(i18n, csv.no_pipeline)),
                        named(&choice.name, t_string!(i18n, csv.no_stage))
                    );
                    let existing: Vec<(StageId, String)> = match pipeline.target {
                        DirectionTarget::Existing(d) if !replace => ws.with(|ws| {
                            ws.direction(d)
                                .map(|d| d.stages.iter().map(|s| (s.id, s.name.clone())).collect())
                                .unwrap_or_default()
                        }),
                        _ => Vec::new(),
                    };
                    let on_change = move |ev| {
                        let v = event_target_value(&ev);
                        let target = match v.as_str() {
                            "new-won" => StageTarget::New(StageKind::Won),
                            "new-lost" => StageTarget::New(StageKind::Lost),
                            "new-open" => StageTarget::New(StageKind::Open),
                            other => match other.strip_prefix('s').and_then(|id| id.parse().ok()) {
                                Some(id) => StageTarget::Existing(StageId(id)),
                                None => return,
                            },
                        };
                        session.edit(store, i18n, |m, _, _| {
                            if let Some(s) = m.stages.get_mut(index) {
                                s.target = target;
                            }
                        });
                    };
                    let selected = match choice.target {
                        StageTarget::New(kind) => new_stage_value(kind).to_string(),
                        StageTarget::Existing(id) => format!("s{}", id.0),
                    };
                    let option = |value: String, text: String| {
                        let is = value == selected;
                        view! {
                            <option value=value selected=is>
                                {text}
                            </option>
                        }
                    };
                    let options = existing
                        .into_iter()
                        .map(|(id, name)| option(format!("s{}", id.0), name))
                        .chain([
                            option("new-open".into(), t_string!(i18n, csv.new_open).to_string()),
                            option("new-won".into(), t_string!(i18n, csv.new_won).to_string()),
                            option("new-lost".into(), t_string!(i18n, csv.new_lost).to_string()),
                        ])
                        .collect_view();
                    view! {
                        <label class="field csv-target">
                            <span class="field-label">{label}</span>
                            <select
                                class="input"
                                data-testid=format!("csv-stage-{index}")
                                on:change=on_change
                            >
                                {options}
                            </select>
                        </label>
                    }
                })
                .collect_view()
        })
    }
}

#[component]
fn EmployeeTargets(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let existing: Vec<(EmployeeId, String)> = if session.replace.get() {
            Vec::new()
        } else {
            store
                .ws()
                .with(|ws| ws.employees().map(|e| (e.id, e.name.clone())).collect())
        };
        session.mapping.with(|m| {
            m.employees
                .iter()
                .enumerate()
                .map(|(index, choice)| {
                    let label = named(&choice.name, t_string!(i18n, csv.no_owner));
                    let new_name = named(&choice.name, t_string!(i18n, csv.defaults.no_owner));
                    let on_change = move |ev| {
                        let target = event_target_value(&ev)
                            .strip_prefix('e')
                            .and_then(|id| id.parse().ok())
                            .map_or(EmployeeTarget::New, |id| {
                                EmployeeTarget::Existing(EmployeeId(id))
                            });
                        session.edit(store, i18n, |m, _, _| {
                            if let Some(e) = m.employees.get_mut(index) {
                                e.target = target;
                            }
                        });
                    };
                    let options = existing
                        .iter()
                        .map(|(id, name)| {
                            let selected = choice.target == EmployeeTarget::Existing(*id);
                            view! {
                                <option value=format!("e{}", id.0) selected=selected>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view();
                    view! {
                        <label class="field csv-target">
                            <span class="field-label">{label}</span>
                            <select
                                class="input"
                                data-testid=format!("csv-employee-{index}")
                                on:change=on_change
                            >
                                <option value="new" selected=choice.target == EmployeeTarget::New>
                                    {msg!(i18n, csv.new_employee, name = new_name)}
                                </option>
                                {options}
                            </select>
                        </label>
                    }
                })
                .collect_view()
        })
    }
}
