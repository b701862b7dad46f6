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
    use super::*;

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
