//! A deal's product lines and their totals, in integer minor units.
//!
//! One rounding rule, as Russian invoices apply it: every figure of a line (its sum, its
//! discount, its VAT) is rounded to the kopeck on the line, half away from zero; the deal's
//! totals are sums of the rounded line figures, so the printed columns always add up.

use crate::domain::validate::MAX_AMOUNT;
use crate::domain::Money;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A quantity in thousandths of its unit: 1.5 hours is `Quantity(1500)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Quantity(pub i64);

impl Quantity {
    /// Thousandths in one unit.
    pub const SCALE: i64 = 1000;
    /// The largest quantity a line takes (a billion units).
    pub const MAX: Quantity = Quantity(1_000_000_000 * Self::SCALE);

    /// `n` whole units.
    pub const fn whole(n: i64) -> Quantity {
        Quantity(n * Self::SCALE)
    }
}

/// A line's VAT: a rate in whole percent, or none at all («Без НДС»), which an invoice states
/// differently from a 0 % rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Vat {
    /// «Без НДС» / "No VAT": the seller does not charge it.
    Exempt,
    /// A rate in percent: 22, 10, 0 …
    Rate(u8),
}

impl Vat {
    /// Russia's rates in force from 1 January 2026 (the 2025 tax reform raised the standard rate
    /// from 20 % to 22 %), the simplified system's 5 % and 7 %, and no VAT: the list a new
    /// workspace starts with.
    pub const RUSSIA_2026: [Vat; 6] = [
        Vat::Rate(22),
        Vat::Rate(10),
        Vat::Rate(0),
        Vat::Rate(5),
        Vat::Rate(7),
        Vat::Exempt,
    ];
}

/// Whether the prices a workspace enters already hold their VAT.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum VatMode {
    /// Prices include VAT; the invoice states «В том числе НДС».
    #[default]
    Included,
    /// VAT is charged on top of the prices; the invoice adds «НДС» to «Итого».
    OnTop,
}

/// A discount on a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Discount {
    /// No discount.
    #[default]
    None,
    /// A share of the line's sum in hundredths of a percent: 12.5 % is `Percent(1250)`.
    Percent(u16),
    /// A fixed amount off the line's sum.
    Amount(Money),
}

/// A deal's line: what is sold, how much and at what price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The product's name as it appears on documents (copied from the catalogue or typed).
    pub name: String,
    /// The unit: «шт.», «час», «услуга» …
    pub unit: String,
    /// How many units.
    pub quantity: Quantity,
    /// The price of one unit, as entered (with or without VAT per the workspace's [`VatMode`]).
    pub price: Money,
    /// The discount on the line.
    pub discount: Discount,
    /// The VAT the line carries.
    pub vat: Vat,
}

/// Why a line was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum LineError {
    /// A quantity of zero or less, or above [`Quantity::MAX`].
    #[error("the quantity must be above zero")]
    Quantity,
    /// A negative price or one above the largest amount.
    #[error("the price is out of range")]
    Price,
    /// A discount above 100 % or above the line's sum, or a negative one.
    #[error("the discount is larger than the line")]
    Discount,
    /// A VAT rate above 100 %.
    #[error("the VAT rate is out of range")]
    VatRate,
    /// The line's or the deal's total above the largest amount the app accepts.
    #[error("the total is too large")]
    TooLarge,
}

/// A line's figures, each rounded to the minor unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineFigures {
    /// Price × quantity, before the discount.
    pub gross: Money,
    /// What the discount takes off.
    pub discount: Money,
    /// The line's sum after the discount, as priced (VAT inside it or not, per the mode).
    pub amount: Money,
    /// The VAT of the line (zero when exempt).
    pub vat: Money,
    /// What the buyer pays for the line, VAT included.
    pub total: Money,
}

/// `numerator / denominator` rounded half away from zero.
fn div_round(numerator: i128, denominator: i128) -> i128 {
    let half = denominator / 2;
    if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    }
}

/// Within the largest amount the app accepts.
fn in_range(amount: i128) -> Result<Money, LineError> {
    if (0..=i128::from(MAX_AMOUNT)).contains(&amount) {
        Ok(Money(amount as i64))
    } else {
        Err(LineError::TooLarge)
    }
}

impl Line {
    /// The line's figures under `mode`, or why the line cannot stand.
    pub fn figures(&self, mode: VatMode) -> Result<LineFigures, LineError> {
        if self.quantity.0 <= 0 || self.quantity > Quantity::MAX {
            return Err(LineError::Quantity);
        }
        if !(0..=MAX_AMOUNT).contains(&self.price.0) {
            return Err(LineError::Price);
        }
        let gross = div_round(
            i128::from(self.price.0) * i128::from(self.quantity.0),
            i128::from(Quantity::SCALE),
        );
        let gross = in_range(gross)?;
        let discount = match self.discount {
            Discount::None => Money::ZERO,
            Discount::Percent(p) if p <= 10_000 => {
                Money(div_round(i128::from(gross.0) * i128::from(p), 10_000) as i64)
            }
            Discount::Amount(a) if (0..=gross.0).contains(&a.0) => a,
            _ => return Err(LineError::Discount),
        };
        let amount = gross - discount;
        let rate = match self.vat {
            Vat::Exempt => 0,
            Vat::Rate(r) if r <= 100 => i128::from(r),
            Vat::Rate(_) => return Err(LineError::VatRate),
        };
        let (vat, total) = match mode {
            VatMode::Included => (
                div_round(i128::from(amount.0) * rate, 100 + rate),
                amount.0.into(),
            ),
            VatMode::OnTop => {
                let vat = div_round(i128::from(amount.0) * rate, 100);
                (vat, i128::from(amount.0) + vat)
            }
        };
        Ok(LineFigures {
            gross,
            discount,
            amount,
            vat: Money(vat as i64),
            total: in_range(total)?,
        })
    }
}

/// A deal's totals: the sums of its lines' rounded figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Each line's figures, in the lines' order.
    pub lines: Vec<LineFigures>,
    /// The sum of the lines' sums after discounts, as priced («Итого»).
    pub amount: Money,
    /// The sum of the lines' discounts.
    pub discount: Money,
    /// The VAT of each rate the lines carry, in the order the rates first appear; exempt lines
    /// are not listed.
    pub vat_by_rate: Vec<(u8, Money)>,
    /// All the VAT.
    pub vat: Money,
    /// What the buyer pays, VAT included («Всего к оплате»): the deal's amount.
    pub total: Money,
    /// Whether every line is exempt: the invoice then says «Без НДС».
    pub exempt: bool,
}

/// The totals of `lines` under `mode`, or the first line that cannot stand with its index.
pub fn totals(lines: &[Line], mode: VatMode) -> Result<Totals, (usize, LineError)> {
    let mut out = Totals {
        exempt: true,
        ..Totals::default()
    };
    for (i, line) in lines.iter().enumerate() {
        let f = line.figures(mode).map_err(|e| (i, e))?;
        out.amount += f.amount;
        out.discount += f.discount;
        out.vat += f.vat;
        out.total =
            in_range(i128::from(out.total.0) + i128::from(f.total.0)).map_err(|e| (i, e))?;
        if let Vat::Rate(rate) = line.vat {
            out.exempt = false;
            match out.vat_by_rate.iter_mut().find(|(r, _)| *r == rate) {
                Some((_, sum)) => *sum += f.vat,
                None => out.vat_by_rate.push((rate, f.vat)),
            }
        }
        out.lines.push(f);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
