//! Every message that shows a count, in one place: each takes the plural form the locale
//! needs for that number (Russian one / few / many: 1 сделка, 2 сделки, 5 сделок; English one
//! / other) through leptos_i18n's ICU plural rules, and shows the number with the locale's
//! digit grouping. The views call these; `tests/plurals.rs` checks each one for 0, 1, 2, 5,
//! 11, 21, 22, 25, 101 and 111 against hand-written Russian and English.

use super::format;
use crate::i18n::*;

fn n(locale: Locale, count: usize) -> String {
    format::integer(locale, count as i64)
}

/// "5 deals" beside a stage in Directions.
pub fn stage_deals(locale: Locale, count: usize) -> String {
    td_string!(locale, stage.deals, count = count, n = n(locale, count)).to_string()
}

/// "5 open deals" beside a direction in Directions.
pub fn open_deals(locale: Locale, count: usize) -> String {
    td_string!(locale, dir.open_deals, count = count, n = n(locale, count)).to_string()
}

/// "5 open deals · $1,000" in the board's direction picker.
pub fn open_summary(locale: Locale, count: usize, sum: &str) -> String {
    let sum = sum.to_string();
    td_string!(
        locale,
        board.open_summary,
        count = count,
        n = n(locale, count),
        sum = sum
    )
    .to_string()
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
    let open = td_string!(
        locale,
        board.totals_open,
        count = t.open,
        n = n(locale, t.open),
        sum = sum,
        weighted = weighted
    );
    let won_sum = t.won_sum.to_string();
    let won = td_string!(
        locale,
        board.totals_won,
        count = t.won,
        n = n(locale, t.won),
        sum = won_sum
    );
    let lost = td_string!(
        locale,
        board.totals_lost,
        count = t.lost,
        n = n(locale, t.lost)
    );
    format!("{open} {won} {lost}")
}

/// "Show 5 more deals" under a long column.
pub fn show_more(locale: Locale, count: usize) -> String {
    td_string!(locale, board.show_more, count = count, n = n(locale, count)).to_string()
}

/// "5 days in stage" on a card.
pub fn days_in_stage(locale: Locale, days: i64) -> String {
    let shown = format::integer(locale, days);
    td_string!(locale, card.days_in_stage, count = days, n = shown).to_string()
}

/// Refusal: a stage to delete still holds deals.
pub fn stage_holds(locale: Locale, count: usize) -> String {
    td_string!(
        locale,
        error.stage_holds,
        count = count,
        n = n(locale, count)
    )
    .to_string()
}

/// Refusal: a stage's kind cannot change while it holds deals.
pub fn kind_with_deals(locale: Locale, count: usize) -> String {
    td_string!(
        locale,
        error.kind_with_deals,
        count = count,
        n = n(locale, count)
    )
    .to_string()
}

/// Refusal: a direction to delete still holds deals.
pub fn direction_holds(locale: Locale, count: usize) -> String {
    td_string!(
        locale,
        error.direction_holds,
        count = count,
        n = n(locale, count)
    )
    .to_string()
}

/// Refusal: a text longer than `max` characters.
pub fn too_long(locale: Locale, max: usize) -> String {
    td_string!(locale, error.too_long, count = max, n = n(locale, max)).to_string()
}

/// "3 of 5 deals" under a gauge (`won` already formatted).
pub fn gauge_deals(locale: Locale, won: usize, plan: usize) -> String {
    let won = n(locale, won);
    td_string!(
        locale,
        gauge.deals,
        count = plan,
        n = n(locale, plan),
        won = won
    )
    .to_string()
}

/// A recovery copy's line: when it was made and its size in characters.
pub fn copy_made(locale: Locale, date: &str, size: usize) -> String {
    let date = date.to_string();
    td_string!(
        locale,
        data.copy_made,
        count = size,
        n = n(locale, size),
        date = date
    )
    .to_string()
}

/// A recovery copy of an earlier version (no date): its size in characters.
pub fn copy_legacy(locale: Locale, size: usize) -> String {
    td_string!(locale, data.copy_legacy, count = size, n = n(locale, size)).to_string()
}

/// "1,000 of 5,000,000 characters used (0%)" in the Data view.
pub fn storage_used(locale: Locale, used: usize, quota: usize, percent: u32) -> String {
    let used = n(locale, used);
    td_string!(
        locale,
        data.storage_used,
        count = quota,
        n = n(locale, quota),
        used = used,
        percent = percent
    )
    .to_string()
}

/// The changes of this tab that another tab's replacement left unapplied.
pub fn dropped_changes(locale: Locale, count: usize) -> String {
    td_string!(
        locale,
        status.dropped_count,
        count = count,
        n = n(locale, count)
    )
    .to_string()
}

/// The deals of a recovery copy that could not be read.
pub fn restore_lost(locale: Locale, count: usize) -> String {
    td_string!(
        locale,
        data.restore_lost,
        count = count,
        n = n(locale, count)
    )
    .to_string()
}

/// "5 deals will move to another direction…" when deleting a direction.
pub fn direction_delete_moves(locale: Locale, count: usize) -> String {
    td_string!(
        locale,
        dir.delete_moves,
        count = count,
        n = n(locale, count)
    )
    .to_string()
}

/// "5 deals will move to the stage you choose:" when deleting a stage.
pub fn stage_delete_moves(locale: Locale, count: usize) -> String {
    td_string!(
        locale,
        stage.delete_moves,
        count = count,
        n = n(locale, count)
    )
    .to_string()
}
