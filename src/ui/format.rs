//! Numbers, money and dates in the UI language's formats: `1 250 000 ₽` and `27.11.2026` in
//! Russian, `₽1,250,000` and `Nov 27, 2026` in English.

use crate::domain::{Currency, Money};
use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};

/// The language of new content (templates, demo data) for the UI's locale.
pub fn content_lang(locale: Locale) -> crate::domain::Lang {
    match locale {
        Locale::ru => crate::domain::Lang::Ru,
        Locale::en => crate::domain::Lang::En,
    }
}

/// A user's text isolated from what surrounds it (FSI … PDI), for places where an element
/// cannot do it (`<option>` text, strings joined into one): an unterminated right-to-left
/// override in a name must not reverse the counts after it.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// An integer with the locale's digit grouping (narrow no-break space in Russian).
pub fn integer(locale: Locale, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match locale {
        Locale::ru => '\u{202f}',
        Locale::en => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A whole percent: `40%` in English, `40 %` (narrow no-break space) in Russian.
pub fn percent(locale: Locale, n: u64) -> String {
    match locale {
        Locale::ru => format!("{n}\u{202f}%"),
        Locale::en => format!("{n}%"),
    }
}

/// An amount in whole units (kopecks shown only when there are any).
pub fn money(locale: Locale, currency: Currency, amount: Money) -> String {
    let number = grouped_amount(locale, amount);
    match locale {
        Locale::ru => format!("{number}\u{a0}{}", currency.symbol()),
        Locale::en => format!("{}{number}", currency.symbol()),
    }
}

/// An amount without the currency sign, digits grouped: `1 250 000`, `1,250,000.50`. What
/// a plan cell shows while it is not being typed in; [`parse_money`] reads it back.
pub fn grouped_amount(locale: Locale, amount: Money) -> String {
    let major = amount.0 / 100;
    let minor = (amount.0 % 100).unsigned_abs();
    let mut number = integer(locale, major);
    if amount.0 < 0 && major == 0 {
        number = format!("−{number}");
    }
    if minor != 0 {
        let point = if locale == Locale::ru { ',' } else { '.' };
        number = format!("{number}{point}{minor:02}");
    }
    number
}

/// A month's short name in the locale (`months_short` in `locales/`), 1 = January.
pub fn month_short(locale: Locale, month: u32) -> String {
    use crate::i18n::*;
    match month {
        1 => td_string!(locale, months_short.m1),
        2 => td_string!(locale, months_short.m2),
        3 => td_string!(locale, months_short.m3),
        4 => td_string!(locale, months_short.m4),
        5 => td_string!(locale, months_short.m5),
        6 => td_string!(locale, months_short.m6),
        7 => td_string!(locale, months_short.m7),
        8 => td_string!(locale, months_short.m8),
        9 => td_string!(locale, months_short.m9),
        10 => td_string!(locale, months_short.m10),
        11 => td_string!(locale, months_short.m11),
        _ => td_string!(locale, months_short.m12),
    }
    .to_string()
}

/// ISO date `2026-11-27` (file names).
pub fn iso_date(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A date: `27.11.2026` or `Nov 27, 2026`.
pub fn date(locale: Locale, d: NaiveDate) -> String {
    match locale {
        Locale::ru => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Locale::en => format!(
            "{} {}, {}",
            month_short(locale, d.month()),
            d.day(),
            d.year()
        ),
    }
}

/// Parses an amount typed by a user: `1 250 000`, `1,250,000`, `99,90`, `99.90`, `₽ 15 000`,
/// `−5`. Digits are grouped by threes (spaces of any kind, `,`, `.` or `'`); a last `,` or
/// `.` followed by one or two digits is the decimal mark. `None` for anything else, such as
/// `12,3456` (neither a group of three nor two decimals).
pub fn parse_money(text: &str) -> Option<Money> {
    let unmarked: String = text.chars().filter(|c| !"₽$€".contains(*c)).collect();
    let unmarked = unmarked.trim();
    let (negative, body) = match unmarked.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, unmarked),
    };
    let (int_part, frac_part) = match body.rfind([',', '.']) {
        Some(i) if (1..=2).contains(&(body.len() - i - 1)) => (&body[..i], &body[i + 1..]),
        _ => (body, ""),
    };
    let groups: Vec<&str> = int_part
        .split(|c: char| c == ',' || c == '.' || c == '\'' || c.is_whitespace())
        .collect();
    let grouped_by_threes = groups.len() == 1
        || ((1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3));
    let int_digits = groups.concat();
    if !grouped_by_threes
        || (int_digits.is_empty() && frac_part.is_empty())
        || !int_digits.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let major: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().ok()?
    };
    let minor: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().ok()? * 10,
        _ => frac_part.parse().ok()?,
    };
    let value = major.checked_mul(100)?.checked_add(minor)?;
    Some(Money(if negative { -value } else { value }))
}

/// An amount for an input field: plain digits with the locale's decimal mark.
pub fn money_input(locale: Locale, amount: Money) -> String {
    let major = amount.0 / 100;
    let minor = (amount.0 % 100).unsigned_abs();
    if minor == 0 {
        major.to_string()
    } else {
        let point = if locale == Locale::ru { ',' } else { '.' };
        format!("{major}{point}{minor:02}")
    }
}

/// `v` with two decimals (`12.35`, `-0.50`), written with integer arithmetic: SVG coordinates
/// and CSS pixels without linking the standard library's float formatting into the wasm.
pub fn fixed2(v: f64) -> String {
    let hundredths = (v * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// Sine and cosine from the browser's `Math` in the wasm (the standard library's own add to
/// its size), from the standard library elsewhere (native tests).
pub fn sin_cos(angle: f64) -> (f64, f64) {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Math::sin(angle), js_sys::Math::cos(angle))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        angle.sin_cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_decimals_from_integers() {
        let cases = [
            (0.0, "0.00"),
            (12.345, "12.35"),
            (-0.5, "-0.50"),
            (-0.004, "0.00"),
            (110.0, "110.00"),
            (-1234.5678, "-1234.57"),
        ];
        for (v, want) in cases {
            assert_eq!(fixed2(v), want, "{v}");
        }
        let (sin, cos) = sin_cos(std::f64::consts::FRAC_PI_2);
        assert!((sin - 1.0).abs() < 1e-12 && cos.abs() < 1e-12);
    }

    #[test]
    fn amounts_as_people_type_them() {
        for (text, minor) in [
            ("1 250 000", 125_000_000),
            ("1,250,000", 125_000_000),
            ("1.250.000", 125_000_000),
            ("99,90", 9_990),
            ("99.9", 9_990),
            ("₽ 15 000", 1_500_000),
            ("0", 0),
            ("-5", -500),
            ("−1 250,5", -125_050),
            ("1\u{202f}250\u{202f}000\u{a0}₽", 125_000_000),
            ("1\u{a0}250", 125_000),
            ("$1,234.56", 123_456),
            ("1.234,56", 123_456),
            ("12,34", 1_234),
            ("12,345", 1_234_500),
            ("1'250'000", 125_000_000),
            (",5", 50),
        ] {
            assert_eq!(parse_money(text), Some(Money(minor)), "{text}");
        }
        // `12,3456` is neither grouped by threes nor two decimals: refused, not 123456.
        for bad in [
            "",
            "abc",
            "12a",
            "1,2,3,4x",
            "-",
            "12,3456",
            "1 25 000",
            "12 50",
            "1,2345.00",
            "5,",
            "1.2.3",
        ] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
        assert_eq!(money_input(Locale::ru, Money(9_990)), "99,90");
        assert_eq!(money_input(Locale::en, Money::major(5)), "5");
        // A grouped amount reads back as itself.
        for locale in [Locale::ru, Locale::en] {
            for minor in [0, 5, 1_000_000, 123_456_789, -250_050] {
                let shown = grouped_amount(locale, Money(minor));
                assert_eq!(parse_money(&shown), Some(Money(minor)), "{shown}");
            }
        }
    }

    #[test]
    fn russian_and_english_formats() {
        assert_eq!(integer(Locale::ru, 1_250_000), "1\u{202f}250\u{202f}000");
        assert_eq!(integer(Locale::en, 1_250_000), "1,250,000");
        assert_eq!(integer(Locale::en, 999), "999");
        assert_eq!(integer(Locale::en, -1000), "−1,000");
        assert_eq!(
            money(Locale::ru, Currency::Rub, Money::major(1_250_000)),
            "1\u{202f}250\u{202f}000\u{a0}₽"
        );
        assert_eq!(
            money(Locale::en, Currency::Usd, Money(123_456)),
            "$1,234.56"
        );
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(date(Locale::ru, d), "27.11.2026");
        assert_eq!(date(Locale::en, d), "Nov 27, 2026");
        // Month names come from the locale files.
        assert_eq!(month_short(Locale::en, 5), "May");
        assert_eq!(month_short(Locale::ru, 11), "ноя");
    }
}
