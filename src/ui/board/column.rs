//! One stage as a column: header with count, sum and weighted sum; the cards, drawn a page at
//! a time as the column scrolls (so a column of 10,000 deals opens at once).

use super::card::{self, CardKey};
use super::fields::ColumnFields;
use super::{BoardCtx, BoardDialog};
use crate::domain::{Currency, Money, StageId, StageKind};
use crate::i18n::*;
use crate::ui::counts;
use crate::ui::deal::editor::EditorTarget;
use crate::ui::format;
use crate::ui::text::msg_in;
use chrono::Datelike;
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

/// A column's width on a wide screen, as `style/main.css` sets it (`.column { flex: 0 0 272px }`;
/// narrower windows make columns wider, never narrower).
const COLUMN_PX: f64 = 272.0;

/// Whether the column of `stage` lies beyond what the window shows of the board at first:
/// columns are [`COLUMN_PX`] wide and a gap apart, so the window's width over that, rounded up,
/// counts every column in view, the last perhaps in part.
fn beyond_first_screen(ctx: BoardCtx, stage: StageId) -> bool {
    let width = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(1600.0);
    let on_screen = (width / COLUMN_PX).ceil() as usize;
    let index = ctx.store.ws().with_untracked(|ws| {
        ws.stage(stage)
            .and_then(|(d, _)| d.stages.iter().position(|s| s.id == stage))
    });
    index.is_some_and(|i| i >= on_screen)
}

/// What a column shows: the keys of the cards drawn, and the count and sum of every visible
/// deal of the stage.
#[derive(Clone, Debug, PartialEq)]
struct ColumnList {
    keys: Vec<CardKey>,
    count: usize,
    sum: Money,
    weighted: Option<Money>,
}

/// A column of the board: a `<section>` whose header, body and cards are put in place by one
/// call into JS per change ([`sync_column`], then [`card::sync_cards`]), as a hand-written page
/// would, with its figures and texts passed as one string; its events are handled here.
#[component]
pub fn Column(stage: StageId) -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let store = ctx.store;
    let info = Memo::new(move |_| {
        store.ws().with(|ws| {
            ws.stage(stage).map(|(_, s)| StageShown {
                name: s.name.clone(),
                kind: s.kind,
                color: s.color.clone(),
                currency: ws.currency(),
            })
        })
    });
    // On the board's first screen a column off screen gets its cards after the first paint (a
    // frame, then a task), so the columns in view paint sooner.
    let deferred = store.reading.get_untracked() && beyond_first_screen(ctx, stage);
    let limit = RwSignal::new(if deferred { 0 } else { first_page() });
    if deferred {
        request_animation_frame(move || {
            // Never fewer than asked for meanwhile; a board gone meanwhile: updating its
            // disposed signal does nothing.
            let draw = move || limit.update(|l| *l = (*l).max(first_page()));
            set_timeout(draw, std::time::Duration::ZERO)
        });
    }
    let list = Memo::new(move |_| {
        let limit = limit.get();
        let filter = ctx.filter();
        store.ws().with(|ws| {
            let figures = ws.column_figures(stage, &filter, limit);
            // Versions only for the cards drawn: a column of thousands stays cheap.
            ColumnList {
                keys: figures.shown.iter().map(|&id| store.card_key(id)).collect(),
                count: figures.count,
                sum: figures.sum,
                weighted: figures.weighted,
            }
        })
    });
    let collapsed = Memo::new(move |_| ctx.collapsed.with(|c| c.contains(&stage)));
    let parts = ColumnParts {
        ctx,
        stage,
        info,
        list,
        collapsed,
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let action = event_target::<web_sys::Element>(&ev)
            .closest("[data-action]")
            .ok()
            .flatten()
            .and_then(|el| el.get_attribute("data-action"));
        match action.as_deref() {
            Some("collapse") => ctx.collapsed.update(|c| {
                if !c.remove(&stage) {
                    c.insert(stage);
                }
            }),
            Some("add-deal") => ctx
                .dialog
                .set(Some(BoardDialog::Editor(EditorTarget::New(stage)))),
            Some("show-more") => limit.update(|l| *l += PAGE),
            _ => card::on_click(ctx, &ev),
        }
    };
    // A scroll does not bubble: the body's is caught on its way down.
    let on_scroll = move |ev: leptos::ev::Event| {
        let body: web_sys::Element = event_target(&ev);
        if !body.has_attribute("data-column-body") {
            return;
        }
        // A wheel scrolls without a pointerdown: the next page needs every deal read.
        store.read_all();
        let hidden = list.with(|l| l.count - l.keys.len());
        if body.scroll_top() + body.client_height() + 300 >= body.scroll_height() && hidden > 0 {
            limit.update(|l| *l += PAGE);
        }
    };
    view! {
        <section
            class="column"
            data-stage=stage.0
            on:click=on_click
            on:keydown=move |ev| card::on_keydown(ctx, &ev)
            on:pointerdown=move |ev| card::on_pointerdown(ctx, ev)
            on:scroll:capture=on_scroll
            use:draw_column=parts
        ></section>
    }
}

/// What a column shows of its stage.
#[derive(Clone, Debug, PartialEq)]
struct StageShown {
    name: String,
    kind: StageKind,
    color: String,
    currency: Currency,
}

/// The column's own parts as the fields [`sync_column`] takes: its attributes, header texts,
/// and the body's "no deals" and "show more" (empty when not shown).
fn column_fields(
    locale: Locale,
    stage: StageId,
    info: Option<&StageShown>,
    list: &ColumnList,
    collapsed: bool,
) -> String {
    let (name, kind, color) = info.map_or(("", StageKind::Open, ""), |i| {
        (i.name.as_str(), i.kind, i.color.as_str())
    });
    let currency = info.map_or(Currency::default(), |i| i.currency);
    let toggle = match (kind, collapsed) {
        (StageKind::Open, _) => String::new(),
        (_, true) => msg_in!(locale, board.expand, stage = name),
        (_, false) => msg_in!(locale, board.collapse, stage = name),
    };
    let stats = msg_in!(
        locale,
        board.column_stats,
        count = format::integer(locale, list.count as i64),
        sum = format::money(locale, currency, list.sum)
    );
    let weighted = match list.weighted {
        Some(sum) => msg_in!(
            locale,
            board.weighted,
            sum = format::money(locale, currency, sum)
        ),
        None => String::new(),
    };
    let hidden = list.count - list.keys.len();
    let more = if hidden > 0 {
        counts::show_more(locale, hidden.min(PAGE))
    } else {
        String::new()
    };
    ColumnFields {
        stage: &stage.0.to_string(),
        kind: match kind {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        },
        collapsed: if collapsed { "1" } else { "" },
        color,
        name,
        toggle_label: &toggle,
        stats: &stats,
        weighted: &weighted,
        add_label: &msg_in!(locale, board.add_deal, stage = name),
        empty: if list.count == 0 {
            td_string!(locale, board.empty_column)
        } else {
            ""
        },
        more: &more,
    }
    .pack()
}

/// What a column's drawing reads.
#[derive(Clone, Copy)]
struct ColumnParts {
    ctx: BoardCtx,
    stage: StageId,
    info: Memo<Option<StageShown>>,
    list: Memo<ColumnList>,
    collapsed: Memo<bool>,
}

/// The directive that keeps a column drawn: its own parts when their texts change, and the
/// cards of `list` in its body — one call into JS for each, with the fields of only the cards
/// whose key is new (a drop builds one card), every card built again when the language changes
/// or the body is new (the column expanded). The column's texts are made here rather than in
/// a memo of their own: a memo over `list` beside `list` itself would let this effect miss a
/// change of `list` that leaves the texts as they were (a reorder within the column).
fn draw_column(section: web_sys::Element, parts: ColumnParts) {
    let ColumnParts {
        ctx,
        stage,
        info,
        list,
        collapsed,
    } = parts;
    let day = crate::state::clock::use_today();
    let effect = RenderEffect::new(move |before: Option<Drawn>| {
        let locale = ctx.i18n.get_locale();
        // At midnight every card is drawn again: overdue marks and days in the stage move on.
        let today = day.get();
        let header = info.with(|info| {
            list.with(|list| column_fields(locale, stage, info.as_ref(), list, collapsed.get()))
        });
        let body = match before.as_ref() {
            Some(b) if b.header == header => b.body.clone(),
            _ => sync_column(&section, &header),
        };
        let Some(body) = body else {
            return Drawn {
                header,
                ..Drawn::default()
            };
        };
        let drawn = before
            .filter(|b| {
                b.locale == Some(locale) && b.today == Some(today) && b.body.as_ref() == Some(&body)
            })
            .map(|b| b.cards)
            .unwrap_or_default();
        let drawing = card::Drawing::new(ctx, locale, today);
        let mut cards = HashSet::new();
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
                // The key as JS keeps it, the language and the day in it.
                let day = today.num_days_from_ce();
                write!(
                    out,
                    "{}.{version}.{epoch}.{}.{day}",
                    deal.0,
                    locale.as_str()
                )
                .expect("a String takes any text");
                if let Some(fields) = fields {
                    out.push(card::KEY_SEP);
                    out.push_str(&fields);
                }
                cards.insert(key);
            }
        });
        card::sync_cards(&body, &out);
        Drawn {
            header,
            locale: Some(locale),
            today: Some(today),
            body: Some(body),
            cards,
        }
    });
    on_cleanup(move || drop(effect));
}

/// What a column's drawing left on screen: its texts, the body and its cards, in which
/// language.
#[derive(Default)]
struct Drawn {
    header: String,
    locale: Option<Locale>,
    today: Option<chrono::NaiveDate>,
    body: Option<web_sys::Element>,
    cards: HashSet<CardKey>,
}

// The column's own elements built and updated in place (see `board.js`).
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/ui/board/board.js")]
extern "C" {
    /// Puts a column's own parts in place from [`column_fields`]; returns its body, or `None`
    /// when the column is collapsed (it has none).
    fn sync_column(section: &web_sys::Element, fields: &str) -> Option<web_sys::Element>;
}
