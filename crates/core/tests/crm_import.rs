//! The CSV import of other CRMs' exports, on fixtures written from their formats: Bitrix24 in
//! both languages and both encodings, product rows, amoCRM, Pipedrive, an unknown CSV, and
//! every bad input.

use voronka_core::crm::plan::{plan, Defaults, ImportPlan, RowProblem};
use voronka_core::crm::{self, decode, CsvError, DealField, Encoding, Mapping, Source, Table};
use voronka_core::domain::*;

fn defaults() -> Defaults {
    Defaults {
        open_stage: "Новая".into(),
        won_stage: "Успешно".into(),
        lost_stage: "Провалено".into(),
        no_owner: "Без ответственного".into(),
        loss_reason: "Не указана".into(),
        phone_label: "Телефон".into(),
        email_label: "E-mail".into(),
    }
}

fn now() -> Stamp {
    Stamp::from_datetime(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    )
}

fn read(bytes: &[u8]) -> Result<(Table, Encoding), CsvError> {
    let (text, encoding) =
        decode(bytes, crm::decode::windows_1251_native).ok_or(CsvError::NotText)?;
    Ok((crm::table::parse(&text)?, encoding))
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/crm/{name}")).unwrap()
}

/// Reads, maps with the presets and imports into `ws`.
fn import(ws: &mut Workspace, bytes: &[u8]) -> (Mapping, ImportPlan) {
    let (table, _) = read(bytes).expect("readable");
    let mapping = Mapping::propose(&table, ws);
    let plan = plan(&table, &mapping, ws, &defaults(), now());
    ws.apply(&Command::ImportDeals(Box::new(plan.batch.clone())))
        .expect("the import applies");
    ws.check_invariants().unwrap();
    (mapping, plan)
}

fn deal<'a>(ws: &'a Workspace, title: &str) -> &'a Deal {
    ws.deals()
        .find(|d| d.title == title)
        .unwrap_or_else(|| panic!("no deal {title}"))
}

fn stage_of(ws: &Workspace, d: &Deal) -> (String, String, StageKind) {
    let (direction, stage) = ws.stage(d.stage).unwrap();
    (direction.name.clone(), stage.name.clone(), stage.kind)
}

fn owner(ws: &Workspace, d: &Deal) -> String {
    ws.employee(d.owner).unwrap().name.clone()
}

fn empty() -> Workspace {
    Workspace::new(Currency::Rub, Lang::Ru)
}

#[test]
fn bitrix24_russian_utf8_with_bom() {
    let mut ws = empty();
    let (mapping, plan) = import(&mut ws, &fixture("bitrix24_ru.csv"));
    assert_eq!(mapping.source, Source::Bitrix24);
    assert_eq!(mapping.columns[1], DealField::Title);
    assert_eq!(
        mapping.columns[6],
        DealField::Ignore,
        "probability is not a field"
    );
    assert_eq!(plan.rows, 6);
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    assert_eq!(ws.deal_count(), 6);
    assert_eq!(plan.foreign_currency, 1);
    let d = deal(&ws, "Поставка станков");
    assert_eq!(d.amount, Money(125_000_050));
    assert_eq!(d.client.company, "ООО «Станкомаш»");
    assert_eq!(d.notes, "Клиент просит \"скидку\"; обсудить");
    assert_eq!(owner(&ws, d), "Анна Смирнова");
    assert_eq!(
        stage_of(&ws, d),
        (
            "Общее".into(),
            "Подготовка документов".into(),
            StageKind::Open
        )
    );
    assert_eq!(d.created_at.datetime().to_string(), "2026-11-03 10:15:00");
    assert_eq!(d.expected_close.unwrap().to_string(), "2026-12-20");
    assert_eq!(d.source.as_ref().unwrap().id, "101");
    assert_eq!(
        deal(&ws, "Сервисный договор").notes,
        "Две строки\nкомментария"
    );
    let won = deal(&ws, "Обучение персонала");
    assert_eq!(stage_of(&ws, won).2, StageKind::Won);
    let lost = deal(&ws, "Лицензии");
    assert_eq!(stage_of(&ws, lost).2, StageKind::Lost);
    assert_eq!(lost.loss_reason.as_deref(), Some("Не указана"));
    let usd = deal(&ws, "Консалтинг");
    assert_eq!(usd.amount, Money(120_000), "kept as entered");
    assert_eq!(
        usd.source.as_ref().unwrap().currency.as_deref(),
        Some("USD")
    );
    assert_eq!(stage_of(&ws, usd).0, "Повторные продажи");
    // Two directions; «Общее» has its stages in the file's order, won and lost last.
    let general = ws.directions().find(|d| d.name == "Общее").unwrap();
    let names: Vec<&str> = general.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Подготовка документов",
            "Новая",
            "Сделка успешна",
            "Сделка провалена"
        ]
    );
    // The new direction of the dollar deal has won and lost stages added to be complete.
    let repeat = ws
        .directions()
        .find(|d| d.name == "Повторные продажи")
        .unwrap();
    let kinds: Vec<StageKind> = repeat.stages.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [StageKind::Open, StageKind::Won, StageKind::Lost]);
    assert_eq!(ws.employees().count(), 2);
    // The first row is at the top of its column.
    let col = ws.column(d.stage);
    assert_eq!(ws.deal(col[0]).unwrap().title, "Поставка станков");
}

#[test]
fn bitrix24_windows_1251_reads_like_utf8() {
    let bytes = fixture("bitrix24_ru_1251.csv");
    assert!(std::str::from_utf8(&bytes).is_err());
    let (table, encoding) = read(&bytes).unwrap();
    assert_eq!(encoding, Encoding::Windows1251);
    assert_eq!(table.headers[1], "Название сделки");
    let mut ws = empty();
    import(&mut ws, &bytes);
    assert_eq!(ws.deal_count(), 6);
    assert_eq!(
        deal(&ws, "Поставка станков").client.company,
        "ООО «Станкомаш»"
    );
}

#[test]
fn bitrix24_english_with_us_dates() {
    let mut ws = Workspace::new(Currency::Usd, Lang::En);
    let (table, _) = read(&fixture("bitrix24_en.csv")).unwrap();
    let mapping = Mapping::propose(&table, &ws);
    assert_eq!(mapping.source, Source::Bitrix24);
    // 11/03 and 12/20: the 20 says month first.
    assert_eq!(mapping.date_order, crm::DateOrder::MonthFirst);
    assert!(!mapping.date_order_ambiguous);
    import(&mut ws, &fixture("bitrix24_en.csv"));
    let d = deal(&ws, "Website redesign");
    assert_eq!(d.amount, Money(1_250_000));
    assert_eq!(d.created_at.datetime().to_string(), "2026-11-03 10:15:00");
    assert_eq!(
        deal(&ws, "Hosting").created_at.datetime().to_string(),
        "2026-11-04 14:30:00"
    );
    assert_eq!(stage_of(&ws, deal(&ws, "Support plan")).2, StageKind::Won);
    assert_eq!(stage_of(&ws, deal(&ws, "Audit")).2, StageKind::Lost);
    assert!(
        d.source.as_ref().unwrap().currency.is_none(),
        "dollars in a dollar workspace"
    );
}

#[test]
fn ambiguous_slash_dates_offer_the_choice_and_follow_it() {
    let text = "ID;Deal Name;Created\n1;A;03/04/2026\n2;B;05/06/2026\n";
    let (table, _) = read(text.as_bytes()).unwrap();
    let ws = empty();
    let mut mapping = Mapping::propose(&table, &ws);
    assert!(mapping.date_order_ambiguous);
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(p.batch.deals[0].created_at.date().to_string(), "2026-03-04");
    mapping.date_order = crm::DateOrder::DayFirst;
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(p.batch.deals[0].created_at.date().to_string(), "2026-04-03");
}

#[test]
fn product_rows_of_one_id_are_one_deal_with_the_sum() {
    let mut ws = empty();
    let (_, plan) = import(&mut ws, &fixture("bitrix24_products.csv"));
    assert_eq!(plan.rows, 4);
    assert_eq!(plan.merged_rows, 2);
    assert_eq!(ws.deal_count(), 2);
    assert_eq!(deal(&ws, "Оснащение офиса").amount, Money(13_500_050));
}

#[test]
fn amocrm_export() {
    let mut ws = empty();
    let (mapping, plan) = import(&mut ws, &fixture("amocrm.csv"));
    assert_eq!(mapping.source, Source::AmoCrm);
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    assert_eq!(deal(&ws, "Повторная покупка").amount, Money(4_250_000));
    assert_eq!(stage_of(&ws, deal(&ws, "Опт")).2, StageKind::Won);
    assert_eq!(stage_of(&ws, deal(&ws, "Розница")).2, StageKind::Lost);
    assert_eq!(deal(&ws, "Розница").client.contact, "Ольга Лис");
    assert_eq!(owner(&ws, deal(&ws, "Опт")), "Денис Фомин");
}

#[test]
fn pipedrive_status_closes_deals_from_the_stage_they_reached() {
    let mut ws = Workspace::new(Currency::Usd, Lang::En);
    let (mapping, plan) = import(&mut ws, &fixture("pipedrive.csv"));
    assert_eq!(mapping.source, Source::Pipedrive);
    assert_eq!(plan.foreign_currency, 1, "the euro deal");
    let won = deal(&ws, "Initech renewal");
    assert_eq!(stage_of(&ws, won).2, StageKind::Won);
    assert_eq!(won.amount, Money(1_200_050));
    assert_eq!(won.history.len(), 2, "created in «Proposal Made», then won");
    assert_eq!(ws.stage(won.history[0].to).unwrap().1.name, "Proposal Made");
    let lost = deal(&ws, "Hooli pilot");
    assert_eq!(lost.loss_reason.as_deref(), Some("Price too high"));
    assert_eq!(lost.client.email, "", "an address Voronka refuses…");
    assert!(lost.notes.contains("not-an-email"), "…is kept in the notes");
    let open = deal(&ws, "Globex expansion");
    assert_eq!(
        stage_of(&ws, open),
        (
            "Sales pipeline".into(),
            "Proposal Made".into(),
            StageKind::Open
        )
    );
    assert_eq!(open.expected_close.unwrap().to_string(), "2027-01-31");
}

#[test]
fn unknown_csv_starts_unmapped_and_imports_once_mapped() {
    let (table, _) = read(&fixture("unknown.csv")).unwrap();
    let mut ws = empty();
    let mut mapping = Mapping::propose(&table, &ws);
    assert_eq!(mapping.source, Source::Unknown);
    assert!(mapping.columns.iter().all(|f| *f == DealField::Ignore));
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(p.batch.deals.len(), 0);
    assert_eq!(p.skipped.len(), 2, "no title in any row");
    assert_eq!(p.skipped[0].problem, RowProblem::NoTitle);
    mapping.set_column(1, DealField::Title, &table, &ws);
    mapping.set_column(2, DealField::Amount, &table, &ws);
    mapping.set_column(3, DealField::Created, &table, &ws);
    mapping.set_column(0, DealField::Company, &table, &ws);
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    ws.apply(&Command::ImportDeals(Box::new(p.batch))).unwrap();
    assert_eq!(ws.deal_count(), 2);
    let d = deal(&ws, "First order");
    assert_eq!(
        (d.amount, d.client.company.as_str()),
        (Money(10_000), "Alpha")
    );
    // No pipeline, stage or owner in the file: one new direction named after the source, one
    // new employee.
    assert_eq!(ws.directions().next().unwrap().name, "CSV");
    assert_eq!(ws.employees().next().unwrap().name, "Без ответственного");
}

#[test]
fn existing_directions_stages_and_people_are_matched_by_name() {
    let mut ws = empty();
    import(&mut ws, &fixture("bitrix24_ru.csv"));
    let (directions, employees) = (ws.directions().count(), ws.employees().count());
    let text = "\u{feff}\"ID\";\"Название сделки\";\"Стадия сделки\";\"Направление\";\"Ответственный\";\n\"900\";\"Ещё одна\";\"Новая\";\"общее\";\"анна смирнова\";\n";
    let (table, _) = read(text.as_bytes()).unwrap();
    let mapping = Mapping::propose(&table, &ws);
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(
        (
            p.batch.directions.len(),
            p.batch.stages.len(),
            p.batch.employees.len()
        ),
        (0, 0, 0)
    );
    ws.apply(&Command::ImportDeals(Box::new(p.batch))).unwrap();
    assert_eq!(
        (ws.directions().count(), ws.employees().count()),
        (directions, employees)
    );
    assert_eq!(stage_of(&ws, deal(&ws, "Ещё одна")).1, "Новая");
}

#[test]
fn importing_the_same_file_again_finds_the_duplicates_and_skips_them() {
    let mut ws = empty();
    import(&mut ws, &fixture("bitrix24_ru.csv"));
    let (table, _) = read(&fixture("bitrix24_ru.csv")).unwrap();
    let mut mapping = Mapping::propose(&table, &ws);
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(p.duplicates, 6);
    assert!(p.batch.deals.is_empty(), "skipped by default");
    mapping.skip_duplicates = false;
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(
        p.batch.deals.len(),
        6,
        "or imported again when the user says so"
    );
}

#[test]
fn one_undo_removes_the_whole_import_and_redo_brings_it_back() {
    let mut ws = empty();
    let before = ws.clone();
    let (table, _) = read(&fixture("bitrix24_ru.csv")).unwrap();
    let mapping = Mapping::propose(&table, &ws);
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    let mut history = History::default();
    history
        .apply(&mut ws, Command::ImportDeals(Box::new(p.batch)))
        .unwrap();
    let after = ws.clone();
    history.undo(&mut ws).unwrap();
    assert_eq!(ws, before);
    history.redo(&mut ws).unwrap();
    assert_eq!(ws, after);
}

fn refused(bytes: &[u8]) -> CsvError {
    read(bytes).expect_err("refused")
}

#[test]
fn files_that_cannot_be_imported_are_refused_with_where() {
    assert_eq!(refused(b""), CsvError::Empty);
    assert_eq!(refused(b"\xef\xbb\xbf \n\n"), CsvError::Empty);
    assert_eq!(refused(b"ID;Title\n"), CsvError::HeaderOnly);
    assert_eq!(refused(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), CsvError::NotText);
    assert_eq!(
        refused(b"just some words\nand more words\n"),
        CsvError::NotCsv
    );
    assert_eq!(
        refused(b"ID;Title\n1;\"ok\"\n2;\"never closed\n3;x\n"),
        CsvError::UnbalancedQuotes { line: 3 }
    );
}

#[test]
fn bad_rows_are_skipped_with_their_line_column_and_reason() {
    let text = "ID;Название сделки;Сумма;Дата создания\n\
                1;Хорошая;100;01.11.2026\n\
                2;Не число;сто;01.11.2026\n\
                3;Отрицательная;-5;01.11.2026\n\
                4;Плохая дата;10;31.02.2026\n\
                5;Лишнее поле;10;01.11.2026;x\n\
                6;Мало полей\n\
                7;Огромная;1000000000000000;01.11.2026\n";
    let (table, _) = read(text.as_bytes()).unwrap();
    let ws = empty();
    let mapping = Mapping::propose(&table, &ws);
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(p.batch.deals.len(), 1);
    let found: Vec<(u64, Option<&str>)> = p
        .skipped
        .iter()
        .map(|s| (s.line, s.column.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (3, Some("Сумма")),
            (4, Some("Сумма")),
            (5, Some("Дата создания")),
            (6, None),
            (7, None),
            (8, Some("Сумма")),
        ]
    );
    assert_eq!(p.skipped[0].problem, RowProblem::NotANumber("сто".into()));
    assert_eq!(p.skipped[1].problem, RowProblem::Negative("-5".into()));
    assert_eq!(
        p.skipped[2].problem,
        RowProblem::NotADate("31.02.2026".into())
    );
    assert_eq!(
        p.skipped[3].problem,
        RowProblem::FieldCount {
            expected: 4,
            found: 5
        }
    );
    assert_eq!(
        p.skipped[4].problem,
        RowProblem::FieldCount {
            expected: 4,
            found: 2
        }
    );
    assert!(matches!(
        p.skipped[5].problem,
        RowProblem::Refused(DomainError::AmountTooLarge(_))
    ));
}

#[test]
fn amounts_parse_in_every_way_crms_write_them() {
    use voronka_core::crm::values::amount;
    let cases = [
        ("1 250 000,50", 125_000_050),
        ("1\u{a0}250\u{a0}000,50", 125_000_050),
        ("1\u{202f}250\u{202f}000.5", 125_000_050),
        ("1,250,000.50", 125_000_050),
        ("1.250.000,50", 125_000_050),
        ("1250000", 125_000_000),
        ("12,5", 1_250),
        ("12.50", 1_250),
        ("1,234", 123_400),
        ("12 500 ₽", 1_250_000),
        ("12 500 руб.", 1_250_000),
        ("$1,200.00", 120_000),
        ("0", 0),
        ("10.000", 1_000_000),
        ("3.1400", 314),
    ];
    for (text, minor) in cases {
        assert_eq!(amount(text), Ok(Money(minor)), "{text}");
    }
    for bad in ["abc", "1,2,3.4.5", "12.345.6", "", "1.2.3", "3.14159"] {
        assert!(amount(bad).is_err(), "{bad}");
    }
    assert_eq!(
        amount("-100"),
        Err(voronka_core::crm::values::ValueError::Negative)
    );
}

#[test]
fn dates_parse_in_the_portals_formats() {
    use voronka_core::crm::values::date_time;
    use voronka_core::crm::DateOrder::*;
    let cases = [
        ("27.11.2026", DayFirst, "2026-11-27 00:00:00"),
        ("27.11.2026 14:05:09", DayFirst, "2026-11-27 14:05:09"),
        ("27.11.2026 14:05", DayFirst, "2026-11-27 14:05:00"),
        ("2026-11-27", DayFirst, "2026-11-27 00:00:00"),
        ("2026-11-27T14:05:00Z", DayFirst, "2026-11-27 14:05:00"),
        ("2026-11-27 14:05:00+03:00", DayFirst, "2026-11-27 14:05:00"),
        ("11/27/2026 02:05:00 pm", MonthFirst, "2026-11-27 14:05:00"),
        ("11/27/2026 12:05:00 am", MonthFirst, "2026-11-27 00:05:00"),
        ("11/27/2026 12:05:00 PM", MonthFirst, "2026-11-27 12:05:00"),
        ("27/11/2026", DayFirst, "2026-11-27 00:00:00"),
    ];
    for (text, order, expected) in cases {
        assert_eq!(
            date_time(text, order).map(|d| d.to_string()),
            Ok(expected.into()),
            "{text}"
        );
    }
    for bad in [
        "31.02.2026",
        "2026/11/27",
        "tomorrow",
        "27.11",
        "13/13/2026",
        "11/27/2026 13:00 pm",
    ] {
        assert!(date_time(bad, MonthFirst).is_err(), "{bad}");
    }
}

#[test]
fn spreadsheet_formulas_are_disarmed_on_export_and_restored_on_import() {
    let mut ws = empty();
    let e = match ws
        .apply(&Command::AddEmployee {
            name: "Анна".into(),
        })
        .unwrap()
    {
        Outcome::EmployeeAdded(e) => e,
        _ => unreachable!(),
    };
    ws.apply(&Command::CreateDirectionFromTemplate {
        template: Template::ALL[0],
        lang: Lang::Ru,
    })
    .unwrap();
    let stage = ws.directions().next().unwrap().stages[0].id;
    for title in ["=cmd|' /C calc'!A0", "+7 купить", "-скидка", "@SUM(A1)"] {
        ws.apply(&Command::CreateDeal {
            draft: DealDraft {
                title: title.into(),
                owner: Some(e),
                ..DealDraft::default()
            },
            stage,
            at: now(),
        })
        .unwrap();
    }
    let csv = voronka_core::crm::export::export(&ws, ws.deals(), Lang::Ru);
    assert!(csv.starts_with('\u{feff}'));
    for line in csv.lines().skip(1) {
        let title = line.split(';').nth(1).unwrap();
        assert!(
            title.starts_with('\'') || title.starts_with("\"'"),
            "{line}"
        );
    }
    let mut back = empty();
    import(&mut back, csv.as_bytes());
    let mut titles: Vec<String> = back.deals().map(|d| d.title.clone()).collect();
    titles.sort();
    let mut expected: Vec<String> = ws.deals().map(|d| d.title.clone()).collect();
    expected.sort();
    assert_eq!(titles, expected);
}

#[test]
fn an_import_past_the_deal_limit_is_refused_in_the_plan() {
    let ws = empty();
    let mut text = String::from("ID;Название сделки\n");
    for i in 0..3 {
        text.push_str(&format!("{i};Сделка {i}\n"));
    }
    let (table, _) = read(text.as_bytes()).unwrap();
    let mapping = Mapping::propose(&table, &ws);
    let p = plan(&table, &mapping, &ws, &defaults(), now());
    assert_eq!(p.too_many, None);
    // A workspace that already holds all but two deals it can.
    let mut full = voronka_core::domain::demo::generate(&voronka_core::domain::demo::DemoConfig {
        seed: 1,
        employees: 1,
        deals: validate::MAX_DEALS - 2,
        now: voronka_core::domain::Stamp::at_midnight(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        )
        .plus_minutes(18 * 60),
        lang: Lang::Ru,
    });
    let p = plan(
        &table,
        &Mapping::propose(&table, &full),
        &full,
        &defaults(),
        now(),
    );
    assert_eq!(p.too_many, Some(validate::MAX_DEALS + 1));
    assert_eq!(
        full.apply(&Command::ImportDeals(Box::new(p.batch))),
        Err(DomainError::TooManyDeals),
        "and the command refuses it too"
    );
}
