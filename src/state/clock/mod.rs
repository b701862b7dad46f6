//! The user's clock, read once per action and passed into commands.
//!
//! Alone, a stamp is the browser's wall clock. In a team, it is the wall clock of the team's
//! zone (`settings.zone`, set when the head of sales creates the team), so that a deal won at
//! 23:30 in Moscow and one won at 06:30 the next morning in Vladivostok at the same instant
//! fall on the same day and in the same month for everybody; a time of day is shown in the
//! viewer's own zone ([`shown`]). The zone's wall clock is read with `Intl.DateTimeFormat`
//! (no time-zone data in the wasm).

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
        let tick = gloo_timers::callback::Interval::new(60_000, move || today.refresh());
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

    /// Reads today again (each minute, and when the clock's zone changed).
    pub fn refresh(self) {
        let now = self::today();
        if self.0.get_untracked() != now {
            self.0.set(now);
        }
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

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LAST: std::cell::Cell<Option<(f64, Stamp, NaiveDate)>> = const { std::cell::Cell::new(None) };
    static TEAM_ZONE: std::cell::RefCell<Option<zone::Zone>> = const { std::cell::RefCell::new(None) };
}

/// Counts stamps in the team's zone (`Some`, an IANA name) or the browser's (`None`, or a zone
/// the browser does not know, or the browser's own). Returns whether the clock changed.
pub fn set_team_zone(name: Option<&str>) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let name = name.filter(|n| !n.is_empty() && *n != self::zone());
        let changed = TEAM_ZONE.with(|z| {
            let mut z = z.borrow_mut();
            if z.as_ref().map(|z| z.name.as_str()) == name {
                return false;
            }
            *z = name.and_then(zone::Zone::new);
            true
        });
        if changed {
            LAST.with(|last| last.set(None));
        }
        changed
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        false
    }
}

/// The wall-clock date and time a stamp shows in the viewer's zone: the stamp itself alone or
/// in a team of the browser's zone; else converted from the team's zone.
pub fn shown(at: Stamp) -> chrono::NaiveDateTime {
    #[cfg(target_arch = "wasm32")]
    {
        TEAM_ZONE.with(|z| match z.borrow().as_ref() {
            Some(zone) => zone.to_local(at),
            None => at.datetime(),
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        at.datetime()
    }
}

/// Now and today, read from the browser at most once a second: a board draws a hundred cards
/// in one go and each asks, while a reading of the local time costs several calls into JS.
#[cfg(target_arch = "wasm32")]
fn wall_clock() -> (Stamp, NaiveDate) {
    let ms = js_sys::Date::now();
    LAST.with(|last| match last.get() {
        Some((at, stamp, date)) if (0.0..1000.0).contains(&(ms - at)) => (stamp, date),
        _ => {
            let team = TEAM_ZONE.with(|z| z.borrow().as_ref().map(|z| z.wall(ms)));
            let read = match team {
                Some(stamp) => (stamp, stamp.date()),
                None => {
                    let local = Local::now();
                    (
                        Stamp::from_datetime(local.naive_local()),
                        local.date_naive(),
                    )
                }
            };
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

#[cfg(target_arch = "wasm32")]
mod zone;

/// Converts a team's stamps from zone `from` to zone `to` (IANA names; an empty or unknown
/// `from` is the browser's zone): one moment to the same moment. `None` when the browser does
/// not know `to` (and always outside the browser).
pub fn zone_shift(from: &str, to: &str) -> Option<ZoneShift> {
    #[cfg(target_arch = "wasm32")]
    {
        let from = zone::Zone::new(from).or_else(|| zone::Zone::new(&self::zone()))?;
        Some(ZoneShift(zone::Shift::new(from, zone::Zone::new(to)?)))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (from, to);
        None
    }
}

/// A conversion of stamps from one zone to another (see [`zone_shift`]).
pub struct ZoneShift(#[cfg(target_arch = "wasm32")] zone::Shift);

impl ZoneShift {
    /// `at` on the new zone's wall clock.
    pub fn apply(&self, at: Stamp) -> Stamp {
        #[cfg(target_arch = "wasm32")]
        {
            self.0.apply(at)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            at
        }
    }
}

/// Every IANA zone the browser knows, in its order (empty outside the browser).
pub fn known_zones() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        zone::known()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Vec::new()
    }
}
