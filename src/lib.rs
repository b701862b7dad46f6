//! Voronka: a sales-pipeline app that runs entirely in the browser.
//!
//! `domain` holds every business rule in pure Rust; `storage` talks to the browser's storage;
//! `state` holds what the views read; `ui` holds the thin Leptos components.

pub mod crm;
pub mod domain;
pub mod state;
pub mod storage;
pub mod text;
pub mod ui;

// Compile-checked translations generated from `locales/*.json` by `build.rs`: `crate::i18n`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// Mounts the app into `<body>`; called by the binary.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
