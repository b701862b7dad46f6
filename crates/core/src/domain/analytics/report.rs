//! Every section of the Analytics view at once, for a scope: what the view draws and what the
//! benchmarks time.

use super::forecast::Forecast;
use super::funnel::Funnel;
use super::nps::Nps;
use super::outcomes::Outcomes;
use super::stays::Stays;
use super::Scope;
use crate::domain::ids::DirectionId;
use crate::domain::time::Stamp;
use crate::domain::workspace::Workspace;

/// The sections that follow the direction and owner filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scoped {
    /// The funnel of the chosen direction, or of every direction in order.
    pub funnels: Vec<(DirectionId, Funnel)>,
    /// Time in stage, likewise.
    pub stays: Vec<(DirectionId, Stays)>,
    /// Won and lost.
    pub outcomes: Outcomes,
    /// NPS.
    pub nps: Nps,
}

impl Workspace {
    /// The directions a one-direction section is drawn for: the chosen one, or every one
    /// in use (an archived direction only while it still has deals).
    pub fn analytics_directions(&self, direction: Option<DirectionId>) -> Vec<DirectionId> {
        match direction {
            Some(d) => self.direction(d).map(|d| d.id).into_iter().collect(),
            None => self
                .directions()
                .filter(|d| !d.archived || self.deals_in_direction(d.id) > 0)
                .map(|d| d.id)
                .collect(),
        }
    }

    /// The sections that follow the filters, at `now` (for the deals in a stage now).
    pub fn analytics_scoped(&self, scope: Scope, now: Stamp) -> Scoped {
        let directions = self.analytics_directions(scope.direction);
        Scoped {
            funnels: self.funnels(&directions, scope),
            stays: self.stays_of(&directions, scope, now),
            outcomes: self.outcomes(scope),
            nps: self.nps(scope),
        }
    }

    /// The whole view: the scoped sections and the forecast (always over every direction).
    pub fn analytics_report(&self, scope: Scope, now: Stamp) -> (Scoped, Forecast) {
        (
            self.analytics_scoped(scope, now),
            self.forecast(scope.period),
        )
    }
}
