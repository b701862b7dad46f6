//! Cell values as CRMs write them: amounts with any grouping and decimal separator, dates in
//! the portals' formats, yes/no, deal status, currency names.

use crate::domain::{Currency, Money, StageKind, Stamp};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// How a date written with slashes is read: `05/03/2026`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Day first (`DD/MM/YYYY`).
    #[default]
    DayFirst,
    /// Month first (`MM/DD/YYYY`, US portals).
    MonthFirst,
}

/// Why a cell could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    /// Not a number.
    NotANumber,
    /// Below zero.
    Negative,
    /// Not a date in any known format.
    NotADate,
}

/// Reads an amount in major units into minor units: `1 250 000,50`, `1,250,000.50`,
/// `1250000`, `12 500 ₽`, `$1,200`. Spaces, no-break spaces and apostrophes group digits; the
/// last `,` or `.` followed by one or two digits is the decimal separator.
pub fn amount(cell: &str) -> Result<Money, ValueError> {
    let trimmed = cell
        .trim()
        .trim_matches(|c: char| c.is_alphabetic() || "₽$€£¥.".contains(c) || c.is_whitespace());
    // `руб.` and `р.` leave the dot of the abbreviation: trimmed above along with letters.
    if trimmed.starts_with('-') || trimmed.starts_with('(') || trimmed.starts_with('−') {
        return Err(ValueError::Negative);
    }
    let s: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(ValueError::NotANumber);
    }
    let (whole, fraction) = split_decimal(&s).ok_or(ValueError::NotANumber)?;
    if whole.is_empty() && fraction.is_empty() {
        return Err(ValueError::NotANumber);
    }
    let units: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ValueError::NotANumber)?
    };
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => {
            fraction
                .parse::<i64>()
                .map_err(|_| ValueError::NotANumber)?
                * 10
        }
        _ => fraction[..2].parse().map_err(|_| ValueError::NotANumber)?,
    };
    // More than two decimals only when the rest are zeros: nothing is rounded away silently.
    if fraction.len() > 2 && fraction[2..].chars().any(|c| c != '0') {
        return Err(ValueError::NotANumber);
    }
    units
        .checked_mul(100)
        .and_then(|m| m.checked_add(cents))
        .map(Money)
        .ok_or(ValueError::NotANumber)
}

/// Splits digits with separators into the whole part (separators removed) and the fraction.
fn split_decimal(s: &str) -> Option<(String, String)> {
    let last = s.rfind([',', '.']);
    let Some(at) = last else {
        return Some((s.to_string(), String::new()));
    };
    let sep = s.as_bytes()[at] as char;
    let after = &s[at + 1..];
    let before = &s[..at];
    let seps_before = before.chars().filter(|c| *c == ',' || *c == '.').count();
    let same_before = before.contains(sep);
    // `1,234,567` or `1.234` with a group of three and the same separator (or none) before:
    // grouping. Otherwise the last separator is the decimal one.
    let grouping = after.len() == 3
        && (same_before
            || (seps_before == 0 && (1..=3).contains(&before.len()) && !before.starts_with('0')));
    if grouping {
        if before.contains(if sep == ',' { '.' } else { ',' }) {
            return None;
        }
        return Some((s.replace(sep, ""), String::new()));
    }
    if before.contains(sep) {
        return None;
    }
    let whole: String = before.chars().filter(char::is_ascii_digit).collect();
    // The other separator groups the whole part in threes.
    if seps_before > 0 && !before.split([',', '.']).skip(1).all(|g| g.len() == 3) {
        return None;
    }
    Some((whole, after.to_string()))
}

/// Reads a date, with an optional time: `27.11.2026`, `27.11.2026 14:05:00`, `2026-11-27`,
/// `2026-11-27T14:05:00Z`, `11/27/2026 02:05:00 pm` (slashes read in `order`).
pub fn date_time(cell: &str, order: DateOrder) -> Result<NaiveDateTime, ValueError> {
    let cell = cell.trim();
    let (date_part, time_part) = match cell.split_once([' ', 'T']) {
        Some((d, t)) => (d, t.trim()),
        None => (cell, ""),
    };
    let date = day(date_part, order).ok_or(ValueError::NotADate)?;
    let time = if time_part.is_empty() {
        NaiveTime::MIN
    } else {
        time(time_part).ok_or(ValueError::NotADate)?
    };
    Ok(date.and_time(time))
}

/// A date as a [`Stamp`].
pub fn stamp(cell: &str, order: DateOrder) -> Result<Stamp, ValueError> {
    date_time(cell, order).map(Stamp::from_datetime)
}

fn day(s: &str, order: DateOrder) -> Option<NaiveDate> {
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let year = |p: &str| -> Option<i32> {
        let y = num(p)? as i32;
        match p.len() {
            4 => Some(y),
            2 => Some(2000 + y),
            _ => None,
        }
    };
    let parts: Vec<&str>;
    let (y, m, d) = if s.contains('-') {
        parts = s.split('-').collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => (year(y)?, num(m)?, num(d)?),
            _ => return None,
        }
    } else if s.contains('.') {
        parts = s.split('.').collect();
        match parts.as_slice() {
            [d, m, y] => (year(y)?, num(m)?, num(d)?),
            _ => return None,
        }
    } else if s.contains('/') {
        parts = s.split('/').collect();
        match (parts.as_slice(), order) {
            ([a, b, y], DateOrder::DayFirst) => (year(y)?, num(b)?, num(a)?),
            ([a, b, y], DateOrder::MonthFirst) => (year(y)?, num(a)?, num(b)?),
            _ => return None,
        }
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

fn time(s: &str) -> Option<NaiveTime> {
    let lower = crate::text::fold_case(s);
    let (clock, meridiem) = if let Some(c) = lower.strip_suffix("am") {
        (c.trim(), Some(false))
    } else if let Some(c) = lower.strip_suffix("pm") {
        (c.trim(), Some(true))
    } else {
        (lower.trim_end_matches('z').trim(), None)
    };
    // An offset or fraction after the seconds (`14:05:00.000+03:00`) is dropped: the file's
    // wall-clock time is what the user saw in their CRM.
    let clock = clock.split(['+', '.']).next().unwrap_or(clock);
    let parts: Vec<u32> = clock
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    let h = match meridiem {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    NaiveTime::from_hms_opt(h, m, sec)
}

/// Whether slash dates in these cells must be day first (`true`), month first (`false`), or
/// could be either (`None`: every one has both numbers at most 12, or there are none).
pub fn slash_order(cells: impl Iterator<Item = impl AsRef<str>>) -> Option<DateOrder> {
    for cell in cells {
        let cell = cell.as_ref().trim();
        let date = cell.split([' ', 'T']).next().unwrap_or("");
        let parts: Vec<u32> = date.split('/').filter_map(|p| p.parse().ok()).collect();
        if let [a, b, _] = parts.as_slice() {
            if *a > 12 {
                return Some(DateOrder::DayFirst);
            }
            if *b > 12 {
                return Some(DateOrder::MonthFirst);
            }
        }
    }
    None
}

/// Yes or no (`Да`/`Нет`, `Y`/`N`, `yes`/`no`, `1`/`0`, `true`/`false`); `None` otherwise.
pub fn yes_no(cell: &str) -> Option<bool> {
    match crate::text::fold_case(cell.trim()).as_str() {
        "да" | "y" | "yes" | "1" | "true" | "д" => Some(true),
        "нет" | "n" | "no" | "0" | "false" | "н" => Some(false),
        _ => None,
    }
}

/// A deal status (`won`, `Выиграна`, `Сделка успешна`, `lost`, `Проиграна`, `open`, `В
/// работе`…), or `None` when the cell says none of these.
pub fn status(cell: &str) -> Option<StageKind> {
    let c = crate::text::fold_case(cell.trim());
    if c.is_empty() {
        return None;
    }
    match c.as_str() {
        "open" | "active" | "в работе" | "открыта" | "открыто" | "активна" | "deleted" => {
            return Some(StageKind::Open)
        }
        _ => {}
    }
    stage_kind_by_name(&c)
}

/// The kind a stage's name says it is: Bitrix24's «Сделка успешна» / "Deal won", amoCRM's
/// «Успешно реализовано» / «Закрыто и не реализовано», and the like; `None` for a name that
/// says nothing about closing.
pub fn stage_kind_by_name(name: &str) -> Option<StageKind> {
    let n = crate::text::fold_case(name.trim());
    const LOST: [&str; 10] = [
        "не реализ",
        "провал",
        "проигр",
        "отказ",
        "потерян",
        "lost",
        "failed",
        "failure",
        "closed lost",
        "junk",
    ];
    const WON: [&str; 8] = [
        "успеш",
        "выигр",
        "won",
        "реализовано",
        "closed won",
        "win",
        "оплачено",
        "success",
    ];
    // Lost first: «Закрыто и не реализовано» contains «реализовано».
    if LOST.iter().any(|w| n.contains(w)) {
        Some(StageKind::Lost)
    } else if WON.iter().any(|w| n.contains(w)) {
        Some(StageKind::Won)
    } else {
        None
    }
}

/// The currency a cell names (`RUB`, «Российский рубль», «руб.», `$`, "US Dollar", «Евро»…).
pub fn currency(cell: &str) -> Option<Currency> {
    let c = crate::text::fold_case(cell.trim());
    if c.is_empty() {
        return None;
    }
    if c == "rub"
        || c == "rur"
        || c.contains("рубл")
        || c.starts_with("руб")
        || c == "₽"
        || c == "р."
    {
        Some(Currency::Rub)
    } else if c == "usd" || c == "$" || c.contains("dollar") || c.contains("доллар") {
        Some(Currency::Usd)
    } else if c == "eur" || c == "€" || c.contains("euro") || c.contains("евро") {
        Some(Currency::Eur)
    } else {
        None
    }
}
