//! The user's clock, read once per action and passed into commands.

use crate::domain::Stamp;
use chrono::{Datelike, Local, NaiveDate, Timelike, Utc};

/// Now, on the user's wall clock.
pub fn now() -> Stamp {
    Stamp::from_datetime(Local::now().naive_local())
}

/// Today's date on the user's wall clock.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Now as RFC 3339 UTC, for `saved_at`.
pub fn saved_at() -> String {
    // Formatted by hand: chrono's formatter would add kilobytes to the wasm for one string.
    let t = Utc::now().naive_utc();
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
