//! The app without its views, for measuring how much of the bundle is not view code
//! (`scripts/size-floor.sh`; docs/PERFORMANCE.md, "What is not view code").
//!
//! It opens the store as the app does (load, save, other tabs, recovery copies) and reaches
//! every other entry point the views call — every command through the dispatcher, undo and
//! redo, the start choices, Analytics' report, Today's agenda, the CSV reader, mapping, plan
//! and export, the JSON export and import — with inputs the compiler cannot see through, so
//! none of that code is left out of the wasm. What it leaves out is only what draws: the
//! Leptos views, the messages on screen and the code that formats figures for them.

use leptos::prelude::*;
use std::hint::black_box;
use voronka::crm::export::{board_order, export};
use voronka::crm::plan::{plan, Defaults};
use voronka::crm::{table, Mapping};
use voronka::domain::analytics::Scope;
use voronka::domain::command::Command;
use voronka::domain::period::{Period, PeriodKind};
use voronka::domain::time::Stamp;
use voronka::domain::{DealId, Lang};
use voronka::state::store::{StartChoice, Store};
use voronka::storage::envelope;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(NoViews);
}

/// The store and every non-view entry point, run on a key press; one paragraph on screen.
#[component]
fn NoViews() -> impl IntoView {
    let store = Store::open();
    provide_context(store);
    voronka::ui::today::TodayState::provide();
    voronka::state::offline::Offline::provide();
    store.attach_browser_events();
    store.request_persistence();
    store.read_in_slices();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        reach_everything(store, ev.key())
    });
    on_cleanup(move || keys.remove());
    view! { <p>"no views"</p> }
}

/// Calls each entry point with inputs made from `key`, which the compiler cannot know.
fn reach_everything(store: Store, key: String) {
    // An opaque command: the dispatcher keeps every arm.
    let command = black_box(Command::DeleteDeal {
        deal: DealId(key.len() as _),
    });
    black_box(store.dispatch(command).ok());
    match key.as_str() {
        "u" => {
            black_box((store.undo().ok(), store.redo().ok()));
        }
        "s" => {
            store.save_now();
            black_box(store.reload_newer());
            store.start_fresh();
        }
        _ => store.start(black_box(StartChoice::Demo), black_box(Lang::Ru), &key),
    }
    let text = store.ws().with_untracked(|ws| {
        let now = Stamp(black_box(5));
        let scope = black_box(Scope {
            period: Period {
                year: 2026,
                kind: PeriodKind::Month,
                index: 1,
            },
            direction: None,
            owner: None,
        });
        black_box(ws.analytics_report(scope, now));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, black_box(1)).expect("a real day");
        black_box(ws.agenda(today, black_box(Default::default())));
        black_box(ws.agenda_badge(today, black_box(Default::default())));
        if let Ok(table) = table::parse(&key) {
            let mapping = Mapping::propose(&table, ws);
            let defaults = black_box(Defaults {
                open_stage: key.clone(),
                won_stage: key.clone(),
                lost_stage: key.clone(),
                no_owner: key.clone(),
                loss_reason: key.clone(),
                phone_label: key.clone(),
                email_label: key.clone(),
            });
            let import = plan(&table, &mapping, ws, &defaults, now);
            let command = Command::ImportDeals(Box::new(import.batch.clone()));
            black_box((&import, store.dispatch(command).ok()));
        }
        let mut text = export(ws, board_order(ws), black_box(Lang::Ru));
        text.push_str(&envelope::export(ws, store.revision(), key.clone()));
        text
    });
    if let Ok((_, ws)) = envelope::read_workspace(&text) {
        black_box(store.replace(ws).ok());
    }
    if let Some(copy) = store.recovery_text(&key) {
        store.remove_copy(&copy);
    }
    black_box(store.raw_dump());
}
