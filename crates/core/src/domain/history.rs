//! Undo and redo over any command. Each step keeps the command and its change journal (the
//! before-images of what it touched), so memory grows with what changed, not with the size
//! of the workspace.

use super::command::Command;
use super::error::{DomainError, DomainResult};
use super::journal::ChangeLog;
use super::outcome::Outcome;
use super::replay::{Change, Footprint};
use super::workspace::Workspace;
use std::collections::VecDeque;

/// How many steps are kept by default.
pub const DEFAULT_UNDO_LIMIT: usize = 200;

#[derive(Clone, Debug)]
struct Step {
    command: Command,
    log: ChangeLog,
    /// What the command touched, as it left it: an undo is refused once another tab's data
    /// (loaded under this history) changed any of it.
    after: Footprint,
}

/// Undo and redo stacks for one workspace.
#[derive(Clone, Debug)]
pub struct History {
    done: VecDeque<Step>,
    undone: Vec<Command>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History::with_limit(DEFAULT_UNDO_LIMIT)
    }
}

impl History {
    /// A history that keeps at most `limit` steps.
    pub fn with_limit(limit: usize) -> History {
        History {
            done: VecDeque::new(),
            undone: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Applies `command` to `ws` and remembers it for undo; clears the redo stack.
    pub fn apply(&mut self, ws: &mut Workspace, command: Command) -> DomainResult<Outcome> {
        let outcome = self.record(ws, command)?;
        self.undone.clear();
        Ok(outcome)
    }

    fn record(&mut self, ws: &mut Workspace, command: Command) -> DomainResult<Outcome> {
        let (outcome, log) = ws.apply_logged(&command)?;
        if self.done.len() == self.limit {
            self.done.pop_front();
        }
        let after = ws.footprint(&log);
        self.done.push_back(Step {
            command,
            log,
            after,
        });
        Ok(outcome)
    }

    /// Undoes the last command; returns the undo as a [`Change`] that can be replayed over
    /// another tab's newer data.
    pub fn undo(&mut self, ws: &mut Workspace) -> DomainResult<Change> {
        let step = self.done.back().ok_or(DomainError::NothingToUndo)?;
        if ws.footprint(&step.log) != step.after {
            return Err(DomainError::ChangedElsewhere);
        }
        let step = self.done.pop_back().expect("checked above");
        let after = step.after.clone();
        ws.revert(step.log.clone());
        self.undone.push(step.command.clone());
        Ok(Change::Undo {
            command: step.command,
            log: step.log,
            after,
        })
    }

    /// Applies again the last undone command; returns it.
    pub fn redo(&mut self, ws: &mut Workspace) -> DomainResult<Command> {
        let command = self.undone.pop().ok_or(DomainError::NothingToRedo)?;
        match self.record(ws, command.clone()) {
            Ok(_) => Ok(command),
            Err(e) => {
                self.undone.clear();
                Err(e)
            }
        }
    }

    /// The deals the last recorded step touched (what a save must write after it, or what an
    /// undo of it will touch).
    pub fn last_touched_deals(&self) -> Vec<crate::domain::DealId> {
        self.done
            .back()
            .map_or_else(Vec::new, |s| s.log.touched_deals().collect())
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.done.len()
    }

    /// After newer data of the same workspace was loaded under this history: undo must never
    /// set the id counter back (the other tab may have used those ids).
    pub fn rebase(&mut self) {
        for step in &mut self.done {
            step.log.forget_counter();
        }
    }

    /// Forgets everything (after the workspace is replaced wholesale).
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}
