//! What the views show without computing it themselves: a direction's open deals, default
//! stage mappings and when they need a loss reason, checklist progress, gauges, currency.

mod common;
use common::*;
use voronka_core::domain::plans::Completion;
use voronka_core::domain::*;

#[test]
fn open_totals_count_only_open_stages() {
    let mut f = Fixture::new();
    let anna = f.anna;
    f.deal("A", 100, anna, 0);
    f.deal("B", 200, anna, 1);
    let won = f.deal("C", 5_000, anna, 0);
    f.move_deal(won, f.won(), 0).unwrap_err();
    f.apply(Command::MoveDeal {
        deal: won,
        to_stage: f.won(),
        index: 0,
        confirm_unfinished: true,
        loss_reason: None,
        at: now(),
    })
    .unwrap();
    assert_eq!(
        f.ws.open_totals(f.dir),
        OpenTotals {
            count: 2,
            sum: Money::major(300)
        }
    );
    assert_eq!(f.ws.open_totals(DirectionId(9_999)), OpenTotals::default());
}

fn second_direction(f: &mut Fixture) -> DirectionId {
    match f
        .apply(Command::CreateDirectionFromTemplate {
            template: Template::B2cNew,
            lang: Lang::Ru,
        })
        .unwrap()
    {
        Outcome::DirectionCreated(id) => id,
        other => panic!("{other:?}"),
    }
}

fn lose(f: &mut Fixture, deal: DealId) {
    f.apply(Command::MoveDeal {
        deal,
        to_stage: f.lost(),
        index: 0,
        confirm_unfinished: true,
        loss_reason: Some("Дорого".into()),
        at: now(),
    })
    .unwrap();
}

#[test]
fn default_mapping_keeps_the_kind_and_skips_empty_stages() {
    let mut f = Fixture::new();
    let anna = f.anna;
    f.deal("Open", 100, anna, 1);
    let lost = f.deal("Lost", 100, anna, 0);
    lose(&mut f, lost);
    let to = second_direction(&mut f);
    let target = f.ws.direction(to).unwrap().clone();
    let first_of = |kind| target.stages.iter().find(|s| s.kind == kind).unwrap().id;
    // The open deal's stage («Общее КП») has a namesake in the target: it goes there.
    let offer = f.direction().stages[1].name.clone();
    let namesake = target.stages.iter().find(|s| s.name == offer).unwrap().id;
    assert_ne!(namesake, first_of(StageKind::Open));
    assert_eq!(
        f.ws.default_stage_mapping(f.dir, to),
        vec![
            (f.stage(1), namesake),
            (f.lost(), first_of(StageKind::Lost))
        ]
    );
    assert!(f
        .ws
        .default_stage_mapping(f.dir, DirectionId(9_999))
        .is_empty());
}

#[test]
fn a_loss_reason_is_needed_only_for_deals_that_become_lost() {
    let mut f = Fixture::new();
    let anna = f.anna;
    f.deal("Open", 100, anna, 1);
    let lost = f.deal("Lost", 100, anna, 0);
    lose(&mut f, lost);
    let to = second_direction(&mut f);
    let target_lost =
        f.ws.direction(to)
            .unwrap()
            .stages
            .iter()
            .find(|s| s.kind == StageKind::Lost)
            .unwrap()
            .id;
    // Open deals into a lost stage: a reason; lost deals keep theirs; an empty stage moves none.
    assert!(f.ws.mapping_needs_loss_reason(&[(f.stage(1), target_lost)]));
    assert!(!f.ws.mapping_needs_loss_reason(&[(f.lost(), target_lost)]));
    assert!(!f.ws.mapping_needs_loss_reason(&[(f.stage(2), target_lost)]));
    assert!(!f
        .ws
        .mapping_needs_loss_reason(&f.ws.default_stage_mapping(f.dir, to)));
    assert!(f.ws.stage_move_needs_loss_reason(f.stage(1), f.lost()));
    assert!(!f.ws.stage_move_needs_loss_reason(f.stage(1), f.stage(2)));
    // The domain agrees: the same delete without a reason is refused.
    let cmd = |reason: Option<&str>| Command::DeleteStage {
        stage: f.stage(1),
        move_to: Some(f.lost()),
        loss_reason: reason.map(str::to_string),
        at: now(),
    };
    assert_eq!(
        f.ws.clone().apply(&cmd(None)),
        Err(DomainError::LossReasonRequired)
    );
    assert!(f.ws.clone().apply(&cmd(Some("Дорого"))).is_ok());
}

#[test]
fn checklist_progress_counts_ticks_of_current_items() {
    let mut f = Fixture::new();
    let anna = f.anna;
    let (index, stage) = f
        .direction()
        .stages
        .iter()
        .enumerate()
        .find(|(_, s)| s.task.as_ref().is_some_and(|t| t.checklist.len() >= 2))
        .map(|(i, s)| (i, s.clone()))
        .expect("a template stage with a checklist");
    let deal = f.deal("Сделка", 100, anna, index);
    let items = stage.task.as_ref().unwrap().checklist.clone();
    let progress = |f: &Fixture| f.ws.deal(deal).unwrap().checklist_progress(&stage);
    assert_eq!(progress(&f), Some((0, items.len())));
    f.apply(Command::SetChecklistItem {
        deal,
        stage: stage.id,
        item: items[0].clone(),
        checked: true,
    })
    .unwrap();
    assert_eq!(progress(&f), Some((1, items.len())));
    // A stage without a checklist shows none.
    let plain = f
        .direction()
        .stages
        .iter()
        .find(|s| s.task.as_ref().is_none_or(|t| t.checklist.is_empty()))
        .cloned()
        .unwrap();
    assert_eq!(f.ws.deal(deal).unwrap().checklist_progress(&plain), None);
}

#[test]
fn gauges_for_active_employees_and_inactive_ones_with_something_to_show() {
    let active = Employee {
        id: EmployeeId(1),
        name: "Анна".into(),
        active: true,
    };
    let inactive = Employee {
        active: false,
        ..active.clone()
    };
    let nothing = Completion {
        plan: None,
        won: Money::ZERO,
        won_deals: 0,
        percent_bp: None,
        deals_percent_bp: None,
        pace_bp: 0,
    };
    let won = Completion {
        won_deals: 1,
        won: Money::major(10),
        ..nothing
    };
    assert!(Workspace::shows_gauge(&active, &nothing));
    assert!(!Workspace::shows_gauge(&inactive, &nothing));
    assert!(Workspace::shows_gauge(&inactive, &won));
}

#[test]
fn a_new_workspace_counts_in_the_currency_of_its_language() {
    assert_eq!(Currency::for_new_workspace(Lang::Ru), Currency::Rub);
    assert_eq!(Currency::for_new_workspace(Lang::En), Currency::Usd);
}

#[test]
fn the_board_shows_the_wanted_direction_while_it_is_active() {
    let mut f = Fixture::new();
    let second = second_direction(&mut f);
    assert_eq!(f.ws.board_direction(Some(second)), Some(second));
    assert_eq!(f.ws.board_direction(None), Some(f.dir));
    assert_eq!(f.ws.board_direction(Some(DirectionId(9_999))), Some(f.dir));
    f.apply(Command::ArchiveDirection {
        direction: second,
        archived: true,
    })
    .unwrap();
    assert_eq!(f.ws.board_direction(Some(second)), Some(f.dir));
    f.apply(Command::ArchiveDirection {
        direction: f.dir,
        archived: true,
    })
    .unwrap();
    assert_eq!(f.ws.board_direction(Some(f.dir)), None);
}

/// Every pair of the seed's directions, in both languages: a deleted direction's deals keep
/// their kind, go to the namesake of their stage, else to where the last step they passed
/// goes (never further on), and open stages keep their order.
#[test]
fn default_targets_follow_the_steps_the_directions_share() {
    for lang in [Lang::Ru, Lang::En] {
        let mut ws = Workspace::new(Currency::Rub, lang);
        let ids: Vec<DirectionId> = Template::ALL
            .into_iter()
            .map(|template| {
                match ws
                    .apply(&Command::CreateDirectionFromTemplate { template, lang })
                    .unwrap()
                {
                    Outcome::DirectionCreated(id) => id,
                    other => panic!("{other:?}"),
                }
            })
            .collect();
        for &a in &ids {
            for &b in ids.iter().filter(|&&b| b != a) {
                let (from, to) = (ws.direction(a).unwrap(), ws.direction(b).unwrap());
                let targets = voronka_core::domain::deletion::stage_targets(from, to);
                assert_eq!(targets.len(), from.stages.len());
                let at = |id| to.stages.iter().position(|s| s.id == id).unwrap();
                let mut last = 0;
                for (s, &(sid, tid)) in from.stages.iter().zip(&targets) {
                    assert_eq!(sid, s.id);
                    let t = to.stage(tid).unwrap();
                    assert_eq!(t.kind, s.kind, "{} → {}", s.name, t.name);
                    if let Some(same) = to.stages.iter().find(|x| x.name == s.name) {
                        assert_eq!(tid, same.id, "{} has a namesake", s.name);
                    }
                    if s.kind == StageKind::Open {
                        assert!(
                            at(tid) >= last,
                            "{} goes back before an earlier stage",
                            s.name
                        );
                        last = at(tid);
                    }
                }
            }
        }
        // The seed's own case: B2B new clients into B2B repeat clients. The steps repeat
        // clients skip (presentation, offer, feedback) wait at the first they share.
        let (new, repeat) = (ws.direction(ids[0]).unwrap(), ws.direction(ids[1]).unwrap());
        let names: Vec<(&str, &str)> = voronka_core::domain::deletion::stage_targets(new, repeat)
            .iter()
            .map(|&(s, t)| {
                (
                    new.stage(s).unwrap().name.as_str(),
                    repeat.stage(t).unwrap().name.as_str(),
                )
            })
            .collect();
        let first = repeat.stages[0].name.as_str();
        assert_eq!(
            &names[..3],
            &[
                (new.stages[0].name.as_str(), first),
                (new.stages[1].name.as_str(), first),
                (new.stages[2].name.as_str(), first)
            ]
        );
        assert!(names[3..].iter().all(|(a, b)| a == b), "{names:?}");
    }
}

/// A deleted stage's deals go by default to the step before it (no further on), the first
/// stage's to the step after it, a lost stage's to another lost stage.
#[test]
fn a_deleted_stages_deals_go_back_one_step_by_default() {
    let mut f = Fixture::new();
    let dir = f.dir;
    assert_eq!(f.ws.default_stage_on_delete(f.stage(5)), Some(f.stage(4)));
    assert_eq!(f.ws.default_stage_on_delete(f.stage(0)), Some(f.stage(1)));
    let lost = f.lost();
    let n = f.direction().stages.len();
    let Outcome::StageCreated(refused) = f
        .apply(Command::AddStage {
            direction: dir,
            index: n,
            spec: StageSpec::new("Отказ", StageKind::Lost),
        })
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(f.ws.default_stage_on_delete(refused), Some(lost));
    assert_eq!(f.ws.default_stage_on_delete(lost), Some(refused));
    assert_eq!(f.ws.default_stage_on_delete(StageId(9_999)), None);
}
