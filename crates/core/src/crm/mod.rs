//! Deals in from other CRMs and out as CSV: Bitrix24, amoCRM/Kommo and Pipedrive exports (and
//! any other CSV) are decoded, parsed, mapped onto Voronka's fields and turned into one
//! [`crate::domain::ImportBatch`]; [`export`] writes deals back as CSV that this import reads.
//!
//! Pure Rust like the domain, so every rule is tested natively; the one thing the browser
//! does is decoding Windows-1251, passed in by the caller ([`decode::decode`]).

pub mod columns;
pub mod decode;
pub mod export;
pub mod formula;
pub mod mapping;
pub mod plan;
pub mod table;
pub mod values;

pub use columns::{DealField, Source};
pub use decode::{decode, Encoding};
pub use mapping::{DirectionTarget, EmployeeTarget, Mapping, StageTarget};
pub use plan::{ImportPlan, RowProblem, Skip};
pub use table::{CsvError, Table};
pub use values::DateOrder;

/// The largest CSV file read: 100,000 deals of a wide Bitrix24 export are about 40 MB.
pub const MAX_CSV_BYTES: usize = 48 * 1024 * 1024;
