//! CouchDB's JSON, both ways: the body of a `_bulk_docs` request, and its answers, the
//! changes feed, a session and an error read defensively. An answer that is not what CouchDB
//! sends (HTML from a proxy, garbage, a cut-off body) is a [`WireError`], never a panic and
//! never half applied.

use super::replica::{Incoming, Outgoing, PushResult};
use serde::Deserialize;
use serde_json::{Map, Value};

/// An answer that is not CouchDB's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// Not JSON (an HTML page, garbage, a body cut off).
    #[error("the answer is not JSON")]
    NotJson,
    /// JSON, but not the shape CouchDB answers with.
    #[error("the answer is not CouchDB's")]
    Unexpected,
}

/// The reason of a [`PushResult::Failed`] the server gave because nobody (or not a member) is
/// signed in: sign in again.
pub const UNAUTHORIZED: &str = "unauthorized";

/// The body of `POST /db/_bulk_docs` for `docs`.
pub fn bulk_docs_body(docs: &[Outgoing]) -> String {
    let list: Vec<Value> = docs.iter().map(document).collect();
    serde_json::json!({ "docs": list }).to_string()
}

/// One document as CouchDB takes it: `_id`, `_rev` and the body, or `_deleted`.
pub fn document(doc: &Outgoing) -> Value {
    let mut object = match &doc.body {
        Some(Value::Object(body)) => body.clone(),
        _ => Map::new(),
    };
    object.insert("_id".into(), Value::from(doc.id.clone()));
    if let Some(rev) = &doc.rev {
        object.insert("_rev".into(), Value::from(rev.clone()));
    }
    if doc.body.is_none() {
        object.insert("_deleted".into(), Value::Bool(true));
    }
    Value::Object(object)
}

#[derive(Deserialize)]
struct BulkItem {
    id: Option<String>,
    rev: Option<String>,
    error: Option<String>,
    reason: Option<String>,
}

/// Reads the answer to `_bulk_docs`: one result per document sent, in order.
pub fn read_bulk_docs(text: &str) -> Result<Vec<PushResult>, WireError> {
    let value: Value = serde_json::from_str(text).map_err(|_| WireError::NotJson)?;
    let items: Vec<BulkItem> = serde_json::from_value(value).map_err(|_| WireError::Unexpected)?;
    items
        .into_iter()
        .map(|item| {
            let id = item.id.ok_or(WireError::Unexpected)?;
            Ok(match (item.rev, item.error.as_deref()) {
                (Some(rev), None) => PushResult::Saved { id, rev },
                (_, Some("conflict")) => PushResult::Conflict { id },
                (_, Some("forbidden")) => PushResult::Refused {
                    id,
                    reason: item.reason.unwrap_or_default(),
                },
                // The session ended (or the user left the team): not a refusal of the change,
                // which stays to be sent once signed in again.
                (_, Some("unauthorized")) => PushResult::Failed {
                    id,
                    reason: UNAUTHORIZED.into(),
                },
                (_, Some(error)) => PushResult::Failed {
                    id,
                    reason: item.reason.unwrap_or_else(|| error.to_string()),
                },
                (None, None) => return Err(WireError::Unexpected),
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct ChangeRev {
    rev: String,
}

#[derive(Deserialize)]
struct ChangeRow {
    id: String,
    changes: Vec<ChangeRev>,
    #[serde(default)]
    deleted: bool,
    doc: Option<Value>,
}

#[derive(Deserialize)]
struct ChangesPage {
    results: Vec<ChangeRow>,
    last_seq: Value,
}

/// Reads a page of `GET /db/_changes?include_docs=true` (normal or longpoll): each changed
/// document at its newest revision, and the `last_seq` to read from next.
pub fn read_changes(text: &str) -> Result<(Vec<Incoming>, Value), WireError> {
    let value: Value = serde_json::from_str(text).map_err(|_| WireError::NotJson)?;
    let page: ChangesPage = serde_json::from_value(value).map_err(|_| WireError::Unexpected)?;
    let mut list = Vec::with_capacity(page.results.len());
    for row in page.results {
        let doc = row.doc.filter(|_| !row.deleted);
        let rev = match doc
            .as_ref()
            .and_then(|d| d.get("_rev"))
            .and_then(Value::as_str)
        {
            Some(rev) => rev.to_string(),
            None => row
                .changes
                .first()
                .ok_or(WireError::Unexpected)?
                .rev
                .clone(),
        };
        let body = match doc {
            Some(Value::Object(mut object)) => {
                object.retain(|k, _| !k.starts_with('_'));
                // A rank sent as 2.0 may come back as 2: compare it as the float it is.
                if let Some(rank) = object.get("rank").and_then(Value::as_f64) {
                    object.insert("rank".into(), Value::from(rank));
                }
                Some(Value::Object(object))
            }
            Some(_) => return Err(WireError::Unexpected),
            None if row.deleted => None,
            // Without include_docs the body is missing: not what we asked for.
            None => return Err(WireError::Unexpected),
        };
        list.push(Incoming {
            id: row.id,
            rev,
            body,
        });
    }
    Ok((list, page.last_seq))
}

/// A signed-in session: who, with which roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The user name; `None` when nobody is signed in.
    pub name: Option<String>,
    /// The user's roles.
    pub roles: Vec<String>,
}

#[derive(Deserialize)]
struct UserCtx {
    name: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Deserialize)]
struct SessionAnswer {
    #[serde(rename = "userCtx")]
    user_ctx: Option<UserCtx>,
    name: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

/// Reads `GET /_session` (`{"userCtx": …}`) or `POST /_session` (`{"name", "roles"}`).
pub fn read_session(text: &str) -> Result<Session, WireError> {
    let value: Value = serde_json::from_str(text).map_err(|_| WireError::NotJson)?;
    let answer: SessionAnswer = serde_json::from_value(value).map_err(|_| WireError::Unexpected)?;
    Ok(match answer.user_ctx {
        Some(ctx) => Session {
            name: ctx.name,
            roles: ctx.roles,
        },
        None => Session {
            name: answer.name,
            roles: answer.roles,
        },
    })
}

/// CouchDB's error answer (`{"error": "unauthorized", "reason": "…"}`), if it is one.
pub fn read_error(text: &str) -> Option<(String, String)> {
    let value: Value = serde_json::from_str(text).ok()?;
    let error = value.get("error")?.as_str()?.to_string();
    let reason = value
        .get("reason")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    Some((error, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unauthorized_document_is_kept_to_send_again_not_refused() {
        let text = r#"[{"id":"deal:1","error":"unauthorized","reason":"You are not authorized to access this db."}]"#;
        assert_eq!(
            read_bulk_docs(text).unwrap(),
            vec![PushResult::Failed {
                id: "deal:1".into(),
                reason: UNAUTHORIZED.into()
            }]
        );
    }

    #[test]
    fn bulk_answers_are_read_per_document() {
        let text = r#"[{"ok":true,"id":"deal:1","rev":"2-a"},
            {"id":"deal:2","error":"conflict","reason":"Document update conflict."},
            {"id":"plan:1","error":"forbidden","reason":"voronka: only the head of sales changes this"}]"#;
        let results = read_bulk_docs(text).unwrap();
        assert_eq!(
            results[0],
            PushResult::Saved {
                id: "deal:1".into(),
                rev: "2-a".into()
            }
        );
        assert_eq!(
            results[1],
            PushResult::Conflict {
                id: "deal:2".into()
            }
        );
        assert!(
            matches!(&results[2], PushResult::Refused { reason, .. } if reason.contains("head"))
        );
    }

    #[test]
    fn html_garbage_and_wrong_shapes_are_errors() {
        assert_eq!(
            read_bulk_docs("<html>502 Bad Gateway</html>"),
            Err(WireError::NotJson)
        );
        assert_eq!(read_changes("{\"results\": 5}"), Err(WireError::Unexpected));
        assert_eq!(
            read_changes("{\"results\": [{\"id\": \"deal:1\"}], \"last_seq\": 1}"),
            Err(WireError::Unexpected)
        );
        assert_eq!(
            read_changes("{\"results\": [], \"last_s"),
            Err(WireError::NotJson)
        );
        assert_eq!(read_session("[]"), Err(WireError::Unexpected));
    }

    #[test]
    fn the_changes_feed_gives_bodies_without_couch_fields_and_deletions() {
        let text = r#"{"results":[
            {"seq":"1-x","id":"deal:1","changes":[{"rev":"1-a"}],"doc":{"_id":"deal:1","_rev":"1-a","title":"T"}},
            {"seq":"2-x","id":"deal:2","changes":[{"rev":"2-b"}],"deleted":true,"doc":{"_id":"deal:2","_rev":"2-b","_deleted":true}}
        ],"last_seq":"2-x"}"#;
        let (list, seq) = read_changes(text).unwrap();
        assert_eq!(list[0].body, Some(serde_json::json!({"title": "T"})));
        assert_eq!(list[1].body, None);
        assert_eq!(list[1].rev, "2-b");
        assert_eq!(seq, Value::from("2-x"));
    }

    #[test]
    fn a_session_is_read_from_either_answer() {
        let get = r#"{"ok":true,"userCtx":{"name":"anna","roles":["voronka_rep"]},"info":{}}"#;
        assert_eq!(read_session(get).unwrap().name.as_deref(), Some("anna"));
        let post = r#"{"ok":true,"name":"anna","roles":["voronka_rep"]}"#;
        assert_eq!(
            read_session(post).unwrap().roles,
            vec!["voronka_rep".to_string()]
        );
    }
}
