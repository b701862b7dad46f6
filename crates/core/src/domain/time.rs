//! Time as the user's wall clock: a [`Stamp`] is whole minutes since 1970-01-01 00:00 local
//! time. Commands carry the stamp they happen at, so applying a command is a pure function.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

/// A moment, in whole minutes since the epoch, on the user's wall clock.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Stamp(pub i64);

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch is a valid date")
}

impl Stamp {
    /// The stamp of a wall-clock date and time (seconds are dropped).
    pub fn from_datetime(at: NaiveDateTime) -> Stamp {
        let days = (at.date() - epoch()).num_days();
        Stamp(days * 1440 + i64::from(at.hour()) * 60 + i64::from(at.minute()))
    }

    /// Midnight at the start of `day`.
    pub fn at_midnight(day: NaiveDate) -> Stamp {
        Stamp((day - epoch()).num_days() * 1440)
    }

    /// The calendar day this moment falls on.
    pub fn date(self) -> NaiveDate {
        epoch() + Duration::days(self.0.div_euclid(1440))
    }

    /// The wall-clock date and time.
    pub fn datetime(self) -> NaiveDateTime {
        let minutes = self.0.rem_euclid(1440);
        self.date()
            .and_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0)
            .expect("minutes of a day form a valid time")
    }

    /// This moment plus whole minutes.
    pub fn plus_minutes(self, minutes: i64) -> Stamp {
        Stamp(self.0 + minutes)
    }

    /// Whole days from `self` to `later` (0 when `later` is earlier).
    pub fn days_until(self, later: Stamp) -> i64 {
        (later.date() - self.date()).num_days().max(0)
    }
}

/// A calendar day as chrono writes it, `YYYY-MM-DD` (a year past 9999 or before 0 with its
/// sign, `+12026-05-15`), also with a one-digit month or day; `None` for anything else, and for
/// a day that does not exist. Whatever it reads, chrono's `NaiveDate::from_str` reads the same
/// (a property test checks it); chrono's own parser is not used: it took a tenth of an import
/// of 10,000 deals and several kilobytes of the wasm.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let (sign, unsigned) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let mut parts = unsigned.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|c| c.is_ascii_digit()))
            .then(|| part.parse::<i32>().ok())
            .flatten()
    };
    // An unsigned year has four digits; a signed one may have more (chrono's range is ±262,143).
    let year_digits = if unsigned.len() == text.len() {
        4..=4
    } else {
        4..=6
    };
    NaiveDate::from_ymd_opt(
        sign * number(year, year_digits)?,
        number(month, 1..=2)? as u32,
        number(day, 1..=2)? as u32,
    )
}

/// Serde for an optional calendar day as `"YYYY-MM-DD"`, read by [`parse_day`].
pub mod opt_day {
    use chrono::NaiveDate;
    use serde::de::{self, Deserializer, Visitor};
    use serde::Serializer;
    use std::fmt;

    /// Writes the day as chrono does (`2026-05-15`).
    pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    /// Reads a day or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(OptDay)
    }

    struct OptDay;

    impl<'de> Visitor<'de> for OptDay {
        type Value = Option<NaiveDate>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date YYYY-MM-DD or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            super::parse_day(s)
                .map(Some)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
        }
    }
}

/// The number of days in `date`'s year, 365 or 366.
pub fn days_in_year(year: i32) -> i64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// The first day of the month of `date`.
pub fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("day 1 exists in every month")
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Dated {
        #[serde(default, with = "super::opt_day")]
        day: Option<NaiveDate>,
    }

    #[test]
    fn days_read_and_write_as_chrono_does() {
        for text in ["2026-05-15", "0001-01-01", "9999-12-31", "2024-02-29"] {
            let json = format!(r#"{{"day":"{text}"}}"#);
            let ours: Dated = serde_json::from_str(&json).unwrap();
            assert_eq!(ours.day, Some(text.parse().unwrap()));
            assert_eq!(serde_json::to_string(&ours).unwrap(), json);
        }
        // Forms chrono reads still read (files written by hand).
        for text in ["+12026-05-15", "2026-5-15"] {
            let json = format!(r#"{{"day":"{text}"}}"#);
            let ours: Dated = serde_json::from_str(&json).unwrap();
            assert_eq!(ours.day, text.parse().ok());
        }
        let none: Dated = serde_json::from_str(r#"{"day":null}"#).unwrap();
        assert_eq!(none.day, None);
        let absent: Dated = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.day, None);
        for bad in [
            r#"{"day":"2026-02-30"}"#,
            r#"{"day":"15.05.2026"}"#,
            r#"{"day":20260515}"#,
        ] {
            assert!(serde_json::from_str::<Dated>(bad).is_err(), "{bad}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// What `parse_day` reads, chrono reads as the same day; in the forms it claims
        /// (a four-digit year, or a signed one of four to six digits) it misses nothing chrono
        /// reads, including days that do not exist, which neither reads.
        #[test]
        fn parse_day_agrees_with_chrono(
            sign in prop::sample::select(vec!["", "+", "-"]),
            year in 0u32..300_000,
            year_width in 1usize..7,
            month in 0u32..14,
            month_width in 1usize..3,
            day in 0u32..33,
            day_width in 1usize..3,
        ) {
            let year_text = format!("{year:0year_width$}");
            let text = format!("{sign}{year_text}-{month:0month_width$}-{day:0day_width$}");
            let ours = parse_day(&text);
            let chrono = text.parse::<NaiveDate>().ok();
            if ours.is_some() {
                prop_assert_eq!(ours, chrono);
            }
            let claimed = if sign.is_empty() {
                year_text.len() == 4
            } else {
                (4..=6).contains(&year_text.len())
            };
            if claimed {
                prop_assert_eq!(ours, chrono);
            }
        }

        /// Every day chrono writes reads back.
        #[test]
        fn parse_day_reads_what_chrono_writes(days in -3_000_000i32..3_000_000) {
            let day = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            prop_assert_eq!(parse_day(&day.to_string()), Some(day));
        }
    }

    #[test]
    fn parse_day_refuses_other_text() {
        for text in [
            "",
            "2026",
            "2026-05",
            "2026-05-15-1",
            " 2026-05-15",
            "2026-05-15 ",
            "15.05.2026",
            "2026/05/15",
            "2026-005-15",
            "+-2026-05-15",
            "2026-02-30",
        ] {
            assert_eq!(parse_day(text), None, "{text:?}");
        }
    }

    #[test]
    fn stamps_round_trip_through_wall_clock_time() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 27)
            .unwrap()
            .and_hms_opt(9, 45, 30)
            .unwrap();
        let s = Stamp::from_datetime(at);
        assert_eq!(s.datetime(), at.with_second(0).unwrap());
        assert_eq!(s.date(), at.date());
        let before_epoch = NaiveDate::from_ymd_opt(1969, 12, 31).unwrap();
        assert_eq!(Stamp::at_midnight(before_epoch).date(), before_epoch);
    }

    #[test]
    fn days_until_counts_calendar_days() {
        let a = Stamp::from_datetime(
            NaiveDate::from_ymd_opt(2026, 1, 1)
                .unwrap()
                .and_hms_opt(23, 59, 0)
                .unwrap(),
        );
        assert_eq!(a.days_until(a.plus_minutes(1)), 1);
        assert_eq!(a.plus_minutes(1).days_until(a), 0);
        assert_eq!(days_in_year(2028), 366);
        assert_eq!(days_in_year(2026), 365);
    }
}
