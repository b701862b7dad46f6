//! A team's changes taken in: a workspace the team sync merged (teammates' changes, or a
//! change the server refused rolled back) takes this one's place as the same workspace —
//! undo stays, only the deals that differ are drawn and saved again — and the hooks the sync
//! follows the store's saves and reloads by.

use super::*;

impl Store {
    /// Takes in a workspace merged with the team's changes. Not a command of this tab: it is
    /// not undone, and undo never sets the id counter back below the team's ids.
    pub fn apply_remote(&self, ws: Workspace) {
        self.read_all();
        if self.read_only() {
            return;
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let (touched, structure) = self.ws.with_untracked(|old| differences(old, &ws));
        state.history.rebase();
        state.bump(&touched);
        if structure {
            state.dirty.all = true;
            state.epoch += 1;
        }
        state.dirty.add_deals(touched);
        drop(guard);
        self.set_ws(ws);
        self.after_change();
    }

    /// The lineage of the stored workspace this tab shows (`None` before the first save).
    pub fn lineage(&self) -> Option<String> {
        self.inner()
            .borrow()
            .persister
            .lineage()
            .map(str::to_string)
    }

    /// How many times the workspace was replaced wholesale in this page.
    pub fn replacements(&self) -> u64 {
        self.inner().borrow().replacements
    }

    /// Sets what runs after every successful save (inside the write lock) and after another
    /// tab's data was loaded over this tab's.
    pub fn set_hooks(&self, after_save: Rc<dyn Fn()>, after_reload: Rc<dyn Fn()>) {
        let inner = self.inner();
        let mut state = inner.borrow_mut();
        state.after_save = Some(after_save);
        state.after_reload = Some(after_reload);
    }

    /// Sets what every command is asked first (a team's roles), or none.
    pub fn set_guard(&self, guard: Option<Guard>) {
        self.inner().borrow_mut().guard = guard;
    }

    /// Keeps a recovery copy of what is stored now (before a team's workspace replaces it).
    pub fn keep_recovery_copy(&self) -> Result<(), ReplaceError> {
        let inner = self.inner();
        let mut state = inner.borrow_mut();
        if state.volatile || state.persister.lineage().is_none() {
            return Ok(());
        }
        state
            .persister
            .keep_copy()
            .map_err(|_| ReplaceError::NoRoomForCopy)?;
        self.copies.set(state.persister.recovery_copies());
        self.usage.set(state.persister.usage());
        Ok(())
    }
}

/// The deals that differ between two workspaces, and whether anything but deals does.
fn differences(old: &Workspace, new: &Workspace) -> (Vec<DealId>, bool) {
    let mut touched: Vec<DealId> = new
        .deals()
        .filter(|d| old.deal(d.id) != Some(d))
        .map(|d| d.id)
        .collect();
    touched.extend(
        old.deals()
            .filter(|d| new.deal(d.id).is_none())
            .map(|d| d.id),
    );
    let structure = !old.directions().eq(new.directions())
        || !old.employees().eq(new.employees())
        || !old.plans().eq(new.plans())
        || old.currency() != new.currency()
        || old.loss_reasons() != new.loss_reasons()
        || old.company() != new.company();
    (touched, structure)
}
