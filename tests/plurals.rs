//! Every message with a count, for 0, 1, 2, 5, 11, 21, 22, 25, 101 and 111 in Russian and
//! English, against hand-written text: Russian takes one / few / many (1 сделка, 2 сделки,
//! 5 сделок, 11 сделок, 21 сделка), English one / other.

use voronka::i18n::Locale;
use voronka::ui::counts::{self, BoardTotals};

const COUNTS: [usize; 10] = [0, 1, 2, 5, 11, 21, 22, 25, 101, 111];

/// Checks `render` for every count against `expected`, written out by hand per count.
fn check(name: &str, render: impl Fn(usize) -> String, expected: [&str; 10]) {
    for (count, want) in COUNTS.iter().zip(expected) {
        assert_eq!(render(*count), want, "{name} for {count}");
    }
}

#[test]
fn deals_beside_a_stage() {
    check(
        "ru",
        |n| counts::stage_deals(Locale::ru, n),
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
            "111 сделок",
        ],
    );
    check(
        "en",
        |n| counts::stage_deals(Locale::en, n),
        [
            "0 deals",
            "1 deal",
            "2 deals",
            "5 deals",
            "11 deals",
            "21 deals",
            "22 deals",
            "25 deals",
            "101 deals",
            "111 deals",
        ],
    );
}

#[test]
fn open_deals_beside_a_direction_and_in_the_picker() {
    check(
        "ru",
        |n| counts::open_deals(Locale::ru, n),
        [
            "0 открытых сделок",
            "1 открытая сделка",
            "2 открытые сделки",
            "5 открытых сделок",
            "11 открытых сделок",
            "21 открытая сделка",
            "22 открытые сделки",
            "25 открытых сделок",
            "101 открытая сделка",
            "111 открытых сделок",
        ],
    );
    check(
        "en",
        |n| counts::open_deals(Locale::en, n),
        [
            "0 open deals",
            "1 open deal",
            "2 open deals",
            "5 open deals",
            "11 open deals",
            "21 open deals",
            "22 open deals",
            "25 open deals",
            "101 open deals",
            "111 open deals",
        ],
    );
    assert_eq!(
        counts::open_summary(Locale::ru, 21, "5 000 ₽"),
        "21 открытая сделка · 5 000 ₽"
    );
    assert_eq!(
        counts::open_summary(Locale::ru, 3, "5 000 ₽"),
        "3 открытые сделки · 5 000 ₽"
    );
    assert_eq!(
        counts::open_summary(Locale::en, 1, "$5,000"),
        "1 open deal · $5,000"
    );
}

#[test]
fn board_totals() {
    let totals = |open, won, lost| BoardTotals {
        open,
        open_sum: "S",
        weighted: "W",
        won,
        won_sum: "V",
        lost,
    };
    let ru = |n| counts::board_totals(Locale::ru, &totals(n, n, n));
    let en = |n| counts::board_totals(Locale::en, &totals(n, n, n));
    assert_eq!(
        ru(1),
        "В работе: 1 сделка на S; с учётом вероятности W. Успешно: 1 сделка на V. Провалено: 1 сделка."
    );
    assert_eq!(
        ru(22),
        "В работе: 22 сделки на S; с учётом вероятности W. Успешно: 22 сделки на V. Провалено: 22 сделки."
    );
    assert_eq!(
        ru(111),
        "В работе: 111 сделок на S; с учётом вероятности W. Успешно: 111 сделок на V. Провалено: 111 сделок."
    );
    assert_eq!(
        en(1),
        "Open: 1 deal, S; weighted W. Won: 1 deal, V. Lost: 1 deal."
    );
    assert_eq!(
        en(0),
        "Open: 0 deals, S; weighted W. Won: 0 deals, V. Lost: 0 deals."
    );
    // Each count takes its own form.
    assert_eq!(
        counts::board_totals(Locale::ru, &totals(5, 1, 2)),
        "В работе: 5 сделок на S; с учётом вероятности W. Успешно: 1 сделка на V. Провалено: 2 сделки."
    );
}

#[test]
fn show_more_is_accusative_in_russian() {
    check(
        "ru",
        |n| counts::show_more(Locale::ru, n),
        [
            "Показать ещё 0 сделок",
            "Показать ещё 1 сделку",
            "Показать ещё 2 сделки",
            "Показать ещё 5 сделок",
            "Показать ещё 11 сделок",
            "Показать ещё 21 сделку",
            "Показать ещё 22 сделки",
            "Показать ещё 25 сделок",
            "Показать ещё 101 сделку",
            "Показать ещё 111 сделок",
        ],
    );
    assert_eq!(counts::show_more(Locale::en, 1), "Show 1 more deal");
    assert_eq!(counts::show_more(Locale::en, 21), "Show 21 more deals");
}

#[test]
fn days_in_stage() {
    check(
        "ru",
        |n| counts::days_in_stage(Locale::ru, n as i64),
        [
            "0 дней на этапе",
            "1 день на этапе",
            "2 дня на этапе",
            "5 дней на этапе",
            "11 дней на этапе",
            "21 день на этапе",
            "22 дня на этапе",
            "25 дней на этапе",
            "101 день на этапе",
            "111 дней на этапе",
        ],
    );
    check(
        "en",
        |n| counts::days_in_stage(Locale::en, n as i64),
        [
            "0 days in stage",
            "1 day in stage",
            "2 days in stage",
            "5 days in stage",
            "11 days in stage",
            "21 days in stage",
            "22 days in stage",
            "25 days in stage",
            "101 days in stage",
            "111 days in stage",
        ],
    );
}

#[test]
fn refusals_that_name_a_count() {
    check(
        "ru stage",
        |n| counts::stage_holds(Locale::ru, n),
        [
            "На этом этапе 0 сделок. Выберите, куда их перенести",
            "На этом этапе 1 сделка. Выберите, куда её перенести",
            "На этом этапе 2 сделки. Выберите, куда их перенести",
            "На этом этапе 5 сделок. Выберите, куда их перенести",
            "На этом этапе 11 сделок. Выберите, куда их перенести",
            "На этом этапе 21 сделка. Выберите, куда её перенести",
            "На этом этапе 22 сделки. Выберите, куда их перенести",
            "На этом этапе 25 сделок. Выберите, куда их перенести",
            "На этом этапе 101 сделка. Выберите, куда её перенести",
            "На этом этапе 111 сделок. Выберите, куда их перенести",
        ],
    );
    assert_eq!(
        counts::stage_holds(Locale::en, 1),
        "1 deal is in this stage: choose where it goes"
    );
    assert_eq!(
        counts::stage_holds(Locale::en, 11),
        "11 deals are in this stage: choose where they go"
    );
    assert_eq!(
        counts::kind_with_deals(Locale::ru, 21),
        "На этом этапе 21 сделка. Перенесите её, прежде чем менять тип этапа"
    );
    assert_eq!(
        counts::kind_with_deals(Locale::ru, 25),
        "На этом этапе 25 сделок. Перенесите их, прежде чем менять тип этапа"
    );
    assert_eq!(
        counts::kind_with_deals(Locale::en, 1),
        "1 deal is in this stage: move it before changing the stage’s kind"
    );
    assert_eq!(
        counts::direction_holds(Locale::ru, 22),
        "В направлении 22 сделки. Выберите, куда их перенести"
    );
    assert_eq!(
        counts::direction_holds(Locale::ru, 101),
        "В направлении 101 сделка. Выберите, куда её перенести"
    );
    assert_eq!(
        counts::direction_holds(Locale::en, 2),
        "2 deals are in this direction: choose where they go"
    );
    check(
        "ru too long",
        |n| counts::too_long(Locale::ru, n),
        [
            "Слишком длинно: не больше 0 символов",
            "Слишком длинно: не больше 1 символа",
            "Слишком длинно: не больше 2 символов",
            "Слишком длинно: не больше 5 символов",
            "Слишком длинно: не больше 11 символов",
            "Слишком длинно: не больше 21 символа",
            "Слишком длинно: не больше 22 символов",
            "Слишком длинно: не больше 25 символов",
            "Слишком длинно: не больше 101 символа",
            "Слишком длинно: не больше 111 символов",
        ],
    );
    assert_eq!(
        counts::too_long(Locale::en, 1),
        "Too long: at most 1 character"
    );
    assert_eq!(
        counts::too_long(Locale::en, 200),
        "Too long: at most 200 characters"
    );
}

#[test]
fn won_of_planned_deals_under_a_gauge() {
    check(
        "ru",
        |n| counts::gauge_deals(Locale::ru, 0, n),
        [
            "0 из 0 сделок",
            "0 из 1 сделки",
            "0 из 2 сделок",
            "0 из 5 сделок",
            "0 из 11 сделок",
            "0 из 21 сделки",
            "0 из 22 сделок",
            "0 из 25 сделок",
            "0 из 101 сделки",
            "0 из 111 сделок",
        ],
    );
    assert_eq!(counts::gauge_deals(Locale::en, 0, 1), "0 of 1 deal");
    assert_eq!(counts::gauge_deals(Locale::en, 3, 5), "3 of 5 deals");
}

#[test]
fn deals_that_a_delete_moves() {
    check(
        "ru stage",
        |n| counts::stage_delete_moves(Locale::ru, n),
        [
            "0 сделок будут перенесены на выбранный этап:",
            "1 сделка будет перенесена на выбранный этап:",
            "2 сделки будут перенесены на выбранный этап:",
            "5 сделок будут перенесены на выбранный этап:",
            "11 сделок будут перенесены на выбранный этап:",
            "21 сделка будет перенесена на выбранный этап:",
            "22 сделки будут перенесены на выбранный этап:",
            "25 сделок будут перенесены на выбранный этап:",
            "101 сделка будет перенесена на выбранный этап:",
            "111 сделок будут перенесены на выбранный этап:",
        ],
    );
    assert_eq!(
        counts::stage_delete_moves(Locale::en, 1),
        "1 deal will move to the stage you choose:"
    );
    assert_eq!(
        counts::stage_delete_moves(Locale::en, 5),
        "5 deals will move to the stage you choose:"
    );
    assert!(counts::direction_delete_moves(Locale::ru, 1)
        .starts_with("1 сделка будет перенесена в другое направление."));
    assert!(counts::direction_delete_moves(Locale::ru, 3)
        .starts_with("3 сделки будут перенесены в другое направление."));
    assert!(counts::direction_delete_moves(Locale::en, 1)
        .starts_with("1 deal will move to another direction."));
    assert!(counts::direction_delete_moves(Locale::en, 111)
        .starts_with("111 deals will move to another direction."));
}

#[test]
fn storage_and_recovery_copies() {
    check(
        "ru copy",
        |n| counts::copy_legacy(Locale::ru, n),
        [
            "Более ранняя копия, 0 символов",
            "Более ранняя копия, 1 символ",
            "Более ранняя копия, 2 символа",
            "Более ранняя копия, 5 символов",
            "Более ранняя копия, 11 символов",
            "Более ранняя копия, 21 символ",
            "Более ранняя копия, 22 символа",
            "Более ранняя копия, 25 символов",
            "Более ранняя копия, 101 символ",
            "Более ранняя копия, 111 символов",
        ],
    );
    assert_eq!(
        counts::copy_legacy(Locale::en, 1),
        "Earlier copy, 1 character"
    );
    assert_eq!(
        counts::copy_made(Locale::ru, "27.11.2026 10:00 UTC", 46_021),
        "Создана 27.11.2026 10:00 UTC, 46\u{202f}021 символ"
    );
    assert_eq!(
        counts::copy_made(Locale::en, "Nov 27, 2026 10:00 UTC", 46_021),
        "Made Nov 27, 2026 10:00 UTC, 46,021 characters"
    );
    assert_eq!(
        counts::storage_used(Locale::ru, 1_000, 5_242_880, 0),
        "Занято 1\u{202f}000 из 5\u{202f}242\u{202f}880 символов (0\u{202f}%)"
    );
    assert_eq!(
        counts::storage_used(Locale::ru, 1_000, 5_000_001, 0),
        "Занято 1\u{202f}000 из 5\u{202f}000\u{202f}001 символа (0\u{202f}%)"
    );
    assert_eq!(
        counts::storage_used(Locale::en, 1_000, 5_242_880, 0),
        "1,000 of 5,242,880 characters used (0%)"
    );
}

#[test]
fn what_another_tab_or_a_damaged_copy_left_out() {
    check(
        "ru",
        |n| counts::dropped_changes(Locale::ru, n),
        [
            "0 изменений, сделанных здесь, не применено.",
            "1 изменение, сделанное здесь, не применено.",
            "2 изменения, сделанные здесь, не применены.",
            "5 изменений, сделанных здесь, не применено.",
            "11 изменений, сделанных здесь, не применено.",
            "21 изменение, сделанное здесь, не применено.",
            "22 изменения, сделанные здесь, не применены.",
            "25 изменений, сделанных здесь, не применено.",
            "101 изменение, сделанное здесь, не применено.",
            "111 изменений, сделанных здесь, не применено.",
        ],
    );
    assert_eq!(
        counts::dropped_changes(Locale::en, 1),
        "1 change made here was not applied."
    );
    assert_eq!(
        counts::dropped_changes(Locale::en, 2),
        "2 changes made here were not applied."
    );
    assert_eq!(
        counts::restore_lost(Locale::ru, 21),
        "21 сделку из копии не удалось прочитать, она не войдёт."
    );
    assert_eq!(
        counts::restore_lost(Locale::ru, 5),
        "5 сделок из копии не удалось прочитать, они не войдут."
    );
    assert_eq!(
        counts::restore_lost(Locale::en, 1),
        "1 deal of the copy could not be read and is left out."
    );
}

#[test]
fn large_counts_are_grouped() {
    assert_eq!(
        counts::stage_deals(Locale::ru, 10_001),
        "10\u{202f}001 сделка"
    );
    assert_eq!(counts::stage_deals(Locale::en, 10_001), "10,001 deals");
}

#[test]
fn csv_import_counts() {
    use voronka::ui::counts::CsvCount;
    check(
        "ru confirm",
        |n| counts::csv(Locale::ru, CsvCount::Confirm, n),
        [
            "Импортировать 0 сделок",
            "Импортировать 1 сделку",
            "Импортировать 2 сделки",
            "Импортировать 5 сделок",
            "Импортировать 11 сделок",
            "Импортировать 21 сделку",
            "Импортировать 22 сделки",
            "Импортировать 25 сделок",
            "Импортировать 101 сделку",
            "Импортировать 111 сделок",
        ],
    );
    check(
        "en confirm",
        |n| counts::csv(Locale::en, CsvCount::Confirm, n),
        [
            "Import 0 deals",
            "Import 1 deal",
            "Import 2 deals",
            "Import 5 deals",
            "Import 11 deals",
            "Import 21 deals",
            "Import 22 deals",
            "Import 25 deals",
            "Import 101 deals",
            "Import 111 deals",
        ],
    );
    check(
        "ru skipped",
        |n| counts::csv(Locale::ru, CsvCount::Skipped, n),
        [
            "0 строк пропущено",
            "1 строка пропущена",
            "2 строки пропущены",
            "5 строк пропущено",
            "11 строк пропущено",
            "21 строка пропущена",
            "22 строки пропущены",
            "25 строк пропущено",
            "101 строка пропущена",
            "111 строк пропущено",
        ],
    );
    check(
        "ru new directions",
        |n| counts::csv(Locale::ru, CsvCount::NewDirections, n),
        [
            "0 новых направлений",
            "1 новое направление",
            "2 новых направления",
            "5 новых направлений",
            "11 новых направлений",
            "21 новое направление",
            "22 новых направления",
            "25 новых направлений",
            "101 новое направление",
            "111 новых направлений",
        ],
    );
    check(
        "ru done",
        |n| counts::csv(Locale::ru, CsvCount::Done, n),
        [
            "Импортировано 0 сделок. Отменить импорт целиком — Ctrl+Z.",
            "Импортирована 1 сделка. Отменить импорт целиком — Ctrl+Z.",
            "Импортированы 2 сделки. Отменить импорт целиком — Ctrl+Z.",
            "Импортировано 5 сделок. Отменить импорт целиком — Ctrl+Z.",
            "Импортировано 11 сделок. Отменить импорт целиком — Ctrl+Z.",
            "Импортирована 21 сделка. Отменить импорт целиком — Ctrl+Z.",
            "Импортированы 22 сделки. Отменить импорт целиком — Ctrl+Z.",
            "Импортировано 25 сделок. Отменить импорт целиком — Ctrl+Z.",
            "Импортирована 101 сделка. Отменить импорт целиком — Ctrl+Z.",
            "Импортировано 111 сделок. Отменить импорт целиком — Ctrl+Z.",
        ],
    );
    assert_eq!(
        counts::csv_field_count(Locale::ru, 5, 4),
        "5 полей вместо 4."
    );
    assert_eq!(
        counts::csv_field_count(Locale::ru, 2, 4),
        "2 поля вместо 4."
    );
    assert_eq!(
        counts::csv_field_count(Locale::ru, 21, 4),
        "21 поле вместо 4."
    );
    assert_eq!(
        counts::csv_field_count(Locale::en, 1, 4),
        "1 field instead of 4."
    );
}

#[test]
fn team_changes_waiting_offline() {
    check(
        "ru",
        |n| counts::team_offline(Locale::ru, n),
        [
            "Нет связи: 0 изменений ждут отправки",
            "Нет связи: 1 изменение ждёт отправки",
            "Нет связи: 2 изменения ждут отправки",
            "Нет связи: 5 изменений ждут отправки",
            "Нет связи: 11 изменений ждут отправки",
            "Нет связи: 21 изменение ждёт отправки",
            "Нет связи: 22 изменения ждут отправки",
            "Нет связи: 25 изменений ждут отправки",
            "Нет связи: 101 изменение ждёт отправки",
            "Нет связи: 111 изменений ждут отправки",
        ],
    );
    check(
        "en",
        |n| counts::team_offline(Locale::en, n),
        [
            "Offline: 0 changes waiting",
            "Offline: 1 change waiting",
            "Offline: 2 changes waiting",
            "Offline: 5 changes waiting",
            "Offline: 11 changes waiting",
            "Offline: 21 changes waiting",
            "Offline: 22 changes waiting",
            "Offline: 25 changes waiting",
            "Offline: 101 changes waiting",
            "Offline: 111 changes waiting",
        ],
    );
}

#[test]
fn team_refused_and_conflicting_changes() {
    let ru = |n| counts::team_refused(Locale::ru, n);
    assert_eq!(ru(1), "Сервер отклонил 1 изменение, здесь оно отменено:");
    assert_eq!(ru(3), "Сервер отклонил 3 изменения, здесь они отменены:");
    assert_eq!(ru(5), "Сервер отклонил 5 изменений, здесь они отменены:");
    assert_eq!(ru(21), "Сервер отклонил 21 изменение, здесь оно отменено:");
    let en = |n| counts::team_conflicts(Locale::en, n);
    assert_eq!(
        en(1),
        "1 field was changed by someone else at the same time; the saved value was kept:"
    );
    assert_eq!(
        en(2),
        "2 fields were changed by someone else at the same time; the saved values were kept:"
    );
    let ru = |n| counts::team_conflicts(Locale::ru, n);
    assert_eq!(
        ru(2),
        "2 поля одновременно изменил кто-то ещё; оставлены сохранённые значения:"
    );
    assert_eq!(
        ru(5),
        "5 полей одновременно изменил кто-то ещё; оставлены сохранённые значения:"
    );
}

#[test]
fn a_requisite_of_the_wrong_length() {
    check(
        "ru digits",
        |n| counts::digits_needed(Locale::ru, &[n]),
        [
            "Нужно 0 цифр",
            "Нужна 1 цифра",
            "Нужно 2 цифры",
            "Нужно 5 цифр",
            "Нужно 11 цифр",
            "Нужна 21 цифра",
            "Нужно 22 цифры",
            "Нужно 25 цифр",
            "Нужна 101 цифра",
            "Нужно 111 цифр",
        ],
    );
    assert_eq!(
        counts::digits_needed(Locale::ru, &[10, 12]),
        "Нужно 10 или 12 цифр"
    );
    assert_eq!(
        counts::digits_needed(Locale::en, &[13, 15]),
        "13 or 15 digits needed"
    );
    assert_eq!(counts::digits_needed(Locale::en, &[1]), "1 digit needed");
    check(
        "ru characters",
        |n| counts::characters_between(Locale::ru, 15, n),
        [
            "От 15 до 0 знаков",
            "От 15 до 1 знака",
            "От 15 до 2 знаков",
            "От 15 до 5 знаков",
            "От 15 до 11 знаков",
            "От 15 до 21 знака",
            "От 15 до 22 знаков",
            "От 15 до 25 знаков",
            "От 15 до 101 знака",
            "От 15 до 111 знаков",
        ],
    );
    assert_eq!(
        counts::characters_between(Locale::en, 15, 34),
        "15 to 34 characters"
    );
}
