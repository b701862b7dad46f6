//! A deal card: title, client, amount, owner, days in the stage, and the stage's task with
//! its state and checklist progress. Drawn once per change of the deal (cards are keyed by the
//! deal's version), so it reads the workspace without subscribing to it, and its contents are
//! static. A column's cards are put in place by one call into JS ([`sync_cards`]), which keeps
//! the cards whose key is unchanged and builds the others from one string of fields.

use super::fields::CardFields;
pub use super::fields::{CARD_SEP, KEY_SEP};
use super::{BoardCtx, BoardDialog};
use crate::domain::board::TaskStatus;
use crate::domain::{DealId, StageKind};
use crate::i18n::*;
use crate::state::clock;
use crate::ui::counts;
use crate::ui::deal::editor::EditorTarget;
use crate::ui::format;
use crate::ui::text::msg_in;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone)]
struct CardData {
    title: String,
    company: String,
    amount: String,
    owner: String,
    days: i64,
    stale: bool,
    task: Option<TaskView>,
    closed: bool,
}

/// The task's state as the card shows it, its due date formatted.
#[derive(Clone)]
enum TaskShown {
    Done,
    Overdue(String),
    Open(Option<String>),
}

impl TaskShown {
    /// The `data-task-state` attribute (styles and tests read it).
    fn attribute(&self) -> &'static str {
        match self {
            TaskShown::Done => "done",
            TaskShown::Overdue(_) => "overdue",
            TaskShown::Open(_) => "open",
        }
    }
}

#[derive(Clone)]
struct TaskView {
    title: String,
    state: TaskShown,
    checklist: Option<(usize, usize)>,
}

/// What every card of one drawing shares: the language and the clock, read once for all of
/// a column's cards rather than per card, and the count of the workspace's changes.
#[derive(Clone, Copy, PartialEq)]
pub struct Drawing {
    locale: Locale,
    today: chrono::NaiveDate,
    now: crate::domain::Stamp,
    changes: u64,
}

impl Drawing {
    /// A drawing in `locale` on `today`, now, of the workspace as `ctx`'s store holds it.
    pub fn new(ctx: BoardCtx, locale: Locale, today: chrono::NaiveDate) -> Drawing {
        Drawing {
            locale,
            today,
            now: clock::now(),
            changes: ctx.store.changes(),
        }
    }
}

/// A card's key: the deal, its version and the store's epoch (see `Store::card_key`).
pub type CardKey = (DealId, u32, u32);

/// The cards' fields of the last drawings, for as long as nothing a card shows can have
/// changed: the same workspace (not one write since), language and minute. Coming back to
/// the board from another view then draws its cards without formatting one of them again
/// (about a third of drawing the board).
struct KeptFields {
    drawing: Option<Drawing>,
    fields: HashMap<CardKey, Rc<str>>,
}

thread_local! {
    static KEPT: RefCell<KeptFields> = RefCell::new(KeptFields {
        drawing: None,
        fields: HashMap::new(),
    });
}

/// A deal card's fields for [`sync_cards`], or `None` when the deal is gone; kept from an
/// earlier drawing when nothing can have changed since.
pub fn fields_of(ctx: BoardCtx, drawing: Drawing, key: CardKey) -> Option<Rc<str>> {
    KEPT.with_borrow_mut(|kept| {
        if kept.drawing != Some(drawing) {
            kept.drawing = Some(drawing);
            kept.fields.clear();
        }
        if let Some(fields) = kept.fields.get(&key) {
            return Some(fields.clone());
        }
        let fields: Rc<str> = fields_now(ctx, drawing, key.0)?.into();
        kept.fields.insert(key, fields.clone());
        Some(fields)
    })
}

/// A deal card's fields, formatted now.
fn fields_now(ctx: BoardCtx, drawing: Drawing, deal: DealId) -> Option<String> {
    let Drawing {
        locale, today, now, ..
    } = drawing;
    let data = ctx.store.ws().with_untracked(|ws| {
        let d = ws.deal(deal)?;
        let (_, stage) = ws.stage(d.stage)?;
        let days = d.days_in_stage(now);
        let task = stage.task.as_ref().and_then(|task| {
            let status = d.task_status(stage, today)?;
            let date = |due| format::date(locale, due);
            let state = match status {
                TaskStatus::Done => TaskShown::Done,
                TaskStatus::Overdue(due) => TaskShown::Overdue(date(due)),
                TaskStatus::Open(due) => TaskShown::Open(due.map(date)),
            };
            Some(TaskView {
                title: task.title.clone(),
                state,
                checklist: d.checklist_progress(stage),
            })
        });
        Some(CardData {
            title: d.title.clone(),
            company: d.client.company.clone(),
            // An amount imported in another currency is shown in it (never converted).
            amount: match d.source.as_ref().and_then(|s| s.currency.as_deref()) {
                Some(code) => format!("{} {code}", format::grouped_amount(locale, d.amount)),
                None => format::money(locale, ws.currency(), d.amount),
            },
            owner: ws
                .employee(d.owner)
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            days,
            stale: d.is_stale(stage, now),
            task: task.filter(|_| stage.kind == StageKind::Open || d.task(stage.id).is_some()),
            closed: stage.kind.is_closed(),
        })
    });
    Some(card_fields(locale, deal, &data?))
}

/// The deal of the card an event happened in, if any.
fn card_of(ev: &web_sys::Event) -> Option<(DealId, web_sys::Element)> {
    let target = wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(ev.target()?).ok()?;
    let card = target.closest("[data-deal]").ok()??;
    let id = card.get_attribute("data-deal")?.parse().ok()?;
    Some((DealId(id), target))
}

/// A click in a column: on a card's "Move to…" its menu, elsewhere on a card (not on a
/// button) the deal's editor. The click that ends a drag is not a tap and is ignored.
pub fn on_click(ctx: BoardCtx, ev: &web_sys::Event) {
    if ctx.drag.take_click_suppression() {
        return;
    }
    let Some((deal, target)) = card_of(ev) else {
        return;
    };
    if closest(&target, "[data-action=move-to]") {
        ctx.dialog.set(Some(BoardDialog::MoveMenu(deal)));
    } else if !closest(&target, "button") {
        open_editor(ctx, deal);
    }
}

/// Enter or Space on a focused card opens its editor.
pub fn on_keydown(ctx: BoardCtx, ev: &web_sys::KeyboardEvent) {
    let Some((deal, target)) = card_of(ev) else {
        return;
    };
    if target.has_attribute("data-deal") && (ev.key() == "Enter" || ev.key() == " ") {
        ev.prevent_default();
        open_editor(ctx, deal);
    }
}

/// A press on a card (on its handle or anywhere) may start a drag.
pub fn on_pointerdown(ctx: BoardCtx, ev: web_sys::PointerEvent) {
    let Some((deal, target)) = card_of(&ev) else {
        return;
    };
    let handle = closest(&target, ".drag-handle");
    ctx.drag.pointer_down(ctx, ev, deal, handle);
}

fn open_editor(ctx: BoardCtx, deal: DealId) {
    ctx.dialog
        .set(Some(BoardDialog::Editor(EditorTarget::Existing(deal))));
}

/// Whether `element` or an ancestor matches `selector`.
fn closest(element: &web_sys::Element, selector: &str) -> bool {
    element.closest(selector).ok().flatten().is_some()
}

/// The card's contents: title with the drag handle, client, amount and owner, days in the
/// stage, the task, and the "Move to…" button, as the fields [`sync_cards`] takes (see
/// `fields`: the contract with `board.js`).
fn card_fields(locale: Locale, deal: DealId, data: &CardData) -> String {
    let task = data.task.as_ref();
    let state = task.map(|task| match &task.state {
        TaskShown::Done => td_string!(locale, card.task_done).to_string(),
        TaskShown::Overdue(date) => msg_in!(locale, card.task_overdue, date = date.as_str()),
        TaskShown::Open(Some(date)) => msg_in!(locale, card.task_due, date = date.as_str()),
        TaskShown::Open(None) => td_string!(locale, card.task_open).to_string(),
    });
    let checklist = task
        .and_then(|t| t.checklist)
        .map(|(done, total)| msg_in!(locale, card.checklist, done = done, total = total));
    CardFields {
        id: &deal.0.to_string(),
        cls: if data.closed {
            "deal-card closed"
        } else {
            "deal-card"
        },
        handle: &msg_in!(locale, board.drag_handle, title = data.title.as_str()),
        title: &data.title,
        company: &data.company,
        amount: &data.amount,
        owner: &data.owner,
        days: &counts::days_in_stage(locale, data.days),
        stale: if data.stale {
            td_string!(locale, card.stale)
        } else {
            ""
        },
        task_state: task.map_or("", |t| t.state.attribute()),
        task_title: task.map_or("", |t| t.title.as_str()),
        task_label: state.as_deref().unwrap_or(""),
        checklist: checklist.as_deref().unwrap_or(""),
        move_label: td_string!(locale, card.move_to),
    }
    .pack()
}

// A column's cards built with `createElement` and `textContent` (see `board.js`).
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/ui/board/board.js")]
extern "C" {
    /// Puts a column's cards in place: `list` holds each card's key, followed for a card not
    /// yet on screen by [`KEY_SEP`] and its [`card_fields`]; cards separated by [`CARD_SEP`].
    pub fn sync_cards(body: &web_sys::Element, list: &str);
}
