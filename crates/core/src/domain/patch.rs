//! What an editor changed: a patch of a deal's fields against what the editor opened with,
//! so that saving it never writes back fields the user did not touch (another tab may have
//! changed them meanwhile), and the fields changed on both sides are found before saving.

use super::deal::DealDraft;
use super::ids::EmployeeId;
use super::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One editable field of a deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftField {
    /// Title.
    Title,
    /// Client company.
    Company,
    /// Contact person.
    Contact,
    /// Phone.
    Phone,
    /// E-mail.
    Email,
    /// Amount.
    Amount,
    /// Owner.
    Owner,
    /// Expected close date.
    ExpectedClose,
    /// Loss reason.
    LossReason,
    /// NPS score.
    Nps,
    /// Notes.
    Notes,
}

impl DraftField {
    /// Every field, in the editor's order.
    pub const ALL: [DraftField; 11] = [
        DraftField::Title,
        DraftField::Amount,
        DraftField::Company,
        DraftField::Contact,
        DraftField::Phone,
        DraftField::Email,
        DraftField::Owner,
        DraftField::ExpectedClose,
        DraftField::Nps,
        DraftField::LossReason,
        DraftField::Notes,
    ];
}

/// A field's value, for comparing and for copying between drafts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    /// A text field.
    Text(String),
    /// The amount.
    Amount(Money),
    /// The owner.
    Owner(Option<EmployeeId>),
    /// A date.
    Date(Option<NaiveDate>),
    /// An optional text.
    OptText(Option<String>),
    /// The NPS score.
    Score(Option<u8>),
}

impl DealDraft {
    /// The value of one field.
    pub fn get(&self, field: DraftField) -> FieldValue {
        use DraftField::*;
        match field {
            Title => FieldValue::Text(self.title.clone()),
            Company => FieldValue::Text(self.client.company.clone()),
            Contact => FieldValue::Text(self.client.contact.clone()),
            Phone => FieldValue::Text(self.client.phone.clone()),
            Email => FieldValue::Text(self.client.email.clone()),
            Amount => FieldValue::Amount(self.amount),
            Owner => FieldValue::Owner(self.owner),
            ExpectedClose => FieldValue::Date(self.expected_close),
            LossReason => FieldValue::OptText(self.loss_reason.clone()),
            Nps => FieldValue::Score(self.nps),
            Notes => FieldValue::Text(self.notes.clone()),
        }
    }

    /// Sets one field; a value of another field's kind is ignored.
    pub fn set(&mut self, field: DraftField, value: FieldValue) {
        use DraftField::*;
        match (field, value) {
            (Title, FieldValue::Text(v)) => self.title = v,
            (Company, FieldValue::Text(v)) => self.client.company = v,
            (Contact, FieldValue::Text(v)) => self.client.contact = v,
            (Phone, FieldValue::Text(v)) => self.client.phone = v,
            (Email, FieldValue::Text(v)) => self.client.email = v,
            (Amount, FieldValue::Amount(v)) => self.amount = v,
            (Owner, FieldValue::Owner(v)) => self.owner = v,
            (ExpectedClose, FieldValue::Date(v)) => self.expected_close = v,
            (LossReason, FieldValue::OptText(v)) => self.loss_reason = v,
            (Nps, FieldValue::Score(v)) => self.nps = v,
            (Notes, FieldValue::Text(v)) => self.notes = v,
            _ => {}
        }
    }
}

/// The fields an editor changed, with their new values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealPatch(pub Vec<(DraftField, FieldValue)>);

impl DealPatch {
    /// The fields of `mine` that differ from `base` (what the editor opened with).
    pub fn between(base: &DealDraft, mine: &DealDraft) -> DealPatch {
        DealPatch(
            DraftField::ALL
                .iter()
                .filter_map(|&f| {
                    let value = mine.get(f);
                    (value != base.get(f)).then_some((f, value))
                })
                .collect(),
        )
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `draft` with this patch's fields set.
    pub fn applied_to(&self, draft: &DealDraft) -> DealDraft {
        let mut out = draft.clone();
        for (field, value) in &self.0 {
            out.set(*field, value.clone());
        }
        out
    }

    /// The fields this patch changes that were also changed since `base` (in this tab or in
    /// another) to a different value than the patch's: saving would overwrite them.
    pub fn conflicts(&self, base: &DealDraft, current: &DealDraft) -> Vec<DraftField> {
        self.0
            .iter()
            .filter(|(f, mine)| {
                let now = current.get(*f);
                now != base.get(*f) && now != *mine
            })
            .map(|(f, _)| *f)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, amount: i64) -> DealDraft {
        DealDraft {
            title: title.into(),
            amount: Money(amount),
            owner: Some(EmployeeId(1)),
            ..DealDraft::default()
        }
    }

    #[test]
    fn a_patch_holds_only_what_changed_and_keeps_the_rest_current() {
        let base = draft("Slides", 100);
        let mine = draft("Slides v2", 100);
        let patch = DealPatch::between(&base, &mine);
        assert_eq!(
            patch.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            vec![DraftField::Title]
        );
        // Another tab set the amount to 777 meanwhile: it stays.
        let current = draft("Slides", 777);
        assert!(patch.conflicts(&base, &current).is_empty());
        assert_eq!(patch.applied_to(&current), draft("Slides v2", 777));
    }

    #[test]
    fn the_same_field_changed_on_both_sides_is_a_conflict_unless_equal() {
        let base = draft("Slides", 100);
        let patch = DealPatch::between(&base, &draft("Mine", 100));
        assert_eq!(
            patch.conflicts(&base, &draft("Theirs", 100)),
            vec![DraftField::Title]
        );
        assert!(patch.conflicts(&base, &draft("Mine", 100)).is_empty());
    }

    #[test]
    fn every_field_round_trips_through_get_and_set() {
        let mut full = draft("T", 5);
        full.client.company = "C".into();
        full.client.contact = "P".into();
        full.client.phone = "+7 900".into();
        full.client.email = "a@b.c".into();
        full.expected_close = NaiveDate::from_ymd_opt(2026, 12, 1);
        full.loss_reason = Some("Price".into());
        full.nps = Some(9);
        full.notes = "N".into();
        let patch = DealPatch::between(&DealDraft::default(), &full);
        assert_eq!(patch.0.len(), DraftField::ALL.len());
        assert_eq!(patch.applied_to(&DealDraft::default()), full);
    }
}
