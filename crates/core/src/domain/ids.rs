//! Typed identifiers. Every id comes from the workspace's single counter, so ids are small,
//! deterministic (a replayed command gets the same id) and never reused.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a sales rep.
    EmployeeId,
    "e"
);
id_type!(
    /// Identifies a direction (pipeline).
    DirectionId,
    "d"
);
id_type!(
    /// Identifies a stage; unique across all directions.
    StageId,
    "s"
);
id_type!(
    /// Identifies a deal.
    DealId,
    "deal"
);
