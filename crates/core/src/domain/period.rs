//! Plan periods: a month, quarter, half-year or year of a calendar year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The four kinds of period a plan can be set for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// Three months: January–March, April–June, …
    Quarter,
    /// Six months: January–June or July–December.
    HalfYear,
    /// A calendar year.
    Year,
}

impl PeriodKind {
    /// All kinds, shortest first.
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::HalfYear,
        PeriodKind::Year,
    ];

    /// How many periods of this kind a year has.
    pub fn per_year(self) -> u8 {
        match self {
            PeriodKind::Month => 12,
            PeriodKind::Quarter => 4,
            PeriodKind::HalfYear => 2,
            PeriodKind::Year => 1,
        }
    }

    /// How many months one period of this kind spans.
    pub fn months(self) -> u8 {
        12 / self.per_year()
    }

    /// The next shorter kind, whose periods a period of this kind sums up.
    pub fn shorter(self) -> Option<PeriodKind> {
        match self {
            PeriodKind::Month => None,
            PeriodKind::Quarter => Some(PeriodKind::Month),
            PeriodKind::HalfYear => Some(PeriodKind::Quarter),
            PeriodKind::Year => Some(PeriodKind::HalfYear),
        }
    }
}

/// One period: e.g. the 3rd quarter of 2026. `index` counts from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    /// Calendar year.
    pub year: i32,
    /// Month, quarter, half-year or year.
    pub kind: PeriodKind,
    /// 1-based number within the year (1..=12 for months, 1..=4 for quarters, …).
    pub index: u8,
}

impl Period {
    /// A period, or `None` when `index` is outside the year.
    pub fn new(year: i32, kind: PeriodKind, index: u8) -> Option<Period> {
        ((1..=kind.per_year()).contains(&index) && (1900..=9999).contains(&year))
            .then_some(Period { year, kind, index })
    }

    /// The month of `year` numbered `month` (1–12). Panics on a bad month: for literals.
    pub fn month(year: i32, month: u8) -> Period {
        Period::new(year, PeriodKind::Month, month).expect("month in 1..=12")
    }

    /// The period of kind `kind` that contains `date`.
    pub fn containing(date: NaiveDate, kind: PeriodKind) -> Period {
        let month0 = date.month0() as u8;
        Period {
            year: date.year(),
            kind,
            index: month0 / kind.months() + 1,
        }
    }

    /// Whether this period is valid (index within the year).
    pub fn is_valid(&self) -> bool {
        Period::new(self.year, self.kind, self.index).is_some()
    }

    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        let month = (u32::from(self.index) - 1) * u32::from(self.kind.months()) + 1;
        NaiveDate::from_ymd_opt(self.year, month, 1).expect("a valid period starts on a real day")
    }

    /// The first day after the period.
    pub fn end(&self) -> NaiveDate {
        self.next().start()
    }

    /// Number of days in the period.
    pub fn days(&self) -> i64 {
        (self.end() - self.start()).num_days()
    }

    /// Whether `date` falls within the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.start() && date < self.end()
    }

    /// The following period of the same kind.
    pub fn next(&self) -> Period {
        if self.index == self.kind.per_year() {
            Period {
                year: self.year + 1,
                index: 1,
                ..*self
            }
        } else {
            Period {
                index: self.index + 1,
                ..*self
            }
        }
    }

    /// The preceding period of the same kind.
    pub fn prev(&self) -> Period {
        if self.index == 1 {
            Period {
                year: self.year - 1,
                index: self.kind.per_year(),
                ..*self
            }
        } else {
            Period {
                index: self.index - 1,
                ..*self
            }
        }
    }

    /// The shorter periods this one sums up: a quarter's three months, a half-year's two
    /// quarters, a year's two halves. Empty for a month.
    pub fn children(&self) -> Vec<Period> {
        let Some(shorter) = self.kind.shorter() else {
            return Vec::new();
        };
        let ratio = shorter.per_year() / self.kind.per_year();
        let first = (self.index - 1) * ratio + 1;
        (first..first + ratio)
            .map(|index| Period {
                year: self.year,
                kind: shorter,
                index,
            })
            .collect()
    }

    /// All periods of `kind` in `year`, in order.
    pub fn all_in_year(year: i32, kind: PeriodKind) -> Vec<Period> {
        (1..=kind.per_year())
            .map(|index| Period { year, kind, index })
            .collect()
    }

    /// The quarter (1–4) a month or a quarter falls in; `None` for a half-year or a year,
    /// which a quarter does not hold.
    pub fn quarter(&self) -> Option<u8> {
        match self.kind {
            PeriodKind::Month => Some((self.index - 1) / 3 + 1),
            PeriodKind::Quarter => Some(self.index),
            PeriodKind::HalfYear | PeriodKind::Year => None,
        }
    }

    /// A year's periods in the order a plan is read: each quarter after its months (only the
    /// months of the quarters in `unfolded`), each half-year after its two quarters, the year
    /// last — every sum after what it sums.
    pub fn year_as_read(year: i32, unfolded: &[u8]) -> Vec<Period> {
        let mut columns = Vec::with_capacity(19);
        for quarter in 1..=4u8 {
            if unfolded.contains(&quarter) {
                columns.extend((quarter * 3 - 2..=quarter * 3).map(|m| Period::month(year, m)));
            }
            columns.extend(Period::new(year, PeriodKind::Quarter, quarter));
            if quarter % 2 == 0 {
                columns.extend(Period::new(year, PeriodKind::HalfYear, quarter / 2));
            }
        }
        columns.extend(Period::new(year, PeriodKind::Year, 1));
        columns
    }

    /// The share of the period elapsed by the end of `today`, in basis points (0–10 000):
    /// where the plan should be by today if the work were spread evenly.
    pub fn elapsed_bp(&self, today: NaiveDate) -> u32 {
        if today < self.start() {
            0
        } else if today >= self.end() {
            10_000
        } else {
            let elapsed = (today - self.start()).num_days() + 1;
            (elapsed * 10_000 / self.days()) as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn containing_picks_the_right_period_of_each_kind() {
        let day = d(2026, 8, 15);
        assert_eq!(Period::containing(day, PeriodKind::Month).index, 8);
        assert_eq!(Period::containing(day, PeriodKind::Quarter).index, 3);
        assert_eq!(Period::containing(day, PeriodKind::HalfYear).index, 2);
        assert_eq!(Period::containing(day, PeriodKind::Year).index, 1);
    }

    #[test]
    fn bounds_and_stepping_cross_years() {
        let q4 = Period::new(2026, PeriodKind::Quarter, 4).unwrap();
        assert_eq!(q4.start(), d(2026, 10, 1));
        assert_eq!(q4.end(), d(2027, 1, 1));
        assert_eq!(
            q4.next(),
            Period::new(2027, PeriodKind::Quarter, 1).unwrap()
        );
        assert_eq!(q4.next().prev(), q4);
        assert_eq!(Period::month(2028, 2).days(), 29);
        assert!(Period::new(2026, PeriodKind::Month, 13).is_none());
        assert!(Period::new(2026, PeriodKind::HalfYear, 0).is_none());
    }

    #[test]
    fn children_tile_the_parent() {
        for kind in [PeriodKind::Quarter, PeriodKind::HalfYear, PeriodKind::Year] {
            for p in Period::all_in_year(2026, kind) {
                let kids = p.children();
                assert_eq!(kids.first().unwrap().start(), p.start());
                assert_eq!(kids.last().unwrap().end(), p.end());
                assert_eq!(kids.iter().map(Period::days).sum::<i64>(), p.days());
            }
        }
        assert!(Period::month(2026, 1).children().is_empty());
    }

    #[test]
    fn quarters_and_the_order_a_plan_is_read_in() {
        for m in 1..=12u8 {
            assert_eq!(Period::month(2026, m).quarter(), Some(m.div_ceil(3)));
        }
        let q4 = Period::new(2026, PeriodKind::Quarter, 4).unwrap();
        assert_eq!(q4.quarter(), Some(4));
        assert_eq!(q4.next().quarter(), Some(1), "the next year's first");
        assert_eq!(
            Period::new(2026, PeriodKind::HalfYear, 2)
                .unwrap()
                .quarter(),
            None
        );
        assert_eq!(
            Period::new(2026, PeriodKind::Year, 1).unwrap().quarter(),
            None
        );
        let key = |p: &Period| format!("{:?}{}", p.kind, p.index);
        let folded: Vec<String> = Period::year_as_read(2026, &[]).iter().map(key).collect();
        assert_eq!(
            folded,
            [
                "Quarter1",
                "Quarter2",
                "HalfYear1",
                "Quarter3",
                "Quarter4",
                "HalfYear2",
                "Year1"
            ]
        );
        let second = Period::year_as_read(2026, &[2]);
        assert_eq!(second.len(), 10);
        assert_eq!(
            second[1..5].iter().map(key).collect::<Vec<_>>(),
            ["Month4", "Month5", "Month6", "Quarter2"]
        );
        // Every sum comes after each period it sums, with every quarter unfolded.
        let all = Period::year_as_read(2026, &[1, 2, 3, 4]);
        assert_eq!(all.len(), 19);
        for (i, p) in all.iter().enumerate() {
            for child in p.children() {
                let at = all.iter().position(|c| *c == child).unwrap();
                assert!(at < i, "{child:?} before {p:?}");
            }
        }
    }

    #[test]
    fn elapsed_share_runs_from_zero_to_full() {
        let nov = Period::month(2026, 11);
        assert_eq!(nov.elapsed_bp(d(2026, 10, 31)), 0);
        assert_eq!(nov.elapsed_bp(d(2026, 11, 15)), 5_000);
        assert_eq!(nov.elapsed_bp(d(2026, 11, 30)), 10_000);
        assert_eq!(nov.elapsed_bp(d(2026, 12, 1)), 10_000);
    }
}
