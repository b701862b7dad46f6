//! The versioned envelope `{app, schema_version, saved_at, revision, data}` shared by
//! localStorage and exported files, reading with precise errors, and the migration chain.

use crate::domain::{DataError, Workspace, WorkspaceData};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

/// The `app` field of every Voronka file.
pub const APP: &str = "voronka";
/// The schema this build writes.
pub const SCHEMA_VERSION: u32 = 1;
/// The largest file import accepts, in bytes (an export of 50,000 deals is about 52 MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The header of a stored or exported workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Always [`APP`].
    pub app: String,
    /// Schema of `data`.
    pub schema_version: u32,
    /// When it was written (RFC 3339, UTC).
    pub saved_at: String,
    /// Increases with every save; a tab never overwrites a higher revision.
    pub revision: u64,
}

#[derive(Serialize)]
struct EnvelopeOut<'a, D: Serialize> {
    #[serde(flatten)]
    meta: &'a Meta,
    data: &'a D,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    app: Option<String>,
    // Read as any value, so that a wrong type is named instead of "not a workspace".
    schema_version: Option<Value>,
    #[serde(default)]
    saved_at: Value,
    #[serde(default)]
    revision: Option<Value>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
    /// Adler-32 of `data`'s text: written to localStorage (not to exported files).
    #[serde(default)]
    data_adler32: Option<Value>,
}

/// The envelope as localStorage keeps it: `data` given as JSON text, with its checksum, and
/// in the header (ahead of `data`, so that a save checks it from a short prefix) the
/// workspace's lineage and the tab that wrote it. `lineage` and `writer` are letters, digits
/// and `-`. Written by hand: a serde struct with a flattened header costs kilobytes of wasm.
pub fn write_checked(meta: &Meta, lineage: &str, writer: &str, data_json: &str) -> String {
    let saved_at = serde_json::Value::String(meta.saved_at.clone()).to_string();
    format!(
        "{{\"app\":\"{APP}\",\"schema_version\":{},\"saved_at\":{saved_at},\"revision\":{},\"lineage\":\"{lineage}\",\"writer\":\"{writer}\",\"data\":{data_json},\"data_adler32\":{}}}",
        meta.schema_version,
        meta.revision,
        super::codec::checksum(data_json)
    )
}

/// The header a save checks: revision, lineage and writer, read from the start of a stored
/// envelope written by [`write_checked`] (an older one has no lineage or writer: ""). `None`
/// when the text does not start like one.
pub fn quick_header(prefix: &str) -> Option<(u64, String, String)> {
    let head = &prefix[..prefix.find("\"data\":").unwrap_or(prefix.len())];
    if !head.starts_with("{\"app\":\"voronka\"") {
        return None;
    }
    let after = |name: &str| head.split_once(name).map(|(_, rest)| rest);
    let revision = after("\"revision\":")?;
    let digits = revision.bytes().take_while(u8::is_ascii_digit).count();
    let revision = revision[..digits].parse().ok()?;
    let text = |name: &str| {
        after(name)
            .and_then(|rest| rest.split_once('"'))
            .map_or(String::new(), |(value, _)| value.to_string())
    };
    Some((revision, text("\"lineage\":\""), text("\"writer\":\"")))
}

/// Why a file or stored text could not be read. Each names what the user needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing in it.
    Empty,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(usize),
    /// Not JSON at all (position of the first error).
    NotJson {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// JSON that ends too early: a cut-off file.
    Truncated,
    /// JSON, but not a Voronka workspace.
    NotVoronka,
    /// Written by a newer Voronka.
    FutureVersion(u32),
    /// The data does not match the checksum stored with it: damaged in storage.
    Damaged,
    /// The file is not UTF-8 text (e.g. Windows-1251).
    NotUtf8,
    /// A value of the wrong type or form, at `path`.
    WrongType {
        /// Where, e.g. `deals[3].amount`.
        path: String,
    },
    /// A value that breaks a rule, at its path.
    Invalid(DataError),
}

/// Writes `data` in an envelope.
pub fn write<D: Serialize>(meta: &Meta, data: &D) -> String {
    serde_json::to_string(&EnvelopeOut { meta, data }).expect("workspace data always serializes")
}

/// A fresh header for a save at `revision`.
pub fn meta(revision: u64, saved_at: String) -> Meta {
    Meta {
        app: APP.to_string(),
        schema_version: SCHEMA_VERSION,
        saved_at,
        revision,
    }
}

fn json_error(e: &serde_json::Error) -> ReadError {
    if e.is_eof() {
        ReadError::Truncated
    } else {
        ReadError::NotJson {
            line: e.line(),
            column: e.column(),
        }
    }
}

/// Reads the header and the raw `data` of an envelope, migrating older schemas. Returns the
/// header (with the schema it was written in) and the data as JSON text of the current schema.
pub fn read_raw(text: &str) -> Result<(Meta, String), ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(text.len()));
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(ReadError::Empty);
    }
    let envelope: EnvelopeIn = match serde_json::from_str(trimmed) {
        Ok(e) => e,
        Err(e) if e.is_data() => {
            // Valid JSON of another shape: maybe a bare data object (schema 0).
            serde_json::from_str::<Value>(trimmed).map_err(|e| json_error(&e))?;
            return read_bare(trimmed);
        }
        Err(e) => return Err(json_error(&e)),
    };
    let (Some(app), Some(version), Some(data)) =
        (envelope.app, envelope.schema_version, envelope.data)
    else {
        return read_bare(trimmed);
    };
    if app != APP {
        return Err(ReadError::NotVoronka);
    }
    let wrong = |path: &str| ReadError::WrongType { path: path.into() };
    let version = version
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| wrong("schema_version"))?;
    if version > SCHEMA_VERSION {
        return Err(ReadError::FutureVersion(version));
    }
    let revision = match envelope.revision {
        None => 0,
        Some(v) => v.as_u64().ok_or_else(|| wrong("revision"))?,
    };
    let saved_at = match envelope.saved_at {
        Value::Null => String::new(),
        Value::String(s) => s,
        _ => return Err(wrong("saved_at")),
    };
    if let Some(sum) = envelope.data_adler32 {
        if sum.as_u64() != Some(u64::from(super::codec::checksum(data.get()))) {
            return Err(ReadError::Damaged);
        }
    }
    let meta = Meta {
        app,
        schema_version: version,
        saved_at,
        revision,
    };
    if version == SCHEMA_VERSION {
        return Ok((meta, data.get().to_string()));
    }
    let value: Value = serde_json::from_str(data.get()).map_err(|e| json_error(&e))?;
    Ok((meta, migrate(version, value)?.to_string()))
}

/// Schema 0: a bare `data` object with no envelope (hand-written or from the first drafts).
fn read_bare(text: &str) -> Result<(Meta, String), ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let looks_like_data = value.get("currency").is_some()
        && (value.get("directions").is_some() || value.get("deals").is_some());
    if !looks_like_data {
        return Err(ReadError::NotVoronka);
    }
    let meta = Meta {
        app: APP.to_string(),
        schema_version: 0,
        saved_at: String::new(),
        revision: 0,
    };
    Ok((meta, migrate(0, value)?.to_string()))
}

/// The migration chain: step `n` turns schema `n` data into schema `n + 1`.
fn migrate(from: u32, mut data: Value) -> Result<Value, ReadError> {
    for version in from..SCHEMA_VERSION {
        data = match version {
            0 => migrate_0_to_1(data)?,
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        };
    }
    Ok(data)
}

/// Schema 0 had no id counter and could omit the lists: fill them in.
fn migrate_0_to_1(mut data: Value) -> Result<Value, ReadError> {
    let next_id = max_id(&data) + 1;
    let object = data.as_object_mut().ok_or(ReadError::NotVoronka)?;
    for list in ["loss_reasons", "employees", "directions", "deals", "plans"] {
        object
            .entry(list)
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    if !object.contains_key("next_id") {
        object.insert("next_id".into(), Value::from(next_id));
    }
    Ok(data)
}

/// The largest `"id"` anywhere in `value` (ids of every kind share one counter).
fn max_id(value: &Value) -> u64 {
    match value {
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| {
                if k == "id" {
                    v.as_u64().unwrap_or(0)
                } else {
                    max_id(v)
                }
            })
            .max()
            .unwrap_or(0),
        Value::Array(a) => a.iter().map(max_id).max().unwrap_or(0),
        _ => 0,
    }
}

/// Reads a whole workspace from an envelope (or a bare schema-0 object), validating all of it.
pub fn read_workspace(text: &str) -> Result<(Meta, Workspace), ReadError> {
    if let Some((meta, data)) = read_current(text) {
        return Ok((
            meta,
            Workspace::from_data(data).map_err(ReadError::Invalid)?,
        ));
    }
    let (meta, data) = read_raw(text)?;
    let data: WorkspaceData = serde_json::from_str(&data).map_err(|e| {
        if e.is_eof() {
            ReadError::Truncated
        } else {
            ReadError::WrongType {
                path: super::json_path::path_at(&data, e.line(), e.column()),
            }
        }
    })?;
    let ws = Workspace::from_data(data).map_err(ReadError::Invalid)?;
    Ok((meta, ws))
}

/// The common case in one pass: a well-formed envelope of the current schema. `None` for
/// anything else, which [`read_raw`] then reads again slowly for a precise error or a
/// migration (scanning `data` as raw JSON and parsing it again costs a third more).
fn read_current(text: &str) -> Option<(Meta, WorkspaceData)> {
    #[derive(Deserialize)]
    struct Typed {
        app: String,
        schema_version: u32,
        #[serde(default)]
        saved_at: String,
        #[serde(default)]
        revision: u64,
        data: WorkspaceData,
    }
    if text.len() > MAX_FILE_BYTES {
        return None;
    }
    let typed: Typed = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    (typed.app == APP && typed.schema_version == SCHEMA_VERSION).then(|| {
        let meta = Meta {
            app: typed.app,
            schema_version: typed.schema_version,
            saved_at: typed.saved_at,
            revision: typed.revision,
        };
        (meta, typed.data)
    })
}

/// The workspace as an export file (pretty enough to read, compact enough to keep).
pub fn export(ws: &Workspace, revision: u64, saved_at: String) -> String {
    write(&meta(revision, saved_at), &ws.to_data())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_classified() {
        assert_eq!(read_raw(""), Err(ReadError::Empty));
        assert_eq!(read_raw("  \n"), Err(ReadError::Empty));
        assert_eq!(
            read_raw("hello"),
            Err(ReadError::NotJson { line: 1, column: 1 })
        );
        assert_eq!(
            read_raw(r#"{"app":"voronka","schema_version":1,"data":{"#),
            Err(ReadError::Truncated)
        );
        assert_eq!(
            read_raw(r#"{"name":"trello export","cards":[]}"#),
            Err(ReadError::NotVoronka)
        );
        assert_eq!(read_raw("[1,2,3]"), Err(ReadError::NotVoronka));
        assert_eq!(
            read_raw(r#"{"app":"other","schema_version":1,"data":{}}"#),
            Err(ReadError::NotVoronka)
        );
        assert_eq!(
            read_raw(
                r#"{"app":"voronka","schema_version":7,"saved_at":"","revision":1,"data":{}}"#
            ),
            Err(ReadError::FutureVersion(7))
        );
    }

    #[test]
    fn a_header_of_the_wrong_type_is_named() {
        let with = |field: &str| {
            let mut v: Value = serde_json::from_str(
                r#"{"app":"voronka","schema_version":1,"saved_at":"","revision":1,"data":{}}"#,
            )
            .unwrap();
            let (k, x) = field.split_once('=').unwrap();
            v[k] = serde_json::from_str(x).unwrap();
            read_raw(&v.to_string())
        };
        let wrong = |path: &str| Err(ReadError::WrongType { path: path.into() });
        assert_eq!(with(r#"revision="12""#), wrong("revision"));
        assert_eq!(with("revision=1e30"), wrong("revision"));
        assert_eq!(with("revision=-1"), wrong("revision"));
        assert_eq!(with(r#"schema_version="1""#), wrong("schema_version"));
        assert_eq!(with("saved_at=5"), wrong("saved_at"));
    }

    #[test]
    fn a_checksum_that_does_not_match_is_damage() {
        let meta = meta(3, "2026-11-27T10:00:00Z".into());
        let text = write_checked(&meta, "t1-3", "t1", r#"{"title":"Prepare the slides"}"#);
        assert_eq!(read_raw(&text).unwrap().0, meta);
        let prefix: String = text.chars().take(120).collect();
        assert_eq!(
            quick_header(&prefix),
            Some((3, "t1-3".to_string(), "t1".to_string()))
        );
        assert_eq!(quick_header("{\"other\":1}"), None);
        let damaged = text.replace("slides", "sli9es");
        assert_eq!(read_raw(&damaged), Err(ReadError::Damaged));
    }
}
