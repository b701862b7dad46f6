//! Voronka's core, which the compiler keeps pure: no browser API, no Leptos. `domain` holds
//! every business rule (every change of state is a `Command` applied to the `Workspace`);
//! `crm` reads other CRMs' CSV exports and writes deals as CSV; `storage` is the stored format
//! (the versioned envelope, the compact rows, the codec) and the persist protocol over a
//! key-value trait that the app implements over localStorage; `text` folds text for search.

pub mod crm;
pub mod domain;
pub mod storage;
pub mod sync;
pub mod text;
