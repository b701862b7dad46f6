//! This browser's documents as one sync step needs them, without turning a 10,000-deal
//! workspace into JSON on every step: [`Locals`] makes the document of one id on demand, and
//! [`InSyncMemo`] remembers which deals were last seen equal to the server's version, so the
//! outbox serializes only the deals that changed. Both give exactly what
//! [`super::docs::docs_of`] gives (the tests compare them).

use super::docs::{deal_body, own_deal_doc, structure_docs, Docs, TeamSettings};
use super::ranks;
use super::replica::Replica;
use crate::domain::{Deal, DealId, StageId, Workspace};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How this browser makes a deal's document: its team's settings, what was last synced, and
/// whether it writes `owner_user` anew (the head of sales) or keeps it as synced while the
/// deal's owner is the same (a rep, see [`super::engine::TeamState::rewrites_owners`]).
#[derive(Clone, Copy)]
pub struct DocMaker<'a> {
    /// The team's settings.
    pub team: &'a TeamSettings,
    /// What was last synced.
    pub replica: &'a Replica,
    /// Whether `owner_user` is written anew.
    pub rewrites_owners: bool,
}

impl DocMaker<'_> {
    /// The document `id` of `deal` at `rank`.
    pub fn deal(&self, id: &str, deal: &Deal, rank: f64) -> Value {
        let mut body = deal_body(deal, rank, self.team);
        if !self.rewrites_owners {
            self.owner_as_synced(id, &mut body);
        }
        body
    }

    /// A rep's browser keeps a deal's `owner_user` as the server has it while its owner is
    /// the one synced.
    pub fn owner_as_synced(&self, id: &str, body: &mut Value) {
        let Some(base) = self.replica.base.get(id).and_then(|k| k.body.as_ref()) else {
            return;
        };
        if base.get("owner") != body.get("owner") {
            return;
        }
        if let Some(object) = body.as_object_mut() {
            match base.get("owner_user") {
                Some(user) => object.insert("owner_user".into(), user.clone()),
                None => object.remove("owner_user"),
            };
        }
    }
}

/// The local documents of a workspace, made one id at a time.
pub struct Locals<'a> {
    maker: DocMaker<'a>,
    ws: &'a Workspace,
    structure: Docs,
    /// Each deal's rank as last synced.
    known: HashMap<DealId, f64>,
    /// The ranks of each column asked for so far.
    columns: RefCell<HashMap<StageId, Rc<HashMap<DealId, f64>>>>,
}

impl<'a> Locals<'a> {
    /// The documents of `ws` as `maker` makes them.
    pub fn new(maker: DocMaker<'a>, ws: &'a Workspace) -> Locals<'a> {
        Locals {
            maker,
            ws,
            structure: structure_docs(ws, maker.team),
            known: maker.replica.ranks(),
            columns: RefCell::new(HashMap::new()),
        }
    }

    /// The deals' ranks in column `stage` as the local documents have them.
    pub fn column_ranks(&self, stage: StageId) -> Rc<HashMap<DealId, f64>> {
        if let Some(ranks) = self.columns.borrow().get(&stage) {
            return ranks.clone();
        }
        let column = self.ws.column(stage);
        let ranks: Rc<HashMap<DealId, f64>> = Rc::new(
            column
                .iter()
                .copied()
                .zip(ranks::assign(column, &self.known))
                .collect(),
        );
        self.columns.borrow_mut().insert(stage, ranks.clone());
        ranks
    }

    /// The local document `id`, as [`super::engine::TeamState::local_docs`] has it.
    pub fn doc(&self, id: &str) -> Option<Value> {
        match own_deal_doc(id) {
            Some(deal) => {
                let deal = self.ws.deal(deal)?;
                let rank = *self.column_ranks(deal.stage).get(&deal.id)?;
                Some(self.maker.deal(id, deal, rank))
            }
            None => self.structure.get(id).cloned(),
        }
    }
}

/// Which deals' documents were last found equal to the server's version: the deal, its rank
/// and the revision compared with. A deal, rank and revision all the same again make the same
/// document, so it is not made again. A copy starts empty (a memo, never data).
#[derive(Default)]
pub struct InSyncMemo(RefCell<Memo>);

#[derive(Default)]
struct Memo {
    /// The settings and owner rule the entries were made under.
    team: Option<(TeamSettings, bool)>,
    deals: HashMap<DealId, InSync>,
}

struct InSync {
    deal: Deal,
    rank: f64,
    rev: String,
}

impl InSyncMemo {
    /// Starts a look under `team`'s settings and owner rule (`rewrites_owners`): what was
    /// noted under others no longer holds. Called once per look, before [`InSyncMemo::holds`].
    pub fn begin(&self, team: &TeamSettings, rewrites_owners: bool) {
        let mut memo = self.0.borrow_mut();
        let same = memo
            .team
            .as_ref()
            .is_some_and(|(t, r)| t == team && *r == rewrites_owners);
        if !same {
            memo.team = Some((team.clone(), rewrites_owners));
            memo.deals.clear();
        }
    }

    /// Whether `deal` at `rank` was found equal to the server's revision `rev`.
    pub fn holds(&self, deal: &Deal, rank: f64, rev: &str) -> bool {
        self.0
            .borrow()
            .deals
            .get(&deal.id)
            .is_some_and(|m| m.rev == rev && m.rank == rank && m.deal == *deal)
    }

    /// Notes that `deal` at `rank` makes the server's revision `rev`.
    pub fn note(&self, deal: &Deal, rank: f64, rev: &str) {
        let entry = InSync {
            deal: deal.clone(),
            rank,
            rev: rev.to_string(),
        };
        self.0.borrow_mut().deals.insert(deal.id, entry);
    }
}

impl Clone for InSyncMemo {
    fn clone(&self) -> Self {
        InSyncMemo::default()
    }
}

impl PartialEq for InSyncMemo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for InSyncMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InSyncMemo({} deals)", self.0.borrow().deals.len())
    }
}
