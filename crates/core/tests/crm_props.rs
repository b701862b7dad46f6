//! Any workspace exported as CSV and imported into an empty workspace gives the same deals:
//! titles, amounts, directions and stages, owners, dates, status, client, reasons and notes.

use proptest::prelude::*;
use voronka_core::crm::plan::{plan, Defaults};
use voronka_core::crm::{self, Mapping};
use voronka_core::domain::demo::{generate, DemoConfig};
use voronka_core::domain::*;

fn defaults() -> Defaults {
    Defaults {
        open_stage: "New".into(),
        won_stage: "Won".into(),
        lost_stage: "Lost".into(),
        no_owner: "Unassigned".into(),
        loss_reason: "Not given".into(),
        phone_label: "Phone".into(),
        email_label: "E-mail".into(),
    }
}

/// What must come back of a deal.
fn essence(ws: &Workspace, d: &Deal) -> String {
    let (direction, stage) = ws.stage(d.stage).unwrap();
    format!(
        "{:?}",
        (
            &d.title,
            d.amount,
            &direction.name,
            &stage.name,
            stage.kind,
            &ws.employee(d.owner).unwrap().name,
            d.created_at,
            d.expected_close,
            d.closed_at,
            &d.loss_reason,
            &d.client,
            &d.notes,
        )
    )
}

fn essences(ws: &Workspace) -> Vec<String> {
    let mut all: Vec<String> = ws.deals().map(|d| essence(ws, d)).collect();
    all.sort();
    all
}

/// Titles and notes with everything CSV and spreadsheets care about.
fn tricky() -> impl Strategy<Value = String> {
    proptest::string::string_regex("['=+@\\-]?[a-zА-я\"';,\\n\\t =+@-]{1,12}[a-zА-я]").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn exported_csv_imports_into_the_same_deals(
        seed in any::<u64>(),
        deals in 0usize..60,
        ru in any::<bool>(),
        titles in proptest::collection::vec(tricky(), 0..6),
        notes in proptest::collection::vec(tricky(), 0..6),
        names in (tricky(), tricky(), tricky()),
    ) {
        let lang = if ru { Lang::Ru } else { Lang::En };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let now = voronka_core::domain::Stamp::at_midnight(today).plus_minutes(18 * 60);
        let mut ws = generate(&DemoConfig { seed, employees: 4, deals, now, lang });
        let ids: Vec<DealId> = ws.deals().map(|d| d.id).collect();
        for (id, title) in ids.iter().zip(&titles) {
            let mut draft = ws.deal(*id).unwrap().draft();
            draft.title = title.clone();
            ws.apply(&Command::EditDeal { deal: *id, draft }).unwrap();
        }
        for (id, note) in ids.iter().rev().zip(&notes) {
            let mut draft = ws.deal(*id).unwrap().draft();
            draft.notes = note.clone();
            ws.apply(&Command::EditDeal { deal: *id, draft }).unwrap();
        }
        // Names that a spreadsheet would run or CSV would split: an employee, a direction and
        // a stage (a refused rename, e.g. a name taken, just leaves the old one).
        let employee = ws.employees().next().map(|e| e.id);
        if let Some(employee) = employee {
            ws.apply(&Command::RenameEmployee { employee, name: names.0.clone() }).ok();
        }
        let direction = ws.directions().next().map(|d| (d.id, d.stages[0].clone()));
        if let Some((direction, stage)) = direction {
            ws.apply(&Command::RenameDirection { direction, name: names.1.clone() }).ok();
            let mut spec = stage.spec();
            spec.name = names.2.clone();
            ws.apply(&Command::EditStage { stage: stage.id, spec }).ok();
        }
        let csv = crm::export::export(&ws, ws.deals(), lang);
        let mut back = Workspace::new(ws.currency(), lang);
        if deals == 0 {
            prop_assert!(crm::table::parse(csv.trim_start_matches('\u{feff}')).is_err(), "a header only");
            return Ok(());
        }
        let (text, _) = crm::decode(csv.as_bytes(), |_| None).unwrap();
        let table = crm::table::parse(&text).unwrap();
        let mapping = Mapping::propose(&table, &back);
        prop_assert_eq!(mapping.source, crm::Source::Voronka);
        let p = plan(&table, &mapping, &back, &defaults(), Stamp(0));
        prop_assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        back.apply(&Command::ImportDeals(Box::new(p.batch))).unwrap();
        back.check_invariants().unwrap();
        prop_assert_eq!(essences(&back), essences(&ws));
    }
}
