//! A plain message on screen that follows the chosen language.
//!
//! Leptos's `t!` makes each message a closure type of its own, and each closure type gets its
//! own copy of the renderer's code (build, rebuild, render effect): 200 messages, 200 copies.
//! [`message`] is one function, so every message shares one copy; `tr!` is its call.

use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The message `pick` gives for the current language, redrawn when the language changes.
pub fn message(i18n: I18nContext<Locale>, pick: fn(Locale) -> &'static str) -> impl IntoView {
    move || pick(i18n.get_locale())
}

/// `tr!(i18n, views.board)`: the message at that key, as [`message`] draws it.
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::ui::text::message($i18n, |locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}
pub(crate) use tr;
