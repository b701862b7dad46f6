//! The workspace as data: exact round trips and every validation error with its path.

mod common;
use common::*;
use voronka_core::domain::demo::{generate, DemoConfig};
use voronka_core::domain::*;

fn demo() -> Workspace {
    generate(&DemoConfig {
        seed: 3,
        employees: 4,
        deals: 300,
        now: voronka_core::domain::Stamp::at_midnight(day(2026, 11, 27)).plus_minutes(18 * 60),
        lang: Lang::Ru,
    })
}

#[test]
fn data_round_trips_exactly_through_json() {
    let ws = demo();
    let json = serde_json::to_string(&ws.to_data()).unwrap();
    let back = Workspace::from_data(serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(back, ws);
    back.check_invariants().unwrap();
    // Positions survive: every column keeps its order.
    for d in ws.directions() {
        for s in &d.stages {
            assert_eq!(back.column(s.id), ws.column(s.id));
        }
    }
}

fn fails(change: impl FnOnce(&mut WorkspaceData)) -> DataError {
    let mut data = demo().to_data();
    change(&mut data);
    Workspace::from_data(data).expect_err("the change makes the data invalid")
}

fn at(path: &str, problem: DataProblem) -> DataError {
    DataError {
        path: path.into(),
        problem,
    }
}

#[test]
// Unicode upper case on purpose: names are unique regardless of case in any alphabet.
#[allow(clippy::disallowed_methods)]
fn every_problem_is_named_with_its_path() {
    assert_eq!(
        fails(|d| d.deals[12].stage = StageId(99_999)),
        at("deals[12].stage", DataProblem::UnknownStage)
    );
    assert_eq!(
        fails(|d| d.deals[3].amount = Money(-100)),
        at("deals[3].amount", DataProblem::NegativeAmount)
    );
    assert_eq!(
        fails(|d| d.deals[4].owner = EmployeeId(99_999)),
        at("deals[4].owner", DataProblem::UnknownEmployee)
    );
    assert_eq!(
        fails(|d| d.deals[5].direction = DirectionId(99_999)),
        at("deals[5].direction", DataProblem::UnknownDirection)
    );
    assert_eq!(
        fails(|d| d.deals[6].title = String::new()),
        at("deals[6].title", DataProblem::Empty)
    );
    assert_eq!(
        fails(|d| d.deals[7].nps = Some(42)),
        at("deals[7].nps", DataProblem::Invalid)
    );
    assert_eq!(
        fails(|d| d.deals[8].client.email = "nope".into()),
        at("deals[8].client.email", DataProblem::Invalid)
    );
    assert_eq!(
        fails(|d| {
            let other = d.deals[0].id;
            d.deals[9].id = other;
        }),
        at("deals[9].id", DataProblem::DuplicateId)
    );
    assert_eq!(
        fails(|d| {
            let stage = d.directions[0].stages[0].id;
            d.deals[1].id = DealId(stage.0);
        }),
        at("deals[1].id", DataProblem::DuplicateId),
        "ids are unique across kinds"
    );
    assert_eq!(
        fails(|d| {
            let foreign = d.directions[1].stages[0].id;
            let i = d
                .deals
                .iter()
                .position(|x| x.direction == d.directions[0].id)
                .unwrap();
            d.deals[i].stage = foreign;
        })
        .problem,
        DataProblem::StageOfAnotherDirection
    );
    assert_eq!(fails(|d| d.next_id = 2).problem, DataProblem::CounterTooLow);
    assert_eq!(
        fails(|d| d.employees[1].name = d.employees[0].name.to_uppercase()),
        at("employees[1].name", DataProblem::DuplicateName)
    );
    assert_eq!(
        fails(|d| d.directions[1].name = d.directions[0].name.clone()),
        at("directions[1].name", DataProblem::DuplicateName)
    );
    assert_eq!(
        fails(|d| d.directions[0].stages[1].color = "blue".into()),
        at("directions[0].stages[1].color", DataProblem::Invalid)
    );
    assert_eq!(
        fails(|d| d.directions[0].stages[1].probability = Some(120)),
        at("directions[0].stages[1].probability", DataProblem::Invalid)
    );
    assert_eq!(
        fails(|d| d.directions[2].stages.retain(|s| s.kind != StageKind::Won)),
        at(
            "directions[2].stages",
            DataProblem::MissingStageKind(StageKind::Won)
        )
    );
    assert_eq!(
        fails(|d| d.directions[2].stages.reverse()),
        at("directions[2].stages", DataProblem::ClosedStagesNotLast)
    );
    let open_deal = |d: &WorkspaceData| d.deals.iter().position(|x| x.closed_at.is_none()).unwrap();
    assert_eq!(
        fails(|d| {
            let i = open_deal(d);
            d.deals[i].closed_at = Some(now());
        })
        .problem,
        DataProblem::CloseDateMismatch
    );
    assert_eq!(
        fails(|d| {
            let i = open_deal(d);
            d.deals[i].loss_reason = Some("x".into());
        })
        .problem,
        DataProblem::LossReasonMismatch
    );
    assert_eq!(
        fails(|d| {
            let p = d.plans[0].clone();
            d.plans.push(p);
        })
        .problem,
        DataProblem::DuplicatePlan
    );
    assert_eq!(
        fails(|d| d.plans[0].amount = Money(-1)),
        at("plans[0].amount", DataProblem::NegativeAmount)
    );
    assert_eq!(
        fails(|d| d.plans[0].period.index = 13),
        at("plans[0].period", DataProblem::Invalid)
    );
    assert_eq!(
        fails(|d| d.loss_reasons.push(" ".into())).problem,
        DataProblem::Empty
    );
}
