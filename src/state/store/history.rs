//! Dispatch and history: a command applied and recorded for undo, undo and redo (each a
//! step other views can tell from an action of theirs), and what follows every change.

use super::*;

impl Store {
    /// The last undo or redo of this tab: a view that announced a change can tell that the
    /// next write was its undo (or the redo of that undo) and say so.
    pub fn last_step(&self) -> Option<Step> {
        self.last_step.get_value()
    }

    /// Applies a command (recorded for undo) and schedules a save.
    pub fn dispatch(&self, command: Command) -> Result<Outcome, ActionError> {
        self.read_all();
        if self.read_only() {
            return Err(ActionError::ReadOnly);
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        if let Some(allowed) = &state.guard {
            self.ws
                .with_untracked(|ws| allowed(ws, &command))
                .map_err(ActionError::NotAllowed)?;
        }
        let act = crate::state::act::get().ok_or(ActionError::NotLoaded)?;
        let mut result = Err(DomainError::NothingToUndo);
        self.count_change();
        self.ws
            .update(|ws| result = (act.apply)(&mut state.history, ws, command.clone()));
        let outcome = result?;
        let touched = state.history.last_touched_deals();
        state.bump(&touched);
        state.dirty.add_deals(touched);
        state.pending.push(Change::Apply(command));
        drop(guard);
        self.after_change();
        Ok(outcome)
    }

    /// Undoes the last command.
    pub fn undo(&self) -> Result<(), ActionError> {
        self.step(true)
    }

    /// Redoes the last undone command.
    pub fn redo(&self) -> Result<(), ActionError> {
        self.step(false)
    }

    pub(super) fn step(&self, undo: bool) -> Result<(), ActionError> {
        self.read_all();
        if self.read_only() {
            return Err(ActionError::ReadOnly);
        }
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        let act = crate::state::act::get().ok_or(ActionError::NotLoaded)?;
        let before = state.history.last_touched_deals();
        let mut result = Err(DomainError::NothingToUndo);
        self.count_change();
        self.ws.update(|ws| {
            result = if undo {
                (act.undo)(&mut state.history, ws)
            } else {
                (act.redo)(&mut state.history, ws).map(Change::Apply)
            };
        });
        let change = result?;
        // Views read it once the workspace's effects run, after this returns.
        self.last_step.set_value(Some(Step {
            undo,
            changes: self.changes(),
        }));
        let after = state.history.last_touched_deals();
        state.bump(&before);
        state.bump(&after);
        state.dirty.add_deals(before);
        state.dirty.add_deals(after);
        state.pending.push(change);
        drop(guard);
        self.after_change();
        Ok(())
    }

    pub(super) fn after_change(&self) {
        let (can_undo, can_redo, volatile) = {
            let inner = self.inner();
            let state = inner.borrow();
            (
                state.history.can_undo(),
                state.history.can_redo(),
                state.volatile,
            )
        };
        self.can_undo.set(can_undo);
        self.can_redo.set(can_redo);
        if volatile {
            self.save.set(SaveState::NotSaved(SaveFailure::Unavailable));
            return;
        }
        if !matches!(self.save.get_untracked(), SaveState::NotSaved(_)) {
            self.save.set(SaveState::Pending);
        }
        self.schedule_save();
    }
}
