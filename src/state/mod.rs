//! What the views read: the current view, the language preference and (later) the reactive
//! workspace store.

pub mod clock;
pub mod language;
pub mod perf;
pub mod route;
pub mod store;
