use super::*;
use proptest::prelude::*;

fn line(quantity: Quantity, price: i64, discount: Discount, vat: Vat) -> Line {
    Line {
        name: "Консультация".into(),
        unit: "час".into(),
        quantity,
        price: Money(price),
        discount,
        vat,
    }
}

#[test]
fn a_line_with_vat_included() {
    // 3 × 1 000,00 ₽ at 22 %, VAT inside: 3 000,00 of which 3 000 × 22 / 122 = 540,98.
    let f =
        line(Quantity::whole(3), 100_000, Discount::None, Vat::Rate(22)).figures(VatMode::Included);
    let f = f.unwrap();
    assert_eq!(
        (f.gross, f.discount, f.amount),
        (Money(300_000), Money::ZERO, Money(300_000))
    );
    assert_eq!((f.vat, f.total), (Money(54_098), Money(300_000)));
}

#[test]
fn a_line_with_vat_on_top() {
    let f =
        line(Quantity::whole(3), 100_000, Discount::None, Vat::Rate(22)).figures(VatMode::OnTop);
    let f = f.unwrap();
    assert_eq!(
        (f.amount, f.vat, f.total),
        (Money(300_000), Money(66_000), Money(366_000))
    );
}

#[test]
fn fractions_and_discounts_round_half_away_from_zero_on_the_line() {
    // 1.5 hours × 0,33 ₽ = 0,495 → 0,50.
    let f = line(Quantity(1500), 33, Discount::None, Vat::Exempt)
        .figures(VatMode::Included)
        .unwrap();
    assert_eq!(
        (f.gross, f.vat, f.total),
        (Money(50), Money::ZERO, Money(50))
    );
    // 12.5 % off 1,00 ₽ is 0,125 → 0,13.
    let f = line(
        Quantity::whole(1),
        100,
        Discount::Percent(1250),
        Vat::Exempt,
    )
    .figures(VatMode::Included)
    .unwrap();
    assert_eq!((f.discount, f.amount), (Money(13), Money(87)));
    // VAT 10 % on top of 0,05 ₽ is 0,005 → 0,01.
    let f = line(Quantity::whole(1), 5, Discount::None, Vat::Rate(10))
        .figures(VatMode::OnTop)
        .unwrap();
    assert_eq!((f.vat, f.total), (Money(1), Money(6)));
    let f = line(
        Quantity::whole(2),
        1_000,
        Discount::Amount(Money(150)),
        Vat::Rate(0),
    )
    .figures(VatMode::OnTop)
    .unwrap();
    assert_eq!(
        (f.amount, f.vat, f.total),
        (Money(1_850), Money::ZERO, Money(1_850))
    );
}

#[test]
fn absurd_lines_are_refused() {
    let mode = VatMode::Included;
    let bad = |q, p, d| line(q, p, d, Vat::Rate(22)).figures(mode);
    assert_eq!(
        bad(Quantity(0), 100, Discount::None),
        Err(LineError::Quantity)
    );
    assert_eq!(
        bad(Quantity(-1000), 100, Discount::None),
        Err(LineError::Quantity)
    );
    assert_eq!(
        bad(Quantity(Quantity::MAX.0 + 1), 100, Discount::None),
        Err(LineError::Quantity)
    );
    assert_eq!(
        bad(Quantity::whole(1), -1, Discount::None),
        Err(LineError::Price)
    );
    assert_eq!(
        bad(Quantity::whole(1), MAX_AMOUNT + 1, Discount::None),
        Err(LineError::Price)
    );
    assert_eq!(
        bad(Quantity::whole(2), MAX_AMOUNT, Discount::None),
        Err(LineError::TooLarge)
    );
    assert_eq!(
        bad(Quantity::whole(1), 100, Discount::Percent(10_001)),
        Err(LineError::Discount)
    );
    assert_eq!(
        bad(Quantity::whole(1), 100, Discount::Amount(Money(101))),
        Err(LineError::Discount)
    );
    assert_eq!(
        bad(Quantity::whole(1), 100, Discount::Amount(Money(-1))),
        Err(LineError::Discount)
    );
    let rate = line(Quantity::whole(1), 100, Discount::None, Vat::Rate(101)).figures(mode);
    assert_eq!(rate, Err(LineError::VatRate));
}

#[test]
fn deal_totals_add_the_rounded_lines_and_split_the_vat_by_rate() {
    let lines = [
        line(
            Quantity::whole(3),
            100_000,
            Discount::Percent(1000),
            Vat::Rate(22),
        ),
        line(Quantity(2500), 40_000, Discount::None, Vat::Rate(10)),
        line(
            Quantity::whole(1),
            12_345,
            Discount::Amount(Money(345)),
            Vat::Rate(22),
        ),
    ];
    let t = totals(&lines, VatMode::Included).unwrap();
    // 2 700,00 (VAT 486,89) + 1 000,00 (VAT 90,91) + 120,00 (VAT 21,64).
    assert_eq!(t.amount, Money(382_000));
    assert_eq!(t.discount, Money(30_345));
    assert_eq!(
        t.vat_by_rate,
        vec![(22, Money(48_689 + 2_164)), (10, Money(9_091))]
    );
    assert_eq!(t.vat, Money(48_689 + 2_164 + 9_091));
    assert_eq!(t.total, Money(382_000));
    assert!(!t.exempt);
    let exempt = [line(Quantity::whole(1), 100, Discount::None, Vat::Exempt)];
    assert!(totals(&exempt, VatMode::OnTop).unwrap().exempt);
    let with_bad = [
        lines[0].clone(),
        line(Quantity(0), 1, Discount::None, Vat::Exempt),
    ];
    assert_eq!(
        totals(&with_bad, VatMode::OnTop),
        Err((1, LineError::Quantity))
    );
}

fn any_line() -> impl Strategy<Value = Line> {
    let discount = prop_oneof![
        Just(Discount::None),
        (0u16..=10_000).prop_map(Discount::Percent),
        (0i64..=1_000_000).prop_map(|a| Discount::Amount(Money(a))),
    ];
    let vat = prop_oneof![
        Just(Vat::Exempt),
        prop::sample::select(vec![0u8, 5, 7, 10, 20, 22]).prop_map(Vat::Rate)
    ];
    (1i64..=1_000_000, 0i64..=10_000_000, discount, vat)
        .prop_map(|(q, p, discount, vat)| line(Quantity(q), p, discount, vat))
}

proptest! {
    /// Whatever the lines, the printed columns add up: every line's total is its sum and its
    /// VAT (on top) or holds its VAT (included), and the deal's totals are the lines' sums.
    #[test]
    fn the_columns_add_up(lines in prop::collection::vec(any_line(), 0..20), on_top in any::<bool>()) {
        let mode = if on_top { VatMode::OnTop } else { VatMode::Included };
        let Ok(t) = totals(&lines, mode) else {
            // Only a discount larger than its line is refused here.
            prop_assert!(lines.iter().any(|l| matches!(l.figures(mode), Err(LineError::Discount))));
            return Ok(());
        };
        for (l, f) in lines.iter().zip(&t.lines) {
            prop_assert_eq!(f.gross - f.discount, f.amount);
            prop_assert!(f.amount.0 >= 0 && f.vat.0 >= 0 && f.vat <= f.total);
            match mode {
                VatMode::Included => prop_assert_eq!(f.total, f.amount),
                VatMode::OnTop => prop_assert_eq!(f.total, f.amount + f.vat),
            }
            if l.vat == Vat::Exempt || l.vat == Vat::Rate(0) {
                prop_assert_eq!(f.vat, Money::ZERO);
            }
            // The exact VAT is within half a kopeck of the rounded one.
            if let Vat::Rate(r) = l.vat {
                let base = if on_top { 100 } else { 100 + i128::from(r) };
                let exact2 = 2 * i128::from(f.amount.0) * i128::from(r);
                prop_assert!((2 * i128::from(f.vat.0) * base - exact2).abs() <= base);
            }
        }
        prop_assert_eq!(t.amount, t.lines.iter().map(|f| f.amount).sum::<Money>());
        prop_assert_eq!(t.total, t.lines.iter().map(|f| f.total).sum::<Money>());
        prop_assert_eq!(t.vat, t.vat_by_rate.iter().map(|(_, v)| *v).sum::<Money>());
    }
}
