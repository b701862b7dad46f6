//! One stage as a column: header with count, sum and weighted sum; the cards, drawn a page at
//! a time as the column scrolls (so a column of 10,000 deals opens at once).

use super::card::{self, CardKey};
use super::{BoardCtx, BoardDialog};
use crate::domain::board::effective_probability;
use crate::domain::{Money, StageId, StageKind};
use crate::i18n::*;
use crate::ui::counts;
use crate::ui::deal::editor::EditorTarget;
use crate::ui::format;
use crate::ui::text::{msg, tr};
use crate::ui::when::When;
use leptos::prelude::*;
use std::collections::HashSet;
use std::fmt::Write;

/// Cards added each time the column is scrolled near its end.
pub const PAGE: usize = 40;

/// Cards drawn at first: what fills a column on this screen, and a few more so that a scroll
/// has something to show while the next page is drawn. Drawing 40 a column spent the first
/// paint of a large board on cards nobody could see yet.
fn first_page() -> usize {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(1000.0);
    ((height / 90.0).ceil() as usize + 4).clamp(12, PAGE)
}

/// What a column shows: the keys of the cards drawn, and the count and sum of every visible
/// deal of the stage.
#[derive(Clone, Debug, PartialEq)]
struct ColumnList {
    keys: Vec<CardKey>,
    count: usize,
    sum: Money,
}

/// A column of the board.
#[component]
pub fn Column(stage: StageId) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<BoardCtx>();
    let store = ctx.store;
    let info = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.stage(stage).map(|(_, s)| {
                (
                    s.name.clone(),
                    s.kind,
                    s.color.clone(),
                    effective_probability(s),
                    s.probability,
                )
            })
        })
    });
    let limit = RwSignal::new(first_page());
    let list = Memo::new(move |_| {
        let limit = limit.get();
        let filtered = ctx.filtered();
        store.ws().with(|ws| {
            let column = ws.column(stage);
            if !filtered {
                // The domain keeps each stage's count and sum: only the drawn cards are read.
                let tally = ws.column_tally(stage);
                let keys = column.iter().take(limit).map(|&id| store.card_key(id));
                return ColumnList {
                    keys: keys.collect(),
                    count: tally.count,
                    sum: tally.sum,
                };
            }
            let (mut count, mut sum) = (0, Money::ZERO);
            let mut keys = Vec::with_capacity(limit.min(column.len()));
            for &id in column {
                let Some(deal) = ws.deal(id).filter(|d| ctx.passes(d)) else {
                    continue;
                };
                sum += deal.amount;
                // Versions only for the cards drawn: a column of thousands stays cheap.
                if count < limit {
                    keys.push(store.card_key(id));
                }
                count += 1;
            }
            ColumnList { keys, count, sum }
        })
    });
    let hidden = move || list.with(|l| l.count - l.keys.len());
    let kind = move || info.with(|i| i.as_ref().map_or(StageKind::Open, |i| i.1));
    let name = move || info.with(|i| i.as_ref().map(|i| i.0.clone()).unwrap_or_default());
    let collapsed = move || ctx.collapsed.with(|c| c.contains(&stage));
    let stats = move || {
        let locale = i18n.get_locale();
        let currency = store.ws().with(|w| w.currency());
        list.with(|l| {
            msg!(
                i18n,
                board.column_stats,
                count = format::integer(locale, l.count as i64),
                sum = format::money(locale, currency, l.sum)
            )
        })
    };
    let weighted = move || {
        let locale = i18n.get_locale();
        let currency = store.ws().with(|w| w.currency());
        let p = info.with(|i| i.as_ref().map_or(0, |i| i.3));
        let sum = list.with(|l| l.sum).percent(p);
        msg!(
            i18n,
            board.weighted,
            sum = format::money(locale, currency, sum)
        )
    };
    let on_scroll = move |ev: leptos::ev::Event| {
        // A wheel scrolls without a pointerdown: the next page needs every deal read.
        store.read_all();
        let el: web_sys::Element = event_target(&ev);
        if el.scroll_top() + el.client_height() + 300 >= el.scroll_height() && hidden() > 0 {
            limit.update(|l| *l += PAGE);
        }
    };
    view! {
        <section
            class="column"
            data-stage=stage.0
            data-kind=move || match kind() {
                StageKind::Open => "open",
                StageKind::Won => "won",
                StageKind::Lost => "lost",
            }
            class:collapsed=collapsed
            style=move || info.with(|i| i.as_ref().map(|i| format!("--stage-color: {}", i.2)).unwrap_or_default())
            aria-label=name
        >
            <header class="column-header">
                <div class="column-heading">
                    <h2 class="column-title">{name}</h2>
                    <When when=move || kind() != StageKind::Open>
                        <button
                            type="button"
                            class="icon-button"
                            data-action="collapse"
                            aria-expanded=move || (!collapsed()).to_string()
                            aria-label=move || {
                                if collapsed() {
                                    msg!(i18n, board.expand, stage = name())
                                } else {
                                    msg!(i18n, board.collapse, stage = name())
                                }
                            }
                            on:click=move |_| {
                                ctx.collapsed.update(|c| {
                                    if !c.remove(&stage) {
                                        c.insert(stage);
                                    }
                                })
                            }
                        >
                            {move || if collapsed() { "▸" } else { "▾" }}
                        </button>
                    </When>
                </div>
                <p class="column-stats" data-testid="column-stats">{stats}</p>
                <When when=move || info.with(|i| i.as_ref().is_some_and(|i| i.4.is_some() && i.1 == StageKind::Open))>
                    <p class="column-weighted">{weighted}</p>
                </When>
                <button
                    type="button"
                    class="column-add"
                    data-action="add-deal"
                    aria-label=move || msg!(i18n, board.add_deal, stage = name())
                    title=move || msg!(i18n, board.add_deal, stage = name())
                    on:click=move |_| ctx.dialog.set(Some(BoardDialog::Editor(EditorTarget::New(stage))))
                >
                    "+"
                </button>
            </header>
            <When when=move || !collapsed()>
                <div
                    class="column-body"
                    data-column-body=stage.0
                    on:scroll=on_scroll
                    on:click=move |ev| card::on_click(ctx, &ev)
                    on:keydown=move |ev| card::on_keydown(ctx, &ev)
                    on:pointerdown=move |ev| card::on_pointerdown(ctx, ev)
                    use:draw_cards=(ctx, list)
                >
                    <When when=move || list.with(|l| l.count == 0)>
                        <p class="column-empty">{tr!(i18n, board.empty_column)}</p>
                    </When>
                    <When when=move || { hidden() > 0 }>
                        <button type="button" class="button show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                            {move || counts::show_more(i18n.get_locale(), hidden().min(PAGE))}
                        </button>
                    </When>
                </div>
            </When>
        </section>
    }
}

/// The directive that keeps a column's body showing the cards of `list`: one call into JS per
/// change, with the fields of only the cards whose key is new (a drop builds one card), and
/// every card built again when the language changes.
fn draw_cards(body: web_sys::Element, (ctx, list): (BoardCtx, Memo<ColumnList>)) {
    let effect = RenderEffect::new(move |before: Option<(Locale, HashSet<CardKey>)>| {
        let locale = ctx.i18n.get_locale();
        let drawn = before
            .filter(|(drawn_in, _)| *drawn_in == locale)
            .map(|(_, drawn)| drawn)
            .unwrap_or_default();
        let drawing = card::Drawing::new(ctx, locale);
        let mut now_drawn = HashSet::new();
        let mut out = String::new();
        list.with(|l| {
            for &key in &l.keys {
                let fields = if drawn.contains(&key) {
                    None
                } else {
                    // A deal gone from the workspace meanwhile has no card.
                    let Some(fields) = card::fields_of(ctx, drawing, key) else {
                        continue;
                    };
                    Some(fields)
                };
                if !out.is_empty() {
                    out.push(card::CARD_SEP);
                }
                let (deal, version, epoch) = key;
                // The key as JS keeps it, the language in it.
                write!(out, "{}.{version}.{epoch}.{}", deal.0, locale.as_str())
                    .expect("a String takes any text");
                if let Some(fields) = fields {
                    out.push(card::KEY_SEP);
                    out.push_str(&fields);
                }
                now_drawn.insert(key);
            }
        });
        card::sync_cards(&body, &out);
        (locale, now_drawn)
    });
    on_cleanup(move || drop(effect));
}
