//! Views of the app, addressed by the URL fragment (`#/board`), so that the bundle works from
//! any sub-path of a static host and a reload keeps the view.

/// One of the app's views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// A rep's day: overdue and due stage tasks.
    Today,
    /// Stage boards.
    #[default]
    Board,
    /// Directions and stages editor.
    Directions,
    /// Sales plans and gauges.
    Plans,
    /// Funnel, time in stage, won and lost, forecast, NPS.
    Analytics,
    /// Export, import and storage.
    Data,
}

impl View {
    /// Every view, in navigation order.
    pub const ALL: [View; 6] = [
        View::Today,
        View::Board,
        View::Directions,
        View::Plans,
        View::Analytics,
        View::Data,
    ];

    /// The fragment that addresses this view.
    pub fn hash(self) -> &'static str {
        match self {
            View::Today => "#/today",
            View::Board => "#/board",
            View::Directions => "#/directions",
            View::Plans => "#/plans",
            View::Analytics => "#/analytics",
            View::Data => "#/data",
        }
    }

    /// The view a fragment addresses; anything unknown opens the board.
    pub fn from_hash(hash: &str) -> View {
        View::parse(hash).unwrap_or_default()
    }

    /// The view a fragment addresses, if it names one.
    pub fn parse(hash: &str) -> Option<View> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let first = path.split(['/', '?']).next().unwrap_or_default();
        View::ALL
            .into_iter()
            .find(|v| v.hash().trim_start_matches("#/") == first)
    }

    /// The view a fragment opens: the one it names, else Today once the workspace has deals
    /// (a rep's morning starts there), else the board.
    pub fn opened_by(hash: &str, has_deals: bool) -> View {
        View::parse(hash).unwrap_or(if has_deals { View::Today } else { View::Board })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_round_trip_and_unknown_opens_the_board() {
        for view in View::ALL {
            assert_eq!(View::from_hash(view.hash()), view);
        }
        assert_eq!(View::from_hash(""), View::Board);
        assert_eq!(View::from_hash("#/nowhere"), View::Board);
        assert_eq!(View::from_hash("#plans"), View::Plans);
        assert_eq!(View::from_hash("#/data/import?x=1"), View::Data);
        assert_eq!(View::opened_by("", true), View::Today);
        assert_eq!(View::opened_by("#/nowhere", false), View::Board);
        assert_eq!(View::opened_by("#/plans", true), View::Plans);
        assert_eq!(View::from_hash("#/analytics"), View::Analytics);
        assert_eq!(View::from_hash("#/board?undated"), View::Board);
    }
}
