//! Browser tests (wasm-bindgen-test in headless Chromium): the shell mounts, switches language
//! and remembers the choice.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app into a fresh container and returns it (the mount stays alive).
fn mount_app() -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), voronka::ui::App);
    std::mem::forget(handle);
    container
}

fn text(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .text_content()
        .unwrap_or_default()
}

fn click(root: &HtmlElement, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn shell_switches_language_and_remembers_it() {
    voronka::state::prefs::store_lang("en");
    let root = mount_app();
    leptos::task::tick().await;
    assert_eq!(text(&root, ".brand-name"), "Voronka");
    // First launch: start blank.
    if root.query_selector("[data-start=blank]").unwrap().is_some() {
        click(&root, "[data-start=blank]");
        leptos::task::tick().await;
    }
    // The save runs once the tabs' write lock is granted.
    gloo_timers::future::TimeoutFuture::new(50).await;
    leptos::task::tick().await;
    assert_eq!(text(&root, ".nav-link[data-view=board]"), "Board");
    assert_eq!(text(&root, ".nav-link[aria-current=page]"), "Board");

    click(&root, ".lang-button[data-lang=ru]");
    leptos::task::tick().await;
    assert_eq!(text(&root, ".brand-name"), "Воронка");
    assert_eq!(text(&root, ".nav-link[data-view=plans]"), "Планы");
    assert_eq!(text(&root, ".nav-link[aria-current=page]"), "Доска");
    assert_eq!(text(&root, ".save-label"), "Все изменения сохранены");
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("ru")
    );
    assert_eq!(voronka::state::prefs::stored_lang().unwrap(), "ru");
    let pressed = root
        .query_selector(".lang-button[data-lang=ru]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));

    click(&root, ".lang-button[data-lang=en]");
    leptos::task::tick().await;
    assert_eq!(text(&root, ".nav-link[data-view=directions]"), "Directions");
    root.remove();
}

#[wasm_bindgen_test]
async fn navigation_follows_the_url_fragment() {
    voronka::state::prefs::store_lang("en");
    let root = mount_app();
    leptos::task::tick().await;
    // The workspace another test started may not be saved yet (saves wait for the write lock).
    if root.query_selector("[data-start=blank]").unwrap().is_some() {
        click(&root, "[data-start=blank]");
        leptos::task::tick().await;
    }
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/plans")
        .unwrap();
    // hashchange is dispatched asynchronously.
    gloo_timers::future::TimeoutFuture::new(50).await;
    leptos::task::tick().await;
    assert_eq!(text(&root, ".view-title"), "Sales plans");
    let current = root
        .query_selector(".nav-link[aria-current=page]")
        .unwrap()
        .unwrap()
        .get_attribute("data-view");
    assert_eq!(current.as_deref(), Some("plans"));
    web_sys::window().unwrap().location().set_hash("").unwrap();
    root.remove();
}

#[wasm_bindgen_test]
async fn writes_run_one_at_a_time_inside_the_web_lock_and_are_counted() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use voronka::state::write_lock::{available, with_write_lock, WRITES_KEY};
    assert!(available(), "Chromium has Web Locks");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let count = || {
        storage
            .get_item(WRITES_KEY)
            .unwrap()
            .map_or(0, |v| v.parse::<u64>().unwrap())
    };
    let before = count();
    let log = Rc::new(RefCell::new(Vec::new()));
    for i in 0..3 {
        let log = log.clone();
        with_write_lock(move || log.borrow_mut().push(i));
    }
    // Granted later, in the order requested, each write counted once it is done.
    assert!(log.borrow().is_empty());
    for _ in 0..100 {
        if count() == before + 3 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    assert_eq!(*log.borrow(), vec![0, 1, 2]);
    assert_eq!(count(), before + 3);
}

#[wasm_bindgen_test]
fn local_storage_reports_quota_errors_as_such() {
    use voronka::storage::kv::{KeyValue, KvError};
    use voronka::storage::local::LocalKv;
    let kv = LocalKv::open().expect("localStorage is available");
    kv.set("voronka.test", "value").unwrap();
    assert_eq!(kv.get("voronka.test").as_deref(), Some("value"));
    assert!(kv.keys().contains(&"voronka.test".to_string()));
    // More than Chromium's whole quota: refused with the quota error, not another one.
    let huge = "x".repeat(6_000_000);
    assert_eq!(kv.set("voronka.huge", &huge), Err(KvError::Quota));
    kv.remove("voronka.test");
    assert_eq!(kv.get("voronka.test"), None);
}

#[wasm_bindgen_test]
fn local_storage_sizes_are_counted_in_utf16_units_without_reading_values() {
    use voronka::storage::kv::{units, KeyValue};
    use voronka::storage::local::LocalKv;
    let kv = LocalKv::open().expect("localStorage is available");
    // ASCII, Cyrillic (one unit each) and an astral character (two units).
    let value = "Сделка 42 𝄞";
    kv.set("voronka.size", value).unwrap();
    assert_eq!(kv.units_of("voronka.size"), 12);
    assert_eq!(kv.units_of("voronka.size"), units(value));
    assert_eq!(kv.units_of("voronka.absent"), 0);
    kv.remove("voronka.size");
}

#[wasm_bindgen_test]
fn a_workspace_saved_in_local_storage_loads_back() {
    use voronka::domain::demo::{generate, DemoConfig};
    use voronka::domain::Lang;
    use voronka::storage::local::LocalKv;
    use voronka::storage::persist::{Dirty, Loaded, Persister};
    let ws = generate(&DemoConfig {
        seed: 1,
        employees: 3,
        deals: 120,
        now: voronka::domain::Stamp::at_midnight(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        )
        .plus_minutes(18 * 60),
        lang: Lang::En,
    });
    let mut p = Persister::new(Box::new(LocalKv::open().unwrap()));
    p.start_fresh();
    p.save(&ws, &Dirty::everything(), "2026-11-27T10:00:00Z".into())
        .unwrap();
    let mut again = Persister::new(Box::new(LocalKv::open().unwrap()));
    match again.load() {
        Loaded::Ready(back, revision) => {
            assert_eq!(*back, ws);
            assert!(revision >= 1);
        }
        other => panic!("{other:?}"),
    }
    again.start_fresh();
}

fn gauge_data(percent_bp: Option<u64>) -> voronka::ui::plans::gauge::GaugeData {
    voronka::ui::plans::gauge::GaugeData {
        name: "Анна".into(),
        percent_bp,
        pace_bp: 5_000,
        amounts: "900 ₽ из 500 ₽".into(),
        deals: None,
        pace_label: "Ожидается к сегодняшнему дню: 50\u{202f}%".into(),
        label: "label".into(),
        percent_text: percent_bp.map_or("Нет плана".into(), |bp| {
            format!("{}\u{202f}%", bp / 100)
        }),
    }
}

fn mount_gauge(percent_bp: Option<u64>) -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let data = gauge_data(percent_bp);
    let handle = leptos::mount::mount_to(container.clone(), move || {
        leptos::view! { <voronka::ui::plans::gauge::Gauge data=data.clone() /> }
    });
    std::mem::forget(handle);
    container
}

fn attr(root: &HtmlElement, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.get_attribute(name))
}

#[wasm_bindgen_test]
async fn gauges_draw_the_arc_and_labels_for_0_100_180_percent_and_no_plan() {
    use voronka::ui::plans::gauge::arc_path;
    // 0 %: an empty fill, the pace tick, "0 %".
    let g = mount_gauge(Some(0));
    leptos::task::tick().await;
    assert_eq!(attr(&g, "[data-part=fill]", "d").as_deref(), Some(""));
    assert_eq!(text(&g, ".gauge-percent"), "0\u{202f}%");
    assert!(g.query_selector("[data-part=pace]").unwrap().is_some());
    assert_eq!(attr(&g, ".gauge", "data-state").as_deref(), Some("under"));
    // 100 %: the whole half-ring, nothing over.
    let g = mount_gauge(Some(10_000));
    leptos::task::tick().await;
    assert_eq!(attr(&g, "[data-part=fill]", "d"), Some(arc_path(1.0, 50.0)));
    assert_eq!(attr(&g, "[data-part=over]", "d").as_deref(), Some(""));
    assert_eq!(text(&g, ".gauge-percent"), "100\u{202f}%");
    assert_eq!(attr(&g, ".gauge", "data-state").as_deref(), Some("done"));
    // 180 %: full ring plus 80 % of the inner "over" ring, and the label says 180 %.
    let g = mount_gauge(Some(18_000));
    leptos::task::tick().await;
    assert_eq!(attr(&g, "[data-part=fill]", "d"), Some(arc_path(1.0, 50.0)));
    assert_eq!(attr(&g, "[data-part=over]", "d"), Some(arc_path(0.8, 41.0)));
    assert_eq!(text(&g, ".gauge-percent"), "180\u{202f}%");
    assert_eq!(text(&g, "[data-part=amounts]"), "900 ₽ из 500 ₽");
    assert_eq!(attr(&g, ".gauge", "data-state").as_deref(), Some("over"));
    // No plan: no fill, no pace tick, "No plan".
    let g = mount_gauge(None);
    leptos::task::tick().await;
    assert_eq!(attr(&g, "[data-part=fill]", "d").as_deref(), Some(""));
    assert!(g.query_selector("[data-part=pace]").unwrap().is_none());
    assert_eq!(text(&g, ".gauge-percent"), "Нет плана");
    assert_eq!(attr(&g, ".gauge", "data-state").as_deref(), Some("no-plan"));
}

#[wasm_bindgen_test]
fn counts_take_their_plural_form_from_the_browsers_intl_plural_rules() {
    use voronka::i18n::Locale;
    use voronka::ui::counts;
    let counts = [0, 1, 2, 5, 11, 21, 22, 25, 101, 111];
    let ru: Vec<String> = counts
        .iter()
        .map(|&n| counts::stage_deals(Locale::ru, n))
        .collect();
    assert_eq!(
        ru,
        [
            "0 сделок",
            "1 сделка",
            "2 сделки",
            "5 сделок",
            "11 сделок",
            "21 сделка",
            "22 сделки",
            "25 сделок",
            "101 сделка",
            "111 сделок"
        ]
    );
    assert_eq!(counts::show_more(Locale::ru, 21), "Показать ещё 21 сделку");
    assert_eq!(counts::gauge_deals(Locale::ru, 0, 101), "0 из 101 сделки");
    assert_eq!(counts::days_in_stage(Locale::ru, 3), "3 дня на этапе");
    assert_eq!(counts::stage_deals(Locale::en, 1), "1 deal");
    assert_eq!(counts::stage_deals(Locale::en, 0), "0 deals");
    assert_eq!(counts::stage_deals(Locale::en, 21), "21 deals");
}

/// A store over memory holding `deals` demo deals, saved once; and the workspace saved.
fn saved_store_data(deals: usize) -> (voronka::storage::kv::MemoryKv, voronka::domain::Workspace) {
    use voronka::domain::demo::{generate, DemoConfig};
    use voronka::storage::kv::MemoryKv;
    use voronka::storage::persist::{Dirty, Persister};
    let ws = generate(&DemoConfig {
        seed: 3,
        employees: 4,
        deals,
        now: voronka::domain::Stamp::at_midnight(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        )
        .plus_minutes(18 * 60),
        lang: voronka::domain::Lang::En,
    });
    let kv = MemoryKv::default();
    let mut p = Persister::new(Box::new(kv.clone()));
    p.load();
    p.save(&ws, &Dirty::everything(), "2026-11-28T10:00:00Z".into())
        .unwrap();
    (kv, ws)
}

#[wasm_bindgen_test]
async fn a_command_on_the_first_screen_waits_for_every_deal_and_saves_them_all() {
    use leptos::prelude::*;
    use voronka::domain::Command;
    use voronka::state::store::{SaveState, Store};
    use voronka::storage::persist::{Loaded, Persister};
    let (kv, whole) = saved_store_data(1_500);
    let store = Store::open_with(Box::new(kv.clone()), false, true);
    assert!(
        store.reading.get_untracked(),
        "the board's first screen only"
    );
    let shown = store.ws().with_untracked(|ws| ws.deal_count());
    assert!(shown < 500, "{shown} deals read before the first screen");
    // A deal the first screen does not hold: the command can only find it once every deal
    // is read, so it succeeds only because it waits for them.
    let deal = whole
        .deals()
        .map(|d| d.id)
        .find(|&id| store.ws().with_untracked(|ws| ws.deal(id).is_none()))
        .expect("a deal beyond the first screen");
    let mut draft = whole.deal(deal).unwrap().draft();
    draft.title = "Edited before the rest was read".into();
    store
        .dispatch(Command::EditDeal { deal, draft })
        .expect("the command runs on every deal");
    assert!(!store.reading.get_untracked());
    assert_eq!(store.ws().with_untracked(|ws| ws.deal_count()), 1_500);
    for _ in 0..150 {
        if store.save.get_untracked() == SaveState::Saved {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    assert_eq!(store.save.get_untracked(), SaveState::Saved);
    let Loaded::Ready(stored, _) = Persister::new(Box::new(kv)).load() else {
        panic!("the save reads back")
    };
    assert_eq!(stored.deal_count(), 1_500, "no deal lost by the save");
    assert_eq!(
        stored.deal(deal).map(|d| d.title.as_str()),
        Some("Edited before the rest was read")
    );
}

#[wasm_bindgen_test]
async fn the_rest_is_read_in_slices_after_the_first_screen() {
    use leptos::prelude::*;
    use voronka::state::store::Store;
    let (kv, whole) = saved_store_data(3_000);
    let store = Store::open_with(Box::new(kv), false, true);
    assert!(store.reading.get_untracked());
    store.read_in_slices();
    // Nothing is read before the page has had a frame.
    assert!(store.reading.get_untracked());
    for _ in 0..200 {
        if !store.reading.get_untracked() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    assert!(!store.reading.get_untracked(), "every slice ran");
    assert_eq!(store.ws().with_untracked(|ws| ws.clone()), whole);
}

#[wasm_bindgen_test]
fn another_tabs_save_during_the_slices_shows_its_deals_and_redraws_the_cards() {
    use leptos::prelude::*;
    use voronka::domain::Command;
    use voronka::state::store::Store;
    use voronka::storage::persist::{Dirty, Loaded, Persister};
    let (kv, whole) = saved_store_data(1_500);
    let store = Store::open_with(Box::new(kv.clone()), false, true);
    assert!(store.reading.get_untracked());
    // A card of the first screen, and every other deal of its shard changed by another tab.
    let stage = whole.directions().next().unwrap().stages[0].id;
    let shown = whole.column(stage)[0];
    let key_before = store.card_key(shown);
    let mut other = Persister::new(Box::new(kv.clone()));
    let Loaded::Ready(newer, _) = other.load() else {
        panic!("the other tab loads")
    };
    let mut newer = *newer;
    let mut draft = newer.deal(shown).unwrap().draft();
    draft.title = "Renamed in the other tab".into();
    let (_, log) = newer
        .apply_logged(&Command::EditDeal { deal: shown, draft })
        .unwrap();
    let mut dirty = Dirty::default();
    dirty.add_deals(log.touched_deals());
    other
        .save(&newer, &dirty, "2026-11-28T11:00:00Z".into())
        .unwrap();
    // This tab reads the rest: the shard it named is gone, so it loads what is stored now.
    store.read_all();
    assert!(!store.reading.get_untracked());
    assert_eq!(
        store
            .ws()
            .with_untracked(|ws| ws.deal(shown).map(|d| d.title.clone())),
        Some("Renamed in the other tab".to_string())
    );
    assert_eq!(store.ws().with_untracked(|ws| ws.deal_count()), 1_500);
    assert_ne!(store.card_key(shown), key_before, "its card is drawn again");
}

/// The wall clock of `utc_minutes` in the browser's own zone.
fn local_of(utc_minutes: i64) -> chrono::NaiveDateTime {
    use chrono::TimeZone;
    chrono::Local
        .timestamp_opt(utc_minutes * 60, 0)
        .unwrap()
        .naive_local()
}

fn wall(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
}

#[wasm_bindgen_test]
fn a_team_in_another_zone_stamps_its_clock_and_shows_the_viewers() {
    use voronka::domain::Stamp;
    use voronka::state::clock;
    // Vladivostok is UTC+10 all year: 06:30 on 1 December there is 20:30 UTC the day before.
    clock::set_team_zone(Some("Asia/Vladivostok"));
    let stamp = Stamp::from_datetime(wall(2026, 12, 1, 6, 30));
    let utc = wall(2026, 11, 30, 20, 30).and_utc().timestamp() / 60;
    assert_eq!(clock::shown(stamp), local_of(utc));
    // Now is Vladivostok's wall clock.
    let now_utc = (js_sys::Date::now() / 60_000.0).floor() as i64;
    let vladivostok_now = now_utc + 600;
    assert!(
        (clock::now().0 - vladivostok_now).abs() <= 1,
        "now is Vladivostok's"
    );
    assert_eq!(clock::today(), clock::now().date());

    // Berlin's clock goes back at 03:00 on 25 October 2026: 02:30 names 00:30 or 01:30 UTC.
    clock::set_team_zone(Some("Europe/Berlin"));
    let twice = Stamp::from_datetime(wall(2026, 10, 25, 2, 30));
    let candidates = [
        local_of(wall(2026, 10, 25, 0, 30).and_utc().timestamp() / 60),
        local_of(wall(2026, 10, 25, 1, 30).and_utc().timestamp() / 60),
    ];
    assert!(candidates.contains(&clock::shown(twice)));
    // Summer time: 12:00 in Berlin on 1 July is 10:00 UTC.
    let summer = Stamp::from_datetime(wall(2026, 7, 1, 12, 0));
    let utc = wall(2026, 7, 1, 10, 0).and_utc().timestamp() / 60;
    assert_eq!(clock::shown(summer), local_of(utc));

    // A zone the browser does not know: the browser's clock, the stamp shown as it is.
    clock::set_team_zone(Some("Mars/Olympus_Mons"));
    assert_eq!(clock::shown(stamp), stamp.datetime());
    clock::set_team_zone(None);
    assert_eq!(clock::shown(stamp), stamp.datetime());
}

#[wasm_bindgen_test]
fn a_team_moved_to_another_zone_keeps_every_moment() {
    use voronka::domain::Stamp;
    use voronka::state::clock;
    let at = |y, mo, d, h, mi| Stamp::from_datetime(wall(y, mo, d, h, mi));
    // Moscow (UTC+3) to Vladivostok (UTC+10): seven hours later on the wall clock.
    let shift = clock::zone_shift("Europe/Moscow", "Asia/Vladivostok").unwrap();
    assert_eq!(
        shift.apply(at(2026, 11, 30, 23, 30)),
        at(2026, 12, 1, 6, 30)
    );
    assert_eq!(shift.apply(at(2024, 2, 29, 0, 0)), at(2024, 2, 29, 7, 0));
    // Berlin to Moscow: two hours in winter, one in summer; on the night the clock goes back
    // (03:00 → 02:00 on 25 October 2026) an hour that holds both offsets is converted minute
    // by minute: 01:59 in Berlin is 23:59 UTC (02:59 in Moscow), 03:00 is 02:00 UTC (05:00).
    let shift = clock::zone_shift("Europe/Berlin", "Europe/Moscow").unwrap();
    assert_eq!(shift.apply(at(2026, 1, 15, 12, 0)), at(2026, 1, 15, 14, 0));
    assert_eq!(shift.apply(at(2026, 7, 1, 12, 0)), at(2026, 7, 1, 13, 0));
    assert_eq!(
        shift.apply(at(2026, 10, 25, 1, 59)),
        at(2026, 10, 25, 2, 59)
    );
    assert_eq!(shift.apply(at(2026, 10, 25, 3, 0)), at(2026, 10, 25, 5, 0));
    // A zone the browser does not know cannot be moved to.
    assert!(clock::zone_shift("Europe/Moscow", "Mars/Olympus_Mons").is_none());
    assert!(clock::known_zones().iter().any(|z| z == "Asia/Vladivostok"));
}
