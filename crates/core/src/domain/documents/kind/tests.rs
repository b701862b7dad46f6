use super::*;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn issued(kind: DocumentKind, number: DocumentNumber, cancelled: bool) -> Issued {
    Issued {
        kind,
        number,
        date: day(number.year, 6, 1),
        amount: Money(100),
        cancelled,
        snapshot: String::new(),
    }
}

#[test]
fn the_first_of_a_year_is_one_and_each_kind_counts_alone() {
    let none: Vec<Issued> = Vec::new();
    assert_eq!(
        next_number(&none, DocumentKind::Invoice, day(2026, 12, 4)),
        DocumentNumber { year: 2026, seq: 1 }
    );
    let made = vec![
        issued(
            DocumentKind::Invoice,
            DocumentNumber { year: 2026, seq: 1 },
            false,
        ),
        issued(
            DocumentKind::Invoice,
            DocumentNumber { year: 2026, seq: 2 },
            false,
        ),
        issued(
            DocumentKind::Act,
            DocumentNumber { year: 2026, seq: 1 },
            false,
        ),
    ];
    assert_eq!(
        next_number(&made, DocumentKind::Invoice, day(2026, 12, 4)).seq,
        3
    );
    assert_eq!(
        next_number(&made, DocumentKind::Act, day(2026, 12, 4)).seq,
        2
    );
    assert_eq!(
        next_number(&made, DocumentKind::Offer, day(2026, 12, 4)).seq,
        1
    );
    // A new year starts again from 1.
    assert_eq!(
        next_number(&made, DocumentKind::Invoice, day(2027, 1, 1)),
        DocumentNumber { year: 2027, seq: 1 }
    );
}

#[test]
fn a_cancelled_number_is_never_reused() {
    let made = vec![
        issued(
            DocumentKind::Invoice,
            DocumentNumber { year: 2026, seq: 1 },
            false,
        ),
        issued(
            DocumentKind::Invoice,
            DocumentNumber { year: 2026, seq: 2 },
            true,
        ),
    ];
    assert_eq!(
        next_number(&made, DocumentKind::Invoice, day(2026, 12, 31)).seq,
        3
    );
}

proptest! {
    /// Issuing documents one after another in any order of kinds and dates numbers each kind's
    /// year 1, 2, 3 … with no gap and no repeat, whichever of them are cancelled.
    #[test]
    fn numbers_run_without_gaps(steps in prop::collection::vec((0usize..4, 2025i32..2028, any::<bool>()), 0..80)) {
        let mut made: Vec<Issued> = Vec::new();
        for (kind, year, cancel) in steps {
            let kind = DocumentKind::ALL[kind];
            let number = next_number(&made, kind, day(year, 3, 15));
            made.push(issued(kind, number, cancel));
        }
        for kind in DocumentKind::ALL {
            for year in 2025..2028 {
                let mut seqs: Vec<u32> = made
                    .iter()
                    .filter(|d| d.kind == kind && d.number.year == year)
                    .map(|d| d.number.seq)
                    .collect();
                seqs.sort_unstable();
                let expected: Vec<u32> = (1..=seqs.len() as u32).collect();
                prop_assert_eq!(seqs, expected);
            }
        }
    }
}
