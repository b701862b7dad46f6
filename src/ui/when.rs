//! [`When`]: Leptos's `Show` with its types erased.
//!
//! `Show` is generic over its condition and its children, so each of its thirty uses was a copy
//! of its code, its memo and the renderer's code for what it draws. [`When`] takes the condition
//! and the children boxed, so one copy of `Show` serves them all.

use leptos::prelude::*;
use std::sync::Arc;

/// What decides whether [`When`] shows its children: any `Fn() -> bool`, boxed.
pub struct Cond(Arc<dyn Fn() -> bool + Send + Sync>);

impl<F: Fn() -> bool + Send + Sync + 'static> From<F> for Cond {
    fn from(f: F) -> Self {
        Cond(Arc::new(f))
    }
}

/// Shows its children while `when` holds, `fallback` otherwise (as `Show` does: the condition
/// is memoized, so the children are drawn again only when it flips).
#[component]
pub fn When(
    /// The condition, read reactively.
    #[prop(into)]
    when: Cond,
    /// What is shown while the condition holds.
    children: ChildrenFn,
    /// What is shown otherwise (nothing by default).
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView {
    let when = when.0;
    view! {
        <Show when=move || when() fallback=fallback>
            {children()}
        </Show>
    }
}
