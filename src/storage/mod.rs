//! The browser's storage: the core's stored format and persist protocol, over localStorage
//! (`local`), and the user's preferences (`prefs`).

pub use voronka_core::storage::{codec, envelope, kv, persist, rows, KEY_PREFIX};
pub mod local;
pub mod prefs;
