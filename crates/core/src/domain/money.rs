//! Money as integer minor units (kopecks, cents): never floats.

use super::Lang;
use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// An amount in the workspace currency, in minor units (1 ₽ = 100).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// An amount of whole major units (roubles, dollars).
    pub const fn major(units: i64) -> Money {
        Money(units * 100)
    }

    /// The share `percent`/100 of this amount, rounded half away from zero.
    pub fn percent(self, percent: u8) -> Money {
        let p = i128::from(self.0) * i128::from(percent);
        Money(((p + p.signum() * 50) / 100) as i64)
    }

    /// Saturating sum, so that absurd totals can never wrap around.
    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        self.saturating_add(rhs)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// The currency a workspace keeps its amounts in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    /// Russian rouble, ₽.
    #[default]
    Rub,
    /// US dollar, $.
    Usd,
    /// Euro, €.
    Eur,
}

impl Currency {
    /// The sign shown beside amounts.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Rub => "₽",
            Currency::Usd => "$",
            Currency::Eur => "€",
        }
    }

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Rub => "RUB",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }
}

impl Currency {
    /// The currency of a new workspace started in `lang`: roubles in Russian, dollars in
    /// English (changed later in the Data view).
    pub fn for_new_workspace(lang: Lang) -> Currency {
        match lang {
            Lang::Ru => Currency::Rub,
            Lang::En => Currency::Usd,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_half_away_from_zero() {
        assert_eq!(Money(150).percent(50), Money(75));
        assert_eq!(Money(101).percent(50), Money(51));
        assert_eq!(Money(-101).percent(50), Money(-51));
        assert_eq!(Money::major(10).percent(0), Money::ZERO);
        assert_eq!(Money::major(10).percent(100), Money::major(10));
    }

    #[test]
    fn sums_saturate_instead_of_wrapping() {
        assert_eq!(Money(i64::MAX) + Money(1), Money(i64::MAX));
        assert_eq!([Money(1), Money(2)].into_iter().sum::<Money>(), Money(3));
    }
}
