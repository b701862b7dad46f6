//! What is stored and how: the versioned envelope, the compact codec and rows, the key-value
//! interface storage is reached through, and the persister (sharded, copy-on-write saves).

pub mod codec;
pub mod envelope;
mod json_path;
pub mod kv;
pub mod persist;
pub mod rows;

/// Prefix of every key Voronka writes, so that it never touches another app's data.
pub const KEY_PREFIX: &str = "voronka.";
