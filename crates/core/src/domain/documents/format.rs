//! Figures as documents print them: amounts always with their kopecks, digits grouped,
//! quantities without trailing zeros, dates in words.

use super::lines::Quantity;
use crate::domain::{Lang, Money};
use chrono::{Datelike, NaiveDate};

/// `1 200,05` in Russian (a no-break space between groups), `1,200.05` in English; a minus
/// sign in front of a negative amount.
pub fn amount(money: Money, lang: Lang) -> String {
    let (group, point) = match lang {
        Lang::Ru => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let minor = money.0.unsigned_abs();
    let mut out = grouped(minor / 100, group);
    out.push(point);
    out.push_str(&format!("{:02}", minor % 100));
    if money.0 < 0 {
        out.insert(0, '-');
    }
    out
}

/// `2`, `1,5`, `0,125` in Russian; `2`, `1.5`, `0.125` in English.
pub fn quantity(quantity: Quantity, lang: Lang) -> String {
    let point = match lang {
        Lang::Ru => ',',
        Lang::En => '.',
    };
    let thousandths = quantity.0.unsigned_abs();
    let scale = Quantity::SCALE.unsigned_abs();
    let mut out = grouped(
        thousandths / scale,
        match lang {
            Lang::Ru => '\u{a0}',
            Lang::En => ',',
        },
    );
    let fraction = thousandths % scale;
    if fraction != 0 {
        let digits = format!("{fraction:03}");
        out.push(point);
        out.push_str(digits.trim_end_matches('0'));
    }
    if quantity.0 < 0 {
        out.insert(0, '-');
    }
    out
}

/// «4 декабря 2026 г.» / "December 4, 2026".
pub fn date(day: NaiveDate, lang: Lang) -> String {
    const RU: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = day.month0() as usize;
    match lang {
        Lang::Ru => format!("{} {} {} г.", day.day(), RU[month], day.year()),
        Lang::En => format!("{} {}, {}", EN[month], day.day(), day.year()),
    }
}

/// Digits in groups of three from the right.
fn grouped(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_their_kopecks_and_group_digits() {
        assert_eq!(amount(Money(120_005), Lang::Ru), "1\u{a0}200,05");
        assert_eq!(amount(Money(120_005), Lang::En), "1,200.05");
        assert_eq!(amount(Money(0), Lang::Ru), "0,00");
        assert_eq!(amount(Money(-5), Lang::En), "-0.05");
        assert_eq!(
            amount(Money(12_345_678_900), Lang::Ru),
            "123\u{a0}456\u{a0}789,00"
        );
        assert_eq!(amount(Money(100_000), Lang::En), "1,000.00");
    }

    #[test]
    fn quantities_drop_trailing_zeros() {
        assert_eq!(quantity(Quantity(2000), Lang::Ru), "2");
        assert_eq!(quantity(Quantity(1500), Lang::Ru), "1,5");
        assert_eq!(quantity(Quantity(125), Lang::En), "0.125");
        assert_eq!(quantity(Quantity(1_000_010), Lang::En), "1,000.01");
    }

    #[test]
    fn dates_in_words() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(date(day, Lang::Ru), "4 декабря 2026 г.");
        assert_eq!(date(day, Lang::En), "December 4, 2026");
        let may = NaiveDate::from_ymd_opt(2027, 5, 21).unwrap();
        assert_eq!(date(may, Lang::Ru), "21 мая 2027 г.");
    }
}
