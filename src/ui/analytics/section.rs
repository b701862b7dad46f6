//! One section of the Analytics view: its title, the one line of how it is counted, its
//! blocks (chart, figures, tables), a button to fold the tables and one to export them as CSV.

use super::chart::Bars;
use super::model::{self, Block};
use super::table::{self, DataTable, Table};
use super::AnalyticsCtx;
use crate::i18n::*;
use crate::state::clock;
use crate::state::store::use_store;
use crate::ui::files;
use crate::ui::plans::period_file_key;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn title(i18n: I18nContext<Locale>, name: &str) -> String {
    match name {
        "funnel" => t_string!(i18n, analytics.funnel.title),
        "stays" => t_string!(i18n, analytics.stays.title),
        "outcomes" => t_string!(i18n, analytics.outcomes.title),
        "forecast" => t_string!(i18n, analytics.forecast.title),
        _ => t_string!(i18n, analytics.nps.title),
    }
    .to_string()
}

fn how(i18n: I18nContext<Locale>, name: &str) -> String {
    match name {
        "funnel" => t_string!(i18n, analytics.funnel.how),
        "stays" => t_string!(i18n, analytics.stays.how),
        "outcomes" => t_string!(i18n, analytics.outcomes.how),
        "forecast" => t_string!(i18n, analytics.forecast.how),
        _ => t_string!(i18n, analytics.nps.how),
    }
    .to_string()
}

/// A section's blocks, from the figures the view computed, in the UI's language.
fn blocks(ctx: AnalyticsCtx, name: &'static str, locale: Locale) -> Vec<Block> {
    let store = use_store();
    store.ws().with_untracked(|ws| match name {
        "funnel" => ctx.scoped.with(|s| model::funnel(ws, locale, &s.funnels)),
        "stays" => ctx.scoped.with(|s| model::stays(ws, locale, &s.stays)),
        "outcomes" => ctx
            .scoped
            .with(|s| model::outcomes(ws, locale, &s.outcomes)),
        "forecast" => ctx.forecast.with(|f| model::forecast(ws, locale, f)),
        _ => ctx.scoped.with(|s| model::nps(ws, locale, &s.nps)),
    })
}

/// A section: `name` is one of funnel, stays, outcomes, forecast, nps.
#[component]
pub fn Section(
    name: &'static str,
    /// Drawn per direction: with every direction chosen, one block each.
    #[prop(optional)]
    one_direction: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<AnalyticsCtx>();
    let folded = RwSignal::new(false);
    let content = Memo::new(move |_| {
        ctx.version.track();
        blocks(ctx, name, i18n.get_locale())
    });
    let has_tables = move || content.with(|b| b.iter().any(|b| !b.tables.is_empty()));
    let export = move |_| {
        let tables: Vec<Table> = content.with_untracked(|blocks| {
            let several = blocks.len() > 1;
            blocks
                .iter()
                .flat_map(|b| {
                    b.tables.iter().cloned().map(move |mut t| {
                        if let Some(h) = b.heading.as_ref().filter(|_| several) {
                            t.caption = format!("{h}: {}", t.caption);
                        }
                        t
                    })
                })
                .collect()
        });
        let file = format!(
            "voronka-{name}-{}-{}.csv",
            period_file_key(ctx.period.get_untracked()),
            crate::ui::format::iso_date(clock::today())
        );
        files::download(&file, &table::csv(&tables), "text/csv;charset=utf-8");
    };
    let title_id = format!("analytics-{name}");
    let labelled_by = title_id.clone();
    view! {
        <section
            class="card analytics-section"
            data-section=name
            aria-labelledby=labelled_by
            class:tables-folded=move || folded.get()
        >
            <div class="analytics-section-head">
                <h2 class="card-title" id=title_id>
                    {move || title(i18n, name)}
                </h2>
                <div class="analytics-section-actions">
                    <When when=has_tables>
                        <button
                            type="button"
                            class="button button-small"
                            data-action="fold-tables"
                            aria-expanded=move || (!folded.get()).to_string()
                            on:click=move |_| folded.update(|f| *f = !*f)
                        >
                            {move || {
                                if folded.get() {
                                    t_string!(i18n, analytics.show_table)
                                } else {
                                    t_string!(i18n, analytics.hide_table)
                                }
                            }}
                        </button>
                        <button
                            type="button"
                            class="button button-small"
                            data-action="export-section-csv"
                            aria-label=move || {
                                msg!(i18n, analytics.export_label, section = title(i18n, name))
                            }
                            on:click=export
                        >
                            {tr!(i18n, analytics.export_csv)}
                        </button>
                    </When>
                </div>
            </div>
            <p class="analytics-how muted" data-part="how">
                {move || how(i18n, name)}
            </p>
            {move || {
                (one_direction && ctx.direction.get().is_none() && content.with(|b| b.len() > 1))
                    .then(|| view! { <p class="muted">{tr!(i18n, analytics.choose_direction)}</p> })
            }}
            {move || {
                content
                    .get()
                    .into_iter()
                    .map(|b| view! { <BlockView block=b title=title(i18n, name) /> })
                    .collect_view()
            }}
            {children.map(|c| c())}
        </section>
    }
}

/// One block: heading, lines, chart, tables (or the "no deals" line).
#[component]
fn BlockView(block: Block, title: String) -> impl IntoView {
    let ctx = expect_context::<AnalyticsCtx>();
    let open = Callback::new(move |(title, deals)| ctx.list.set(Some((title, deals))));
    let Block {
        heading,
        lines,
        empty,
        charts,
        tables,
    } = block;
    view! {
        <div class="analytics-block">
            {heading.map(|h| view! { <h3 class="analytics-block-title">{h}</h3> })}
            {empty
                .map(|e| {
                    view! {
                        <p class="analytics-empty" data-part="empty">
                            {e}
                        </p>
                    }
                })}
            {lines.into_iter().map(|l| view! { <p class="analytics-line">{l}</p> }).collect_view()}
            {charts
                .into_iter()
                .map(|c| view! { <Bars bars=c.bars label=c.label centered=c.funnel /> })
                .collect_view()}
            {tables
                .into_iter()
                .map(|t| {
                    let plain = t.caption == title;
                    view! { <DataTable table=t on_open=open plain_caption=plain /> }
                })
                .collect_view()}
        </div>
    }
}
