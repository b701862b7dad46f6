//! The compact binary form of a shard's deals in localStorage (exports stay JSON).
//!
//! Loading 10,000 deals spent most of its time inflating and parsing about 10 MB of JSON whose
//! bulk was key names and checklist texts repeated on every deal. Rows carry no key names,
//! numbers are LEB128 varints, dates are day numbers, and the texts that repeat across deals
//! (ticked checklist items, loss reasons) are written once per shard in a table and referred
//! to by index. The result is about a third of the JSON and decodes several times faster.
//!
//! Layout: the tag byte [`TAG`], the table (count, then each text), the deal count, then each
//! deal's fields in declaration order. Text is a length and UTF-8 bytes; `Option` is a 0/1
//! byte before the value; signed numbers are zigzag-encoded. Shards written by earlier
//! versions are JSON arrays (they start with `[`) and are still read.

use crate::domain::{Client, Deal, DealId, DirectionId, EmployeeId, Money, StageId, Stamp};
use crate::domain::{DealSource, StageChange, TaskState};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The first byte of a shard in this form (a JSON shard starts with `[`).
pub const TAG: u8 = 0xB1;
/// The first byte of a shard whose deals also carry their import source ([`DealSource`]):
/// written only when one of its deals was imported, so shards without imports stay readable
/// by the versions before it.
pub const TAG_SOURCES: u8 = 0xB2;

/// Why stored rows could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowsError;

/// Encodes deals as rows.
pub fn encode(deals: &[&Deal]) -> Vec<u8> {
    let mut table = Table::default();
    let mut body = Vec::with_capacity(deals.len() * 256);
    let sources = deals.iter().any(|d| d.source.is_some());
    uint(&mut body, deals.len() as u64);
    for deal in deals {
        write_deal(&mut body, &mut table, deal);
        if sources {
            write_source(&mut body, &mut table, deal.source.as_deref());
        }
    }
    let mut out = Vec::with_capacity(body.len() + table.size + 8);
    out.push(if sources { TAG_SOURCES } else { TAG });
    uint(&mut out, table.texts.len() as u64);
    for text in &table.texts {
        string(&mut out, text);
    }
    out.extend_from_slice(&body);
    out
}

/// Decodes rows written by [`encode`]; any malformed input is an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Vec<Deal>, RowsError> {
    let mut r = Reader { bytes, at: 0 };
    let sources = match r.byte()? {
        TAG => false,
        TAG_SOURCES => true,
        _ => return Err(RowsError),
    };
    let count = r.len()?;
    let mut table = Vec::with_capacity(reserve(count));
    for _ in 0..count {
        table.push(r.string()?);
    }
    let count = r.len()?;
    let mut deals = Vec::with_capacity(reserve(count));
    for _ in 0..count {
        let mut deal = read_deal(&mut r, &table)?;
        if sources {
            deal.source = read_source(&mut r, &table)?;
        }
        deals.push(deal);
    }
    if r.at != bytes.len() {
        return Err(RowsError);
    }
    Ok(deals)
}

/// Room reserved ahead for `count` items read from storage. A count is checked against the
/// bytes left, but an item in memory is far larger than its one byte, so a corrupted count
/// must not reserve hundreds of megabytes: beyond this the vector grows as items are read.
fn reserve(count: usize) -> usize {
    count.min(4096)
}

#[derive(Default)]
struct Table<'a> {
    texts: Vec<&'a str>,
    index: HashMap<&'a str, u64>,
    size: usize,
}

impl<'a> Table<'a> {
    fn id(&mut self, text: &'a str) -> u64 {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = self.texts.len() as u64;
        self.texts.push(text);
        self.index.insert(text, i);
        self.size += text.len() + 2;
        i
    }
}

#[inline]
fn uint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline]
fn int(out: &mut Vec<u8>, v: i64) {
    uint(out, ((v << 1) ^ (v >> 63)) as u64);
}

#[inline]
fn string(out: &mut Vec<u8>, s: &str) {
    uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn date(out: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) => {
            out.push(1);
            int(out, i64::from(d.num_days_from_ce()));
        }
        None => out.push(0),
    }
}

fn write_deal<'a>(out: &mut Vec<u8>, table: &mut Table<'a>, d: &'a Deal) {
    uint(out, u64::from(d.id.0));
    string(out, &d.title);
    for text in [
        &d.client.company,
        &d.client.contact,
        &d.client.phone,
        &d.client.email,
    ] {
        string(out, text);
    }
    int(out, d.amount.0);
    uint(out, u64::from(d.owner.0));
    uint(out, u64::from(d.direction.0));
    uint(out, u64::from(d.stage.0));
    int(out, d.created_at.0);
    date(out, d.expected_close);
    match d.closed_at {
        Some(at) => {
            out.push(1);
            int(out, at.0);
        }
        None => out.push(0),
    }
    match &d.loss_reason {
        Some(reason) => {
            out.push(1);
            uint(out, table.id(reason));
        }
        None => out.push(0),
    }
    match d.nps {
        Some(n) => out.extend_from_slice(&[1, n]),
        None => out.push(0),
    }
    string(out, &d.notes);
    uint(out, d.tasks.len() as u64);
    for t in &d.tasks {
        uint(out, u64::from(t.stage.0));
        out.push(u8::from(t.done));
        uint(out, t.checked.len() as u64);
        for c in &t.checked {
            uint(out, table.id(c));
        }
        date(out, t.due);
    }
    uint(out, d.history.len() as u64);
    for h in &d.history {
        match h.from {
            Some(from) => {
                out.push(1);
                uint(out, u64::from(from.0));
            }
            None => out.push(0),
        }
        uint(out, u64::from(h.to.0));
        int(out, h.at.0);
    }
}

/// The source after the deal: a 0/1 flag, the system (table), the id (text), then the
/// currency as an optional table text.
fn write_source<'a>(out: &mut Vec<u8>, table: &mut Table<'a>, source: Option<&'a DealSource>) {
    let Some(source) = source else {
        out.push(0);
        return;
    };
    out.push(1);
    uint(out, table.id(&source.system));
    string(out, &source.id);
    match &source.currency {
        Some(c) => {
            out.push(1);
            uint(out, table.id(c));
        }
        None => out.push(0),
    }
}

fn read_source(r: &mut Reader, table: &[String]) -> Result<Option<Box<DealSource>>, RowsError> {
    if !r.flag()? {
        return Ok(None);
    }
    let system = r.text(table)?.clone();
    let id = r.string()?;
    let currency = if r.flag()? {
        Some(r.text(table)?.clone())
    } else {
        None
    };
    Ok(Some(Box::new(DealSource {
        system,
        id,
        currency,
    })))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    #[inline]
    fn byte(&mut self) -> Result<u8, RowsError> {
        let b = *self.bytes.get(self.at).ok_or(RowsError)?;
        self.at += 1;
        Ok(b)
    }

    #[inline]
    fn uint(&mut self) -> Result<u64, RowsError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(RowsError)
    }

    #[inline]
    fn int(&mut self) -> Result<i64, RowsError> {
        let v = self.uint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    #[inline]
    fn u32(&mut self) -> Result<u32, RowsError> {
        u32::try_from(self.uint()?).map_err(|_| RowsError)
    }

    /// A count of items, each at least one byte long: never more than the bytes left, so a
    /// corrupted count cannot reserve gigabytes.
    fn len(&mut self) -> Result<usize, RowsError> {
        let n = usize::try_from(self.uint()?).map_err(|_| RowsError)?;
        if n > self.bytes.len() - self.at {
            return Err(RowsError);
        }
        Ok(n)
    }

    #[inline]
    fn flag(&mut self) -> Result<bool, RowsError> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(RowsError),
        }
    }

    fn string(&mut self) -> Result<String, RowsError> {
        let n = self.len()?;
        let slice = &self.bytes[self.at..self.at + n];
        self.at += n;
        String::from_utf8(slice.to_vec()).map_err(|_| RowsError)
    }

    fn date(&mut self) -> Result<Option<NaiveDate>, RowsError> {
        if !self.flag()? {
            return Ok(None);
        }
        let days = i32::try_from(self.int()?).map_err(|_| RowsError)?;
        NaiveDate::from_num_days_from_ce_opt(days)
            .map(Some)
            .ok_or(RowsError)
    }

    fn text<'t>(&mut self, table: &'t [String]) -> Result<&'t String, RowsError> {
        let i = usize::try_from(self.uint()?).map_err(|_| RowsError)?;
        table.get(i).ok_or(RowsError)
    }
}

fn read_deal(r: &mut Reader, table: &[String]) -> Result<Deal, RowsError> {
    let id = DealId(r.u32()?);
    let title = r.string()?;
    let client = Client {
        company: r.string()?,
        contact: r.string()?,
        phone: r.string()?,
        email: r.string()?,
    };
    let amount = Money(r.int()?);
    let owner = EmployeeId(r.u32()?);
    let direction = DirectionId(r.u32()?);
    let stage = StageId(r.u32()?);
    let created_at = Stamp(r.int()?);
    let expected_close = r.date()?;
    let closed_at = if r.flag()? {
        Some(Stamp(r.int()?))
    } else {
        None
    };
    let loss_reason = if r.flag()? {
        Some(r.text(table)?.clone())
    } else {
        None
    };
    let nps = if r.flag()? { Some(r.byte()?) } else { None };
    let notes = r.string()?;
    let count = r.len()?;
    let mut tasks = Vec::with_capacity(reserve(count));
    for _ in 0..count {
        let stage = StageId(r.u32()?);
        let done = r.flag()?;
        let n = r.len()?;
        let mut checked = Vec::with_capacity(reserve(n));
        for _ in 0..n {
            checked.push(r.text(table)?.clone());
        }
        let due = r.date()?;
        tasks.push(TaskState {
            stage,
            done,
            checked,
            due,
        });
    }
    let count = r.len()?;
    let mut history = Vec::with_capacity(reserve(count));
    for _ in 0..count {
        let from = if r.flag()? {
            Some(StageId(r.u32()?))
        } else {
            None
        };
        history.push(StageChange {
            from,
            to: StageId(r.u32()?),
            at: Stamp(r.int()?),
        });
    }
    Ok(Deal {
        id,
        title,
        client,
        amount,
        owner,
        direction,
        stage,
        created_at,
        expected_close,
        closed_at,
        loss_reason,
        nps,
        notes,
        tasks,
        history,
        source: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{generate, DemoConfig};
    use crate::domain::Lang;

    fn deals() -> Vec<Deal> {
        let ws = generate(&DemoConfig {
            seed: 7,
            employees: 5,
            deals: 400,
            now: crate::domain::Stamp::at_midnight(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap())
                .plus_minutes(18 * 60),
            lang: Lang::Ru,
        });
        ws.deals().cloned().collect()
    }

    #[test]
    fn rows_round_trip_every_field_and_are_smaller_than_json() {
        let deals = deals();
        let refs: Vec<&Deal> = deals.iter().collect();
        let bytes = encode(&refs);
        assert_eq!(decode(&bytes).unwrap(), deals);
        let json = serde_json::to_vec(&deals).unwrap();
        assert!(
            bytes.len() * 2 < json.len(),
            "{} vs {}",
            bytes.len(),
            json.len()
        );
    }

    #[test]
    fn every_truncation_and_a_stray_byte_are_errors() {
        let deals = deals();
        let refs: Vec<&Deal> = deals.iter().take(3).collect();
        let bytes = encode(&refs);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), Err(RowsError), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(RowsError));
        assert_eq!(decode(b"[]"), Err(RowsError));
    }
}
