//! Drag and drop on Pointer Events, for mouse and touch alike. A mouse drag starts after a few
//! pixels of movement; on touch, a short hold on the handle starts it (a swipe elsewhere still
//! scrolls). A floating copy follows the pointer, a gap opens where the card will land, the
//! board scrolls near its edges, Escape cancels, and the drop goes through the move flow.

use super::{BoardCtx, PendingMove};
use crate::domain::{DealId, StageId};
use crate::i18n::*;
use gloo_timers::callback::{Interval, Timeout};
use leptos::html;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent};

/// Movement (px) before a mouse press becomes a drag.
const MOUSE_SLOP: f64 = 5.0;
/// How long a touch must hold still on the handle to start a drag.
const TOUCH_HOLD_MS: u32 = 220;
/// Movement (px) that cancels a touch hold (the user is scrolling).
const TOUCH_SLOP: f64 = 10.0;
/// Distance from an edge (px) where the board scrolls by itself.
const EDGE: f64 = 56.0;

#[derive(Default)]
struct Session {
    deal: Option<DealId>,
    pointer: i32,
    start: (f64, f64),
    grab: (f64, f64),
    active: bool,
    /// Where the card would land: stage and the visible card it goes before.
    over: Option<(StageId, Option<DealId>)>,
    pointer_at: (f64, f64),
    hold: Option<Timeout>,
    scroll: Option<Interval>,
    listeners: Vec<WindowListenerHandle>,
    suppress_click: bool,
}

/// The drag controller shared by the board's cards.
#[derive(Clone, Copy)]
pub struct DragCtl {
    /// The scrolling board element.
    pub board: NodeRef<html::Div>,
    ghost: NodeRef<html::Div>,
    session: StoredValue<Rc<RefCell<Session>>, LocalStorage>,
}

fn card_el(deal: DealId) -> Option<HtmlElement> {
    document()
        .query_selector(&format!("[data-deal=\"{}\"]", deal.0))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

fn clear_marks() {
    if let Ok(list) = document().query_selector_all(".drop-before, .drop-end, .is-dragging") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el
                    .class_list()
                    .remove_3("drop-before", "drop-end", "is-dragging");
            }
        }
    }
}

impl DragCtl {
    /// A controller with no drag in progress.
    pub fn new() -> DragCtl {
        DragCtl {
            board: NodeRef::new(),
            ghost: NodeRef::new(),
            session: StoredValue::new_local(Rc::new(RefCell::new(Session::default()))),
        }
    }

    fn s(&self) -> Rc<RefCell<Session>> {
        self.session.get_value()
    }

    /// Whether the click that follows a drop should be ignored (it is not a tap).
    pub fn take_click_suppression(&self) -> bool {
        std::mem::take(&mut self.s().borrow_mut().suppress_click)
    }

    /// A press on a card (`handle` when on its drag handle).
    pub fn pointer_down(&self, ctx: BoardCtx, ev: PointerEvent, deal: DealId, handle: bool) {
        if ev.button() != 0 || ctx.store.read_only() || self.s().borrow().deal.is_some() {
            return;
        }
        let touch = ev.pointer_type() != "mouse";
        if touch && !handle {
            return; // touch on the card body scrolls; dragging starts from the handle
        }
        let ctl = *self;
        {
            let s = self.s();
            let mut s = s.borrow_mut();
            s.deal = Some(deal);
            s.pointer = ev.pointer_id();
            s.start = (f64::from(ev.client_x()), f64::from(ev.client_y()));
            s.pointer_at = s.start;
            s.active = false;
            s.over = None;
            s.suppress_click = false;
            if touch {
                s.hold = Some(Timeout::new(TOUCH_HOLD_MS, move || ctl.begin(ctx)));
            }
        }
        if handle {
            ev.prevent_default();
        }
        let move_handle =
            window_event_listener(leptos::ev::pointermove, move |e| ctl.pointer_move(ctx, e));
        let up_handle =
            window_event_listener(leptos::ev::pointerup, move |e| ctl.pointer_up(ctx, e));
        let cancel_handle =
            window_event_listener(leptos::ev::pointercancel, move |_| ctl.cancel(ctx, false));
        let key_handle = window_event_listener(leptos::ev::keydown, move |e| {
            if e.key() == "Escape" && ctl.s().borrow().active {
                e.prevent_default();
                ctl.cancel(ctx, true);
            }
        });
        self.s().borrow_mut().listeners = vec![move_handle, up_handle, cancel_handle, key_handle];
    }

    fn begin(&self, ctx: BoardCtx) {
        let s = self.s();
        let mut s = s.borrow_mut();
        s.hold = None;
        let Some(deal) = s.deal else { return };
        let Some(card) = card_el(deal) else { return };
        s.active = true;
        let rect = card.get_bounding_client_rect();
        s.grab = (s.pointer_at.0 - rect.left(), s.pointer_at.1 - rect.top());
        if let Some(ghost) = self.ghost.get_untracked() {
            ghost.set_inner_html(&card.outer_html());
            let style = web_sys::HtmlElement::style(&ghost);
            let _ = style.set_property(
                "width",
                &format!("{}px", crate::ui::format::fixed2(rect.width())),
            );
            let _ = style.set_property("display", "block");
            let _ = ghost.class_list().add_1("active");
        }
        let _ = card.class_list().add_1("is-dragging");
        // The press focused the card; the drop draws it anew in its new place, and removing a
        // focused element makes the browser restyle and lay out the page inside the drop's
        // task. Focus leaves it now and comes back to the moved card after the drop.
        let focused = document().active_element();
        if let Some(focused) = focused.filter(|f| card.contains(Some(f))) {
            if let Some(focused) = focused.dyn_ref::<HtmlElement>() {
                focused.blur().ok();
            }
        }
        let board = document().body().map(|b| b.class_list());
        if let Some(list) = board {
            let _ = list.add_1("dragging-active");
        }
        let ctl = *self;
        s.scroll = Some(Interval::new(16, move || ctl.auto_scroll(ctx)));
        drop(s);
        self.place(ctx);
    }

    fn pointer_move(&self, ctx: BoardCtx, ev: PointerEvent) {
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let (active, start, touch_pending) = {
            let s = self.s();
            let mut s = s.borrow_mut();
            if ev.pointer_id() != s.pointer {
                return;
            }
            s.pointer_at = (x, y);
            (s.active, s.start, s.hold.is_some())
        };
        let moved = ((x - start.0).powi(2) + (y - start.1).powi(2)).sqrt();
        if !active {
            if touch_pending {
                if moved > TOUCH_SLOP {
                    self.cancel(ctx, false);
                }
                return;
            }
            if moved < MOUSE_SLOP {
                return;
            }
            self.begin(ctx);
        }
        ev.prevent_default();
        self.place(ctx);
    }

    /// Moves the floating copy and the gap under the pointer.
    fn place(&self, ctx: BoardCtx) {
        let _ = ctx;
        let s = self.s();
        let mut s = s.borrow_mut();
        let (x, y) = s.pointer_at;
        if let Some(ghost) = self.ghost.get_untracked() {
            let _ = web_sys::HtmlElement::style(&ghost).set_property(
                "transform",
                &format!(
                    "translate({}px, {}px) rotate(2deg)",
                    crate::ui::format::fixed2(x - s.grab.0),
                    crate::ui::format::fixed2(y - s.grab.1)
                ),
            );
        }
        let Some(deal) = s.deal else { return };
        let target = document()
            .element_from_point(x as f32, y as f32)
            .and_then(|el| el.closest("[data-stage]").ok().flatten());
        clear_marks();
        if let Some(card) = card_el(deal) {
            let _ = card.class_list().add_1("is-dragging");
        }
        let Some(column) = target else {
            s.over = None;
            return;
        };
        let Some(stage) = column
            .get_attribute("data-stage")
            .and_then(|v| v.parse().ok())
            .map(StageId)
        else {
            s.over = None;
            return;
        };
        let mut before: Option<(DealId, Element)> = None;
        if let Ok(cards) = column.query_selector_all("[data-deal]") {
            for i in 0..cards.length() {
                let Some(el) = cards.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let Some(id) = el
                    .get_attribute("data-deal")
                    .and_then(|v| v.parse().ok())
                    .map(DealId)
                else {
                    continue;
                };
                if id == deal {
                    continue;
                }
                let r = el.get_bounding_client_rect();
                if y < r.top() + r.height() / 2.0 {
                    before = Some((id, el));
                    break;
                }
            }
        }
        match &before {
            Some((_, el)) => {
                let _ = el.class_list().add_1("drop-before");
            }
            None => {
                if let Ok(Some(body)) = column.query_selector("[data-column-body]") {
                    let _ = body.class_list().add_1("drop-end");
                }
            }
        }
        s.over = Some((stage, before.map(|(id, _)| id)));
    }

    fn auto_scroll(&self, ctx: BoardCtx) {
        let (x, y) = self.s().borrow().pointer_at;
        let mut moved = false;
        if let Some(board) = self.board.get_untracked() {
            let r = board.get_bounding_client_rect();
            let dx = if x < r.left() + EDGE {
                -14
            } else if x > r.right() - EDGE {
                14
            } else {
                0
            };
            if dx != 0 {
                board.set_scroll_left(board.scroll_left() + dx);
                moved = true;
            }
        }
        let body = document()
            .element_from_point(x as f32, y as f32)
            .and_then(|el| el.closest("[data-column-body]").ok().flatten());
        if let Some(body) = body {
            let r = body.get_bounding_client_rect();
            let dy = if y < r.top() + EDGE {
                -14
            } else if y > r.bottom() - EDGE {
                14
            } else {
                0
            };
            if dy != 0 {
                body.set_scroll_top(body.scroll_top() + dy);
                moved = true;
            }
        }
        if moved {
            self.place(ctx);
        }
    }

    fn pointer_up(&self, ctx: BoardCtx, ev: PointerEvent) {
        let (active, deal, over) = {
            let s = self.s();
            let s = s.borrow();
            if ev.pointer_id() != s.pointer {
                return;
            }
            (s.active, s.deal, s.over)
        };
        self.finish();
        if !active {
            return;
        }
        self.s().borrow_mut().suppress_click = true;
        let (Some(deal), Some((to, before))) = (deal, over) else {
            // Dropped outside any column: nothing moves, focus goes back to the card.
            if let Some(deal) = deal {
                crate::ui::focus::focus_card(deal);
            }
            return;
        };
        let filter = untrack(|| ctx.filter());
        let index = ctx.store.ws().with_untracked(|ws| {
            let column: Vec<DealId> = ws
                .column(to)
                .iter()
                .copied()
                .filter(|&d| d != deal)
                .collect();
            match before {
                Some(b) => column.iter().position(|&d| d == b).unwrap_or(column.len()),
                None => {
                    // After the last visible card (the filter may hide others).
                    let visible = |d: DealId| ws.deal(d).is_some_and(|d| filter.passes(ws, d));
                    let last_visible = column.iter().rposition(|&d| visible(d));
                    last_visible.map_or(column.len(), |i| i + 1)
                }
            }
        });
        ctx.request_move(PendingMove::new(deal, to, index), None);
    }

    fn cancel(&self, ctx: BoardCtx, announce: bool) {
        let was_active = self.s().borrow().active;
        let deal = self.s().borrow().deal;
        self.finish();
        if was_active && announce {
            let i18n = ctx.i18n;
            ctx.announce
                .set(t_string!(i18n, board.move_cancelled).to_string());
        }
        // The drag took focus off the card: give it back.
        if let Some(deal) = deal.filter(|_| was_active) {
            crate::ui::focus::focus_card(deal);
        }
    }

    fn finish(&self) {
        let s = self.s();
        let mut s = s.borrow_mut();
        s.hold = None;
        s.scroll = None;
        for h in s.listeners.drain(..) {
            h.remove();
        }
        s.deal = None;
        s.active = false;
        s.over = None;
        clear_marks();
        // The body's drag cursor goes a frame after the drop: taking the class off restyles the
        // whole page (an inherited property), which would otherwise fall in the drop's frame.
        let ctl = *self;
        request_animation_frame(move || {
            request_animation_frame(move || {
                if ctl.s().borrow().deal.is_none() {
                    if let Some(list) = document().body().map(|b| b.class_list()) {
                        list.remove_1("dragging-active").ok();
                    }
                }
            })
        });
        if let Some(ghost) = self.ghost.get_untracked() {
            ghost.set_inner_html("");
            let _ = web_sys::HtmlElement::style(&ghost).set_property("display", "none");
            let _ = ghost.class_list().remove_1("active");
        }
    }
}

impl Default for DragCtl {
    fn default() -> Self {
        DragCtl::new()
    }
}

/// The floating copy of the dragged card.
#[component]
pub fn Ghost() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    view! {
        <div
            class="drag-ghost"
            aria-hidden="true"
            node_ref=ctx.drag.ghost
            style="display:none"
        ></div>
    }
}
