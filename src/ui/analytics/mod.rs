//! The Analytics view: where the funnel leaks, how long stages take, what was won and lost and
//! why, the forecast against the plan, and NPS — for a period, a direction (or all) and an
//! employee (or all). The figures come from `domain::analytics`; each section recomputes only
//! when what it reads changes (see `domain::analytics::inputs`).

pub mod chart;
mod deals;
pub mod model;
mod section;
pub mod table;

use crate::domain::analytics::forecast::Forecast;
use crate::domain::analytics::report::Scoped;
use crate::domain::analytics::Scope;
use crate::domain::{DealId, DirectionId, EmployeeId, Period, PeriodKind};
use crate::i18n::*;
use crate::state::clock;
use crate::state::perf;
use crate::state::store::use_store;
use crate::ui::counts;
use crate::ui::plans::PeriodBar;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;
use section::Section;

/// What the view's parts share.
#[derive(Clone, Copy)]
pub struct AnalyticsCtx {
    /// The period.
    pub period: RwSignal<Period>,
    /// One direction, or all.
    pub direction: RwSignal<Option<DirectionId>>,
    /// One employee, or all.
    pub owner: RwSignal<Option<EmployeeId>>,
    /// The deals listed in the open dialog, under a title.
    pub list: RwSignal<Option<(String, Vec<DealId>)>>,
    /// The deal open in the editor.
    pub editing: RwSignal<Option<DealId>>,
    /// The sections that follow the filters.
    pub scoped: Memo<Scoped>,
    /// The forecast (every direction).
    pub forecast: Memo<Forecast>,
    /// Changes whenever a section's names or figures may have changed.
    pub version: Memo<(u64, u64)>,
}

/// The Analytics view.
#[component]
pub fn AnalyticsView() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let today = clock::use_today();
    let period = RwSignal::new(Period::containing(today.get_untracked(), PeriodKind::Month));
    let direction = RwSignal::new(None::<DirectionId>);
    let owner = RwSignal::new(None::<EmployeeId>);
    // Fingerprints of what the figures read: cheap, so computed on every change of the
    // workspace; the sections recompute only when theirs change.
    let inputs = Memo::new(move |_| store.ws().with(|ws| ws.analytics_inputs()));
    let scoped_key = Memo::new(move |_| {
        let d = direction.get();
        (period.get(), d, owner.get(), inputs.with(|i| i.key(d)))
    });
    let forecast_key = Memo::new(move |_| (period.get(), inputs.with(|i| i.key(None))));
    let scoped = Memo::new(move |_| {
        let (period, direction, owner, _) = scoped_key.get();
        // "Now" figures (time in stage so far) move on at midnight too.
        today.get();
        let scope = Scope {
            period,
            direction,
            owner,
        };
        perf::measure("analytics", || {
            store
                .ws()
                .with_untracked(|ws| ws.analytics_scoped(scope, clock::now()))
        })
    });
    let forecast = Memo::new(move |_| {
        let (period, _) = forecast_key.get();
        perf::measure("analytics-forecast", || {
            store.ws().with_untracked(|ws| ws.forecast(period))
        })
    });
    let version = Memo::new(move |_| (scoped_key.get().3, forecast_key.get().1));
    let ctx = AnalyticsCtx {
        period,
        direction,
        owner,
        list: RwSignal::new(None),
        editing: RwSignal::new(None),
        scoped,
        forecast,
        version,
    };
    provide_context(ctx);
    // A direction or employee removed (another tab, an import) falls back to "all".
    Effect::new(move |_| {
        let (d, o) = (direction.get(), owner.get());
        store.ws().with(|ws| {
            if d.is_some_and(|d| ws.direction(d).is_none()) {
                direction.set(None);
            }
            if o.is_some_and(|o| ws.employee(o).is_none()) {
                owner.set(None);
            }
        });
    });
    view! {
        <section class="view analytics-view" data-view="analytics">
            <h1 class="view-title">{tr!(i18n, views.analytics_title)}</h1>
            <PeriodBar period=period />
            <Filters />
            <Section name="funnel" one_direction=true />
            <Section name="stays" one_direction=true />
            <Section name="outcomes" />
            <Section name="forecast">
                <Undated />
            </Section>
            <Section name="nps" />
            <deals::Dialogs />
        </section>
    }
}

/// The direction picker and the owner filter.
#[component]
fn Filters() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let ctx = expect_context::<AnalyticsCtx>();
    let directions = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.directions()
                .map(|d| (d.id, d.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let employees = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.employees()
                .map(|e| (e.id, e.name.clone(), e.active))
                .collect::<Vec<_>>()
        })
    });
    let parse = |v: String| v.parse::<u32>().ok();
    view! {
        <div class="analytics-filters">
            <label class="field field-inline">
                <span>{tr!(i18n, analytics.direction)}</span>
                <select
                    class="input"
                    data-testid="analytics-direction"
                    prop:value=move || {
                        ctx.direction.get().map(|d| d.0.to_string()).unwrap_or_default()
                    }
                    on:change=move |ev| {
                        ctx.direction.set(parse(event_target_value(&ev)).map(DirectionId))
                    }
                >
                    <option value="">{tr!(i18n, analytics.all_directions)}</option>
                    {move || {
                        directions
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                view! {
                                    <option
                                        value=id.0.to_string()
                                        selected=move || ctx.direction.get() == Some(id)
                                    >
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="field field-inline">
                <span>{tr!(i18n, analytics.owner)}</span>
                <select
                    class="input"
                    data-testid="analytics-owner"
                    prop:value=move || ctx.owner.get().map(|e| e.0.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        ctx.owner.set(parse(event_target_value(&ev)).map(EmployeeId))
                    }
                >
                    <option value="">{tr!(i18n, analytics.all_owners)}</option>
                    {move || {
                        employees
                            .get()
                            .into_iter()
                            .map(|(id, name, active)| {
                                let label = if active {
                                    name
                                } else {
                                    msg!(i18n, analytics.inactive, name = name)
                                };
                                view! {
                                    <option
                                        value=id.0.to_string()
                                        selected=move || ctx.owner.get() == Some(id)
                                    >
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </div>
    }
}

/// How many open deals the forecast leaves out for want of an expected close date, and a way
/// to see them on the board.
#[component]
fn Undated() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<AnalyticsCtx>();
    let count = move || ctx.forecast.with(|f| f.undated_open);
    view! {
        <When when=move || { count() > 0 }>
            <p class="analytics-note" data-testid="undated-open">
                {move || counts::forecast_undated(i18n.get_locale(), count())}
                " "
                <a class="link-button" href="#/board?undated" data-action="show-undated">
                    {tr!(i18n, analytics.forecast.show_undated)}
                </a>
            </p>
        </When>
    }
}
