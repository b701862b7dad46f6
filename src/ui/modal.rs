//! A modal dialog on the native `<dialog>` element: focus is trapped, Escape closes it, and
//! focus goes back where it was when it closes.

use leptos::html;
use leptos::prelude::*;

/// A modal dialog; `on_close` runs on Escape or the backdrop, `title_id` labels it.
#[component]
pub fn Modal(
    /// Id of the element that names the dialog.
    title_id: &'static str,
    /// Called when the user dismisses the dialog.
    on_close: Callback<()>,
    /// Extra class for sizing.
    #[prop(optional)]
    class: &'static str,
    /// The content.
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let previous = document().active_element();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    on_cleanup(move || {
        if let Some(el) =
            previous.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-labelledby=title_id
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }
            on:click=move |ev| {
                let target = event_target::<web_sys::Element>(&ev);
                if target.tag_name().eq_ignore_ascii_case("dialog") {
                    on_close.run(());
                }
            }
        >
            <div class="modal-body">{children()}</div>
        </dialog>
    }
}

/// The row of buttons at the foot of a dialog or form (the first is the main action).
#[component]
pub fn DialogActions(children: Children) -> impl IntoView {
    view! { <div class="form-actions">{children()}</div> }
}
