//! Typed identifiers. Every id comes from the workspace's single counter, so ids are small,
//! deterministic (a replayed command gets the same id) and never reused. A browser of a team
//! takes only the ids of its own [`IdSlot`], so two browsers never hand out the same id.

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

/// The ids a browser of a team hands out: those equal to `slot` modulo `stride`. Every
/// browser of a team reserves its own slot on the server, so ids made offline in two
/// browsers never collide, while the workspace keeps one counter above every id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdSlot {
    /// This browser's residue, below `stride`.
    pub slot: u32,
    /// How many slots a team has.
    pub stride: u32,
}

impl IdSlot {
    /// Slots a team has: 1,024 browsers, each with about four million ids.
    pub const STRIDE: u32 = 1024;

    /// Slot `slot` of a team (`None` when it is not below [`IdSlot::STRIDE`]).
    pub fn new(slot: u32) -> Option<IdSlot> {
        (slot < Self::STRIDE).then_some(IdSlot {
            slot,
            stride: Self::STRIDE,
        })
    }

    /// The first id of this slot at or above `from`.
    pub fn first_from(self, from: u32) -> u32 {
        let stride = self.stride.max(1);
        let base = from - from % stride + self.slot % stride;
        if base >= from {
            base
        } else {
            base + stride
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IdSlot;

    #[test]
    fn a_slot_hands_out_its_own_residue_at_or_above_the_counter() {
        let slot = IdSlot::new(3).unwrap();
        assert_eq!(slot.first_from(0), 3);
        assert_eq!(slot.first_from(3), 3);
        assert_eq!(slot.first_from(4), 1024 + 3);
        assert_eq!(slot.first_from(2048), 2048 + 3);
        assert!(IdSlot::new(1024).is_none());
    }
}
