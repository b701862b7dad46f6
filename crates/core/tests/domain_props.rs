//! Property tests: long random command sequences keep every invariant, lose no deal, keep
//! plans summing up, keep every column's count and sums equal to a recount (also under the
//! board's filters), and undo returns each exact previous workspace.

mod common;
use common::*;
use proptest::prelude::*;
use voronka_core::domain::*;

/// A random user action; indices pick among whatever exists when it is applied.
#[derive(Clone, Debug)]
enum Action {
    CreateDeal {
        stage: u8,
        amount: u32,
        owner: u8,
    },
    MoveDeal {
        deal: u16,
        stage: u8,
        index: u16,
        confirm: bool,
        reason: bool,
    },
    EditAmount {
        deal: u16,
        amount: u32,
    },
    DeleteDeal {
        deal: u16,
    },
    TickTask {
        deal: u16,
        done: bool,
    },
    AddStage {
        direction: u8,
        index: u8,
    },
    DeleteStage {
        stage: u8,
        target: u8,
    },
    ReorderStage {
        stage: u8,
        index: u8,
    },
    CreateDirection {
        template: u8,
    },
    DeleteDirection {
        direction: u8,
        target: u8,
    },
    Archive {
        direction: u8,
        archived: bool,
    },
    AddEmployee,
    Deactivate {
        employee: u8,
        active: bool,
    },
    SetPlan {
        employee: u8,
        month: u8,
        amount: u32,
    },
    Undo,
    Redo,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (any::<u8>(), 0..5_000_000u32, any::<u8>()).prop_map(|(stage, amount, owner)| Action::CreateDeal { stage, amount, owner }),
        6 => (any::<u16>(), any::<u8>(), any::<u16>(), any::<bool>(), any::<bool>()).prop_map(|(deal, stage, index, confirm, reason)| Action::MoveDeal { deal, stage, index, confirm, reason }),
        1 => (any::<u16>(), 0..5_000_000u32).prop_map(|(deal, amount)| Action::EditAmount { deal, amount }),
        1 => any::<u16>().prop_map(|deal| Action::DeleteDeal { deal }),
        2 => (any::<u16>(), any::<bool>()).prop_map(|(deal, done)| Action::TickTask { deal, done }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(direction, index)| Action::AddStage { direction, index }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(stage, target)| Action::DeleteStage { stage, target }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(stage, index)| Action::ReorderStage { stage, index }),
        1 => any::<u8>().prop_map(|template| Action::CreateDirection { template }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(direction, target)| Action::DeleteDirection { direction, target }),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(direction, archived)| Action::Archive { direction, archived }),
        1 => Just(Action::AddEmployee),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(employee, active)| Action::Deactivate { employee, active }),
        2 => (any::<u8>(), 1..=12u8, 0..10_000_000u32).prop_map(|(employee, month, amount)| Action::SetPlan { employee, month, amount }),
        2 => Just(Action::Undo),
        1 => Just(Action::Redo),
    ]
}

fn nth<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

fn all_stages(ws: &Workspace) -> Vec<StageId> {
    ws.directions()
        .flat_map(|d| d.stages.iter().map(|s| s.id))
        .collect()
}

fn to_command(ws: &Workspace, action: &Action, step: i64) -> Option<Command> {
    let deals: Vec<DealId> = ws.deals().map(|d| d.id).collect();
    let stages = all_stages(ws);
    let directions: Vec<DirectionId> = ws.directions().map(|d| d.id).collect();
    let employees: Vec<EmployeeId> = ws.employees().map(|e| e.id).collect();
    let at = now().plus_minutes(step);
    Some(match *action {
        Action::CreateDeal {
            stage,
            amount,
            owner,
        } => Command::CreateDeal {
            draft: DealDraft {
                loss_reason: Some("Дорого".into()),
                ..draft(
                    &format!("Сделка {step}"),
                    i64::from(amount),
                    nth(&employees, owner as usize)?,
                )
            },
            stage: nth(&stages, stage as usize)?,
            at,
        },
        Action::MoveDeal {
            deal,
            stage,
            index,
            confirm,
            reason,
        } => {
            let to_stage = nth(&stages, stage as usize)?;
            Command::MoveDeal {
                deal: nth(&deals, deal as usize)?,
                to_stage,
                index: index as usize % (ws.column(to_stage).len() + 2),
                confirm_unfinished: confirm,
                loss_reason: reason.then(|| "Нет бюджета".to_string()),
                at,
            }
        }
        Action::EditAmount { deal, amount } => {
            let deal = nth(&deals, deal as usize)?;
            let mut d = ws.deal(deal)?.draft();
            d.amount = Money(i64::from(amount));
            Command::EditDeal { deal, draft: d }
        }
        Action::DeleteDeal { deal } => Command::DeleteDeal {
            deal: nth(&deals, deal as usize)?,
        },
        Action::TickTask { deal, done } => {
            let deal = nth(&deals, deal as usize)?;
            Command::SetTaskDone {
                deal,
                stage: ws.deal(deal)?.stage,
                done,
            }
        }
        Action::AddStage { direction, index } => {
            let direction = nth(&directions, direction as usize)?;
            Command::AddStage {
                direction,
                index: index as usize % (ws.direction(direction)?.stages.len() + 1),
                spec: StageSpec::new(&format!("Этап {step}"), StageKind::Open),
            }
        }
        Action::DeleteStage { stage, target } => Command::DeleteStage {
            stage: nth(&stages, stage as usize)?,
            move_to: nth(&stages, target as usize),
            loss_reason: Some("Сроки".into()),
            at,
        },
        Action::ReorderStage { stage, index } => Command::ReorderStage {
            stage: nth(&stages, stage as usize)?,
            index: index as usize % 12,
        },
        Action::CreateDirection { template } => Command::CreateDirectionFromTemplate {
            template: Template::ALL[template as usize % 4],
            lang: if template % 2 == 0 {
                Lang::Ru
            } else {
                Lang::En
            },
        },
        Action::DeleteDirection { direction, target } => {
            let direction = nth(&directions, direction as usize)?;
            let target_dir = nth(&directions, target as usize)?;
            let targets = &ws.direction(target_dir)?.stages;
            let stages = ws
                .direction(direction)?
                .stages
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id, targets[i % targets.len()].id))
                .collect();
            Command::DeleteDirection {
                direction,
                target: Some(DirectionMapping {
                    direction: target_dir,
                    stages,
                    loss_reason: Some("Сроки".into()),
                }),
                at,
            }
        }
        Action::Archive {
            direction,
            archived,
        } => Command::ArchiveDirection {
            direction: nth(&directions, direction as usize)?,
            archived,
        },
        Action::AddEmployee => Command::AddEmployee {
            name: format!("Сотрудник {step}"),
        },
        Action::Deactivate { employee, active } => Command::SetEmployeeActive {
            employee: nth(&employees, employee as usize)?,
            active,
        },
        Action::SetPlan {
            employee,
            month,
            amount,
        } => Command::SetPlan {
            employee: nth(&employees, employee as usize)?,
            period: Period::month(2026, month),
            target: (amount % 5 != 0).then_some(PlanTarget {
                amount: Money(i64::from(amount)),
                deals: None,
            }),
        },
        Action::Undo | Action::Redo => return None,
    })
}

/// The deals of `stage`'s column that `filter` lets through, counted again here from the rule
/// as the board states it: the owner's, whose title, company or contact holds the search
/// (case-folded), and with `undated` only open ones without an expected close date.
fn recount(
    ws: &Workspace,
    stage: StageId,
    owner: Option<EmployeeId>,
    search: &str,
    undated: bool,
) -> Vec<DealId> {
    let needle = voronka_core::text::fold_case(search.trim());
    let holds = |text: &str| voronka_core::text::fold_case(text).contains(&needle);
    ws.column(stage)
        .iter()
        .filter_map(|id| ws.deal(*id))
        .filter(|d| owner.is_none_or(|o| d.owner == o))
        .filter(|d| holds(&d.title) || holds(&d.client.company) || holds(&d.client.contact))
        .filter(|d| {
            let open = ws
                .stage(d.stage)
                .is_some_and(|(_, s)| s.kind == StageKind::Open);
            !undated || (open && d.expected_close.is_none())
        })
        .map(|d| d.id)
        .collect()
}

/// The board's column figures (count, sum, weighted sum, the cards drawn) and its totals line,
/// under the filters a user sets, equal a recount over the filtered deals.
fn check_column_figures(ws: &Workspace) -> Result<(), TestCaseError> {
    let mut owners: Vec<Option<EmployeeId>> = vec![None];
    owners.extend(ws.employees().take(2).map(|e| Some(e.id)));
    for owner in owners {
        for search in ["", "d", " 1 ", "Сделка"] {
            for undated in [false, true] {
                let filter = BoardFilter::new(owner, search, undated);
                for direction in ws.directions() {
                    let mut open = (0, Money::ZERO);
                    for stage in &direction.stages {
                        let deals = recount(ws, stage.id, owner, search, undated);
                        let sum: Money = deals.iter().map(|id| ws.deal(*id).unwrap().amount).sum();
                        let figures = ws.column_figures(stage.id, &filter, 3);
                        prop_assert_eq!(figures.count, deals.len());
                        prop_assert_eq!(figures.sum, sum);
                        prop_assert_eq!(&figures.shown[..], &deals[..deals.len().min(3)]);
                        let weighs = stage.kind == StageKind::Open && stage.probability.is_some();
                        prop_assert_eq!(
                            figures.weighted,
                            weighs.then(|| sum.percent(stage.probability.unwrap_or(0)))
                        );
                        if stage.kind == StageKind::Open {
                            open = (open.0 + deals.len(), open.1 + sum);
                        }
                    }
                    let totals = ws.board_totals(direction.id, &filter);
                    prop_assert_eq!((totals.open_count, totals.open_sum), open);
                }
            }
        }
    }
    Ok(())
}

/// Every column's figures as the board reads them (kept by the domain, O(1)) equal the same
/// figures counted and summed from the column's deals.
fn check_column_aggregates(ws: &Workspace) -> Result<(), TestCaseError> {
    prop_assert_eq!(ws.tallies(), &ws.tallies_recomputed());
    for direction in ws.directions() {
        let board = ws
            .board(direction.id)
            .expect("a listed direction has a board");
        for column in &board.columns {
            let sum: Money = column
                .deals
                .iter()
                .map(|id| ws.deal(*id).expect("listed deal").amount)
                .sum();
            let tally = ws.column_tally(column.stage.id);
            prop_assert_eq!(tally.count, column.deals.len());
            prop_assert_eq!(tally.sum, sum);
            prop_assert_eq!(column.sum, sum);
            prop_assert_eq!(
                column.weighted,
                sum.percent(voronka_core::domain::board::effective_probability(
                    column.stage
                ))
            );
        }
    }
    Ok(())
}

fn check_plans_sum_up(ws: &Workspace) {
    let year = Period::new(2026, PeriodKind::Year, 1).unwrap();
    for kind in PeriodKind::ALL {
        for period in Period::all_in_year(2026, kind) {
            let sum: Money = ws
                .employees()
                .filter_map(|e| ws.plan(e.id, period))
                .map(|p| p.target.amount)
                .sum();
            assert_eq!(
                ws.company_plan(period)
                    .map_or(Money::ZERO, |p| p.target.amount),
                sum
            );
        }
    }
    for e in ws.employees() {
        if ws.plan_set(e.id, year).is_none() {
            let months: Money = Period::all_in_year(2026, PeriodKind::Month)
                .into_iter()
                .filter_map(|m| ws.plan(e.id, m))
                .map(|p| p.target.amount)
                .sum();
            // Only months are set in this test, so every derived level sums the months.
            assert_eq!(
                ws.plan(e.id, year).map_or(Money::ZERO, |p| p.target.amount),
                months
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_command_sequences_keep_every_invariant(actions in prop::collection::vec(action(), 1..120)) {
        let mut f = Fixture::new();
        for _ in 0..6 {
            let s0 = f.stage(0);
            let anna = f.anna;
            create_deal(&mut f.ws, "Начальная", 1_000, anna, s0, now());
        }
        let mut history = History::with_limit(1_000);
        let mut snapshots: Vec<Workspace> = Vec::new();
        for (step, action) in actions.iter().enumerate() {
            let before = f.ws.clone();
            let count = f.ws.deal_count();
            match action {
                Action::Undo => {
                    if history.undo(&mut f.ws).is_ok() {
                        let expected = snapshots.pop().expect("a snapshot per recorded step");
                        prop_assert_eq!(&f.ws, &expected);
                    }
                }
                Action::Redo => {
                    let _ = history.redo(&mut f.ws).map(|_| snapshots.push(before.clone()));
                }
                _ => {
                    if let Some(command) = to_command(&f.ws, action, step as i64) {
                        let deleting = matches!(command, Command::DeleteDeal { .. });
                        let creating = matches!(command, Command::CreateDeal { .. });
                        match history.apply(&mut f.ws, command) {
                            Ok(_) => {
                                snapshots.push(before.clone());
                                let expected = count + usize::from(creating) - usize::from(deleting);
                                prop_assert_eq!(f.ws.deal_count(), expected, "no command loses a deal");
                            }
                            Err(_) => prop_assert_eq!(&f.ws, &before, "a refused command changes nothing"),
                        }
                    }
                }
            }
            if let Err(v) = f.ws.check_invariants() {
                prop_assert!(false, "after {:?}: {}", action, v.0);
            }
            check_plans_sum_up(&f.ws);
            check_column_aggregates(&f.ws)?;
        }
        check_column_figures(&f.ws)?;
        // Undo everything: each step returns the exact workspace before it.
        while let Some(expected) = snapshots.pop() {
            history.undo(&mut f.ws).unwrap();
            prop_assert_eq!(&f.ws, &expected);
            check_column_aggregates(&f.ws)?;
        }
    }
}
