//! The workspace aggregate: every entity, and the column index the board reads.

use super::deal::Deal;
use super::direction::Direction;
use super::employee::Employee;
use super::ids::{DealId, DirectionId, EmployeeId, StageId};
use super::money::{Currency, Money};
use super::period::Period;
use super::plan::PlanTarget;
use super::stage::Stage;
use std::collections::{BTreeMap, HashMap};

/// Everything a team's pipeline holds. Change it only through [`Workspace::apply`] (or
/// [`super::History`]), which keeps its invariants.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Workspace {
    pub(crate) currency: Currency,
    pub(crate) loss_reasons: Vec<String>,
    /// The workspace's own company: the seller on its documents.
    pub(crate) company: super::documents::party::Requisites,
    pub(crate) employees: BTreeMap<EmployeeId, Employee>,
    pub(crate) directions: BTreeMap<DirectionId, Direction>,
    pub(crate) direction_order: Vec<DirectionId>,
    pub(crate) deals: BTreeMap<DealId, Deal>,
    /// The deals of each stage in column order: the single source of positions.
    pub(crate) columns: HashMap<StageId, Vec<DealId>>,
    /// Which direction each stage belongs to.
    pub(crate) stage_direction: HashMap<StageId, DirectionId>,
    pub(crate) plans: BTreeMap<(EmployeeId, Period), PlanTarget>,
    pub(crate) next_id: u32,
    /// The ids this browser may hand out when it is one of a team's (`None`: every id).
    pub(crate) id_slot: Option<super::ids::IdSlot>,
    /// Count and amount of each stage's deals, kept up to date by every write of a deal
    /// ([`Workspace::replace_deal`]) so the board reads a column's figures in O(1). Stages
    /// without deals have no entry.
    pub(crate) tallies: HashMap<StageId, StageTally>,
}

/// How many deals a stage holds and their amount: a column's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTally {
    /// Number of deals.
    pub count: usize,
    /// Sum of their amounts.
    pub sum: Money,
}

impl Workspace {
    /// An empty workspace in `currency`, with the usual loss reasons in `lang`.
    pub fn new(currency: Currency, lang: super::Lang) -> Workspace {
        Workspace {
            currency,
            loss_reasons: super::templates::default_loss_reasons(lang),
            next_id: 1,
            ..Workspace::default()
        }
    }

    /// The currency amounts are kept in.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The workspace's own company's requisites (empty until set).
    pub fn company(&self) -> &super::documents::party::Requisites {
        &self.company
    }

    /// The reasons offered when a deal is lost.
    pub fn loss_reasons(&self) -> &[String] {
        &self.loss_reasons
    }

    /// Employees in the order they were added.
    pub fn employees(&self) -> impl Iterator<Item = &Employee> {
        self.employees.values()
    }

    /// One employee.
    pub fn employee(&self, id: EmployeeId) -> Option<&Employee> {
        self.employees.get(&id)
    }

    /// Directions in the user's order.
    pub fn directions(&self) -> impl Iterator<Item = &Direction> {
        self.direction_order
            .iter()
            .filter_map(|id| self.directions.get(id))
    }

    /// The directions that take deals (not archived), in order: where a deal can be created,
    /// moved or imported, and what a list of directions to choose from offers.
    pub fn directions_taking_deals(&self) -> impl Iterator<Item = &Direction> {
        self.directions().filter(|d| !d.archived)
    }

    /// Who a new deal belongs to unless the user picks someone: the first active employee
    /// (an inactive one takes no new deals).
    pub fn default_owner(&self) -> Option<EmployeeId> {
        self.employees().find(|e| e.active).map(|e| e.id)
    }

    /// The loss reason offered first when a deal is lost: the first of the workspace's list
    /// (empty when the list is, and the user types one).
    pub fn default_loss_reason(&self) -> String {
        self.loss_reasons.first().cloned().unwrap_or_default()
    }

    /// One direction.
    pub fn direction(&self, id: DirectionId) -> Option<&Direction> {
        self.directions.get(&id)
    }

    /// A stage and the direction it belongs to.
    pub fn stage(&self, id: StageId) -> Option<(&Direction, &Stage)> {
        let direction = self.directions.get(self.stage_direction.get(&id)?)?;
        Some((direction, direction.stage(id)?))
    }

    /// All deals, by id.
    pub fn deals(&self) -> impl Iterator<Item = &Deal> {
        self.deals.values()
    }

    /// Number of deals.
    pub fn deal_count(&self) -> usize {
        self.deals.len()
    }

    /// One deal.
    pub fn deal(&self, id: DealId) -> Option<&Deal> {
        self.deals.get(&id)
    }

    /// The deals of a stage in column order.
    pub fn column(&self, stage: StageId) -> &[DealId] {
        self.columns.get(&stage).map_or(&[], Vec::as_slice)
    }

    /// A deal's position in its column.
    pub fn position(&self, deal: DealId) -> Option<usize> {
        let stage = self.deals.get(&deal)?.stage;
        self.column(stage).iter().position(|&d| d == deal)
    }

    /// Number of deals in a direction, over all its stages.
    pub fn deals_in_direction(&self, direction: DirectionId) -> usize {
        self.directions.get(&direction).map_or(0, |d| {
            d.stages.iter().map(|s| self.column(s.id).len()).sum()
        })
    }

    /// The plan set by hand for an employee and period (no roll-up).
    pub fn plan_set(&self, employee: EmployeeId, period: Period) -> Option<PlanTarget> {
        self.plans.get(&(employee, period)).copied()
    }

    /// Every plan set by hand.
    pub fn plans(&self) -> impl Iterator<Item = (EmployeeId, Period, PlanTarget)> + '_ {
        self.plans.iter().map(|(&(e, p), &t)| (e, p, t))
    }

    /// Sum of the amounts of a stage's deals (kept, not recomputed).
    pub fn column_sum(&self, stage: StageId) -> Money {
        self.column_tally(stage).sum
    }

    /// Count and sum of a stage's deals, in O(1).
    pub fn column_tally(&self, stage: StageId) -> StageTally {
        self.tallies.get(&stage).copied().unwrap_or_default()
    }

    /// Every stage's count and sum computed from the deals themselves: what the kept
    /// tallies must always equal (checked by the invariants and the property tests).
    pub fn tallies_recomputed(&self) -> HashMap<StageId, StageTally> {
        let mut out: HashMap<StageId, StageTally> = HashMap::new();
        for deal in self.deals.values() {
            let t = out.entry(deal.stage).or_default();
            t.count += 1;
            t.sum += deal.amount;
        }
        out
    }

    /// The kept tallies, to compare with [`Workspace::tallies_recomputed`].
    pub fn tallies(&self) -> &HashMap<StageId, StageTally> {
        &self.tallies
    }

    /// Writes (`Some`) or removes (`None`) a deal, keeping the stage tallies: the only way the
    /// deal map changes. Returns the previous value.
    pub(crate) fn replace_deal(&mut self, id: DealId, deal: Option<Deal>) -> Option<Deal> {
        if let Some(new) = &deal {
            let t = self.tallies.entry(new.stage).or_default();
            t.count += 1;
            t.sum += new.amount;
        }
        let old = match deal {
            Some(new) => self.deals.insert(id, new),
            None => self.deals.remove(&id),
        };
        if let Some(old) = &old {
            if let Some(t) = self.tallies.get_mut(&old.stage) {
                t.count -= 1;
                t.sum = t.sum - old.amount;
                if t.count == 0 {
                    self.tallies.remove(&old.stage);
                }
            }
        }
        old
    }

    /// A workspace for the board's first screen, drawn before every deal is read: the whole
    /// structure, the first deals of each column and each stage's count and sum as stored
    /// with them (so that the columns' and the toolbar's figures are already the whole
    /// workspace's). Never given a command: the store reads every deal first.
    pub fn first_screen(
        data: super::WorkspaceData,
        tallies: impl IntoIterator<Item = (StageId, StageTally)>,
    ) -> Result<Workspace, super::DataError> {
        let mut ws = Workspace::from_data(data)?;
        ws.tallies = tallies.into_iter().filter(|(_, t)| t.count > 0).collect();
        Ok(ws)
    }

    /// The id counter: above every id in use (in a team, the next id is the first of this
    /// browser's slot at or above it).
    pub fn next_id(&self) -> u32 {
        self.next_id
    }

    /// The ids this browser hands out as one of a team's.
    pub fn id_slot(&self) -> Option<super::ids::IdSlot> {
        self.id_slot
    }

    /// Makes this browser hand out the ids of `slot` (joining or creating a team), or every id
    /// again (`None`: the team left). Ids in use stay; only new ones follow the slot.
    pub fn set_id_slot(&mut self, slot: Option<super::ids::IdSlot>) {
        self.id_slot = slot;
    }
}
