//! The Data view's small cards: what the workspace holds, how full storage is, export, and
//! starting over.

use super::export::export_now;
use super::import::Counts;
use crate::i18n::*;
use crate::state::store::use_store;
use crate::ui::text::tr;
use crate::ui::{counts, format};
use leptos::prelude::*;

/// How many directions, stages, employees, deals and plans the workspace holds.
#[component]
pub fn SummaryCard() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    view! {
        <section class="card" data-section="summary">
            <h2 class="card-title">{tr!(i18n, data.summary_title)}</h2>
            {move || {
                let c = store.ws().with(Counts::of);
                let locale = i18n.get_locale();
                let row = move |key: &'static str, label: &'static str, n: usize| {
                    view! {
                        <div class="summary-row" data-count=key>
                            <dt>{label}</dt>
                            <dd>{format::integer(locale, n as i64)}</dd>
                        </div>
                    }
                };
                view! {
                    <dl class="summary">
                        {row("directions", t_string!(i18n, data.count_directions), c.directions)}
                        {row("stages", t_string!(i18n, data.count_stages), c.stages)}
                        {row("employees", t_string!(i18n, data.count_employees), c.employees)}
                        {row("deals", t_string!(i18n, data.count_deals), c.deals)}
                        {row("plans", t_string!(i18n, data.count_plans), c.plans)}
                    </dl>
                }
            }}
        </section>
    }
}

/// How full the browser's storage is, and whether it is kept under pressure.
#[component]
pub fn StorageCard() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let usage_line = move || {
        let u = store.usage.get();
        counts::storage_used(i18n.get_locale(), u.used, u.quota, u.percent())
    };
    let persist_line = move || match store.persisted.get() {
        Some(true) => t_string!(i18n, data.persist_granted),
        Some(false) => t_string!(i18n, data.persist_denied),
        None => t_string!(i18n, data.persist_pending),
    };
    view! {
        <section class="card" data-section="storage">
            <h2 class="card-title">{tr!(i18n, data.storage_title)}</h2>
            <meter
                class="storage-meter"
                min="0"
                max="100"
                low="60"
                high="80"
                optimum="0"
                value=move || store.usage.get().percent().min(100)
            ></meter>
            <p class="storage-used" data-testid="storage-used">
                {usage_line}
            </p>
            <p class="muted" data-testid="persist">
                {persist_line}
            </p>
        </section>
    }
}

/// Download the workspace as JSON.
#[component]
pub fn ExportCard() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-section="export">
            <h2 class="card-title">{tr!(i18n, data.export_title)}</h2>
            <p class="muted">{tr!(i18n, data.export_desc)}</p>
            <div class="button-row">
                <button
                    type="button"
                    class="button button-primary"
                    data-action="export"
                    on:click=move |_| export_now()
                >
                    {tr!(i18n, data.export_button)}
                </button>
                <super::export::CsvExportButton
                    action="export-csv"
                    class="button"
                    deals=Callback::new(|()| None)
                >
                    {tr!(i18n, data.export_csv_button)}
                </super::export::CsvExportButton>
            </div>
            <p class="muted">{tr!(i18n, data.export_csv_desc)}</p>
        </section>
    }
}

/// Start over: the workspace is exported first, then dropped (recovery copies stay).
#[component]
pub fn StartOverCard() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let start_over = move |_| {
        if window()
            .confirm_with_message(t_string!(i18n, data.start_over_confirm))
            .unwrap_or(false)
        {
            export_now();
            store.start_fresh();
        }
    };
    view! {
        <section class="card" data-section="start-over">
            <h2 class="card-title">{tr!(i18n, data.start_over_title)}</h2>
            <p class="muted">{tr!(i18n, data.start_over_desc)}</p>
            <button
                type="button"
                class="button button-danger"
                data-action="start-over"
                on:click=start_over
            >
                {tr!(i18n, data.start_over_button)}
            </button>
        </section>
    }
}
