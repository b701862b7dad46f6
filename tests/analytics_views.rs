//! The Analytics view's tables over the core's figures, in both languages: the funnel, the
//! outcomes, an empty period, a zero plan, an inactive employee's forecast row.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use common::analytics::*;
use voronka::domain::analytics::Scope;
use voronka::domain::*;

/// The cells' texts of a table's rows.
fn texts(table: &voronka::ui::analytics::table::Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

#[test]
fn the_views_tables_read_the_figures_in_both_languages() {
    use voronka::i18n::Locale;
    use voronka::ui::analytics::{model, table};
    let c = cohort();
    let report = c.f.ws.analytics_scoped(
        Scope {
            direction: Some(c.f.dir),
            ..scope()
        },
        at(11, 30, 12),
    );
    let ru = model::funnel(&c.f.ws, Locale::ru, &report.funnels);
    assert_eq!(ru.len(), 1);
    assert_eq!(ru[0].lines[0], "5 сделок создано за период");
    assert_eq!(ru[0].lines[1], "из них 3 ещё открыты");
    let funnel = &ru[0].tables[0];
    assert_eq!(funnel.head[0], "Этап");
    let rows = texts(funnel);
    assert_eq!(rows[0][1..4], ["5", "100\u{202f}%", "100\u{202f}%"]);
    assert_eq!(rows[1][1..4], ["4", "80\u{202f}%", "80\u{202f}%"]);
    assert_eq!(rows[2][1..4], ["2", "40\u{202f}%", "50\u{202f}%"]);
    let won = rows.last().unwrap();
    assert_eq!(won[0], "Выиграны");
    assert_eq!(won[1..], ["1", "20\u{202f}%", "100\u{202f}%", "300\u{a0}₽"]);
    assert_eq!(funnel.rows[0].deals.as_ref().map(Vec::len), Some(5));
    let lost = texts(&ru[0].tables[1]);
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0][1..], ["1", "80\u{a0}₽"]);

    let en = model::outcomes(&c.f.ws, Locale::en, &report.outcomes);
    let summary = texts(&en[0].tables[0]);
    assert_eq!(summary[0], ["Won deals", "1"]);
    assert_eq!(summary[4], ["Win rate", "50%"]);
    assert_eq!(summary[5], ["Average won deal", "₽300"]);
    let reasons = texts(&en[0].tables[1]);
    assert_eq!(reasons, [["Дорого", "1", "₽80", "100%"]]);

    // The CSV of a section: BOM, `;`, CRLF, a caption line per table, plain numbers.
    let csv = table::csv(&ru[0].tables);
    assert!(csv.starts_with("\u{feff}Воронка конверсии\r\nЭтап;Дошли;% от созданных;"));
    assert!(csv.contains("\r\nВыиграны;1;20;100;300,00\r\n"), "{csv}");
    assert!(csv.contains("Проигранные — по этапу, до которого дошли\r\n"));
}

#[test]
fn an_empty_period_says_so_and_a_zero_plan_shows_no_percentage() {
    use voronka::i18n::Locale;
    use voronka::ui::analytics::{model, table};
    let c = cohort();
    let june = Scope {
        period: Period::month(2026, 6),
        direction: Some(c.f.dir),
        owner: None,
    };
    let report = c.f.ws.analytics_scoped(june, at(11, 30, 12));
    for blocks in [
        model::funnel(&c.f.ws, Locale::en, &report.funnels),
        model::outcomes(&c.f.ws, Locale::en, &report.outcomes),
    ] {
        assert_eq!(blocks[0].empty.as_deref(), Some("No deals in this period."));
        assert!(blocks[0].tables.is_empty());
    }
    let nps = model::nps(&c.f.ws, Locale::ru, &report.nps);
    assert_eq!(
        nps[0].empty.as_deref(),
        Some("За этот период оценок NPS нет.")
    );
    // No plan anywhere: the forecast says "no plan" and shows no percentage or gap.
    let forecast = model::forecast(&c.f.ws, Locale::en, &c.f.ws.forecast(november()));
    let company = texts(&forecast[0].tables[0]).pop().unwrap();
    assert_eq!(company[0], "Company");
    assert_eq!(company[1], "no plan");
    assert_eq!(company[2], "₽300");
    assert_eq!(company[5..], ["—", "—", "—"]);
    // A negative NPS stays a number in CSV.
    let t = table::Table {
        name: "nps",
        caption: "NPS".into(),
        head: vec!["Direction".into(), "NPS".into()],
        rows: vec![table::Row::new(
            "x",
            vec![
                table::Cell::text("=cmd"),
                table::Cell::signed(Locale::en, Some(-20)),
            ],
        )],
    };
    assert_eq!(table::csv(&[t]), "\u{feff}Direction;NPS\r\n'=cmd;-20\r\n");
}

#[test]
fn an_inactive_employee_keeps_a_forecast_row_only_with_figures() {
    let c = cohort();
    let ivan = c.f.ws.employee(c.f.ivan).unwrap().clone();
    let empty = voronka::domain::analytics::forecast::ForecastRow::default();
    assert!(Workspace::shows_forecast(&ivan, &empty), "active");
    let inactive = Employee {
        active: false,
        ..ivan
    };
    assert!(!Workspace::shows_forecast(&inactive, &empty));
    let won = voronka::domain::analytics::forecast::ForecastRow {
        won: Money::major(1),
        ..empty
    };
    assert!(Workspace::shows_forecast(&inactive, &won));
}
