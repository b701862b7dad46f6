//! A party's requisites as a document prints them: the workspace's own company (the seller) and
//! the deal's client (the buyer).

use super::requisites::{
    check_bik, check_correspondent_account, check_iban, check_inn, check_kpp, check_ogrn,
    check_settlement_account, RequisiteError,
};
use crate::domain::Lang;
use serde::{Deserialize, Serialize};

/// A company's or a person's requisites; every field may be empty until a document needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Requisites {
    /// The legal name: «ООО «Альфа»», "Alfa LLC", or a person's full name.
    pub name: String,
    /// ИНН, or in English the tax number.
    pub inn: String,
    /// КПП (an organisation's; an entrepreneur has none).
    pub kpp: String,
    /// ОГРН (13 digits) or ОГРНИП (15), or in English the registration number.
    pub ogrn: String,
    /// The legal address.
    pub address: String,
    /// The bank's name.
    pub bank: String,
    /// БИК.
    pub bik: String,
    /// The bank's correspondent account (к/с).
    pub correspondent_account: String,
    /// The settlement account (р/с).
    pub account: String,
    /// IBAN, for an account outside Russia.
    pub iban: String,
    /// SWIFT / BIC of that bank.
    pub swift: String,
    /// The director's name, as it is signed.
    pub director: String,
    /// The director's title: «Генеральный директор», "Director".
    pub director_title: String,
    /// The chief accountant's name.
    pub accountant: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
}

/// A field of [`Requisites`] that a check or a document names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequisiteField {
    /// The legal name.
    Name,
    /// ИНН.
    Inn,
    /// КПП.
    Kpp,
    /// ОГРН / ОГРНИП.
    Ogrn,
    /// The address.
    Address,
    /// The bank.
    Bank,
    /// БИК.
    Bik,
    /// The correspondent account.
    CorrespondentAccount,
    /// The settlement account.
    Account,
    /// IBAN.
    Iban,
}

impl Requisites {
    /// Every filled field that fails its check, in the form's order. Empty fields are not
    /// errors here ([`Requisites::missing_for_payment`] says which a document needs). In
    /// English the tax and registration numbers are another country's and are not checked.
    pub fn errors(&self, lang: Lang) -> Vec<(RequisiteField, RequisiteError)> {
        let filled = |s: &str| !s.trim().is_empty();
        let mut out = Vec::new();
        let mut check = |field, value: &str, result: Result<(), RequisiteError>| {
            if filled(value) {
                if let Err(e) = result {
                    out.push((field, e));
                }
            }
        };
        if lang == Lang::Ru {
            check(RequisiteField::Inn, &self.inn, check_inn(&self.inn));
            check(RequisiteField::Kpp, &self.kpp, check_kpp(&self.kpp));
            check(RequisiteField::Ogrn, &self.ogrn, check_ogrn(&self.ogrn));
        }
        check(RequisiteField::Bik, &self.bik, check_bik(&self.bik));
        check(
            RequisiteField::CorrespondentAccount,
            &self.correspondent_account,
            check_correspondent_account(&self.correspondent_account, &self.bik),
        );
        check(
            RequisiteField::Account,
            &self.account,
            check_settlement_account(&self.account, &self.bik),
        );
        check(RequisiteField::Iban, &self.iban, check_iban(&self.iban));
        out
    }

    /// The fields a seller must fill before an invoice can be paid to them: the name, the
    /// address and a bank account — a Russian one (ИНН, bank, БИК, account) in Russian, an IBAN
    /// or a bank account in English.
    pub fn missing_for_payment(&self, lang: Lang) -> Vec<RequisiteField> {
        let empty = |s: &str| s.trim().is_empty();
        let mut out = Vec::new();
        let mut need = |field, value: &str| {
            if empty(value) {
                out.push(field);
            }
        };
        need(RequisiteField::Name, &self.name);
        need(RequisiteField::Address, &self.address);
        match lang {
            Lang::Ru => {
                need(RequisiteField::Inn, &self.inn);
                need(RequisiteField::Bank, &self.bank);
                need(RequisiteField::Bik, &self.bik);
                need(RequisiteField::Account, &self.account);
            }
            Lang::En => {
                need(RequisiteField::Bank, &self.bank);
                if empty(&self.account) {
                    need(RequisiteField::Iban, &self.iban);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sber's published requisites.
    fn sber() -> Requisites {
        Requisites {
            name: "ПАО Сбербанк".into(),
            inn: "7707083893".into(),
            kpp: "773601001".into(),
            ogrn: "1027700132195".into(),
            address: "117312, г. Москва, ул. Вавилова, д. 19".into(),
            bank: "ПАО Сбербанк".into(),
            bik: "044525225".into(),
            correspondent_account: "30101810400000000225".into(),
            account: "40702810038000001230".into(),
            ..Requisites::default()
        }
    }

    #[test]
    fn correct_requisites_pass_and_a_typo_is_named_by_its_field() {
        let good = sber();
        assert_eq!(good.errors(Lang::Ru), vec![]);
        let mut typo = good.clone();
        typo.inn = "7707083894".into();
        typo.correspondent_account = "30101810400000000226".into();
        assert_eq!(
            typo.errors(Lang::Ru),
            vec![
                (RequisiteField::Inn, RequisiteError::Checksum),
                (
                    RequisiteField::CorrespondentAccount,
                    RequisiteError::Checksum
                ),
            ]
        );
    }

    #[test]
    fn empty_fields_are_missing_not_wrong() {
        let empty = Requisites::default();
        assert_eq!(empty.errors(Lang::Ru), vec![]);
        assert_eq!(
            empty.missing_for_payment(Lang::Ru),
            vec![
                RequisiteField::Name,
                RequisiteField::Address,
                RequisiteField::Inn,
                RequisiteField::Bank,
                RequisiteField::Bik,
                RequisiteField::Account,
            ]
        );
        assert_eq!(sber().missing_for_payment(Lang::Ru), vec![]);
        let mut abroad = Requisites {
            name: "Alfa LLC".into(),
            address: "1 Main St".into(),
            bank: "Deutsche Bank".into(),
            ..Requisites::default()
        };
        assert_eq!(
            abroad.missing_for_payment(Lang::En),
            vec![RequisiteField::Iban]
        );
        abroad.iban = "DE89 3704 0044 0532 0130 00".into();
        assert_eq!(abroad.missing_for_payment(Lang::En), vec![]);
        assert_eq!(abroad.errors(Lang::En), vec![]);
    }
}
