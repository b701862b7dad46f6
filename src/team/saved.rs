//! What a browser keeps of its team between visits, in localStorage under [`TEAM_KEY`]
//! (compressed like the deals' shards): the server, the database, the user (never the
//! password), the role, the id slot, the workspace lineage it belongs to, and the
//! [`TeamState`] (the server's revisions and bodies as last synced, the feed's position).
//!
//! It is written only when the stored workspace already holds everything it describes (after
//! the workspace's save, or when nothing waits to be saved), so that what is stored never
//! claims the server has a change the stored workspace lacks: on a reload the outbox is the
//! difference between the two, and a change missing there would be sent as a revert.

use serde::{Deserialize, Serialize};
use voronka_core::storage::codec;
use voronka_core::sync::TeamState;

/// The localStorage key of the team record (not one of the workspace's keys: starting over
/// or importing never removes it; a replaced workspace ends the connection instead).
pub const TEAM_KEY: &str = "voronka.team";

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
}

/// The stored record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The connection.
    pub connection: Connection,
    /// What was last synced.
    pub state: TeamState,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the record; `None` when there is none or it cannot be read (then the browser is
/// simply not connected: the workspace itself is intact, and connecting again rebuilds it).
pub fn read() -> Option<Saved> {
    let text = storage()?.get_item(TEAM_KEY).ok()??;
    let json = codec::unpack(&text).ok()?;
    serde_json::from_slice(&json).ok()
}

/// Writes the record (the caller holds the tabs' write lock); `false` when storage refused.
pub fn write(saved: &Saved) -> bool {
    let Ok(json) = serde_json::to_vec(saved) else {
        return false;
    };
    let text = codec::pack(&json);
    storage().is_some_and(|s| s.set_item(TEAM_KEY, &text).is_ok())
}

/// Removes the record (disconnected).
pub fn remove() {
    if let Some(s) = storage() {
        // A storage that refuses a removal refuses everything: the next read finds it again
        // and the lineage check ends that connection.
        drop(s.remove_item(TEAM_KEY));
    }
}
