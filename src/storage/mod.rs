//! The browser's storage: the versioned envelope, the compact codec, the key-value interface
//! over localStorage, the persister (sharded, copy-on-write saves) and user preferences.

pub mod codec;
pub mod envelope;
mod json_path;
pub mod kv;
pub mod persist;
pub mod prefs;
pub mod rows;

/// Prefix of every key Voronka writes, so that it never touches another app's data.
pub const KEY_PREFIX: &str = "voronka.";
