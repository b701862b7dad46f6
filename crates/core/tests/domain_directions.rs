//! Directions and stages: every command's success and every refusal.

mod common;
use common::*;
use voronka_core::domain::*;

fn blank_stages() -> Vec<StageSpec> {
    vec![
        StageSpec::new("Лид", StageKind::Open),
        StageSpec::new("Успех", StageKind::Won),
        StageSpec::new("Провал", StageKind::Lost),
    ]
}

fn create(ws: &mut Workspace, name: &str, stages: Vec<StageSpec>) -> DomainResult<Outcome> {
    ws.apply(&Command::CreateDirection {
        name: name.into(),
        description: String::new(),
        classification: Classification::default(),
        stages,
    })
}

#[test]
fn create_direction_and_its_refusals() {
    let mut f = Fixture::new();
    let Outcome::DirectionCreated(id) = create(&mut f.ws, "  Опт  ", blank_stages()).unwrap()
    else {
        panic!()
    };
    let d = f.ws.direction(id).unwrap();
    assert_eq!(d.name, "Опт");
    assert_eq!(d.stages.len(), 3);
    assert_eq!(f.ws.directions().last().unwrap().id, id);
    assert_eq!(
        create(&mut f.ws, " ", blank_stages()),
        Err(DomainError::Empty(Field::DirectionName))
    );
    assert_eq!(
        create(&mut f.ws, "опт", blank_stages()),
        Err(DomainError::DuplicateDirectionName)
    );
    for (missing, stages) in [
        (
            StageKind::Open,
            vec![blank_stages()[1].clone(), blank_stages()[2].clone()],
        ),
        (
            StageKind::Won,
            vec![blank_stages()[0].clone(), blank_stages()[2].clone()],
        ),
        (
            StageKind::Lost,
            vec![blank_stages()[0].clone(), blank_stages()[1].clone()],
        ),
    ] {
        assert_eq!(
            create(&mut f.ws, "X", stages),
            Err(DomainError::MissingStageKind(missing))
        );
    }
    let mut misordered = blank_stages();
    misordered.swap(0, 1);
    assert_eq!(
        create(&mut f.ws, "X", misordered),
        Err(DomainError::ClosedStagesMustBeLast)
    );
    let mut bad_color = blank_stages();
    bad_color[0].color = "red".into();
    assert_eq!(
        create(&mut f.ws, "X", bad_color),
        Err(DomainError::Invalid(Field::StageColor))
    );
    let mut bad_probability = blank_stages();
    bad_probability[0].probability = Some(101);
    assert_eq!(
        create(&mut f.ws, "X", bad_probability),
        Err(DomainError::Invalid(Field::StageProbability))
    );
    f.ws.check_invariants().unwrap();
}

#[test]
fn templates_get_unique_names() {
    let mut f = Fixture::new();
    let before = f.ws.directions().count();
    let cmd = Command::CreateDirectionFromTemplate {
        template: Template::B2bNew,
        lang: Lang::Ru,
    };
    f.apply(cmd.clone()).unwrap();
    f.apply(cmd).unwrap();
    let names: Vec<_> = f.ws.directions().map(|d| d.name.clone()).collect();
    assert_eq!(names.len(), before + 2);
    assert!(names.contains(&"B2B Новые клиенты (2)".to_string()));
    assert!(names.contains(&"B2B Новые клиенты (3)".to_string()));
}

#[test]
fn rename_describe_classify_reorder_archive() {
    let mut f = Fixture::new();
    let dir = f.dir;
    let Outcome::DirectionCreated(other) = create(&mut f.ws, "Розница", blank_stages()).unwrap()
    else {
        panic!()
    };
    f.apply(Command::RenameDirection {
        direction: dir,
        name: "Крупные клиенты".into(),
    })
    .unwrap();
    assert_eq!(f.direction().name, "Крупные клиенты");
    assert_eq!(
        f.apply(Command::RenameDirection {
            direction: dir,
            name: "розница".into()
        }),
        Err(DomainError::DuplicateDirectionName)
    );
    assert_eq!(
        f.apply(Command::RenameDirection {
            direction: DirectionId(999),
            name: "x".into()
        }),
        Err(DomainError::UnknownDirection(DirectionId(999)))
    );
    // Renaming to its own name (another case) is fine.
    f.apply(Command::RenameDirection {
        direction: dir,
        name: "КРУПНЫЕ клиенты".into(),
    })
    .unwrap();
    f.apply(Command::DescribeDirection {
        direction: dir,
        description: " Сделки от 1 млн ".into(),
    })
    .unwrap();
    assert_eq!(f.direction().description, "Сделки от 1 млн");
    let classification = Classification {
        segment: Some(Segment::B2b),
        complexity: Some(Complexity::Complex),
        touches: Some(Touches::Many),
        audience: Some(Audience::New),
    };
    f.apply(Command::ClassifyDirection {
        direction: dir,
        classification,
    })
    .unwrap();
    assert_eq!(f.direction().classification, classification);

    f.apply(Command::ReorderDirection {
        direction: other,
        index: 0,
    })
    .unwrap();
    assert_eq!(
        f.ws.directions().map(|d| d.id).collect::<Vec<_>>(),
        vec![other, dir]
    );
    assert_eq!(
        f.apply(Command::ReorderDirection {
            direction: other,
            index: 2
        }),
        Err(DomainError::PositionOutOfRange { index: 2, len: 1 })
    );

    let deal = f.deal("Окна", 100, f.anna, 0);
    f.apply(Command::ArchiveDirection {
        direction: dir,
        archived: true,
    })
    .unwrap();
    assert!(f.direction().archived);
    assert_eq!(
        f.ws.deal(deal).unwrap().direction,
        dir,
        "archiving keeps deals"
    );
    let first = f.stage(0);
    assert_eq!(
        f.ws.apply(&Command::CreateDeal {
            draft: draft("X", 1, f.anna),
            stage: first,
            at: now()
        }),
        Err(DomainError::DirectionArchived(dir))
    );
    assert_eq!(
        f.move_deal(deal, f.stage(1), 0),
        Err(DomainError::DirectionArchived(dir))
    );
    f.apply(Command::ArchiveDirection {
        direction: dir,
        archived: false,
    })
    .unwrap();
    f.apply(Command::SetTaskDone {
        deal,
        stage: first,
        done: true,
    })
    .unwrap();
    f.move_deal(deal, f.stage(1), 0).unwrap();
    f.ws.check_invariants().unwrap();
}

#[test]
fn deleting_a_direction_never_loses_its_deals() {
    let mut f = Fixture::new();
    let Outcome::DirectionCreated(empty) = create(&mut f.ws, "Пустое", blank_stages()).unwrap()
    else {
        panic!()
    };
    f.apply(Command::DeleteDirection {
        direction: empty,
        target: None,
        at: now(),
    })
    .unwrap();
    assert!(f.ws.direction(empty).is_none());

    let Outcome::DirectionCreated(target) = create(&mut f.ws, "Приёмник", blank_stages()).unwrap()
    else {
        panic!()
    };
    let t_open = f.ws.direction(target).unwrap().stages[0].id;
    let t_lost = f.ws.direction(target).unwrap().stages[2].id;
    let a = f.deal("A", 10, f.anna, 0);
    let b = f.deal("B", 20, f.ivan, 3);
    let c = f.deal("C", 30, f.ivan, 3);
    let dir = f.dir;
    let delete = |target: Option<DirectionMapping>| Command::DeleteDirection {
        direction: dir,
        target,
        at: now(),
    };

    assert_eq!(
        f.apply(delete(None)),
        Err(DomainError::DirectionHoldsDeals {
            direction: dir,
            count: 3
        })
    );
    let mapping = |direction, stages: Vec<(StageId, StageId)>| {
        Some(DirectionMapping {
            direction,
            stages,
            loss_reason: None,
        })
    };
    assert_eq!(
        f.apply(delete(mapping(dir, vec![]))),
        Err(DomainError::BadTargetDirection(dir))
    );
    assert_eq!(
        f.apply(delete(mapping(DirectionId(777), vec![]))),
        Err(DomainError::BadTargetDirection(DirectionId(777)))
    );
    let (s0, s3) = (f.stage(0), f.stage(3));
    assert_eq!(
        f.apply(delete(mapping(target, vec![(s0, t_open)]))),
        Err(DomainError::UnmappedStage(s3))
    );
    assert_eq!(
        f.apply(delete(mapping(target, vec![(s0, t_open), (s3, s0)]))),
        Err(DomainError::BadTargetStage(s0))
    );
    assert_eq!(
        f.apply(delete(mapping(target, vec![(s0, t_open), (s3, t_lost)]))),
        Err(DomainError::LossReasonRequired)
    );
    f.apply(Command::ArchiveDirection {
        direction: target,
        archived: true,
    })
    .unwrap();
    assert_eq!(
        f.apply(delete(mapping(target, vec![(s0, t_open), (s3, t_open)]))),
        Err(DomainError::DirectionArchived(target))
    );
    f.apply(Command::ArchiveDirection {
        direction: target,
        archived: false,
    })
    .unwrap();
    assert_eq!(f.ws.deal_count(), 3, "refusals left every deal in place");
    assert_eq!(f.ws.deal(a).unwrap().direction, dir);

    let out = f
        .apply(delete(mapping(target, vec![(s0, t_open), (s3, t_open)])))
        .unwrap();
    assert_eq!(out, Outcome::DealsMoved(3));
    assert!(f.ws.direction(dir).is_none());
    // Stage by stage, each column in its order (new deals go on top: c above b).
    assert_eq!(f.ws.column(t_open), &[a, c, b]);
    for id in [a, b, c] {
        let deal = f.ws.deal(id).unwrap();
        assert_eq!(deal.direction, target);
        assert_eq!(deal.history.last().unwrap().to, t_open);
    }
    f.ws.check_invariants().unwrap();
}

#[test]
fn add_edit_reorder_stages() {
    let mut f = Fixture::new();
    let dir = f.dir;
    let n = f.direction().stages.len();
    let mut spec = StageSpec::new("Аудит", StageKind::Open);
    spec.task = Some(StageTask {
        title: "Провести аудит".into(),
        description: "Проверить процессы клиента".into(),
        checklist: vec!["Запросить данные".into(), "  ".into()],
        due_days: Some(4),
    });
    let Outcome::StageCreated(audit) = f
        .apply(Command::AddStage {
            direction: dir,
            index: 1,
            spec: spec.clone(),
        })
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(f.stage(1), audit);
    let task = f.ws.stage(audit).unwrap().1.task.clone().unwrap();
    assert_eq!(
        task.checklist,
        vec!["Запросить данные".to_string()],
        "blank items are dropped"
    );
    assert_eq!(
        f.apply(Command::AddStage {
            direction: dir,
            index: n + 2,
            spec: spec.clone()
        }),
        Err(DomainError::PositionOutOfRange {
            index: n + 2,
            len: n + 1
        })
    );
    assert_eq!(
        f.apply(Command::AddStage {
            direction: dir,
            index: n + 1,
            spec: spec.clone()
        }),
        Err(DomainError::ClosedStagesMustBeLast)
    );
    let mut nameless = spec.clone();
    nameless.name = String::new();
    assert_eq!(
        f.apply(Command::AddStage {
            direction: dir,
            index: 0,
            spec: nameless
        }),
        Err(DomainError::Empty(Field::StageName))
    );

    let mut edited = f.ws.stage(audit).unwrap().1.spec();
    edited.name = "Экспресс-аудит".into();
    edited.probability = Some(15);
    edited.stale_after_days = Some(7);
    f.apply(Command::EditStage {
        stage: audit,
        spec: edited,
    })
    .unwrap();
    let stage = f.ws.stage(audit).unwrap().1;
    assert_eq!(
        (
            stage.name.as_str(),
            stage.probability,
            stage.stale_after_days
        ),
        ("Экспресс-аудит", Some(15), Some(7))
    );

    // A kind change is refused while the stage holds deals, allowed when empty.
    let deal = f.deal("Окна", 10, f.anna, 1);
    let mut to_won = f.ws.stage(audit).unwrap().1.spec();
    to_won.kind = StageKind::Won;
    assert_eq!(
        f.apply(Command::EditStage {
            stage: audit,
            spec: to_won.clone()
        }),
        Err(DomainError::KindChangeWithDeals {
            stage: audit,
            count: 1
        })
    );
    f.apply(Command::DeleteDeal { deal }).unwrap();
    assert_eq!(
        f.apply(Command::EditStage {
            stage: audit,
            spec: to_won
        }),
        Err(DomainError::ClosedStagesMustBeLast),
        "a won stage in the middle breaks the order"
    );

    f.apply(Command::ReorderStage {
        stage: audit,
        index: 0,
    })
    .unwrap();
    assert_eq!(f.stage(0), audit);
    let won = f.won();
    assert_eq!(
        f.apply(Command::ReorderStage {
            stage: won,
            index: 0
        }),
        Err(DomainError::ClosedStagesMustBeLast)
    );
    let len = f.direction().stages.len();
    assert_eq!(
        f.apply(Command::ReorderStage {
            stage: audit,
            index: len
        }),
        Err(DomainError::PositionOutOfRange {
            index: len,
            len: len - 1
        })
    );
    assert_eq!(
        f.apply(Command::EditStage {
            stage: StageId(999),
            spec: StageSpec::new("x", StageKind::Open)
        }),
        Err(DomainError::UnknownStage(StageId(999)))
    );
    f.ws.check_invariants().unwrap();
}

#[test]
fn deleting_a_stage_moves_its_deals_first() {
    let mut f = Fixture::new();
    let (s1, s2) = (f.stage(1), f.stage(2));
    let a = f.deal("A", 10, f.anna, 1);
    let b = f.deal("B", 20, f.anna, 1);
    let existing = f.deal("C", 30, f.anna, 2);
    let delete = |move_to, loss_reason: Option<&str>| Command::DeleteStage {
        stage: s1,
        move_to,
        loss_reason: loss_reason.map(str::to_string),
        at: now(),
    };
    assert_eq!(
        f.apply(delete(None, None)),
        Err(DomainError::StageHoldsDeals {
            stage: s1,
            count: 2
        })
    );
    assert_eq!(
        f.apply(delete(Some(s1), None)),
        Err(DomainError::BadTargetStage(s1))
    );
    let lost = f.lost();
    assert_eq!(
        f.apply(delete(Some(lost), None)),
        Err(DomainError::LossReasonRequired)
    );
    let Outcome::DirectionCreated(_) = f
        .apply(Command::CreateDirectionFromTemplate {
            template: Template::B2cNew,
            lang: Lang::Ru,
        })
        .unwrap()
    else {
        panic!()
    };
    let other_dir_stage = f.ws.directions().nth(1).unwrap().stages[0].id;
    assert_eq!(
        f.apply(delete(Some(other_dir_stage), None)),
        Err(DomainError::BadTargetStage(other_dir_stage))
    );

    assert_eq!(
        f.apply(delete(Some(s2), None)).unwrap(),
        Outcome::DealsMoved(2)
    );
    assert!(f.ws.stage(s1).is_none());
    // [a, b] was the column order (b on top); they follow the deal already there.
    assert_eq!(f.ws.column(s2), &[existing, b, a]);
    let change = *f.ws.deal(a).unwrap().history.last().unwrap();
    assert_eq!((change.from, change.to), (Some(s1), s2));
    f.ws.check_invariants().unwrap();

    // The last won stage cannot go.
    let won = f.won();
    assert_eq!(
        f.apply(Command::DeleteStage {
            stage: won,
            move_to: None,
            loss_reason: None,
            at: now()
        }),
        Err(DomainError::MissingStageKind(StageKind::Won))
    );
    // An empty stage goes without a target.
    let s0 = f.stage(0);
    f.apply(Command::DeleteStage {
        stage: s0,
        move_to: None,
        loss_reason: None,
        at: now(),
    })
    .unwrap();
    f.ws.check_invariants().unwrap();
}

#[test]
fn a_new_stage_goes_after_the_last_open_one() {
    let mut f = Fixture::new();
    for (template, open) in [(Template::B2bNew, 9), (Template::B2cRepeat, 4)] {
        let Outcome::DirectionCreated(id) =
            f.ws.apply(&Command::CreateDirectionFromTemplate {
                template,
                lang: Lang::Ru,
            })
            .unwrap_or_else(|_| panic!("{template:?}"))
        else {
            panic!()
        };
        let index = f.ws.direction(id).unwrap().new_stage_index();
        assert_eq!(index, open, "{template:?}");
        f.apply(Command::AddStage {
            direction: id,
            index,
            spec: StageSpec::new("Новый этап", StageKind::Open),
        })
        .unwrap();
        let kinds: Vec<StageKind> =
            f.ws.direction(id)
                .unwrap()
                .stages
                .iter()
                .map(|s| s.kind)
                .collect();
        assert_eq!(kinds[index], StageKind::Open);
        assert_eq!(kinds[index + 1..], [StageKind::Won, StageKind::Lost]);
    }
    // A blank direction built from the domain's own stages takes its second stage second.
    let Outcome::DirectionCreated(id) =
        create(&mut f.ws, "Пустое", templates::blank_stages(Lang::Ru)).unwrap()
    else {
        panic!()
    };
    assert_eq!(f.ws.direction(id).unwrap().new_stage_index(), 1);
}
