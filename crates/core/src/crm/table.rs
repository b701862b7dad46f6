//! Text to a table: the separator and quoting are detected, the `csv` crate parses, and what
//! makes a file unusable as a whole is refused with where it is.

use csv::StringRecord;

/// Why a file cannot be imported at all (a bad row is skipped instead, see
/// [`super::plan::Skip`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// Larger than [`super::MAX_CSV_BYTES`] (bytes).
    TooLarge(usize),
    /// Nothing in it.
    Empty,
    /// A header line and no rows.
    HeaderOnly,
    /// Binary data, not text.
    NotText,
    /// Text, but no separator (`;`, `,` or tab) in its first line.
    NotCsv,
    /// A quoted field opened on this line is never closed.
    UnbalancedQuotes {
        /// Line of the opening quote (1-based).
        line: u64,
    },
}

/// A parsed file: the header and the data rows.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Column names as in the file (trimmed).
    pub headers: Vec<String>,
    /// Data rows, in file order.
    pub rows: Vec<StringRecord>,
    /// Each row's line in the file (1-based; the header is line 1), for messages.
    pub lines: Vec<u64>,
    /// The separator found.
    pub separator: u8,
}

impl Table {
    /// The text of column `column` in row `row`, trimmed and without the `'` a
    /// spreadsheet-safe export puts before `=`, `+`, `-` and `@` (`""` when the row is short).
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows[row]
            .get(column)
            .map_or("", |c| super::formula::unescape(c.trim()))
    }
}

/// Parses CSV text (already decoded, without a byte-order mark).
pub fn parse(text: &str) -> Result<Table, CsvError> {
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    if text.contains('\0') {
        return Err(CsvError::NotText);
    }
    // A JSON file (a Voronka export, another app's) given a .csv name.
    if text.trim_start().starts_with('{') {
        return Err(CsvError::NotCsv);
    }
    if let Some(line) = unclosed_quote(text) {
        return Err(CsvError::UnbalancedQuotes { line });
    }
    let separator = detect_separator(text).ok_or(CsvError::NotCsv)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            Some(Ok(r)) if r.iter().all(|f| f.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
            // Only invalid UTF-8 fails here, and the text is a `str`.
            Some(Err(_)) => return Err(CsvError::NotText),
            None => return Err(CsvError::Empty),
        }
    };
    let mut headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    // Bitrix24 ends every line with a separator: an empty last column that is not a column.
    let trailing = headers.len() > 1 && headers.last().is_some_and(String::is_empty);
    if trailing {
        headers.pop();
    }
    let mut table = Table {
        headers,
        separator,
        ..Table::default()
    };
    for record in records {
        let Ok(mut record) = record else {
            return Err(CsvError::NotText);
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if trailing
            && record.len() == table.headers.len() + 1
            && record[record.len() - 1].is_empty()
        {
            record.truncate(table.headers.len());
        }
        table.lines.push(record.position().map_or(0, |p| p.line()));
        table.rows.push(record);
    }
    if table.rows.is_empty() {
        return Err(CsvError::HeaderOnly);
    }
    Ok(table)
}

/// The separator used most in the first line outside quotes, if any.
fn detect_separator(text: &str) -> Option<u8> {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b';' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, 3 - i))?;
    (n > 0).then_some([b';', b',', b'\t'][best])
}

/// The line where a quoted field opens and never closes. Quotes inside a quoted field are
/// doubled, so in a well-formed file they pair up; a stray quote inside an unquoted field
/// (`5" screen`) is data, as the `csv` crate reads it.
fn unclosed_quote(text: &str) -> Option<u64> {
    let mut line = 1u64;
    let mut quoted = false;
    let mut opened_at = 0u64;
    let mut field_start = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
            opened_at = line;
        }
        if b == b'\n' {
            line += 1;
        }
        field_start = !quoted && matches!(b, b';' | b',' | b'\t' | b'\n' | b'\r');
        i += 1;
    }
    quoted.then_some(opened_at)
}
