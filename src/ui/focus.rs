//! Keyboard focus that follows the user's action to where it landed.

use crate::domain::DealId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to a deal's card once it is drawn (after a move, a new deal, the
/// editor closing). A card that is not drawn (filtered out) leaves focus where it is.
pub fn focus_card(deal: DealId) {
    // In the frame after the one that shows the change: focusing lays out the page, which
    // would otherwise lengthen the frame the user is waiting for (a drop's, a move's).
    request_animation_frame(move || {
        request_animation_frame(move || {
            let selector = format!("[data-deal=\"{}\"]", deal.0);
            let card = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(card) = card {
                // Focusing an element that is in the document cannot fail.
                card.focus().ok();
            }
        })
    });
}
