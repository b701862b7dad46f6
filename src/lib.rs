//! Voronka: a sales-pipeline app that runs entirely in the browser.
//!
//! The pure core (`voronka_core`: `domain`, `crm`, the stored format, `text`) is re-exported
//! here under the same names; this crate adds `storage` over the browser's localStorage,
//! `state` (what the views read: the store, the clock, the route) and `ui` (thin Leptos
//! components). `docs/ARCHITECTURE.md` draws the flow.

pub use voronka_core::{crm, domain, text};
pub mod state;
pub mod storage;
pub mod team;
pub mod ui;

// Compile-checked translations generated from `locales/*.json` by `build.rs`: `crate::i18n`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// Mounts the app into `<body>`; called by the binary.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
