//! The contract between the board's Rust and its JS (`board.js`): the fields of a card and of a
//! column's own parts, named once here. Rust fills them by name ([`CardFields`],
//! [`ColumnFields`]) and packs them in the order of [`CARD`] and [`COLUMN`]; `board.js` takes
//! them apart in the same order under the same names, which `tests/board_fields.rs` checks
//! against the JS source (and a unit test below checks the packing against the names). Adding
//! a field means adding it to the struct, to the list and to the JS destructuring: a test
//! fails until all three agree.

/// Separates the fields of a card or a column on their way to `board.js`.
pub const SEP: char = '\u{1F}';
/// Separates one card from the next in `sync_cards`'s list.
pub const CARD_SEP: char = '\u{1E}';
/// Separates a card's key from its fields in `sync_cards`'s list.
pub const KEY_SEP: char = '\u{1D}';

/// A card's fields in `fill_card`'s order, by their names in `board.js`.
pub const CARD: [&str; 14] = [
    "id",
    "cls",
    "handle",
    "title",
    "company",
    "amount",
    "owner",
    "days",
    "stale",
    "taskState",
    "taskTitle",
    "taskLabel",
    "checklist",
    "moveLabel",
];

/// A column's own fields in `sync_column`'s order, by their names in `board.js`.
pub const COLUMN: [&str; 11] = [
    "stage",
    "kind",
    "collapsed",
    "color",
    "name",
    "toggleLabel",
    "stats",
    "weighted",
    "addLabel",
    "empty",
    "more",
];

/// What a card shows, as texts (an empty one shows nothing).
pub struct CardFields<'a> {
    /// The deal's id (`data-deal`).
    pub id: &'a str,
    /// The card's class (`deal-card`, `deal-card closed`).
    pub cls: &'a str,
    /// The drag handle's label.
    pub handle: &'a str,
    /// The deal's title.
    pub title: &'a str,
    /// The client's company.
    pub company: &'a str,
    /// The amount, formatted.
    pub amount: &'a str,
    /// The owner's name.
    pub owner: &'a str,
    /// "N days in stage".
    pub days: &'a str,
    /// The stale badge's text, empty when not stale.
    pub stale: &'a str,
    /// The task's state (`data-task-state`: open, overdue, done), empty without a task.
    pub task_state: &'a str,
    /// The task's title.
    pub task_title: &'a str,
    /// "Due …", "Overdue since …", "Done".
    pub task_label: &'a str,
    /// "2/3" of the checklist.
    pub checklist: &'a str,
    /// The "Move to…" button's label.
    pub move_label: &'a str,
}

impl CardFields<'_> {
    /// The fields joined in [`CARD`]'s order.
    pub fn pack(&self) -> String {
        pack(&[
            self.id,
            self.cls,
            self.handle,
            self.title,
            self.company,
            self.amount,
            self.owner,
            self.days,
            self.stale,
            self.task_state,
            self.task_title,
            self.task_label,
            self.checklist,
            self.move_label,
        ])
    }
}

/// What a column shows of itself, as texts.
pub struct ColumnFields<'a> {
    /// The stage's id (`data-column-body`).
    pub stage: &'a str,
    /// `open`, `won` or `lost` (`data-kind`).
    pub kind: &'a str,
    /// `1` when collapsed, else empty.
    pub collapsed: &'a str,
    /// The stage's color.
    pub color: &'a str,
    /// The stage's name.
    pub name: &'a str,
    /// The collapse button's label (closed stages only), else empty.
    pub toggle_label: &'a str,
    /// "N deals · sum".
    pub stats: &'a str,
    /// "weighted: sum", empty when the stage weighs nothing.
    pub weighted: &'a str,
    /// The "+" button's label.
    pub add_label: &'a str,
    /// "No deals", when empty.
    pub empty: &'a str,
    /// "Show N more", when cards are hidden.
    pub more: &'a str,
}

impl ColumnFields<'_> {
    /// The fields joined in [`COLUMN`]'s order.
    pub fn pack(&self) -> String {
        pack(&[
            self.stage,
            self.kind,
            self.collapsed,
            self.color,
            self.name,
            self.toggle_label,
            self.stats,
            self.weighted,
            self.add_label,
            self.empty,
            self.more,
        ])
    }
}

/// Whether a character would break `sync_cards`'s list (any of its three separators).
fn is_separator(c: char) -> bool {
    matches!(c, KEY_SEP | CARD_SEP | SEP)
}

/// Fields joined by [`SEP`]; a separator inside a field (a control character nobody types on
/// purpose) becomes a space.
fn pack(fields: &[&str]) -> String {
    let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(SEP);
        }
        if field.contains(is_separator) {
            out.push_str(&field.replace(is_separator, " "));
        } else {
            out.push_str(field);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_is_packed_at_its_names_place() {
        // Every field filled with its own name: the packed order is the list's.
        let [id, cls, handle, title, company, amount, owner, days, stale, task_state, task_title, task_label, checklist, move_label] =
            CARD;
        let card = CardFields {
            id,
            cls,
            handle,
            title,
            company,
            amount,
            owner,
            days,
            stale,
            task_state,
            task_title,
            task_label,
            checklist,
            move_label,
        };
        assert_eq!(card.pack().split(SEP).collect::<Vec<_>>(), CARD);
        let [stage, kind, collapsed, color, name, toggle_label, stats, weighted, add_label, empty, more] =
            COLUMN;
        let column = ColumnFields {
            stage,
            kind,
            collapsed,
            color,
            name,
            toggle_label,
            stats,
            weighted,
            add_label,
            empty,
            more,
        };
        assert_eq!(column.pack().split(SEP).collect::<Vec<_>>(), COLUMN);
    }

    #[test]
    fn a_separator_typed_into_a_field_becomes_a_space() {
        assert_eq!(pack(&["a\u{1F}b", "c\u{1E}d\u{1D}"]), "a b\u{1F}c d ");
    }
}
