//! A deal's place in its column as a number (`rank`): the column is its deals sorted by rank,
//! then id. A reorder gives new ranks only to the deals that moved (those outside the longest
//! run of ranks already in order), so a drag rewrites one document, not a column.

use crate::domain::DealId;
use std::collections::HashMap;

/// Ranks for `column` (deal ids in the order shown) that sort in that order: a deal keeps its
/// `known` rank when it is part of the longest increasing run of known ranks; the others get
/// ranks spread between their neighbours.
pub fn assign(column: &[DealId], known: &HashMap<DealId, f64>) -> Vec<f64> {
    let ranks: Vec<Option<f64>> = column
        .iter()
        .map(|id| known.get(id).copied().filter(|r| r.is_finite()))
        .collect();
    let keep = longest_increasing(&ranks);
    let mut out = vec![0.0; column.len()];
    let mut i = 0;
    let mut below: Option<f64> = None;
    while i < column.len() {
        if keep[i] {
            let r = ranks[i].expect("kept ranks are known");
            out[i] = r;
            below = Some(r);
            i += 1;
            continue;
        }
        // A run of deals to rank: between `below` and the next kept rank.
        let start = i;
        while i < column.len() && !keep[i] {
            i += 1;
        }
        let above = (i < column.len()).then(|| ranks[i].expect("kept ranks are known"));
        let n = i - start;
        for (k, slot) in out[start..i].iter_mut().enumerate() {
            let k = (k + 1) as f64;
            *slot = match (below, above) {
                (Some(lo), Some(hi)) => lo + (hi - lo) * k / (n as f64 + 1.0),
                (Some(lo), None) => lo + k,
                (None, Some(hi)) => hi - (n as f64 + 1.0 - k),
                (None, None) => k,
            };
        }
    }
    // Ranks squeezed below what a float tells apart: the whole column anew, evenly.
    if out.windows(2).any(|w| w[0] >= w[1]) {
        return (1..=column.len()).map(|k| k as f64).collect();
    }
    out
}

/// Which entries form a longest strictly increasing run of known ranks (patience sort).
fn longest_increasing(ranks: &[Option<f64>]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; ranks.len()];
    for (i, r) in ranks.iter().enumerate() {
        let Some(r) = *r else { continue };
        let at = tails.partition_point(|&t| ranks[t].expect("tails are known") < r);
        prev[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; ranks.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(n: u32) -> Vec<DealId> {
        (0..n).map(DealId).collect()
    }

    #[test]
    fn a_moved_card_alone_gets_a_new_rank() {
        let column = ids(5);
        let known: HashMap<_, _> = column.iter().map(|&d| (d, f64::from(d.0))).collect();
        // Deal 4 dragged to the top.
        let moved = vec![DealId(4), DealId(0), DealId(1), DealId(2), DealId(3)];
        let ranks = assign(&moved, &known);
        let changed: Vec<_> = moved
            .iter()
            .zip(&ranks)
            .filter(|(d, r)| known[d] != **r)
            .collect();
        assert_eq!(changed.len(), 1);
        assert!(ranks.windows(2).all(|w| w[0] < w[1]));
    }

    proptest! {
        #[test]
        fn ranks_always_sort_in_the_shown_order(
            order in Just(ids(12)).prop_shuffle(),
            known in proptest::collection::vec(proptest::option::of(-50.0f64..50.0), 12),
        ) {
            let known: HashMap<_, _> = ids(12)
                .into_iter()
                .zip(known)
                .filter_map(|(d, r)| r.map(|r| (d, r)))
                .collect();
            let ranks = assign(&order, &known);
            prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
