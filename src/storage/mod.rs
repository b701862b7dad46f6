//! The browser's storage: keys, and small typed accessors over localStorage.

pub mod prefs;

/// Prefix of every key Voronka writes, so that it never touches another app's data.
pub const KEY_PREFIX: &str = "voronka.";
