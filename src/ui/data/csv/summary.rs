//! What the import will do: the first deals as they will become, the counts, every skipped
//! row with its reason, the choices (skip duplicates, add or replace) and the one button
//! that says what it does.

use super::CsvSession;
use crate::crm::plan::PreviewDeal;
use crate::domain::{Currency, StageKind};
use crate::i18n::*;
use crate::state::store::Store;
use crate::ui::counts::{self, CsvCount};
use crate::ui::modal::DialogActions;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use crate::ui::{format, messages};
use leptos::prelude::*;

/// Skipped rows listed one by one; the rest are counted.
const SKIPS_SHOWN: usize = 20;

#[component]
pub fn Summary(
    session: CsvSession,
    store: Store,
    on_confirm: Callback<CsvSession>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let deals = move || session.plan.with(|p| p.batch.deals.len());
    let over = move || session.plan.with(|p| p.too_many);
    view! {
        <Preview session=session store=store />
        <Counts session=session />
        <Skipped session=session />
        <Choices session=session store=store />
        <When when=move || { deals() == 0 }>
            <p class="form-error" role="alert" data-testid="csv-nothing">
                {tr!(i18n, csv.nothing)}
            </p>
        </When>
        {move || {
            over()
                .map(|total| {
                    view! {
                        <p class="form-error" role="alert" data-testid="csv-too-many">
                            {counts::csv(i18n.get_locale(), CsvCount::TooMany, total)}
                        </p>
                    }
                })
        }}
        <DialogActions>
            <button
                type="button"
                class="button button-primary"
                data-action="confirm-csv-import"
                disabled=move || deals() == 0 || over().is_some()
                on:click=move |_| on_confirm.run(session)
            >
                {move || counts::csv(i18n.get_locale(), CsvCount::Confirm, deals())}
            </button>
            <button
                type="button"
                class="button"
                data-action="cancel-import"
                on:click=move |_| on_cancel.run(())
            >
                {tr!(i18n, data.cancel)}
            </button>
        </DialogActions>
    }
}

/// The first deals: title, amount (flagged when in another currency), direction, stage,
/// owner.
#[component]
fn Preview(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let row = move |d: PreviewDeal, currency: Currency| {
        let locale = i18n.get_locale();
        let amount = match &d.foreign_currency {
            None => format::money(locale, currency, d.amount),
            Some(code) => msg!(
                i18n,
                csv.foreign,
                amount = format::grouped_amount(locale, d.amount),
                currency = code
            ),
        };
        let stage = match d.kind {
            StageKind::Open => d.stage.clone(),
            StageKind::Won => format!("{} ({})", d.stage, t_string!(i18n, csv.kind_won)),
            StageKind::Lost => format!("{} ({})", d.stage, t_string!(i18n, csv.kind_lost)),
        };
        view! {
            <tr>
                <td>{d.title}</td>
                <td class="num" class:foreign=d.foreign_currency.is_some()>
                    {amount}
                </td>
                <td>{d.direction}</td>
                <td>{stage}</td>
                <td>{d.owner}</td>
            </tr>
        }
    };
    view! {
        <h4 class="csv-subheading">{tr!(i18n, csv.preview_title)}</h4>
        <div class="table-scroll">
            <table class="csv-table csv-preview-table" data-testid="csv-preview">
                <thead>
                    <tr>
                        <th scope="col">{tr!(i18n, csv.col_title)}</th>
                        <th scope="col">{tr!(i18n, csv.col_amount)}</th>
                        <th scope="col">{tr!(i18n, csv.col_direction)}</th>
                        <th scope="col">{tr!(i18n, csv.col_stage)}</th>
                        <th scope="col">{tr!(i18n, csv.col_owner)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let currency = store.ws().with(|ws| ws.currency());
                        session
                            .plan
                            .with(|p| p.preview.clone())
                            .into_iter()
                            .map(|d| row(d, currency))
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// Deals, what is created, what is merged, duplicated, in another currency or skipped.
#[component]
fn Counts(session: CsvSession) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.get_locale();
        session.plan.with(|p| {
            let items = [
                ("deals", CsvCount::Deals, p.batch.deals.len(), true),
                (
                    "directions",
                    CsvCount::NewDirections,
                    p.batch.directions.len(),
                    true,
                ),
                ("stages", CsvCount::NewStages, p.new_stages, true),
                (
                    "employees",
                    CsvCount::NewEmployees,
                    p.batch.employees.len(),
                    true,
                ),
                ("merged", CsvCount::Merged, p.merged_rows, false),
                ("foreign", CsvCount::Foreign, p.foreign_currency, false),
                ("skipped", CsvCount::Skipped, p.skipped.len(), false),
            ];
            view! {
                <ul class="csv-counts" data-testid="csv-counts">
                    {items
                        .into_iter()
                        .filter(|(_, _, n, always)| *always || *n > 0)
                        .map(|(key, what, n, _)| {
                            view! { <li data-count=key>{counts::csv(locale, what, n)}</li> }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// Every skipped row with where and why (the first ones; the rest counted).
#[component]
fn Skipped(session: CsvSession) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        session.plan.with(|p| {
            if p.skipped.is_empty() {
                return ().into_any();
            }
            let items = p
                .skipped
                .iter()
                .take(SKIPS_SHOWN)
                .map(|s| view! { <li>{messages::skipped_row(i18n, s)}</li> })
                .collect_view();
            let more = p.skipped.len().saturating_sub(SKIPS_SHOWN);
            let more = (more > 0).then(|| view! { <li class="muted">{counts::csv(i18n.get_locale(), CsvCount::More, more)}</li> });
            view! {
                <details class="csv-section csv-skipped" open data-testid="csv-skipped">
                    <summary>{tr!(i18n, csv.skipped_title)}</summary>
                    <ul>{items}{more}</ul>
                </details>
            }
            .into_any()
        })
    }
}

/// Skip the deals imported before (when there are any); add or replace.
#[component]
fn Choices(session: CsvSession, store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let duplicates = move || session.plan.with(|p| p.duplicates);
    view! {
        <When when=move || { duplicates() > 0 }>
            <p class="form-error" data-testid="csv-duplicates">
                {move || counts::csv(i18n.get_locale(), CsvCount::Duplicates, duplicates())}
            </p>
            <label class="checkbox">
                <input
                    type="checkbox"
                    data-testid="csv-skip-duplicates"
                    prop:checked=move || session.mapping.with(|m| m.skip_duplicates)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        session.edit(store, i18n, |m, _, _| m.skip_duplicates = on);
                    }
                />
                {tr!(i18n, csv.skip_duplicates)}
            </label>
        </When>
        <fieldset class="csv-mode">
            <label class="checkbox">
                <input
                    type="radio"
                    name="csv-mode"
                    data-testid="csv-mode-add"
                    prop:checked=move || !session.replace.get()
                    on:change=move |_| session.set_replace(false, store, i18n)
                />
                {tr!(i18n, csv.mode_add)}
            </label>
            <label class="checkbox">
                <input
                    type="radio"
                    name="csv-mode"
                    data-testid="csv-mode-replace"
                    prop:checked=move || session.replace.get()
                    on:change=move |_| session.set_replace(true, store, i18n)
                />
                {tr!(i18n, csv.mode_replace)}
            </label>
        </fieldset>
    }
}
