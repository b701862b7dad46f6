//! The deals behind a row of a table (a funnel stage, a loss reason, an employee): title,
//! amount, owner and stage, each opening the deal editor.

use super::AnalyticsCtx;
use crate::domain::DealId;
use crate::i18n::*;
use crate::state::store::use_store;
use crate::ui::deal::editor::EditorTarget;
use crate::ui::modal::{DialogActions, Modal};
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use crate::ui::{counts, format};
use leptos::prelude::*;

/// Rows drawn at first and added by "Show more": a stage reached by thousands of deals
/// opens at once.
const PAGE: usize = 100;

/// The list dialog and, over it, the editor of the deal chosen in it.
#[component]
pub fn Dialogs() -> impl IntoView {
    let ctx = expect_context::<AnalyticsCtx>();
    let close_list = Callback::new(move |_| ctx.list.set(None));
    let close_editor = Callback::new(move |_| ctx.editing.set(None));
    view! {
        {move || {
            ctx.list
                .get()
                .map(|(title, deals)| {
                    view! { <DealList title=title deals=deals on_close=close_list /> }
                })
        }}
        {move || {
            ctx.editing
                .get()
                .map(|deal| {
                    view! {
                        <crate::ui::deal::OpenEditor
                            target=EditorTarget::Existing(deal)
                            on_close=close_editor
                        />
                    }
                })
        }}
    }
}

#[component]
fn DealList(title: String, deals: Vec<DealId>, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let ctx = expect_context::<AnalyticsCtx>();
    let shown = RwSignal::new(PAGE);
    let total = deals.len();
    // Read live: a deal edited from the list shows its new title, amount or stage.
    let rows = move || {
        let locale = i18n.get_locale();
        store.ws().with(|ws| {
            deals
                .iter()
                .take(shown.get())
                .filter_map(|&id| ws.deal(id))
                .map(|d| {
                    (
                        d.id,
                        d.title.clone(),
                        format::money(locale, ws.currency(), d.amount),
                        ws.employee(d.owner)
                            .map(|e| e.name.clone())
                            .unwrap_or_default(),
                        ws.stage(d.stage)
                            .map(|(_, s)| s.name.clone())
                            .unwrap_or_default(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let heading = msg!(i18n, analytics.deals.title, what = title);
    view! {
        <Modal title_id="analytics-deals-title" on_close=on_close class="modal-wide">
            <div class="form" data-testid="analytics-deals">
                <h2 id="analytics-deals-title" class="modal-title">
                    {heading}
                </h2>
                <p class="muted" data-part="count">
                    {move || counts::listed_deals(i18n.get_locale(), total)}
                </p>
                <div class="table-scroll">
                    <table class="analytics-table deal-list-table">
                        <thead>
                            <tr>
                                <th scope="col">{tr!(i18n, analytics.deals.deal)}</th>
                                <th scope="col">{tr!(i18n, analytics.deals.amount)}</th>
                                <th scope="col">{tr!(i18n, analytics.deals.owner)}</th>
                                <th scope="col">{tr!(i18n, analytics.deals.stage)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                rows()
                                    .into_iter()
                                    .map(|(id, title, amount, owner, stage)| {
                                        view! {
                                            <tr data-deal=id.0>
                                                <th scope="row">
                                                    <button
                                                        type="button"
                                                        class="link-button"
                                                        data-action="open-deal"
                                                        on:click=move |_| ctx.editing.set(Some(id))
                                                    >
                                                        {title}
                                                    </button>
                                                </th>
                                                <td class="num">{amount}</td>
                                                <td>{owner}</td>
                                                <td>{stage}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
                <When when=move || { shown.get() < total }>
                    <button
                        type="button"
                        class="button"
                        data-action="show-more"
                        on:click=move |_| shown.update(|s| *s += PAGE)
                    >
                        {tr!(i18n, today.show_more)}
                    </button>
                </When>
                <DialogActions>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr!(i18n, analytics.deals.close)}
                    </button>
                </DialogActions>
            </div>
        </Modal>
    }
}
