//! Field rules shared by the command handlers.

use super::error::{DomainError, DomainResult, Field};
use super::stage::{is_hex_color, StageKind, StageSpec};

/// Longest name (direction, stage, employee, deal title, task title).
pub const MAX_NAME: usize = 200;
/// Longest free text (descriptions, notes).
pub const MAX_TEXT: usize = 20_000;

/// The largest amount of a deal or a plan, in minor units: 9·10^13 (900 billion roubles or
/// dollars). With at most [`MAX_DEALS`] deals no sum of amounts can overflow 64 bits.
pub const MAX_AMOUNT: i64 = 90_000_000_000_000;
/// The most deals a workspace holds (localStorage holds about 100,000 at most anyway): a
/// CRM export of 100,000 deals can be imported whole.
pub const MAX_DEALS: usize = 100_000;
const _: () = assert!((MAX_AMOUNT as i128) * (MAX_DEALS as i128) < i64::MAX as i128);

/// An amount between zero and [`MAX_AMOUNT`].
pub fn amount(field: Field, value: super::money::Money) -> DomainResult<()> {
    if value.0 < 0 {
        Err(DomainError::NegativeAmount)
    } else if value.0 > MAX_AMOUNT {
        Err(DomainError::AmountTooLarge(field))
    } else {
        Ok(())
    }
}

/// A required name: trimmed, non-empty, within [`MAX_NAME`].
pub fn name(field: Field, value: &str) -> DomainResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(DomainError::Empty(field));
    }
    max_len(field, trimmed, MAX_NAME)?;
    Ok(trimmed.to_string())
}

/// A text no longer than `max` characters.
pub fn max_len(field: Field, value: &str, max: usize) -> DomainResult<()> {
    if value.chars().count() > max {
        Err(DomainError::TooLong { field, max })
    } else {
        Ok(())
    }
}

/// An optional e-mail: empty, or something@host.tld without spaces.
pub fn email(value: &str) -> DomainResult<()> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    let ok = match v.split_once('@') {
        Some((local, host)) => {
            !local.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !v.chars().any(char::is_whitespace)
                && !host.contains('@')
        }
        None => false,
    };
    if ok {
        max_len(Field::ClientEmail, v, MAX_NAME)
    } else {
        Err(DomainError::Invalid(Field::ClientEmail))
    }
}

/// An optional phone: digits with the usual separators, at least five digits.
pub fn phone(value: &str) -> DomainResult<()> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if allowed && (5..=20).contains(&digits) {
        Ok(())
    } else {
        Err(DomainError::Invalid(Field::ClientPhone))
    }
}

/// A stage's settings.
pub fn stage_spec(spec: &StageSpec) -> DomainResult<()> {
    name(Field::StageName, &spec.name)?;
    if !is_hex_color(&spec.color) {
        return Err(DomainError::Invalid(Field::StageColor));
    }
    if spec.probability.is_some_and(|p| p > 100) {
        return Err(DomainError::Invalid(Field::StageProbability));
    }
    if let Some(task) = &spec.task {
        max_len(Field::TaskTitle, task.title.trim(), MAX_NAME)?;
        max_len(Field::Notes, &task.description, MAX_TEXT)?;
        for item in &task.checklist {
            max_len(Field::TaskTitle, item.trim(), MAX_NAME)?;
        }
    }
    Ok(())
}

/// A stage order: at least one stage of each kind, open stages before closed ones.
pub fn stage_order(kinds: impl IntoIterator<Item = StageKind>) -> DomainResult<()> {
    let kinds: Vec<StageKind> = kinds.into_iter().collect();
    for kind in [StageKind::Open, StageKind::Won, StageKind::Lost] {
        if !kinds.contains(&kind) {
            return Err(DomainError::MissingStageKind(kind));
        }
    }
    let first_closed = kinds
        .iter()
        .position(|k| k.is_closed())
        .unwrap_or(kinds.len());
    if kinds[first_closed..].iter().any(|k| !k.is_closed()) {
        return Err(DomainError::ClosedStagesMustBeLast);
    }
    Ok(())
}

/// A loss reason: trimmed, non-empty.
pub fn loss_reason(reason: Option<&str>) -> DomainResult<String> {
    match reason.map(str::trim) {
        Some(r) if !r.is_empty() => {
            max_len(Field::LossReason, r, MAX_NAME)?;
            Ok(r.to_string())
        }
        _ => Err(DomainError::LossReasonRequired),
    }
}

/// The longest requisite a form takes: a legal name or an address with its postcode.
pub const MAX_REQUISITE: usize = 500;

/// Requisites as kept ([`super::documents::party::Requisites::normalized`]): none longer than
/// [`MAX_REQUISITE`], the e-mail and phone valid as a client's are, and every filled field
/// passing its check.
pub fn requisites(
    input: &super::documents::party::Requisites,
) -> DomainResult<super::documents::party::Requisites> {
    use super::documents::party::RequisiteField;
    let clean = input.normalized();
    for (field, value) in clean.fields() {
        max_len(Field::Requisite(field), value, MAX_REQUISITE)?;
    }
    if let Some(&(field, error)) = clean.errors().first() {
        return Err(DomainError::Requisite { field, error });
    }
    if !clean.email.is_empty() {
        email(&clean.email)
            .map_err(|_| DomainError::Invalid(Field::Requisite(RequisiteField::Email)))?;
    }
    if !clean.phone.is_empty() {
        phone(&clean.phone)
            .map_err(|_| DomainError::Invalid(Field::Requisite(RequisiteField::Phone)))?;
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones() {
        assert!(email("").is_ok());
        assert!(email("ivan@example.ru").is_ok());
        for bad in [
            "ivan",
            "ivan@",
            "@x.ru",
            "iv an@x.ru",
            "a@b",
            "a@.ru",
            "a@b@c.ru",
        ] {
            assert_eq!(
                email(bad),
                Err(DomainError::Invalid(Field::ClientEmail)),
                "{bad}"
            );
        }
        assert!(phone("+7 (495) 123-45-67").is_ok());
        assert!(phone("").is_ok());
        assert!(phone("12ab").is_err());
        assert!(phone("123").is_err());
    }

    #[test]
    fn stage_orders() {
        use StageKind::*;
        assert!(stage_order([Open, Open, Won, Lost]).is_ok());
        assert!(stage_order([Open, Lost, Won]).is_ok());
        assert_eq!(
            stage_order([Open, Won]),
            Err(DomainError::MissingStageKind(Lost))
        );
        assert_eq!(
            stage_order([Won, Lost]),
            Err(DomainError::MissingStageKind(Open))
        );
        assert_eq!(
            stage_order([Open, Won, Open, Lost]),
            Err(DomainError::ClosedStagesMustBeLast)
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(name(Field::DealTitle, "  Okna  "), Ok("Okna".into()));
        assert_eq!(
            name(Field::DealTitle, "  "),
            Err(DomainError::Empty(Field::DealTitle))
        );
        let long = "я".repeat(MAX_NAME + 1);
        assert_eq!(
            name(Field::DealTitle, &long),
            Err(DomainError::TooLong {
                field: Field::DealTitle,
                max: MAX_NAME
            })
        );
    }
}
