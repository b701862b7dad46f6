//! What the views read: the current view, the language preference and the reactive workspace
//! store with its save machinery (the tabs' write lock, the clock, performance marks).

pub mod act;
pub mod clock;
pub mod language;
pub mod offline;
pub mod perf;
pub mod prefs;
pub mod route;
pub mod store;
pub mod workspace_file;
pub mod write_lock;
