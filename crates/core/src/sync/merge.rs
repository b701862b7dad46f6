//! The three-way merge of one document: what this browser last synced (`base`), what it has
//! now (`local`) and what the server has (`remote`). Fields changed on one side only are
//! taken from that side; a field changed on both sides to different values keeps the
//! server's (the first to save) and reports yours, so nobody's change is lost in silence.
//! A deal's place (direction, stage, history, close date, loss reason, task states) is one
//! field: half of one move and half of another would break the deal's rules.

use serde_json::{Map, Value};

/// A field both sides changed, or a document changed on one side and deleted on the other.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The document.
    pub doc: String,
    /// The field (`placement` for a deal's place; empty for the whole document).
    pub field: String,
    /// This browser's value (`None`: deleted here).
    pub yours: Option<Value>,
    /// The value kept, the server's (`None`: deleted there, and the document kept anyway).
    pub saved: Option<Value>,
}

/// The fields of a deal that change together when it moves.
const PLACEMENT: [&str; 6] = [
    "direction",
    "stage",
    "history",
    "closed_at",
    "loss_reason",
    "tasks",
];

fn group(key: &str) -> &str {
    if PLACEMENT.contains(&key) {
        "placement"
    } else {
        key
    }
}

/// Merges one document; returns what to keep (`None`: deleted) and the conflicts.
pub fn merge3(
    doc: &str,
    base: Option<&Value>,
    local: Option<&Value>,
    remote: Option<&Value>,
) -> (Option<Value>, Vec<Conflict>) {
    if local == base || local == remote {
        return (remote.cloned(), Vec::new());
    }
    if remote == base {
        return (local.cloned(), Vec::new());
    }
    match (local, remote) {
        // Deleted on both sides, or one side deleted what the other changed: nothing changed
        // by someone is dropped, so the changed document is kept and the deletion reported.
        (None, None) => (None, Vec::new()),
        (None, Some(remote)) => (
            Some(remote.clone()),
            vec![Conflict {
                doc: doc.into(),
                field: String::new(),
                yours: None,
                saved: Some(remote.clone()),
            }],
        ),
        (Some(local), None) => (
            Some(local.clone()),
            vec![Conflict {
                doc: doc.into(),
                field: String::new(),
                yours: Some(local.clone()),
                saved: None,
            }],
        ),
        (Some(local), Some(remote)) => {
            let empty = Value::Object(Map::new());
            let base = base.unwrap_or(&empty);
            let mut conflicts = Vec::new();
            let merged = merge_objects(doc, base, local, remote, &mut conflicts);
            (Some(merged), conflicts)
        }
    }
}

fn merge_objects(
    doc: &str,
    base: &Value,
    local: &Value,
    remote: &Value,
    conflicts: &mut Vec<Conflict>,
) -> Value {
    let (Some(b), Some(l), Some(r)) = (base.as_object(), local.as_object(), remote.as_object())
    else {
        // Not objects (cannot happen for our documents): the server's, yours reported.
        conflicts.push(Conflict {
            doc: doc.into(),
            field: String::new(),
            yours: Some(local.clone()),
            saved: Some(remote.clone()),
        });
        return remote.clone();
    };
    let mut groups: Vec<&str> = l
        .keys()
        .chain(r.keys())
        .chain(b.keys())
        .map(|k| group(k))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let mut out = r.clone();
    for g in groups {
        let pick = |side: &Map<String, Value>| -> Vec<(String, Option<Value>)> {
            let keys: Vec<&String> = l
                .keys()
                .chain(r.keys())
                .chain(b.keys())
                .filter(|k| group(k) == g)
                .collect();
            let mut keys: Vec<String> = keys.into_iter().cloned().collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .map(|k| {
                    let v = side.get(&k).cloned();
                    (k, v)
                })
                .collect()
        };
        let (bv, lv, rv) = (pick(b), pick(l), pick(r));
        let chosen = if lv == bv || lv == rv {
            rv
        } else if rv == bv {
            lv
        } else if g != "placement"
            && lv.len() == 1
            && matches!(
                (&lv[0].1, &rv[0].1),
                (Some(Value::Object(_)), Some(Value::Object(_)))
            )
        {
            // A nested object (a deal's client): merged field by field.
            let empty = Value::Object(Map::new());
            let nested_base = bv[0].1.as_ref().unwrap_or(&empty);
            let mut nested = Vec::new();
            let merged = merge_objects(
                doc,
                nested_base,
                lv[0].1.as_ref().expect("matched"),
                rv[0].1.as_ref().expect("matched"),
                &mut nested,
            );
            for mut c in nested {
                c.field = if c.field.is_empty() {
                    g.to_string()
                } else {
                    format!("{g}.{}", c.field)
                };
                conflicts.push(c);
            }
            vec![(lv[0].0.clone(), Some(merged))]
        } else {
            conflicts.push(Conflict {
                doc: doc.into(),
                field: g.to_string(),
                yours: Some(group_value(&lv)),
                saved: Some(group_value(&rv)),
            });
            rv
        };
        for (k, v) in chosen {
            match v {
                Some(v) => {
                    out.insert(k, v);
                }
                None => {
                    out.remove(&k);
                }
            }
        }
    }
    Value::Object(out)
}

/// A group's value as one JSON value: the field itself, or an object of the group's fields.
fn group_value(fields: &[(String, Option<Value>)]) -> Value {
    if fields.len() == 1 {
        return fields[0].1.clone().unwrap_or(Value::Null);
    }
    Value::Object(
        fields
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn different_fields_changed_on_both_sides_are_both_kept() {
        let base = json!({"title": "A", "amount": 1});
        let local = json!({"title": "B", "amount": 1});
        let remote = json!({"title": "A", "amount": 2});
        let (merged, conflicts) = merge3("deal:1", Some(&base), Some(&local), Some(&remote));
        assert_eq!(merged, Some(json!({"title": "B", "amount": 2})));
        assert!(conflicts.is_empty());
    }

    #[test]
    fn the_same_field_keeps_the_saved_value_and_reports_yours() {
        let base = json!({"title": "A"});
        let local = json!({"title": "Mine"});
        let remote = json!({"title": "Theirs"});
        let (merged, conflicts) = merge3("deal:1", Some(&base), Some(&local), Some(&remote));
        assert_eq!(merged, Some(json!({"title": "Theirs"})));
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "title");
        assert_eq!(conflicts[0].yours, Some(json!("Mine")));
    }

    #[test]
    fn a_move_is_one_field_never_half_of_two_moves() {
        let base = json!({"stage": 1, "history": [1]});
        let local = json!({"stage": 2, "history": [1, 2]});
        let remote = json!({"stage": 3, "history": [1, 3]});
        let (merged, conflicts) = merge3("deal:1", Some(&base), Some(&local), Some(&remote));
        assert_eq!(merged, Some(remote));
        assert_eq!(conflicts[0].field, "placement");
    }

    #[test]
    fn a_deal_moved_here_and_deleted_there_is_kept_and_flagged() {
        let base = json!({"stage": 1});
        let local = json!({"stage": 2});
        let (merged, conflicts) = merge3("deal:1", Some(&base), Some(&local), None);
        assert_eq!(merged, Some(local));
        assert_eq!(conflicts[0].saved, None);
    }

    #[test]
    fn a_client_merges_field_by_field() {
        let base = json!({"client": {"company": "A", "phone": "1"}});
        let local = json!({"client": {"company": "B", "phone": "1"}});
        let remote = json!({"client": {"company": "A", "phone": "2"}});
        let (merged, conflicts) = merge3("deal:1", Some(&base), Some(&local), Some(&remote));
        assert_eq!(
            merged,
            Some(json!({"client": {"company": "B", "phone": "2"}}))
        );
        assert!(conflicts.is_empty());
    }
}
