//! The workspace's own company: its requisites set as one command (one undo step), checked
//! field by field, kept in the stored data and in a team's settings document.

mod common;

use common::Fixture;
use std::collections::HashMap;
use voronka_core::domain::documents::party::{RequisiteField, Requisites};
use voronka_core::domain::documents::requisites::RequisiteError;
use voronka_core::domain::*;
use voronka_core::sync::docs::{assemble, docs_of, structure_docs, TeamSettings, SETTINGS};

/// ПАО Сбербанк's published requisites, typed with the spaces people type.
fn sber() -> Requisites {
    Requisites {
        name: " ПАО Сбербанк ".into(),
        inn: "7707 083 893".into(),
        kpp: "773601001".into(),
        ogrn: "1027700132195".into(),
        address: "117312, г. Москва, ул. Вавилова, д. 19".into(),
        bank: "ПАО Сбербанк".into(),
        bik: "044525225".into(),
        correspondent_account: "30101810400000000225".into(),
        account: "40702810038000001230".into(),
        director: "Г. О. Греф".into(),
        director_title: "Президент, Председатель Правления".into(),
        email: "sberbank@sberbank.ru".into(),
        ..Requisites::default()
    }
}

fn set(f: &mut Fixture, r: Requisites) -> DomainResult<Outcome> {
    f.apply(Command::SetCompany {
        requisites: Box::new(r),
    })
}

#[test]
fn requisites_are_kept_trimmed_and_undone_in_one_step() {
    let mut f = Fixture::new();
    assert!(f.ws.company().is_empty());
    let before = f.ws.clone();
    let mut history = History::default();
    history
        .apply(
            &mut f.ws,
            Command::SetCompany {
                requisites: Box::new(sber()),
            },
        )
        .unwrap();
    assert_eq!(f.ws.company().name, "ПАО Сбербанк");
    assert_eq!(f.ws.company().inn, "7707083893", "the digits alone");
    assert_eq!(f.ws.company().missing_for_payment(), vec![]);
    history.undo(&mut f.ws).unwrap();
    assert_eq!(f.ws, before);
    history.redo(&mut f.ws).unwrap();
    assert_eq!(f.ws.company().bik, "044525225");
}

#[test]
fn a_mistyped_requisite_is_refused_naming_its_field_and_changes_nothing() {
    let mut f = Fixture::new();
    let before = f.ws.clone();
    let cases = [
        (
            Requisites {
                inn: "7707083894".into(),
                ..sber()
            },
            RequisiteField::Inn,
            RequisiteError::Checksum,
        ),
        (
            Requisites {
                account: "40702810038000001231".into(),
                ..sber()
            },
            RequisiteField::Account,
            RequisiteError::Checksum,
        ),
        (
            Requisites {
                bik: "04452522".into(),
                ..sber()
            },
            RequisiteField::Bik,
            RequisiteError::Length(&[9]),
        ),
    ];
    for (r, field, error) in cases {
        assert_eq!(set(&mut f, r), Err(DomainError::Requisite { field, error }));
        assert_eq!(f.ws, before);
    }
    let long = Requisites {
        address: "д".repeat(validate::MAX_REQUISITE + 1),
        ..sber()
    };
    assert_eq!(
        set(&mut f, long),
        Err(DomainError::TooLong {
            field: Field::Requisite(RequisiteField::Address),
            max: validate::MAX_REQUISITE
        })
    );
    let bad_mail = Requisites {
        email: "not an address".into(),
        ..sber()
    };
    assert_eq!(
        set(&mut f, bad_mail),
        Err(DomainError::Invalid(Field::Requisite(
            RequisiteField::Email
        )))
    );
}

#[test]
fn a_foreign_company_checks_its_iban_not_russian_numbers() {
    let mut f = Fixture::new();
    let abroad = Requisites {
        foreign: true,
        name: "Alfa GmbH".into(),
        inn: "DE 123456789".into(),
        address: "Berlin".into(),
        bank: "Deutsche Bank".into(),
        iban: "DE89 3704 0044 0532 0130 00".into(),
        swift: "DEUTDEFF".into(),
        ..Requisites::default()
    };
    set(&mut f, abroad.clone()).unwrap();
    let typo = Requisites {
        iban: "DE89 3704 0044 0532 0130 01".into(),
        ..abroad
    };
    assert_eq!(
        set(&mut f, typo),
        Err(DomainError::Requisite {
            field: RequisiteField::Iban,
            error: RequisiteError::Checksum
        })
    );
}

#[test]
fn the_company_survives_the_stored_data_and_an_old_file_loads_without_it() {
    let mut f = Fixture::new();
    set(&mut f, sber()).unwrap();
    let data = f.ws.to_data();
    let json = serde_json::to_string(&data).unwrap();
    assert!(json.contains("\"correspondent_account\":\"30101810400000000225\""));
    assert!(!json.contains("\"iban\""), "empty fields are not written");
    let back: WorkspaceData = serde_json::from_str(&json).unwrap();
    assert_eq!(Workspace::from_data(back).unwrap(), f.ws);

    // A file of before the company: no `company` at all.
    let old = serde_json::to_string(&Fixture::new().ws.to_data()).unwrap();
    assert!(!old.contains("company"));
    let ws = Workspace::from_data(serde_json::from_str(&old).unwrap()).unwrap();
    assert!(ws.company().is_empty());

    // A file whose company breaks a rule is refused with the path of the field.
    let mut bad = data.clone();
    bad.company.inn = "7707083894".into();
    let e = Workspace::from_data(bad).unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.problem),
        ("company.inn", DataProblem::Invalid)
    );
    let mut untrimmed = data;
    untrimmed.company.bank = " ПАО Сбербанк".into();
    let e = Workspace::from_data(untrimmed).unwrap_err();
    assert_eq!(e.path, "company.bank");
}

#[test]
fn a_team_keeps_the_company_in_its_settings_document() {
    let team = TeamSettings::default();
    let empty = Fixture::new().ws;
    let docs = structure_docs(&empty, &team);
    assert!(
        docs[SETTINGS].get("company").is_none(),
        "untouched until entered"
    );

    let mut f = Fixture::new();
    set(&mut f, sber()).unwrap();
    let docs = docs_of(&f.ws, &team, &HashMap::new());
    assert_eq!(docs[SETTINGS]["company"]["kpp"], "773601001");
    let back = assemble(&docs, f.ws.next_id(), None).unwrap();
    assert_eq!(back.ws.company(), f.ws.company());
}
