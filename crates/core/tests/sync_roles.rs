//! What a team's rep may change, asked before a command is applied (`roles::permits`), and
//! that it says the same as the server's check (`roles::check`) on the documents the command
//! changes: a rep's own deals, deals nobody signs in for (taken by giving them to oneself),
//! never another rep's, never the structure, employees or plans.

mod common;

use common::*;
use std::collections::HashMap;
use voronka_core::domain::*;
use voronka_core::sync::docs::{docs_of, known_ranks, TeamSettings};
use voronka_core::sync::roles::{check, permits, reason, Role};

fn team(f: &Fixture) -> TeamSettings {
    TeamSettings {
        zone: "Europe/Moscow".into(),
        members: [("anna".to_string(), f.anna), ("ivan".to_string(), f.ivan)].into(),
    }
}

/// What the server's check says of every document `command` changes, for `user` as a rep.
fn server_says(
    f: &Fixture,
    team: &TeamSettings,
    user: &str,
    command: &Command,
) -> Result<(), &'static str> {
    let before = docs_of(&f.ws, team, &HashMap::new());
    let mut after_ws = f.ws.clone();
    after_ws
        .apply(command)
        .expect("the command itself is valid");
    // Ranks kept as synced: a new or moved deal gets a rank of its own, the others keep theirs.
    let after = docs_of(&after_ws, team, &known_ranks(before.iter()));
    let ids: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for id in ids {
        let (old, new) = (before.get(id), after.get(id));
        if old != new {
            check(Some(Role::Rep), user, id, old, new)?;
        }
    }
    Ok(())
}

#[test]
fn a_rep_changes_their_own_deals_and_nothing_else_as_the_server_would() {
    let mut f = Fixture::new();
    let nobody = add_employee(&mut f.ws, "Без входа");
    let annas = f.deal("Окна", 1000, f.anna, 0);
    let ivans = f.deal("Двери", 2000, f.ivan, 0);
    let unowned = f.deal("Крыша", 3000, nobody, 0);
    let team = team(&f);
    let stage = f.stage(1);
    let cases: Vec<(Command, Result<(), &str>)> = vec![
        (
            Command::CreateDeal {
                draft: draft("Новая", 10, f.anna),
                stage: f.stage(0),
                at: now(),
            },
            Ok(()),
        ),
        (
            Command::CreateDeal {
                draft: draft("Чужая", 10, f.ivan),
                stage: f.stage(0),
                at: now(),
            },
            Err(reason::NOT_YOURS),
        ),
        (
            Command::EditDeal {
                deal: annas,
                draft: draft("Окна ПВХ", 1000, f.anna),
            },
            Ok(()),
        ),
        (
            Command::EditDeal {
                deal: annas,
                draft: draft("Окна ПВХ", 1000, f.ivan),
            },
            Err(reason::NOT_YOURS),
        ),
        (
            Command::EditDeal {
                deal: ivans,
                draft: draft("Двери", 2000, f.anna),
            },
            Err(reason::NOT_YOURS),
        ),
        (
            Command::EditDeal {
                deal: unowned,
                draft: draft("Крыша", 3000, f.anna),
            },
            Ok(()),
        ),
        (
            Command::EditDeal {
                deal: unowned,
                draft: draft("Крыша плоская", 3000, nobody),
            },
            Err(reason::NOT_YOURS),
        ),
        (
            Command::MoveDeal {
                deal: annas,
                to_stage: stage,
                index: 0,
                confirm_unfinished: true,
                loss_reason: None,
                at: now(),
            },
            Ok(()),
        ),
        (
            Command::MoveDeal {
                deal: ivans,
                to_stage: stage,
                index: 0,
                confirm_unfinished: true,
                loss_reason: None,
                at: now(),
            },
            Err(reason::NOT_YOURS),
        ),
        (Command::DeleteDeal { deal: annas }, Ok(())),
        (Command::DeleteDeal { deal: ivans }, Err(reason::NOT_YOURS)),
        (
            Command::AddEmployee {
                name: "Новый".into(),
            },
            Err(reason::HEAD_ONLY),
        ),
        (
            Command::RenameDirection {
                direction: f.dir,
                name: "Другое".into(),
            },
            Err(reason::HEAD_ONLY),
        ),
    ];
    for (command, expected) in cases {
        assert_eq!(
            permits(Some(Role::Rep), "anna", &team, &f.ws, &command),
            expected,
            "{command:?}"
        );
        assert_eq!(
            server_says(&f, &team, "anna", &command).is_ok(),
            expected.is_ok(),
            "the server on {command:?}"
        );
        assert_eq!(
            permits(Some(Role::Head), "olga", &team, &f.ws, &command),
            Ok(())
        );
    }
    assert_eq!(
        permits(
            None,
            "x",
            &team,
            &f.ws,
            &Command::DeleteDeal { deal: annas }
        ),
        Err(reason::NOT_A_MEMBER)
    );
}
