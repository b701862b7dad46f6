//! The checks a company's requisites must pass before a document carries them, as the law
//! defines them: the tax number (ИНН) and its control digits, the registration code (КПП), the
//! state registration numbers (ОГРН, ОГРНИП) and their check digit, the bank code (БИК), a bank
//! account's control key against its БИК (the Bank of Russia's algorithm) and an IBAN's mod 97.
//!
//! Spaces and dashes people type for readability are ignored; anything else out of place is a
//! [`RequisiteError`] the form shows under the field.

use thiserror::Error;

/// Why a requisite was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum RequisiteError {
    /// Something other than the digits (or letters) the number is made of.
    #[error("only digits are allowed")]
    NotDigits,
    /// The number has the wrong count of digits; the counts it may have.
    #[error("wrong length")]
    Length(&'static [usize]),
    /// Fewer or more characters than the shortest and the longest allowed.
    #[error("wrong length")]
    LengthBetween(usize, usize),
    /// The control digits (the check key) do not match: a digit was mistyped.
    #[error("the control digits do not match")]
    Checksum,
    /// A БИК that is not a Russian bank's (every Russian БИК starts with 04).
    #[error("not a Russian bank code")]
    NotRussianBank,
    /// A settlement or correspondent account checked without a valid БИК beside it.
    #[error("the bank code is needed first")]
    NeedsBik,
}

/// A requisite's digits once spaces and dashes are dropped.
fn digits(input: &str) -> Result<Vec<u32>, RequisiteError> {
    input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .map(|c| c.to_digit(10).ok_or(RequisiteError::NotDigits))
        .collect()
}

/// `digits` of one of the `lengths`, or the error that says which it may have.
fn of_length(input: &str, lengths: &'static [usize]) -> Result<Vec<u32>, RequisiteError> {
    let d = digits(input)?;
    if lengths.contains(&d.len()) {
        Ok(d)
    } else {
        Err(RequisiteError::Length(lengths))
    }
}

/// The control digit of the weighted sum `digits · weights`, mod 11 then mod 10 (ИНН's rule).
fn inn_control(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 11 % 10
}

/// Checks an ИНН: 10 digits for an organisation, 12 for a person or an entrepreneur, with their
/// control digits (the last one, or the last two).
pub fn check_inn(input: &str) -> Result<(), RequisiteError> {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let d = of_length(input, &[10, 12])?;
    let valid = if d.len() == 10 {
        inn_control(&d, &W10) == d[9]
    } else {
        inn_control(&d, &W11) == d[10] && inn_control(&d, &W12) == d[11]
    };
    valid.then_some(()).ok_or(RequisiteError::Checksum)
}

/// Checks a КПП: nine characters, the tax office's four digits, the reason's two (digits or,
/// since 2013, capital Latin letters) and a three-digit number.
pub fn check_kpp(input: &str) -> Result<(), RequisiteError> {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}'))
        .collect();
    if chars.len() != 9 {
        return Err(RequisiteError::Length(&[9]));
    }
    let fits = chars.iter().enumerate().all(|(i, c)| match i {
        4 | 5 => c.is_ascii_digit() || c.is_ascii_uppercase(),
        _ => c.is_ascii_digit(),
    });
    fits.then_some(()).ok_or(RequisiteError::NotDigits)
}

/// Checks an ОГРН (13 digits, an organisation) or an ОГРНИП (15 digits, an entrepreneur): the
/// last digit is the rest of the number modulo 11 (ОГРН) or 13 (ОГРНИП), then modulo 10.
pub fn check_ogrn(input: &str) -> Result<(), RequisiteError> {
    let d = of_length(input, &[13, 15])?;
    let modulus = if d.len() == 13 { 11 } else { 13 };
    let (body, check) = d.split_at(d.len() - 1);
    // Long division, digit by digit: the number itself does not fit 32 bits.
    let rest = body
        .iter()
        .fold(0u64, |r, &digit| (r * 10 + u64::from(digit)) % modulus);
    (rest % 10 == u64::from(check[0]))
        .then_some(())
        .ok_or(RequisiteError::Checksum)
}

/// Checks a БИК: nine digits, starting with the Russian Federation's code 04.
pub fn check_bik(input: &str) -> Result<(), RequisiteError> {
    let d = of_length(input, &[9])?;
    (d[0] == 0 && d[1] == 4)
        .then_some(())
        .ok_or(RequisiteError::NotRussianBank)
}

/// The Bank of Russia's control key: the weights 7, 1, 3 repeated over the 23 digits, the sum
/// of the last digits of each product ending in 0.
fn account_key_matches(prefix: &[u32], account: &[u32]) -> bool {
    let sum: u32 = prefix
        .iter()
        .chain(account)
        .zip([7, 1, 3].iter().cycle())
        .map(|(d, w)| d * w % 10)
        .sum();
    sum.is_multiple_of(10)
}

/// Checks a settlement account (расчётный счёт): 20 digits whose control key matches the
/// bank's БИК (keyed with the БИК's last three digits).
pub fn check_settlement_account(account: &str, bik: &str) -> Result<(), RequisiteError> {
    let a = of_length(account, &[20])?;
    check_bik(bik).map_err(|_| RequisiteError::NeedsBik)?;
    let b = digits(bik)?;
    account_key_matches(&b[6..9], &a)
        .then_some(())
        .ok_or(RequisiteError::Checksum)
}

/// Checks a correspondent account (корреспондентский счёт): 20 digits keyed with «0» and the
/// БИК's fifth and sixth digits.
pub fn check_correspondent_account(account: &str, bik: &str) -> Result<(), RequisiteError> {
    let a = of_length(account, &[20])?;
    check_bik(bik).map_err(|_| RequisiteError::NeedsBik)?;
    let b = digits(bik)?;
    account_key_matches(&[0, b[4], b[5]], &a)
        .then_some(())
        .ok_or(RequisiteError::Checksum)
}

/// Checks an IBAN (ISO 13616): a country code, two check digits and up to 30 letters and
/// digits; moved four characters to the end with letters as 10–35, it is 1 modulo 97.
pub fn check_iban(input: &str) -> Result<(), RequisiteError> {
    let chars: Vec<char> = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(15..=34).contains(&chars.len()) {
        return Err(RequisiteError::LengthBetween(15, 34));
    }
    let shape = chars[..2].iter().all(char::is_ascii_uppercase)
        && chars[2..4].iter().all(char::is_ascii_digit)
        && chars.iter().all(char::is_ascii_alphanumeric);
    if !shape {
        return Err(RequisiteError::NotDigits);
    }
    let rest = chars[4..].iter().chain(&chars[..4]).fold(0u32, |r, c| {
        let v = c.to_digit(36).expect("checked alphanumeric");
        let r = if v >= 10 { r * 100 + v } else { r * 10 + v };
        r % 97
    });
    (rest == 1).then_some(()).ok_or(RequisiteError::Checksum)
}

#[cfg(test)]
mod tests;
