//! Cells a spreadsheet must not run as formulas: the export escapes them with a leading `'`,
//! the import takes it off again (both ends in one place, so that a round trip keeps every
//! text as it was).

/// A cell a spreadsheet will not run: one that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'` (the import takes it off again; a text that starts with
/// such a `'` already gets another, so that it comes back as it was).
pub fn safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || unescape(cell) != cell {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell without the `'` that keeps a spreadsheet from running it as a formula.
pub fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        // `'=…`, or `''=…` (a text that itself started with `'=`).
        Some(rest)
            if rest
                .trim_start_matches('\'')
                .starts_with(['=', '+', '-', '@', '\t', '\r']) =>
        {
            rest
        }
        _ => cell,
    }
}
