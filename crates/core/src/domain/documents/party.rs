//! A party's requisites as a document prints them: the workspace's own company (the seller) and
//! the deal's client (the buyer).

use super::requisites::{
    check_bik, check_correspondent_account, check_iban, check_inn, check_kpp, check_ogrn,
    check_settlement_account, RequisiteError,
};
use serde::{Deserialize, Serialize};

/// A company's or a person's requisites; every field may be empty until a document needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Requisites {
    /// Registered outside Russia: the tax and registration numbers are another country's
    /// (not checked) and the bank is named by IBAN and SWIFT.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub foreign: bool,
    /// The legal name: «ООО «Альфа»», "Alfa LLC", or a person's full name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// ИНН, or in English the tax number.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub inn: String,
    /// КПП (an organisation's; an entrepreneur has none).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kpp: String,
    /// ОГРН (13 digits) or ОГРНИП (15), or in English the registration number.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ogrn: String,
    /// The legal address.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The bank's name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub bank: String,
    /// БИК.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub bik: String,
    /// The bank's correspondent account (к/с).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub correspondent_account: String,
    /// The settlement account (р/с).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub account: String,
    /// IBAN, for an account outside Russia.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub iban: String,
    /// SWIFT / BIC of that bank.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub swift: String,
    /// The director's name, as it is signed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub director: String,
    /// The director's title: «Генеральный директор», "Director".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub director_title: String,
    /// The chief accountant's name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub accountant: String,
    /// Phone.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// E-mail.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
}

/// A field of [`Requisites`] that a check or a document names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// SWIFT.
    Swift,
    /// The director's name.
    Director,
    /// The director's title.
    DirectorTitle,
    /// The chief accountant.
    Accountant,
    /// Phone.
    Phone,
    /// E-mail.
    Email,
}

impl RequisiteField {
    /// The field's name in the stored data and in templates: `inn`, `correspondent_account` …
    pub fn key(self) -> &'static str {
        use RequisiteField as F;
        match self {
            F::Name => "name",
            F::Inn => "inn",
            F::Kpp => "kpp",
            F::Ogrn => "ogrn",
            F::Address => "address",
            F::Bank => "bank",
            F::Bik => "bik",
            F::CorrespondentAccount => "correspondent_account",
            F::Account => "account",
            F::Iban => "iban",
            F::Swift => "swift",
            F::Director => "director",
            F::DirectorTitle => "director_title",
            F::Accountant => "accountant",
            F::Phone => "phone",
            F::Email => "email",
        }
    }
}

impl Requisites {
    /// Every field with the text it holds, in the form's order.
    pub fn fields(&self) -> [(RequisiteField, &str); 16] {
        use RequisiteField as F;
        [
            (F::Name, &self.name),
            (F::Inn, &self.inn),
            (F::Kpp, &self.kpp),
            (F::Ogrn, &self.ogrn),
            (F::Address, &self.address),
            (F::Bank, &self.bank),
            (F::Bik, &self.bik),
            (F::CorrespondentAccount, &self.correspondent_account),
            (F::Account, &self.account),
            (F::Iban, &self.iban),
            (F::Swift, &self.swift),
            (F::Director, &self.director),
            (F::DirectorTitle, &self.director_title),
            (F::Accountant, &self.accountant),
            (F::Phone, &self.phone),
            (F::Email, &self.email),
        ]
    }

    /// The text of `field`.
    pub fn get(&self, field: RequisiteField) -> &str {
        self.fields()
            .into_iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v)
    }

    /// Writes `value` into `field`.
    pub fn set(&mut self, field: RequisiteField, value: String) {
        use RequisiteField as F;
        let slot = match field {
            F::Name => &mut self.name,
            F::Inn => &mut self.inn,
            F::Kpp => &mut self.kpp,
            F::Ogrn => &mut self.ogrn,
            F::Address => &mut self.address,
            F::Bank => &mut self.bank,
            F::Bik => &mut self.bik,
            F::CorrespondentAccount => &mut self.correspondent_account,
            F::Account => &mut self.account,
            F::Iban => &mut self.iban,
            F::Swift => &mut self.swift,
            F::Director => &mut self.director,
            F::DirectorTitle => &mut self.director_title,
            F::Accountant => &mut self.accountant,
            F::Phone => &mut self.phone,
            F::Email => &mut self.email,
        };
        *slot = value;
    }

    /// The fields a form shows, in its order: a Russian company's numbers and bank, or a
    /// foreign one's tax and registration numbers, IBAN and SWIFT.
    pub fn form_fields(foreign: bool) -> &'static [RequisiteField] {
        use RequisiteField as F;
        if foreign {
            &[
                F::Name,
                F::Inn,
                F::Ogrn,
                F::Address,
                F::Bank,
                F::Iban,
                F::Swift,
                F::Account,
                F::Director,
                F::DirectorTitle,
                F::Phone,
                F::Email,
            ]
        } else {
            &[
                F::Name,
                F::Inn,
                F::Kpp,
                F::Ogrn,
                F::Address,
                F::Bank,
                F::Bik,
                F::CorrespondentAccount,
                F::Account,
                F::Director,
                F::DirectorTitle,
                F::Accountant,
                F::Phone,
                F::Email,
            ]
        }
    }

    /// The same requisites as they are kept: every field trimmed, and a Russian company's
    /// numbers (ИНН, КПП, ОГРН, БИК, accounts) without the spaces and dashes typed in them.
    pub fn normalized(&self) -> Requisites {
        let t = |s: &String| s.trim().to_owned();
        let n = |s: &String| {
            if self.foreign {
                s.trim().to_owned()
            } else {
                s.chars()
                    .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
                    .collect()
            }
        };
        Requisites {
            foreign: self.foreign,
            name: t(&self.name),
            inn: n(&self.inn),
            kpp: n(&self.kpp),
            ogrn: n(&self.ogrn),
            address: t(&self.address),
            bank: t(&self.bank),
            bik: n(&self.bik),
            correspondent_account: n(&self.correspondent_account),
            account: n(&self.account),
            iban: t(&self.iban),
            swift: t(&self.swift),
            director: t(&self.director),
            director_title: t(&self.director_title),
            accountant: t(&self.accountant),
            phone: t(&self.phone),
            email: t(&self.email),
        }
    }

    /// Whether nothing is filled in.
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.trim().is_empty())
    }

    /// Every filled field that fails its check, in the form's order. Empty fields are not
    /// errors here ([`Requisites::missing_for_payment`] says which a document needs). A
    /// foreign company's tax and registration numbers are another country's and are not
    /// checked; its IBAN is.
    pub fn errors(&self) -> Vec<(RequisiteField, RequisiteError)> {
        let filled = |s: &str| !s.trim().is_empty();
        let mut out = Vec::new();
        let mut check = |field, value: &str, result: Result<(), RequisiteError>| {
            if filled(value) {
                if let Err(e) = result {
                    out.push((field, e));
                }
            }
        };
        if !self.foreign {
            check(RequisiteField::Inn, &self.inn, check_inn(&self.inn));
            check(RequisiteField::Kpp, &self.kpp, check_kpp(&self.kpp));
            check(RequisiteField::Ogrn, &self.ogrn, check_ogrn(&self.ogrn));
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
        }
        check(RequisiteField::Iban, &self.iban, check_iban(&self.iban));
        out
    }

    /// The fields a seller must fill before an invoice can be paid to them: the name, the
    /// address and a bank account — a Russian one (ИНН, bank, БИК, account), or for a foreign
    /// company a bank with an IBAN or an account number.
    pub fn missing_for_payment(&self) -> Vec<RequisiteField> {
        let empty = |s: &str| s.trim().is_empty();
        let mut out = Vec::new();
        let mut need = |field, value: &str| {
            if empty(value) {
                out.push(field);
            }
        };
        need(RequisiteField::Name, &self.name);
        need(RequisiteField::Address, &self.address);
        if self.foreign {
            need(RequisiteField::Bank, &self.bank);
            if empty(&self.account) {
                need(RequisiteField::Iban, &self.iban);
            }
        } else {
            need(RequisiteField::Inn, &self.inn);
            need(RequisiteField::Bank, &self.bank);
            need(RequisiteField::Bik, &self.bik);
            need(RequisiteField::Account, &self.account);
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
        assert_eq!(good.errors(), vec![]);
        let mut typo = good.clone();
        typo.inn = "7707083894".into();
        typo.correspondent_account = "30101810400000000226".into();
        assert_eq!(
            typo.errors(),
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
    fn every_field_is_read_and_written_by_its_name() {
        let mut r = Requisites::default();
        for (i, (field, _)) in Requisites::default().fields().into_iter().enumerate() {
            r.set(field, format!("v{i}"));
        }
        for (i, (field, value)) in r.fields().into_iter().enumerate() {
            assert_eq!(value, format!("v{i}"));
            assert_eq!(r.get(field), value, "{}", field.key());
        }
        let keys: std::collections::BTreeSet<_> = r.fields().map(|(f, _)| f.key()).into();
        assert_eq!(keys.len(), 16, "every key differs");
        let json = serde_json::to_value(&r).unwrap();
        for (field, value) in r.fields() {
            assert_eq!(json[field.key()], value, "the stored name is the key");
        }
    }

    #[test]
    fn empty_fields_are_missing_not_wrong() {
        let empty = Requisites::default();
        assert_eq!(empty.errors(), vec![]);
        assert_eq!(
            empty.missing_for_payment(),
            vec![
                RequisiteField::Name,
                RequisiteField::Address,
                RequisiteField::Inn,
                RequisiteField::Bank,
                RequisiteField::Bik,
                RequisiteField::Account,
            ]
        );
        assert_eq!(sber().missing_for_payment(), vec![]);
        let mut abroad = Requisites {
            foreign: true,
            name: "Alfa LLC".into(),
            address: "1 Main St".into(),
            bank: "Deutsche Bank".into(),
            ..Requisites::default()
        };
        assert_eq!(abroad.missing_for_payment(), vec![RequisiteField::Iban]);
        abroad.iban = "DE89 3704 0044 0532 0130 00".into();
        assert_eq!(abroad.missing_for_payment(), vec![]);
        assert_eq!(abroad.errors(), vec![]);
    }
}
