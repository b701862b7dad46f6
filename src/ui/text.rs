//! A plain message on screen that follows the chosen language.
//!
//! Leptos's `t!` makes each message a closure type of its own, and each closure type gets its
//! own copy of the renderer's code (build, rebuild, render effect): 200 messages, 200 copies.
//! [`message`] is one function, so every message shares one copy; `tr!` is its call.
//!
//! A message with values holds them as `{name}` in `locales/*.json`, a plain text to
//! leptos_i18n, and [`fill`] writes them in (`msg!`, and the count messages of `ui::counts`):
//! leptos_i18n's own `{{ name }}` made each such text a formatter of its own in the wasm.
//! `tests/messages_filled.rs` checks that every call gives exactly the values its texts name.

use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::fmt::{Display, Write};

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

/// `text` with each `{name}` replaced by its value in `values`; a name with no value is left
/// as it is. The values are written straight into the result (no string of their own).
pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                // Writing into a String cannot fail.
                write!(out, "{v}").expect("a String takes any text");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `msg_in!(locale, key, name = value, …)`: the message at that key in `locale` with each
/// `{name}` replaced by its value (anything `Display`, borrowed).
macro_rules! msg_in {
    ($locale:expr, $($path:ident).+ $(, $var:ident = $value:expr)* $(,)?) => {{
        let locale = $locale;
        $crate::ui::text::fill(
            $crate::i18n::td_string!(locale, $($path).+),
            &[$((stringify!($var), &$value as &dyn ::std::fmt::Display)),*],
        )
    }};
}
pub(crate) use msg_in;

/// `msg!(i18n, key, name = value, …)`: as [`msg_in!`], in the current language (read
/// reactively, as `t_string!` does).
macro_rules! msg {
    ($i18n:expr, $($rest:tt)+) => {
        $crate::ui::text::msg_in!($i18n.get_locale(), $($rest)+)
    };
}
pub(crate) use msg;

#[cfg(test)]
mod fill_tests {
    use super::fill;

    #[test]
    fn writes_each_named_value_in() {
        assert_eq!(
            fill("{n} of {total} ({n})", &[("n", &5), ("total", &"1 000")]),
            "5 of 1 000 (5)"
        );
    }

    #[test]
    fn leaves_unknown_names_and_stray_braces_as_they_are() {
        assert_eq!(fill("{x} {n} { } {", &[("n", &2)]), "{x} 2 { } {");
        assert_eq!(fill("no values", &[]), "no values");
    }
}
