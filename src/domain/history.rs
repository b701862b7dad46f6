//! Undo and redo over any command. Each step keeps the command and its change journal (the
//! before-images of what it touched), so memory grows with what changed, not with the size
//! of the workspace.

use super::command::{Command, Outcome};
use super::error::{DomainError, DomainResult};
use super::journal::ChangeLog;
use super::workspace::Workspace;
use std::collections::VecDeque;

/// How many steps are kept by default.
pub const DEFAULT_UNDO_LIMIT: usize = 200;

#[derive(Clone, Debug)]
struct Step {
    command: Command,
    log: ChangeLog,
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
        self.done.push_back(Step { command, log });
        Ok(outcome)
    }

    /// Undoes the last command; returns it.
    pub fn undo(&mut self, ws: &mut Workspace) -> DomainResult<Command> {
        let step = self.done.pop_back().ok_or(DomainError::NothingToUndo)?;
        ws.revert(step.log);
        self.undone.push(step.command.clone());
        Ok(step.command)
    }

    /// Applies again the last undone command; returns it.
    pub fn redo(&mut self, ws: &mut Workspace) -> DomainResult<Command> {
        let command = self.undone.pop().ok_or(DomainError::NothingToUndo)?;
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

    /// Forgets everything (after the workspace is replaced wholesale).
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}
