//! What a browser keeps of its team between visits, in localStorage: under [`TEAM_KEY`] the
//! connection (the server, the database, the user — never the password —, the role, the id
//! slot, the workspace lineage it belongs to), under [`STATE_KEY`] and its parts the
//! [`TeamState`] (the server's revisions and bodies as last synced, the feed's position),
//! compressed like the deals' shards; a write rewrites only the parts that changed
//! (`voronka_core::sync::stored`).
//!
//! It is written only when the stored workspace already holds everything it describes (after
//! the workspace's save, or when nothing waits to be saved), so that what is stored never
//! claims the server has a change the stored workspace lacks: on a reload the outbox is the
//! difference between the two, and a change missing there would be sent as a revert.

use serde::{Deserialize, Serialize};
use voronka_core::storage::kv::KeyValue;
use voronka_core::sync::{stored, TeamState};

/// The localStorage key of the connection (not one of the workspace's keys: starting over or
/// importing never removes it; a replaced workspace ends the connection instead).
pub const TEAM_KEY: &str = "voronka.team";
/// The key of what was last synced (its head; its parts follow it), written before the
/// connection.
pub const STATE_KEY: &str = stored::STATE_KEY;

/// The role a user has in the team, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedRole {
    /// The head of sales.
    Head,
    /// A sales rep.
    Rep,
}

/// A browser's connection to its team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    /// The server's address.
    pub url: String,
    /// The team's database.
    pub db: String,
    /// The user signed in.
    pub user: String,
    /// The user's role.
    pub role: SavedRole,
    /// This browser's id slot.
    pub slot: u32,
    /// The lineage of the stored workspace this team state belongs to (`None` until the
    /// workspace joined is first saved).
    pub lineage: Option<String>,
    /// The team's time zone (IANA name), kept here too so that the first stamps after a
    /// reload, before the team's state is read, are already in it.
    #[serde(default)]
    pub zone: String,
}

/// The stored record.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// The connection.
    pub connection: Connection,
    /// What was last synced.
    pub state: TeamState,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the connection (plain JSON, small: read on every start); `None` when there is none
/// or it cannot be read (then the browser is simply not connected: the workspace itself is
/// intact, and connecting again rebuilds the rest).
pub fn read_connection() -> Option<Connection> {
    let text = storage()?.get_item(TEAM_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

/// Writes the connection (the caller holds the tabs' write lock); `false` when refused.
pub fn write_connection(connection: &Connection) -> bool {
    let Ok(text) = serde_json::to_string(connection) else {
        return false;
    };
    storage().is_some_and(|s| s.set_item(TEAM_KEY, &text).is_ok())
}

/// Reads what was last synced (read by the team's own module).
pub fn read_state() -> Option<TeamState> {
    let kv = crate::storage::local::LocalKv::open().ok()?;
    stored::read(&kv)
}

/// Writes what was last synced: the parts that changed, then the head (the caller holds the
/// tabs' write lock).
pub fn write_state(state: &mut TeamState) -> bool {
    crate::storage::local::LocalKv::open().is_ok_and(|kv| stored::write(&kv, state).is_ok())
}

/// Removes the record (disconnected): the connection first, so that a half-done removal
/// reads as not connected.
pub fn remove() {
    // A storage that refuses a removal refuses everything: the next start reads the record
    // again and its lineage check ends that connection.
    if let Ok(kv) = crate::storage::local::LocalKv::open() {
        kv.remove(TEAM_KEY);
        stored::remove(&kv);
    }
}
