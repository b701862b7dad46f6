//! Every message that shows a count, in one place: each takes the plural form the locale
//! needs for that number (Russian one / few / many: 1 сделка, 2 сделки, 5 сделок; English one
//! / other; chosen by [`plural::form`]), and shows the number with the locale's digit
//! grouping. The views call these; `tests/plurals.rs` checks each one for 0, 1, 2, 5,
//! 11, 21, 22, 25, 101 and 111 against hand-written Russian and English.

use super::format;
use super::plural::{self, Form};
use crate::i18n::*;

/// The message at a key path (`$section.$key`, or deeper) in the form `$count` takes: one text
/// per plural category under that key in `locales/*.json`, its values written in as `{name}`
/// by [`fill`](crate::ui::text::fill) (see `ui::text`). `tests/plurals.rs` checks every such
/// message in both languages, `tests/messages_filled.rs` that each call gives the values its
/// texts name.
macro_rules! plural {
    ($locale:expr, $count:expr, $($path:ident).+ $(, $var:ident = $value:expr)* $(,)?) => {{
        let locale = $locale;
        let text: &'static str = match plural::form(locale, $count as i64) {
            Form::One => td_string!(locale, $($path).+.one),
            Form::Few => td_string!(locale, $($path).+.few),
            Form::Many => td_string!(locale, $($path).+.many),
            Form::Other => td_string!(locale, $($path).+.other),
        };
        crate::ui::text::fill(text, &[$((stringify!($var), &$value as &dyn ::std::fmt::Display)),*])
    }};
}

fn n(locale: Locale, count: usize) -> String {
    format::integer(locale, count as i64)
}

/// "5 deals" beside a stage in Directions.
pub fn stage_deals(locale: Locale, count: usize) -> String {
    plural!(locale, count, stage.deals, n = n(locale, count))
}

/// "5 open deals" beside a direction in Directions.
pub fn open_deals(locale: Locale, count: usize) -> String {
    plural!(locale, count, dir.open_deals, n = n(locale, count))
}

/// "5 open deals · $1,000" in the board's direction picker.
pub fn open_summary(locale: Locale, count: usize, sum: &str) -> String {
    let sum = sum.to_string();
    plural!(
        locale,
        count,
        board.open_summary,
        n = n(locale, count),
        sum = sum
    )
}

/// The board's totals line: open with their sum and weighted sum, won with their sum, lost.
pub struct BoardTotals<'a> {
    /// Open deals shown.
    pub open: usize,
    /// Their sum, formatted.
    pub open_sum: &'a str,
    /// Their sum weighted by stage probability, formatted.
    pub weighted: &'a str,
    /// Won deals shown.
    pub won: usize,
    /// Their sum, formatted.
    pub won_sum: &'a str,
    /// Lost deals shown.
    pub lost: usize,
}

/// "Open: 5 deals, $1,000; weighted $400. Won: 1 deal, $300. Lost: 2 deals."
pub fn board_totals(locale: Locale, t: &BoardTotals) -> String {
    let (sum, weighted) = (t.open_sum.to_string(), t.weighted.to_string());
    let open = plural!(
        locale,
        t.open,
        board.totals_open,
        n = n(locale, t.open),
        sum = sum,
        weighted = weighted
    );
    let won_sum = t.won_sum.to_string();
    let won = plural!(
        locale,
        t.won,
        board.totals_won,
        n = n(locale, t.won),
        sum = won_sum
    );
    let lost = plural!(locale, t.lost, board.totals_lost, n = n(locale, t.lost));
    format!("{open} {won} {lost}")
}

/// "Show 5 more deals" under a long column.
pub fn show_more(locale: Locale, count: usize) -> String {
    plural!(locale, count, board.show_more, n = n(locale, count))
}

/// "5 days in stage" on a card.
pub fn days_in_stage(locale: Locale, days: i64) -> String {
    let shown = format::integer(locale, days);
    plural!(locale, days, card.days_in_stage, n = shown)
}

/// Refusal: a stage to delete still holds deals.
pub fn stage_holds(locale: Locale, count: usize) -> String {
    plural!(locale, count, error.stage_holds, n = n(locale, count))
}

/// Refusal: a stage's kind cannot change while it holds deals.
pub fn kind_with_deals(locale: Locale, count: usize) -> String {
    plural!(locale, count, error.kind_with_deals, n = n(locale, count))
}

/// Refusal: a direction to delete still holds deals.
pub fn direction_holds(locale: Locale, count: usize) -> String {
    plural!(locale, count, error.direction_holds, n = n(locale, count))
}

/// Refusal: a text longer than `max` characters.
pub fn too_long(locale: Locale, max: usize) -> String {
    plural!(locale, max, error.too_long, n = n(locale, max))
}

/// A requisite of the wrong length: «Нужно 10 или 12 цифр» / "10 or 12 digits needed" (the
/// form agrees with the last count).
pub fn digits_needed(locale: Locale, lengths: &[usize]) -> String {
    let last = lengths.last().copied().unwrap_or(0);
    let counts: Vec<String> = lengths.iter().map(|l| n(locale, *l)).collect();
    let list = counts.join(td_string!(locale, company.or));
    plural!(locale, last, company.digits, n = list)
}

/// A requisite of the wrong length, given as a range: «От 15 до 34 знаков».
pub fn characters_between(locale: Locale, min: usize, max: usize) -> String {
    plural!(
        locale,
        max,
        company.between,
        min = n(locale, min),
        max = n(locale, max)
    )
}

/// "3 of 5 deals" under a gauge (`won` already formatted).
pub fn gauge_deals(locale: Locale, won: usize, plan: usize) -> String {
    let won = n(locale, won);
    plural!(locale, plan, gauge.deals, n = n(locale, plan), won = won)
}

/// A recovery copy's line: when it was made and its size in characters.
pub fn copy_made(locale: Locale, date: &str, size: usize) -> String {
    let date = date.to_string();
    plural!(
        locale,
        size,
        data.copy_made,
        n = n(locale, size),
        date = date
    )
}

/// A recovery copy of an earlier version (no date): its size in characters.
pub fn copy_legacy(locale: Locale, size: usize) -> String {
    plural!(locale, size, data.copy_legacy, n = n(locale, size))
}

/// "1,000 of 5,000,000 characters used (0%)" in the Data view.
pub fn storage_used(locale: Locale, used: usize, quota: usize, percent: u32) -> String {
    let used = n(locale, used);
    plural!(
        locale,
        quota,
        data.storage_used,
        n = n(locale, quota),
        used = used,
        percent = percent
    )
}

/// The changes of this tab that another tab's replacement left unapplied.
pub fn dropped_changes(locale: Locale, count: usize) -> String {
    plural!(locale, count, status.dropped_count, n = n(locale, count))
}

/// The deals of a recovery copy that could not be read.
pub fn restore_lost(locale: Locale, count: usize) -> String {
    plural!(locale, count, data.restore_lost, n = n(locale, count))
}

/// "5 deals will move to another direction…" when deleting a direction.
pub fn direction_delete_moves(locale: Locale, count: usize) -> String {
    plural!(locale, count, dir.delete_moves, n = n(locale, count))
}

/// "5 deals will move to the stage you choose:" when deleting a stage.
pub fn stage_delete_moves(locale: Locale, count: usize) -> String {
    plural!(locale, count, stage.delete_moves, n = n(locale, count))
}

/// What a CSV import counts: rows in the file, deals, what it creates, what it leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvCount {
    /// "6 rows" in the file.
    Rows,
    /// "6 deals" to import.
    Deals,
    /// "1 new direction".
    NewDirections,
    /// "4 new stages".
    NewStages,
    /// "2 new employees".
    NewEmployees,
    /// "2 rows skipped".
    Skipped,
    /// "2 product rows added to the deals of the same ID".
    Merged,
    /// "6 deals were imported before".
    Duplicates,
    /// "1 deal in another currency…".
    Foreign,
    /// The confirm button: "Import 6 deals".
    Confirm,
    /// After it: "6 deals imported…".
    Done,
    /// "…and 5 more rows" below the skipped rows shown.
    More,
    /// "After the import the workspace would hold 100,500 deals…".
    TooMany,
}

/// One of a CSV import's counts.
pub fn csv(locale: Locale, what: CsvCount, count: usize) -> String {
    let n = n(locale, count);
    match what {
        CsvCount::Rows => plural!(locale, count, csv.rows, n = n),
        CsvCount::Deals => plural!(locale, count, csv.deals, n = n),
        CsvCount::NewDirections => plural!(locale, count, csv.new_directions, n = n),
        CsvCount::NewStages => plural!(locale, count, csv.new_stages, n = n),
        CsvCount::NewEmployees => plural!(locale, count, csv.new_employees, n = n),
        CsvCount::Skipped => plural!(locale, count, csv.skipped, n = n),
        CsvCount::Merged => plural!(locale, count, csv.merged, n = n),
        CsvCount::Duplicates => plural!(locale, count, csv.duplicates, n = n),
        CsvCount::Foreign => plural!(locale, count, csv.foreign_count, n = n),
        CsvCount::Confirm => plural!(locale, count, csv.confirm, n = n),
        CsvCount::Done => plural!(locale, count, csv.done, n = n),
        CsvCount::More => plural!(locale, count, csv.more, n = n),
        CsvCount::TooMany => plural!(locale, count, csv.too_many, n = n),
    }
}

/// "5 fields instead of 4" for a row of the wrong width.
pub fn csv_field_count(locale: Locale, found: usize, expected: usize) -> String {
    let expected = n(locale, expected);
    plural!(
        locale,
        found,
        csv.field_count,
        found = n(locale, found),
        expected = expected
    )
}

/// "3 days overdue" on a Today row.
pub fn overdue_by(locale: Locale, days: i64) -> String {
    plural!(
        locale,
        days,
        today.overdue_by,
        n = format::integer(locale, days)
    )
}

/// "3 tasks" beside a Today group's title.
pub fn today_tasks(locale: Locale, count: usize) -> String {
    plural!(locale, count, today.tasks, n = n(locale, count))
}

/// The Today badge's text alternative: "3 tasks overdue or due today".
pub fn today_badge(locale: Locale, count: usize) -> String {
    plural!(locale, count, today.badge, n = n(locale, count))
}

/// "12 deals created in the period" under a funnel.
pub fn funnel_cohort(locale: Locale, count: usize) -> String {
    plural!(locale, count, analytics.funnel.cohort, n = n(locale, count))
}

/// "3 of them still open" under a funnel.
pub fn funnel_open(locale: Locale, count: usize) -> String {
    plural!(
        locale,
        count,
        analytics.funnel.still_open,
        n = n(locale, count)
    )
}

/// "over 7 deals won in the period" after the sales cycle.
pub fn cycle_deals(locale: Locale, count: usize) -> String {
    plural!(
        locale,
        count,
        analytics.stays.cycle_deals,
        n = n(locale, count)
    )
}

/// "4 open deals have no expected close date and are left out." under the forecast.
pub fn forecast_undated(locale: Locale, count: usize) -> String {
    plural!(
        locale,
        count,
        analytics.forecast.undated,
        n = n(locale, count)
    )
}

/// "12 deals" in an analytics deal list.
pub fn listed_deals(locale: Locale, count: usize) -> String {
    plural!(locale, count, analytics.deals.count, n = n(locale, count))
}

/// "Offline: 5 changes waiting" in the header, for a team's browser.
pub fn team_offline(locale: Locale, count: usize) -> String {
    plural!(locale, count, team.status_offline, n = n(locale, count))
}

/// "The server refused 2 changes; they were undone here:".
pub fn team_refused(locale: Locale, count: usize) -> String {
    plural!(locale, count, team.refused_title, n = n(locale, count))
}

/// "2 fields were changed by someone else at the same time; the saved values were kept:".
pub fn team_conflicts(locale: Locale, count: usize) -> String {
    plural!(locale, count, team.conflicts_title, n = n(locale, count))
}
