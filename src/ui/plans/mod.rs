//! The Plans view: employees; a period chooser (kind, previous / next / current); the
//! editable grid of plans for the chosen year with derived values marked and a company row;
//! and a gauge per employee and for the company, each listing its won deals on click.

pub mod gauge;

use crate::domain::{
    Command, Completion, EmployeeId, Money, Period, PeriodKind, PlanTarget, PlanValue, Workspace,
};
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::{use_store, Store};
use crate::ui::head_only::{is_rep, HeadOnly, HeadOnlyNote};
use crate::ui::modal::{DialogActions, Modal};
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use crate::ui::{counts, errors, format};
use gauge::{Gauge, GaugeData};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn month_name(i18n: I18nContext<Locale>, m: u8) -> String {
    match m {
        1 => t_string!(i18n, months.m1),
        2 => t_string!(i18n, months.m2),
        3 => t_string!(i18n, months.m3),
        4 => t_string!(i18n, months.m4),
        5 => t_string!(i18n, months.m5),
        6 => t_string!(i18n, months.m6),
        7 => t_string!(i18n, months.m7),
        8 => t_string!(i18n, months.m8),
        9 => t_string!(i18n, months.m9),
        10 => t_string!(i18n, months.m10),
        11 => t_string!(i18n, months.m11),
        _ => t_string!(i18n, months.m12),
    }
    .to_string()
}

/// "November 2026", "Q3 2026", "H2 2026", "2026" (and the Russian forms).
pub fn period_label(i18n: I18nContext<Locale>, p: Period) -> String {
    match p.kind {
        PeriodKind::Month => msg!(
            i18n,
            period.month,
            month = month_name(i18n, p.index),
            year = p.year
        ),
        PeriodKind::Quarter => {
            msg!(i18n, period.quarter, n = p.index, year = p.year)
        }
        PeriodKind::HalfYear => {
            msg!(i18n, period.half, n = p.index, year = p.year)
        }
        PeriodKind::Year => msg!(i18n, period.year, year = p.year),
    }
}

fn column_label(i18n: I18nContext<Locale>, p: Period) -> String {
    match p.kind {
        PeriodKind::Month => format::month_short(i18n.get_locale(), u32::from(p.index)),
        PeriodKind::Quarter => msg!(i18n, period.quarter_short, n = p.index),
        PeriodKind::HalfYear => msg!(i18n, period.half_short, n = p.index),
        PeriodKind::Year => p.year.to_string(),
    }
}

fn gauge_data(
    i18n: I18nContext<Locale>,
    ws: &Workspace,
    name: String,
    c: &Completion,
) -> GaugeData {
    let locale = i18n.get_locale_untracked();
    let money = |m: Money| format::money(locale, ws.currency(), m);
    let percent = c.percent_bp.map(|bp| bp / 100);
    GaugeData {
        amounts: match c.plan {
            Some(p) => msg!(
                i18n,
                gauge.won_of,
                won = money(c.won),
                plan = money(p.target.amount)
            ),
            None => msg!(i18n, gauge.won_only, won = money(c.won)),
        },
        deals: c.plan.and_then(|p| p.target.deals).map(|n| {
            counts::gauge_deals(
                i18n.get_locale_untracked(),
                c.won_deals as usize,
                n as usize,
            )
        }),
        pace_label: msg!(i18n, gauge.pace, percent = c.pace_bp / 100),
        label: match percent {
            Some(p) => msg!(i18n, gauge.label, name = name, percent = p),
            None => msg!(i18n, gauge.label_no_plan, name = name),
        },
        percent_text: match c.percent_bp {
            Some(bp) => format::percent(i18n.get_locale_untracked(), bp / 100),
            None => t_string!(i18n, gauge.no_plan).to_string(),
        },
        percent_bp: c.percent_bp,
        pace_bp: c.pace_bp,
        name,
    }
}

/// The Plans view.
#[component]
pub fn PlansView() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let today = clock::use_today();
    let period = RwSignal::new(Period::containing(today.get_untracked(), PeriodKind::Month));
    let open_list: RwSignal<Option<(Option<EmployeeId>, String)>> = RwSignal::new(None);
    let gauges = move || {
        let p = period.get();
        i18n.get_locale();
        // The pace moves on at midnight.
        let today = today.get();
        store.ws().with(|ws| {
            let all = ws.completions(p, today);
            let mut out = vec![(
                None,
                gauge_data(
                    i18n,
                    ws,
                    t_string!(i18n, plans.company).to_string(),
                    &all.company,
                ),
            )];
            for (id, c) in &all.employees {
                let Some(e) = ws.employee(*id) else { continue };
                if Workspace::shows_gauge(e, c) {
                    out.push((Some(*id), gauge_data(i18n, ws, e.name.clone(), c)));
                }
            }
            out
        })
    };
    view! {
        <section class="view plans-view" data-view="plans">
            <h1 class="view-title">{tr!(i18n, views.plans_title)}</h1>
            <PeriodBar period=period />

            <h2 class="section-title">
                {move || msg!(i18n, plans.gauges_title, period = period_label(i18n, period.get()))}
            </h2>
            <div class="gauges" data-testid="gauges">
                {move || {
                    gauges()
                        .into_iter()
                        .map(|(who, data)| {
                            let name = data.name.clone();
                            let testid = who
                                .map_or("gauge-company".to_string(), |e| format!("gauge-{}", e.0));
                            view! {
                                <div class="gauge-cell" data-testid=testid>
                                    <Gauge
                                        data=data
                                        on_open=Callback::new(move |_| {
                                            open_list.set(Some((who, name.clone())))
                                        })
                                    />
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>

            <HeadOnlyNote />
            // The plan cells read-only one by one: the quarter toggles stay a rep's.
            <PlanGrid period=period />
            <HeadOnly>
                <Employees />
            </HeadOnly>

            {move || {
                open_list
                    .get()
                    .map(|(who, name)| {
                        view! {
                            <WonDeals
                                who=who
                                name=name
                                period=period.get_untracked()
                                on_close=Callback::new(move |_| open_list.set(None))
                            />
                        }
                    })
            }}
        </section>
    }
}

/// The period chooser of Plans and Analytics: month / quarter / half-year / year, previous,
/// next and current.
#[component]
pub fn PeriodBar(period: RwSignal<Period>) -> impl IntoView {
    let i18n = use_i18n();
    let today = clock::use_today();
    let kinds = [
        (PeriodKind::Month, "month"),
        (PeriodKind::Quarter, "quarter"),
        (PeriodKind::HalfYear, "half"),
        (PeriodKind::Year, "year"),
    ];
    let kind_label = move |k: PeriodKind| match k {
        PeriodKind::Month => t_string!(i18n, period.kind_month),
        PeriodKind::Quarter => t_string!(i18n, period.kind_quarter),
        PeriodKind::HalfYear => t_string!(i18n, period.kind_half),
        PeriodKind::Year => t_string!(i18n, period.kind_year),
    };
    view! {
        <div class="period-bar">
            <div
                class="segmented"
                role="group"
                aria-label=move || t_string!(i18n, period.kind_month)
            >
                {kinds
                    .into_iter()
                    .map(|(k, id)| {
                        view! {
                            <button
                                type="button"
                                class="segment"
                                data-kind=id
                                aria-pressed=move || (period.get().kind == k).to_string()
                                on:click=move |_| {
                                    period
                                        .set(Period::containing(period.get_untracked().start(), k))
                                }
                            >
                                {move || kind_label(k)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="period-step">
                <button
                    type="button"
                    class="button"
                    data-action="prev-period"
                    aria-label=move || t_string!(i18n, period.prev)
                    on:click=move |_| period.update(|p| *p = p.prev())
                >
                    "‹"
                </button>
                <strong
                    class="period-label"
                    data-testid="period-label"
                    data-period=move || period_file_key(period.get())
                >
                    {move || period_label(i18n, period.get())}
                </strong>
                <button
                    type="button"
                    class="button"
                    data-action="next-period"
                    aria-label=move || t_string!(i18n, period.next)
                    on:click=move |_| period.update(|p| *p = p.next())
                >
                    "›"
                </button>
                <button
                    type="button"
                    class="button"
                    data-action="current-period"
                    on:click=move |_| {
                        period.update(|p| *p = Period::containing(today.get_untracked(), p.kind))
                    }
                >
                    {tr!(i18n, period.current)}
                </button>
            </div>
        </div>
    }
}

/// A period in a file name: `2026-11`, `2026-q4`, `2026-h2`, `2026`.
pub fn period_file_key(p: Period) -> String {
    match p.kind {
        PeriodKind::Month => format!("{}-{:02}", p.year, p.index),
        PeriodKind::Year => p.year.to_string(),
        _ => format!("{}-{}", p.year, cell_key(p)),
    }
}

/// A grid cell's key in test ids and `data-period`: `m11`, `q4`, `h2`, `y`.
fn cell_key(p: Period) -> String {
    match p.kind {
        PeriodKind::Month => format!("m{}", p.index),
        PeriodKind::Quarter => format!("q{}", p.index),
        PeriodKind::HalfYear => format!("h{}", p.index),
        PeriodKind::Year => "y".to_string(),
    }
}

/// The editable grid of plans for the chosen year: quarters, half-years and the year, with
/// the months of a quarter on demand (those of the chosen period unfolded), so that it fits a
/// 1440 px screen.
#[component]
fn PlanGrid(period: RwSignal<Period>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let unfolded = RwSignal::new(
        period
            .get_untracked()
            .quarter()
            .into_iter()
            .collect::<Vec<u8>>(),
    );
    // Choosing another month or quarter unfolds its quarter.
    Effect::new(move |_| {
        if let Some(q) = period.get().quarter() {
            unfolded.update(|u| {
                if !u.contains(&q) {
                    u.push(q);
                }
            });
        }
    });
    let columns = Memo::new(move |_| unfolded.with(|u| Period::year_as_read(period.get().year, u)));
    let columns = move || columns.get();
    let toggle = move |q: u8| {
        unfolded.update(|u| match u.iter().position(|x| *x == q) {
            Some(i) => {
                u.remove(i);
            }
            None => u.push(q),
        })
    };
    let header = move |p: Period| {
        let current = move || p == period.get();
        if p.kind != PeriodKind::Quarter {
            return view! {
                <th scope="col" class:current=current data-period=cell_key(p)>
                    {column_label(i18n, p)}
                </th>
            }
            .into_any();
        }
        let q = p.index;
        let open = move || unfolded.with(|u| u.contains(&q));
        let label = column_label(i18n, p);
        let action = {
            let label = label.clone();
            move || {
                let quarter = label.clone();
                if open() {
                    msg!(i18n, plans.hide_months, quarter = quarter)
                } else {
                    msg!(i18n, plans.show_months, quarter = quarter)
                }
            }
        };
        view! {
            <th scope="col" class="quarter-col" class:current=current data-period=cell_key(p)>
                <button
                    type="button"
                    class="fold-button"
                    aria-expanded=move || open().to_string()
                    on:click=move |_| toggle(q)
                >
                    <span>{label}</span>
                    <span class="visually-hidden">{action}</span>
                    <span class="fold-mark" aria-hidden="true">
                        {move || if open() { "◂" } else { "▸" }}
                    </span>
                </button>
            </th>
        }
        .into_any()
    };
    // Memos: the grid is rebuilt only when the employees or the period change, so a cell keeps
    // focus while its neighbours are edited.
    let rows = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.employees()
                .map(|e| (e.id, e.name.clone(), e.active))
                .collect::<Vec<_>>()
        })
    });
    let rows = move || rows.get();
    view! {
        <section class="card plan-grid-card">
            <h2 class="card-title">
                {move || msg!(i18n, plans.grid_title, year = period.get().year)}
            </h2>
            <p class="muted">
                {move || {
                    msg!(
                        i18n, plans.grid_hint, currency = store.ws().with(|w| w.currency().symbol())
                    )
                }}
            </p>
            <When
                when=move || !rows().is_empty()
                fallback=move || view! { <p class="muted">{tr!(i18n, plans.no_employees)}</p> }
            >
                <div class="table-scroll">
                    <table class="plan-grid" data-testid="plan-grid">
                        <thead>
                            <tr>
                                <th scope="col">{tr!(i18n, plans.employee)}</th>
                                {move || columns().into_iter().map(header).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                rows()
                                    .into_iter()
                                    .map(|(id, name, active)| {
                                        view! {
                                            <tr class:inactive=!active data-employee=id.0>
                                                <th scope="row">{name.clone()}</th>
                                                {move || {
                                                    columns()
                                                        .into_iter()
                                                        .map(|p| {
                                                            view! {
                                                                <td class:total=p.kind != PeriodKind::Month>
                                                                    <PlanCell
                                                                        employee=id
                                                                        name=name.clone()
                                                                        period=p
                                                                        error=error
                                                                        store=store
                                                                    />
                                                                </td>
                                                            }
                                                        })
                                                        .collect_view()
                                                }}
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }} <tr class="company-row" data-testid="company-row">
                                <th scope="row">{tr!(i18n, plans.company)}</th>
                                {move || {
                                    let locale = i18n.get_locale();
                                    columns()
                                        .into_iter()
                                        .map(|p| {
                                            let v = store
                                                .ws()
                                                .with(|ws| {
                                                    ws.company_plan(p)
                                                        .map(|v| (
                                                            format::money(locale, ws.currency(), v.target.amount),
                                                            v.target.deals,
                                                        ))
                                                });
                                            view! {
                                                <td data-period=cell_key(
                                                    p,
                                                )>
                                                    {v
                                                        .map(|(amount, deals)| {
                                                            view! {
                                                                <span class="company-amount">{amount}</span>
                                                                {deals
                                                                    .map(|d| view! { <span class="company-deals">{d}</span> })}
                                                            }
                                                        })}
                                                </td>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </tr>
                        </tbody>
                    </table>
                </div>
            </When>
            <p class="form-error" role="alert" data-testid="plan-error">
                {move || error.get()}
            </p>
        </section>
    }
}

/// One cell: the amount and the number of deals for an employee and a period. Empty shows the
/// derived value (greyed) as a placeholder.
#[component]
fn PlanCell(
    employee: EmployeeId,
    name: String,
    period: Period,
    error: RwSignal<Option<String>>,
    store: Store,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let value = move || {
        store
            .ws()
            .with(|ws| (ws.plan_set(employee, period), ws.plan(employee, period)))
    };
    let label = period_label(i18n, period);
    let set = move |amount: Option<Money>, deals: Option<u32>| {
        let target = match (amount, deals) {
            (None, None) => None,
            (a, d) => Some(PlanTarget {
                amount: a.unwrap_or(Money::ZERO),
                deals: d,
            }),
        };
        let command = Command::SetPlan {
            employee,
            period,
            target,
        };
        errors::dispatch_shown(store, i18n, error, command);
    };
    let on_amount = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let current = store
            .ws()
            .with_untracked(|ws| ws.plan_set(employee, period));
        if text.trim().is_empty() {
            set(None, current.and_then(|t| t.deals));
            return;
        }
        match format::parse_money(&text) {
            Some(m) => set(Some(m), current.and_then(|t| t.deals)),
            None => error.set(Some(msg!(i18n, plans.bad_amount, value = text))),
        }
    };
    let on_deals = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let current = store
            .ws()
            .with_untracked(|ws| ws.plan_set(employee, period));
        let amount = current.map(|t| t.amount);
        if text.trim().is_empty() {
            set(amount, None);
            return;
        }
        match text.trim().parse::<u32>() {
            Ok(n) => set(amount.or(Some(Money::ZERO)), Some(n)),
            Err(_) => error.set(Some(msg!(i18n, plans.bad_count, value = text))),
        }
    };
    let read_only = is_rep();
    let shown = move |v: Option<PlanValue>, set_here: bool| v.filter(|_| !set_here);
    view! {
        <div
            class="plan-cell"
            data-period=cell_key(period)
            class:derived=move || {
                let (s, v) = value();
                s.is_none() && v.is_some()
            }
        >
            <input
                class="input plan-amount"
                inputmode="decimal"
                data-testid=format!("plan-{}-{}", employee.0, cell_key(period))
                aria-label=msg!(i18n, plans.amount_of, name = name, period = label)
                prop:value=move || {
                    value().0.map(|t| format::grouped_amount(locale, t.amount)).unwrap_or_default()
                }
                placeholder=move || {
                    let (s, v) = value();
                    shown(v, s.is_some())
                        .map(|v| format::grouped_amount(locale, v.target.amount))
                        .unwrap_or_default()
                }
                on:change=on_amount
                disabled=read_only
            />
            <input
                class="input plan-deals"
                inputmode="numeric"
                aria-label=msg!(i18n, plans.deals_of, name = name, period = label)
                prop:value=move || {
                    value().0.and_then(|t| t.deals).map(|d| d.to_string()).unwrap_or_default()
                }
                placeholder=move || {
                    let (s, v) = value();
                    shown(v, s.is_some())
                        .and_then(|v| v.target.deals)
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                }
                on:change=on_deals
                disabled=read_only
            />
        </div>
    }
}

/// Add, rename, deactivate employees (their deals and plans stay).
#[component]
fn Employees() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let list = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.employees()
                .map(|e| (e.id, e.name.clone(), e.active))
                .collect::<Vec<_>>()
        })
    });
    let list = move || list.get();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = Command::AddEmployee {
            name: new_name.get_untracked(),
        };
        if errors::dispatch_shown(store, i18n, error, command).is_some() {
            new_name.set(String::new());
        }
    };
    view! {
        <section class="card employees-card" data-section="employees">
            <h2 class="card-title">{tr!(i18n, plans.employees)}</h2>
            <ul class="employee-list">
                {move || {
                    list()
                        .into_iter()
                        .map(|(id, name, active)| {
                            let original = name.clone();
                            view! {
                                <li class="employee" class:inactive=!active data-employee=id.0>
                                    <input
                                        class="input"
                                        aria-label=msg!(i18n, plans.rename, name = name)
                                        prop:value=name.clone()
                                        on:change=move |ev| {
                                            let value = event_target_value(&ev);
                                            if let Err(e) = store
                                                .dispatch(Command::RenameEmployee {
                                                    employee: id,
                                                    name: value,
                                                })
                                            {
                                                error.set(Some(errors::action_error(i18n, &e)));
                                                let input: web_sys::HtmlInputElement = event_target(&ev);
                                                input.set_value(&original);
                                            } else {
                                                error.set(None);
                                            }
                                        }
                                    />
                                    {(!active)
                                        .then(|| {
                                            view! {
                                                <span class="badge">{tr!(i18n, plans.inactive)}</span>
                                            }
                                        })}
                                    <button
                                        type="button"
                                        class="button button-small"
                                        data-action="toggle-active"
                                        on:click=move |_| {
                                            if let Err(e) = store
                                                .dispatch(Command::SetEmployeeActive {
                                                    employee: id,
                                                    active: !active,
                                                })
                                            {
                                                crate::ui::announce::refused(i18n, &e);
                                            }
                                        }
                                    >
                                        {if active {
                                            t_string!(i18n, plans.deactivate)
                                        } else {
                                            t_string!(i18n, plans.activate)
                                        }}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <form class="inline-form" on:submit=add>
                <input
                    class="input"
                    data-testid="new-employee"
                    placeholder=move || t_string!(i18n, plans.new_employee)
                    aria-label=move || t_string!(i18n, plans.new_employee)
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
                <button type="submit" class="button button-primary" data-action="add-employee">
                    {tr!(i18n, plans.add_employee)}
                </button>
            </form>
            <p class="form-error" role="alert">
                {move || error.get()}
            </p>
        </section>
    }
}

/// The deals that count toward a gauge.
#[component]
fn WonDeals(
    who: Option<EmployeeId>,
    name: String,
    period: Period,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let locale = i18n.get_locale_untracked();
    let rows = store.ws().with_untracked(|ws| {
        ws.won_deals(who, period)
            .into_iter()
            .filter_map(|id| ws.deal(id))
            .map(|d| {
                (
                    d.title.clone(),
                    ws.employee(d.owner)
                        .map(|e| e.name.clone())
                        .unwrap_or_default(),
                    format::money(locale, ws.currency(), d.amount),
                    // The day in the viewer's zone (the period is the team's).
                    d.closed_at
                        .map(|c| format::date(locale, crate::state::clock::shown(c).date()))
                        .unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <Modal title_id="won-title" on_close=on_close class="modal-wide">
            <div class="form" data-testid="won-deals">
                // The dialog opens at its title, not at its one button below the whole list.
                <h2 id="won-title" class="modal-title" tabindex="-1" autofocus=true>
                    {msg!(i18n, gauge.show_deals, name = name)}
                </h2>
                <p class="muted">{period_label(i18n, period)}</p>
                {if rows.is_empty() {
                    view! { <p>{tr!(i18n, gauge.no_deals)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table class="won-table">
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|(t, o, a, d)| {
                                            view! {
                                                <tr>
                                                    <td>{t}</td>
                                                    <td>{o}</td>
                                                    <td class="num">{a}</td>
                                                    <td class="date">{d}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }}
                <DialogActions>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr!(i18n, gauge.close)}
                    </button>
                </DialogActions>
            </div>
        </Modal>
    }
}
