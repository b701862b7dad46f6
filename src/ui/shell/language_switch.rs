//! The Russian/English switch: two toggle buttons.

use crate::i18n::*;
use crate::state::language::code;
use crate::state::prefs;
use leptos::prelude::*;

/// Switches the UI language; the pressed button is the current language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |locale: Locale, short: &'static str, lang: &'static str| {
        view! {
            <button
                type="button"
                class="lang-button"
                lang=lang
                data-lang=lang
                aria-pressed=move || if i18n.get_locale() == locale { "true" } else { "false" }
                title=move || match locale {
                    Locale::en => t_string!(i18n, language_name.en),
                    Locale::ru => t_string!(i18n, language_name.ru),
                }
                on:click=move |_| {
                    i18n.set_locale(locale);
                    prefs::store_lang(code(locale));
                }
            >
                {short}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || t_string!(i18n, language)>
            {button(Locale::ru, "RU", "ru")}
            {button(Locale::en, "EN", "en")}
        </div>
    }
}
