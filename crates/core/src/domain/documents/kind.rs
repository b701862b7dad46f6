//! The four kinds of documents a deal makes, and their numbers: each kind numbered per year from
//! 1, with no gap and no number used twice.

use crate::domain::Money;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A commercial offer («Коммерческое предложение») / a quote.
    Offer,
    /// An invoice for payment («Счёт на оплату»).
    Invoice,
    /// A contract («Договор»).
    Contract,
    /// A closing act («Акт выполненных работ / оказанных услуг») / a delivery note.
    Act,
}

impl DocumentKind {
    /// Every kind, in the order a deal usually makes them.
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::Offer,
        DocumentKind::Contract,
        DocumentKind::Invoice,
        DocumentKind::Act,
    ];

    /// The kind's name in templates and stored records: `offer`, `invoice`, `contract`, `act`.
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::Offer => "offer",
            DocumentKind::Invoice => "invoice",
            DocumentKind::Contract => "contract",
            DocumentKind::Act => "act",
        }
    }

    /// Whether the kind needs product lines: an offer, an invoice and an act list what is sold;
    /// a contract may be made before the lines are known.
    pub fn needs_lines(self) -> bool {
        !matches!(self, DocumentKind::Contract)
    }
}

/// A document's number: its sequence within its kind and year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentNumber {
    /// The year the number belongs to (the document's date's year).
    pub year: i32,
    /// 1, 2, 3 … within the kind and year.
    pub seq: u32,
}

/// A document as it was issued: what the deal's list shows and what opens again exactly as
/// printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    /// Its kind.
    pub kind: DocumentKind,
    /// Its number.
    pub number: DocumentNumber,
    /// Its date.
    pub date: NaiveDate,
    /// The amount it states (the lines' total, VAT included).
    pub amount: Money,
    /// Cancelled documents keep their number, so that the sequence stays without gaps.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// The HTML that was printed, kept as it was.
    pub snapshot: String,
}

/// The number the next document of `kind` dated `date` takes, given every document issued so
/// far: one more than the largest of its kind and year, cancelled ones included (a cancelled
/// number is never reused), 1 for the year's first.
pub fn next_number<'a>(
    issued: impl IntoIterator<Item = &'a Issued>,
    kind: DocumentKind,
    date: NaiveDate,
) -> DocumentNumber {
    let year = date.year();
    let last = issued
        .into_iter()
        .filter(|d| d.kind == kind && d.number.year == year)
        .map(|d| d.number.seq)
        .max()
        .unwrap_or(0);
    DocumentNumber {
        year,
        seq: last.saturating_add(1),
    }
}

#[cfg(test)]
mod tests;
