//! The browser's storage: the core's stored format and persist protocol, over localStorage
//! (`local`). Only the state layer uses it; views go through `state` (`state::files`,
//! `state::prefs`, the store).

pub use voronka_core::storage::{codec, envelope, kv, persist, rows, KEY_PREFIX};
pub mod local;
