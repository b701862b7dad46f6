//! The UI language: the user's remembered choice, else the browser's language.

use crate::i18n::Locale;

/// The locale for a remembered choice (`"ru"`, `"en"`) or, without one, for the browser's
/// preferred languages in order. Russian for any `ru*` tag, English otherwise.
pub fn choose_locale<'a>(
    stored: Option<&str>,
    browser: impl IntoIterator<Item = &'a str>,
) -> Locale {
    if let Some(locale) = stored.and_then(parse) {
        return locale;
    }
    browser
        .into_iter()
        .find_map(|tag| {
            let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
            parse(&primary)
        })
        .unwrap_or(Locale::en)
}

/// The locale named by a language code.
pub fn parse(code: &str) -> Option<Locale> {
    match code.trim().to_ascii_lowercase().as_str() {
        "ru" => Some(Locale::ru),
        "en" => Some(Locale::en),
        _ => None,
    }
}

/// The code a locale is remembered by.
pub fn code(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en",
        Locale::ru => "ru",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_choice_wins_over_the_browser() {
        assert_eq!(choose_locale(Some("ru"), ["en-US"]), Locale::ru);
        assert_eq!(choose_locale(Some("en"), ["ru-RU"]), Locale::en);
    }

    #[test]
    fn browser_languages_are_tried_in_order() {
        assert_eq!(choose_locale(None, ["ru-RU", "en"]), Locale::ru);
        assert_eq!(choose_locale(None, ["de-DE", "ru"]), Locale::ru);
        assert_eq!(choose_locale(None, ["de-DE", "fr"]), Locale::en);
        assert_eq!(choose_locale(Some("xx"), ["RU"]), Locale::ru);
        assert_eq!(choose_locale(None, []), Locale::en);
    }
}
