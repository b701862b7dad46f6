//! Following other tabs: a newer save by another tab read and this tab's unsaved changes
//! replayed over it (the team sync will follow the same way).

use super::*;

impl Store {
    /// Another tab saved: load what is stored now. Of the same workspace, this tab's unsaved
    /// changes are replayed on top (what cannot be is listed in `not_applied`); a workspace
    /// replaced wholesale (import, start over) is shown as it is, and this tab's changes are
    /// listed as not applied. Returns whether replayed changes wait to be saved.
    pub fn reload_newer(&self) -> bool {
        let inner = self.inner();
        let mut guard = inner.borrow_mut();
        let state = &mut *guard;
        if state.volatile || !state.persister.stored_changed() {
            return false;
        }
        // What a first screen left to read is another tab's past now: the reload below reads
        // the whole of what is stored.
        if state.loading.take().is_some() {
            self.reading.set(false);
        }
        let had_workspace = self.startup.get_untracked() == Startup::Ready
            && self
                .ws
                .with_untracked(|ws| ws.directions().next().is_some() || ws.deal_count() > 0);
        let before = state.persister.lineage().map(str::to_string);
        let loaded = state.persister.load_without_copy();
        let same =
            had_workspace && before.is_some() && state.persister.lineage() == before.as_deref();
        let pending = std::mem::take(&mut state.pending);
        let mut failed: Vec<NotApplied> = Vec::new();
        let mut replayed = Dirty::default();
        let mut kept = Vec::new();
        let describe = |change: &Change| {
            let subject = self.ws.with_untracked(|ws| change.command().subject(ws));
            NotApplied {
                undo: matches!(change, Change::Undo { .. }),
                subject,
            }
        };
        let (ws, startup) = match loaded {
            Loaded::Ready(mut newer, _) => {
                for change in pending {
                    if same {
                        let replayed_here = match crate::state::act::get() {
                            Some(act) => (act.replay)(&change, &mut newer),
                            // Nothing of this tab was applied without it.
                            None => Err(DomainError::NothingToUndo),
                        };
                        match replayed_here {
                            Ok(touched) => {
                                replayed.add_deals(touched);
                                kept.push(change);
                            }
                            Err(_) => failed.push(describe(&change)),
                        }
                    } else {
                        failed.push(describe(&change));
                    }
                }
                (*newer, Startup::Ready)
            }
            Loaded::Empty => {
                failed.extend(pending.iter().map(describe));
                (Workspace::default(), Startup::FirstLaunch)
            }
            Loaded::NewerVersion(ws, version) => {
                failed.extend(pending.iter().map(describe));
                (
                    ws.as_deref().cloned().unwrap_or_default(),
                    Startup::NewerVersion {
                        version,
                        readable: ws.is_some(),
                    },
                )
            }
            Loaded::Unreadable { problem, .. } => {
                failed.extend(pending.iter().map(describe));
                let backed_up = !state.persister.recovery_copies().is_empty();
                (
                    Workspace::default(),
                    Startup::Unreadable { problem, backed_up },
                )
            }
        };
        if same {
            state.history.rebase();
        } else {
            state.history.clear();
        }
        state.epoch += 1;
        state.dirty = replayed;
        state.pending = kept;
        if !same {
            state.replacements += 1;
        }
        let save_again = !state.pending.is_empty();
        let hook = state.after_reload.clone();
        let (can_undo, can_redo) = (state.history.can_undo(), state.history.can_redo());
        self.usage.set(state.persister.usage());
        self.copies.set(state.persister.recovery_copies());
        drop(guard);
        self.set_ws(ws);
        if self.startup.get_untracked() != startup {
            self.startup.set(startup.clone());
        }
        self.can_undo.set(can_undo);
        self.can_redo.set(can_redo);
        if !same && had_workspace {
            self.replaced_elsewhere.set(true);
        }
        if !failed.is_empty() {
            self.not_applied.update(|list| list.extend(failed));
        }
        let state = match startup {
            Startup::Ready | Startup::FirstLaunch if save_again => SaveState::Pending,
            Startup::Ready | Startup::FirstLaunch => SaveState::Saved,
            _ => SaveState::Blocked,
        };
        self.save.set(state);
        if let Some(hook) = hook {
            hook();
        }
        save_again
    }
}
