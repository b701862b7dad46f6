//! A team's workspace in Apache CouchDB, kept local-first: pure rules only, no HTTP (the app
//! speaks CouchDB's API and feeds the answers in).
//!
//! - [`docs`]: the workspace as one document per entity and back ([`docs::docs_of`],
//!   [`docs::assemble`]), with the repairs that keep every deal when the structure changed
//!   under it.
//! - [`ranks`]: a deal's place in its column as a number, so a reorder rewrites one document.
//! - [`merge`]: the three-way merge of a document (what was last synced, this browser's, the
//!   server's): different fields both kept, the same field kept as the server's with yours
//!   reported.
//! - [`fields`]: a conflict on a deal's document as the deal editor's field and your value.
//! - [`engine`]: one browser's team state and the steps it takes with the server's answers.
//! - [`replica`]: what this browser last saw of the server (each document's revision and
//!   body); the outbox is every local document that differs from it, so a change is sent
//!   until the server has it and never applied twice.
//! - [`wire`]: CouchDB's JSON requests and answers, read defensively.
//! - [`roles`]: who may change what, and the `validate_doc_update` the server enforces it with.
//! - [`stored`]: the team state in localStorage in parts, only the changed ones rewritten.
//! - [`zone`]: a team moved to another time zone, every moment kept as the same instant.
//! - [`memory`]: an in-memory CouchDB (revisions, 409, the changes feed) for the tests.

pub mod docs;
pub mod engine;
pub mod fields;
mod incremental;
pub mod local;
pub mod memory;
pub mod merge;
pub mod ranks;
pub mod replica;
pub mod roles;
pub mod stored;
pub mod wire;
pub mod zone;

pub use docs::{assemble, docs_of, Docs, TeamSettings};
pub use engine::{PullOutcome, PushOutcome, TeamState};
pub use fields::DealConflict;
pub use merge::Conflict;
pub use replica::{Incoming, Known, Outgoing, PushResult, Replica};
