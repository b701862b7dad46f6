//! The user's clock, read once per action and passed into commands.

use crate::domain::Stamp;
use chrono::{Datelike, Local, NaiveDate, Timelike, Utc};
use leptos::prelude::*;

/// Today's date for views that show something that depends on it (overdue marks, days in a
/// stage, a period's pace, the current period): it moves on at midnight, and after the
/// computer wakes, while the app stays open. Checked every minute.
#[derive(Clone, Copy)]
pub struct Today(RwSignal<NaiveDate>);

impl Today {
    /// Starts the minute check and provides the signal in context; called once, by the app.
    pub fn provide() {
        let today = Today(RwSignal::new(self::today()));
        let tick = gloo_timers::callback::Interval::new(60_000, move || {
            let now = self::today();
            if today.0.get_untracked() != now {
                today.0.set(now);
            }
        });
        // The app's clock for as long as the page lives.
        tick.forget();
        provide_context(today);
    }

    /// Today, tracked: a view reading it draws again at midnight.
    pub fn get(self) -> NaiveDate {
        self.0.get()
    }

    /// Today, not tracked.
    pub fn get_untracked(self) -> NaiveDate {
        self.0.get_untracked()
    }
}

/// The app's [`Today`] (outside the app, e.g. in a component test: a fixed signal of today).
pub fn use_today() -> Today {
    use_context::<Today>().unwrap_or_else(|| Today(RwSignal::new(today())))
}

/// Now, on the user's wall clock.
pub fn now() -> Stamp {
    wall_clock().0
}

/// Today's date on the user's wall clock.
pub fn today() -> NaiveDate {
    wall_clock().1
}

/// Now and today, read from the browser at most once a second: a board draws a hundred cards
/// in one go and each asks, while a reading of the local time costs several calls into JS.
#[cfg(target_arch = "wasm32")]
fn wall_clock() -> (Stamp, NaiveDate) {
    use std::cell::Cell;
    thread_local! {
        static LAST: Cell<Option<(f64, Stamp, NaiveDate)>> = const { Cell::new(None) };
    }
    let ms = js_sys::Date::now();
    LAST.with(|last| match last.get() {
        Some((at, stamp, date)) if (0.0..1000.0).contains(&(ms - at)) => (stamp, date),
        _ => {
            let local = Local::now();
            let read = (
                Stamp::from_datetime(local.naive_local()),
                local.date_naive(),
            );
            last.set(Some((ms, read.0, read.1)));
            read
        }
    })
}

/// Now and today (natively: read every time).
#[cfg(not(target_arch = "wasm32"))]
fn wall_clock() -> (Stamp, NaiveDate) {
    let local = Local::now();
    (
        Stamp::from_datetime(local.naive_local()),
        local.date_naive(),
    )
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

/// The browser's time zone (IANA name, e.g. `Europe/Moscow`; empty when the browser does not
/// say), recorded as a new team's zone.
pub fn zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &wasm_bindgen::JsValue::from_str("timeZone"))
        .ok()
        .and_then(|z| z.as_string())
        .unwrap_or_default()
}
