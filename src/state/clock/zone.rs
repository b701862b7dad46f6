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

/// The same moment on another zone's wall clock: a team's stamps moved to a new zone. The
/// zones' difference is read once per hour of stamps (at its first and last minute; within an
/// hour where they differ, the clock changed: that stamp is converted by itself).
pub struct Shift {
    from: Zone,
    to: Zone,
    hours: std::cell::RefCell<std::collections::HashMap<i64, Option<i64>>>,
}

impl Shift {
    /// From zone `from` to zone `to`.
    pub fn new(from: Zone, to: Zone) -> Shift {
        Shift {
            from,
            to,
            hours: Default::default(),
        }
    }

    fn exact(&self, at: Stamp) -> i64 {
        let utc = self.from.utc_minutes(at);
        self.to.wall(utc as f64 * 60_000.0).0 - at.0
    }

    /// `at` on the old zone's wall clock, on the new one's.
    pub fn apply(&self, at: Stamp) -> Stamp {
        let hour = at.0.div_euclid(60);
        let known = self.hours.borrow().get(&hour).copied();
        let delta = known.unwrap_or_else(|| {
            let (a, b) = (
                self.exact(Stamp(hour * 60)),
                self.exact(Stamp(hour * 60 + 59)),
            );
            let delta = (a == b).then_some(a);
            self.hours.borrow_mut().insert(hour, delta);
            delta
        });
        Stamp(at.0 + delta.unwrap_or_else(|| self.exact(at)))
    }
}

/// Every IANA zone the browser knows (`Intl.supportedValuesOf`), empty when it cannot say.
pub fn known() -> Vec<String> {
    let list = (|| {
        let intl = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
        let of = js_sys::Reflect::get(&intl, &JsValue::from_str("supportedValuesOf")).ok()?;
        let of = of.dyn_ref::<js_sys::Function>()?;
        of.call1(&intl, &JsValue::from_str("timeZone")).ok()
    })();
    list.map(|l| {
        js_sys::Array::from(&l)
            .iter()
            .filter_map(|z| z.as_string())
            .collect()
    })
    .unwrap_or_default()
}
