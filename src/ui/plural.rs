//! Which plural form a count takes (CLDR cardinal categories): Russian one / few / many
//! (1 сделка, 2 сделки, 5 сделок), English one / other. In the browser the browser's own
//! `Intl.PluralRules` answers, so no plural rules or data ship in the wasm (ICU's cost
//! 16.9 KB gzip, measured); natively (tests, benchmarks) ICU4X answers from the same CLDR
//! data.

use crate::i18n::Locale;

/// A CLDR plural category. Every message with a count has one text per category in
/// `locales/*.json` (English repeats its plural text for few and many).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// 1, 21, 101 in Russian; 1 in English.
    One,
    /// 2–4, 22–24 in Russian.
    Few,
    /// 0, 5–20, 25–30, 111 in Russian.
    Many,
    /// Fractions in Russian; everything but 1 in English.
    Other,
}

fn from_name(name: &str) -> Form {
    match name {
        "one" => Form::One,
        "few" => Form::Few,
        "many" => Form::Many,
        _ => Form::Other,
    }
}

fn tag(locale: Locale) -> &'static str {
    match locale {
        Locale::ru => "ru",
        Locale::en => "en",
    }
}

/// The plural form of `count` in `locale`.
#[cfg(target_arch = "wasm32")]
pub fn form(locale: Locale, count: i64) -> Form {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static RULES: RefCell<HashMap<&'static str, js_sys::Intl::PluralRules>> =
            RefCell::new(HashMap::new());
        // Answers already asked: a board asks the same few counts for every card.
        static KNOWN: RefCell<HashMap<(&'static str, i64), Form>> = RefCell::new(HashMap::new());
    }
    let tag = tag(locale);
    if let Some(form) = KNOWN.with(|known| known.borrow().get(&(tag, count)).copied()) {
        return form;
    }
    let form = RULES.with(|rules| {
        let mut rules = rules.borrow_mut();
        let rule = rules.entry(tag).or_insert_with(|| {
            let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(tag));
            js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
        });
        from_name(&String::from(rule.select(count as f64)))
    });
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        // Bounded: counts of money-sized numbers are not worth keeping.
        if known.len() < 4096 {
            known.insert((tag, count), form);
        }
    });
    form
}

/// The plural form of `count` in `locale`.
#[cfg(not(target_arch = "wasm32"))]
pub fn form(locale: Locale, count: i64) -> Form {
    use icu_plurals::{PluralCategory, PluralRules};
    let language: icu_locale_core::Locale = tag(locale).parse().expect("a valid language tag");
    let rules = PluralRules::try_new_cardinal(language.into()).expect("CLDR has en and ru");
    from_name(match rules.category_for(count) {
        PluralCategory::One => "one",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        _ => "other",
    })
}
