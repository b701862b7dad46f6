//! A time zone by its IANA name, read through `Intl.DateTimeFormat` (no zone data in the wasm).

use crate::domain::Stamp;
use chrono::{NaiveDateTime, TimeZone};
use wasm_bindgen::{JsCast, JsValue};

/// A time zone the browser knows, and its formatter of wall-clock parts.
pub struct Zone {
    pub name: String,
    format: js_sys::Intl::DateTimeFormat,
}

impl Zone {
    /// The zone of this IANA name; `None` when the browser does not know it.
    pub fn new(name: &str) -> Option<Zone> {
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).ok()
        };
        set("timeZone", name)?;
        set("hourCycle", "h23")?;
        for part in ["year", "month", "day", "hour", "minute"] {
            set(part, "numeric")?;
        }
        let intl = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
        let class = js_sys::Reflect::get(&intl, &JsValue::from_str("DateTimeFormat")).ok()?;
        let args = js_sys::Array::of2(&JsValue::from_str("en-US"), &options);
        // An unknown zone throws a RangeError: caught here, the browser's zone counts.
        let format =
            js_sys::Reflect::construct(class.dyn_ref::<js_sys::Function>()?, &args).ok()?;
        Some(Zone {
            name: name.to_string(),
            format: format.unchecked_into(),
        })
    }

    /// The zone's wall clock at `ms` milliseconds since 1970 UTC, as a stamp.
    pub fn wall(&self, ms: f64) -> Stamp {
        let parts = self
            .format
            .format_to_parts(&js_sys::Date::new(&JsValue::from_f64(ms)));
        let (mut y, mut mo, mut d, mut h, mut mi) = (1970, 1, 1, 0, 0);
        for part in parts.iter() {
            let get = |k: &str| {
                js_sys::Reflect::get(&part, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            let value = get("value").parse::<i64>().unwrap_or(0);
            match get("type").as_str() {
                "year" => y = value,
                "month" => mo = value,
                "day" => d = value,
                "hour" => h = value % 24,
                "minute" => mi = value,
                _ => {}
            }
        }
        let day =
            chrono::NaiveDate::from_ymd_opt(y as i32, mo as u32, d as u32).unwrap_or_default();
        Stamp::at_midnight(day).plus_minutes(h * 60 + mi)
    }

    /// Minutes since 1970 UTC of a stamp on this zone's wall clock: two steps of the zone's
    /// offset (where the clock went back, one of the two instants; in a gap, one next to it).
    fn utc_minutes(&self, at: Stamp) -> i64 {
        let offset = |utc: i64| self.wall(utc as f64 * 60_000.0).0 - utc;
        let guess = at.0 - offset(at.0);
        at.0 - offset(guess)
    }

    /// The viewer's wall clock at the moment `at` names on this zone's.
    pub fn to_local(&self, at: Stamp) -> NaiveDateTime {
        chrono::Local
            .timestamp_opt(self.utc_minutes(at) * 60, 0)
            .earliest()
            .map(|t| t.naive_local())
            .unwrap_or_else(|| at.datetime())
    }
}
