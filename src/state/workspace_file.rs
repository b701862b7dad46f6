//! The workspace's files through the state layer, so that no view reads storage: the export
//! file's text, a chosen file read as a workspace, a recovery copy salvaged, and the types
//! their errors are told with.

use crate::domain::Workspace;
use crate::storage::envelope::{self, Meta};
use crate::storage::persist::{Persister, Salvaged};

pub use crate::storage::envelope::{ReadError, MAX_FILE_BYTES};
pub use crate::storage::persist::{LoadProblem, RecoveryCopy};

/// The workspace as an export file's text, saved now at `revision`; `None` while the code
/// that writes it is not loaded (`state::act`).
pub fn export_text(ws: &Workspace, revision: u64) -> Option<String> {
    super::act::get().map(|act| (act.export_text)(ws, revision))
}

/// A chosen file's text as a workspace: every field validated, older versions migrated.
pub fn read_workspace(text: &str) -> Result<(Meta, Workspace), ReadError> {
    envelope::read_workspace(text)
}

/// What a recovery copy still holds, read as far as it can be.
pub fn salvage(text: &str) -> Result<Salvaged, LoadProblem> {
    Persister::salvage(text)
}
