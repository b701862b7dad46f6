//! What the analytics read, reduced to fingerprints: the view recomputes a section only when
//! the fingerprint of what it reads changes, not on every change of the workspace (a card
//! dragged in another direction, a deal's notes typed in the editor).

use crate::domain::deal::Deal;
use crate::domain::ids::DirectionId;
use crate::domain::workspace::Workspace;
use std::collections::BTreeMap;

/// Fingerprints of the analytics' inputs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Directions, stages, employees, plans and the currency: names included, since the
    /// tables show them.
    pub structure: u64,
    /// Per direction, the fields of its deals that any figure reads (stage, owner, amount,
    /// dates, loss reason, score, history, task due dates); not titles, clients or notes.
    pub directions: BTreeMap<DirectionId, u64>,
}

impl Inputs {
    /// The fingerprint of one direction's deals (with the structure), or of every deal.
    pub fn key(&self, direction: Option<DirectionId>) -> u64 {
        let mut mix = Mix(self.structure);
        match direction {
            Some(d) => mix.add(self.directions.get(&d).copied().unwrap_or(0)),
            None => self.directions.iter().for_each(|(d, k)| {
                mix.add(u64::from(d.0));
                mix.add(*k);
            }),
        }
        mix.0
    }
}

/// A fast order-sensitive mix of 64-bit words (FNV-style multiply and rotate): a change
/// detector, not a cryptographic hash.
struct Mix(u64);

impl Mix {
    fn add(&mut self, v: u64) {
        self.0 = (self.0 ^ v)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(29);
    }

    fn text(&mut self, s: &str) {
        self.add(s.len() as u64);
        for chunk in s.as_bytes().chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn opt(&mut self, v: Option<i64>) {
        self.add(v.map_or(u64::MAX, |v| v as u64));
    }
}

fn deal_mix(mix: &mut Mix, deal: &Deal) {
    mix.add(u64::from(deal.id.0));
    mix.add(u64::from(deal.stage.0));
    mix.add(u64::from(deal.owner.0));
    mix.add(deal.amount.0 as u64);
    mix.add(deal.created_at.0 as u64);
    mix.opt(deal.expected_close.map(|d| d.num_days_from_ce_i64()));
    mix.opt(deal.closed_at.map(|c| c.0));
    mix.opt(deal.nps.map(i64::from));
    if let Some(reason) = &deal.loss_reason {
        mix.text(reason);
    }
    for change in &deal.history {
        mix.add(u64::from(change.to.0));
        mix.add(change.at.0 as u64);
    }
    for task in &deal.tasks {
        mix.add(u64::from(task.stage.0));
        mix.opt(task.due.map(|d| d.num_days_from_ce_i64()));
    }
}

/// A date as one number for the mix: year and day of the year, read straight from chrono's
/// packed representation (cheaper than counting days).
trait DayKey {
    fn num_days_from_ce_i64(&self) -> i64;
}

impl DayKey for chrono::NaiveDate {
    fn num_days_from_ce_i64(&self) -> i64 {
        use chrono::Datelike;
        (i64::from(self.year()) << 9) | i64::from(self.ordinal())
    }
}

impl Workspace {
    /// The fingerprints of what the analytics read, in one pass over the deals.
    pub fn analytics_inputs(&self) -> Inputs {
        let mut structure = Mix(0x9e37_79b9_7f4a_7c15);
        structure.text(self.currency().code());
        for d in self.directions() {
            structure.add(u64::from(d.id.0));
            structure.text(&d.name);
            for s in &d.stages {
                structure.add(u64::from(s.id.0));
                structure.text(&s.name);
                structure.add(s.kind as u64);
                structure.opt(s.probability.map(i64::from));
            }
        }
        for e in self.employees() {
            structure.add(u64::from(e.id.0));
            structure.text(&e.name);
            structure.add(u64::from(e.active));
        }
        for (employee, period, target) in self.plans() {
            structure.add(u64::from(employee.0));
            structure.add(period.start().num_days_from_ce_i64() as u64);
            structure.add(period.kind as u64);
            structure.add(target.amount.0 as u64);
            structure.opt(target.deals.map(i64::from));
        }
        // A few directions: a vector searched linearly beats a map per deal.
        let mut directions: Vec<(DirectionId, Mix)> = Vec::new();
        for deal in self.deals() {
            let i = match directions.iter().position(|(d, _)| *d == deal.direction) {
                Some(i) => i,
                None => {
                    directions.push((deal.direction, Mix(u64::from(deal.direction.0))));
                    directions.len() - 1
                }
            };
            deal_mix(&mut directions[i].1, deal);
        }
        Inputs {
            structure: structure.0,
            directions: directions.into_iter().map(|(d, m)| (d, m.0)).collect(),
        }
    }
}
