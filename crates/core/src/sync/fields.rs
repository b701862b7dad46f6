//! A merge conflict on a deal's document, as the deal editor shows it: the editor's field and
//! the value this browser had, so that the rep who lost the race sees both values in the
//! editor's "Yours / Now saved" panel and keeps one.

use super::docs::{deal_of_doc, Docs};
use super::merge::Conflict;
use crate::domain::{Deal, DealId, DraftField, FieldValue};
use serde_json::Value;

/// One field of a deal two people changed: the saved value was kept, this is yours.
#[derive(Clone, Debug, PartialEq)]
pub struct DealConflict {
    /// The deal.
    pub deal: DealId,
    /// The document's field the conflict was reported on (the banner's line).
    pub doc_field: String,
    /// The editor's field.
    pub field: DraftField,
    /// This browser's value, not kept.
    pub yours: FieldValue,
}

/// The conflicts among `conflicts` that are a deal's editable fields, read against the merged
/// documents `docs` (what was kept). A deal's place, a deletion or a document that does not
/// read as a deal with your value in it has no editor field: it stays in the banner only.
pub fn deal_conflicts(docs: &Docs, conflicts: &[Conflict]) -> Vec<DealConflict> {
    let mut found = Vec::new();
    for c in conflicts {
        let (Some(deal), Some(yours), Some(kept)) =
            (deal_of_doc(&c.doc), c.yours.as_ref(), docs.get(&c.doc))
        else {
            continue;
        };
        let mut mine = kept.clone();
        let Some(object) = mine.as_object_mut() else {
            continue;
        };
        object.insert(c.field.clone(), yours.clone());
        let (Some(kept), Some(mine)) = (read(kept), read(&mine)) else {
            continue;
        };
        let (kept, mine) = (kept.draft(), mine.draft());
        for field in DraftField::ALL {
            let yours = mine.get(field);
            if yours != kept.get(field) {
                found.push(DealConflict {
                    deal,
                    doc_field: c.field.clone(),
                    field,
                    yours,
                });
            }
        }
    }
    found
}

fn read(body: &Value) -> Option<Deal> {
    serde_json::from_value(body.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{self, DemoConfig};
    use crate::domain::{Lang, Money, Stamp};
    use crate::sync::docs::{deal_doc, docs_of, TeamSettings};
    use std::collections::HashMap;

    fn conflict(doc: &str, field: &str, yours: Value) -> Conflict {
        Conflict {
            doc: doc.into(),
            field: field.into(),
            yours: Some(yours),
            saved: None,
        }
    }

    #[test]
    fn a_deals_field_is_the_editors_field_with_your_value_and_its_place_is_not() {
        let ws = demo::generate(&DemoConfig::app(Stamp(29_000_000), Lang::En));
        let docs = docs_of(&ws, &TeamSettings::default(), &HashMap::new());
        let deal = demo::deal_ids(&ws)[0];
        let doc = deal_doc(deal);
        let found = deal_conflicts(
            &docs,
            &[
                conflict(&doc, "title", Value::from("Yours")),
                conflict(&doc, "amount", Value::from(12_300)),
                conflict(&doc, "placement", Value::from("x")),
                conflict("settings", "currency", Value::from("Usd")),
                Conflict {
                    yours: None,
                    ..conflict(&doc, "title", Value::Null)
                },
            ],
        );
        assert_eq!(
            found,
            vec![
                DealConflict {
                    deal,
                    doc_field: "title".into(),
                    field: DraftField::Title,
                    yours: FieldValue::Text("Yours".into()),
                },
                DealConflict {
                    deal,
                    doc_field: "amount".into(),
                    field: DraftField::Amount,
                    yours: FieldValue::Amount(Money(12_300)),
                },
            ]
        );
    }

    #[test]
    fn a_value_that_does_not_read_as_a_deal_has_no_editor_field() {
        let ws = demo::generate(&DemoConfig::app(Stamp(29_000_000), Lang::En));
        let docs = docs_of(&ws, &TeamSettings::default(), &HashMap::new());
        let doc = deal_doc(demo::deal_ids(&ws)[0]);
        let found = deal_conflicts(&docs, &[conflict(&doc, "amount", Value::from("lots"))]);
        assert!(found.is_empty());
    }
}
