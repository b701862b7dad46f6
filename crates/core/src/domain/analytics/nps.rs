//! Net Promoter Score of the deals that recorded one.

use super::{share_bp, Scope};
use crate::domain::ids::{DirectionId, EmployeeId};
use crate::domain::workspace::Workspace;
use std::collections::BTreeMap;

/// Scores counted by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NpsTally {
    /// Scores of 9 and 10.
    pub promoters: usize,
    /// Scores of 7 and 8.
    pub passives: usize,
    /// Scores of 0 to 6.
    pub detractors: usize,
}

impl NpsTally {
    /// Every response.
    pub fn responses(&self) -> usize {
        self.promoters + self.passives + self.detractors
    }

    /// % promoters − % detractors, rounded to a whole number (half away from zero); `None`
    /// without responses.
    pub fn score(&self) -> Option<i32> {
        let n = self.responses() as i64;
        if n == 0 {
            return None;
        }
        let diff = (self.promoters as i64 - self.detractors as i64) * 100;
        let rounded = (2 * diff + diff.signum() * n) / (2 * n);
        Some(rounded as i32)
    }

    /// Promoters of all responses, in basis points.
    pub fn promoters_bp(&self) -> Option<u32> {
        share_bp(self.promoters, self.responses())
    }

    fn add(&mut self, score: u8) {
        match score {
            9..=10 => self.promoters += 1,
            7..=8 => self.passives += 1,
            _ => self.detractors += 1,
        }
    }
}

/// NPS for a period: overall, per direction and per employee.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Nps {
    /// Every response in scope.
    pub total: NpsTally,
    /// By direction, in the directions' order (those with responses).
    pub directions: Vec<(DirectionId, NpsTally)>,
    /// By employee, in employee order (those with responses).
    pub employees: Vec<(EmployeeId, NpsTally)>,
}

impl Workspace {
    /// Responses: deals with a score whose last stage change falls in `scope.period`.
    pub fn nps(&self, scope: Scope) -> Nps {
        let mut out = Nps::default();
        let mut directions: BTreeMap<DirectionId, NpsTally> = BTreeMap::new();
        let mut employees: BTreeMap<EmployeeId, NpsTally> = BTreeMap::new();
        let window = super::Window::of(scope.period);
        for deal in self.deals() {
            let Some(score) = deal.nps else {
                continue;
            };
            if scope.direction.is_some_and(|d| d != deal.direction)
                || scope.owner.is_some_and(|o| o != deal.owner)
            {
                continue;
            }
            let last = deal.history.last().map_or(deal.created_at, |h| h.at);
            if !window.has(last) {
                continue;
            }
            out.total.add(score);
            directions.entry(deal.direction).or_default().add(score);
            employees.entry(deal.owner).or_default().add(score);
        }
        out.directions = self
            .directions()
            .filter_map(|d| directions.get(&d.id).map(|t| (d.id, *t)))
            .collect();
        out.employees = employees.into_iter().collect();
        out
    }
}
