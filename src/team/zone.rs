//! The head of sales moves the team to another time zone: every deal's moments are written
//! again as the same instants on the new zone's wall clock (`voronka_core::sync::zone`), the
//! team's settings name the new zone, and everything goes up like any change; the reps'
//! browsers take the new zone with the settings.

use super::saved::SavedRole;
use super::Team;
use crate::state::clock;
use leptos::prelude::*;

/// The zone cannot be moved to: the browser does not know it, or this user is not the head of
/// sales of a connected team.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneRefused;

impl Team {
    /// Moves the team to zone `name` (an IANA name the browser knows): only the head of sales.
    pub fn change_zone(&self, name: &str) -> Result<(), ZoneRefused> {
        if self.role() != Some(SavedRole::Head) {
            return Err(ZoneRefused);
        }
        let from = {
            let rt = self.rt();
            let rt = rt.borrow();
            let saved = rt.saved.as_ref().ok_or(ZoneRefused)?;
            saved.state.team.zone.clone()
        };
        if from == name {
            return Ok(());
        }
        let shift = clock::zone_shift(&from, name).ok_or(ZoneRefused)?;
        self.store.read_all();
        let ws = self
            .store
            .ws()
            .with_untracked(|ws| voronka_core::sync::zone::re_expressed(ws, &|at| shift.apply(at)));
        {
            let rt = self.rt();
            let mut rt = rt.borrow_mut();
            let saved = rt.saved.as_mut().ok_or(ZoneRefused)?;
            saved.state.team.zone = name.to_string();
            saved.connection.zone = name.to_string();
        }
        // New stamps in the new zone from here on, and the moved ones sent as a change.
        self.show_members();
        self.store.apply_remote(ws);
        self.persist();
        self.wake();
        Ok(())
    }
}
