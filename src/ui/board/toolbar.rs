//! The board's toolbar (direction, owner filter, search, undo and redo) and its totals line.

use super::BoardCtx;
use crate::domain::{DirectionId, EmployeeId};
use crate::i18n::*;
use crate::ui::announce;
use crate::ui::data::export::CsvExportButton;
use crate::ui::text::tr;
use crate::ui::when::When;
use crate::ui::{counts, format};
use leptos::prelude::*;

/// Direction picker, owner filter, search, undo and redo.
#[component]
pub fn Toolbar() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    view! {
        <div class="board-toolbar">
            <DirectionPicker />
            <OwnerFilter />
            <input
                type="search"
                class="input board-search"
                data-testid="board-search"
                placeholder=move || t_string!(i18n, board.search)
                aria-label=move || t_string!(i18n, board.search)
                on:input=move |ev| ctx.search.set(event_target_value(&ev))
            />
            <UndoRedo />
            <ExportShown />
            <UndatedFilter />
        </div>
    }
}

/// While the board shows only open deals without an expected close date: says so, and offers
/// every deal again.
#[component]
fn UndatedFilter() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    let clear = move |_| {
        ctx.undated.set(false);
        // The address keeps the view, not the filter (no hashchange: the board stays).
        if let Ok(history) = window().history() {
            if let Err(e) =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/board"))
            {
                leptos::logging::warn!("address not updated: {e:?}");
            }
        }
    };
    view! {
        <When when=move || ctx.undated.get()>
            <p class="filter-chip" data-testid="undated-filter">
                <span>{tr!(i18n, board.undated_filter)}</span>
                <button
                    type="button"
                    class="button button-small"
                    data-action="clear-undated"
                    on:click=clear
                >
                    {tr!(i18n, board.clear_undated)}
                </button>
            </p>
        </When>
    }
}

/// Downloads the deals the board shows (its direction, owner filter and search) as CSV.
#[component]
fn ExportShown() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    let shown = Callback::new(move |()| {
        let direction = ctx.direction.get_untracked();
        let filter = untrack(|| ctx.filter());
        let mut ids = ctx.store.ws().with_untracked(|ws| {
            ws.deals()
                .filter(|d| Some(d.direction) == direction && filter.passes(ws, d))
                .map(|d| d.id)
                .collect::<Vec<_>>()
        });
        ids.sort_unstable();
        Some(ids)
    });
    view! {
        <CsvExportButton
            action="export-board-csv"
            class="button"
            label=Signal::derive(move || t_string!(i18n, board.export_csv_label).to_string())
            deals=shown
        >
            {tr!(i18n, board.export_csv)}
        </CsvExportButton>
    }
}

/// The active directions, each with its open deals and their sum.
#[component]
fn DirectionPicker() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let (i18n, store) = (ctx.i18n, ctx.store);
    // A memo, so that a move (which rarely changes these) does not redraw the picker.
    let directions = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.directions_taking_deals()
                .map(|d| (d.id, d.name.clone(), ws.open_totals(d.id)))
                .collect::<Vec<_>>()
        })
    });
    let options = move || {
        let locale = i18n.get_locale();
        let currency = store.ws().with(|w| w.currency());
        let selected = ctx.direction.get();
        directions
            .get()
            .into_iter()
            .map(|(id, name, open)| {
                let sum = format::money(locale, currency, open.sum);
                let summary = counts::open_summary(locale, open.count, &sum);
                view! {
                    <option value=id.0.to_string() selected=selected == Some(id)>
                        {format!("{} — {summary}", format::isolate(&name))}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="field field-inline">
            <span class="field-label">{tr!(i18n, board.direction)}</span>
            <select
                class="input"
                data-testid="direction-picker"
                on:change=move |ev| {
                    ctx.direction.set(event_target_value(&ev).parse().ok().map(DirectionId))
                }
            >
                {options}
            </select>
        </label>
    }
}

/// Shows only one employee's deals (or everyone's).
#[component]
fn OwnerFilter() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let (i18n, store) = (ctx.i18n, ctx.store);
    let employees = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.employees()
                .map(|e| (e.id, e.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <label class="field field-inline">
            <span class="field-label">{tr!(i18n, board.owner)}</span>
            <select
                class="input"
                data-testid="owner-filter"
                on:change=move |ev| {
                    ctx.owner.set(event_target_value(&ev).parse().ok().map(EmployeeId))
                }
            >
                <option value="">{tr!(i18n, board.all_owners)}</option>
                {move || {
                    employees
                        .get()
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Undo and redo of the workspace's last commands; a refusal is announced.
#[component]
fn UndoRedo() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let (i18n, store) = (ctx.i18n, ctx.store);
    view! {
        <div class="toolbar-actions">
            <button
                type="button"
                class="button"
                data-action="undo"
                disabled=move || !store.can_undo.get()
                on:click=move |_| {
                    if let Err(e) = store.undo() {
                        announce::refused(i18n, &e);
                    }
                }
            >
                {tr!(i18n, board.undo)}
            </button>
            <button
                type="button"
                class="button"
                data-action="redo"
                disabled=move || !store.can_redo.get()
                on:click=move |_| {
                    if let Err(e) = store.redo() {
                        announce::refused(i18n, &e);
                    }
                }
            >
                {tr!(i18n, board.redo)}
            </button>
        </div>
    }
}

/// The line of totals for the cards shown: open with sums, won, lost.
#[component]
pub fn Totals() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let (i18n, store) = (ctx.i18n, ctx.store);
    let totals = move || {
        let locale = i18n.get_locale();
        store.ws().with(|ws| {
            let direction = ctx.direction.get()?;
            ws.direction(direction)?;
            let t = ws.board_totals(direction, &ctx.filter());
            let money = |m| format::money(locale, ws.currency(), m);
            Some(counts::board_totals(
                locale,
                &counts::BoardTotals {
                    open: t.open_count,
                    open_sum: &money(t.open_sum),
                    weighted: &money(t.weighted),
                    won: t.won_count,
                    won_sum: &money(t.won_sum),
                    lost: t.lost_count,
                },
            ))
        })
    };
    view! {
        <p class="board-totals" data-testid="board-totals">
            {totals}
        </p>
    }
}
